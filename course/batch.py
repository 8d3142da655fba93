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
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from course import manifest as manifest_mod
from course.paths import NOTEBOOK

MAX_BYTES = 10 * 2**20  # a melding is a few kB; a notebook ten megabytes large is not one


@dataclass(slots=True)
class CellGrade:
    grade_id: str
    score: float
    comment: str
    result: dict
    scenario: object  # scenario.model.Scenario (picklable), for the stored results
    melding_required: bool
    format_problem: bool


@dataclass(slots=True)
class Graded:
    student: str
    cells: list[CellGrade] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    fatal: bool = False
    notebook: str | None = None  # the graded notebook (JSON) for autograded/


@dataclass(slots=True)
class Task:
    root: str
    assignment: str
    student: str
    path: str
    points: dict[str, float]


def _answers(nb: dict) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for cell in nb.get("cells", []) if isinstance(nb.get("cells"), list) else []:
        if not isinstance(cell, dict) or cell.get("cell_type") != "markdown":
            continue
        md = (cell.get("metadata") or {}).get("nbgrader") or {}
        gid = md.get("grade_id") if isinstance(md, dict) else None
        if isinstance(gid, str) and md.get("solution"):
            src = cell.get("source", "")
            found.setdefault(gid, []).append("".join(src) if isinstance(src, list) else str(src))
    return found


def grade_submission(task: Task) -> Graded:
    """Read and grade one submission (runs in a worker; never raises, never touches the DB)."""
    from course.steps import merge_copies
    from grading import grade
    from grading.render_markdown import as_markdown
    from grading.report import blank_form
    from policy import decide

    out = Graded(task.student)
    path = Path(task.path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            out.problems.append(f"het notebook is te groot ({size / 2**20:.0f} MB); een melding "
                                f"past ruim in 1 MB. Vraag de agent opnieuw in te leveren.")
            out.fatal = True
            return out
        nb = json.loads(path.read_bytes().decode("utf-8"))
        if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
            raise ValueError("geen notebook")
    except FileNotFoundError:
        out.problems.append(f"{NOTEBOOK}.ipynb ontbreekt in de inlevering.")
        out.fatal = True
        return out
    except (UnicodeDecodeError, ValueError):
        out.problems.append("het notebook is beschadigd (geen geldig Jupyter-notebook). Vraag de "
                            "agent opnieuw in te leveren; de oude versie blijft in submitted/.")
        out.fatal = True
        return out
    root = Path(task.root)
    manifest = manifest_mod.load(root, task.assignment)
    answers = _answers(nb)
    texts: dict[str, str] = {}
    for gid in manifest.cells:
        copies = answers.get(gid)
        if copies is None:
            out.problems.append(f"antwoordcel '{gid}' ontbreekt (verwijderd of gewijzigd); "
                                f"telt als niet ingevuld.")
            texts[gid] = blank_form()
        else:
            texts[gid] = copies[0] if len(copies) == 1 else merge_copies(copies)
    for gid, text in texts.items():
        scenario = manifest_mod.scenario_for(root, manifest, gid, task.student)
        unchanged = text.strip() == blank_form().strip()
        gt = decide(scenario)
        result = grade("" if unchanged else text, scenario, gt)
        points = task.points.get(gid, manifest.points)
        out.cells.append(CellGrade(gid, round(result.fraction * points, 2),
                                   as_markdown(result, points), result.to_dict(), scenario,
                                   gt.melding, result.format_problem is not None))
    out.notebook = _graded_notebook(root, task.assignment, texts)
    return out


def _graded_notebook(root: Path, assignment: str, texts: dict[str, str]) -> str:
    """The released notebook with the officer's answers: what nbgrader's OverwriteCells makes."""
    release = root / "release" / assignment / f"{NOTEBOOK}.ipynb"
    nb = json.loads(release.read_text(encoding="utf-8"))
    import nbformat

    from course.steps import escape_answer

    notebook = nbformat.from_dict(nb)
    for cell in notebook.cells:
        gid = ((cell.get("metadata") or {}).get("nbgrader") or {}).get("grade_id")
        if gid in texts:
            cell["source"] = texts[gid]
            escape_answer(cell)  # shown as text in formgrader and feedback
    return json.dumps(notebook, ensure_ascii=False, indent=1)


def _timestamp(folder: Path) -> str | None:
    ts = folder / "timestamp.txt"
    return ts.read_text(encoding="utf-8").strip() if ts.exists() else None


def _atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


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
              progress: bool = True, limit: int | None = None) -> BatchReport:
    import warnings

    from sqlalchemy.exc import SAWarning

    with warnings.catch_warnings():
        # nbgrader's add_submission warns harmlessly about session state (NBGRADER.md §5).
        warnings.filterwarnings("ignore", "Object of type", SAWarning)
        return _run_batch(root, assignment, workers, force, progress, limit)


