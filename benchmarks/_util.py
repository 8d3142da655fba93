"""Small helpers shared by the benchmark scripts."""

from __future__ import annotations

import os
import resource


def rss_mib() -> float:
    """Current resident set size of this process, in MiB (Linux)."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
