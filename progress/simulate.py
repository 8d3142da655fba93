"""Simulated officers with a known true skill, writing real meldingen graded by the real grader.

Used to check the skill model (tests/test_progress.py, benchmarks/bench_skill.py). An
officer's true skill (0..1) sets how they write (generator/melding.py `Quality`): how complete,
whether observations and statements get mixed, whether noise leaks in, and how often a decision
is wrong. Scenarios are generated; difficulty varies per attempt.
"""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd

from course.results import report_row
from generator.generate import build_one, scenario_seed
from generator.melding import Quality, write
from generator.recipe import from_dict
from grading import grade
from policy import decide


def quality_for(skill: float, rng: random.Random) -> Quality:
    return Quality(completeness=max(0.05, min(1.0, skill + rng.gauss(0, 0.08))),
                   mixed_sources=rng.random() > skill, leak_noise=rng.random() > skill + 0.2,
                   wrong_decision=rng.random() < 0.35 * (1 - skill),
                   judgemental=rng.random() > skill + 0.3, leave_guidance=rng.random() > skill)


def officers(n: int, attempts: int, seed: int = 1) -> tuple[pd.DataFrame, dict[str, float]]:
    """Graded reports (the columns progress reads) and each officer's true skill."""
    rng = random.Random(seed)
    recipe = from_dict({})
    truth = {f"sim{i:04d}": rng.uniform(0.1, 1.0) for i in range(n)}
    rows = []
    start = dt.datetime(2026, 1, 5, 9)
    for i, (officer, skill) in enumerate(truth.items()):
        for k in range(attempts):
            scenario = build_one(recipe, scenario_seed(seed, i * attempts + k))
            gt = decide(scenario)
            text = write(scenario, gt, quality_for(skill, rng), rng)
            result = grade(text, scenario, gt)
            rows.append({
                "student": officer, "opdracht": f"oefening-{k + 1}", "module": 1 + k % 6,
                "cel": "melding_1", "modus": "oefenen",
                "ingeleverd": start + dt.timedelta(days=7 * k),
                "beoordeeld": start + dt.timedelta(days=7 * k, hours=1),
                **report_row(result, scenario, gt.melding),
            })
    return pd.DataFrame(rows), truth


def spearman(a: pd.Series, b: pd.Series) -> float:
    """Rank correlation of an estimate with the truth (pandas only: scipy is not a dependency)."""
    return a.rank().corr(b.rank())
