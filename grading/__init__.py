"""The report grader: scores a melding against a scenario's ground truth, with Dutch feedback.

    from grading import grade
    result = grade(report_text, scenario)

Kept light on import (issue 3: `import grading` under 0.3 s): the pipeline is imported on first
use. When a fresh compiled build of the grader is there (grading/compiled.py), its modules are
imported instead of the sources; COMPILED says which.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grading import compiled as _compiled

# Where the grader's data files are, also for compiled modules (which live in build/grader/).
HERE = _compiled.PACKAGE_DIR
COMPILED = _compiled.activate(__path__)

if TYPE_CHECKING:
    from grading.result import GradeResult
    from policy.decide import GroundTruth
    from scenario.model import Scenario


def grade(report_text: str, scenario: Scenario, gt: GroundTruth | None = None) -> GradeResult:
    from grading.pipeline import grade as _grade

    return _grade(report_text, scenario, gt)


__all__ = ["COMPILED", "HERE", "grade"]
