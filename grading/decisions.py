"""The three decisions of a melding as the officer wrote them: melding, urgency, informed.

The form asks for them on decision lines ("Melding aan Veilig Thuis: ja"), answered in many
ways: "Ja, acuut", "~~nee~~ ja", "[x] ja [ ] nee", "**ja** / nee", "J", a Markdown table row, a
question ("Acuut? Ja."), or left as "ja / nee". Where a line is missing, the decision is read
from what the report says elsewhere: dictated without a colon ("melding aan veilig thuis ja"),
in a sentence ("Ik meld dit bij Veilig Thuis, niet acuut") or, for who was told, under the
heading 'Geïnformeerd' ("Moeder weet dat wij VT inlichten."). Each decision keeps the text
that decided it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, NamedTuple

from grading.normalize import fold, fold_aligned

# Struck-out text; report.clean turns HTML strikethrough (<del>, <s>, <strike>) into this form.
STRUCK: Final = re.compile(r"~~.*?~~", re.DOTALL)
_CHECKED: Final = re.compile(r"\[\s*[xX✓✔v]\s*\]\s*\**\s*([a-z][a-z -]*)")
_BOX: Final = re.compile(r"\[\s*[ xX✓✔v]?\s*\]")
_BOLD: Final = re.compile(r"\*\*([^*]+)\*\*|__([^_]+)__")
_SENTENCE: Final = re.compile(r"[^.!?\n]+")

KINDS: Final = ("melding", "urgentie", "geinformeerd")


@dataclass(slots=True)
class Decision:
    """One decision as read: the value (None = not answered) and the text it came from."""

    value: str | None
    evidence: str = ""
    found: bool = False
    # Read from the report's text rather than from its decision line.
    in_text: bool = False


_LEAD: Final = r"^[\s*>\-+]*\**\s*"
LINES: Final = {
    "melding": re.compile(_LEAD + r"(?:melding(?:\s+(?:aan|bij))?\s+(?:veilig\s*thuis|vt)|melding|"
                          r"melden(?:\s+(?:aan|bij)\s+(?:veilig\s*thuis|vt))?)"
                          r"\s*\**\s*[:=\-–]\s*(.*)$"),
    "urgentie": re.compile(_LEAD + r"urgentie\s*\**\s*[:=\-–]\s*(.*)$"),
    "geinformeerd": re.compile(_LEAD + r"(?:(?:betrokkenen|ouders?|familie)\s+)?(?:geinformeerd|"
                               r"ingelicht|op\s+de\s+hoogte(?:\s+gesteld)?)"
                               r"(?:\s+(?:over|van)\s+de\s+melding)?\s*\**\s*"
                               r"[:=\-–]\s*(.*)$"),
}
# Lines whose label asks a yes/no question without a question mark, answered so: "Spoed: ja"
# (not "Acuut: dreiging tegen de kinderen", which is an assessment).
_YES_NO_LINES: Final = {
    "urgentie": re.compile(_LEAD + r"(?:spoed|acuut)\s*\**\s*[:=\-–]\s*\**\s*"
                           r"((?:ja|nee|j|n)\b.*)$"),
}
# The same asked as a question: "Acuut? Ja." "Melden? Nee." "Ingelicht? Ja."
_QUESTIONS: Final = {
    "melding": re.compile(_LEAD + r"(?:melden|melding)(?:\s+(?:aan|bij))?"
                          r"(?:\s+(?:veilig\s*thuis|vt))?\s*\?\s*[:\-–]?\s*(.*)$"),
    "urgentie": re.compile(_LEAD + r"(?:acuut|spoed|urgent)\s*\?\s*[:\-–]?\s*(.*)$"),
    "geinformeerd": re.compile(_LEAD + r"(?:geinformeerd|ingelicht)\s*\?\s*[:\-–]?\s*(.*)$"),
}

_VALUES: Final = {
    "melding": re.compile(r"\b(ja|nee|geen|wel|niet)\b"),
    "urgentie": re.compile(r"\b(niet[\s-]*acuut|niet[\s-]*urgent|geen\s+spoed|structureel|"
                           r"acuut|spoed|urgent|direct)\b"),
    "geinformeerd": re.compile(r"\b(deels|gedeeltelijk|ja|nee|niet|wel)\b"),
}
_UNTOUCHED: Final = {
    "melding": re.compile(r"^\s*ja\s*/\s*nee\s*$"),
    "urgentie": re.compile(r"^\s*acuut\s*/\s*niet[\s-]*acuut\s*$"),
    "geinformeerd": re.compile(r"^\s*ja\s*/\s*nee\s*/\s*deels\s*$"),
}


def normalise(kind: str, word: str) -> str | None:
    word = re.sub(r"[\s-]+", " ", word)
    if kind == "melding":
        return {"ja": "ja", "wel": "ja", "nee": "nee", "geen": "nee", "niet": "nee"}.get(word)
    if kind == "urgentie":
        if word.startswith(("niet", "geen")) or word == "structureel":
            return "niet_acuut"
        return "acuut"
    return {"deels": "deels", "gedeeltelijk": "deels", "ja": "ja", "wel": "ja", "nee": "nee",
            "niet": "nee"}.get(word)


_BALLOT: Final = str.maketrans(
    {"☒": "[x]", "☑": "[x]", "✅": "[x]", "☐": "[ ]", "□": "[ ]", "■": "[x]"})


def read_value(kind: str, raw_value: str) -> str | None:
    """The answer on one decision line, or None if it was left open."""
    raw_value = raw_value.translate(_BALLOT)  # "☒ ja ☐ nee" is "[x] ja [ ] nee"
    checked = _CHECKED.findall(fold(raw_value))
    if checked:
        for option in checked:
            m = _VALUES[kind].search(option)
            if m:
                return normalise(kind, m[1])
    bold = [a or b for a, b in _BOLD.findall(raw_value)]
    value = fold(STRUCK.sub(" ", raw_value))
    if _BOX.search(value) and not checked:
        return None
    if len(bold) == 1:
        m = _VALUES[kind].search(fold(bold[0]))
        if m:
            return normalise(kind, m[1])
    value = re.sub(r"[*_`]", " ", value)
    if _UNTOUCHED[kind].match(value) or not value.strip():
        return None
    letter = value.strip(" .!")
    if letter in ("j", "n") and kind != "urgentie":  # "J" / "N", as on a paper form
        return "ja" if letter == "j" else "nee"
    if kind == "geinformeerd" and re.search(r"\b(?:wel|alleen|ja)\b", value) and re.search(
            r"\b(?:niet|nee)\b", value):
        return "deels"  # "wel moeder, vader niet", "alleen Sara, ouders niet"
    m = _VALUES[kind].search(value)
    if m is None and kind == "geinformeerd" and re.search(r"\balleen\b", value):
        return "deels"  # "alleen Sara": the others were not told
    return normalise(kind, m[1]) if m else None


def _answer(kind: str, raw: str) -> str | None:
    """A yes/no answer to a question line, as the decision's value."""
    m = re.match(r"\s*\**\s*(ja|nee|j|n)\b", fold(STRUCK.sub(" ", raw)))
    if not m:
        return read_value(kind, raw)
    yes = m[1] in ("ja", "j")
    if kind == "urgentie":
        return "acuut" if yes else "niet_acuut"
    return "ja" if yes else "nee"


