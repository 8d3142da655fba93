"""A grade result as safe Markdown: the terugmelding nbgrader shows in feedback and formgrader.

nbgrader renders comments with a Markdown renderer that passes raw HTML through, so everything
that comes from the officer's text (the evidence) or the scenario is escaped here: a `<script>`
in a report stays visible text, never markup.
"""

from __future__ import annotations

import html
import re

from grading.render import MARKS
from grading.result import GradeResult

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def escape(text: str) -> str:
    """Plain text that renders as itself: HTML escaped, Markdown punctuation backslashed."""
    flat = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def _points(x: float) -> str:
    return f"{x:.1f}".replace(".", ",").replace(",0", "")


def as_markdown(result: GradeResult, points: float | None = None) -> str:
    """The officer's feedback: the score, then per criterion its score, verdict, evidence and
    the Dutch terugmelding. `points` rescales the total to the cell's points in nbgrader."""
    out = []
    if points is not None:
        out.append(f"**Beoordeling: {_points(result.fraction * points)} van {_points(points)} "
                   f"punten** ({100 * result.fraction:.0f}%)")
    else:
        out.append(f"**Beoordeling: {_points(result.total)} van {_points(result.max)} punten**")
    if result.format_problem:
        out += ["", f"**Let op:** {escape(result.format_problem)} Dit telt niet als poging."]
    if result.cap:
        out += ["", f"**Let op:** {escape(result.cap)}"]
    out.append("")
    for c in result.criteria:
        score = "n.v.t." if c.max == 0 else f"{_points(c.score)}/{_points(c.max)}"
        out.append(f"- {MARKS[c.verdict]} **{escape(c.name)}** ({score}): {escape(c.feedback)}")
        for evidence in c.evidence[:2]:
            out.append(f"  - *Uit uw melding:* “{escape(evidence[:200])}”")
    return "\n".join(out) + "\n"
