"""Reading a course notebook's cells: which are answer cells, and what the officer wrote.

One place for the rules every reader shares (the nbgrader autograde steps, the batch grader,
the practice check in the officer's kernel, the submission check): an answer cell is a Markdown
"manually graded answer" whose grade id starts with `melding_`; copies of a copy-pasted answer
cell count as one answer. Works on nbformat nodes and on raw JSON alike, and never trusts the
shape of a submitted notebook. Light to import: no nbgrader, no generator.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from grading.report import blank_form

ANSWER_PREFIX = "melding_"
MAX_BYTES = 10 * 2**20  # a melding is a few kB; a notebook ten megabytes large is not one


def nbgrader_meta(cell: Any) -> dict:
    """The cell's nbgrader metadata, or {} for anything malformed."""
    if not isinstance(cell, dict):
        return {}
    md = (cell.get("metadata") or {}).get("nbgrader") if isinstance(
        cell.get("metadata"), dict) else None
    return md if isinstance(md, dict) else {}


def is_answer(cell: Any) -> bool:
    md = nbgrader_meta(cell)  # {} for anything that is not a cell object
    return (bool(md.get("solution")) and cell.get("cell_type") == "markdown"
            and str(md.get("grade_id", "")).startswith(ANSWER_PREFIX))


def source_of(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def merge_copies(texts: list[str]) -> str:
    """One answer from the copies of a copy-pasted answer cell: each distinct text, in order,
    leaving out the untouched form."""
    kept: list[str] = []
    for text in texts:
        text = text.strip()
        if not is_untouched(text) and text not in kept:
            kept.append(text)
    return "\n\n".join(kept) if kept else blank_form()


def answer_texts(cells: Any) -> dict[str, str]:
    """Per answer cell's grade id what the officer wrote (copies merged)."""
    copies: dict[str, list[str]] = {}
    for cell in cells if isinstance(cells, list) else []:
        if is_answer(cell):
            copies.setdefault(nbgrader_meta(cell)["grade_id"], []).append(source_of(cell))
    return {gid: texts[0] if len(texts) == 1 else merge_copies(texts)
            for gid, texts in copies.items()}


def is_untouched(text: str) -> bool:
    """The answer is empty or still the report form as handed out."""
    return not text.strip() or text.strip() == blank_form().strip()


def read_submission(path: Path) -> tuple[dict | None, str | None]:
    """A submitted notebook as JSON, or None and the Dutch reason (with what to do)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, (f"het notebook is te groot ({size / 2**20:.0f} MB); een melding past "
                          f"ruim in 1 MB. Vraag de agent opnieuw in te leveren.")
        nb = json.loads(path.read_bytes().decode("utf-8"))
        if isinstance(nb, dict) and isinstance(nb.get("cells"), list):
            return nb, None
    except FileNotFoundError:
        return None, f"{path.name} ontbreekt in de inlevering."
    except (UnicodeDecodeError, ValueError):
        pass
    return None, ("het notebook is beschadigd (geen geldig Jupyter-notebook). Vraag de agent "
                  "opnieuw in te leveren; de oude versie blijft in submitted/.")


ESCAPED = "html_escaped"  # cell metadata flag under "meldtrainer": the text is already escaped


def escape_answer(cell: Any) -> None:
    """Make an officer-written Markdown cell show as text wherever it is rendered (nbgrader's
    formgrader and feedback pass raw HTML in Markdown through). Idempotent via a flag."""
    mark = cell.metadata.setdefault("meldtrainer", {})
    if not mark.get(ESCAPED):
        cell.source = html.escape(cell.source, quote=False)
        mark[ESCAPED] = True
