"""Where the course lives, and the files that belong to one assignment.

The course root is `cursus/` in the repository, or the directory named by `MELDTRAINER_CURSUS`
(tests and deployments point it elsewhere). Instructor-only data (the scenarios behind an
assignment) lives in `<root>/scenarios/`, outside `source/`, so `generate_assignment` never
copies it into a release.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = "opdracht"  # every assignment has one notebook: opdracht.ipynb


def default_root() -> Path:
    env = os.environ.get("MELDTRAINER_CURSUS")
    return Path(env).resolve() if env else Path.cwd() / "cursus"


def modules_dir(root: Path) -> Path:
    return root / "modules"


def assignment_data(root: Path, assignment: str) -> Path:
    """Instructor-only folder of one assignment: manifest and scenarios (never released)."""
    return root / "scenarios" / assignment


def source_notebook(root: Path, assignment: str) -> Path:
    return root / "source" / assignment / f"{NOTEBOOK}.ipynb"


def templates_dir() -> Path:
    return Path(__file__).resolve().parent / "templates"
