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
from typing import Any, Final, NamedTuple

from grading import HERE
from grading import normalize as nz

NEGATIONS: Final = frozenset({"geen", "niet", "niets", "nooit", "zonder", "noch"})
# Negations of a noun phrase ("geen huisverbod", "zonder aangifte"): their reach ends where a
# preposition starts a new phrase.
NOUN_NEGATIONS: Final = frozenset({"geen", "zonder", "noch"})
_PREPOSITIONS: Final = frozenset({"in", "op", "bij", "met", "naar", "van", "voor", "na", "om",
                                  "over", "uit", "door", "tot", "sinds", "tijdens", "aan",
                                  "rond", "vanaf"})
# How many words after "geen"/"niet" a negation reaches ("geen huisverbod", "niet direct
# ingelicht"): Document.negation_reach and _negated both use it.
NEGATION_WINDOW: Final = 3
FUZZY_MIN_LEN: Final = 6
FUZZY_CUTOFF: Final = 86.0
# Sentence starts: a new line, or a full stop/!/? followed by a capital (so "geb. 2 mei" and
# "02-05-1991" do not split a sentence).
_ABBREVIATIONS: Final = ("mw", "mevr", "dhr", "nr", "geb", "ca", "bijv", "vlg", "dd", "i.v.m",
                         "o.a")
_ABBREVIATION: Final = re.compile(
    r"\b(?:" + "|".join(map(re.escape, _ABBREVIATIONS)) + r")\.$", re.I)
# The letters the abbreviations end in (before their full stop), in either case: most sentences
# end in another letter, and need no search.
_ABBREVIATION_ENDS: Final = frozenset(a[-1] for a in _ABBREVIATIONS) | frozenset(
    a[-1].upper() for a in _ABBREVIATIONS)
_NEW_LINE: Final = re.compile(r"\n\s*")
# One pattern per mark, each starting with its literal: re then finds candidates with a fast
# scan for that character instead of testing a set at every position.
_FULL_STOPS: Final = tuple((mark, re.compile(re.escape(mark) + r"\s+(?=[A-Z\"“‘'(])"))
                           for mark in ".!?")


