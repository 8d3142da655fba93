"""`meldtrainer grade batch OPDRACHT`: grade every submission straight into the gradebook.

The kernel-free fast path of NBGRADER.md §4: worker processes read and grade the submitted
notebooks (pure work, no database), the main process is the only writer: per submission one
transaction with nbgrader's grades and comments and our per-criterion results, then the graded
notebook is written to `autograded/` (what formgrader and generate_feedback read). Scores are
those of `nbgrader autograde` with the course's pipeline: the same grader, the same merge of
copy-pasted cells, an empty form for a missing cell.

A corrupt or hostile notebook (invalid JSON, not a notebook, too large) is named in the Dutch
summary and never stops the batch. A re-run skips what is complete and regrades the rest, so a
run killed halfway (even kill -9) and started again finishes with nothing lost or doubled.
"""

from __future__ import annotations

import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from course import manifest as manifest_mod
from course.cells import answer_texts, escape_answer, nbgrader_meta, read_submission
from course.paths import (
    NOTEBOOK,
    autograded_dir,
    release_notebook,
    submitted_dir,
    write_atomic,
)


@dataclass(slots=True)
class CellGrade:
    grade_id: str
    score: float
    comment: str
    result: dict
    scenario: object  # scenario.model.Scenario (picklable), for the stored results
    melding_required: bool


@dataclass(slots=True)
class Graded:
    student: str
    cells: list[CellGrade] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notebook: str | None = None  # the graded notebook (JSON) for autograded/

    @property
    def fatal(self) -> bool:
        """Nothing could be graded: the submission could not be read."""
        return self.notebook is None


@dataclass(slots=True)
class Task:
    root: str
    manifest: manifest_mod.Manifest
    student: str
    points: dict[str, float]


def grade_submission(task: Task) -> Graded:
    """Read and grade one submission (runs in a worker; never raises, never touches the DB)."""
    from course.scoring import score_answer
    from grading.report import blank_form

    out = Graded(task.student)
    root, manifest = Path(task.root), task.manifest
    nb, problem = read_submission(submitted_dir(root, task.student, manifest.assignment)
                                  / f"{NOTEBOOK}.ipynb")
    if nb is None:
        out.problems.append(problem)
        return out
    written = answer_texts(nb["cells"])
    texts: dict[str, str] = {}
    for gid in manifest.cells:
        if gid not in written:
            out.problems.append(f"antwoordcel '{gid}' ontbreekt (verwijderd of gewijzigd); "
                                f"telt als niet ingevuld.")
        texts[gid] = written.get(gid, blank_form())
    for gid, text in texts.items():
        scenario = manifest_mod.scenario_for(root, manifest, gid, task.student)
        scored = score_answer(text, scenario, task.points.get(gid, manifest.points))
        out.cells.append(CellGrade(gid, scored.score, scored.comment, scored.result.to_dict(),
                                   scenario, scored.gt.melding))
    out.notebook = _graded_notebook(root, manifest.assignment, texts)
    return out


@lru_cache(maxsize=8)
def _released(path: str, mtime_ns: int) -> str:
    """The released notebook's text, read once per worker process."""
    return Path(path).read_text(encoding="utf-8")


def _graded_notebook(root: Path, assignment: str, texts: dict[str, str]) -> str:
    """The released notebook with the officer's answers: what nbgrader's OverwriteCells makes,
    with the answers escaped for display (as EscapeOfficerText does in autograde)."""
    import nbformat

    release = release_notebook(root, assignment)
    notebook = nbformat.reads(_released(str(release), release.stat().st_mtime_ns), as_version=4)
    for cell in notebook.cells:
        gid = nbgrader_meta(cell).get("grade_id")
        if gid in texts:
            cell["source"] = texts[gid]
            escape_answer(cell)
    return json.dumps(notebook, ensure_ascii=False, indent=1)


def _timestamp(folder: Path) -> str | None:
    ts = folder / "timestamp.txt"
    return ts.read_text(encoding="utf-8").strip() if ts.exists() else None


@dataclass(slots=True)
class BatchReport:
    graded: list[Graded] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def summary(self, assignment: str) -> str:
        ok = [g for g in self.graded if not g.fatal]
        bad = [g for g in self.graded if g.problems]
        lines = [f"Opdracht {assignment}: {len(ok)} inlevering(en) nagekeken, "
                 f"{len(self.skipped)} al nagekeken (overgeslagen), "
                 f"{sum(g.fatal for g in self.graded)} niet te beoordelen."]
        if bad:
            lines.append("Problemen:")
            lines += [f"  {g.student}: {p}" for g in bad for p in g.problems]
        return "\n".join(lines)


