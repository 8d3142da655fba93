"""Run nbgrader's own commands on the course, with `alembic` on PATH (NBGRADER.md §7)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from course.config import ensure_alembic_on_path


def run(root: Path, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    """`nbgrader ARGS` in the course directory; output captured, exit code returned."""
    ensure_alembic_on_path()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=root, env=env,
                          capture_output=True, text=True, check=False)
    if check and proc.returncode != 0:
        raise NbgraderFailed(args, proc)
    return proc


# What an officer or instructor does about an nbgrader failure whose log is shown above.
FIX_AND_RETRY = "Los de fout hierboven op en draai het commando opnieuw."


class NbgraderFailed(RuntimeError):
    def __init__(self, args: tuple[str, ...], proc: subprocess.CompletedProcess[str]):
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
        super().__init__(f"'nbgrader {' '.join(args)}' mislukte (code {proc.returncode}):\n{tail}\n"
                         f"{FIX_AND_RETRY}")
        self.proc = proc
