"""The case file ("dossier") an officer reads, rendered from a scenario; and the instructors'
review page with the ground truth.

The officer's case file carries no ground truth: no decision, no urgency, no labels on the
information that must not go to Veilig Thuis (that noise is simply part of the file, as in real
police records). Wording varies per scenario through the phrase templates in
generator/data/zinnen.yaml, chosen by an RNG seeded from the scenario, so the same scenario
always renders byte-identically.
"""

from __future__ import annotations

import hashlib
import html
import random
from functools import cache
from pathlib import Path

import yaml

from policy.decide import GroundTruth, label, rules
from policy.surface import clock, long_date, weekday
from scenario.model import Person, Scenario, age_on

DATA = Path(__file__).resolve().parent / "data"
CHANNEL_WORDS = {
    "112": "112-melding", "0900-8844": "melding via 0900-8844", "balie": "melding aan de balie",
    "aangifte_op_afspraak": "aangifte op afspraak", "wijkagent_signaal": "signaal aan de wijkagent",
    "school": "signaal van school", "zorgprofessional": "signaal van een zorgprofessional",
}


@cache
def phrases() -> dict:
    return yaml.safe_load((DATA / "zinnen.yaml").read_text(encoding="utf-8"))


def _rng(scenario: Scenario) -> random.Random:
    digest = hashlib.sha256(f"{scenario.id}|{scenario.seed}|casefile".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _name(p: Person) -> str:
    return p.full_name if p.name_known else (p.occupation or "een onbekende persoon")


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?\"" else text + "."


def render_casefile(scenario: Scenario) -> str:
    """The officer's case file, in Dutch Markdown."""
    s, rng, ph = scenario, _rng(scenario), phrases()
    persons = {p.id: p for p in s.persons}
    inc = s.incident
    day = inc.start.date()
    place = s.address(inc.address_id)
    fill = {"tijd": clock(inc.start), "datum": f"{weekday(day)} {long_date(day)}",
            "adres": place.line()}
    out = [f"# Dossier {s.id}", "",
           f"**{rng.choice(ph['kop_rol'][s.officer.role])}** · eenheid {inc.eenheid}, basisteam "
           f"{inc.basisteam} · {fill['datum']}, {fill['tijd']} · registratienummer "
           f"{s.officer.registration_number} · {CHANNEL_WORDS[inc.involvement.channel]}", ""]

    caller = persons.get(inc.involvement.caller_id or "")
    caller_text = _name(caller) if caller else "een melder"
    if caller is not None and caller.occupation and "derde" in caller.roles:
        caller_text = f"{caller.full_name}, {caller.occupation}"
    melder_zin = _sentence(inc.involvement.summary)
    out += ["## Melding",
            rng.choice(ph["melding"][inc.involvement.channel]).format(
                melder=caller_text, melder_zin=melder_zin, **fill)]
    if caller is not None and "derde" in caller.roles and caller.phone:
        out.append(rng.choice(ph["melder_contact"]).format(naam=caller.full_name,
                                                            telefoon=caller.phone))
    out.append("")

    out += ["## Situatie", rng.choice(ph["aankomst"][s.officer.role]).format(**fill)]
    for o in s.observations:
        template = rng.choice(ph["waarneming_indirect"] if o.indirect
                              else ph["waarneming"][o.sense])
        out.append(f"- {template.format(tekst=o.text)}")
    seen = " ".join(o.text.lower() for o in s.observations)
    for c in s.children:
        kid = persons[c.person_id]
        bits = [f"{kid.first_name} ({age_on(kid.birth_date, day)} jaar) was {c.whereabouts}"]
        if c.state and c.state.lower() not in seen:
            bits.append(f"{kid.first_name} {c.state}")
        out.append(f"- {_sentence('; '.join(bits))}")
    out.append("")

    out += ["## Betrokkenen", "", "| naam | geboren | adres | rol | bijzonderheden |",
            "| --- | --- | --- | --- | --- |"]
    for p in s.persons:
        if "derde" in p.roles and "melder" in p.roles and not p.occupation:
            continue  # the caller is in the meldkamer log above
        born = p.birth_date.strftime("%d-%m-%Y") if p.birth_date else "onbekend"
        address = s.address(p.address_id).line() if p.address_id else "onbekend"
        details = ", ".join([*p.notes, *( [p.occupation] if p.occupation else [])])
        out.append(f"| {_name(p)} | {born} | {address} | {', '.join(p.roles)} | {details} |")
    out.append("")
    for r in s.relations:
        a, b = persons[r.a], persons[r.b]
        if "derde" in a.roles or "derde" in b.roles:
            continue
        together = "wonen samen" if r.living_together else "wonen niet samen"
        detail = f" ({r.detail})" if r.detail else ""
        out.append(f"- {_name(a)} is {r.kind.replace('_', '/')} van {_name(b)}; "
                   f"{together}{detail}.")
    out.append("")

    out += ["## Verklaringen"]
    for st in s.statements:
        speaker = _name(persons[st.speaker_id])
        intro = rng.choice(ph["verklaring_inleiding"]).format(naam=speaker)
        line = f"- {intro} {_sentence(st.text)}"
        if st.quote and st.quote.lower() not in st.text.lower():
            line += " " + rng.choice(ph["citaat"]).format(citaat=st.quote, naam=speaker)
        out.append(line)
    if not s.statements:
        out.append("- Geen verklaringen opgenomen.")
    out.append("")

    out += ["## Eerdere registraties", rng.choice(ph["bvh"])]
    known = [h for h in s.history if h.known_to_police]
    told = [h for h in s.history if not h.known_to_police]
    noise = {n.kind: [] for n in s.not_for_vt}
    for n in s.not_for_vt:
        noise[n.kind].append(n)
    out += [f"- {h.when}: {h.description}." for h in known]
    out += [rng.choice(ph["ruis"]["ongerelateerde_antecedenten"]).format(tekst=_sentence(n.text)
                                                                          .rstrip("."))
            for n in noise.pop("ongerelateerde_antecedenten", [])]
    if out[-1] in ph["bvh"]:
        out.append("- Geen eerdere registraties.")
    for h in told:
        out.append(f"- Niet geregistreerd, volgens betrokkenen: {h.description} ({h.when}).")
    out.append("")

    out += ["## Genomen maatregelen"]
    out += [f"- {_sentence(a.description)}" for a in s.actions] or ["- Nog geen."]
    for inf in s.informed:
        p = persons[inf.person_id]
        if inf.informed:
            how = "" if "veilig thuis" in inf.how.lower() else f" ({inf.how})"
            reaction = f"; reactie: {inf.reaction}" if inf.reaction else ""
            out.append(f"- {_name(p)} is verteld dat de politie Veilig Thuis "
                       f"informeert{how}{reaction}.")
        else:
            out.append(f"- {_name(p)} is (nog) niet ingelicht over de melding.")
    out.append("")

    # The caller's own details are already in the meldkamer log above.
    noise.pop("derde_persoonsgegevens", None)
    rest = [rng.choice(ph["ruis"].get(kind, ["{tekst}."])).format(tekst=n.text.rstrip("."))
            for kind, items in noise.items() for n in items]
    if rest:
        out += ["## Overige informatie", *(f"- {_sentence(x)}" for x in rest), ""]
    return "\n".join(out)


def render_review(scenario: Scenario, gt: GroundTruth) -> str:
    """The case file followed by the assessment frame, for instructors only."""
    persons = {p.id: p for p in scenario.persons}
    yes_no = {True: "ja", False: "nee"}
    urgency = {"acuut": "acuut", "niet_acuut": "niet acuut", None: "n.v.t."}[gt.urgency]
    out = [render_casefile(scenario), "## Beoordelingskader (alleen voor instructeurs)", "",
           f"- **Melding aan Veilig Thuis:** {yes_no[gt.melding]} — {gt.explanation['melding']}",
           f"- **Urgentie:** {urgency}"
           + (f" — {gt.explanation['urgentie']}" if gt.explanation["urgentie"] else ""),
           f"- **Betrokkenen geïnformeerd:** {gt.informed.value or 'n.v.t.'} — "
           f"{gt.explanation['informeren']}"]
    for w in gt.informed.withheld:
        out.append(f"  - niet inlichten: {_name(persons[w.person_id])}")
    out += [f"- **Huisverbod:** {'van toepassing' if gt.huisverbod.applies else 'niet aan de orde'}"
            f"{', opgelegd' if gt.huisverbod.imposed else ''} — {gt.explanation['huisverbod']}",
            "", "**Signalen:** " + "; ".join(label(x) for x in gt.signals), ""]
    elements = rules()["elementen"]
    by_element: dict[str, list] = {}
    for f in gt.required:
        by_element.setdefault(f.element, []).append(f)
    if by_element:
        out += ["### Wat een complete melding bevat", ""]
    for element, facts in by_element.items():
        info = elements[element]
        out.append(f"**{info['naam']}**{' (kritiek)' if info['kritiek'] else ''}")
        out += [f"- {f.label}" for f in facts]
        out.append("")
    out += ["### Niet voor Veilig Thuis", ""]
    out += [f"- {n.text}" for n in gt.not_for_vt] or ["- (niets)"]
    return "\n".join(out) + "\n"


_CSS = """
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1b1b1b; }
h1, h2, h3 { color: #15325b; } table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #c8cdd4; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef1f5; } code { background: #f3f3f3; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
"""


def to_html(markdown_text: str, title: str) -> str:
    """A standalone HTML5 page. Raw HTML in the text is escaped, never passed through."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    body = md.render(markdown_text)
    return (f'<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            f"{body}</body>\n</html>\n")
