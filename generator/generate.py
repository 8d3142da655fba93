"""Generating scenario sets: per-scenario seeds, one reused Faker instance, streaming output.

Per-scenario seeds are derived with hashlib (never Python's salted `hash()`), so scenario i of a
set depends only on (set seed, i, generator version, Faker version): the same seed gives a
byte-identical set, and any single scenario can be regenerated on its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import cache

from faker import Faker

from generator.builder import ScenarioBuilder, alcohol_probability, draw
from generator.providers import DutchPeopleProvider, DutchPlacesProvider
from generator.recipe import Recipe
from scenario.model import Scenario


def scenario_seed(set_seed: int, index: int) -> int:
    digest = hashlib.sha256(f"meldtrainer|{set_seed}|{index}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def scenario_id(seed: int) -> str:
    return f"SC-{seed:016X}"[:15]


@cache
def _faker() -> Faker:
    fake = Faker("nl_NL")
    fake.add_provider(DutchPeopleProvider)
    fake.add_provider(DutchPlacesProvider)
    return fake


def build_one(recipe: Recipe, seed: int, sid: str | None = None) -> Scenario:
    """One scenario from its own seed (the Faker instance is re-seeded, never shared state)."""
    fake = _faker()
    fake.seed_instance(seed)
    choice = draw(fake, recipe, alcohol_probability(recipe))
    return ScenarioBuilder(fake, recipe, sid or scenario_id(seed), seed, choice).build()


def generate(recipe: Recipe, count: int, set_seed: int) -> Iterator[Scenario]:
    """Stream `count` scenarios; memory stays flat however large the set."""
    for index in range(count):
        yield build_one(recipe, scenario_seed(set_seed, index))