# The forms of a decision line: its patterns per kind, where its answer starts, how the answer
# is read. "Urgentie: niet acuut"; "Acuut? Ja."; "Spoed: ja".
_FORMS: Final = (
    (LINES, re.compile(r"[:=]"), read_value),
    (_QUESTIONS, re.compile(r"\?[\s:\-–]*"), _answer),
    (_YES_NO_LINES, re.compile(r"[:=]"), _answer),
)


def _has_line_key(lower: str) -> bool:
    """Whether a lower-case line holds a word every decision line holds one of
    ("geïnformeerd" holds "nformeerd"). Seven substring tests cost half of one regex search."""
    return ("meld" in lower or "urgent" in lower or "acuut" in lower or "spoed" in lower
            or "nformeerd" in lower or "ingelicht" in lower or "hoogte" in lower)


def _has_separator(line: str) -> bool:
    """Every decision line has one: ':' or '=' before its answer, or '?' after its question."""
    return ":" in line or "=" in line or "?" in line


# Lines are pure text and many recur in every report (the form's own lines): each line is
# judged once, for all reports.
@lru_cache(maxsize=20_000)
def _candidate(line: str) -> str | None:
    """The folded line if it could be a decision line (it has ':', '=' or '?'), else None."""
    if not _has_separator(line):
        return None
    if not _has_line_key(line.lower()):
        return None  # cheap test first: most lines with a colon are no decision line
    return fold(STRUCK.sub(" ", line) if "~" in line else line)


def may_decide(line: str) -> bool:
    """False for a line that is no decision line and gives no decision, as _candidate finds
    without folding: no separator, and no table row (read as a line with a colon)."""
    return _has_separator(line) or _is_table_row(line)


def _is_table_row(line: str) -> bool:
    """A Markdown table row ('| Melding aan Veilig Thuis | ja |'); the scan for '|' first, as
    most lines hold none."""
    return "|" in line and line.lstrip().startswith("|")


