"""A grade result as readable Dutch text for the terminal."""

from __future__ import annotations

from grading.result import GradeResult

MARKS = {"aanwezig": "✔", "gedeeltelijk": "◐", "ontbreekt": "✘", "onjuist": "✘", "nvt": "–"}


def as_text(result: GradeResult) -> str:
    lines = [f"Beoordeling van de melding voor scenario {result.scenario_id}",
             f"Score: {result.total:g} van {result.max:g} ({100 * result.fraction:.0f}%)", ""]
    if result.format_problem:
        lines += [f"Let op: {result.format_problem}", ""]
    if result.cap:
        lines += [f"Let op: {result.cap}", ""]
    for c in result.criteria:
        score = "n.v.t." if c.max == 0 else f"{c.score:g}/{c.max:g}"
        lines.append(f"{MARKS[c.verdict]} {c.name} [{c.competency}]: {score}")
        lines.append(f"    {c.feedback}")
        for evidence in c.evidence[:2]:
            lines.append(f"    bewijs: “{evidence[:160]}”")
    return "\n".join(lines) + "\n"