class Evidence(NamedTuple):
    """Where a fact was found: the sentence, as the officer wrote it."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Document:
    """A report's text, prepared once for all fact lookups. A `part` of it (one section) shares
    the text, offsets and word analysis: offsets are always into the whole text. What only some
    lookups need (dates, times and ages; digit runs; the digits of phone and registration
    numbers; the sorted words; the typo table; the fixed words that can be found; the reach of
    negations) is built on first use."""

    text: str
    folded: str
    words: list[str]
    starts: list[int]
    # Per distinct word, the other keys it is found under: its lemma and what it abbreviates.
    aliases: dict[str, tuple[str, ...]]
    positions: dict[str, list[int]]
    sentence_starts: list[int] = field(default_factory=list)
    # Word positions of negations ("geen", "niet" ...).
    negations: list[int] = field(default_factory=list)
    begin: int = 0
    end: int = -1
    parent: Document | None = None
    cache: dict[str, list[int]] = field(default_factory=dict)
    # Results of find_phrase and find_together's offsets: the same forms (names, dates, verbs)
    # are asked for by many facts.
    phrases: dict[str, int | None] = field(default_factory=dict)
    offsets: dict[str, list[int]] = field(default_factory=dict)
    evidence: dict[int, Evidence] = field(default_factory=dict)  # sentence_at's, by index
    _numbers: nz.Numbers | None = None
    _sorted: list[str] | None = None
    _digits: tuple[str, list[int]] | None = None
    _runs: list[tuple[int, int]] | None = None
    _reach: tuple[set[int], set[int]] | None = None
    _typos: dict[str, list[tuple[float, str]]] | None = None
    _fixed: set[str] | None = None

    def __post_init__(self) -> None:
        if self.end < 0:
            self.end = len(self.text)

    def part(self, begin: int, end: int) -> Document:
        """The words between two offsets (a section), as a document of its own."""
        lo = bisect.bisect_left(self.starts, begin)
        hi = bisect.bisect_left(self.starts, end)
        words = self.words[lo:hi]
        ss, negations = self.sentence_starts, self.negations
        sentences = [begin, *ss[bisect.bisect_right(ss, begin):bisect.bisect_left(ss, end)]]
        return Document(
            text=self.text, folded=self.folded, words=words, starts=self.starts[lo:hi],
            aliases=self.aliases, positions=_add_aliases(_own_positions(words), self.aliases),
            sentence_starts=sentences,
            negations=[i - lo for i in negations[bisect.bisect_left(negations, lo):
                                                 bisect.bisect_left(negations, hi)]],
            begin=begin, end=end, parent=self)

    @property
    def numbers(self) -> nz.Numbers:
        if self._numbers is None:
            if self.parent is None:
                self._numbers = nz.numbers(self.folded, self.runs)
            else:
                whole, lo, hi = self.parent.numbers, self.begin, self.end
                self._numbers = nz.Numbers(
                    [d for d in whole.dates if lo <= d[3].start < hi],
                    [t for t in whole.times if lo <= t[2].start < hi],
                    [a for a in whole.ages if lo <= a[1].start < hi])
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
    def runs(self) -> list[tuple[int, int]]:
        """(start, end) of each run of digits, within this document's part of the text."""
        if self._runs is None:
            if self.parent is None:
                self._runs = nz.digit_runs(self.folded)
            else:
                lo, hi = self.begin, self.end
                self._runs = [(max(a, lo), min(b, hi)) for a, b in self.parent.runs
                              if b > lo and a < hi]
        return self._runs

    @property
    def digits(self) -> tuple[str, list[int]]:
        """The text's digits with the separators between them dropped, and where each digit
        stands: phone and registration numbers are found here whatever their punctuation."""
        if self._digits is None:
            chars, where = [], []
            folded, end_of_group = self.folded, -2
            for start, end in self.runs:
                # Runs joined by one separator ("06-123 456 78") form one group; groups stay
                # apart.
                sep = folded[start - 1] if start == end_of_group + 1 else ""
                if not (sep and (sep.isspace() or sep in ".-/")):
                    chars.append(" ")
                    where.append(start)
                chars.append(folded[start:end])
                where.extend(range(start, end))
                end_of_group = end
            self._digits = ("".join(chars), where)
        return self._digits

    @property
    def sorted_words(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self.positions)
        return self._sorted

    @property
    def typos(self) -> dict[str, list[tuple[float, str]]]:
        """Per listed word (_listed_words) the words here close enough to be a typo of it, with
        their score; most reports have none."""
        if self._typos is None:
            table: dict[str, list[tuple[float, str]]] = {}
            for entries in filter(None, map(_TYPOS_OF.__getitem__, self.positions)):
                for listed, score, word in entries:
                    table.setdefault(listed, []).append((score, word))
            self._typos = table
        return self._typos

    @property
    def fixed_found(self) -> set[str]:
        """The fixed words (_fixed_words) that some word here may let _lookup find; a fixed
        word not in it needs no lookup."""
        if self._fixed is None:
            self._fixed = set().union(*map(_FIXED_FOUND_BY.__getitem__, self.positions))
        return self._fixed

    def starting_with(self, letter: str) -> list[str]:
        """The distinct words (and alias keys) that start with `letter`, in sorted order: a
        slice of sorted_words, so no table is built per report."""
        vocabulary = self.sorted_words
        return vocabulary[bisect.bisect_left(vocabulary, letter):
                          bisect.bisect_left(vocabulary, chr(ord(letter) + 1))]

    def words_in(self, begin: int, end: int) -> list[str]:
        """The words between two offsets, without building a part."""
        return self.words[bisect.bisect_left(self.starts, begin):
                          bisect.bisect_left(self.starts, end)]

    def folded_in(self, begin: int, end: int) -> str:
        """The folded text between two offsets, white space collapsed (blank lines do not
        make a section longer)."""
        return " ".join(self.folded[begin:end].split())

    @property
    def negation_reach(self) -> tuple[set[int], set[int]]:
        """Word positions a negation may reach: NEGATION_WINDOW words after it ("geen
        huisverbod"), and the word just before a "niet" or before an auxiliary and "niet"
        ("huisverbod (is) niet opgelegd"). Elsewhere no word can be negated."""
        if self._reach is None:
            words = self.words
            after: set[int] = set()
            before: set[int] = set()
            for n in self.negations:
                after.update(range(n + 1, n + 1 + NEGATION_WINDOW))
                if words[n] == "niet":
                    before.add(n)
                    if n and words[n - 1] in _AUXILIARIES:
                        before.add(n - 1)
            self._reach = (after, before)
        return self._reach

    def sentence_start(self, offset: int) -> int:
        """Where the sentence holding `offset` starts."""
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        return self.sentence_starts[i] if i >= 0 else self.begin

    def sentence_at(self, offset: int) -> Evidence:
        """The sentence holding `offset`, made once per sentence: many facts are found in the
        same few sentences."""
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        found = self.evidence.get(i)
        if found is None:
            start = self.sentence_starts[i] if i >= 0 else self.begin
            end = (self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts)
                   else self.end)
            found = self.evidence[i] = Evidence(self.text[start:end].strip(), start, end)
        return found

    @property
    def section_text(self) -> str:
        return self.text[self.begin:self.end]


