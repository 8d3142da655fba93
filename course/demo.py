"""`meldtrainer demo`: the main job, headless, on a fresh course in an output folder.

Generate a scenario set → build a module's assignment from it → nbgrader generate_assignment and
release_assignment → submissions of varied quality for a group of (simulated) officers, including
a copy-pasted answer cell, a deleted answer cell and a corrupt notebook → autograde with the
project's grader → generate_feedback → a short Dutch summary. CI runs it as a smoke test.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat

from course import autograde as autograde_mod
from course import submissions
from course.build import build_assignment
from course.modules import find
from course.nbgrader_run import run
from course.paths import REPO, release_notebook
from generator.generate import generate
from generator.recipe import load as load_recipe
from scenario import io

OFFICERS = {
    "agent01": "uitstekend", "agent02": "goed", "agent03": "goed", "agent04": "matig",
    "agent05": "zwak", "agent06": "fout_besluit", "agent07": "leeg", "agent08": "dubbele_cel",
    "agent09": "cel_verwijderd", "agent10": "kapot",
}


def fresh_course(out: Path) -> Path:
    """A new course folder: the repository's modules and nbgrader config, nothing generated."""
    root = out / "cursus"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copytree(REPO / "cursus" / "modules", root / "modules")
    shutil.copy(REPO / "cursus" / "nbgrader_config.py", root / "nbgrader_config.py")
    return root


def run_demo(out: Path, module: str = "3", seed: int = 2026, count: int = 60) -> int:
    out = out.resolve()
    root = fresh_course(out)
    os.environ["MELDTRAINER_UITWISSELING"] = str(out / "uitwisseling")
    os.environ.pop("MELDTRAINER_DB_URL", None)
    print(f"Meldtrainer-demo in {out}")

    set_path = out / "demo-set.jsonl"
    io.write_jsonl(generate(load_recipe(None), count, seed), set_path)
    print(f"1. {count} fictieve scenario's gegenereerd: {set_path.name}")

    mod = find(root, module)
    built = build_assignment(root, mod, set_ref=str(set_path))
    print(f"2. Opdracht '{built.assignment}' gebouwd (module {mod.number}: {mod.title}), "
          f"{len(built.scenarios)} dossier(s)")

    run(root, "generate_assignment", built.assignment, "--force", check=True)
    run(root, "release_assignment", built.assignment, "--force", check=True)
    print("3. Klaargezet en vrijgegeven met nbgrader (generate_assignment, release_assignment)")

    released = nbformat.read(release_notebook(root, built.assignment), as_version=4)
    for student, kind in OFFICERS.items():
        sub = submissions.fill(released, root, built.assignment, student, kind, seed)
        submissions.place(root, built.assignment, student, sub)
    print(f"4. {len(OFFICERS)} inleveringen van wisselende kwaliteit, waaronder een gekopieerde "
          f"antwoordcel, een verwijderde antwoordcel en een beschadigd notebook")

    outcomes = autograde_mod.autograde(root, built.assignment, force=True)
    print("5. Nagekeken met nbgrader autograde en de Meldtrainer-beoordelaar (zonder kernel):")
    print("   " + autograde_mod.summary(built.assignment, outcomes).replace("\n", "\n   "))

    run(root, "generate_feedback", built.assignment, "--force", check=True)
    feedback = sorted((root / "feedback").glob(f"*/{built.assignment}/*.html"))
    print(f"6. Terugmeldingen gemaakt: {len(feedback)} (bijvoorbeeld {feedback[0]})"
          if feedback else "6. Geen terugmeldingen gemaakt.")
    graded = [o for o in outcomes if o.score is not None]
    broken = [o for o in outcomes if o.score is None]
    print(f"Klaar: {len(graded)} beoordeeld, {len(broken)} niet te beoordelen (zie hierboven).")
    return 0 if graded and len(broken) <= 1 else 1
