"""The grader's result: one object for the CLI, the nbgrader step, batch grading and progress.

Its JSON form (`to_dict`) is documented in docs/grading.md and kept stable: fields are only ever
added, never renamed or removed, and `formaat` carries the version.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

RESULT_FORMAT = 1

Verdict = Literal["aanwezig", "gedeeltelijk", "ontbreekt", "onjuist", "nvt"]


# The pipeline builds these by position (in the order of their fields): much cheaper than by
# keyword, and it makes many per report.
@dataclass(slots=True)
class CriterionResult:
    id: str
    name: str
    competency: str
    score: float
    max: float
    verdict: Verdict
    feedback: str
    evidence: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DecisionRead:
    """A decision line: what the report says, what the policy expects."""

    id: str
    read: str | None
    expected: str | None
    evidence: str = ""


@dataclass(slots=True, kw_only=True)
class GradeResult:
    scenario_id: str
    total: float
    max: float
    criteria: list[CriterionResult]
    decisions: list[DecisionRead]
    # A format problem (empty answer, template untouched) is not a failed attempt.
    format_problem: str | None = None
    # Why the total is lower than the sum of the criteria (a missed required melding).
    cap: str | None = None
    rubric_version: int = 1
    policy_version: int = 1

    @property
    def fraction(self) -> float:
        return self.total / self.max if self.max else 0.0

    def criterion(self, criterion_id: str) -> CriterionResult:
        return next(c for c in self.criteria if c.id == criterion_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "formaat": RESULT_FORMAT,
            "scenario": self.scenario_id,
            "totaal": self.total,
            "maximum": self.max,
            "percentage": round(100 * self.fraction, 1),
            "vormprobleem": self.format_problem,
            "plafond": self.cap,
            "rubriekversie": self.rubric_version,
            "beleidsversie": self.policy_version,
            "besluiten": [
                {"id": d.id, "gelezen": d.read, "verwacht": d.expected, "bewijs": d.evidence}
                for d in self.decisions
            ],
            "criteria": [
                {
                    "id": c.id,
                    "naam": c.name,
                    "competentie": c.competency,
                    "score": c.score,
                    "maximum": c.max,
                    "oordeel": c.verdict,
                    "bewijs": c.evidence,
                    "ontbreekt": c.missing,
                    "feedback": c.feedback,
                }
                for c in self.criteria
            ],
        }


def from_dict(data: dict[str, Any]) -> GradeResult:
    """Read a stored result back (e.g. for progress tracking)."""
    return GradeResult(
        scenario_id=data["scenario"],
        total=data["totaal"],
        max=data["maximum"],
        format_problem=data.get("vormprobleem"), cap=data.get("plafond"),
        rubric_version=data.get("rubriekversie", 1),
        policy_version=data.get("beleidsversie", 1),
        decisions=[DecisionRead(id=d["id"], read=d["gelezen"], expected=d["verwacht"],
                                evidence=d.get("bewijs", "")) for d in data["besluiten"]],
        criteria=[CriterionResult(id=c["id"], name=c["naam"], competency=c["competentie"],
                                  score=c["score"], max=c["maximum"], verdict=c["oordeel"],
                                  feedback=c["feedback"], evidence=c.get("bewijs", []),
                                  missing=c.get("ontbreekt", [])) for c in data["criteria"]],
    )


__all__ = ["CriterionResult", "DecisionRead", "GradeResult", "asdict", "from_dict"]
