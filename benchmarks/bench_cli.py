"""How fast `meldtrainer --help` answers (issue 2: well under a second).

    .venv/bin/python benchmarks/bench_cli.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

EXE = Path(sys.executable).with_name("meldtrainer")


def main() -> None:
    times = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run([str(EXE), "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    print(f"meldtrainer --help: median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms over {len(times)} runs")


if __name__ == "__main__":
    main()
