"""Autograde time per notebook: this project's pipeline against stock nbgrader, in one run.

Both courses get the same source assignment and the same N submissions (varied quality). The
Meldtrainer course grades with its own config (grader step, no kernel); the stock course has a
bare nbgrader_config.py, so `nbgrader autograde` runs its default pipeline, which starts a Python
kernel per notebook and leaves every Markdown answer for manual grading. Prints wall time per
notebook for each and the ratio.

    .venv/bin/python benchmarks/bench_autograde.py [--n 50]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._util import course_pair
from course import submissions
from course.nbgrader_run import run
from course.paths import release_notebook
from generator.melding import LEVELS

KINDS = tuple(LEVELS)  # the melding writer's quality levels


def timed_autograde(root: Path, assignment: str) -> float:
    start = time.perf_counter()
    proc = run(root, "autograde", assignment, "--force")
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"autograde failed in {root}:\n{proc.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        ours, stock, built = course_pair(base, "3")
        for root in (ours, stock):
            run(root, "generate_assignment", built.assignment, check=True)
        released = nbformat.read(release_notebook(ours, built.assignment), as_version=4)
        for i in range(args.n):
            student = f"agent{i:03d}"
            sub = submissions.fill(released, ours, built.assignment, student,
                                   KINDS[i % len(KINDS)], seed=i)
            for root in (ours, stock):
                submissions.place(root, built.assignment, student, sub)
        t_ours = timed_autograde(ours, built.assignment)
        t_stock = timed_autograde(stock, built.assignment)
    n = args.n
    print(f"submissions: {n} (one notebook each, {len(built.scenarios)} meldingen per notebook)")
    print(f"meldtrainer (no kernel): {t_ours:7.1f} s total, {t_ours / n:6.3f} s/notebook")
    print(f"stock (kernel, manual):  {t_stock:7.1f} s total, {t_stock / n:6.3f} s/notebook")
    print(f"ratio stock / ours:      {t_stock / t_ours:7.1f}x")
    print("(both include one nbgrader start-up of a few seconds; stock leaves every melding "
          "for manual grading)")


if __name__ == "__main__":
    main()
