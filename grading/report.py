"""Step 1 of grading: read a melding written in the fixed form (shared/cases/TEMPLATE.md).

Officers keep the headings but write anything under them: lists or prose, guidance text left in
place, decision lines answered as "Ja, acuut", "~~nee~~ ja", "[x] ja [ ] nee" or left as
"ja / nee". This module turns that into sections (guidance removed) and the three decisions as
read, each with the text that decided it. It never raises.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import compress
from typing import Final, NamedTuple, cast

import yaml

from grading import HERE
from grading.decisions import (
    STRUCK,
    Decision,
    Reading,
    is_decision_line,
    line_readings,
    may_decide,
    read_decisions,
)
from grading.normalize import fold, tokens

MAX_CHARS: Final = 200_000  # longer input is cut: no real melding comes near this

_HEADING: Final = re.compile(r"^\s{0,3}(#{1,6})\s*(.*?)\s*#*\s*$")
_TAG: Final = re.compile(r"<[^>]{0,200}>")
# <del>, <s> and <strike>, also with attributes (<del datetime="…">) or a space before '>'; not
# <strong>, <span> or <sub>.
_HTML_STRUCK: Final = re.compile(r"<(del|s|strike)(?:\s[^>]*)?>(.*?)</\1\s*>",
                                 re.IGNORECASE | re.DOTALL)
_PAREN: Final = re.compile(r"\(([^()]{12,600})\)", re.DOTALL)
_SPACES: Final = re.compile(r"[ \t]+")


# Words of an answer that says nothing: "Geen.", "n.v.t.", "Niet van toepassing", "Zie boven."
# (tokens: "n.v.t." is n, v, t).
NO_CONTENT: Final = frozenset({"geen", "nvt", "niets", "nee", "onbekend", "zie", "boven", "niet",
                               "van", "toepassing", "n", "v", "t"})


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


_NUMBERING: Final = re.compile(r"^(?:\d+[a-z]?|[a-z]|[ivx]+)[.)]\s+")


@lru_cache(maxsize=4096)
def heading_key(title: str) -> str | None:
    """Which template section a heading names ("Genomen maatregelen" → 'maatregelen', also
    numbered: "5a. Waargenomen")."""
    folded = _NUMBERING.sub("", fold(title).strip(" :*#_"))
    folded = folded.strip(" :*#_")
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


@lru_cache(maxsize=20_000)
def _is_guidance(text: str) -> bool:
    words = frozenset(tokens(fold(text)))
    if len(words) < 3:
        return False
    return any(len(words & g) >= 0.7 * len(words) for g in _guidance_token_sets())


def strip_guidance(text: str) -> tuple[str, int]:
    """Remove guidance text in parentheses left from the template; count how much was left."""
    if not any(map(_is_guidance, _PAREN.findall(text))):
        return text, 0  # most reports: a search for the parentheses only, no call for each
    count = 0

    def drop(match: re.Match) -> str:
        nonlocal count
        if _is_guidance(match[1]):
            count += 1
            return " "
        return match[0]

    return _PAREN.sub(drop, text), count


def clean(raw: object) -> str:
    """Text as an officer meant it: no HTML tags or entities, no NUL characters, line ends as
    '\n', accents composed ("e" + combining diaeresis is "ë", as a keyboard types it)."""
    text = (raw if isinstance(raw, str) else str(raw or ""))[:MAX_CHARS].replace("\x00", " ")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _composed(text)
    if "<" in text:  # a tag starts with '<': a scan for it is far cheaper than the two regexes
        text = _HTML_STRUCK.sub(r"~~\2~~", text)  # struck out as HTML: read as "~~…~~"
        text = _TAG.sub(" ", text)
    return html.unescape(text)


def _composed(text: str) -> str:
    """unicodedata.normalize("NFC", text), skipped for a text of Latin-1 characters only (as
    Dutch is written): none of them combines or decomposes, so such a text is composed
    already, and encoding it to find out is much cheaper than normalize's own check."""
    if text.isascii():
        return text
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return unicodedata.normalize("NFC", text)
    return text


# A heading written without '#': a line in bold ("**Aanleiding**") or a short line on its own
# that is exactly a heading's name ("Zorgen", "Geïnformeerd:").
_BOLD_LINE: Final = re.compile(r"^\s*(?:\*\*|__)([^*_]{2,60})(?:\*\*|__)\s*:?\s*$")
# (The name's characters are taken possessively, "{1,40}+": giving some back cannot make the
# line match, as a test checks, and a long line of text fails at once instead of after 40 tries.)
_PLAIN_LINE: Final = re.compile(r"^\s*((?:\d+[a-z]?[.)]\s*)?[A-ZÀ-Ý][^.!?:]{1,40}+):?\s*$")


def _plain_heading(line: str) -> str | None:
    """The section a line without '#' names, if it is a heading at all."""
    m = _BOLD_LINE.match(line)
    if m:
        return heading_key(m[1])
    m = _PLAIN_LINE.match(line)
    if m:
        folded = _NUMBERING.sub("", fold(m[1])).strip(" :")
        return next((key for name, key in _heading_index() if folded == name), None)
    return None


