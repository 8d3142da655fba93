"""Facts judged in their own section of the form, after the search through the whole report.

Some facts only make sense under their heading: under 'Geïnformeerd' a bare name says the
person was told; the Melder section holds the officer's own details, which no scenario can
predict; under 'Zorgen' any own assessment counts; under 'Eerdere incidenten' a bare "Geen."
says there were none. Each check reads one section of the report's one indexed document
(`Section`), so nothing is read twice, and only fills facts the whole-report search left open.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Final

from grading import match
from grading.match import Document
from grading.normalize import fold
from grading.report import NO_CONTENT, Report
from policy.decide import GroundTruth
from policy.decide import terms as policy_terms

Found = dict[str, match.Evidence | None]


@dataclass(slots=True)
class Section:
    """A section of the report's document: its offsets and words. Its `part` (a document of
    its own, with a word-position table) costs more to build and only phrase searches need
    it: it is built on first use."""

    doc: Document
    begin: int
    end: int
    words: list[str]
    _part: Document | None = None

    @property
    def part(self) -> Document:
        if self._part is None:
            self._part = self.doc.part(self.begin, self.end)
        return self._part

    @property
    def text(self) -> str:
        return self.doc.text[self.begin:self.end]

    def first_sentence(self) -> match.Evidence:
        """The section's first sentence: what `part.sentence_at(begin)` gives, as a part's
        sentences are its start and the document's sentence starts inside it."""
        starts = self.doc.sentence_starts
        i = bisect.bisect_right(starts, self.begin)
        stop = starts[i] if i < len(starts) and starts[i] < self.end else self.end
        return match.Evidence(self.doc.text[self.begin:stop].strip(), self.begin, stop)

    def words_from_start(self, end: int) -> list[str]:
        """The words from the section's start up to offset `end` (within the section)."""
        return self.doc.words_in(self.begin, end)


def _section(report: Report, doc: Document, key: str) -> Section | None:
    """The section; None when it is absent or empty."""
    span = report.spans.get(key)
    if span is None:
        return None
    words = doc.words_in(*span)
    return Section(doc, span[0], span[1], words) if words else None


def informed_by_heading(section: Section, gt: GroundTruth, found: Found) -> None:
    """Under 'Geïnformeerd' a name alone says the person was told ("ouders + zoon"): the
    heading supplies the verb. Being told NOT still needs a negation."""
    for fact in gt.required:
        if fact.element != "geinformeerd" or found.get(fact.key) or not fact.together:
            continue
        if fact.key.startswith("niet_"):
            continue
        part = section.part
        at = match.find_together(part, fact.together[:1])
        if at is not None:
            found[fact.key] = part.sentence_at(at)


_CAPITALISED: Final = re.compile(r"\b[A-Z][a-zéèëïöü]+(?:-[A-Z][a-zé]+)?")
_NUMBER: Final = re.compile(r"\d(?:[ ./-]?\d){5,}")


@cache
def _melder_words() -> frozenset[str]:
    """Function, unit and number words of the Melder section: capitalised, but not a name."""
    return frozenset(fold(w) for group in policy_terms()["melder"].values() for w in group)


def melder_in_kind(section: Section, found: Found) -> None:
    """The officer's own name (with a function), unit and a number to call back on, accepted
    in kind."""
    text = section.text
    evidence = match.Evidence(text.strip()[:300], section.begin, section.end)
    if not found.get("melder.naam") and any(fold(m.group()) not in _melder_words()
                                            for m in _CAPITALISED.finditer(text)):
        found["melder.naam"] = evidence  # a capitalised word that is no function or unit
    if not found.get("melder.eenheid") and any(
            match.find_phrase(section.part, w) is not None
            for w in policy_terms()["melder"]["eenheid"]):
        found["melder.eenheid"] = evidence
    if not found.get("melder.bereikbaarheid") and _NUMBER.search(text):
        found["melder.bereikbaarheid"] = evidence


def concern_in_section(section: Section | None, body: Document, found: Found) -> None:
    """Zorgen: an own assessment under its heading (or marked as one elsewhere: "ik schat…"),
    and whether it names acute or structurele onveiligheid."""
    if "zorgen.eigen" not in found:
        return
    t = policy_terms()
    if section is not None and not set(section.words) <= NO_CONTENT:
        evidence = section.first_sentence()
        words = set(section.words)  # in the section all of it counts
    else:  # an assessment marked as the officer's own, written elsewhere
        at = next((a for w in t["inschatting_ik"]
                   if (a := match.find_phrase(body, w)) is not None), None)
        if at is None:
            return
        evidence = body.sentence_at(at)
        words = set(body.words_in(evidence.start, evidence.end))  # only that sentence
    found["zorgen.eigen"] = evidence
    # "Geen acute onveiligheid, wel structureel" names the kind too: negation does not matter.
    if any(fold(w) in words for w in t["inschatting"]):
        found["zorgen.onveiligheid"] = evidence


_HISTORY_WORDS: Final = frozenset({
    "bekend", "registratie", "registraties", "eerder", "eerdere", "incident", "incidenten",
    "melding", "meldingen", "antecedenten", "systemen", "voorvallen"})


def no_history_in_section(section: Section, found: Found) -> None:
    """Under 'Eerdere incidenten', a bare "Geen." or "Niets bekend." says there are none."""
    if "eerder.geen" not in found or found["eerder.geen"]:
        return
    if section.words[0] not in ("geen", "niets", "nee"):
        return
    first = section.first_sentence()
    words = section.words_from_start(first.end)
    if len(words) <= 2 or _HISTORY_WORDS & set(words):
        found["eerder.geen"] = first


def _signature(body: Document) -> Section | None:
    """Without a Melder heading, the report's closing lines when they hold a function word
    ("E. Vermeulen, wijkagent, Eenheid Amsterdam / Tel: 06-…"): the officer's signature."""
    text = body.text.rstrip()
    start = text.rfind("\n\n")
    block = text[start:].strip()
    # A block of its own at the very end, short, with a number or a name in it.
    if start <= 0 or len(block) > 200 or block.count("\n") > 2:
        return None
    if not (_NUMBER.search(block) or _CAPITALISED.search(block)):
        return None
    part = body.part(start, len(text))
    functions = policy_terms()["melder"]["functie"]
    if part.words and any(match.find_phrase(part, w) is not None for w in functions):
        return Section(body, part.begin, part.end, part.words, part)
    return None


def judge_in_sections(report: Report, body: Document, gt: GroundTruth, found: Found) -> None:
    if (section := _section(report, body, "geinformeerd")) is not None:
        informed_by_heading(section, gt, found)
    if (section := _section(report, body, "melder") or _signature(body)) is not None:
        melder_in_kind(section, found)
    concern_in_section(_section(report, body, "zorgen"), body, found)
    if (section := _section(report, body, "eerdere")) is not None:
        no_history_in_section(section, found)
