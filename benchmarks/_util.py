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
    """Peak resident set size of this process, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_children_rss_mib() -> float:
    """Peak resident set size of the largest finished child process, in MiB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


STOCK_CONFIG = 'c = get_config()  # noqa: F821\nc.CourseDirectory.root = {root!r}\n'


def course_pair(base, module: str = "3"):
    """Two courses with the same source assignment: ours (the Meldtrainer config) and a stock
    nbgrader course (a bare nbgrader_config.py). Returns (ours, stock, built)."""
    import shutil

    from course.build import build_assignment
    from course.demo import fresh_course
    from course.modules import find

    os.environ["MELDTRAINER_UITWISSELING"] = str(base / "uitwisseling")
    ours = fresh_course(base / "ours")
    built = build_assignment(ours, find(ours, module))
    stock = base / "stock"
    (stock / "source").mkdir(parents=True)
    shutil.copytree(ours / "source" / built.assignment, stock / "source" / built.assignment)
    (stock / "nbgrader_config.py").write_text(STOCK_CONFIG.format(root=str(stock)))
    return ours, stock, built