def _own_positions(words: list[str]) -> dict[str, list[int]]:
    """Per distinct word, where it stands."""
    positions: dict[str, list[int]] = {w: [] for w in words}
    for i, w in enumerate(words):
        positions[w].append(i)
    return positions


def _add_aliases(positions: dict[str, list[int]],
                 aliases: dict[str, tuple[str, ...]]) -> dict[str, list[int]]:
    """Each word's positions also under the keys it is found by (its lemma, what it
    abbreviates)."""
    merged = set()
    for extras, own in [(extras, tuple(positions[w])) for w in positions
                        if (extras := aliases[w])]:
        for extra in extras:
            if extra in positions:
                positions[extra].extend(own)
                merged.add(extra)
            else:
                positions[extra] = list(own)
    for key in merged:  # every list stays sorted: phrase search bisects them
        positions[key].sort()
    return positions


@lru_cache(maxsize=1)
def _expansions() -> dict[str, tuple[str, ...]]:
    """Abbreviations and synonyms (grading/data/afkortingen.yaml): word → words it stands for."""
    import yaml

    data = yaml.safe_load((HERE / "data" / "afkortingen.yaml")
                          .read_text(encoding="utf-8"))
    table: dict[str, tuple[str, ...]] = {}
    for section in ("afkortingen", "synoniemen"):
        for word, meaning in data[section].items():
            table[nz.fold(str(word))] = tuple(nz.fold(m) for m in meaning)
    return table


# A word or number: what _words finds (it runs this on the pieces between spaces that are not
# plain words, with the same result as splitting the whole text on it). A word keeps inner
# hyphens and apostrophes ("ex-partner", "zo'n") but not trailing ones: letters with runs of '
# and - between them, [a-z]+(?:['-]+[a-z]+)*, written as a letter, then letters, ' and -,
# ending in a letter (the look-behind gives the trailing ones back), which re runs without its
# slower group repetition.
_WORD_SPLIT: Final = re.compile(r"([a-z][a-z'-]*(?<!['-])|[0-9]+(?:[.:][0-9]+)?)")
# A word starting with a capital (str.isupper) up to the end of Latin Extended-B is a name: the
# capitals of A-Z, À-Þ and Ā-ɏ; a rarer capital (fullwidth, the Kelvin sign) does not mark a word
# as a name.
LAST_LATIN: Final = "\u024f"
_RUNS: Final = re.compile(r"[ \t]{2,}|\t")


