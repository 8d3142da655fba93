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
- `EscapeOfficerText` (autograde, last; and generate_feedback): what an officer wrote is shown
  as text, never as HTML, in formgrader and in the feedback page, so a `<script>` in a melding
  stays harmless for instructors and officers alike.
"""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Unicode

from course import manifest as manifest_mod
from course.cells import ANSWER_PREFIX, escape_answer, is_answer, merge_copies, nbgrader_meta
from course.notebook import answer
from course.results import ensure_tables, store
from course.scoring import score_answer


class _CourseStep(NbGraderPreprocessor):
    """A step that needs the course directory (for the instructor-only manifests)."""

    cursus = Unicode("", help="De cursusmap (met scenarios/); standaard de werkmap.").tag(
        config=True)

    def root(self) -> Path:
        return Path(self.cursus or ".").resolve()


class RepairAnswerCells(_CourseStep):
    """Merge copy-pasted answer cells (same grade id) into one; put back a deleted answer cell
    (as the empty form, right after its case file), so the rest of the submission is graded.

    nbgrader's own `OverwriteCells.add_missing_cells` assumes the cell before a missing one is
    a graded cell and fails on our locked case files, so restoring is done here."""

    def preprocess(self, nb, resources):
        nb = self._merge_duplicates(nb)
        return self._restore_missing(nb, resources), resources

    def _merge_duplicates(self, nb):
        by_id: dict[str, list[int]] = {}
        for i, cell in enumerate(nb.cells):
            gid = nbgrader_meta(cell).get("grade_id")
            if gid:
                by_id.setdefault(gid, []).append(i)
        drop: set[int] = set()
        for gid, where in by_id.items():
            if len(where) < 2:
                continue
            keep = where[-1]
            if is_answer(nb.cells[keep]):
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
            manifest = manifest_mod.load(self.root(), resources["nbgrader"]["assignment"])
        except manifest_mod.ManifestError:
            return nb
        present = {nbgrader_meta(c).get("grade_id") for c in nb.cells}
        for gid in sorted(manifest.cells, key=lambda g: int(g.removeprefix(ANSWER_PREFIX))):
            if gid in present:
                continue
            self.log.warning("Antwoordcel '%s' ontbrak (verwijderd?); leeg teruggezet.", gid)
            case_id = "dossier_" + gid.removeprefix(ANSWER_PREFIX)
            at = next((i + 1 for i, c in enumerate(nb.cells)
                       if nbgrader_meta(c).get("grade_id") == case_id), len(nb.cells))
            nb.cells.insert(at, answer(gid, manifest.points))
        return nb


class ExecuteWhenCode(Execute):
    """Run the kernel only when there is code; a notebook of Markdown is graded without one."""

    def preprocess(self, nb, resources, km=None):
        # Only graded code (nbgrader tests) needs running; the practice helpers never do.
        if not any(c.cell_type == "code" and nbgrader_meta(c).get("grade") and c.source.strip()
                   for c in nb.cells):
            return nb, resources
        return super().preprocess(nb, resources, km=km)


class ScoreMeldingen(_CourseStep):
    """Grade every Markdown answer cell with the project's grader (see module docstring)."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        root = self.root()
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
                if not is_answer(cell):
                    continue
                gid = nbgrader_meta(cell)["grade_id"]
                try:
                    grade_row = gb.find_grade(gid, notebook, assignment, student)
                    scenario = manifest_mod.scenario_for(root, manifest, gid, student)
                except (MissingEntry, manifest_mod.ManifestError) as exc:
                    self.log.error("Cel %s van %s: %s", gid, student, exc)
                    continue
                try:
                    scored = score_answer(cell.source, scenario, float(grade_row.max_score))
                except Exception:  # the grader never raises; if it ever does, a human grades
                    self.log.error("Beoordelen mislukt voor %s/%s:\n%s", student, gid,
                                   traceback.format_exc())
                    continue
                grade_row.auto_score = scored.score
                grade_row.needs_manual_grade = False
                gb.find_comment(gid, notebook, assignment, student).auto_comment = scored.comment
                store(conn, student=student, assignment=assignment, notebook=notebook, cell=gid,
                      mode=manifest.mode, module=manifest.module, scenario=scenario,
                      melding_required=scored.gt.melding, result=scored.result,
                      submitted=submitted)
            gb.db.commit()
        return nb, resources

    @staticmethod
    def _submitted(gb: Gradebook, assignment: str, student: str) -> dt.datetime | None:
        try:
            return gb.find_submission(assignment, student).timestamp
        except MissingEntry:
            return None


class EscapeOfficerText(NbGraderPreprocessor):
    """Show officer-written cells as text. Last in autograde, so the graded copy in autograded/
    (what formgrader shows instructors) is escaped after grading; and in generate_feedback, for
    graded copies made before that (already escaped cells are left alone)."""

    def preprocess_cell(self, cell, resources, index):
        if nbgrader_meta(cell).get("solution") and cell.cell_type == "markdown":
            escape_answer(cell)
        return cell, resources
