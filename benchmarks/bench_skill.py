"""Does the skill model rank officers as their true skill does? On simulated officers.

    .venv/bin/python benchmarks/bench_skill.py [--officers 120] [--seed 11]

Officers with a known true skill write real meldingen (progress/simulate.py) graded by the real
grader; the skill model (progress/skill.py) estimates each competency. Printed: the Spearman
correlation with the true skill of the mean estimate, of the plain mean total score, and per
competency, after 3 and 10 attempts (the table in docs/progress.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from course.results import COMPETENCIES  # noqa: E402
from progress.simulate import officers, spearman  # noqa: E402
from progress.skill import estimate, long_form  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--officers", type=int, default=120)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    reports, truth = officers(args.officers, 10, seed=args.seed)
    true = pd.Series(truth)
    comps = list(COMPETENCIES)
    print("| attempts | Spearman, mean over competencies | plain mean of total scores | "
          + " | ".join(comps) + " |")
    print("| --- | --- | --- | " + " | ".join("---" for _ in comps) + " |")
    for attempts in (3, 10):
        first = reports[reports["opdracht"].isin([f"oefening-{k + 1}" for k in range(attempts)])]
        est = estimate(long_form(first, comps))
        est["waar"] = est["student"].map(truth)
        overall = spearman(est.groupby("student")["schatting"].mean(), true)
        plain = spearman(first.groupby("student")["fractie"].mean(), true)
        per = {c: spearman(g["schatting"], g["waar"]) for c, g in est.groupby("competentie")}
        print(f"| {attempts} | {overall:.2f} | {plain:.2f} | "
              + " | ".join(f"{per.get(c, float('nan')):.2f}" for c in comps) + " |")


if __name__ == "__main__":
    main()
