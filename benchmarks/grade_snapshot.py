"""Speed work on the grader without changing what it decides: save every grade, then compare.

    .venv/bin/python benchmarks/grade_snapshot.py save /tmp/before.json
    ... change the grader ...
    .venv/bin/python benchmarks/grade_snapshot.py compare /tmp/before.json

Grades every report of the labelled corpora (tests/corpus/) and the 2,000 generated reports of
benchmarks/bench_grader.py, and writes each result's JSON form. `compare` grades them again and
lists every result that differs, field by field; it exits 1 if any does. A speed change should
leave all of them identical; a deliberate grading change shows here what it changed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_grader import reports  # noqa: E402
from benchmarks.validity import graded, load_corpora  # noqa: E402
from grading import grade  # noqa: E402


def results() -> Iterator[tuple[str, dict]]:
    """(name, result as JSON data) for every report, in a fixed order."""
    for corpus, entries in load_corpora().items():
        for entry in entries:
            result, _, _ = graded(entry["path"], entry["scenario"])
            yield f"{corpus}/{entry['report']}", result.to_dict()
    for name, text, scenario, gt in reports(2000):  # the reports of bench_grader.py
        yield name, grade(text, scenario, gt).to_dict()


def differences(old: object, new: object, path: str = "") -> Iterator[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            yield from differences(old.get(key), new.get(key), f"{path}.{key}")
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            yield from differences(a, b, f"{path}[{i}]")
    elif old != new:
        yield f"{path}: {json.dumps(old, ensure_ascii=False)[:200]} -> " \
              f"{json.dumps(new, ensure_ascii=False)[:200]}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("file", type=Path)
    args = parser.parse_args()
    current = dict(results())
    if args.action == "save":
        args.file.write_text(json.dumps(current, ensure_ascii=False, sort_keys=True),
                             encoding="utf-8")
        print(f"{len(current)} results saved in {args.file}")
        return 0
    saved = json.loads(args.file.read_text(encoding="utf-8"))
    changed = 0
    for name in sorted(set(saved) | set(current)):
        lines = list(differences(saved.get(name), current.get(name)))
        if lines:
            changed += 1
            print(name)
            print("\n".join(f"  {line}" for line in lines[:10]))
    print(f"{changed} of {len(current)} results differ")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
