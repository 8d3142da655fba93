"""The course's nbgrader configuration, in one place (`cursus/nbgrader_config.py` calls this).

Settings that can differ per installation come from the environment:
`MELDTRAINER_DB_URL` (default: SQLite `gradebook.db` in the course), `MELDTRAINER_UITWISSELING`
(nbgrader's exchange; default `uitwisseling/` beside the course, so one machine needs no root),
`MELDTRAINER_CURSUS_ID` (default `meldtrainer`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from course.paths import templates_dir

STEPS = "course.steps"


def ensure_alembic_on_path() -> None:
    """nbgrader runs `alembic` as a subprocess when it creates a gradebook; without it on PATH it
    leaves a half-made database behind (NBGRADER.md §7). Put this interpreter's bin first."""
    bindir = str(Path(sys.executable).parent)
    parts = os.environ.get("PATH", "").split(os.pathsep)
    if bindir not in parts:
        os.environ["PATH"] = os.pathsep.join([bindir, *parts])


def settings(root: Path) -> dict[str, Any]:
    root = root.resolve()
    return {
        "root": root,
        "course_id": os.environ.get("MELDTRAINER_CURSUS_ID", "meldtrainer"),
        "db_url": os.environ.get("MELDTRAINER_DB_URL", f"sqlite:///{root / 'gradebook.db'}"),
        "exchange": os.environ.get("MELDTRAINER_UITWISSELING", str(root.parent / "uitwisseling")),
    }


def configure(c: Any, root: Path) -> None:
    from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        ClearHiddenTests,
        ClearOutput,
        DeduplicateIds,
        GetGrades,
        IgnorePattern,
        LimitOutput,
        OverwriteCells,
        OverwriteKernelspec,
        SaveAutoGrades,
    )

    from grading.report import blank_form

    ensure_alembic_on_path()
    s = settings(root)
    c.CourseDirectory.root = str(s["root"])
    c.CourseDirectory.course_id = s["course_id"]
    c.CourseDirectory.db_url = s["db_url"]
    c.Exchange.root = s["exchange"]
    c.Exchange.path_includes_course = True
    # Officers start from the report form, not from "YOUR ANSWER HERE".
    c.ClearSolutions.text_stub = blank_form()
    c.Autograde.sanitize_preprocessors = [
        f"{STEPS}.RepairAnswerCells", ClearOutput, DeduplicateIds, OverwriteKernelspec,
        OverwriteCells, CheckCellMetadata]
    c.Autograde.autograde_preprocessors = [
        f"{STEPS}.ExecuteWhenCode", IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
        SaveAutoGrades, f"{STEPS}.ScoreMeldingen", AssignLatePenalties, CheckCellMetadata,
        f"{STEPS}.EscapeOfficerText"]
    c.ScoreMeldingen.cursus = str(s["root"])
    c.RepairAnswerCells.cursus = str(s["root"])
    # Feedback: Dutch template, no hidden tests, officer text shown as text.
    c.GenerateFeedback.preprocessors = [
        GetGrades, CSSHTMLHeaderPreprocessor, ClearHiddenTests, f"{STEPS}.EscapeOfficerText"]
    c.HTMLExporter.template_name = "terugmelding"
    c.HTMLExporter.language_code = "nl"
    c.HTMLExporter.extra_template_basedirs = [str(templates_dir())]
