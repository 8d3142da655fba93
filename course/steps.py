"""The project's steps inside nbgrader's pipelines (registered by course/config.py).

- `RepairAnswerCells` (autograde, sanitizing, first): an officer who copy-pastes the answer
  cell also copies its nbgrader id, and stock nbgrader then fails the whole submission
  (jupyter/nbgrader#1083): the copies' texts are merged into one answer cell. A deleted answer
  cell is put back empty, so the submission's other meldingen are still graded.
- `ExecuteWhenCode` (autograde): nbgrader's Execute, but only when the notebook has graded code
  (nbgrader tests). Meldingen are Markdown and the practice helpers are never graded, so grading
  starts no kernel.
- `ScoreMeldingen` (autograde, after SaveAutoGrades): grades each Markdown answer with the
  project's grader against its scenario, writes partial credit and the Dutch terugmelding to
  the gradebook (not flagged for manual grading; a score typed in formgrader still wins), and
  stores the per-criterion results for progress tracking.
- `EscapeForReview` (autograde, last) and `EscapeOfficerText` (generate_feedback): what an
  officer wrote is shown as text, never as HTML, in formgrader and in the feedback page, so a
  `<script>` in a melding stays harmless for instructors and officers alike.
"""

from __future__ import annotations

import datetime as dt
import html
import traceback
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from nbgrader.utils import compute_checksum
from traitlets import Unicode

from course import manifest as manifest_mod
from course.notebook import ANSWER_PREFIX, answer
from course.results import ensure_tables, store
from grading.render_markdown import as_markdown
from grading.report import blank_form


def _nbgrader(cell) -> dict:
    return cell.metadata.get("nbgrader", {}) if hasattr(cell, "metadata") else {}


def _is_answer(cell) -> bool:
    md = _nbgrader(cell)
    return (cell.cell_type == "markdown" and bool(md.get("solution"))
            and str(md.get("grade_id", "")).startswith(ANSWER_PREFIX))


def merge_copies(texts: list[str]) -> str:
    """One answer from the copies of a copy-pasted answer cell: each distinct text, in order,
    leaving out the untouched form (the batch grader and RepairAnswerCells share this)."""
    kept: list[str] = []
    for text in texts:
        text = text.strip()
        if text and text != blank_form().strip() and text not in kept:
            kept.append(text)
    return "\n\n".join(kept) if kept else blank_form()


class RepairAnswerCells(NbGraderPreprocessor):
    """Merge copy-pasted answer cells (same grade id) into one; put back a deleted answer cell
    (as the empty form, right after its case file), so the rest of the submission is graded.

    nbgrader's own `OverwriteCells.add_missing_cells` assumes the cell before a missing one is
    a graded cell and fails on our locked case files, so restoring is done here."""

    cursus = Unicode("", help="De cursusmap (met scenarios/); standaard de werkmap.").tag(
        config=True)

    def preprocess(self, nb, resources):
        nb = self._merge_duplicates(nb)
        return self._restore_missing(nb, resources), resources

    def _merge_duplicates(self, nb):
        by_id: dict[str, list[int]] = {}
        for i, cell in enumerate(nb.cells):
            gid = _nbgrader(cell).get("grade_id")
            if gid:
                by_id.setdefault(gid, []).append(i)
        drop: set[int] = set()
        for gid, where in by_id.items():
            if len(where) < 2:
                continue
            keep = where[-1]
            if _is_answer(nb.cells[keep]):
                nb.cells[keep].source = merge_copies([nb.cells[i].source for i in where])
                drop.update(where[:-1])
            else:  # a copied read-only cell: keep the text, drop the duplicate id
                for i in where[:-1]:
                    nb.cells[i].metadata.pop("nbgrader", None)
            self.log.warning("Cel '%s' stond %d keer in het notebook; samengevoegd.",
                             gid, len(where))
        if drop:
            nb.cells = [c for i, c in enumerate(nb.cells) if i not in drop]
        return nb

    def _restore_missing(self, nb, resources):
        try:
            manifest = manifest_mod.load(Path(self.cursus or ".").resolve(),
                                         resources["nbgrader"]["assignment"])
        except manifest_mod.ManifestError:
            return nb
        present = {_nbgrader(c).get("grade_id") for c in nb.cells}
        for gid in sorted(manifest.cells, key=lambda g: int(g.removeprefix(ANSWER_PREFIX))):
            if gid in present:
                continue
            self.log.warning("Antwoordcel '%s' ontbrak (verwijderd?); leeg teruggezet.", gid)
            case_id = "dossier_" + gid.removeprefix(ANSWER_PREFIX)
            at = next((i + 1 for i, c in enumerate(nb.cells)
                       if _nbgrader(c).get("grade_id") == case_id), len(nb.cells))
            nb.cells.insert(at, answer(gid, manifest.points))
        return nb


