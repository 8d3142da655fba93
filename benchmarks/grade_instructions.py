"""Grader speed as a count of CPU instructions: the same figure on every run, where wall-clock
time on a shared machine varies by ±8% from one run to the next.

    .venv/bin/python benchmarks/grade_instructions.py            # working tree against HEAD
    .venv/bin/python benchmarks/grade_instructions.py c6b956e    # ... against another commit
    .venv/bin/python benchmarks/grade_instructions.py --reports 400
    .venv/bin/python benchmarks/grade_instructions.py --as-installed   # e.g. the compiled build

Grades the first N reports of benchmarks/bench_grader.py (one first pass, as the speed benchmark
does) under valgrind's instruction counter, once with the commit's grader and once with the
working tree's, and subtracts a run that only prepares the reports. Prints instructions per
report and the change. A change of a fraction of a percent is real here; with a stopwatch it is
noise. It measures the source modules (the copies have no compiled build, grading/compiled.py);
with --as-installed it measures this tree in place, with the build `import grading` chooses.
Needs valgrind (Debian package `valgrind`); takes about a minute and both cores.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Run in a copy of the source: prepares N reports, then grades them if asked.
CHILD = """
import sys
sys.path.insert(0, sys.argv[1])
from benchmarks.bench_grader import reports
from grading.pipeline import grade
cases = [case[1:] for case in reports(int(sys.argv[3]))]
grade(*cases[0])  # load the data files and simplemma once, as the speed benchmark does
if sys.argv[2] == "grade":
    for case in cases:
        grade(*case)
"""


def instructions(source: Path, mode: str, count: int) -> int:
    """Instructions valgrind counts for one run of CHILD."""
    run = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, "-c", CHILD, str(source), mode, str(count)],
        capture_output=True, text=True, check=False)
    if run.returncode != 0:
        tail = "\n".join(run.stderr.strip().splitlines()[-15:])
        sys.exit(f"grading under valgrind failed ({source.name}):\n{tail}\n"
                 "A commit before benchmarks/bench_grader.py had reports() cannot be measured.")
    line = next(x for x in run.stderr.splitlines() if "I   refs" in x)
    return int(line.split()[-1].replace(",", ""))


def per_report(source: Path, count: int) -> float:
    with ThreadPoolExecutor(max_workers=2) as pool:
        setup, graded = pool.map(lambda mode: instructions(source, mode, count),
                                 ["setup", "grade"])
    return (graded - setup) / count


def copy_commit(ref: str, into: Path) -> None:
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)


def copy_working_tree(into: Path) -> None:
    # Tracked files and new ones not yet added (a new module of the change), not ignored ones.
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, into / name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("commit", nargs="?", default="HEAD")
    parser.add_argument("--reports", type=int, default=400)
    parser.add_argument("--as-installed", action="store_true",
                        help="measure this tree in place, with the build `import grading` "
                             "chooses (the compiled one when fresh), and compare nothing")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed: install the Debian package valgrind and run again.")
    if args.as_installed:
        which = subprocess.run(
            [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); import grading; "
             "print('compiled' if grading.COMPILED else 'from source')", str(ROOT)],
            capture_output=True, text=True, check=True).stdout.strip()
        print(f"reports:        {args.reports} (first pass)")
        print(f"this tree       {per_report(ROOT, args.reports) / 1e6:.3f} M instructions per "
              f"report ({which})")
        return
    with tempfile.TemporaryDirectory() as tmp:
        before, after = Path(tmp, "commit"), Path(tmp, "working-tree")
        before.mkdir()
        after.mkdir()
        copy_commit(args.commit, before)
        copy_working_tree(after)
        old = per_report(before, args.reports)
        new = per_report(after, args.reports)
    print(f"reports:        {args.reports} (first pass)")
    print(f"{args.commit:15s} {old / 1e6:.3f} M instructions per report")
    print(f"{'working tree':15s} {new / 1e6:.3f} M instructions per report "
          f"({100 * (new - old) / old:+.1f}%)")


if __name__ == "__main__":
    main()
