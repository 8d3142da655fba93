"""Filtering: the information in a report that is not meant for Veilig Thuis.

A scenario lists its not-for-VT items with their exact words. An officer writes them in other
words, so each item is also recognised by the cues of its kind (grading/data/niet_voor_vt.yaml,
reviewed data), and two kinds by their shape: a third party's personal data (a phone number or
a name of somebody who is not involved) and an employer (a company named after 'werkt bij' or
'op zijn werk (…)').
"""

from __future__ import annotations

import csv
import re
from functools import cache
from typing import Final

from grading import HERE, match
from grading.normalize import fold
from grading.report import Report
from policy.decide import GroundTruth
from policy.decide import terms as policy_terms
from policy.signals import involved
from scenario.model import Scenario


@cache
def _first_names() -> frozenset[str]:
    # The generator's curated table, read directly: generator.providers would import Faker.
    path = HERE.parent / "generator" / "data" / "voornamen.csv"
    with path.open(encoding="utf-8") as f:
        return frozenset(fold(row["naam"]) for row in csv.DictReader(f))


# Each pattern starts with a literal or a set of letters, its word boundary checked just after
# ("0(?<!\d0)" is a 0 not preceded by a digit): re then skips ahead to candidates instead of
# trying the pattern at every character of the report.
_PHONE: Final = re.compile(r"0(?<!\d0)\d(?:[ -]?\d){8}(?!\d)")
# A first name and a surname ("Youssef Amrani", "Kees van der Berg") or an initial
# ("Youssef B.").
_NAME: Final = re.compile(r"([A-Z](?<!\w[A-Z])[a-zé]+)\s+((?:(?:van|de|der|den|ten|ter|el)\s+){0,2}"
                          r"[A-Z][a-zé]+|[A-Z]\.)")
# An employer: a capitalised name after 'werkt bij', 'in dienst bij' or 'werk (…)'.
_EMPLOYER: Final = re.compile(
    r"(?:w(?<!\ww)erk\w*|d(?<!\wd)ienst)\s*(?:bij\s+|\(\s*)([A-Z][\w&.-]+)")


def _digits(s: str) -> str:
    return "".join(filter(str.isdigit, s))


def _line_bounds(text: str, at: int) -> tuple[int, int]:
    """(start, end) of the line holding offset `at`."""
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, end if end >= 0 else len(text)


def _line_of(text: str, at: int) -> str:
    start, end = _line_bounds(text, at)
    return text[start:end].strip()


def _outside_melder(report: Report) -> list[tuple[int, int]]:
    """Where the officer writes about others: every section but Melder, in which the officer
    gives their own details (offsets into the body)."""
    return [span for key, span in report.spans.items() if key != "melder"]


def third_party(report: Report, scenario: Scenario, doc: match.Document) -> str | None:
    """Evidence of a third party's personal data: a phone number or name of somebody who is not
    involved, outside the Melder section."""
    spans = _outside_melder(report)
    phone = _unknown_phone(spans, scenario, doc)
    return phone if phone is not None else _unknown_name(spans, scenario, doc.text)


def _unknown_phone(spans: list[tuple[int, int]], scenario: Scenario,
                   doc: match.Document) -> str | None:
    """The line of a phone number that is neither an involved person's nor the officer's."""
    text = doc.text
    own_phones: set[str] | None = None  # worked out at the first number: most reports have none
    for begin, end in spans:
        for m in _PHONE.finditer(text, begin, end):
            if own_phones is None:
                own_phones = {_digits(p.phone) for p in scenario.persons
                              if involved(p) and p.phone}
                own_phones.add(_digits(scenario.officer.phone))
            if _digits(m.group()) in own_phones:
                continue
            if any(span.start <= m.start() < span.end for *_, span in doc.dates):
                continue  # "09-03-2026 1430u" is a date and a time, not a phone number
            line_doc = doc.part(*_line_bounds(text, m.start()))
            if any(match.find_phrase(line_doc, w) is not None
                   for w in policy_terms()["melder"]["functie"]):
                continue  # the officer's own signature line, written outside the Melder section
            return _line_of(text, m.start())
    return None


def _unknown_name(spans: list[tuple[int, int]], scenario: Scenario, text: str) -> str | None:
    """The line of a first name (with a surname or initial) of nobody involved."""
    first_names = _first_names()
    known: set[str] | None = None  # worked out at the first first name
    for begin, end in spans:
        for m in _NAME.finditer(text, begin, end):
            first = fold(m.group(1))
            if first not in first_names:
                continue
            if known is None:
                known = {fold(w) for p in scenario.persons if involved(p)
                         for w in (p.first_name, p.last_name, p.surname, p.roepnaam) if w}
            if first not in known and fold(m.group(2)).rstrip(".").split()[-1] not in known:
                return _line_of(text, m.start())
    return None


def employer(report: Report, scenario: Scenario, doc: match.Document) -> str | None:
    """Evidence that an employer is named ('werkt bij Philips', 'op werk (Philips)')."""
    for begin, end in _outside_melder(report):
        if m := _EMPLOYER.search(doc.text, begin, end):
            return _line_of(doc.text, m.start())
    return None


# Kinds recognised by their shape, besides their cues.
SHAPES: Final = {"derde_persoonsgegevens": third_party, "werkgever": employer}


def leaks(doc: match.Document, gt: GroundTruth, scenario: Scenario,
          report: Report) -> list[tuple[str, str]]:
    """(item text, evidence) for each not-for-VT item found in the report: by the item's own
    words first, then by the cues and shape of its kind."""
    # A surface form that is also how an involved person is named cannot prove a leak.
    involved_words = {fold(w) for p in scenario.persons if involved(p)
                      for w in (p.surname, p.first_name, p.last_name)}
    leaked: dict[str, tuple[str, str]] = {}
    for item in gt.not_for_vt:
        for form in item.surface_forms:
            if not form or fold(form) in involved_words:
                continue
            at = match.find_phrase(doc, form)
            if at is not None:
                leaked[item.id] = (item.text, doc.sentence_at(at).text)
                break
    cues = match.not_for_vt_cues()
    used: set[str] = {ev for _, ev in leaked.values()}
    for item in gt.not_for_vt:
        if item.id in leaked:
            continue
        evidence = None
        for cue in cues.get(item.kind, []):
            at = match.find_phrase(doc, cue)
            if at is not None and doc.sentence_at(at).text not in used:
                evidence = doc.sentence_at(at).text
                break
        shape = SHAPES.get(item.kind)
        if evidence is None and shape is not None:
            evidence = shape(report, scenario, doc)
        if evidence is not None:
            leaked[item.id] = (item.text, evidence)
            used.add(evidence)
    return [leaked[n.id] for n in gt.not_for_vt if n.id in leaked]