def _sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start (see _NEW_LINE and _FULL_STOPS); a full stop after an
    abbreviation ("geb. 2 mei", "dhr. Jansen") does not end one."""
    # Separate simple scans (one per mark, one for new lines) are much faster than one
    # alternation. Where both find the same start (". \nDaarna"), the full stop decides, as it
    # comes first.
    by_stop: dict[int, int] = {}
    for mark, full_stop in _FULL_STOPS:
        if mark in text:
            by_stop.update({m.end(): m.start() + 1 for m in full_stop.finditer(text)})
    ends = {m.end(): m.start() for m in _NEW_LINE.finditer(text) if m.end() not in by_stop}
    ends.update(by_stop)
    starts = [0]
    for end in sorted(ends):
        at = ends[end]  # where the white space before the sentence begins
        if (text[at - 1:at] != "." or text[at - 2:at - 1] not in _ABBREVIATION_ENDS
                or not _ABBREVIATION.search(text, max(0, at - 12), at)):
            starts.append(end)
    return starts


def _aliases(word: str, capitalised: bool = False) -> tuple[str, ...]:
    """The other keys a word is found under: its lemma (unless `capitalised`: names and places
    have no lemma worth the lookup) and what it abbreviates."""
    lem = word if capitalised else nz.lemma(word)
    own = (lem,) if lem != word else ()
    extra = _expansions().get(word)
    return own if extra is None else own + tuple(e for e in extra if e != word and e != lem)


# Bounded: a long batch meets ever new names; past the bound they are worked out each time.
_ALIASES: Final = nz.Memo(_aliases, 100_000)
_NAME_ALIASES: Final = nz.Memo(lambda word: _aliases(word, capitalised=True), 100_000)


# What stands around a word in most texts: stripped, the rest is often a plain word.
_AROUND_WORDS: Final = ".,;:!?()[]\"'*-/"


def _words(folded: str) -> tuple[list[str], list[int]]:
    """The words of `folded` (normalize.fold_aligned's text, whose ASCII letters are all
    lowercase) and their offsets: the same as splitting it on _WORD_SPLIT. Most words stand
    alone between spaces, or with punctuation around them ("gebeld.", "(8)"): those are taken
    as they are, and the regex runs only on the rest ("ex-partner", "14.50u", "zo'n"). Compiled,
    this is cheaper than re's search per word; from source about as fast."""
    words: list[str] = []
    starts: list[int] = []
    at = 0
    all_ascii = folded.isascii()
    for piece in folded.replace("\n", " ").split(" "):
        if all_ascii or piece.isascii():
            if piece.isalpha() or piece.isdigit():
                words.append(piece)
                starts.append(at)
                at += len(piece) + 1
                continue
            core = piece.strip(_AROUND_WORDS)
            if core and (core.isalpha() or core.isdigit()):
                words.append(core)
                starts.append(at + piece.index(core))
                at += len(piece) + 1
                continue
        if piece:
            for m in _WORD_SPLIT.finditer(piece):
                words.append(m[0])
                starts.append(at + m.start())
        at += len(piece) + 1
    return words, starts


def index(text: str) -> Document:
    if "\t" in text or "  " in text:
        text = _RUNS.sub(" ", text)
    # Searched in folded form; evidence is quoted from `text` at the same offsets.
    folded = nz.fold_aligned(text)
    words, starts = _words(folded)
    # A capital at the start of a sentence or list item says nothing: those words get a lemma
    # ("Zat rustig op zijn kamer" ~ "zit").
    sentences = _sentence_starts(text)
    # The first word of each sentence: the first word starting at or after its start (a
    # sentence starts after white space, so no word runs into it).
    first_words = {starts[i] for at in sentences
                   if (i := bisect.bisect_left(starts, at)) < len(starts)}
    initials = map(text.__getitem__, starts)
    capitalised = {word for word, at, initial in zip(words, starts, initials, strict=True)
                   if initial.isupper() and initial <= LAST_LATIN and at not in first_words}
    common = set(words) - capitalised
    aliases = dict(zip(common, map(_ALIASES.__getitem__, common), strict=True))
    aliases.update(zip(capitalised, map(_NAME_ALIASES.__getitem__, capitalised), strict=True))
    positions = _own_positions(words)
    negations = sorted(i for word in NEGATIONS.intersection(positions) for i in positions[word])
    return Document(
        text=text, folded=folded, words=words, starts=starts, aliases=aliases,
        positions=_add_aliases(positions, aliases), sentence_starts=sentences,
        negations=negations,
    )


@lru_cache(maxsize=50_000)
def _form_tokens(form: str) -> tuple[str, ...]:
    return tuple(w.strip("'-") for w in re.findall(r"[0-9]+|[a-z][a-z'-]*", nz.fold(form)))