def table_row_as_line(line: str) -> str:
    """'| Melding aan Veilig Thuis | ja |' read as 'Melding aan Veilig Thuis: ja'."""
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return f"{cells[0]}: {' '.join(cells[1:])}" if len(cells) >= 2 and cells[0] else line


def _as_candidate(line: str) -> tuple[str, str | None]:
    """The line as a decision line is read (a table row as 'first cell: the rest') and its
    folded form if it could be one (_candidate)."""
    if _is_table_row(line):
        line = table_row_as_line(line)
    return line, _candidate(line)


_BARE_ANSWER: Final = frozenset({"ja", "nee", "deels", "gedeeltelijk", "wel", "niet", "j", "n",
                                 "x", "over", "de", "melding"})


@lru_cache(maxsize=20_000)
def is_decision_line(line: str) -> bool:
    """True for a decision line that says nothing beyond its answer. A line about who was told
    that names them ("Geïnformeerd: ja (moeder)", "alleen Sara, ouders niet") is also a fact
    of the report and stays in its text."""
    _, folded = _as_candidate(line)
    if folded is None:
        return False
    if LINES["geinformeerd"].match(folded) or _QUESTIONS["geinformeerd"].match(folded):
        value = re.split(r"[:=?]", folded, maxsplit=1)[-1]
        return set(re.findall(r"[a-z]+", value)) <= _BARE_ANSWER
    return any(p.match(folded) for patterns, _, _ in _FORMS for p in patterns.values())


def _read_line(kind: str, line: str, folded: str) -> Decision | None:
    """The decision of `kind` if the line is one of its decision lines, in any of its forms."""
    for patterns, answer_starts, read in _FORMS:
        pattern = patterns.get(kind)
        m = pattern.match(folded) if pattern else None
        if m:
            # The answer is re-found in the original line so strikethrough is still visible.
            start = answer_starts.search(line)
            raw_value = line[start.end():] if start else m[1]
            return Decision(read(kind, raw_value), line.strip(), True)
    return None


class Reading(NamedTuple):
    """One decision a line gives: its kind, its value and the line as evidence."""

    kind: str
    value: str | None
    evidence: str


def line_readings(line: str) -> tuple[Reading, ...]:
    """Every decision the line would give, in the order of KINDS; the first whose decision is
    still open is taken. (report.parse keeps them for each line it has seen: most decision
    lines recur in many reports, as "Urgentie: acuut" does.)"""
    line, folded = _as_candidate(line)
    if folded is None:
        return ()
    return tuple(Reading(kind, read.value, read.evidence) for kind in KINDS
                 if (read := _read_line(kind, line, folded)))


def _from_lines(readings: Iterable[tuple[Reading, ...]]) -> dict[str, Decision]:
    """The decisions of the decision lines: the first line of each kind counts."""
    first: dict[str, Reading] = {}
    for line in readings:
        for reading in line:
            if reading.kind not in first:
                first[reading.kind] = reading
                break
    return {kind: Decision(read.value, read.evidence, True) if (read := first.get(kind)) else
            Decision(value=None) for kind in KINDS}


# In running text: dictated without a colon ("melding aan veilig thuis ja urgentie acuut") or
# inside a closing paragraph ("Melding dus: ja, acuut. Geïnformeerd: alleen Sara.").
_DICTATED: Final = {
    "melding": re.compile(r"\bmelding(?: aan (?:veilig thuis|vt))?(?: dus)?[ \t]*[-–,:]?[ \t]*"
                          r"(ja|nee)\b"),
    "urgentie": re.compile(r"\burgentie[ \t]*[-–,:]?[ \t]*(niet[ \t-]*acuut|acuut)\b"),
    "geinformeerd": re.compile(r"\b(?:geinformeerd|ingelicht)(?: over de melding)?[ \t]*[-–,:]?"
                               r"[ \t]*(ja|nee|deels|alleen)\b"),
}
# In a sentence: "Ik meld dit bij Veilig Thuis", "hier moet gemeld worden", and the negatives.
_MELDING_SENTENCE: Final = re.compile(
    r"\b(?:(?:ik|wij|we)\s+(?:meld|melden|doe|doen)\b(?=[^.]*\b(?:veilig thuis|vt)\b)|"
    r"\b(?:veilig thuis|vt)\b[^.]*\b(?:ik|wij|we)\s+(?:meld|melden)\b|"
    r"gemeld (?:moet|moeten|wordt|worden)\b|moet(?:en)? (?:hier )?(?:worden )?gemeld\b|"
    r"(?:een )?melding (?:bij|aan) (?:veilig thuis|vt) (?:is )?(?:nodig|gedaan|volgt))")