def _table_section(line: str) -> tuple[str, str] | None:
    """A table row whose first cell names a section ("| Melder | wijkagent A. Verschuren |"):
    the section and its text. A whole report may be written as such a table."""
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) < 2:
        return None
    key = heading_key(cells[0]) if len(cells[0]) <= 60 else None
    if key is None or key == "titel":
        return None
    return key, " ".join(c for c in cells[1:] if c)


def _line_kind(line: str) -> str | tuple[str, str] | None:
    """What a line of the form is: a heading (its section key, 'titel' for the title), a table
    row naming a section ((section, text)), or None for a line of text."""
    first = line.lstrip()[:1]
    if first == "|" and (row := _table_section(line)):
        return row
    if first == "#" and (m := _HEADING.match(line)):
        return heading_key(m[2])
    # A list item ("- …", most lines) is never a heading: neither pattern lets it start so.
    return _plain_heading(line) if first and first != "-" else None


class _Line(NamedTuple):
    """What one line of a report is and gives."""

    kind: str | tuple[str, str] | None  # as _line_kind
    # Its text (the line, or a table row's text) is a decision line, left out of the body.
    is_decision: bool
    readings: tuple[Reading, ...]  # the decisions it gives (decisions.line_readings)


# Many lines recur in every report (the form's own), so each is judged once, for all reports.
@lru_cache(maxsize=20_000)
def _judge_line(line: str) -> _Line | None:
    """What the line is and gives; None for a plain line of text (most lines): no heading, no
    table row, no decision line and no decision."""
    kind = _line_kind(line)
    if kind is None and not may_decide(line):
        return None
    text = line if kind is None else kind[1] if isinstance(kind, tuple) else None
    judged = _Line(kind, text is not None and is_decision_line(text), line_readings(line))
    return None if judged == (None, False, ()) else judged


class _Lines(NamedTuple):
    """A report's lines sorted by section."""

    sections: dict[str, list[str]]
    # Sections with a decision line among their lines: the others need no search for them.
    with_decision_lines: set[str]
    readings: list[tuple[Reading, ...]]  # of the lines that give a decision, in order


def _sort_lines(text: str) -> _Lines:
    sorted_lines = _Lines({}, set(), [])
    sections = sorted_lines.sections
    lines = text.split("\n")
    judged = list(map(_judge_line, lines))
    current = "voor"
    run_start = 0  # the current section's run of text lines since its heading or a table row
    # Plain text lines (judged None) are only added to the current section, a run at a time,
    # so the loop visits the other lines only (compress skips the plain ones in C).
    # (compress keeps the lines judged to be something, so no line here is None.)
    for i, line in cast("Iterator[tuple[int, _Line]]", compress(enumerate(judged), judged)):
        if line.readings:
            sorted_lines.readings.append(line.readings)
        if line.kind is None:  # a text line that is or gives a decision: part of the run
            if line.is_decision:
                sorted_lines.with_decision_lines.add(current)
            continue
        if run_start < i:
            sections.setdefault(current, []).extend(lines[run_start:i])
        run_start = i + 1
        if isinstance(line.kind, tuple):  # a table row: its text goes to the section it names
            section, row_text = line.kind
            sections.setdefault(section, []).append(row_text)
            if line.is_decision:
                sorted_lines.with_decision_lines.add(section)
        elif line.kind != "titel":
            current = line.kind
    if run_start < len(lines):
        sections.setdefault(current, []).extend(lines[run_start:])
    return sorted_lines


def _without_decision_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not is_decision_line(line))


def parse(raw: object) -> Report:
    """Read a report; any input, however broken, gives a Report (None as an empty one, any
    other non-str as its str(); typed `object` so the compiled build does not raise on it
    either. grade() hands over "" for a non-str)."""
    text = clean(raw)
    stripped, guidance = strip_guidance(text)
    lines = _sort_lines(stripped)
    body_sections = {k: "\n".join(v).strip() for k, v in lines.sections.items()}
    decisions = read_decisions(stripped, body_sections.get("geinformeerd", ""), lines.readings)
    # Decision lines are left out of the body, searched for only in the sections that have
    # one (is_decision_line ignores white space at a line's ends, so stripping a section
    # cannot make a decision line of a line that was none).
    for key in lines.with_decision_lines:
        body_sections[key] = _without_decision_lines(body_sections[key])
    parts = body_sections
    # A section holds no '~', double blank or tab that the whole text does not: most reports
    # have none, and their sections need no look.
    if "~" in stripped or "  " in stripped or "\t" in stripped:
        parts = {k: _searchable(v) for k, v in body_sections.items()}
    spans, at = {}, 0
    for key, part in parts.items():
        spans[key] = (at, at + len(part))
        at += len(part) + 1
    return Report(raw=text, sections=body_sections, decisions=decisions,
                  body="\n".join(parts.values()), spans=spans, guidance_left=guidance)


def _searchable(section: str) -> str:
    """A section's text as facts are searched in: no struck-out text, blanks run together."""
    part = STRUCK.sub(" ", section) if "~" in section else section
    if "  " in part or "\t" in part:  # a scan for runs of blanks costs more than this test
        part = _SPACES.sub(" ", part)
    return part


@cache
def blank_form() -> str:
    """The empty report form the officer starts from (the answer cell's starting text)."""
    return (HERE / "meldingsformulier.md").read_text(encoding="utf-8")