def _word_positions(doc: Document, word: str) -> list[int]:
    """Positions where `word` occurs: exactly, by lemma, as a stem, or fuzzily."""
    return doc.positions.get(word) or _resolve(doc, word)


def _resolve(doc: Document, word: str) -> list[int]:
    """_word_positions for a word that does not occur exactly (callers have looked)."""
    found = doc.cache.get(word)
    if found is None:
        if doc.parent is not None and not _word_positions(doc.parent, word):
            # A part's words are some of the whole report's: a word not found in the whole
            # (not by lemma, stem or typo either) is not in the part.
            found = []
        else:
            found = _lookup(doc, word)
        doc.cache[word] = found
    return found


class _Query(NamedTuple):
    """How a searched word may be found besides exactly, worked out once per word."""

    lemma: str
    as_stem: bool  # four letters or more, not a number, not a negation ('niet' is not 'niets')
    fuzzy: bool  # long enough for a typo to be told from another word
    listed: bool  # on a fixed word list: its typos are known per report word (_typos_of)
    fixed: bool  # on a fixed word list: Document.fixed_found says if it can be found at all


def _query(word: str) -> _Query:
    fuzzy = len(word) >= FUZZY_MIN_LEN
    return _Query(nz.lemma(word), len(word) >= 4 and not word.isdigit() and word not in NEGATIONS,
                  fuzzy, word in _listed(), word in _fixed_words())


_QUERIES: Final = nz.Memo(_query, 100_000)


def _lookup(doc: Document, word: str) -> list[int]:
    query = _QUERIES[word]
    if query.fixed and word not in doc.fixed_found:
        return []  # no word of the report is its lemma, starts with it or is a typo of it
    positions = doc.positions
    hits = positions.get(query.lemma)
    if hits is not None:
        return hits
    if query.as_stem:  # 'bedreig' ~ 'bedreigde'
        vocabulary = doc.sorted_words
        i = bisect.bisect_left(vocabulary, word)
        if i < len(vocabulary) and vocabulary[i].startswith(word):
            found: list[int] = []
            while i < len(vocabulary) and vocabulary[i].startswith(word):
                found.extend(positions[vocabulary[i]])
                i += 1
            return sorted(set(found))
    if query.fuzzy:
        best = _closest_listed(doc, word) if query.listed else _closest(doc, word)
        if best is not None:
            return positions[best]
    return []


# Fuzzy matching. A report word matches a searched word of FUZZY_MIN_LEN letters or more when
# it starts with the same letter (typos there are not caught) and its fuzz.ratio reaches
# FUZZY_CUTOFF; the closest wins, and on a tie the alphabetically first. A report word shorter
# than FUZZY_MIN_LEN - 1 cannot reach the cutoff.


def _closest(doc: Document, word: str) -> str | None:
    """The report's word closest to `word`, compared with each candidate in turn."""
    candidates = doc.starting_with(word[0]) if word[0].isalpha() else None
    if not candidates:
        return None
    process, fuzz = _fuzzy()
    best = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return best[0] if best else None


def _closest_listed(doc: Document, word: str) -> str | None:
    """The same for a word on the fixed word lists (_listed_words), looked up in the report's
    table of typos of listed words (Document.typos): the same answer as _closest, without
    comparing every candidate again in every report."""
    near = doc.typos.get(word)
    if not near:
        return None
    return min(near, key=lambda entry: (-entry[0], entry[1]))[1]


@lru_cache(maxsize=1)
def _fixed_words() -> frozenset[str]:
    """The words of the fixed word lists (policy/terms.yaml and the not-for-VT cues in
    grading/data/niet_voor_vt.yaml). Many reports search for them, so what a report word can
    let them be found by is worked out once per report word (_FIXED_FOUND_BY, _TYPOS_OF).
    Only speed depends on which words are here."""
    from policy.decide import terms

    return frozenset(token for text in _strings([terms(), not_for_vt_cues()])
                     for token in _form_tokens(text))


