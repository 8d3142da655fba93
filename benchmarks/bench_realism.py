"""Realism and consistency over a large generated set (default 100,000 scenarios).

    .venv/bin/python benchmarks/bench_realism.py [--count 100000] [--recipe R.yaml]

Runs every `scenario check` invariant on every scenario and prints a realism table: the shares
of forms, minors, alcohol, repeat incidents, suspect sex and ages against the recipe's targets
(issue 2: within ±3 points).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator import recipe as recipes
from generator.check import check
from generator.generate import generate
from scenario.model import age_on


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=77)
    parser.add_argument("--recipe", type=Path)
    args = parser.parse_args()
    recipe = recipes.load(args.recipe) if args.recipe else recipes.from_dict(
        {"aandeel_minderjarigen": 0.55})

    forms: Counter[str] = Counter()
    minors = alcohol = repeat = male = 0
    suspect_ages: Counter[str] = Counter()
    child_ages: Counter[str] = Counter()
    victims: Counter[str] = Counter()
    problems = failing = 0
    start = time.perf_counter()
    for s in generate(recipe, args.count, args.seed):
        found = check(s)
        problems += len(found)
        failing += bool(found)
        forms[s.form] += 1
        day = s.incident.start.date()
        minors += any(p.minor for p in s.persons if "derde" not in p.roles)
        alcohol += s.has_risk("alcohol")
        repeat += bool(s.history)
        suspects = s.with_role("verdachte")
        main_suspect = suspects[0] if suspects else None
        male += bool(main_suspect and main_suspect.sex == "M")
        if main_suspect and main_suspect.birth_date:
            age = age_on(main_suspect.birth_date, day)
            suspect_ages["<18" if age < 18 else "18-24" if age < 25 else "25-55" if age <= 55
                         else ">55"] += 1
        for v in s.with_role("slachtoffer"):
            victims[v.sex] += 1
        for c in s.children:
            age = age_on(s.person(c.person_id).birth_date, day)
            child_ages["0-3" if age < 4 else "4-11" if age < 12 else "12-17"] += 1
    elapsed = time.perf_counter() - start
    n = args.count

    def row(name: str, measured: float, target: float | None) -> None:
        if target is None:
            print(f"| {name} | {measured:.1%} | – | – |")
            return
        delta = (measured - target) * 100
        ok = "ja" if abs(delta) <= 3 else "NEE"
        print(f"| {name} | {measured:.1%} | {target:.1%} | {delta:+.1f} pt ({ok}) |")

    print(f"{n} scenarios, seed {args.seed}, {elapsed:.0f} s incl. checks "
          f"({n / elapsed:,.0f}/s); scenarios failing a check: {failing} ({problems} problems)")
    print()
    print("| share | measured | recipe target | difference |")
    print("| --- | --- | --- | --- |")
    for form, weight in sorted(recipe.forms.items(), key=lambda kv: -kv[1]):
        row(f"form {form}", forms[form] / n, weight)
    row("scenarios with minors", minors / n, recipe.expected_minor_share())
    row("alcohol (suspect)", alcohol / n, recipe.targets["alcohol"])
    row("repeat incidents", repeat / n, recipe.targets["herhaling"])
    row("suspect male", male / n, recipe.targets["verdachte_man"])
    total_suspects = sum(suspect_ages.values())
    for band in ("<18", "18-24", "25-55", ">55"):
        row(f"suspect age {band}", suspect_ages[band] / total_suspects, None)
    total_victims = sum(victims.values())
    row("victim female", victims["V"] / total_victims, None)
    total_children = sum(child_ages.values())
    for band in ("0-3", "4-11", "12-17"):
        row(f"child age {band}", child_ages[band] / total_children, None)


if __name__ == "__main__":
    main()
