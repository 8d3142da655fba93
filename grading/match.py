"""Step 2 of grading: find the scenario's facts in the report's text, with evidence.

A fact is found when one of its accepted forms occurs (a name, a date in any Dutch notation, a
time, an age, a phone number, a phrase), or when enough of its keywords stand together in one
sentence. Words match on their folded form, their lemma ('aangehouden' ~ 'aanhouding' through
'aanhouden'), as a stem ('bedreig' ~ 'bedreigde') or fuzzily for typos ('huisverbot'). A match
right after 'geen'/'niet' (or followed by 'niet') is negated and does not count.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from grading import normalize as nz

NEGATIONS = frozenset({"geen", "niet", "niets", "nooit", "zonder", "noch"})
FUZZY_MIN_LEN = 6
FUZZY_CUTOFF = 86.0
# Sentence starts: a new line, or a full stop/!/? followed by a capital (so "geb. 2 mei" and
# "02-05-1991" do not split a sentence).
_ABBREVIATION = re.compile(r"\b(?:mw|mevr|dhr|nr|geb|ca|bijv|vlg|dd|i\.v\.m|o\.a)\.$", re.I)
_SENTENCE_START = re.compile(r"\n\s*|(?<=[.!?])\s+(?=[A-Z\"“‘'(])")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was found: the sentence, as the officer wrote it."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Document:
    """A report's text, prepared once for all fact lookups. What only some lookups need (dates,
    times and ages; the prefix and fuzzy tables) is built on first use: most small documents
    (one section of a report) never need it."""

    text: str
    folded: str
    words: list[str]
    starts: list[int]
    lemmas: list[str]
    positions: dict[str, list[int]]
    sentence_starts: list[int] = field(default_factory=list)
    # Word positions of negations ("geen", "niet" ...).
    negations: list[int] = field(default_factory=list)
    cache: dict[str, list[int]] = field(default_factory=dict)
    # Results of find_phrase: the same forms (names, dates) are asked for by many facts.
    phrases: dict[str, int | None] = field(default_factory=dict)
    _numbers: nz.Numbers | None = None
    _sorted: list[str] | None = None
    _by_first: dict[str, list[str]] | None = None

    @property
    def numbers(self) -> nz.Numbers:
        if self._numbers is None:
            self._numbers = nz.numbers(self.folded)
        return self._numbers

    @property
    def dates(self) -> list:
        return self.numbers.dates

    @property
    def times(self) -> list:
        return self.numbers.times

    @property
    def ages(self) -> list:
        return self.numbers.ages

    @property
    def sorted_words(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self.positions)
        return self._sorted

    @property
    def by_first(self) -> dict[str, list[str]]:
        if self._by_first is None:
            table: dict[str, list[str]] = {}
            for w in self.positions:
                if len(w) >= FUZZY_MIN_LEN - 1 and w[0].isalpha():
                    table.setdefault(w[0], []).append(w)
            self._by_first = table
        return self._by_first

    def sentence_at(self, offset: int) -> Evidence:
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        start = self.sentence_starts[i] if i >= 0 else 0
        end = (self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts)
               else len(self.text))
        return Evidence(self.text[start:end].strip(), start, end)


@lru_cache(maxsize=1)
def _expansions() -> dict[str, tuple[str, ...]]:
    """Abbreviations and synonyms (grading/data/afkortingen.yaml): word → words it stands for."""
    import yaml

    data = yaml.safe_load((Path(__file__).parent / "data" / "afkortingen.yaml")
                          .read_text(encoding="utf-8"))
    table: dict[str, tuple[str, ...]] = {}
    for section in ("afkortingen", "synoniemen"):
        for word, meaning in data[section].items():
            table[nz.fold(str(word))] = tuple(nz.fold(m) for m in meaning)
    return table


_WORD = re.compile(r"[0-9]+(?:[.:][0-9]+)?|[a-z][a-z'-]*")


def _sentence_starts(text: str) -> list[int]:
    starts = [0]
    for m in _SENTENCE_START.finditer(text):
        if not _ABBREVIATION.search(text[max(0, m.start() - 12): m.start()]):
            starts.append(m.end())
    return starts


def index(text: str) -> Document:
    text = re.sub(r"[ \t]+", " ", text)
    # Searched in folded form; evidence is quoted from `text` at the same offsets.
    folded = nz.fold_aligned(text)
    found = [(m.start(), m.group()) for m in _WORD.finditer(folded)]
    starts = [start for start, _ in found]
    words = [w if w[-1] not in "'-" else w.strip("'-") for _, w in found]
    # Capitalised words are mostly names and places: they have no lemma worth the lookup.
    capitalised = {w for (start, _), w in zip(found, words, strict=True) if text[start].isupper()}
    lemma_of = {w: (w if w in capitalised else nz.lemma(w)) for w in set(words)}
    lemmas = [lemma_of[w] for w in words]
    positions: dict[str, list[int]] = {}
    for i, w in enumerate(words):
        positions.setdefault(w, []).append(i)
    expansions = _expansions()
    for w, lem in lemma_of.items():
        if lem != w:
            positions.setdefault(lem, []).extend(positions[w])
        for extra in expansions.get(w, ()):
            if extra != w:
                positions.setdefault(extra, []).extend(positions[w])
    return Document(
        text=text, folded=folded, words=words, starts=starts, lemmas=lemmas,
        positions=positions, sentence_starts=_sentence_starts(text),
        negations=[i for i, w in enumerate(words) if w in NEGATIONS],
    )


@lru_cache(maxsize=50_000)
def _form_tokens(form: str) -> tuple[str, ...]:
    return tuple(w.strip("'-") for w in re.findall(r"[0-9]+|[a-z][a-z'-]*", nz.fold(form)))


def _word_positions(doc: Document, word: str) -> list[int]:
    """Positions where `word` occurs: exactly, by lemma, as a stem, or fuzzily."""
    hits = doc.positions.get(word)
    if hits:
        return hits
    cached = doc.cache.get(word)
    if cached is not None:
        return cached
    doc.cache[word] = found = _lookup(doc, word)
    return found


def _lookup(doc: Document, word: str) -> list[int]:
    lem = nz.lemma(word)
    if lem in doc.positions:
        return doc.positions[lem]
    found: list[int] = []
    if len(word) >= 4 and not word.isdigit():
        i = bisect.bisect_left(doc.sorted_words, word)
        while i < len(doc.sorted_words) and doc.sorted_words[i].startswith(word):
            found.extend(doc.positions[doc.sorted_words[i]])
            i += 1
        if found:
            return found
    if len(word) >= FUZZY_MIN_LEN:
        from rapidfuzz import fuzz, process

        candidates = doc.by_first.get(word[0], ())
        best = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best:
            return doc.positions[best[0]]
    return []


def _negated(doc: Document, position: int, phrase: tuple[str, ...],
             trailing: bool = True) -> bool:
    negations = doc.negations
    if not negations or not NEGATIONS.isdisjoint(phrase):
        return False  # no negation in the report, or the phrase is itself negative
    i = bisect.bisect_left(negations, position - 3)
    if i < len(negations) and negations[i] < position:
        # "geen huisverbod", "niet ingelicht", but only within the same sentence.
        at = doc.starts[position]
        j = bisect.bisect_right(doc.sentence_starts, at) - 1
        sentence_start = doc.sentence_starts[j] if j >= 0 else 0
        if any(doc.starts[n] >= sentence_start for n in negations[i:] if n < position):
            return True
    # "huisverbod is niet opgelegd"; not for loose keywords, where a later "niet" belongs to
    # another word ("drie voorvallen, niet bij de politie bekend").
    return trailing and "niet" in doc.words[position + 1: position + 4]


def find_phrase(doc: Document, form: str) -> int | None:
    """Character offset of a non-negated occurrence of `form`, or None."""
    try:
        return doc.phrases[form]
    except KeyError:
        doc.phrases[form] = found = _find_phrase(doc, form)
        return found


def _find_phrase(doc: Document, form: str) -> int | None:
    phrase = _form_tokens(form)
    if not phrase:
        return None
    if all(t.isdigit() for t in phrase):
        needle = "".join(phrase)
        if len(needle) < 4:
            return _find_words(doc, phrase)
        # Phone and registration numbers: the same digits with any separators in between.
        m = _digits_pattern(needle).search(doc.folded)
        return m.start() if m else None
    return _find_words(doc, phrase)


@lru_cache(maxsize=20_000)
def _digits_pattern(needle: str) -> re.Pattern:
    return re.compile(r"(?<!\d)" + r"[\s.\-/]?".join(needle) + r"(?!\d)")


def _find_words(doc: Document, phrase: tuple[str, ...]) -> int | None:
    first_hits = _word_positions(doc, phrase[0])
    if not first_hits:
        return None
    rest = [set(_word_positions(doc, t)) for t in phrase[1:]]
    window = 2 * len(phrase) + 2
    for pos in first_hits:
        near = all(any(pos < q <= pos + window for q in hits) for hits in rest)
        if near and not _negated(doc, pos, phrase):
            return doc.starts[pos]
    return None


def find_keywords(doc: Document, keywords: list[str], needed: int) -> int | None:
    """Offset of a sentence that contains at least `needed` of the keywords."""
    if not keywords or needed <= 0:
        return None
    hits: dict[int, set[str]] = {}
    for kw in keywords:
        words = _form_tokens(kw)
        if not words:
            continue
        for pos in _word_positions(doc, words[0]):
            if _negated(doc, pos, words, trailing=False):
                continue
            hits.setdefault(_sentence_index(doc, pos), set()).add(kw)
    for sentence, found in sorted(hits.items()):
        if len(found) >= needed:
            return sentence
    return None


def find_together(doc: Document, groups: list[list[str]]) -> int | None:
    """Offset of a sentence holding at least one form of every group (e.g. a name and
    'ingelicht'), or None."""
    sentences: set[int] | None = None
    for group in groups:
        here: set[int] = set()
        for form in group:
            for offset in _phrase_offsets(doc, form):
                here.add(_sentence_of_offset(doc, offset))
        sentences = here if sentences is None else sentences & here
        if not sentences:
            return None
    return min(sentences) if sentences else None


def _phrase_offsets(doc: Document, form: str) -> list[int]:
    phrase = _form_tokens(form)
    if not phrase:
        return []
    first = _word_positions(doc, phrase[0])
    rest = [set(_word_positions(doc, t)) for t in phrase[1:]]
    window = 2 * len(phrase) + 2
    return [doc.starts[pos] for pos in first
            if all(any(pos < q <= pos + window for q in hits) for hits in rest)
            and not _negated(doc, pos, phrase)]


def _sentence_of_offset(doc: Document, offset: int) -> int:
    i = bisect.bisect_right(doc.sentence_starts, offset) - 1
    return doc.sentence_starts[i] if i >= 0 else 0


def _sentence_index(doc: Document, position: int) -> int:
    """The character offset where the sentence holding word `position` starts."""
    i = bisect.bisect_right(doc.sentence_starts, doc.starts[position]) - 1
    return doc.sentence_starts[i] if i >= 0 else 0


def find_date(doc: Document, day: int, month: int, year: int | None) -> int | None:
    for d, m, y, span in doc.dates:
        if d == day and m == month and (y is None or year is None or y == year):
            return span.start
    return None


def find_time(doc: Document, hour: int, minute: int) -> int | None:
    for h, m, span in doc.times:
        if (h, m) == (hour, minute):
            return span.start
    return None


def find_age(doc: Document, age: int) -> int | None:
    for value, span in doc.ages:
        if value == age:
            return span.start
    return None
