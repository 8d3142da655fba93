"""The referral decision: scenario in, ground truth out.

This is the one place that decides, for any scenario, whether the police must make a melding to
Veilig Thuis, how urgent it is, who is told, whether a huisverbod is at issue, what a complete
report contains and what must stay out of it, each with a Dutch explanation. The generator uses
it to shape the police response, the grader scores against it, the course explains with it.

Pure: no I/O beyond reading the reviewed rule files once.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from policy import signals as sig
from policy import surface
from scenario.model import NotForVt, Person, Scenario

HERE = Path(__file__).resolve().parent

Urgency = Literal["acuut", "niet_acuut"]
InformValue = Literal["ja", "nee", "deels"]


@cache
def rules() -> dict[str, Any]:
    return yaml.safe_load((HERE / "rules.yaml").read_text(encoding="utf-8"))


@cache
def terms() -> dict[str, Any]:
    return yaml.safe_load((HERE / "terms.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True, kw_only=True)
class PolicySettings:
    """Settings a programme may change; None means the value in rules.yaml."""

    # DOMAIN.md §2 ⚠: how many adults-only signals make a melding.
    adults_only_min_signals: int | None = None

    def adults_only_min(self) -> int:
        if self.adults_only_min_signals is not None:
            return self.adults_only_min_signals
        return int(rules()["melding"]["alleen_volwassenen"]["minimaal"])


DEFAULT_SETTINGS = PolicySettings()


@dataclass(slots=True, kw_only=True)
class RequiredFact:
    """One fact a complete report must contain."""

    element: str
    key: str
    label: str
    critical: bool
    # Alternative ways to write the fact: any one of them in the report is enough.
    accept: list[str]
    # Loose evidence words: the fact also counts as present when at least `min_keywords` of
    # them stand together in one sentence of the report.
    keywords: list[str] = field(default_factory=list)
    min_keywords: int = 2
    # Groups of alternatives that must ALL occur in one sentence (e.g. a name and "ingelicht").
    together: list[list[str]] = field(default_factory=list)
    person_id: str | None = None
    # Keys of other facts that show this one too: children described at the scene show that
    # children were present; the suspect's own statement shows the denial.
    implied_by: list[str] = field(default_factory=list)


INVERSE_RELATION = {"kind": "ouder", "ouder": "kind", "stiefkind": "stiefouder",
                    "stiefouder": "stiefkind", "kleinkind": "grootouder", "grootouder": "kleinkind"}


def _shown_by(source: str | None, person_id: str | None, s: Scenario,
              facts: list[RequiredFact]) -> list[str]:
    """Keys of the facts that show a risk factor (terms.yaml `blijkt_uit`)."""
    if source == "kinderen_ter_plaatse":
        return [f.key for f in facts if f.key.startswith("kinderen.")
                and f.key.endswith((".waar", ".gezien"))]
    if source == "eigen_verklaring":
        return [f"verklaring.{st.id}" for st in s.statements if st.speaker_id == person_id]
    return []


@dataclass(slots=True, kw_only=True)
class Withheld:
    person_id: str
    reason: str


@dataclass(slots=True, kw_only=True)
class InformDecision:
    value: InformValue | None
    inform: list[str] = field(default_factory=list)
    withheld: list[Withheld] = field(default_factory=list)
    explanation: str = ""


@dataclass(slots=True, kw_only=True)
class HuisverbodDecision:
    applies: bool
    imposed: bool
    suspect_ids: list[str]
    rihg_red: dict[str, int]
    explanation: str


@dataclass(slots=True, kw_only=True)
class GroundTruth:
    scenario_id: str
    policy_version: int
    melding: bool
    urgency: Urgency | None
    informed: InformDecision
    huisverbod: HuisverbodDecision
    signals: list[str]
    melding_reasons: list[str]
    urgency_reasons: list[str]
    required: list[RequiredFact]
    not_for_vt: list[NotForVt]
    explanation: dict[str, str]


def label(signal: str) -> str:
    return rules()["signalen"].get(signal, signal)


def _join(items: list[str]) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " en " + items[-1]


def _text(template: str, reasons: list[str] = (), names: list[str] = ()) -> str:
    return " ".join(
        template.format(redenen=_join([label(r) for r in reasons]), namen=_join(list(names)))
        .split()
    )


def _names(persons: list[Person]) -> list[str]:
    return [p.full_name if p.name_known else (p.occupation or "onbekend") for p in persons]


# --- the three decisions -------------------------------------------------------------------


def decide_melding(
    scenario: Scenario, fired: frozenset[str], settings: PolicySettings = DEFAULT_SETTINGS
) -> tuple[bool, list[str], str]:
    """(melding required, the signals that decided it, the Dutch explanation)."""
    cfg = rules()["melding"]
    no_suspicion_without = set(rules()["vermoeden"]["geen_vermoeden_zonder"])
    minors = sig.involved_minors(scenario)
    if "minderjarige_betrokken" in fired:
        return True, ["minderjarige_betrokken"], _text(
            cfg["minderjarigen"]["uitleg"], names=_names(minors)
        )
    if "geen_geweld" in fired and not (fired & no_suspicion_without):
        return False, ["geen_geweld"], _text(cfg["geen_vermoeden"]["uitleg"], ["geen_geweld"])
    adult = cfg["alleen_volwassenen"]
    hits = [s for s in adult["signalen"] if s in fired]
    if len(hits) >= settings.adults_only_min():
        return True, hits, _text(adult["uitleg_ja"], hits)
    return False, [], _text(adult["uitleg_nee"])


def decide_urgency(melding: bool, fired: frozenset[str]) -> tuple[Urgency | None, list[str], str]:
    if not melding:
        return None, [], ""
    cfg = rules()["urgentie"]
    hits = [s for s in cfg["acuut"]["signalen"] if s in fired]
    if hits:
        return "acuut", hits, _text(cfg["acuut"]["uitleg"], hits)
    structural = [
        s for s in ("herhaling", "stalking", "afhankelijke_volwassene", "minderjarige_getuige",
                    "minderjarige_betrokken", "letsel", "wapen")
        if s in fired
    ]
    return "niet_acuut", structural, _text(cfg["niet_acuut"]["uitleg"], structural)


def _inform_candidates(scenario: Scenario) -> list[Person]:
    """Who should hear about the melding under 'open melden': the adults involved (or their
    representative when a victim cannot be told) and children of 12 or older."""
    min_age = int(rules()["informeren"]["kind_leeftijd_inlichten"])
    day = scenario.incident.start.date()
    has_representative = bool(scenario.with_role("vertegenwoordiger"))
    out = []
    for p in scenario.persons:
        if not p.name_known or not sig.involved(p):
            continue
        if p.minor:
            if p.birth_date is None or _age(p, day) < min_age:
                continue
            if not ({"slachtoffer", "verdachte"} & set(p.roles)):
                continue
        elif set(p.roles) <= {"getuige", "familielid"}:
            continue
        if has_representative and "slachtoffer" in p.roles and "wilsonbekwaam" in p.notes:
            continue
        out.append(p)
    return out


def _age(person: Person, day) -> int:
    from scenario.model import age_on

    return age_on(person.birth_date, day) if person.birth_date else 99


def _family_of(scenario: Scenario, victim_ids: set[str]) -> set[str]:
    family = {s.id for s in sig.suspects(scenario)}
    for r in scenario.relations:
        if r.kind in sig.FAMILY_RELATIONS:
            if r.a in victim_ids:
                family.add(r.b)
            if r.b in victim_ids:
                family.add(r.a)
    family.update(p.id for p in scenario.with_role("ouder"))
    return family - victim_ids


def decide_informing(scenario: Scenario, melding: bool, fired: frozenset[str]) -> InformDecision:
    if not melding:
        return InformDecision(value=None, explanation="Geen melding, dus niemand in te lichten.")
    cfg = rules()["informeren"]
    candidates = _inform_candidates(scenario)
    victim_ids = {v.id for v in sig.victims(scenario)}
    for exc in cfg["uitzonderingen"]:
        if exc["signaal"] not in fired:
            continue
        if exc.get("alleen_als") == "verdachte_woont_bij_slachtoffer" and not (
            sig.suspect_lives_with_victim(scenario)
        ):
            continue
        if exc["niet_inlichten"] == "familie":
            blocked = _family_of(scenario, victim_ids)
        else:
            blocked = {s.id for s in sig.suspects(scenario)}
        reason = " ".join(exc["reden"].split())
        withheld = [Withheld(person_id=p.id, reason=reason) for p in candidates if p.id in blocked]
        inform = [p.id for p in candidates if p.id not in blocked]
        if not withheld:
            continue
        value: InformValue = "deels" if inform else "nee"
        return InformDecision(value=value, inform=inform, withheld=withheld, explanation=reason)
    return InformDecision(
        value="ja",
        inform=[p.id for p in candidates],
        explanation=" ".join(cfg["uitleg_ja"].split()),
    )


def decide_huisverbod(scenario: Scenario) -> HuisverbodDecision:
    cfg = rules()["huisverbod"]
    imposed = scenario.has_action("huisverbod")
    victim_addresses = {v.address_id for v in sig.victims(scenario) if v.address_id}
    eligible = [
        s for s in sig.suspects(scenario)
        if not s.minor and s.address_id in victim_addresses and s.name_known
    ]
    risks = {r.key for r in scenario.risk_factors}
    red = {
        part: sum(1 for key, colour in signals.items() if colour == "rood" and key in risks)
        for part, signals in cfg["rihg"].items()
    }
    danger = max(red.values(), default=0) >= int(cfg["minimaal_rood_per_onderdeel"])
    applies = bool(eligible) and danger
    if applies:
        red_keys = [
            k for part in cfg["rihg"].values()
            for k, c in part.items() if c == "rood" and k in risks
        ]
        labels = [rules_risk_label(k) for k in red_keys]
        explanation = " ".join(
            cfg["uitleg_ja"].format(namen=_join(_names(eligible)), redenen=_join(labels)).split()
        )
    else:
        if not sig.suspects(scenario):
            why = "er is geen verdachte in beeld"
        elif not eligible:
            why = "geen verdachte is meerderjarig én woont op het adres van het slachtoffer"
        else:
            why = "de RiHG-signalen wijzen niet op ernstig en onmiddellijk gevaar"
        explanation = " ".join(cfg["uitleg_nee"].format(redenen=why).split())
    return HuisverbodDecision(
        applies=applies,
        imposed=imposed,
        suspect_ids=[s.id for s in eligible],
        rihg_red=red,
        explanation=explanation,
    )


def rules_risk_label(key: str) -> str:
    return terms()["risicofactoren"].get(key, {}).get("label", key.replace("_", " "))


# --- what a complete report contains ------------------------------------------------------

# Dutch function words that carry no evidence on their own.
_STOP = frozenset({
    "aan", "al", "als", "bij", "dan", "dat", "de", "deze", "die", "dit", "door", "een", "en",
    "er", "haar", "had", "hebben", "heeft", "hem", "het", "hij", "in", "is", "maar", "met",
    "naar", "niet", "nog", "nu", "of", "om", "ook", "op", "over", "te", "toen", "tot", "uit",
    "van", "voor", "waar", "was", "wat", "wel", "werd", "wie", "wordt", "zich", "zij", "zijn",
    "zo", "kind", "kinderen", "blijven", "blijft", "gaat", "komt", "doet", "zegt", "zei",
})


def content_words(text: str, limit: int = 4) -> list[str]:
    """The first few meaningful words of a text, as loose evidence terms."""
    words = re.findall(r"[a-zà-ÿ0-9-]{3,}", text.lower())
    return list(dict.fromkeys(w for w in words if w not in _STOP))[:limit]


def _required_facts(scenario: Scenario, gt_informed: InformDecision, urgency) -> list[RequiredFact]:
    elements = rules()["elementen"]
    t = terms()
    s = scenario
    day = s.incident.start.date()
    facts: list[RequiredFact] = []

    names = {w.lower() for p in s.persons for w in (p.first_name, p.roepnaam, p.surname) if w}

    def add(element: str, key: str, label_: str, accept: list[str], pid: str | None = None,
            keywords: list[str] = (), together: list[list[str]] = (),
            implied_by: list[str] = ()):
        # Names say nothing about which fact a sentence states: keep them out of keyword bags.
        words = [w for w in dict.fromkeys(keywords) if w and w not in names]
        facts.append(
            RequiredFact(
                element=element,
                key=key,
                label=label_,
                critical=bool(elements[element]["kritiek"]),
                accept=[a for a in dict.fromkeys(accept) if a],
                keywords=words,
                min_keywords=min(2, len(words)),
                together=[list(g) for g in together],
                person_id=pid,
                implied_by=list(implied_by),
            )
        )

    minors = {p.id for p in sig.involved_minors(s)}
    for p in s.persons:
        if not sig.involved(p) or p.id in minors:
            continue
        if not p.name_known:
            # The description as written ("vader niet in beeld"): its own negation is part of
            # it, which loose keywords cannot see.
            plain = re.sub(r"[()]", " ", p.occupation or "").split()
            add("personalia", f"personalia.{p.id}.omschrijving", f"omschrijving van de "
                f"{p.occupation or 'onbekende betrokkene'}", [" ".join(plain)], p.id,
                keywords=content_words(p.occupation, 3))
            continue
        add("personalia", f"personalia.{p.id}.naam", f"naam van {p.full_name}",
            surface.name_forms(p), p.id)
        if p.birth_date:
            add("personalia", f"personalia.{p.id}.geboortedatum",
                f"geboortedatum of leeftijd van {p.full_name}", surface.birth_forms(p, day), p.id)
        if p.address_id:
            a = s.address(p.address_id)
            add("personalia", f"personalia.{p.id}.adres", f"adres van {p.full_name}",
                [f"{a.street} {a.number}", a.postcode, a.city], p.id)

    by_id = {p.id: p for p in s.persons}
    # Relations between the involved people (partner, ex, parent and child, carer). A pair of
    # people may be related in more than one way
    # (a son who is also his father's carer): naming either says how they relate, so a pair's
    # kinds form one fact. One fact per distinct set of kinds, plus where people live.
    pairs: dict[frozenset[str], list] = {}
    for r in s.relations:
        pa, pb = by_id.get(r.a), by_id.get(r.b)
        if not pa or not pb or not (sig.involved(pa) and sig.involved(pb)):
            continue
        pairs.setdefault(frozenset((r.a, r.b)), []).append(r)
    seen_kinds: set[tuple[str, ...]] = set()
    for rels in pairs.values():
        kinds = tuple(sorted({r.kind for r in rels}))
        if kinds in seen_kinds:
            continue
        seen_kinds.add(kinds)
        first = rels[0]
        pa, pb = by_id[first.a], by_id[first.b]
        # Either side's word names the relation: "zoon" or "moeder" both say parent and child.
        words = [w for kind in kinds for k in (kind, INVERSE_RELATION.get(kind))
                 for w in t["relaties"].get(k or "", [])]
        if {"ouder"} <= set(pa.roles) and {"ouder"} <= set(pb.roles):
            words += ["ouders", "vader", "moeder"]  # "vader … moeder" names the couple
        named = " en ".join(k.replace("_", "/") for k in kinds)
        add("relaties", f"relaties.{'+'.join(kinds)}", f"relatie: {_names([pa])[0]} is "
            f"{named} van {_names([pb])[0]}", words)
    if any(sig.involved(p) for p in s.persons):
        add("relaties", "relaties.woonsituatie", "wie waar woont (samen of apart)",
            list(t["woonsituatie"]))

    for child in s.children:
        p = by_id[child.person_id]
        add("kinderen", f"kinderen.{p.id}.naam", f"naam van {p.full_name}",
            surface.name_forms(p), p.id)
        add("kinderen", f"kinderen.{p.id}.geboortedatum",
            f"geboortedatum of leeftijd van {p.full_name}", surface.birth_forms(p, day), p.id)
        # Where the child was and what it saw or heard are one point to the labellers
        # ("where it was / what it saw"): either shows the other.
        add("kinderen", f"kinderen.{p.id}.waar", f"waar {p.first_name} was",
            [child.whereabouts], p.id, keywords=content_words(child.whereabouts),
            implied_by=[f"kinderen.{p.id}.gezien"] if child.witnessed else [])
        if child.witnessed:
            add("kinderen", f"kinderen.{p.id}.gezien", f"wat {p.first_name} zag of hoorde",
                [child.witnessed], p.id, keywords=content_words(child.witnessed),
                implied_by=[f"kinderen.{p.id}.waar"])
        if child.cared_for_by:
            carer = by_id.get(child.cared_for_by)
            label_ = f"wie nu voor {p.first_name} zorgt"
            if carer is not None:
                # A carer's name is everywhere in a report: it must stand with a word of care
                # ("de kinderen blijven bij moeder").
                is_parent = any({r.a, r.b} == {p.id, carer.id} and r.kind in ("kind", "ouder")
                                for r in s.relations)
                parent = ((["moeder", "mama", "ouders"] if carer.sex == "V" else
                           ["vader", "papa", "ouders"]) if is_parent else [])
                add("kinderen", f"kinderen.{p.id}.zorg", label_, [], p.id,
                    together=[surface.name_forms(carer) + parent, t["zorg_nu"]])
            else:
                head = child.cared_for_by.split("(")[0].strip()  # "tante (zus van Kim)"
                add("kinderen", f"kinderen.{p.id}.zorg", label_, [child.cared_for_by, head],
                    p.id, keywords=content_words(child.cared_for_by))

    inc = s.incident
    add("feiten", "feiten.datum", "datum van het incident",
        [*surface.date_forms(inc.start.date()), surface.weekday(inc.start.date())])
    add("feiten", "feiten.tijd", "tijdstip van het incident", surface.time_forms(inc.start))
    place = s.address(inc.address_id)
    add("feiten", "feiten.plaats", "plaats van het incident",
        [f"{place.street} {place.number}", place.postcode, place.street,
         *( [inc.location_detail] if inc.location_kind != "woning" else [])])
    caller = by_id.get(inc.involvement.caller_id or "")
    caller_words = list(t["kanalen"].get(inc.involvement.channel, []))
    if caller is not None:
        caller_words += [w for r in s.relations if caller.id in (r.a, r.b) and r.kind == "buur"
                         for w in t["relaties"]["buur"]]
        if sig.involved(caller):
            caller_words += surface.name_forms(caller)
    add("feiten", "feiten.melder", "wie belde of meldde", caller_words)

    for o in s.observations:
        add("bronvermelding", f"waarneming.{o.id}", f"waarneming: {o.text}", [],
            keywords=content_words(o.text, 6))
    for st in s.statements:
        speaker = by_id[st.speaker_id]
        add("bronvermelding", f"verklaring.{st.id}",
            f"verklaring van {speaker.full_name if speaker.name_known else 'onbekende'}: "
            f"{st.text}", [st.quote], st.speaker_id, keywords=content_words(st.text, 6))

    for i, inj in enumerate(s.injuries):
        add("letsel", f"letsel.{i}", f"letsel: {inj.kind} ({inj.location})",
            [inj.kind], inj.person_id, keywords=content_words(inj.kind + " " + inj.location))
    for i, w in enumerate(s.weapons):
        add("wapens_dreiging", f"wapen.{i}", f"voorwerp: {w.kind} ({w.use})", [w.kind],
            keywords=content_words(w.use, 4))
    for i, th in enumerate(s.threats):
        add("wapens_dreiging", f"dreiging.{i}", f"bedreiging: {th.quote or th.kind}",
            [th.quote, *t["risicofactoren"][
                "doodsbedreiging" if th.kind == "doodsbedreiging" else "bedreiging"]["termen"]],
            keywords=content_words(th.quote, 6))
    for i, h in enumerate(s.history):
        add("eerdere_incidenten", f"eerder.{i}", f"eerder: {h.description} ({h.when})",
            surface.when_forms(h.when), keywords=content_words(h.description, 4))
    if not s.history:
        add("eerdere_incidenten", "eerder.geen", "dat er geen eerdere incidenten bekend zijn",
            list(t["geen_eerdere"]))
    for r in s.risk_factors:
        info = t["risicofactoren"].get(r.key, {"label": r.key, "termen": []})
        add("risicofactoren", f"risico.{r.key}", f"risicofactor: {info['label']}",
            list(info["termen"]), r.person_id,
            implied_by=_shown_by(info.get("blijkt_uit"), r.person_id, s, facts))
    per_kind = Counter(a.kind for a in s.actions)
    for i, a in enumerate(s.actions):
        # A general kind's word ("overleg", "gesprek") only counts next to what made this
        # measure this one ("overleg" with "crisisdienst"): two measures of one kind, or a
        # wrong one ("vader gebeld"), must not pass on the kind's word alone.
        kind_words = list(t["maatregelen"].get(a.kind, []))
        specific = [w for w in content_words(a.description, 6) if w not in kind_words
                    and w not in names]
        general = bool(specific and kind_words
                       and (a.kind in t["maatregelen_algemeen"] or per_kind[a.kind] > 1))
        add("maatregelen", f"maatregel.{i}", f"maatregel: {a.description}",
            [] if general else kind_words, keywords=content_words(a.description, 5),
            together=[kind_words, specific] if general else ())
    if urgency:
        # Whether the assessment is right is judged on the urgency line. These two are judged
        # in the Zorgen section (grading/pipeline.py): that the officer gives an own assessment
        # apart from the facts, and that it names the kind of unsafety.
        add("zorgen", "zorgen.eigen", "uw eigen inschatting onder 'Zorgen', los van de feiten",
            [])
        add("zorgen", "zorgen.onveiligheid", "of u acute of structurele onveiligheid ziet", [])
    # The melding reports who WAS told and who not (the case's facts); whether that was the
    # right choice is judged on the decision line. Without records, the policy's choice counts.
    if s.informed:
        told = [i.person_id for i in s.informed if i.informed and i.person_id in by_id]
        untold = [i.person_id for i in s.informed if not i.informed and i.person_id in by_id]
    else:
        told = list(gt_informed.inform)
        untold = [w.person_id for w in gt_informed.withheld]
    adults = [p for p in s.persons if sig.involved(p) and not p.minor]

    def forms(p: Person) -> list[str]:
        # "mw." / "dhr." / "de vrouw" alone names a person when only one involved adult is a
        # woman / man.
        alone = sum(1 for q in adults if q.sex == p.sex) == 1 and not p.minor
        title = list(t["aanspreekvorm"]["V" if p.sex == "V" else "M"]) if alone else []
        return surface.name_forms(p) + _role_words(p) + title

    for pid in told:
        p = by_id[pid]
        add("geinformeerd", f"geinformeerd.{pid}", f"{p.full_name} is ingelicht", [], pid,
            together=[forms(p), t["geinformeerd"]["ja"]])
    for pid in untold:
        p = by_id[pid]
        add("geinformeerd", f"niet_geinformeerd.{p.id}",
            f"{p.full_name} is bewust niet ingelicht, met reden", [], p.id,
            together=[forms(p), t["geinformeerd"]["nee"]])

    o = s.officer
    surname = o.name.split(". ", 1)[-1]
    add("melder", "melder.naam", "uw naam en functie", [o.name, surname])
    add("melder", "melder.eenheid", "uw eenheid of basisteam", [o.eenheid, o.basisteam])
    add("melder", "melder.bereikbaarheid", "uw telefoonnummer of het registratienummer",
        [o.phone, o.registration_number])
    return facts


def _role_words(p: Person) -> list[str]:
    """How a report may refer to a person by role instead of name ("de ouders", "verdachte")."""
    words = []
    if "verdachte" in p.roles:
        words += ["verdachte", "pleger"]
    if "slachtoffer" in p.roles:
        words += ["slachtoffer"]
    if "ouder" in p.roles:
        words += ["ouders", "vader" if p.sex == "M" else "moeder", "familie"]
    if "verdachte" in p.roles and not p.minor:
        words += ["familie"]
    if "kind" in p.roles or p.minor:
        words += ["zoon" if p.sex == "M" else "dochter", "kind"]
    if "vertegenwoordiger" in p.roles:
        words += ["dochter" if p.sex == "V" else "zoon", "vertegenwoordiger"]
    return words


def decide(
    scenario: Scenario, settings: PolicySettings = DEFAULT_SETTINGS, *, facts: bool = True
) -> GroundTruth:
    """The full ground truth for one scenario (without the required facts if `facts` is
    False: the generator stores only the decisions, which is much cheaper)."""
    fired = sig.compute(scenario)
    melding, melding_reasons, melding_text = decide_melding(scenario, fired, settings)
    urgency, urgency_reasons, urgency_text = decide_urgency(melding, fired)
    informed = decide_informing(scenario, melding, fired)
    huisverbod = decide_huisverbod(scenario)
    required = _required_facts(scenario, informed, urgency) if melding and facts else []
    return GroundTruth(
        scenario_id=scenario.id,
        policy_version=int(rules()["versie"]),
        melding=melding,
        urgency=urgency,
        informed=informed,
        huisverbod=huisverbod,
        signals=sorted(fired),
        melding_reasons=melding_reasons,
        urgency_reasons=urgency_reasons,
        required=required,
        not_for_vt=list(scenario.not_for_vt),
        explanation={
            "melding": melding_text,
            "urgentie": urgency_text,
            "informeren": informed.explanation,
            "huisverbod": huisverbod.explanation,
        },
    )


def decision_record(gt: GroundTruth) -> dict[str, Any]:
    """The decisions of a ground truth as a small JSON-ready record, stored beside generated
    scenarios for assessors. The required facts are left out: they follow from the scenario
    and the policy, and `decide` recomputes them when a grader needs them."""
    return {
        "beleidsversie": gt.policy_version,
        "melding": gt.melding,
        "urgentie": gt.urgency,
        "geinformeerd": gt.informed.value,
        "niet_inlichten": [w.person_id for w in gt.informed.withheld],
        "huisverbod_van_toepassing": gt.huisverbod.applies,
        "huisverbod_opgelegd": gt.huisverbod.imposed,
        "signalen": gt.signals,
        "redenen_melding": gt.melding_reasons,
        "redenen_urgentie": gt.urgency_reasons,
        "niet_voor_vt": [n.id for n in gt.not_for_vt],
        "uitleg": gt.explanation,
    }