class ExecuteWhenCode(Execute):
    """Run the kernel only when there is code; a notebook of Markdown is graded without one."""

    def preprocess(self, nb, resources, km=None):
        # Only graded code (nbgrader tests) needs running; the practice helpers never do.
        if not any(c.cell_type == "code" and _nbgrader(c).get("grade") and c.source.strip()
                   for c in nb.cells):
            return nb, resources
        return super().preprocess(nb, resources, km=km)


class ScoreMeldingen(NbGraderPreprocessor):
    """Grade every Markdown answer cell with the project's grader (see module docstring)."""

    cursus = Unicode("", help="De cursusmap (met scenarios/); standaard de werkmap.").tag(
        config=True)

    def preprocess(self, nb, resources):
        from grading import grade
        from policy import decide

        info = resources["nbgrader"]
        root = Path(self.cursus or ".").resolve()
        assignment, student, notebook = info["assignment"], info["student"], info["notebook"]
        try:
            manifest = manifest_mod.load(root, assignment)
        except manifest_mod.ManifestError as exc:
            self.log.error("%s De meldingen blijven voor handmatige beoordeling staan.", exc)
            return nb, resources
        with Gradebook(info["db_url"], info.get("course_id", "default_course")) as gb:
            conn = gb.db.connection()
            ensure_tables(conn)
            submitted = self._submitted(gb, assignment, student)
            for cell in nb.cells:
                if not _is_answer(cell):
                    continue
                gid = _nbgrader(cell)["grade_id"]
                try:
                    grade_row = gb.find_grade(gid, notebook, assignment, student)
                    scenario = manifest_mod.scenario_for(root, manifest, gid, student)
                except (MissingEntry, manifest_mod.ManifestError) as exc:
                    self.log.error("Cel %s van %s: %s", gid, student, exc)
                    continue
                unchanged = _nbgrader(cell).get("checksum") == compute_checksum(cell)
                gt = decide(scenario)
                try:
                    result = grade("" if unchanged else cell.source, scenario, gt)
                except Exception:  # the grader never raises; if it ever does, a human grades
                    self.log.error("Beoordelen mislukt voor %s/%s:\n%s", student, gid,
                                   traceback.format_exc())
                    continue
                points = float(grade_row.max_score)
                grade_row.auto_score = round(result.fraction * points, 2)
                grade_row.needs_manual_grade = False
                comment = gb.find_comment(gid, notebook, assignment, student)
                comment.auto_comment = as_markdown(result, points)
                store(conn, student=student, assignment=assignment, notebook=notebook, cell=gid,
                      mode=manifest.mode, module=manifest.module, scenario=scenario, gt=gt,
                      result=result,
                      submitted=submitted)
            gb.db.commit()
        return nb, resources

    @staticmethod
    def _submitted(gb: Gradebook, assignment: str, student: str) -> dt.datetime | None:
        try:
            return gb.find_submission(assignment, student).timestamp
        except MissingEntry:
            return None


ESCAPED = "html_escaped"  # cell metadata flag under "meldtrainer": the text is already escaped


def escape_answer(cell) -> None:
    """Make an officer-written Markdown cell show as text wherever it is rendered (nbgrader's
    formgrader and feedback pass raw HTML in Markdown through). Idempotent via a flag."""
    mark = cell.metadata.setdefault("meldtrainer", {})
    if not mark.get(ESCAPED):
        cell.source = html.escape(cell.source, quote=False)
        mark[ESCAPED] = True


class EscapeForReview(NbGraderPreprocessor):
    """Autograde, last: the graded copy in autograded/ (what formgrader shows instructors and
    generate_feedback shows officers) carries the officer's text escaped, after grading."""

    def preprocess_cell(self, cell, resources, index):
        if _nbgrader(cell).get("solution") and cell.cell_type == "markdown":
            escape_answer(cell)
        return cell, resources


class EscapeOfficerText(NbGraderPreprocessor):
    """generate_feedback: show officer-written cells as text (for graded copies made before
    EscapeForReview existed; already escaped cells are left alone)."""

    def preprocess_cell(self, cell, resources, index):
        if _nbgrader(cell).get("solution") and cell.cell_type == "markdown":
            escape_answer(cell)
        return cell, resources
