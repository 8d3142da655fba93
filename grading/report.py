"""Step 1 of grading: read a melding written in the fixed form (shared/cases/TEMPLATE.md).

Officers keep the headings but write anything under them: lists or prose, guidance text left in
place, decision lines answered as "Ja, acuut", "~~nee~~ ja", "[x] ja [ ] nee" or left as
"ja / nee". This module turns that into sections (guidance removed) and the three decisions as
read, each with the text that decided it. It never raises.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import yaml

from grading.normalize import fold, tokens

HERE = Path(__file__).resolve().parent
MAX_CHARS = 200_000  # longer input is cut: no real melding comes near this

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*(.*?)\s*#*\s*$")
_STRUCK = re.compile(r"~~.*?~~|<(del|s|strike)>.*?</\1>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]{0,200}>")
_PAREN = re.compile(r"\(([^()]{12,600})\)", re.DOTALL)
_CHECKED = re.compile(r"\[\s*[xX✓✔v]\s*\]\s*\**\s*([a-z][a-z -]*)")
_BOX = re.compile(r"\[\s*[ xX✓✔v]?\s*\]")
_SPACES = re.compile(r"[ \t]+")
_BOLD = re.compile(r"\*\*([^*]+)\*\*|__([^_]+)__")


@cache
def template() -> dict:
    return yaml.safe_load((HERE / "template.yaml").read_text(encoding="utf-8"))


@cache
def _guidance_token_sets() -> list[frozenset[str]]:
    return [frozenset(tokens(fold(text))) for text in template()["toelichtingen"]]


@cache
def _heading_index() -> list[tuple[str, str]]:
    return [(fold(name), key) for key, names in template()["koppen"].items() for name in names]


@dataclass(slots=True)
class Decision:
    """One decision line as read: the value (None = not answered) and the text it came from."""

    value: str | None
    evidence: str = ""
    found: bool = False


@dataclass(slots=True)
class Report:
    raw: str
    sections: dict[str, str] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)
    # The whole text without headings, guidance, decision lines or struck-out text: what facts
    # are searched in. `spans` gives each section's place in it (start, end).
    body: str = ""
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    guidance_left: int = 0

    @property
    def is_empty(self) -> bool:
        """True when nothing was written beyond the template."""
        answered = any(d.value for d in self.decisions.values())
        return not answered and len(tokens(fold(self.body))) < 8


@lru_cache(maxsize=4096)
def heading_key(title: str) -> str | None:
    """Which template section a heading names ("Genomen maatregelen" → 'maatregelen')."""
    folded = fold(title).strip(" :*#")
    if not folded:
        return None
    for name, key in _heading_index():
        if folded == name or folded.startswith(name):
            return key
    from rapidfuzz import fuzz

    best, best_key = 0.0, None
    for name, key in _heading_index():
        score = fuzz.ratio(folded, name)
        if score > best:
            best, best_key = score, key
    return best_key if best >= 82 else None


def _is_guidance(text: str) -> bool:
    words = frozenset(tokens(fold(text)))
    if len(words) < 3:
        return False
    return any(len(words & g) >= 0.7 * len(words) for g in _guidance_token_sets())


def strip_guidance(text: str) -> tuple[str, int]:
    """Remove guidance text in parentheses left from the template; count how much was left."""
    count = 0

    def drop(match: re.Match) -> str:
        nonlocal count
        if _is_guidance(match[1]):
            count += 1
            return " "
        return match[0]

    return _PAREN.sub(drop, text), count


def clean(raw: str) -> str:
    """Text as an officer meant it: no HTML tags or entities, no NUL or control characters."""
    if not isinstance(raw, str):
        raw = str(raw or "")
    raw = raw[:MAX_CHARS].replace("\x00", " ").replace("\r\n", "\n").replace("\r", "\n")
    raw = _TAG.sub(" ", raw)
    return html.unescape(raw)


def split_sections(text: str) -> dict[str, str]:
    sections: dict[str, list[str]] = {}
    current = "voor"
    for line in text.split("\n"):
        m = _HEADING.match(line)
        if m:
            key = heading_key(m[2])
            if key == "titel":
                continue
            if key is not None:
                current = key
                continue
        sections.setdefault(current, []).append(line)
    return {k: "\n".join(v).strip() for k, v in sections.items()}


# --- decision lines ----------------------------------------------------------------------------

_DECISION_LINES = {
    "melding": re.compile(r"^[\s*>\-+]*\**\s*(?:melding(?:\s+aan)?\s+(?:veilig\s*thuis|vt)|"
                          r"melding)\s*\**\s*[:=\-–]\s*(.*)$"),
    "urgentie": re.compile(r"^[\s*>\-+]*\**\s*urgentie\s*\**\s*[:=\-–]\s*(.*)$"),
    "geinformeerd": re.compile(r"^[\s*>\-+]*\**\s*(?:betrokkenen\s+)?(?:geinformeerd|ingelicht)"
                               r"(?:\s+over\s+de\s+melding)?\s*\**\s*[:=\-–]\s*(.*)$"),
}

_VALUES = {
    "melding": re.compile(r"\b(ja|nee|geen|wel|niet)\b"),
    "urgentie": re.compile(r"\b(niet[\s-]*acuut|niet[\s-]*urgent|geen\s+spoed|structureel|"
                           r"acuut|spoed|urgent|direct)\b"),
    "geinformeerd": re.compile(r"\b(deels|gedeeltelijk|ja|nee|niet|wel)\b"),
}


def _normalise_value(kind: str, word: str) -> str | None:
    word = re.sub(r"[\s-]+", " ", word)
    if kind == "melding":
        return {"ja": "ja", "wel": "ja", "nee": "nee", "geen": "nee", "niet": "nee"}.get(word)
    if kind == "urgentie":
        if word.startswith(("niet", "geen")) or word == "structureel":
            return "niet_acuut"
        return "acuut"
    return {"deels": "deels", "gedeeltelijk": "deels", "ja": "ja", "wel": "ja", "nee": "nee",
            "niet": "nee"}.get(word)


def read_value(kind: str, raw_value: str) -> str | None:
    """The answer on one decision line, or None if it was left open."""
    checked = _CHECKED.findall(fold(raw_value))
    if checked:
        for option in checked:
            m = _VALUES[kind].search(option)
            if m:
                return _normalise_value(kind, m[1])
    bold = [a or b for a, b in _BOLD.findall(raw_value)]
    value = fold(_STRUCK.sub(" ", raw_value))
    if _BOX.search(value) and not checked:
        return None
    if len(bold) == 1:
        m = _VALUES[kind].search(fold(bold[0]))
        if m:
            return _normalise_value(kind, m[1])
    value = re.sub(r"[*_`]", " ", value)
    untouched = {
        "melding": r"^\s*ja\s*/\s*nee\s*$",
        "urgentie": r"^\s*acuut\s*/\s*niet[\s-]*acuut\s*$",
        "geinformeerd": r"^\s*ja\s*/\s*nee\s*/\s*deels\s*$",
    }[kind]
    if re.match(untouched, value) or not value.strip():
        return None
    letter = value.strip(" .!")
    if letter in ("j", "n") and kind != "urgentie":  # "J" / "N", as on a paper form
        return "ja" if letter == "j" else "nee"
    if kind == "geinformeerd" and re.search(r"\bwel\b", value) and re.search(r"\bniet\b", value):
        return "deels"
    m = _VALUES[kind].search(value)
    return _normalise_value(kind, m[1]) if m else None


def _decision_candidate(line: str) -> str | None:
    """The folded line if it could be a decision line (it has a ':' or '='), else None."""
    if ":" not in line and "=" not in line:
        return None
    return fold(_STRUCK.sub(" ", line) if ("~" in line or "<" in line) else line)


def _table_row_as_line(line: str) -> str:
    """'| Melding aan Veilig Thuis | ja |' read as 'Melding aan Veilig Thuis: ja'."""
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return f"{cells[0]}: {' '.join(cells[1:])}" if len(cells) >= 2 and cells[0] else line


# Decisions said in running text without a colon (a dictated report: "melding aan veilig thuis
# ja urgentie acuut betrokkenen geinformeerd ja"), read only where no decision line exists.
_DECISIONS_IN_PROSE = {
    "melding": re.compile(r"\bmelding aan (?:veilig thuis|vt)\s*[-–,]?\s*(ja|nee)\b"),
    "urgentie": re.compile(r"\burgentie\s*[-–,]?\s*(niet[\s-]*acuut|acuut)\b"),
    "geinformeerd": re.compile(r"\b(?:geinformeerd|ingelicht)(?: over de melding)?\s*[-–,]?\s*"
                               r"(ja|nee|deels)\b"),
}


def read_decisions(text: str) -> dict[str, Decision]:
    decisions = {k: Decision(value=None) for k in _DECISION_LINES}
    for line in text.split("\n"):
        if line.lstrip().startswith("|"):
            line = _table_row_as_line(line)
        folded = _decision_candidate(line)
        if folded is None:
            continue
        for kind, pattern in _DECISION_LINES.items():
            if decisions[kind].found:
                continue
            m = pattern.match(folded)
            if not m:
                continue
            # Re-find the value part in the original line so strikethrough is still visible.
            colon = re.search(r"[:=]", line)
            raw_value = line[colon.end():] if colon else m[1]
            decisions[kind] = Decision(value=read_value(kind, raw_value), evidence=line.strip(),
                                       found=True)
            break
    folded_text = None
    for kind, pattern in _DECISIONS_IN_PROSE.items():
        if decisions[kind].found:
            continue
        folded_text = folded_text if folded_text is not None else fold(_STRUCK.sub(" ", text))
        m = pattern.search(folded_text)
        if m:
            decisions[kind] = Decision(value=_normalise_value(kind, m[1]),
                                       evidence=folded_text[m.start():m.end()], found=True)
    # "Melding aan Veilig Thuis: Ja, acuut" also answers the urgency if its own line is open.
    mel = decisions["melding"]
    if decisions["urgentie"].value is None and mel.found:
        after = fold(mel.evidence.split(":", 1)[-1])
        m = _VALUES["urgentie"].search(after)
        if m and mel.value == "ja":
            decisions["urgentie"] = Decision(value=_normalise_value("urgentie", m[1]),
                                             evidence=mel.evidence, found=True)
    return decisions


def _without_decision_lines(text: str) -> str:
    out = []
    for line in text.split("\n"):
        folded = _decision_candidate(_table_row_as_line(line) if line.lstrip().startswith("|")
                                     else line)
        if folded is not None and any(p.match(folded) for p in _DECISION_LINES.values()):
            continue
        out.append(line)
    return "\n".join(out)


def parse(raw: str) -> Report:
    """Read a report; any input, however broken, gives a Report."""
    text = clean(raw)
    stripped, guidance = strip_guidance(text)
    sections = split_sections(stripped)
    decisions = read_decisions(stripped)
    body_sections = {k: _without_decision_lines(v) for k, v in sections.items()}
    parts, spans, at = [], {}, 0
    for key, value in body_sections.items():
        part = _SPACES.sub(" ", _STRUCK.sub(" ", value))
        spans[key] = (at, at + len(part))
        parts.append(part)
        at += len(part) + 1
    return Report(raw=text, sections=body_sections, decisions=decisions, body="\n".join(parts),
                  spans=spans, guidance_left=guidance)


@cache
def blank_form() -> str:
    """The empty report form the officer starts from (the answer cell's starting text)."""
    return (HERE / "meldingsformulier.md").read_text(encoding="utf-8")