def _run_batch(root: Path, assignment: str, workers: int | None, force: bool, progress: bool,
               limit: int | None) -> BatchReport:
    from nbgrader.api import Gradebook, MissingEntry
    from sqlalchemy import func, select
    from tqdm import tqdm

    from course.config import ensure_alembic_on_path, settings
    from course.results import REPORTS, ensure_tables

    ensure_alembic_on_path()
    s = settings(root)
    manifest = manifest_mod.load(root, assignment)
    report = BatchReport()
    base = root / "submitted"
    folders = (sorted(d for d in base.iterdir() if (d / assignment).is_dir())
               if base.is_dir() else [])
    with Gradebook(s["db_url"], s["course_id"]) as gb:
        try:
            nb_row = gb.find_notebook(NOTEBOOK, assignment)
        except MissingEntry:
            raise manifest_mod.ManifestError(
                f"Opdracht '{assignment}' staat niet in de cijferlijst. Draai eerst "
                f"'nbgrader generate_assignment {assignment}'.") from None
        points = {c.name: float(c.max_score) for c in nb_row.grade_cells}
        conn = gb.db.connection()
        ensure_tables(conn)
        gb.db.commit()
        tasks = []
        for folder in folders:
            student = folder.name
            if not force and _complete(gb, REPORTS, select, func, root, assignment, student,
                                       len(manifest.cells), _timestamp(folder / assignment)):
                report.skipped.append(student)
                continue
            tasks.append(Task(str(root), assignment, student,
                              str(folder / assignment / f"{NOTEBOOK}.ipynb"), points))
        tasks = tasks[:limit] if limit is not None else tasks
        workers = workers or max(1, (os.cpu_count() or 2))
        bar = tqdm(total=len(tasks), unit="inlevering", desc="nakijken", file=sys.stderr,
                   disable=not progress or len(tasks) < 20)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for graded in pool.map(grade_submission, tasks, chunksize=8):
                if not graded.fatal:
                    _write(gb, root, assignment, manifest, graded,
                           _timestamp(base / graded.student / assignment))
                report.graded.append(graded)
                bar.update(1)
        bar.close()
    return report


def _complete(gb, reports, select, func, root: Path, assignment: str, student: str,
              cells: int, timestamp: str | None) -> bool:
    """Graded before, for this very submission: DB timestamp, all cells, the graded file."""
    from nbgrader.api import MissingEntry
    from nbgrader.utils import parse_utc

    if not (root / "autograded" / student / assignment / f"{NOTEBOOK}.ipynb").exists():
        return False
    try:
        sub = gb.find_submission(assignment, student)
    except MissingEntry:
        return False
    if timestamp and sub.timestamp != parse_utc(timestamp).replace(tzinfo=None):
        return False
    n = gb.db.execute(select(func.count()).select_from(reports).where(
        reports.c.student == student, reports.c.opdracht == assignment)).scalar()
    return n == cells


def _write(gb, root: Path, assignment: str, manifest, graded: Graded,
           timestamp: str | None) -> None:
    from nbgrader.api import MissingEntry
    from nbgrader.utils import parse_utc

    from course.results import store
    from grading.result import from_dict

    student = graded.student
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
    out = root / "autograded" / student / assignment
    if timestamp:
        _atomic(out / "timestamp.txt", timestamp + "\n")
    _atomic(out / f"{NOTEBOOK}.ipynb", graded.notebook or "")
