"""The scenario model: one fictitious domestic-violence incident as the police meet it.

A scenario is plain data. It is built in causal order by `generator.builder` (or typed by hand
for the canonical cases), its ground truth is computed from it by `policy.decide`, and it is
rendered for the officer by `generator.casefile`. Everything here is a stdlib dataclass so that
building one is cheap; validation, JSON (de)serialisation and the JSON Schema live at the edge in
`scenario.io`, through pydantic's TypeAdapter.

Enumerations are `Literal` strings rather than Enum classes: the JSON stays readable for the
instructors who review scenario files, and the values are the Dutch terms of the domain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 1

Sex = Literal["M", "V"]

# How a person figures in the case. A person can have several roles (a child can be a witness and
# a victim); the first role is the main one.
Role = Literal[
    "slachtoffer",
    "verdachte",
    "getuige",
    "kind",
    "ouder",
    "melder",
    "familielid",
    "vertegenwoordiger",
    "derde",
]

RelationKind = Literal[
    "partner",
    "echtgenoot",
    "ex-partner",
    "ouder",
    "kind",
    "stiefouder",
    "stiefkind",
    "broer_zus",
    "grootouder",
    "kleinkind",
    "familie",
    "mantelzorger",
    "zorgverlener",
    "huisgenoot",
    "buur",
    "vriend",
    "mentor",
    "onbekend",
]

ViolenceForm = Literal[
    "partnergeweld",
    "ex_partnergeweld",
    "stalking",
    "kindermishandeling",
    "verwaarlozing",
    "getuige_huiselijk_geweld",
    "oudermishandeling",
    "ouderenmishandeling",
    "financiele_uitbuiting",
    "geweld_in_zorginstelling",
    "eergerelateerd_geweld",
    "huwelijksdwang_achterlating",
    "seksueel_geweld",
    "psychisch_geweld",
    "geen_geweld",
]

OfficerRole = Literal["intake", "noodhulp", "wijkagent", "recherche"]

Channel = Literal[
    "112",
    "0900-8844",
    "balie",
    "aangifte_op_afspraak",
    "wijkagent_signaal",
    "school",
    "zorgprofessional",
]

LocationKind = Literal["woning", "zorginstelling", "school", "bureau", "openbare_ruimte"]

Sense = Literal["zien", "horen", "ruiken", "vaststellen"]

Severity = Literal["licht", "middel", "ernstig"]

ActionKind = Literal[
    "aanhouding",
    "aangifte",
    "aangifte_geweigerd",
    "huisverbod",
    "rihg",
    "opvang_kinderen",
    "overleg",
    "veiligheidsadvies",
    "gesprek",
    "registratie",
    "vastleggen_bewijs",
    "medische_zorg",
]

NotForVtKind = Literal[
    "derde_persoonsgegevens",
    "ongerelateerde_antecedenten",
    "werkgever",
    "financieel_onbevestigd",
    "roddel",
    "schoolresultaten",
    "bsn_verzekering",
    "klacht_ongerelateerd",
    "medisch_ongerelateerd",
]

# Risk factor keys. Each maps to a RiHG part (persoon / incident / gezin) and, where it exists, to
# DASH questions; the mapping and its sources are data in policy/rules.yaml.
RiskKey = Literal[
    "eerder_geweld",
    "wapen",
    "alcohol",
    "drugs",
    "psychische_problemen",
    "suicidedreiging",
    "bedreiging",
    "doodsbedreiging",
    "wurging",
    "ontkenning",
    "ernstig_letsel",
    "escalatie",
    "geweld_tegen_kinderen",
    "seksueel_geweld",
    "stalking",
    "zwangerschap",
    "scheiding",
    "kinderen_aanwezig",
    "stress_financieel",
    "isolement",
    "angst_slachtoffer",
    "controle_jaloezie",
    "afhankelijkheid",
    "gebrek_basiszorg",
    "middelengebruik_verzorger",
    "eer_dreiging",
    "achterlating_dreiging",
]


@dataclass(slots=True, kw_only=True)
class Address:
    id: str
    street: str
    number: str
    postcode: str
    city: str
    eenheid: str
    basisteam: str
    # Free description of the kind of place ("galerijflat", "verpleeghuis De Horst").
    description: str = ""

    def line(self) -> str:
        return f"{self.street} {self.number}, {self.postcode} {self.city}"


@dataclass(slots=True, kw_only=True)
class Person:
    id: str
    first_name: str
    # Dutch surnames keep the tussenvoegsel apart: it is lower-case inside a name ("Sanne de Wit")
    # and capitalised when it opens it ("mevrouw De Wit").
    tussenvoegsel: str = ""
    surname: str
    # A call name ("Truus" for Geertruida), if the person goes by one.
    roepnaam: str = ""
    sex: Sex
    birth_date: dt.date | None
    # None when the person's address is not known to the police (e.g. an absent father).
    address_id: str | None
    roles: list[Role]
    minor: bool
    phone: str = ""
    # A fictitious BSN; it never passes the elfproef (see generator.identifiers).
    bsn: str = ""
    occupation: str = ""
    # Ids of the persons who have parental authority (gezag) over this person; minors only.
    parental_authority: list[str] = field(default_factory=list)
    # Facts about the person that matter for the case ("beginnende dementie").
    notes: list[str] = field(default_factory=list)
    # Whether the reporting officer knows the person's name (an unknown night carer has none).
    name_known: bool = True

    @property
    def last_name(self) -> str:
        return f"{self.tussenvoegsel} {self.surname}".strip()

    @property
    def full_name(self) -> str:
        return f"{self.roepnaam or self.first_name} {self.last_name}".strip()


@dataclass(slots=True, kw_only=True)
class Relation:
    # `a` is `kind` of `b`: a=Lotte, b=Mark, kind="kind" reads "Lotte is kind van Mark".
    a: str
    b: str
    kind: RelationKind
    living_together: bool = False
    # Free detail: "samenwonend sinds 2017", "uit elkaar sinds november 2025".
    detail: str = ""


@dataclass(slots=True, kw_only=True)
class Involvement:
    """How the police got involved."""

    channel: Channel
    caller_id: str | None
    # What the caller said, as logged by the meldkamer or the desk.
    summary: str


@dataclass(slots=True, kw_only=True)
class Incident:
    start: dt.datetime
    # Where the incident happened (an address id) and, if different, where the officer met it.
    address_id: str
    location_kind: LocationKind
    location_detail: str = ""
    eenheid: str
    basisteam: str
    involvement: Involvement
    forms: list[ViolenceForm]
    # Short Dutch description of what happened, in order, for the assessor.
    summary: str
    # The time the officer met the case, if different from the incident start (desk report).
    reported_at: dt.datetime | None = None


@dataclass(slots=True, kw_only=True)
class Officer:
    role: OfficerRole
    name: str
    rank: str
    eenheid: str
    basisteam: str
    phone: str
    registration_number: str


@dataclass(slots=True, kw_only=True)
class Child:
    """What the case says about one minor: where it was and what it went through."""

    person_id: str
    present: bool
    # Where the child was during the incident ("op de trap", "op school", "in bed").
    whereabouts: str
    # What it saw or heard, as known; empty if nothing is known.
    witnessed: str = ""
    state: str = ""
    # Who cares for the child now (a person id or a description such as "tante (zus van Kim)").
    cared_for_by: str = ""


@dataclass(slots=True, kw_only=True)
class Observation:
    id: str
    sense: Sense
    text: str
    about: list[str] = field(default_factory=list)
    # Observations the officer made of evidence shown to them (photos, messages).
    indirect: bool = False


@dataclass(slots=True, kw_only=True)
class Statement:
    id: str
    speaker_id: str
    # Indirect speech, for the assessor and the case file.
    text: str
    # A literal quote, if the person said something worth quoting.
    quote: str = ""
    about: list[str] = field(default_factory=list)
    # Ids of statements this one contradicts.
    contradicts: list[str] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Injury:
    person_id: str
    kind: str
    location: str
    severity: Severity
    observed: bool
    medical_care: str = ""


@dataclass(slots=True, kw_only=True)
class WeaponOrObject:
    kind: str
    use: str
    by_id: str | None


@dataclass(slots=True, kw_only=True)
class Threat:
    by_id: str | None
    against_ids: list[str]
    kind: Literal["doodsbedreiging", "bedreiging", "bedreiging_kinderen", "eer", "achterlating"]
    quote: str = ""


@dataclass(slots=True, kw_only=True)
class RiskFactor:
    key: RiskKey
    person_id: str | None
    evidence: str


@dataclass(slots=True, kw_only=True)
class EarlierIncident:
    date: dt.date | None
    # Approximate dating when no exact date is known ("najaar 2025").
    when: str
    description: str
    known_to_police: bool
    aangifte: bool = False


@dataclass(slots=True, kw_only=True)
class PoliceAction:
    kind: ActionKind
    description: str
    person_ids: list[str] = field(default_factory=list)
    # For a huisverbod: its length in days.
    days: int | None = None


@dataclass(slots=True, kw_only=True)
class Informed:
    """Whether a person was told that the police make a melding to Veilig Thuis."""

    person_id: str
    informed: bool
    how: str = ""
    reaction: str = ""
    reason_not: str = ""


@dataclass(slots=True, kw_only=True)
class NotForVt:
    """Information present in the case that must not go to Veilig Thuis."""

    id: str
    kind: NotForVtKind
    text: str
    # Words by which a grader can recognise that this item leaked into a report.
    surface_forms: list[str] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Scenario:
    id: str
    schema_version: int = SCHEMA_VERSION
    # Provenance: the generator version and seed, or "canoniek" for the hand-encoded cases.
    source: str
    seed: int | None = None
    title: str
    # The scenario type drawn from the recipe (a key in generator/data/forms.yaml).
    form: str
    difficulty: Literal["makkelijk", "gemiddeld", "moeilijk"]
    officer: Officer
    addresses: list[Address]
    persons: list[Person]
    relations: list[Relation]
    incident: Incident
    children: list[Child] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    injuries: list[Injury] = field(default_factory=list)
    weapons: list[WeaponOrObject] = field(default_factory=list)
    threats: list[Threat] = field(default_factory=list)
    risk_factors: list[RiskFactor] = field(default_factory=list)
    history: list[EarlierIncident] = field(default_factory=list)
    actions: list[PoliceAction] = field(default_factory=list)
    informed: list[Informed] = field(default_factory=list)
    not_for_vt: list[NotForVt] = field(default_factory=list)
    # The policy's decision, stored by the generator so that an assessor can read it beside the
    # scenario; `scenario check` verifies it still equals what policy.decide computes. Canonical
    # cases leave it out: their ground truth is always computed.
    ground_truth: dict[str, Any] | None = None

    def person(self, person_id: str) -> Person:
        for p in self.persons:
            if p.id == person_id:
                return p
        raise KeyError(person_id)

    def address(self, address_id: str) -> Address:
        for a in self.addresses:
            if a.id == address_id:
                return a
        raise KeyError(address_id)

    def with_role(self, role: Role) -> list[Person]:
        return [p for p in self.persons if role in p.roles]

    def minors(self) -> list[Person]:
        return [p for p in self.persons if p.minor]

    def has_risk(self, key: str) -> bool:
        return any(r.key == key for r in self.risk_factors)

    def has_action(self, kind: str) -> bool:
        return any(a.kind == kind for a in self.actions)


def age_on(birth: dt.date, day: dt.date) -> int:
    """Age in whole years on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
