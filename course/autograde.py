"""`meldtrainer cursus autograde`: nbgrader autograde plus a Dutch account of every submission.

Before grading, each submitted notebook is checked (readable JSON, a notebook, the answer cells
there); after grading, the gradebook says what each officer scored. A broken submission is named
with what to do about it and never stops the others; nbgrader's own logic decides what is
(re)graded, so a re-run gives the same result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from course.cells import is_answer, read_submission
from course.nbgrader_run import FIX_AND_RETRY, run
from course.paths import NOTEBOOK, submitted_dir, submitters


class AutogradeError(ValueError):
    """Nothing could be graded; the Dutch message says why and what to do."""


@dataclass(slots=True)
class Outcome:
    student: str
    problems: list[str] = field(default_factory=list)
    score: float | None = None
    max_score: float | None = None
    format_problems: int = 0


def check_submission(path: Path) -> list[str]:
    """Dutch descriptions of what is wrong with one submitted notebook ([] = fine)."""
    nb, problem = read_submission(path)
    if nb is None:
        return [problem]
    if not any(is_answer(c) for c in nb["cells"]):
        return ["er staat geen antwoordcel meer in het notebook; die wordt leeg teruggezet en "
                "telt als niet ingevuld."]
    return []


def require_submitters(root: Path, assignment: str) -> list[str]:
    """The officers who handed in the assignment; none is an error that says what to do."""
    students = submitters(root, assignment)
    if not students:
        raise AutogradeError(f"Geen inleveringen gevonden voor '{assignment}' in "
                             f"{root / 'submitted'}. Haal ze eerst op met nbgrader collect.")
    return students


def autograde(root: Path, assignment: str, force: bool = False) -> list[Outcome]:
    outcomes = {sid: Outcome(sid, check_submission(submitted_dir(root, sid, assignment)
                                                   / f"{NOTEBOOK}.ipynb"))
                for sid in require_submitters(root, assignment)}
    args = ["autograde", assignment] + (["--force"] if force else [])
    proc = run(root, *args)
    _read_scores(root, assignment, outcomes)
    if proc.returncode != 0 and all(o.score is None for o in outcomes.values()):
        raise AutogradeError("nbgrader autograde mislukte; de laatste regels van het logboek:\n"
                             + proc.stderr[-2000:] + "\n" + FIX_AND_RETRY)
    for o in outcomes.values():
        if o.score is None and not o.problems:
            o.problems.append(f"niet beoordeeld; draai 'nbgrader autograde {assignment} "
                              f"--student {o.student} --force' in de cursusmap om de foutmelding "
                              f"van nbgrader te zien.")
    return list(outcomes.values())


def _read_scores(root: Path, assignment: str, outcomes: dict[str, Outcome]) -> None:
    from nbgrader.api import Gradebook, MissingEntry
    from sqlalchemy import inspect

    from course.config import settings
    from course.results import REPORTS, melding_counts

    s = settings(root)
    with Gradebook(s["db_url"], s["course_id"]) as gb:
        for sid, outcome in outcomes.items():
            try:
                sub = gb.find_submission(assignment, sid)
            except MissingEntry:
                continue
            if any(n.needs_manual_grade for n in sub.notebooks):
                continue
            outcome.score, outcome.max_score = sub.score, sub.max_score
        if not inspect(gb.db.get_bind()).has_table(REPORTS.name):
            return
        for sid, n in melding_counts(gb.db, assignment, REPORTS.c.vormprobleem).items():
            if sid in outcomes:
                outcomes[sid].format_problems = n


def summary(assignment: str, outcomes: list[Outcome]) -> str:
    lines = [f"Opdracht {assignment}: {len(outcomes)} inlevering(en)."]
    ok = [o for o in outcomes if o.score is not None]
    for o in ok:
        note = f" ({o.format_problems} melding(en) niet ingevuld)" if o.format_problems else ""
        lines.append(f"  {o.student:20s} {o.score:5.1f} van {o.max_score:g}{note}")
    bad = [o for o in outcomes if o.problems]
    if bad:
        lines.append(f"Problemen ({len(bad)}):")
        for o in bad:
            for p in o.problems:
                lines.append(f"  {o.student}: {p}")
    return "\n".join(lines)
