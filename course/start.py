"""`meldtrainer cursus start`: make the course ready and open JupyterLab on it (`make start`).

Builds every module that has no source assignment yet, runs nbgrader's generate_assignment and
release_assignment for each assignment that is not released yet (so a second start changes
nothing that officers or instructors made), then replaces this process with JupyterLab in Dutch,
started in the course directory on its SQLite gradebook.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from course.build import build_assignment
from course.config import ensure_alembic_on_path, settings
from course.modules import load_all
from course.nbgrader_run import run
from course.paths import release_notebook, source_notebook


def prepare(root: Path) -> list[str]:
    """Build, generate and release what is missing; returns the assignments of the course."""
    names = []
    s = settings(root)
    outbound = Path(s["exchange"]) / s["course_id"] / "outbound"
    for module in load_all(root):
        names.append(module.assignment)
        if not source_notebook(root, module.assignment).exists():
            build_assignment(root, module)
            print(f"Module {module.number} gebouwd: {module.assignment}")
        if not release_notebook(root, module.assignment).exists():
            run(root, "generate_assignment", module.assignment, "--force", check=True)
            print(f"Klaargezet: {module.assignment}")
        if not (outbound / module.assignment).exists():
            outbound.parent.mkdir(parents=True, exist_ok=True)
            run(root, "release_assignment", module.assignment, "--force", check=True)
            print(f"Vrijgegeven: {module.assignment}")
    return names


def lab_environment(root: Path) -> dict[str, str]:
    """The environment of the instructor's JupyterLab (Dutch, formgrader on)."""
    ensure_alembic_on_path()
    return {**os.environ, "JUPYTER_CONFIG_DIR": str(root / "jupyter" / "instructeur")}


def start(root: Path, extra: list[str]) -> int:
    prepare(root)
    env = lab_environment(root)
    args = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}", *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers often run as root
        args.append("--allow-root")
    print("JupyterLab start met de cursus. Formgrader: menu 'Nbgrader' → 'Formgrader'. "
          "Stoppen: Ctrl+C.")
    os.chdir(root)
    os.execve(sys.executable, args, env)
    return 0  # not reached
