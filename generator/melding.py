"""Write a melding for a scenario, as an officer would, from excellent to poor.

Used for the course's worked examples (a model melding with all the facts, observed kept apart
from stated), for demo submissions of varied quality, and to test the grader on every kind of
generated scenario. The writer reads the scenario and its ground truth; how good the melding is
comes from `Quality`: which parts are written, whether noise leaks in, whether a decision is
wrong, whether judgemental words creep in.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from policy.decide import GroundTruth
from policy.signals import involved
from policy.surface import clock, long_date, weekday
from scenario.model import Person, Scenario, age_on

SECTIONS = ("aanleiding", "betrokkenen", "kinderen", "waargenomen", "verklaringen", "letsel",
            "eerdere", "maatregelen", "zorgen", "geinformeerd", "melder")


@dataclass(frozen=True, slots=True)
class Quality:
    """How well the melding is written. The default is a model melding."""

    # Share of optional content kept (1.0 = everything).
    completeness: float = 1.0
    leak_noise: bool = False
    wrong_decision: bool = False
    judgemental: bool = False
    # Write statements and observations together instead of apart.
    mixed_sources: bool = False
    leave_guidance: bool = False


MODEL = Quality()
LEVELS = {
    "uitstekend": MODEL,
    "goed": Quality(completeness=0.8),
    "matig": Quality(completeness=0.55, mixed_sources=True, leak_noise=True),
    "zwak": Quality(completeness=0.3, mixed_sources=True, leak_noise=True, judgemental=True,
                    leave_guidance=True),
    "fout_besluit": Quality(completeness=0.7, wrong_decision=True),
}

_WRONG = {"ja": "nee", "nee": "ja", "acuut": "niet acuut", "niet_acuut": "acuut", "deels": "ja"}


def _date(p: Person) -> str:
    return p.birth_date.strftime("%d-%m-%Y") if p.birth_date else "geboortedatum onbekend"


def _name(p: Person) -> str:
    return p.full_name if p.name_known else (p.occupation or "onbekende persoon")


def write(scenario: Scenario, gt: GroundTruth, quality: Quality = MODEL,
          rng: random.Random | None = None) -> str:
    rng = rng or random.Random(0)
    s = scenario
    day = s.incident.start.date()
    persons = {p.id: p for p in s.persons}
    keep = (lambda: rng.random() < quality.completeness) if quality.completeness < 1 else (
        lambda: True)

    melding = "ja" if gt.melding else "nee"
    urgency = {"acuut": "acuut", "niet_acuut": "niet acuut", None: "n.v.t."}[gt.urgency]
    informed = gt.informed.value or "n.v.t."
    if quality.wrong_decision:
        melding = _WRONG[melding]
    lines = ["# Melding aan Veilig Thuis", "", "## Besluit",
             f"- Melding aan Veilig Thuis: {melding}",
             f"- Urgentie: {urgency}",
             f"- Betrokkenen geïnformeerd over de melding: {informed}",
             f"- Toelichting: {gt.explanation['melding']} {gt.explanation['urgentie']}".rstrip(),
             ""]

    inc = s.incident
    place = s.address(inc.address_id)
    caller = persons.get(inc.involvement.caller_id or "")
    who = ("een buurtbewoner" if caller and "derde" in caller.roles and not caller.occupation
           else (caller.occupation if caller and caller.occupation else
                 (_name(caller) if caller else "een melder")))
    channel = {"112": "belde 112", "0900-8844": "belde 0900-8844", "balie": "kwam aan de balie",
               "aangifte_op_afspraak": "kwam op afspraak naar het bureau",
               "wijkagent_signaal": "sprak de wijkagent aan", "school": "belde de wijkagent",
               "zorgprofessional": "nam contact op met de politie"}[inc.involvement.channel]
    lines += ["## Aanleiding",
              f"Op {weekday(day)} {long_date(day)} om {clock(inc.start)}, {place.line()}"
              f"{' (' + inc.location_detail + ')' if inc.location_kind != 'woning' else ''}: "
              f"{who} {channel}.", ""]
    if quality.leak_noise and caller is not None and "derde" in caller.roles:
        lines[-2] += f" Melder: {caller.full_name}, {caller.phone}."

    lines += ["## Betrokkenen"]
    for p in s.persons:
        if not involved(p) or p.minor:
            continue
        if p.name_known and keep():
            address = s.address(p.address_id).line() if p.address_id else "adres onbekend"
            lines.append(f"- {_name(p)}, geboren {_date(p)}, {', '.join(p.roles)}, "
                         f"woont {address}.")
        elif not p.name_known:
            lines.append(f"- {_name(p)}, naam onbekend, {', '.join(p.roles)}.")
    for r in s.relations:
        a, b = persons[r.a], persons[r.b]
        if involved(a) and involved(b) and keep():
            together = "wonen samen" if r.living_together else "wonen niet samen"
            lines.append(f"- {a.first_name if a.name_known else _name(a)} is "
                         f"{r.kind.replace('_', '/')} van {_name(b)}; {together}"
                         f"{'; ' + r.detail if r.detail else ''}.")
    lines.append("")

    lines += ["## Kinderen"]
    if not s.children:
        lines.append("Geen minderjarigen betrokken.")
    for c in s.children:
        kid = persons[c.person_id]
        if not keep():
            continue
        carer = persons.get(c.cared_for_by)
        care = _name(carer) if carer else c.cared_for_by
        seen = f" {kid.first_name} {c.witnessed}." if c.witnessed else ""
        lines.append(f"- {_name(kid)}, geboren {_date(kid)} "
                     f"({age_on(kid.birth_date, day)} jaar): {c.whereabouts}.{seen}"
                     f"{' ' + c.state.capitalize() + '.' if c.state else ''} "
                     f"Zorg nu: {care}.")
    lines.append("")

    observed = [f"- {o.text}." for o in s.observations if keep()]
    stated = []
    for st in s.statements:
        if not keep():
            continue
        speaker = _name(persons[st.speaker_id])
        quote = f' Letterlijk: "{st.quote}".' if st.quote else ""
        stated.append(f"- {speaker} verklaarde: {st.text}{quote}")
    lines += ["## Feiten"]
    if quality.mixed_sources:
        lines += [" ".join(x.lstrip("- ").replace(" verklaarde:", ":") for x in
                           observed + stated), ""]
    else:
        lines += ["### Waargenomen", *observed, "### Verklaringen", *stated, ""]

    lines += ["## Letsel, middelen en dreiging"]
    for i in s.injuries:
        if keep():
            lines.append(f"- {_name(persons[i.person_id])}: {i.kind} ({i.location})"
                         f"{', ' + i.medical_care if i.medical_care else ''}.")
    for w in s.weapons:
        if keep():
            lines.append(f"- Voorwerp: {w.kind} ({w.use}).")
    for t in s.threats:
        if keep():
            said = f': "{t.quote}"' if t.quote else ""
            lines.append(f"- {t.kind.replace('_', ' ').capitalize()}{said}.")
    lines.append("")

    lines += ["## Eerdere incidenten en risicofactoren"]
    if not s.history:
        lines.append("- Geen eerdere registraties bekend.")
    for h in s.history:
        if keep():
            known = "bekend bij de politie" if h.known_to_police else "volgens betrokkenen"
            lines.append(f"- {h.when}: {h.description} ({known}).")
    for r in s.risk_factors:
        if keep():
            lines.append(f"- Risicofactor: {r.evidence}.")
    lines.append("")

    lines += ["## Genomen maatregelen"]
    lines += [f"- {a.description[0].upper()}{a.description[1:]}." for a in s.actions if keep()]
    lines.append("")

    lines += ["## Zorgen"]
    if gt.urgency and keep():
        kind = ("acute onveiligheid" if gt.urgency == "acuut" else "structurele onveiligheid")
        lines.append(f"Ik maak mij zorgen: er is sprake van {kind}.")
    lines.append("")

    lines += ["## Geïnformeerd"]
    for inf in s.informed:
        if not keep():
            continue
        p = persons[inf.person_id]
        if inf.informed:
            lines.append(f"- {_name(p)} is ingelicht over de melding ({inf.how}); "
                         f"{inf.reaction or 'geen reactie'}.")
        else:
            lines.append(f"- {_name(p)} is bewust niet ingelicht: {inf.reason_not}")
    lines.append("")

    o = s.officer
    lines += ["## Melder",
              f"{o.name}, {o.rank}, eenheid {o.eenheid}, basisteam {o.basisteam}, "
              f"registratienummer {o.registration_number}, bereikbaar op {o.phone}.", ""]

    if quality.leak_noise:
        extra = [n.text for n in s.not_for_vt[1:3]]
        if extra:
            lines.insert(-3, "Overig: " + "; ".join(extra) + ".")
    if quality.judgemental:
        lines.insert(-3, "De verdachte deed nogal hysterisch en overdreven, typisch zo'n "
                         "situatie.")
    if quality.leave_guidance:
        lines.insert(lines.index("## Zorgen") + 1,
                     "(uw eigen inschatting, los van de feiten: acute of structurele "
                     "onveiligheid?)")
    return "\n".join(lines)
