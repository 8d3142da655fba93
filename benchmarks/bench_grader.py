"""Grader speed: reports per second on one core, and the cost of `import grading`.

    .venv/bin/python benchmarks/bench_grader.py [--reports 2000] [--runs 5] [--stages]
    .venv/bin/python benchmarks/bench_grader.py --long 20000   # memory over a long run

Reports are realistic meldingen of five quality levels (generator/melding.py) for generated
scenarios of every form (the labelled corpus is graded by benchmarks/grade_snapshot.py). Ground
truth is computed once per scenario, as the batch grader does. Targets (issue 3): ≥ 1,000 reports/s,
`import grading` < 0.3 s. The rate is the median of --runs fresh processes (each one first
pass), every run's rate printed beside it: on a shared machine one run says little. With
--stages (one run) it also times each step of grading.pipeline.grade (by wrapping the
functions it calls, so the figures include a little timer overhead). With --long N
it grades N reports of new scenarios one after another, as a long batch does, and prints the
process's memory (RSS) five times along the way: the grader's caches are bounded.
It measures the grader `import grading` chooses (grading/compiled.py): the compiled build when a
fresh one is there (`make grader`), else the sources; MELDTRAINER_GRADER=python measures the
sources. The first line of output says which.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import grading  # noqa: E402
from benchmarks._util import rss_mib  # noqa: E402
from generator import recipe as recipes  # noqa: E402
from generator.generate import generate  # noqa: E402
from generator.melding import LEVELS, write  # noqa: E402
from grading import pipeline  # noqa: E402
from grading.pipeline import grade  # noqa: E402
from policy import decide  # noqa: E402
from policy.decide import GroundTruth  # noqa: E402
from scenario.model import Scenario  # noqa: E402


def import_time() -> float:
    runs = []
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c",
             "import time; t = time.perf_counter(); import grading; "
             "print(time.perf_counter() - t)"],
            capture_output=True, text=True, check=True, cwd=ROOT)
        runs.append(float(out.stdout))
    return statistics.median(runs)


# The steps of grading.pipeline.grade, by the name it calls them under.
STAGES = {"parse": "parse the form", "index": "index the words", "locate": "find the facts",
          "judge_in_sections": "section checks", "_judgemental_words": "judgemental words",
          "_decision_criteria": "decisions", "_completeness": "criteria",
          "_source_marking": "criteria", "leaks": "leaks"}


def timed_stages() -> Counter:
    """Wrap each step grade() calls with a timer; the returned counter fills as grade runs.
    A step called inside another (leaks indexes a line, source marking scores completeness)
    counts for the outer one only, so the steps add up to the whole."""
    spent: Counter = Counter()
    running: list[str] = []

    def wrap(fn, label):
        def timed(*args, **kwargs):
            if running:
                return fn(*args, **kwargs)
            running.append(label)
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - start
                running.pop()
        return timed

    for name, label in STAGES.items():
        if name == "index":
            pipeline.match.index = wrap(pipeline.match.index, label)
        else:
            setattr(pipeline, name, wrap(getattr(pipeline, name), label))
    return spent


def reports(count: int, seed: int = 99) -> Iterator[tuple[str, str, Scenario, GroundTruth]]:
    """`count` realistic meldingen ('ID/level', text, scenario, ground truth): for each generated
    scenario one of every quality level, ground truth computed once per scenario."""
    rng, made = random.Random(5), 0
    for scenario in generate(recipes.from_dict({}), -(-count // len(LEVELS)), seed):
        gt = decide(scenario)
        for level, quality in LEVELS.items():
            if made == count:
                return
            made += 1
            yield f"{scenario.id}/{level}", write(scenario, gt, quality, rng), scenario, gt


def long_run(count: int) -> None:
    step = max(1, count // 5)
    for graded, (_, text, scenario, gt) in enumerate(reports(count, seed=7), start=1):
        grade(text, scenario, gt)
        if graded % step == 0:
            print(f"{graded:>7,} reports graded: RSS {rss_mib():.0f} MiB", flush=True)


def which() -> str:
    return "compiled (build/grader/)" if grading.COMPILED else "from source"


def one_run(count: int) -> float:
    """Reports per second of one first pass over `count` reports, in a fresh process: the
    machine's speed varies from run to run, and a fresh process starts with empty caches."""
    out = subprocess.run([sys.executable, __file__, "--reports", str(count), "--runs", "1",
                          "--rate-only"], capture_output=True, text=True, check=True)
    return float(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--stages", action="store_true", help="also time each step")
    parser.add_argument("--long", type=int, metavar="N", help="memory over N reports")
    parser.add_argument("--runs", type=int, default=5,
                        help="fresh processes, each grading the reports once (a first pass); "
                             "prints every rate and their median (default 5)")
    parser.add_argument("--rate-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stages and grading.COMPILED:
        # Compiled modules call each other directly: the timers wrapped around them would
        # never run.
        sys.exit("--stages times the source modules: run it with MELDTRAINER_GRADER=python")
    if args.long:
        long_run(args.long)
        return
    if args.runs > 1 and not args.stages:
        rates = [one_run(args.reports) for _ in range(args.runs)]
        print(f"grader:          {which()}")
        print(f"reports:         {args.reports} per run, {args.runs} runs in fresh processes")
        print(f"grading:         median {statistics.median(rates):,.0f} reports/s on one core "
              f"(runs: {', '.join(f'{r:,.0f}' for r in rates)})")
        print(f"import grading:  {import_time() * 1000:.0f} ms (median of 5 fresh processes)")
        return
    cases = [(text, scenario, gt) for _, text, scenario, gt in reports(args.reports)]
    chars = statistics.mean(len(t) for t, _, _ in cases)
    grade(*cases[0])  # load simplemma's dictionary and the data files once
    spent = timed_stages() if args.stages else Counter()
    start = time.perf_counter()
    for text, scenario, gt in cases:
        grade(text, scenario, gt)
    elapsed = time.perf_counter() - start
    if args.rate_only:
        print(len(cases) / elapsed)
        return
    print(f"grader:          {which()}")
    print(f"reports:         {len(cases)} (mean {chars:,.0f} characters)")
    print(f"grading:         {elapsed:.2f} s = {len(cases) / elapsed:,.0f} reports/s on one core")
    print(f"import grading:  {import_time() * 1000:.0f} ms (median of 5 fresh processes)")
    for label, seconds in spent.items():
        print(f"  {label:20s} {seconds / len(cases) * 1e6:5.0f} µs per report")
    if spent:
        rest = elapsed - sum(spent.values())
        print(f"  {'the rest':20s} {rest / len(cases) * 1e6:5.0f} µs per report")


if __name__ == "__main__":
    main()