_NO_MELDING_SENTENCE: Final = re.compile(
    r"\b(?:geen melding (?:bij|aan) (?:veilig thuis|vt)|(?:niet|geen reden om te) melden|"
    r"wordt niet gemeld|hoeft niet gemeld)\b")
_URGENCY_WORDS: Final = re.compile(
    r"\b(niet[\s-]*acuut|geen\s+spoed|met spoed|spoedeisend|acuut)\b")
# Under 'Geïnformeerd': a sentence that says someone knows or was told, or was not.
_TOLD: Final = re.compile(r"\b(?:weet|weten|verteld|ingelicht|geinformeerd|op de hoogte|"
                          r"meegedeeld|uitgelegd)\b")
_NOT: Final = re.compile(r"\b(?:niet|geen|niemand|nog niet|bewust niet)\b")


def _sentences(text: str, folded: str | None = None) -> list[tuple[str, str]]:
    """(folded, as written) per sentence: searched folded, quoted as the officer wrote it
    (`folded`: fold_aligned(text), when already made)."""
    folded = fold_aligned(text) if folded is None else folded
    return [(m.group(), text[m.start():m.end()].strip()) for m in _SENTENCE.finditer(folded)]


def _informed(sentences: list[tuple[str, str]]) -> Decision | None:
    """Who was told, from sentences about being told: all told, none, or some."""
    about = [(f, quoted) for f, quoted in sentences if _TOLD.search(f)]
    if not about:
        return None
    untold = any(_NOT.search(f) for f, _ in about)
    told = any(not _NOT.search(f) for f, _ in about)
    value = "deels" if told and untold else "ja" if told else "nee"
    return Decision(value, " ".join(q for _, q in about), True, in_text=True)


def _from_text(text: str, informed_section: str, decisions: dict[str, Decision]) -> None:
    if all(d.found for d in decisions.values()):
        return  # every decision has its line: nothing to read from the text
    plain = STRUCK.sub(" ", text)
    folded = fold_aligned(plain)
    for kind, pattern in _DICTATED.items():
        if not decisions[kind].found and (m := pattern.search(folded)):
            value = "deels" if m[1] == "alleen" else normalise(kind, m[1])
            # The evidence runs to the end of the sentence: "Melding dus: ja, acuut."
            end = folded.find(".", m.end())
            evidence = plain[m.start(): end if end > 0 else len(plain)].strip()
            decisions[kind] = Decision(value, evidence, True, in_text=True)
    sentences = _sentences(plain, folded)
    following: list[tuple[str, str]] = []  # the sentences after a melding said in a sentence
    if not decisions["melding"].found:
        for i, (sentence, quoted) in enumerate(sentences):
            if _NO_MELDING_SENTENCE.search(sentence):
                decisions["melding"] = Decision("nee", quoted, True, in_text=True)
                break
            if _MELDING_SENTENCE.search(sentence):
                decisions["melding"] = Decision("ja", quoted, True, in_text=True)
                if not decisions["urgentie"].found and (u := _URGENCY_WORDS.search(sentence)):
                    value = "niet_acuut" if u[1].startswith(("niet", "geen")) else "acuut"
                    decisions["urgentie"] = Decision(value, quoted, True, in_text=True)
                following = sentences[i + 1: i + 3]
                break
    if not decisions["geinformeerd"].found:
        # Under 'Geïnformeerd' any sentence about being told; elsewhere one that names the
        # melding ("zijn over de melding geïnformeerd"), or one right after the melding said in
        # a sentence ("Mevrouw weet ervan.").
        found = (_informed(_sentences(STRUCK.sub(" ", informed_section)))
                 or _informed([(f, q) for f, q in sentences if "over de melding" in f])
                 or _informed(following))
        if found is not None:
            decisions["geinformeerd"] = found


def read_decisions(text: str, informed_section: str = "",
                   readings: Iterable[tuple[Reading, ...]] | None = None) -> dict[str, Decision]:
    """The three decisions; `informed_section` is the text under 'Geïnformeerd', read for who
    was told when the decision line is missing. `readings`: line_readings() of the text's
    lines in order (those that give none may be left out), when the caller has them."""
    if readings is None:
        readings = map(line_readings, text.split("\n"))
    decisions = _from_lines(readings)
    _from_text(text, informed_section, decisions)
    # "Melding aan Veilig Thuis: Ja, acuut" also answers the urgency if its own line is open.
    mel = decisions["melding"]
    if decisions["urgentie"].value is None and mel.found and mel.value == "ja":
        m = _VALUES["urgentie"].search(fold(mel.evidence.split(":", 1)[-1]))
        if m:
            decisions["urgentie"] = Decision(normalise("urgentie", m[1]), mel.evidence, True)
    return decisions
