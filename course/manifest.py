"""The instructor-side record of an assignment: which scenario each answer cell is graded on.

Written by `meldtrainer cursus build` next to the scenarios themselves, in
`<cursus>/scenarios/<assignment>/`, which nbgrader never releases. The grader reads the
scenario from here (never from the officer's notebook, which an officer can edit), and the
ground truth is computed from it by the policy at grading time: it is stored nowhere.

With `variants` on, each officer gets a scenario of their own for every answer cell, derived
deterministically from the assignment, the officer's id and the cell (issue 6), so two officers
cannot copy each other's melding.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from course.paths import assignment_data, write_atomic
from scenario import io
from scenario.model import Scenario

MANIFEST_FORMAT = 1


class ManifestError(ValueError):
    """No usable manifest for an assignment; the Dutch message says what to do."""


@dataclass(slots=True)
class Manifest:
    assignment: str
    module: int
    mode: str  # oefenen | toets
    points: float
    cells: dict[str, str]  # grade_id -> scenario id (the shared scenario of that cell)
    variants: bool = False
    recipe: dict[str, Any] = field(default_factory=dict)
    seed: int = 0
    format: int = MANIFEST_FORMAT

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write(root: Path, manifest: Manifest, scenarios: list[Scenario]) -> Path:
    folder = assignment_data(root, manifest.assignment)
    folder.mkdir(parents=True, exist_ok=True)
    io.write_jsonl(scenarios, folder / "scenarios.jsonl")
    write_atomic(folder / "manifest.json", manifest.to_json())
    _cached_scenarios.cache_clear()
    return folder


def load(root: Path, assignment: str) -> Manifest:
    path = assignment_data(root, assignment) / "manifest.json"
    if not path.exists():
        raise ManifestError(
            f"Opdracht '{assignment}' heeft geen scenario's in {path.parent}. Bouw haar met "
            f"'meldtrainer cursus build'.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(**data)
    except (ValueError, TypeError) as exc:
        raise ManifestError(f"{path} is beschadigd ({exc}). Bouw de opdracht opnieuw.") from None


@lru_cache(maxsize=64)
def _cached_scenarios(path: str, mtime_ns: int) -> dict[str, Scenario]:
    return {s.id: s for s in io.iter_jsonl(Path(path))}


def scenarios(root: Path, assignment: str) -> dict[str, Scenario]:
    path = assignment_data(root, assignment) / "scenarios.jsonl"
    if not path.exists():
        raise ManifestError(f"{path} ontbreekt. Bouw de opdracht opnieuw.")
    return _cached_scenarios(str(path), path.stat().st_mtime_ns)


def variant_seed(assignment: str, student: str, grade_id: str, attempt: int = 0) -> int:
    """The seed of an officer's own scenario: the same inputs always give the same scenario."""
    key = f"{assignment}\x1f{student}\x1f{grade_id}\x1f{attempt}".encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big")


def variant(manifest: Manifest, student: str, grade_id: str, attempt: int = 0) -> Scenario:
    from generator.generate import build_one, scenario_id
    from generator.recipe import from_dict

    seed = variant_seed(manifest.assignment, student, grade_id, attempt)
    return build_one(from_dict(manifest.recipe, manifest.assignment), seed, scenario_id(seed))


def scenario_for(root: Path, manifest: Manifest, grade_id: str, student: str,
                 attempt: int = 0) -> Scenario:
    """The scenario an officer's answer in cell `grade_id` is graded against."""
    if grade_id not in manifest.cells:
        raise ManifestError(f"De antwoordcel '{grade_id}' hoort niet bij opdracht "
                            f"'{manifest.assignment}'.")
    if manifest.variants:
        return variant(manifest, student, grade_id, attempt)
    found = scenarios(root, manifest.assignment).get(manifest.cells[grade_id])
    if found is None:
        raise ManifestError(f"Scenario {manifest.cells[grade_id]} ontbreekt bij opdracht "
                            f"'{manifest.assignment}'. Bouw de opdracht opnieuw.")
    return found
