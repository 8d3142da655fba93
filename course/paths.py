"""Where the course lives, and the files that belong to one assignment.

The course root is `cursus/` in the repository, or the directory named by `MELDTRAINER_CURSUS`
(tests and deployments point it elsewhere). Instructor-only data (the scenarios behind an
assignment) lives in `<root>/scenarios/`, outside `source/`, so `generate_assignment` never
copies it into a release.
"""

from __future__ import annotations

import os
import tempfile
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


def release_notebook(root: Path, assignment: str) -> Path:
    return root / "release" / assignment / f"{NOTEBOOK}.ipynb"


def submitted_dir(root: Path, student: str, assignment: str) -> Path:
    return root / "submitted" / student / assignment


def submitters(root: Path, assignment: str) -> list[str]:
    """The officers who handed in `assignment` (a folder under submitted/), in order."""
    base = root / "submitted"
    if not base.is_dir():
        return []
    return sorted(d.name for d in base.iterdir() if (d / assignment).is_dir())


def autograded_dir(root: Path, student: str, assignment: str) -> Path:
    return root / "autograded" / student / assignment


def write_atomic(path: Path, text: str) -> None:
    """Write a text file so that a crash leaves the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def templates_dir() -> Path:
    return Path(__file__).resolve().parent / "templates"