@lru_cache(maxsize=1)
def not_for_vt_cues() -> dict[str, list[str]]:
    """Per kind of not-for-VT item, the words that betray it (grading/data/niet_voor_vt.yaml;
    used by grading.leaks)."""
    import yaml

    return yaml.safe_load((HERE / "data" / "niet_voor_vt.yaml")
                          .read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _listed_words() -> dict[str, tuple[str, ...]]:
    """The fixed words long enough for fuzzy matching, sorted, by first letter."""
    words: dict[str, list[str]] = {}
    for token in sorted(_fixed_words()):
        if len(token) >= FUZZY_MIN_LEN and token[0].isalpha():
            words.setdefault(token[0], []).append(token)
    return {letter: tuple(found) for letter, found in words.items()}


@lru_cache(maxsize=1)
def _listed() -> frozenset[str]:
    """The listed words (_listed_words) as one set."""
    return frozenset(word for words in _listed_words().values() for word in words)


@lru_cache(maxsize=1)
def _fixed_by_lemma() -> dict[str, tuple[str, ...]]:
    """The fixed words by their lemma."""
    by_lemma: dict[str, list[str]] = {}
    for word in sorted(_fixed_words()):
        by_lemma.setdefault(nz.lemma(word), []).append(word)
    return {lemma: tuple(words) for lemma, words in by_lemma.items()}


def _fixed_found_by(key: str) -> tuple[str, ...]:
    """The fixed words that _lookup may find through the report word (or alias key) `key`:
    its lemma is `key`, `key` starts with it, or `key` is a typo of it. More is harmless (those
    are looked up in full); one too few would lose a match."""
    fixed = _fixed_words()
    found = [*_fixed_by_lemma().get(key, ()),
             *(key[:n] for n in range(4, len(key) + 1) if key[:n] in fixed)]
    found += [listed for listed, _, _ in _TYPOS_OF[key]]
    return tuple(found)


def _strings(data: Any) -> list[str]:
    """Every string in nested lists and dicts (a parsed YAML file)."""
    if isinstance(data, str):
        return [data]
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return [text for value in values for text in _strings(value)]


def _typos_of(word: str) -> tuple[tuple[str, float, str], ...]:
    """(listed word, score, `word`) for each listed word that the report word `word` is close
    enough to (see _closest). `word` is in each entry so that Document.typos can map this over
    a report's words in C and still know whose entries it got."""
    if len(word) < FUZZY_MIN_LEN - 1 or not word[0].isalpha():
        return ()
    listed = _listed_words().get(word[0])
    if not listed:
        return ()
    process, fuzz = _fuzzy()
    return tuple((found, score, word) for found, score, _ in process.extract(
        word, listed, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None))


# Per report word, shared by all reports: report words recur far more than they are new.
_TYPOS_OF: Final = nz.Memo(_typos_of, 100_000)
_FIXED_FOUND_BY: Final = nz.Memo(_fixed_found_by, 100_000)


@lru_cache(maxsize=1)
def _fuzzy():
    """rapidfuzz's process and fuzz modules, imported on first use so `import grading` stays
    fast."""
    from rapidfuzz import fuzz, process

    return process, fuzz


# Between a word and a later "niet" that negates it stands an auxiliary verb ("huisverbod is
# niet opgelegd") or nothing ("huisverbod niet opgelegd"); otherwise the "niet" belongs to
# another word ("samenwonend sinds 2017, niet getrouwd").
_AUXILIARIES: Final = frozenset({"is", "was", "werd", "wordt", "zijn", "waren", "werden", "worden",
                                 "heeft", "hebben", "had", "hadden", "kon", "kan"})


def _negated(doc: Document, position: int, phrase: tuple[str, ...],
             trailing: bool = True) -> bool:
    negations = doc.negations
    if not negations or not NEGATIONS.isdisjoint(phrase):
        return False  # no negation in the report, or the phrase is itself negative
    after, before = doc.negation_reach
    if position not in after and (not trailing or position + len(phrase) not in before):
        return False  # out of every negation's reach (most words)
    i = bisect.bisect_left(negations, position - NEGATION_WINDOW)
    if i < len(negations) and negations[i] < position:
        # "geen huisverbod", "niet ingelicht": within the same clause (no full stop, comma or
        # semicolon in between: "niet getrouwd, wonen samen").
        at = doc.starts[position]
        for n in negations[i:]:
            if n >= position:
                break
            between = doc.text[doc.starts[n]:at]
            if any(mark in between for mark in ".,;:\n"):
                continue
            if doc.words[n] in NOUN_NEGATIONS and not _PREPOSITIONS.isdisjoint(
                    doc.words[n + 1:position]):
                continue  # "zonder aangifte in januari": the negation ends at the preposition
            return True
    if not trailing:
        # Loose keywords: a later "niet" belongs to another word ("drie voorvallen, niet bij
        # de politie bekend").
        return False
    following = doc.words[position + len(phrase): position + len(phrase) + 2]
    return bool(following) and (following[0] == "niet" or (
        len(following) == 2 and following[0] in _AUXILIARIES and following[1] == "niet"))


class _Form(NamedTuple):
    """How a form is searched, worked out once per form for all reports."""

    words: tuple[str, ...]
    needle: str | None  # a number of four or more digits: its digits (phone, registration)
    window: int  # how far after the first word the others may stand
    positive: bool  # holds no negation itself ("niet ingelicht" cannot be negated)


def _form(form: str) -> _Form:
    words = _form_tokens(form)
    digits = "".join(words)
    needle = digits if words and len(digits) >= 4 and digits.isdigit() else None
    return _Form(words, needle, 2 * len(words) + 2, NEGATIONS.isdisjoint(words))


_FORMS: Final = nz.Memo(_form, 50_000)
_UNSEEN: Final = -1  # not yet searched in this document (offsets are never negative)


def find_phrase(doc: Document, form: str) -> int | None:
    """Character offset of a non-negated occurrence of `form`, or None."""
    found = doc.phrases.get(form, _UNSEEN)
    if found == _UNSEEN:
        plan = _FORMS[form]
        if plan.needle is not None:
            found = _find_number(doc, plan.needle)
        else:
            hits = _occurrences(doc, plan, first_only=True)
            found = doc.starts[hits[0]] if hits else None
        doc.phrases[form] = found
    return found


def _find_number(doc: Document, needle: str) -> int | None:
    """Phone and registration numbers: the same digits with any separators in between."""
    digits, where = doc.digits
    at = digits.find(needle)
    folded = doc.folded
    while at >= 0:
        first, last = where[at], where[at + len(needle) - 1]
        if (not (first and folded[first - 1].isdigit())
                and not (last + 1 < len(folded) and folded[last + 1].isdigit())):
            return first
        at = digits.find(needle, at + 1)
    return None


def _occurrences(doc: Document, plan: _Form, first_only: bool = False,
                 within: tuple[int, int] | None = None) -> list[int]:
    """Word positions where the phrase starts, not negated: its first word, with each further
    word shortly after it (a few words may stand in between: "aangifte is gedaan"). `within`:
    only first words at these word positions (from, to)."""
    words = plan.words
    if not words:
        return []
    positions = doc.positions
    first_hits = positions.get(words[0]) or _resolve(doc, words[0])
    if first_hits and within is not None:
        first_hits = first_hits[bisect.bisect_left(first_hits, within[0]):
                                bisect.bisect_left(first_hits, within[1])]
    if not first_hits:
        return []
    rest = []
    for token in words[1:]:
        hits = positions.get(token) or _resolve(doc, token)
        if not hits:
            return []
        rest.append(hits)
    # Only a word within a negation's reach can be negated (Document.negation_reach): the
    # full test (_negated) runs for those alone.
    after: set[int] | tuple = ()
    before: set[int] | tuple = ()
    if doc.negations and plan.positive:
        after, before = doc.negation_reach
    length, window = len(words), plan.window
    found = []
    for pos in first_hits:
        if rest and not _all_near(rest, pos, pos + window):
            continue
        if (pos in after or pos + length in before) and _negated(doc, pos, words):
            continue
        found.append(pos)
        if first_only:
            break
    return found


def _all_near(rests: list[list[int]], pos: int, last: int) -> bool:
    """True if each sorted list of positions has one in (pos, last]."""
    for hits in rests:
        i = bisect.bisect_right(hits, pos)
        if i == len(hits) or hits[i] > last:
            return False
    return True


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
            hits.setdefault(doc.sentence_start(doc.starts[pos]), set()).add(kw)
    for sentence, found in sorted(hits.items()):
        if len(found) >= needed:
            return sentence
    return None


def find_together(doc: Document, groups: list[list[str]]) -> int | None:
    """Offset of a sentence holding at least one form of every group (e.g. a name and
    'ingelicht'), or None."""
    # The last group is usually the verbs or care words that most sentences lack ("ingelicht",
    # "blijven bij"): its sentences are found first, and the other groups (names, which occur
    # everywhere) are looked for only in those.
    if not groups:
        return None
    *others, last = groups
    sentences = {doc.sentence_start(offset) for form in last
                 for offset in _phrase_offsets(doc, form)}
    for group in reversed(others):
        if not sentences:
            return None
        kept = set()
        for start in sentences:
            within = _sentence_words(doc, start)
            if any(_occurrences(doc, _FORMS[form], first_only=True, within=within)
                   for form in group):
                kept.add(start)
        sentences = kept
    return min(sentences) if sentences else None


def _sentence_words(doc: Document, start: int) -> tuple[int, int]:
    """The word positions (from, to) of the sentence that starts at `start`."""
    ss = doc.sentence_starts
    i = bisect.bisect_right(ss, start)
    end = ss[i] if i < len(ss) else doc.end
    return bisect.bisect_left(doc.starts, start), bisect.bisect_left(doc.starts, end)


def _phrase_offsets(doc: Document, form: str) -> list[int]:
    found = doc.offsets.get(form)
    if found is None:
        starts = doc.starts
        found = doc.offsets[form] = [starts[pos] for pos in _occurrences(doc, _FORMS[form])]
    return found


_LETTERS: Final = re.compile(r"[a-z]*")
_PARTS: Final = re.compile(r"[a-z]+")
# Per set of first letters, per word: does the word (or a part of a hyphenated word) begin with
# one of them? Shared by all reports; filled on first use.
_MAY_START: Final[dict[tuple[str, ...], nz.Memo]] = {}


def leading_letters(entries: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The letters each entry (a word, phrase or regex) starts with, up to its first other
    character ('verklaar' of 'verklaar\\w*'), for finditer_at_words. Every entry must start with
    a letter, and those letters must be required: a regex entry like 'zegd?e' would need
    'zeg', not 'zegd'."""
    firsts = {e: m[0] if (m := _LETTERS.match(e)) else "" for e in entries}
    bad = [e for e, first in firsts.items() if not first]
    if bad:
        raise ValueError(f"Woorden die niet met een letter a-z beginnen: {bad!r}. Laat elk woord "
                         f"of elke zin in de woordenlijst (grading/data/) met een letter beginnen.")
    return tuple(sorted(set(firsts.values())))


def finditer_at_words(doc: Document, pattern: re.Pattern, firsts: tuple[str, ...]):
    """pattern.finditer over the folded text, for a pattern that can only match where a word
    (or a part of a hyphenated word: "ex-partner") begins with one of `firsts`. The pattern is
    tried only there: much faster than letting it scan every character."""
    table = _MAY_START.get(firsts)
    if table is None:
        table = _MAY_START[firsts] = nz.Memo(
            lambda word: any(part.startswith(firsts) for part in _PARTS.findall(word)), 100_000)
    starts: set[int] = set()
    # Every distinct word once, filtered without a Python loop (most words are not tried);
    # its positions include those of words it is an alias of: the pattern decides. A part
    # shares the whole report's aliases but holds only its own words' positions.
    for word in filter(table.__getitem__, doc.aliases):
        offsets = [m.start() for m in _PARTS.finditer(word)]
        for i in doc.positions.get(word, ()):
            starts.update(doc.starts[i] + offset for offset in offsets)
    matched_to = doc.begin
    for at in sorted(starts):
        if at >= matched_to and (m := pattern.match(doc.folded, at, doc.end)):
            matched_to = m.end()
            yield m


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