def run_batch(root: Path, assignment: str, workers: int | None = None, force: bool = False,
              progress: bool = True) -> BatchReport:
    import warnings

    from nbgrader.api import Gradebook, MissingEntry
    from sqlalchemy.exc import SAWarning
    from tqdm import tqdm

    from course.autograde import require_submitters
    from course.config import ensure_alembic_on_path, settings
    from course.results import ensure_tables

    students = require_submitters(root, assignment)
    ensure_alembic_on_path()
    s = settings(root)
    manifest = manifest_mod.load(root, assignment)
    report = BatchReport()
    with warnings.catch_warnings(), Gradebook(s["db_url"], s["course_id"]) as gb:
        # nbgrader's add_submission warns harmlessly about session state (NBGRADER.md §5).
        warnings.filterwarnings("ignore", "Object of type", SAWarning)
        try:
            nb_row = gb.find_notebook(NOTEBOOK, assignment)
        except MissingEntry:
            raise manifest_mod.ManifestError(
                f"Opdracht '{assignment}' staat niet in de cijferlijst. Draai eerst "
                f"'nbgrader generate_assignment {assignment}'.") from None
        points = {c.name: float(c.max_score) for c in nb_row.grade_cells}
        ensure_tables(gb.db.connection())
        gb.db.commit()
        tasks = []
        earlier = {} if force else _graded_before(gb, assignment)
        for student in students:
            if student in earlier and _complete(earlier[student], root, assignment, student,
                                                len(manifest.cells)):
                report.skipped.append(student)
                continue
            tasks.append(Task(str(root), manifest, student, points))
        workers = workers or os.cpu_count() or 2
        bar = tqdm(total=len(tasks), unit="inlevering", desc="nakijken", file=sys.stderr,
                   disable=not progress or len(tasks) < 20)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for graded in pool.map(grade_submission, tasks, chunksize=8):
                if not graded.fatal:
                    _write(gb, root, manifest, graded)
                report.graded.append(graded)
                bar.update(1)
        bar.close()
    return report


def _graded_before(gb, assignment: str) -> dict[str, tuple[object, int]]:
    """Per student graded before on this assignment: the submission's timestamp in the
    gradebook and the number of meldingen stored. Two queries for the whole batch."""
    from nbgrader.api import Assignment, SubmittedAssignment

    from course.results import melding_counts

    stamps = dict(gb.db.query(SubmittedAssignment.student_id, SubmittedAssignment.timestamp)
                  .join(Assignment).filter(Assignment.name == assignment).all())
    counts = melding_counts(gb.db, assignment)
    return {student: (stamp, counts.get(student, 0)) for student, stamp in stamps.items()}


def _complete(earlier: tuple[object, int], root: Path, assignment: str, student: str,
              cells: int) -> bool:
    """Graded before, for this very submission: DB timestamp, all cells, the graded file."""
    from nbgrader.utils import parse_utc

    stamp, stored = earlier
    if not (autograded_dir(root, student, assignment) / f"{NOTEBOOK}.ipynb").exists():
        return False
    timestamp = _timestamp(submitted_dir(root, student, assignment))
    if timestamp and stamp != parse_utc(timestamp).replace(tzinfo=None):
        return False
    return stored == cells


def _write(gb, root: Path, manifest, graded: Graded) -> None:
    from nbgrader.api import MissingEntry
    from nbgrader.utils import parse_utc

    from course.results import store
    from grading.result import from_dict

    student, assignment = graded.student, manifest.assignment
    timestamp = _timestamp(submitted_dir(root, student, assignment))
    gb.update_or_create_student(student)
    when = parse_utc(timestamp) if timestamp else None
    try:
        sub = gb.find_submission(assignment, student)
        if when is not None:
            sub.timestamp = when.replace(tzinfo=None)
    except MissingEntry:
        sub = gb.add_submission(assignment, student, timestamp=when)
    conn = gb.db.connection()
    for cell in graded.cells:
        g = gb.find_grade(cell.grade_id, NOTEBOOK, assignment, student)
        g.auto_score = cell.score
        g.needs_manual_grade = False
        gb.find_comment(cell.grade_id, NOTEBOOK, assignment, student).auto_comment = cell.comment
        store(conn, student=student, assignment=assignment, notebook=NOTEBOOK,
              cell=cell.grade_id, mode=manifest.mode, module=manifest.module,
              scenario=cell.scenario, melding_required=cell.melding_required,
              result=from_dict(cell.result), submitted=sub.timestamp)
    gb.db.commit()
    out = autograded_dir(root, student, assignment)
    if timestamp:
        write_atomic(out / "timestamp.txt", timestamp + "\n")
    write_atomic(out / f"{NOTEBOOK}.ipynb", graded.notebook)
