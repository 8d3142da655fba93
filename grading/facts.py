"""Locate one required fact (policy.decide.RequiredFact) in a prepared report."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Final

from grading import match
from grading import normalize as nz
from grading.match import Document, Evidence
from policy.decide import RequiredFact

# The first run of the digits 0-9: the first of normalize.digit_runs.
_FIRST_RUN: Final = re.compile(r"[0-9]+")


@lru_cache(maxsize=100_000)
def _kind_of(form: str) -> tuple[str, tuple]:
    """How an accepted form is compared: as a date, time, age or phrase."""
    folded = nz.fold(form)
    first = _FIRST_RUN.search(folded)
    if first is None:  # no digits 0-9 (other scripts' digits are not read as numbers)
        return "phrase", (form,)
    # Most forms with digits are dates ("24-02-1958", "2 november 2016"): the first run of
    # digits gives the first date, and the date decides when it spans the whole form, so the
    # other runs are found and read only when it does not.
    numbers = nz.numbers(folded, [first.span()])
    if not (numbers.dates and _spans(numbers.dates[0], folded)):
        runs = nz.digit_runs(folded)
        if len(runs) > 1:
            numbers = nz.numbers(folded, runs)
    dates = numbers.dates
    if dates and _spans(dates[0], folded):
        d, m, y, _ = dates[0]
        return "date", (d, m, y)
    ages = [a for a in numbers.ages if a[0] <= nz.MAX_AGE]
    if ages and len(folded) <= 10:
        return "age", (ages[0][0],)
    if numbers.times and len(folded) <= 6:
        return "time", numbers.times[0][:2]
    return "phrase", (form,)


def _spans(date: tuple, folded: str) -> bool:
    """Whether a date found in a form is all of it (a final '.' aside)."""
    return date[3].end - date[3].start >= len(folded) - 1


# How a form of each kind other than a phrase is looked for.
_FINDERS: Final[dict[str, Callable[..., int | None]]] = {
    "date": match.find_date, "age": match.find_age, "time": match.find_time}


def locate(doc: Document, fact: RequiredFact) -> Evidence | None:
    """The sentence that shows the fact is in the report, or None."""
    for form in fact.accept:
        kind, args = _kind_of(form)
        at = match.find_phrase(doc, form) if kind == "phrase" else _FINDERS[kind](doc, *args)
        if at is not None:
            return doc.sentence_at(at)
    at = match.find_keywords(doc, fact.keywords, fact.min_keywords)
    if at is not None:
        return doc.sentence_at(at)
    if fact.together:
        at = match.find_together(doc, fact.together)
        if at is not None:
            return doc.sentence_at(at)
    return None
