"""Dutch text normalisation for matching: case, accents, punctuation, lemmas, dates and ages.

Officers write "Geïnformeerd", "geinformeerd" and "GEÏNFORMEERD"; "aangehouden" and
"aanhouding"; "14-03-2026", "14 maart" and "zaterdag 14/3". Everything the grader compares
goes through these functions first, so matching itself can stay simple.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any, Final, NamedTuple

MONTHS: Final = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4,
    "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

_TOKEN: Final = re.compile(r"[0-9]+(?:[.:][0-9]+)?|[a-z][a-z'-]*")
_QUOTES: Final = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "`": "'"})


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Lower case, no diacritics, typographic quotes made plain, white space collapsed."""
    if text.isascii():
        text = (text.replace("`", "'") if "`" in text else text).lower()
    else:
        text = unicodedata.normalize("NFKD", text.translate(_QUOTES).lower())
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # str.split and the regex \s agree on what white space is (Py_UNICODE_ISSPACE).
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", ch.translate(_QUOTES))
                   if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else " "


def _build_fold_table() -> dict[int, str]:
    """One-character folds for Latin letters with diacritics and typographic quotes."""
    table = {}
    for code in range(0x80, 0x250):
        table[code] = _fold_char(chr(code))
    for code in (0x2018, 0x2019, 0x201C, 0x201D, 0x201E):
        table[code] = _fold_char(chr(code))
    return table


_FOLD_TABLE: Final = _build_fold_table()


def fold_aligned(text: str) -> str:
    """fold() that keeps every character at its offset, so evidence can be quoted from the
    original text (white space is not collapsed, odd characters become spaces)."""
    if text.isascii():
        return text.lower()
    folded = text.translate(_FOLD_TABLE).lower()
    if len(folded) == len(text) and folded.isascii():
        return folded
    # Rare: characters outside the table (emoji, other scripts), or a lower() that grew.
    return "".join(ch.lower() if ch.isascii() else _fold_char(ch) for ch in text)


def tokens(folded: str) -> list[str]:
    return _TOKEN.findall(folded)


class Memo(dict):
    """A dict that works out a missing key's value with `make` and keeps it (up to `limit`
    keys): for analyses of words and forms that never change, shared by all reports. Read it
    with memo[key]: .get() does not work a value out."""

    def __init__(self, make: Callable[[str], Any], limit: int) -> None:
        super().__init__()
        self.make, self.limit = make, limit

    def __missing__(self, key: str) -> Any:
        value = self.make(key)
        if len(self) < self.limit:
            self[key] = value
        return value


def _lemma(token: str) -> str:
    if len(token) < 4 or token[0].isdigit():
        return token
    from simplemma import lemmatize

    return lemmatize(token, lang="nl").replace("_", "").lower()


_LEMMAS: Final = Memo(_lemma, 500_000)


def lemma(token: str) -> str:
    """The Dutch lemma of a folded token ('aangehouden' → 'aanhouden'); simplemma is loaded on
    first use, so `import grading` stays fast."""
    return _LEMMAS[token]


class Span(NamedTuple):
    start: int
    end: int


# Span(*match.span()) without the Python-level __new__ that NamedTuple adds: same tuple.
_span_of: Final = partial(tuple.__new__, Span)


# Each pattern is tried only where a digit run starts (found by one fast scan), so a report is
# read once however many kinds of number it holds.
_DATE_ISO: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})\b")
_DATE_NUMERIC: Final = re.compile(r"(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{2,4}))?\b")
_DATE_WORDS: Final = re.compile(
    r"(\d{1,2})\s+(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?(?:\s+(\d{4}))?\b"
)
# "23.40", "23:40", "23u40", "17.20u", "2340u", "2340 uur"; four digits only with u/uur after.
_TIME: Final = re.compile(
    r"([01]?\d|2[0-3])(?:\s*[.:u]\s*|(?=[0-5]\d\s*u))([0-5]\d)(?:\s*u(?:ur)?)?\b")
_AGE_AFTER: Final = re.compile(r"(\d{1,3})\s*(?:jaar|jr\.?|-?jarige?)\b|(\d{1,3})\)")
_VAN_BEFORE: Final = re.compile(r"\bvan\s+$")
_AGE_AFTER_VAN: Final = re.compile(r"\d{1,2}\b")  # "de dochter van 8"
_NOT_AFTER_VAN: Final = re.compile(r"\d{1,2}\s*[-/.:]")


MAX_AGE: Final = 110  # a larger number written as an age is not one


@dataclass(slots=True)
class Numbers:
    dates: list[tuple[int, int, int | None, Span]]
    times: list[tuple[int, int, Span]]
    ages: list[tuple[int, Span]]


def numbers(folded: str, runs: list[tuple[int, int]] | None = None,
            every: bool = False) -> Numbers:
    """Every date (day, month, year or None), time and age written in the text (`runs`: the
    digit runs to read, by default all of digit_runs(folded); `every`: see _numbers_at)."""
    out = Numbers([], [], [])
    for pos, end in digit_runs(folded) if runs is None else runs:
        if pos and folded[pos - 1].isalnum():
            continue  # inside a word or a longer number ("pl0900", "2026031401")
        if end - pos > 4 and not every:
            continue  # no pattern takes five digits or more (phone, registration numbers)
        _numbers_at(folded, pos, end - pos, folded[end:end + 1], out, every)
    return out


