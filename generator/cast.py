"""Step 1 of the causal build: the household and everyone involved, per scenario form.

Each `cast_*` function creates persons, their addresses and relations for one form, with ages
that fit the form (DOMAIN.md §6 household archetypes) and Dutch naming law for children's
surnames. It returns a `Cast`: who is victim, suspect, child, and where the incident happens.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from faker import Faker

from generator.providers import Place
from scenario.model import Address, Person, Relation, age_on


@dataclass(slots=True)
class Cast:
    persons: list[Person] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    victim: Person | None = None
    suspect: Person | None = None
    children: list[Person] = field(default_factory=list)
    # The non-offending carer of the children, if any.
    carer: Person | None = None
    home: Address | None = None
    institution: str = ""


@dataclass(slots=True)
class CastContext:
    fake: Faker
    day: dt.date
    place: Place
    with_minors: bool
    suspect_male: bool
    cast: Cast = field(default_factory=Cast)
    rng: Any = None

    def __post_init__(self) -> None:
        # The Faker instance's own RNG, looked up once (the proxy lookup is slow).
        self.rng = self.fake.random

    def address(self, description: str = "woning", place: Place | None = None) -> Address:
        place = place or self.place
        street, number = self.fake.street_and_number()
        address = Address(
            id=f"a{len(self.cast.addresses) + 1}",
            street=street,
            number=number,
            postcode=self.fake.postcode_in(place),
            city=place.city,
            eenheid=place.eenheid,
            basisteam=place.basisteam,
            description=description,
        )
        self.cast.addresses.append(address)
        return address

    def person(
        self,
        sex: str,
        age: tuple[int, int] | dt.date,
        address: Address | None,
        roles: list,
        surname: tuple[str, str] | None = None,
    ) -> Person:
        birth = age if isinstance(age, dt.date) else self.fake.birth_date_aged(self.day, *age)
        tussen, last = surname or self.fake.dutch_surname()
        person = Person(
            id=f"p{len(self.cast.persons) + 1}",
            first_name=self.fake.first_name_born(sex, birth.year),
            tussenvoegsel=tussen,
            surname=last,
            sex=sex,
            birth_date=birth,
            address_id=address.id if address else None,
            roles=roles,
            minor=age_on(birth, self.day) < 18,
            phone="" if age_on(birth, self.day) < 12 else self.fake.mobile(),
            bsn=self.fake.fake_bsn(),
        )
        self.cast.persons.append(person)
        return person

    def relate(self, a: Person, b: Person, kind: str, together: bool, detail: str = "") -> None:
        self.cast.relations.append(
            Relation(a=a.id, b=b.id, kind=kind, living_together=together, detail=detail)
        )

    def child_birth(self, min_age: int, max_age: int, *parents: Person) -> dt.date:
        """A child's birth date such that every parent was at least 18 at the birth (so each
        is at least 14 years older than the child, the invariant `scenario check` tests)."""
        youngest = min(age_on(p.birth_date, self.day) for p in parents)
        max_age = min(max_age, youngest - 18)
        min_age = min(min_age, max_age)
        return self.fake.birth_date_aged(self.day, min_age, max_age)


def _sexes(ctx: CastContext) -> tuple[str, str]:
    """(suspect sex, victim sex) for partner violence: mostly mixed-sex couples."""
    suspect = "M" if ctx.suspect_male else "V"
    if ctx.rng.random() < 0.03:
        return suspect, suspect
    return suspect, "V" if suspect == "M" else "M"


def _children_surname(ctx: CastContext, father: Person, mother: Person, born: int) -> tuple:
    """Dutch naming law: all children of the same parents share one surname, the father's or
    the mother's by the parents' choice (father's by default); since 2024 a double surname is
    possible for a first child born from 2024 on."""
    roll = ctx.rng.random()
    if born >= 2024 and roll < 0.05:
        return father.tussenvoegsel, f"{father.surname} {mother.last_name}"
    if roll < 0.78:
        return father.tussenvoegsel, father.surname
    return mother.tussenvoegsel, mother.surname


def _add_children(
    ctx: CastContext, father: Person, mother: Person, home: Address, count: int,
    ages: tuple[int, int] = (0, 17),
) -> list[Person]:
    births = sorted(ctx.child_birth(*ages, father, mother) for _ in range(count))
    surname = _children_surname(ctx, father, mother, births[0].year)
    kids: list[Person] = []
    for birth in births:
        kid = ctx.person(ctx.rng.choice("MV"), birth, home, ["kind"], surname)
        for _ in range(5):  # siblings do not share a first name
            if all(k.first_name != kid.first_name for k in kids):
                break
            kid.first_name = ctx.fake.first_name_born(kid.sex, birth.year)
        kid.parental_authority = [mother.id, father.id]
        ctx.relate(kid, mother, "kind", mother.address_id == home.id)
        ctx.relate(kid, father, "kind", father.address_id == home.id)
        kids.append(kid)
    return kids


def _couple(ctx: CastContext, home: Address, age: tuple[int, int]) -> tuple[Person, Person]:
    suspect_sex, victim_sex = _sexes(ctx)
    suspect = ctx.person(suspect_sex, age, home, ["verdachte"])
    victim = ctx.person(victim_sex, (max(age[0], 19), age[1]), home, ["slachtoffer"])
    return suspect, victim


def _parents(suspect: Person, victim: Person) -> tuple[Person, Person]:
    """(father, mother) of a couple, for naming the children."""
    if suspect.sex == "M":
        return suspect, victim
    if victim.sex == "M":
        return victim, suspect
    return suspect, victim


def cast_partner_with_children(ctx: CastContext) -> Cast:
    home = ctx.address()
    suspect, victim = _couple(ctx, home, (24, 48))
    married = ctx.rng.random() < 0.45
    ctx.relate(victim, suspect, "echtgenoot" if married else "partner", True,
               "getrouwd" if married else "samenwonend")
    father, mother = _parents(suspect, victim)
    kids = _add_children(ctx, father, mother, home, ctx.rng.choice((1, 1, 2, 2, 2, 3)))
    ctx.cast.victim, ctx.cast.suspect, ctx.cast.children = victim, suspect, kids
    ctx.cast.carer, ctx.cast.home = victim, home
    return ctx.cast


def cast_partner_without_children(ctx: CastContext) -> Cast:
    home = ctx.address()
    suspect, victim = _couple(ctx, home, (20, 75))
    married = ctx.rng.random() < 0.5
    ctx.relate(victim, suspect, "echtgenoot" if married else "partner", True,
               "getrouwd" if married else "samenwonend")
    ctx.cast.victim, ctx.cast.suspect, ctx.cast.home = victim, suspect, home
    return ctx.cast


def cast_ex_partner_stalking(ctx: CastContext) -> Cast:
    home = ctx.address()
    other_place = ctx.place
    elsewhere = ctx.address("woning van de ex-partner", other_place)
    suspect_sex, victim_sex = _sexes(ctx)
    victim = ctx.person(victim_sex, (24, 50), home, ["slachtoffer"])
    suspect = ctx.person(suspect_sex, (24, 55), elsewhere, ["verdachte"])
    months = ctx.rng.randint(2, 18)
    ctx.relate(victim, suspect, "ex-partner", False, f"uit elkaar sinds ongeveer {months} maanden")
    kids: list[Person] = []
    if ctx.with_minors:
        father, mother = _parents(suspect, victim)
        kids = _add_children(ctx, father, mother, home, ctx.rng.choice((1, 2, 2)))
    ctx.cast.victim, ctx.cast.suspect, ctx.cast.children = victim, suspect, kids
    ctx.cast.carer, ctx.cast.home = victim, home
    return ctx.cast


def _family_with_kids(ctx: CastContext, offender_is_parent: bool) -> Cast:
    home = ctx.address()
    single = ctx.rng.random() < 0.4
    # In a one-parent household the parent at home is the offender (of the drawn sex).
    father_home = not single or ctx.suspect_male
    mother_home = not single or not ctx.suspect_male
    mother = ctx.person("V", (23, 46), home if mother_home else None, ["ouder"])
    father = ctx.person("M", (25, 50), home if father_home else None, ["ouder"])
    if not single:
        ctx.relate(mother, father, ctx.rng.choice(("partner", "echtgenoot")), True)
    else:
        ctx.relate(mother, father, "ex-partner", False,
                   "vader woont elders" if mother_home else "moeder woont elders")
    kids = _add_children(ctx, father, mother, home, ctx.rng.choice((1, 1, 2, 3)), (1, 14))
    if offender_is_parent:
        offender = father if ctx.suspect_male else mother
        offender.roles = ["verdachte", "ouder"]
        ctx.cast.suspect = offender
        ctx.cast.carer = None if single else (mother if offender is father else father)
    ctx.cast.children, ctx.cast.home = kids, home
    return ctx.cast


def cast_child_abuse(ctx: CastContext) -> Cast:
    cast = _family_with_kids(ctx, offender_is_parent=True)
    cast.victim = max(cast.children, key=lambda k: k.birth_date)  # the youngest
    cast.victim.roles = ["kind", "slachtoffer"]
    return cast


def cast_neglect(ctx: CastContext) -> Cast:
    home = ctx.address(ctx.rng.choice(("galerijflat", "portiekwoning", "eengezinswoning")))
    parent_sex = "M" if ctx.suspect_male else "V"
    parent = ctx.person(parent_sex, (21, 42), home, ["verdachte", "ouder"])
    other = ctx.person("V" if parent_sex == "M" else "M", (21, 48), None, ["ouder"])
    ctx.relate(parent, other, "ex-partner", False, "niet in beeld, verblijfplaats onbekend")
    father, mother = (other, parent) if parent_sex == "V" else (parent, other)
    kids = _add_children(ctx, father, mother, home, ctx.rng.choice((1, 1, 2)), (1, 9))
    for kid in kids:
        kid.roles = ["kind", "slachtoffer"]
        kid.parental_authority = [parent.id]
    ctx.cast.suspect, ctx.cast.victim, ctx.cast.children = parent, kids[0], kids
    ctx.cast.home = home
    return ctx.cast


def cast_child_to_parent(ctx: CastContext) -> Cast:
    home = ctx.address()
    mother = ctx.person("V", (38, 55), home, ["slachtoffer", "ouder"])
    father = ctx.person("M", (40, 58), home, ["ouder"])
    ctx.relate(mother, father, "echtgenoot", True)
    child_age = (13, 17) if ctx.with_minors else (18, 21)
    birth = ctx.child_birth(*child_age, mother, father)
    offender = ctx.person("M" if ctx.suspect_male else "V", birth, home, ["verdachte", "kind"],
                          (father.tussenvoegsel, father.surname))
    ctx.relate(offender, mother, "kind", True)
    ctx.relate(offender, father, "kind", True)
    kids = [offender] if offender.minor else []
    if ctx.with_minors and ctx.rng.random() < 0.5:
        sib = ctx.person(ctx.rng.choice("MV"), ctx.child_birth(8, 15, mother, father), home,
                         ["kind", "getuige"], (father.tussenvoegsel, father.surname))
        ctx.relate(sib, mother, "kind", True)
        ctx.relate(sib, offender, "broer_zus", True)
        kids.append(sib)
    for kid in kids:
        kid.parental_authority = [mother.id, father.id]
    ctx.cast.victim, ctx.cast.suspect, ctx.cast.children = mother, offender, kids
    ctx.cast.carer, ctx.cast.home = father, home
    return ctx.cast


def cast_elder_at_home(ctx: CastContext) -> Cast:
    home = ctx.address()
    victim = ctx.person(ctx.rng.choice("MV"), (72, 93), home, ["slachtoffer"])
    victim.notes = [ctx.rng.choice(("beginnende dementie", "slecht ter been",
                                    "afhankelijk van zorg", "slechtziend en vergeetachtig"))]
    birth = ctx.child_birth(40, 60, victim)
    offender = ctx.person(
        "M" if ctx.suspect_male else "V", birth, home, ["verdachte"],
        (victim.tussenvoegsel, victim.surname) if victim.sex == "M" else None,
    )
    ctx.relate(offender, victim, "kind", True, "woont sinds enkele maanden bij in")
    ctx.relate(offender, victim, "mantelzorger", True, "beheert geld en boodschappen")
    ctx.cast.victim, ctx.cast.suspect, ctx.cast.home = victim, offender, home
    return ctx.cast


def cast_care_institution(ctx: CastContext, institution: str) -> Cast:
    home = ctx.address(institution)
    victim = ctx.person(ctx.rng.choice("MV"), (76, 96), home, ["slachtoffer"])
    victim.notes = ["dementie", "wilsonbekwaam"]
    daughter_home = ctx.address()
    relative = ctx.person(ctx.rng.choice("MV"), ctx.child_birth(45, 68, victim), daughter_home,
                          ["melder", "vertegenwoordiger", "familielid"])
    ctx.relate(relative, victim, "kind", False)
    carer = ctx.person("M" if ctx.suspect_male else "V", (22, 60), None, ["verdachte"])
    carer.name_known = False
    carer.occupation = f"{ctx.rng.choice(('nachtverzorgende', 'verzorgende'))} van {institution}"
    ctx.relate(carer, victim, "zorgverlener", False)
    ctx.cast.victim, ctx.cast.suspect, ctx.cast.home = victim, carer, home
    ctx.cast.institution = institution
    return ctx.cast


def cast_honour_based(ctx: CastContext) -> Cast:
    home = ctx.address()
    father = ctx.person("M", (42, 58), home, ["verdachte", "ouder"])
    mother = ctx.person("V", (40, 55), home, ["ouder"])
    ctx.relate(mother, father, "echtgenoot", True)
    surname = (father.tussenvoegsel, father.surname)
    age = (14, 17) if ctx.with_minors else (18, 23)
    victim = ctx.person("V", ctx.child_birth(*age, mother, father), home, ["slachtoffer"], surname)
    brother = ctx.person("M", ctx.child_birth(age[1] + 1, age[1] + 6, mother, father), home,
                         ["verdachte"], surname)
    for kid in (victim, brother):
        ctx.relate(kid, father, "kind", True)
        ctx.relate(kid, mother, "kind", True)
    ctx.relate(brother, victim, "broer_zus", True)
    if not ctx.suspect_male:
        # The family's pressure comes from the mother here; the father stays a parent.
        father.roles, mother.roles = ["ouder"], ["verdachte", "ouder"]
    if victim.minor:
        victim.parental_authority = [mother.id, father.id]
    ctx.cast.victim = victim
    ctx.cast.suspect = father if ctx.suspect_male else mother
    ctx.cast.children = [victim] if victim.minor else []
    ctx.cast.home = home
    return ctx.cast


CASTS: dict[str, Callable[[CastContext], Cast]] = {
    "partnergeweld_met_kinderen": cast_partner_with_children,
    "partnergeweld_zonder_kinderen": cast_partner_without_children,
    "ex_partner_stalking": cast_ex_partner_stalking,
    "kindermishandeling": cast_child_abuse,
    "verwaarlozing": cast_neglect,
    "oudermishandeling": cast_child_to_parent,
    "ouderenmishandeling": cast_elder_at_home,
    "eergerelateerd_geweld": cast_honour_based,
}
