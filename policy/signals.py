"""Named signals read off a scenario's state.

A signal is a yes/no fact the referral policy reasons with (`wurging`, `minderjarige_betrokken`).
How each is recognised in the scenario is code, here; which signals lead to which decision is data,
in policy/rules.yaml. Keep each predicate small and literal, so a reviewer can check it against
the scenario model.
"""

from __future__ import annotations

from scenario.model import Person, Scenario

# Weapons that make an incident life-threatening (a thrown chair is an object, not one of these).
DANGEROUS_WEAPONS = frozenset({"mes", "vuurwapen", "pistool", "knuppel", "honkbalknuppel", "hamer"})

# Roles of persons who are part of the case (not bystanders whose data stays out of it).
INVOLVED_ROLES = frozenset(
    {"slachtoffer", "verdachte", "getuige", "kind", "ouder", "familielid", "vertegenwoordiger"}
)

FAMILY_RELATIONS = frozenset(
    {"ouder", "kind", "stiefouder", "stiefkind", "broer_zus", "grootouder", "kleinkind",
     "familie", "partner", "echtgenoot"}
)


def involved(person: Person) -> bool:
    return not INVOLVED_ROLES.isdisjoint(person.roles)


def involved_minors(scenario: Scenario) -> list[Person]:
    """Minors present, living in the household, or otherwise involved."""
    return [p for p in scenario.persons if p.minor and involved(p)]


def suspects(scenario: Scenario) -> list[Person]:
    return scenario.with_role("verdachte")


def victims(scenario: Scenario) -> list[Person]:
    return scenario.with_role("slachtoffer")


def suspect_lives_with_victim(scenario: Scenario) -> bool:
    victim_addresses = {v.address_id for v in victims(scenario) if v.address_id}
    return any(s.address_id in victim_addresses for s in suspects(scenario))


def _has_form(scenario: Scenario, *forms: str) -> bool:
    return any(f in scenario.incident.forms for f in forms)


def compute(scenario: Scenario) -> frozenset[str]:
    """All signals that fire for this scenario."""
    s = scenario
    risks = {r.key for r in s.risk_factors}
    threat_kinds = {t.kind for t in s.threats}
    fired: set[str] = set()

    minors = involved_minors(s)
    if minors:
        fired.add("minderjarige_betrokken")
    if any(c.present and c.witnessed for c in s.children):
        fired.add("minderjarige_getuige")
    if s.injuries:
        fired.add("letsel")
    if any(i.severity == "ernstig" for i in s.injuries) or "ernstig_letsel" in risks:
        fired.add("ernstig_letsel")
    if s.weapons or "wapen" in risks:
        fired.add("wapen")
    if any(w.kind in DANGEROUS_WEAPONS for w in s.weapons):
        fired.add("gevaarlijk_wapen")
    if "wurging" in risks:
        fired.add("wurging")
    if "doodsbedreiging" in threat_kinds or "doodsbedreiging" in risks:
        fired.add("doodsbedreiging")
    if "bedreiging_kinderen" in threat_kinds:
        fired.add("bedreiging_kinderen")
    if (
        any(h.description for h in s.history)
        or "eerder_geweld" in risks
        or "escalatie" in risks
    ):
        fired.add("herhaling")
    if _has_form(s, "stalking") or "stalking" in risks:
        fired.add("stalking")
    adult_victims = [v for v in victims(s) if not v.minor]
    if adult_victims and (
        "afhankelijkheid" in risks
        or _has_form(s, "ouderenmishandeling", "geweld_in_zorginstelling", "financiele_uitbuiting")
    ):
        fired.add("afhankelijke_volwassene")
    if s.has_action("huisverbod"):
        fired.add("huisverbod_opgelegd")
    if _has_form(s, "eergerelateerd_geweld") or "eer_dreiging" in risks or "eer" in threat_kinds:
        fired.add("eer")
    if (
        _has_form(s, "huwelijksdwang_achterlating")
        or "achterlating_dreiging" in risks
        or "achterlating" in threat_kinds
    ):
        fired.add("achterlating")
    if minors and (_has_form(s, "verwaarlozing") or "gebrek_basiszorg" in risks):
        fired.add("gebrek_basiszorg")
    if minors and "middelengebruik_verzorger" in risks:
        fired.add("middelengebruik_verzorger")
    if _has_form(s, "seksueel_geweld") or "seksueel_geweld" in risks:
        fired.add("seksueel_geweld")
    if set(s.incident.forms) <= {"geen_geweld"}:
        fired.add("geen_geweld")
    return frozenset(fired)
