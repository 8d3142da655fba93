"""Progress report at scale: 65,000 officers × 12 assignments, against a plain pandas group-by.

Builds a synthetic gradebook (progress/synthetic.py; SQLite, with the per-criterion table), then
in one run times (a) the full `meldtrainer progress report` (HTML, CSV, Excel) in a fresh
process, with its peak memory, and (b) a plain pandas read of the same melding rows plus one
group-by per officer. Targets (issue 5): at most 30 s and 4 GB.

    .venv/bin/python benchmarks/bench_progress.py [--officers 65000] [--assignments 12]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._util import peak_children_rss_mib
from course.results import COMPETENCIES, competency_column
from progress.synthetic import write


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--officers", type=int, default=65_000)
    parser.add_argument("--assignments", type=int, default=12)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        db_url = f"sqlite:///{base / 'gradebook.db'}"
        t0 = time.perf_counter()
        n = write(db_url, base / "rooster.csv", args.officers, args.assignments)
        t_gen = time.perf_counter() - t0
        size = (base / "gradebook.db").stat().st_size / 2**20
        with sa.create_engine(db_url).connect() as conn:
            crit = conn.execute(sa.text("SELECT COUNT(*) FROM meldtrainer_criterium")).scalar()

        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "meldtrainer.cli", "progress", "report",
                               "--db", db_url, "--rooster", str(base / "rooster.csv"),
                               "--uit", str(base / "rapport")], capture_output=True, text=True,
                              check=False)
        t_report = time.perf_counter() - t0
        if proc.returncode != 0:
            raise SystemExit(proc.stderr[-3000:])
        peak = peak_children_rss_mib()
        html_kb = (base / "rapport" / "voortgang.html").stat().st_size / 1024
        xlsx_mb = (base / "rapport" / "voortgang.xlsx").stat().st_size / 2**20

        t0 = time.perf_counter()
        cols = ["student", *(competency_column(c) for c in COMPETENCIES)]
        engine = sa.create_engine(db_url)
        with engine.connect() as conn:
            frame = pd.read_sql(sa.text(f"SELECT {', '.join(cols)} FROM meldtrainer_melding"),
                                conn)
        plain = frame.groupby("student").mean()
        t_plain = time.perf_counter() - t0
    print(f"synthetic gradebook: {args.officers:,} officers × {args.assignments} = {n:,} "
          f"meldingen, {crit:,} criterion rows, {size:,.0f} MiB (built in {t_gen:.0f} s)")
    print(f"full progress report (fresh process): {t_report:.1f} s, peak RSS {peak:,.0f} MiB "
          f"(HTML {html_kb:,.0f} KiB, Excel {xlsx_mb:.1f} MiB)")
    print(f"plain pandas read + group-by per officer: {t_plain:.1f} s ({len(plain):,} groups)")
    print(f"ratio full report / plain group-by: {t_report / t_plain:.1f}x")


if __name__ == "__main__":
    main()
