"""Course modules: the Dutch text, worked example and practice recipe of each module.

A module is a reviewed YAML file in `cursus/modules/` (content is data; see the files' headers
for the sources of their facts). This module only reads and checks them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from course.paths import modules_dir

MODES = ("oefenen", "toets")


class ModuleError(ValueError):
    """A module file that cannot be used; the message is Dutch and says what to fix."""


@dataclass(frozen=True, slots=True)
class Module:
    number: int
    assignment: str
    title: str
    mode: str
    duration: str
    explanation: str
    example_case: str | None
    example_why: str
    count: int
    seed: int
    recipe: dict[str, Any]
    instruction: str
    path: Path
    # Each officer gets an own scenario of the recipe (issue 6); practice mode needs it.
    variants: bool = True


def _module(data: Any, path: Path) -> Module:
    if not isinstance(data, dict):
        raise ModuleError(f"{path.name}: dit is geen module (verwacht een YAML-woordenboek).")
    try:
        example = data.get("voorbeeld") or {}
        practice = data["oefening"]
        module = Module(
            number=int(data["nummer"]), assignment=str(data["opdracht"]),
            title=str(data["titel"]), mode=str(data.get("modus", "oefenen")),
            duration=str(data.get("duur", "")), explanation=str(data["uitleg"]).strip(),
            example_case=example.get("casus"), example_why=str(example.get("waarom_goed", "")),
            count=int(practice.get("aantal", 1)), seed=int(practice.get("zaad", 1)),
            recipe=dict(practice.get("recept") or {}),
            instruction=str(data.get("opdrachttekst", "")).strip(), path=path,
            variants=bool(data.get("varianten", True)))
    except KeyError as exc:
        raise ModuleError(f"{path.name}: het veld '{exc.args[0]}' ontbreekt.") from None
    if module.mode not in MODES:
        raise ModuleError(f"{path.name}: modus '{module.mode}' bestaat niet; kies oefenen "
                          "of toets.")
    if not 1 <= module.count <= 20:
        raise ModuleError(f"{path.name}: kies tussen 1 en 20 opdrachten per module.")
    return module


def load_all(root: Path) -> list[Module]:
    folder = modules_dir(root)
    if not folder.is_dir():
        raise ModuleError(f"Geen modules gevonden in {folder}. Is dit de cursusmap?")
    modules = [_module(yaml.safe_load(p.read_text(encoding="utf-8")), p)
               for p in sorted(folder.glob("*.yaml"))]
    if not modules:
        raise ModuleError(f"Geen modules gevonden in {folder}.")
    return modules


def find(root: Path, which: str) -> Module:
    """A module by number ('2') or assignment name ('m2-meldplicht')."""
    modules = load_all(root)
    for module in modules:
        if which in (str(module.number), module.assignment):
            return module
    names = ", ".join(f"{m.number} ({m.assignment})" for m in modules)
    raise ModuleError(f"Module '{which}' bestaat niet. Kies uit: {names}.")