# Every byte but the ASCII digits becomes a space: with it, digit runs are found by C string
# methods instead of a regex that steps through every character.
_ONLY_DIGITS: Final = bytes(b if 48 <= b <= 57 else 32 for b in range(256))


def digit_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every run of the digits 0-9 in the text. A number is read only where
    such a run starts: other scripts' digits ("١٢") start none (a pattern's \\d may still go on
    into them after a run)."""
    # One byte per character (anything outside ASCII becomes '?'), so offsets stay the same.
    digits = text.encode("ascii", "replace").translate(_ONLY_DIGITS)
    runs, at = [], 0
    for run in digits.split():
        at = digits.find(run, at)
        runs.append((at, at + len(run)))
        at += len(run)
    return runs


def _numbers_at(text: str, pos: int, length: int, after: str, out: Numbers,
                every: bool = False) -> None:
    """The numbers written at a run of `length` digits followed by the character `after`.
    Each pattern is tried only where the run's length and the characters after it allow it:
    most runs (years, phone and house numbers) need no pattern at all. `every` tries every
    pattern anyway: tests compare the two, so a pattern changed without its condition is
    noticed."""
    end = pos + length
    short = length <= 2
    spaced = after in _WHITE_SPACE
    # A spaced pattern ("14 maart", "14 uur", "67 jaar") goes on at the first character after
    # the white space. After a single space that is `next_char`; after more white space (or
    # at the end of the text) it is not read, and every spaced pattern is tried (`open_end`).
    next_char = text[end + 1:end + 2] if spaced else ""
    open_end = spaced and next_char in _NOTHING_READ
    if every or (length == 4 and after == "-"):
        m = _DATE_ISO.match(text, pos)
        if m:
            out.dates.append((int(m[3]), int(m[2]), int(m[1]), _span_of(m.span())))
            return
    m = (_DATE_NUMERIC.match(text, pos)
         if every or (short and after in ("-", "/", "."))
         else None)
    if m and 1 <= (day := int(m[1])) <= 31 and 1 <= (month := int(m[2])) <= 12:
        year = int(m[3]) if m[3] else None
        if year is not None and year < 100:
            year += 2000 if year < 50 else 1900
        out.dates.append((day, month, year, _span_of(m.span())))
    m = (_DATE_WORDS.match(text, pos)
         if every or (short and spaced and (open_end or next_char in _MONTH_INITIALS))
         else None)
    if m and 1 <= int(m[1]) <= 31:
        out.dates.append((int(m[1]), MONTHS[m[2]], int(m[3]) if m[3] else None,
                          _span_of(m.span())))
    # _TIME: an hour of one or two digits goes on with '.', ':' or 'u' ("14.50", "14 u 50");
    # three or four digits ("2340") are a time only with 'u' or 'uur' after them.
    if every or (
        (after in _HOUR_GOES_ON or (spaced and (open_end or next_char in _HOUR_GOES_ON)))
        if short else
        (length <= 4 and (after == "u" or open_end or next_char == "u"))
    ):
        m = _TIME.match(text, pos)
        if m:
            out.times.append((int(m[1]), int(m[2]), _span_of(m.span())))
    # An age needs "jaar", "jr", "jarig(e)" or ")" after its one to three digits.
    m = (_AGE_AFTER.match(text, pos)
         if every or (length <= 3 and (
             after in ("j", ")") or (after == "-" and text.startswith("-jarig", end))
             or open_end or next_char in ("j", "-")))
         else None)
    if m and (m[1] or (pos and text[pos - 1] == "(")):
        out.ages.append((int(m[1] or m[2]), _span_of(m.span())))
    elif (pos and (every or (text[pos - 1] in _WHITE_SPACE
                             and text.find("van", max(0, pos - 8), pos) >= 0))
          and _VAN_BEFORE.search(text, max(0, pos - 8), pos)
          and not _NOT_AFTER_VAN.match(text, pos)):
        digits = _AGE_AFTER_VAN.match(text, pos)
        if digits:
            out.ages.append((int(digits[0]), _span_of(digits.span())))


_MONTH_INITIALS: Final = frozenset(name[0] for name in MONTHS)
# What str.isspace() and the regex \s call white space (Py_UNICODE_ISSPACE; none is above
# U+3000): a set lookup is cheaper than a method call.
_WHITE_SPACE: Final = frozenset(ch for ch in map(chr, range(0x3001)) if ch.isspace())
_NOTHING_READ: Final = _WHITE_SPACE | {""}  # more white space, or the end of the text
_HOUR_GOES_ON: Final = (".", ":", "u")


def trie_alternation(words: list[str]) -> str:
    """A regex alternation of `words` shaped as a trie ('dra(?:ma|matisch)'): Python's re tries
    a plain alternation word by word at every position; a trie fails at the first letter."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # end of a word

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:  # a word ends here and longer ones go on: prefer the longer
            return f"(?:{body})?"
        return body

    return build(trie)
