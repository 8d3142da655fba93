"""Batch grading speed: `meldtrainer grade batch` on N submissions against stock nbgrader
autograde with a kernel, in one run, with peak memory.

Stock nbgrader needs about a second per notebook (a kernel start each), so it is timed on a
sample of the same submissions (--stock, default 50) and compared per notebook; the batch
grader is timed on all N (--n, default 1,000).

    .venv/bin/python benchmarks/bench_batch.py [--n 1000] [--stock 50] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._util import course_pair, peak_children_rss_mib, peak_rss_mib
from course import submissions
from course.batch import run_batch
from course.nbgrader_run import run
from course.paths import release_notebook
from generator.melding import LEVELS

KINDS = tuple(LEVELS)  # the melding writer's quality levels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--stock", type=int, default=50)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        ours, stock, built = course_pair(base, "3")
        run(ours, "generate_assignment", built.assignment, check=True)
        released = nbformat.read(release_notebook(ours, built.assignment), as_version=4)
        run(stock, "generate_assignment", built.assignment, check=True)
        t0 = time.perf_counter()
        for i in range(args.n):
            student = f"agent{i:04d}"
            sub = submissions.fill(released, ours, built.assignment, student,
                                   KINDS[i % len(KINDS)], seed=i)
            submissions.place(ours, built.assignment, student, sub)
            if i < args.stock:
                submissions.place(stock, built.assignment, student, sub)
        prep = time.perf_counter() - t0

        start = time.perf_counter()
        report = run_batch(ours, built.assignment, workers=args.workers, progress=False)
        t_batch = time.perf_counter() - start
        peak_self = peak_rss_mib()
        peak_children = peak_children_rss_mib()

        start = time.perf_counter()
        proc = run(stock, "autograde", built.assignment)
        t_stock = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(proc.stderr[-2000:])
    graded = sum(not g.fatal for g in report.graded)
    per_batch, per_stock = t_batch / args.n, t_stock / args.stock
    print(f"submissions prepared: {args.n} in {prep:.1f} s "
          f"({len(built.scenarios)} meldingen per notebook)")
    print(f"batch grader, {args.workers} worker(s): {t_batch:.1f} s for {graded} graded = "
          f"{per_batch * 1000:.1f} ms/notebook ({args.n / t_batch:.0f} notebooks/s)")
    print(f"stock nbgrader autograde (kernel): {t_stock:.1f} s for {args.stock} = "
          f"{per_stock * 1000:.0f} ms/notebook")
    print(f"ratio per notebook, stock / batch: {per_stock / per_batch:.0f}x")
    print(f"peak RSS: main process {peak_self:.0f} MiB, largest child {peak_children:.0f} MiB")


if __name__ == "__main__":
    main()
