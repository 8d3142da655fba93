"""Consistency checks on scenarios: what `meldtrainer scenario check` verifies.

Each check is a small function that yields Dutch problem descriptions; `check` runs them all.
They hold for generated and canonical scenarios alike, so a failing check is a bug in the
generator, in a hand-written case, or a policy change the stored ground truth has not followed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import policy
from generator.identifiers import passes_elfproef
from generator.providers import place_for_postcode
from scenario.model import Scenario, age_on

MIN_PARENT_AGE_GAP = 14


@dataclass(frozen=True, slots=True)
class Problem:
    scenario_id: str
    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.scenario_id}: [{self.check}] {self.message}"


def _referenced_ids(s: Scenario) -> Iterator[tuple[str, str]]:
    for r in s.relations:
        yield "relatie", r.a
        yield "relatie", r.b
    for c in s.children:
        yield "kind", c.person_id
    for st in s.statements:
        yield "verklaring", st.speaker_id
        for pid in st.about:
            yield "verklaring", pid
    for o in s.observations:
        for pid in o.about:
            yield "waarneming", pid
    for i in s.injuries:
        yield "letsel", i.person_id
    for t in s.threats:
        if t.by_id:
            yield "bedreiging", t.by_id
        for pid in t.against_ids:
            yield "bedreiging", pid
    for r in s.risk_factors:
        if r.person_id:
            yield "risicofactor", r.person_id
    for a in s.actions:
        for pid in a.person_ids:
            yield "maatregel", pid
    for inf in s.informed:
        yield "geïnformeerd", inf.person_id
    for p in s.persons:
        for pid in p.parental_authority:
            yield "gezag", pid
    if s.incident.involvement.caller_id:
        yield "melder", s.incident.involvement.caller_id


def check_references(s: Scenario) -> Iterator[str]:
    ids = [p.id for p in s.persons]
    if len(ids) != len(set(ids)):
        yield "dubbele persoons-id's"
    known = set(ids)
    for where, pid in _referenced_ids(s):
        if pid not in known:
            yield f"{where} verwijst naar onbekende persoon {pid!r}"
    addresses = {a.id for a in s.addresses}
    for p in s.persons:
        if p.address_id is not None and p.address_id not in addresses:
            yield f"{p.id} woont op onbekend adres {p.address_id!r}"
    if s.incident.address_id not in addresses:
        yield f"incidentadres {s.incident.address_id!r} bestaat niet"
    statement_ids = {st.id for st in s.statements}
    for st in s.statements:
        for other in st.contradicts:
            if other not in statement_ids:
                yield f"verklaring {st.id} spreekt onbekende verklaring {other!r} tegen"


def check_minors(s: Scenario) -> Iterator[str]:
    day = s.incident.start.date()
    for p in s.persons:
        if p.birth_date is None:
            if p.minor:
                yield f"{p.id} is minderjarig gemarkeerd zonder geboortedatum"
            continue
        minor = age_on(p.birth_date, day) < 18
        if minor != p.minor:
            yield (f"{p.id} ({p.full_name}) is {'wel' if minor else 'niet'} minderjarig op de "
                   f"incidentdatum, maar staat als {'minderjarig' if p.minor else 'meerderjarig'}")
    child_ids = {c.person_id for c in s.children}
    for p in s.persons:
        if p.minor and p.id not in child_ids and "derde" not in p.roles:
            yield f"minderjarige {p.id} heeft geen gegevens onder 'kinderen'"


def check_parent_ages(s: Scenario) -> Iterator[str]:
    persons = {p.id: p for p in s.persons}
    for r in s.relations:
        if r.kind not in ("kind", "stiefkind"):
            continue
        child, parent = persons.get(r.a), persons.get(r.b)
        if not child or not parent or not child.birth_date or not parent.birth_date:
            continue
        if age_on(parent.birth_date, child.birth_date) < MIN_PARENT_AGE_GAP:
            yield (f"ouder {parent.id} is minder dan {MIN_PARENT_AGE_GAP} jaar ouder dan "
                   f"kind {child.id}")


def check_dates(s: Scenario) -> Iterator[str]:
    day = s.incident.start.date()
    for p in s.persons:
        if p.birth_date and p.birth_date > day:
            yield f"{p.id} is geboren na het incident"
    for h in s.history:
        if h.date and h.date > day:
            yield f"eerder incident '{h.description}' ligt na het incident"
    if s.incident.reported_at and s.incident.reported_at < s.incident.start:
        yield "het incident is gemeld vóór het plaatsvond"


def check_places(s: Scenario) -> Iterator[str]:
    for a in s.addresses:
        place = place_for_postcode(a.postcode)
        if place is None:
            yield f"postcode {a.postcode} ({a.city}) ligt in geen bekende plaats"
        elif (place.city, place.eenheid) != (a.city, a.eenheid):
            yield (f"postcode {a.postcode} hoort bij {place.city} ({place.eenheid}), niet bij "
                   f"{a.city} ({a.eenheid})")
    home = s.address(s.incident.address_id)
    if (home.eenheid, home.basisteam) != (s.incident.eenheid, s.incident.basisteam):
        yield "eenheid/basisteam van het incident wijkt af van het incidentadres"


def check_identifiers(s: Scenario) -> Iterator[str]:
    for p in s.persons:
        if p.bsn and passes_elfproef(p.bsn):
            yield f"BSN van {p.id} doorstaat de elfproef (mag nooit: kan echt bestaan)"
        if p.phone and not p.phone.startswith("06"):
            yield f"telefoonnummer van {p.id} is geen 06-nummer"


def check_ground_truth(s: Scenario) -> Iterator[str]:
    gt = policy.decide(s)
    if s.ground_truth is not None and s.ground_truth != policy.decision_record(gt):
        yield ("de opgeslagen grondwaarheid wijkt af van het beleid; genereer de set opnieuw of "
               "controleer policy/rules.yaml")
    if any(p.minor for p in s.persons if "derde" not in p.roles) and not gt.melding:
        yield "er is een minderjarige betrokken maar het beleid geeft geen melding"
    if gt.melding and not gt.required:
        yield "melding vereist maar geen verplichte feiten"
    withheld = {w.person_id for w in gt.informed.withheld}
    for inf in s.informed:
        if inf.informed and inf.person_id in withheld:
            yield f"{inf.person_id} is ingelicht terwijl het beleid dat afraadt"
    if gt.huisverbod.imposed != gt.huisverbod.applies and s.source != "canoniek":
        yield "huisverbod opgelegd zonder grond, of grond zonder huisverbod"


CHECKS: dict[str, Callable[[Scenario], Iterator[str]]] = {
    "verwijzingen": check_references,
    "minderjarigen": check_minors,
    "leeftijd-ouders": check_parent_ages,
    "datums": check_dates,
    "postcodes": check_places,
    "identificatie": check_identifiers,
    "grondwaarheid": check_ground_truth,
}


def check(s: Scenario) -> list[Problem]:
    return [Problem(s.id, name, msg) for name, fn in CHECKS.items() for msg in fn(s)]


