"""Score one answer cell: the grader's result, its nbgrader points and the terugmelding.

Shared by every path that grades a melding in the course (the autograde step, the batch grader,
the practice check), so they give the same score for the same text: partial credit is the
grader's fraction of the cell's points, rounded to cents.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grading.result import GradeResult
    from policy.decide import GroundTruth
    from scenario.model import Scenario


@dataclass(frozen=True, slots=True)
class Scored:
    gt: GroundTruth
    result: GradeResult
    score: float  # points for nbgrader's gradebook
    comment: str  # the Dutch terugmelding as safe Markdown


def score_answer(text: str, scenario: Scenario, points: float) -> Scored:
    """`text` is what the officer wrote; the untouched form is graded as empty."""
    from course.cells import is_untouched
    from grading import grade
    from grading.render_markdown import as_markdown
    from policy import decide

    gt = decide(scenario)
    result = grade("" if is_untouched(text) else text, scenario, gt)
    return Scored(gt, result, round(result.fraction * points, 2), as_markdown(result, points))
