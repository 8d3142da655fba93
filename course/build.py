"""`meldtrainer cursus build`: a module plus scenarios become an nbgrader source assignment.

Scenarios come from a given set (the first that fit the module's recipe: form, officer role,
difficulty) or, without a set, are generated from the module's own recipe and seed, so the
course builds the same on every machine. Writes `source/<assignment>/opdracht.ipynb` and the
instructor-only manifest; nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import nbformat

from course import manifest as manifest_mod
from course.modules import Module
from course.notebook import POINTS, answer_ids, build
from course.paths import source_notebook, write_atomic
from generator.generate import generate
from generator.recipe import from_dict
from scenario import io
from scenario.model import Scenario


class BuildError(ValueError):
    """The assignment cannot be built; the Dutch message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Built:
    assignment: str
    notebook: Path
    scenarios: list[Scenario]
    variants: bool


def _fits(module: Module, scenario: Scenario) -> bool:
    recipe = module.recipe
    forms, roles, levels = (recipe.get(k) for k in ("vormen", "rollen", "moeilijkheid"))
    return ((not forms or scenario.form in forms)
            and (not roles or scenario.officer.role in roles)
            and (not levels or scenario.difficulty in levels))


def pick(module: Module, candidates: Iterable[Scenario], count: int) -> list[Scenario]:
    chosen = [s for s in candidates if _fits(module, s)][:count]
    if len(chosen) < count:
        raise BuildError(
            f"De set bevat {len(chosen)} passende scenario's voor module {module.number}, er zijn "
            f"er {count} nodig. Genereer een grotere set of bouw zonder --set (dan maakt de "
            f"module haar eigen scenario's).")
    return chosen


def scenarios_for(module: Module, set_ref: str | None, count: int, seed: int) -> list[Scenario]:
    if set_ref:
        return pick(module, io.load_many(set_ref), count)
    return list(generate(from_dict(module.recipe, module.assignment), count, seed))


def build_assignment(root: Path, module: Module, set_ref: str | None = None,
                     count: int | None = None, seed: int | None = None,
                     variants: bool | None = None, name: str | None = None) -> Built:
    count = count or module.count
    variants = module.variants if variants is None else variants
    seed = module.seed if seed is None else seed
    assignment = name or module.assignment
    if not assignment.replace("-", "").replace("_", "").isalnum():
        raise BuildError(f"De naam '{assignment}' kan niet: gebruik letters, cijfers, - en _.")
    chosen = scenarios_for(module, set_ref, count, seed)
    example = io.load(module.example_case) if module.example_case else None
    if name:
        module = replace(module, assignment=assignment)
    nb = build(module, chosen, example, variants=variants)
    path = source_notebook(root, assignment)
    write_atomic(path, nbformat.writes(nb))
    cells = dict(zip(answer_ids(len(chosen)), (s.id for s in chosen), strict=True))
    manifest_mod.write(root, manifest_mod.Manifest(
        assignment=assignment, module=module.number, mode=module.mode, points=POINTS,
        cells=cells, variants=variants, recipe=module.recipe, seed=seed), chosen)
    return Built(assignment, path, chosen, variants)
