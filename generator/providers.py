"""Faker providers with curated Dutch data, replacing what Faker's nl_NL gets wrong.

Faker nl_NL draws first names without regard to age, mixes medieval surnames with modern ones
and draws postcode, city and province independently (ANCHORS.md §2). These providers draw from
the reviewed tables in generator/data/ instead:

- first names by sex and decade of birth (no 60-year-old "Jayden"),
- modern surnames with their tussenvoegsel, weighted by frequency,
- addresses whose postcode lies in the real PC4 range of a real town of the chosen police eenheid
  and basisteam,
- 06 mobile numbers and BSNs that fail the elfproef.

All randomness comes from the Faker instance (`self.generator.random`), so one seeded instance
reproduces one scenario exactly.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from faker.providers import BaseProvider

from generator import identifiers

DATA = Path(__file__).resolve().parent / "data"

EENHEDEN = (
    "Noord-Nederland",
    "Oost-Nederland",
    "Midden-Nederland",
    "Noord-Holland",
    "Amsterdam",
    "Den Haag",
    "Rotterdam",
    "Zeeland-West-Brabant",
    "Oost-Brabant",
    "Limburg",
)

# Postcode letter pairs PostNL does not issue (ANCHORS.md §2: Faker still produces them).
FORBIDDEN_POSTCODE_LETTERS = frozenset({"SA", "SD", "SS"})
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
POSTCODE_LETTER_PAIRS = tuple(
    a + b for a in _LETTERS for b in _LETTERS if a + b not in FORBIDDEN_POSTCODE_LETTERS
)


@dataclass(frozen=True, slots=True)
class Place:
    eenheid: str
    basisteam: str
    city: str
    pc4_from: int
    pc4_to: int
    weight: int


@dataclass(frozen=True, slots=True)
class Weighted:
    """Values with cumulative weights, ready for `random.choices`."""

    values: tuple
    cum_weights: tuple[float, ...]

    @classmethod
    def of(cls, pairs: list[tuple[object, float]]) -> Weighted:
        values = tuple(v for v, _ in pairs)
        return cls(values, tuple(itertools.accumulate(w for _, w in pairs)))

    def pick(self, rng) -> object:
        return rng.choices(self.values, cum_weights=self.cum_weights)[0]


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def first_names() -> dict[tuple[str, int], Weighted]:
    table: dict[tuple[str, int], list[tuple[str, float]]] = {}
    for row in _read_csv("voornamen.csv"):
        key = (row["geslacht"], int(row["decennium"]))
        table.setdefault(key, []).append((row["naam"], float(row["gewicht"])))
    return {key: Weighted.of(pairs) for key, pairs in table.items()}


@cache
def surnames() -> Weighted:
    pairs = [
        ((row["tussenvoegsel"].strip(), row["achternaam"].strip()), float(row["gewicht"]))
        for row in _read_csv("achternamen.csv")
    ]
    return Weighted.of(pairs)


@cache
def places() -> tuple[Place, ...]:
    return tuple(
        Place(
            eenheid=row["eenheid"],
            basisteam=row["basisteam"],
            city=row["plaats"],
            pc4_from=int(row["pc4_van"]),
            pc4_to=int(row["pc4_tot"]),
            weight=int(row["gewicht"]),
        )
        for row in _read_csv("plaatsen.csv")
    )


@cache
def places_in(eenheden: tuple[str, ...]) -> Weighted:
    chosen = [p for p in places() if p.eenheid in eenheden]
    return Weighted.of([(p, p.weight) for p in chosen])


@cache
def streets() -> tuple[str, ...]:
    return tuple(row["straat"] for row in _read_csv("straten.csv"))


def place_for_postcode(postcode: str) -> Place | None:
    """The curated place whose PC4 range contains this postcode, if any."""
    digits = postcode[:4]
    if not digits.isdigit():
        return None
    pc4 = int(digits)
    for place in places():
        if place.pc4_from <= pc4 <= place.pc4_to:
            return place
    return None


def decade_of(year: int) -> int:
    decades = sorted({d for _, d in first_names()})
    decade = year // 10 * 10
    return min(max(decade, decades[0]), decades[-1])


class DutchPeopleProvider(BaseProvider):
    """Names, birth dates and identifiers that fit a Dutch person of a given age."""

    def first_name_born(self, sex: str, year: int) -> str:
        return first_names()[(sex, decade_of(year))].pick(self.generator.random)

    def dutch_surname(self) -> tuple[str, str]:
        """(tussenvoegsel, achternaam), e.g. ('van den', 'Berg')."""
        return surnames().pick(self.generator.random)

    def birth_date_aged(self, on: dt.date, min_age: int, max_age: int) -> dt.date:
        """A birth date such that the person is between min_age and max_age on `on`."""
        rng = self.generator.random
        earliest = _years_before(on, max_age + 1) + dt.timedelta(days=1)
        latest = _years_before(on, min_age)
        return earliest + dt.timedelta(days=rng.randrange((latest - earliest).days + 1))

    def mobile(self) -> str:
        return identifiers.mobile_number(self.generator.random)

    def fake_bsn(self) -> str:
        return identifiers.fake_bsn(self.generator.random)


class DutchPlacesProvider(BaseProvider):
    """Addresses whose postcode, town, eenheid and basisteam belong together."""

    def police_place(self, eenheden: tuple[str, ...] = EENHEDEN) -> Place:
        return places_in(tuple(eenheden)).pick(self.generator.random)

    def postcode_in(self, place: Place) -> str:
        rng = self.generator.random
        pc4 = rng.randint(place.pc4_from, place.pc4_to)
        return f"{pc4} {rng.choice(POSTCODE_LETTER_PAIRS)}"

    def street_and_number(self) -> tuple[str, str]:
        rng = self.generator.random
        number = str(rng.randint(1, 240))
        suffix = rng.random()
        if suffix < 0.08:
            number += rng.choice("ABC")
        elif suffix < 0.12:
            number += f"-{rng.randint(1, 4)}"
        return rng.choice(streets()), number


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
