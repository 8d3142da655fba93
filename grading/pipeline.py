"""The grading pipeline: read the report → find the facts → score each criterion → feedback.

`grade(report_text, scenario)` is pure: the same text and scenario always give the same result,
and no input makes it raise. The rubric (grading/rubric.yaml), the feedback texts
(grading/data/feedback.yaml) and the judgemental-word list (grading/data/oordelend.yaml) are data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from itertools import islice
from typing import Any, Final, NamedTuple

import yaml

import policy
from grading import HERE, match
from grading.facts import locate
from grading.leaks import leaks
from grading.normalize import fold, trie_alternation
from grading.report import NO_CONTENT, Report, parse
from grading.result import CriterionResult, DecisionRead, GradeResult, Verdict
from grading.sections import judge_in_sections
from policy.decide import GroundTruth, RequiredFact, rules
from scenario.model import Scenario, age_on

PRESENT_AT: Final = 0.75
PARTIAL_AT: Final = 0.01
MIN_PARTIAL: Final = 0.25  # the smallest score step (_round)
OPINION_CAP: Final = 0.6  # source marking with an opinion among the facts is at most partial
QUOTE_CHARS: Final = 120  # the longest sentence of the officer's that feedback quotes whole
DECISION_TEXT: Final = {"ja": "ja", "nee": "nee", "deels": "deels", "acuut": "acuut",
                        "niet_acuut": "niet acuut", None: "niet ingevuld"}


@cache
def rubric() -> dict[str, Any]:
    return yaml.safe_load((HERE / "rubric.yaml").read_text(encoding="utf-8"))


@cache
def texts() -> dict[str, Any]:
    return yaml.safe_load((HERE / "data" / "feedback.yaml").read_text(encoding="utf-8"))


@cache
def judgemental() -> tuple[re.Pattern, dict[str, tuple[str, str]], tuple[str, ...]]:
    """One alternation over all judgemental words, per folded word its listed form and the
    neutral alternative, and the letters each entry starts with (to find where it may stand)."""
    words = yaml.safe_load((HERE / "data" / "oordelend.yaml").read_text(encoding="utf-8"))
    stems = {fold(w): (w, hint) for w, hint in words["woorden"].items()}
    whole = {fold(w): (w, hint) for w, hint in (words.get("hele_woorden") or {}).items()}

    pattern = re.compile(r"\b(?:(" + trie_alternation(list(stems)) + r")\w*|("
                         + trie_alternation(list(whole)) + r")\b)")
    return pattern, {**stems, **whole}, match.leading_letters([*stems, *whole])


def _shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, with '…' where it was cut,
    so feedback quotes whole words."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if not (cut[-1].isspace() or text[limit].isspace()):  # the cut falls inside a word
        words = cut.rsplit(None, 1)
        cut = words[0] if len(words) == 2 else cut
    return cut.rstrip().rstrip(",;:") + "…"


def _round(x: float) -> float:
    return round(x * 4) / 4


def _clean(text: str) -> str:
    return " ".join(text.split())


@cache
def _label(cid: str) -> tuple[str, str]:
    """A criterion's name and competency in the rubric."""
    c = rubric()["criteria"][cid]
    return c["naam"], c["competentie"]


def _result(cid: str, score: float, points: float, verdict: Verdict, feedback: str,
            evidence: list[str], missing: list[str]) -> CriterionResult:
    """A criterion's result, named as the rubric names it. Built by position: a class called
    with keywords costs twice as much, and each report makes one or two per criterion."""
    name, competency = _label(cid)
    return CriterionResult(cid, name, competency, score, points, verdict, feedback, evidence,
                           missing)


# --- decisions ---------------------------------------------------------------------------------


def _decision_criteria(report: Report, gt: GroundTruth) -> tuple[list, list[DecisionRead]]:
    cfg, fb = rubric()["criteria"], texts()["besluit"]
    expected = {
        "melding": "ja" if gt.melding else "nee",
        "urgentie": gt.urgency,
        "geinformeerd": gt.informed.value,
    }
    explanation = {"melding": gt.explanation["melding"], "urgentie": gt.explanation["urgentie"],
                   "geinformeerd": gt.explanation["informeren"]}
    results, reads = [], []
    for kind, cid in (("melding", "besluit_melding"), ("urgentie", "besluit_urgentie"),
                      ("geinformeerd", "besluit_geinformeerd")):
        c = cfg[cid]
        read = report.decisions[kind]
        want = expected[kind]
        reads.append(DecisionRead(kind, read.value, want, read.evidence))
        points = float(c["punten"])
        if want is None:  # no melding needed: urgency and informing do not apply
            results.append(_result(cid, score=0.0, points=0.0, verdict="nvt",
                                   feedback=fb["nvt"],
                                   evidence=[read.evidence] if read.found else [], missing=[]))
            continue
        verdict: Verdict
        if read.value == want:
            score, verdict, text = points, "aanwezig", fb["goed"][kind]
        elif read.value is None:
            score, verdict, text = 0.0, "ontbreekt", fb["ontbreekt"][kind]
        elif kind == "melding":
            error = "gemiste_melding" if want == "ja" else "onnodige_melding"
            score = max(0.0, points - float(c["fouten"][error]))
            verdict, text = "onjuist", fb["fout"][error]
        elif kind == "geinformeerd" and "eer" in gt.signals and read.value == "ja":
            score, verdict, text = 0.0, "onjuist", fb["fout"]["familie_ingelicht_bij_eer"]
        else:
            score, verdict, text = 0.0, "onjuist", fb["fout"][kind]
        feedback = _decision_feedback(text, DECISION_TEXT[want], DECISION_TEXT[read.value],
                                      explanation[kind], bool(read.in_text))
        results.append(_result(cid, score=score, points=points, verdict=verdict,
                               feedback=feedback,
                               evidence=[read.evidence] if read.found else [], missing=[]))
    return results, reads


@lru_cache(maxsize=4096)
def _decision_feedback(template: str, expected: str, read: str, explanation: str,
                       in_text: bool) -> str:
    """The feedback on a decision, from strings only: all reports on one scenario get the same
    few, so each is formatted and cleaned once."""
    feedback = template.format(verwacht_tekst=expected, gelezen_tekst=read, uitleg=explanation)
    if in_text:  # understood, but the form has a line for it
        feedback = f"{feedback} {texts()['besluit']['niet_op_de_regel']}"
    return _clean(feedback)


# --- completeness ------------------------------------------------------------------------------


def _missing_text(scenario: Scenario, missing: list[RequiredFact]) -> str:
    """'U noemt Daan (4) niet.' where a whole person is missing, else the missing facts."""
    by_person: dict[str | None, list[RequiredFact]] = {}
    for f in missing:
        by_person.setdefault(f.person_id, []).append(f)
    parts = []
    begin = texts()["volledig"]["mist_begin"]
    for pid, facts in by_person.items():
        # The person is looked up only for a missing name: most missing facts are no name.
        if any(f.key.endswith(".naam") for f in facts) and (
                person := next((p for p in scenario.persons if p.id == pid), None)) is not None:
            day = scenario.incident.start.date()
            age = f" ({age_on(person.birth_date, day)})" if person.birth_date else ""
            parts.append(f"U noemt {person.roepnaam or person.first_name}{age} niet.")
            continue
        labels = ", ".join(f.label for f in facts[:6])
        more = f" en nog {len(facts) - 6}" if len(facts) > 6 else ""
        parts.append(f"{begin} {labels}{more}.")
    return " ".join(parts)


def _written_in(doc: match.Document, report: Report, section: str | None) -> bool:
    """True if the section holds a few words beyond 'geen', 'n.v.t.' or 'zie boven'."""
    span = report.spans.get(section) if section else None
    if span is None:
        return False
    words = doc.words_in(*span)
    return len(words) - sum(map(NO_CONTENT.__contains__, words)) >= 3  # counted in C


class _Criterion(NamedTuple):
    """What a completeness criterion's scoring needs from the rubric, read once."""

    elements: tuple[str, ...]
    points: float
    present_at: float
    why: str
    section: str | None


@cache
def _criterion(cid: str) -> _Criterion:
    c = rubric()["criteria"][cid]
    elements = tuple(c.get("elementen") or [c["element"]])
    return _Criterion(elements, float(c["punten"]), float(c.get("aanwezig_vanaf", PRESENT_AT)),
                      rules()["elementen"][elements[0]]["waarom"], c.get("sectie"))


def _completeness(cid: str, facts_by_element: dict[str, list[RequiredFact]],
                  found: dict[str, Any], scenario: Scenario, report: Report,
                  doc: match.Document) -> CriterionResult:
    crit = _criterion(cid)
    elements = crit.elements
    mine: Sequence[RequiredFact]
    if len(elements) == 1:
        mine = facts_by_element.get(elements[0], ())
    else:
        mine = [f for e in elements for f in facts_by_element.get(e, ())]
    if not mine:
        return _result(cid, score=0.0, points=0.0, verdict="nvt",
                       feedback=texts()["volledig"]["nvt"], evidence=[], missing=[])
    # One pass splits the facts into the evidence found and the facts missing.
    quotes: list[str] = []
    missing: list[RequiredFact] = []
    for f in mine:
        if evidence := found.get(f.key):
            quotes.append(evidence.text)
        else:
            missing.append(f)
    fraction = len(quotes) / len(mine)
    if fraction < PRESENT_AT and _written_in(doc, report, crit.section):
        # Something written under the heading counts for at least the smallest step.
        fraction = max(fraction, MIN_PARTIAL / crit.points)
    verdict: Verdict = ("aanwezig" if fraction >= crit.present_at - 1e-9 else
                        "gedeeltelijk" if fraction >= PARTIAL_AT else "ontbreekt")
    if not missing:
        text = _complete_text(cid)
    else:
        fb = texts()["volledig"]
        template = fb["gedeeltelijk"] if verdict == "aanwezig" else fb[verdict]
        text = _clean(template.format(waarom=crit.why,
                                      ontbreekt=_missing_text(scenario, missing)))
    return _result(cid, score=_round(crit.points * fraction), points=crit.points,
                   verdict=verdict, feedback=text, evidence=list(dict.fromkeys(quotes))[:5],
                   missing=[f.label for f in missing])


@cache
def _complete_text(cid: str) -> str:
    return _clean(texts()["volledig"]["aanwezig"].format(waarom=_criterion(cid).why,
                                                         ontbreekt=""))


_ATTRIBUTIONS: Final = ("verklaar\\w*", "verklaring\\w*", "zei", "zegt", "zeggen", "vertel\\w*",
                        "gaf\\s+aan", "geeft\\s+aan", "volgens", "stelt", "stelde", "aldus")
_ATTRIBUTION: Final = re.compile(r"\b(" + "|".join(_ATTRIBUTIONS) + r")\b")
_ATTRIBUTION_STARTS: Final = match.leading_letters(_ATTRIBUTIONS)


def _attributions(doc: match.Document, up_to: int) -> int:
    """How many times a statement is attributed ("verklaarde", "volgens"), counted up to
    `up_to`."""
    return sum(1 for _ in islice(match.finditer_at_words(doc, _ATTRIBUTION, _ATTRIBUTION_STARTS),
                                 up_to))


def _source_marking(facts_by_element: dict[str, list[RequiredFact]],
                    found: dict[str, Any], report: Report, scenario: Scenario,
                    opinion: list[str], doc: match.Document) -> CriterionResult:
    """Facts kept apart from who said them, and from the officer's opinion: `opinion` holds
    the sentences outside 'Zorgen' with judgemental wording, which mix an opinion into the
    facts ("moeder was gewoon dronken" instead of "moeder rook sterk naar alcohol")."""
    base = _completeness("bronvermelding", facts_by_element, found, scenario, report, doc)
    if base.verdict == "nvt":
        return base
    fb = texts()["bronvermelding"]
    observed = len(doc.folded_in(*report.spans.get("waargenomen", (0, 0))))
    stated = len(doc.folded_in(*report.spans.get("verklaringen", (0, 0))))
    separated = observed > 20 and stated > 20
    quotes = doc.folded.count('"') // 2
    # Attributions are counted only when quotes alone do not decide, and only up to two: no
    # test below tells two from more.
    attributions = 0 if separated and quotes else _attributions(doc, up_to=2)
    if separated and (attributions or quotes):
        structure, note = 1.0, fb["structuur_goed"]
    elif attributions + quotes >= 2:
        structure, note = 0.5, fb["structuur_half"]
    else:
        structure, note = 0.0, fb["structuur_slecht"]
    found_fraction = base.score / base.max if base.max else 0.0
    fraction = 0.6 * found_fraction + 0.4 * structure if found_fraction else 0.0
    if opinion and fraction >= PRESENT_AT:
        fraction = OPINION_CAP
        note = f"{note} {fb['mening_in_feiten'].format(zin=_shorten(opinion[0], QUOTE_CHARS))}"
    verdict: Verdict = ("aanwezig" if fraction >= PRESENT_AT else
                        "gedeeltelijk" if fraction >= PARTIAL_AT else "ontbreekt")
    return _result("bronvermelding", score=_round(base.max * fraction), points=base.max,
                   verdict=verdict, feedback=_clean(f"{note} {base.feedback}"),
                   evidence=base.evidence, missing=base.missing)


# --- deductions --------------------------------------------------------------------------------


def _deduction(cid: str, c: dict, items: list[tuple[str, str]], content: float) -> CriterionResult:
    # Points for leaving things out are earned only in proportion to what was written.
    points = float(c["punten"]) * content
    score = max(0.0, points - float(c["per_item"]) * len(items))
    verdict: Verdict
    if content == 0:
        verdict, text = "ontbreekt", _fixed_text(cid, "leeg")
    elif items:
        verdict = "onjuist"
        key = "gelekt" if cid == "filtering" else "oordelend"
        text = _clean(texts()[cid][key].format(items="; ".join(i for i, _ in items)))
    else:
        verdict, text = "aanwezig", _fixed_text(cid, "schoon")
    return _result(cid, score=_round(score), points=float(c["punten"]), verdict=verdict,
                   feedback=text, evidence=[e for _, e in items][:5],
                   missing=[i for i, _ in items])


@cache
def _fixed_text(group: str, key: str) -> str:
    """A feedback text without fields, cleaned once."""
    return _clean(texts()[group][key])


_QUOTED: Final = re.compile(r'"[^"\n]{1,300}"')


def _judgemental_words(doc: match.Document) -> list[tuple[str, str, int]]:
    """(word with its neutral alternative, the sentence, offset) per judgemental word used."""
    pattern, hints, firsts = judgemental()
    found: dict[str, tuple[str, str, int]] = {}
    quoted: list[tuple[int, int]] | None = None  # looked for at the first word found
    for m in match.finditer_at_words(doc, pattern, firsts):
        if quoted is None:
            # Words inside quotation marks are somebody's statement, recorded as said: not
            # judgement.
            quoted = [(q.start(), q.end()) for q in _QUOTED.finditer(doc.folded)]
        if any(a < m.start() < b for a, b in quoted):
            continue
        word, hint = hints[m[1] or m[2]]
        found.setdefault(word, (f"'{word}' ({hint})", doc.sentence_at(m.start()).text,
                                m.start()))
    return list(found.values())


# --- the pipeline ------------------------------------------------------------------------------


@cache
def _scored_criteria() -> tuple[str, ...]:
    """The rubric's criteria scored by the facts found (neither a decision nor a deduction),
    in the rubric's order."""
    return tuple(cid for cid, c in rubric()["criteria"].items()
                 if c.get("soort") not in ("besluit", "aftrek"))


def grade(report_text: object, scenario: Scenario, gt: GroundTruth | None = None) -> GradeResult:
    """Grade one melding against one scenario's ground truth. Anything but a str (None, bytes)
    is graded as an empty report; `report_text` is typed `object` so that the compiled grader
    (grading/compiled.py) does not raise on it either."""
    gt = gt or policy.decide(scenario)
    report = parse(report_text if isinstance(report_text, str) else "")
    doc = match.index(report.body)
    found = {f.key: locate(doc, f) for f in gt.required}
    for fact in gt.required:  # facts shown by others (policy.decide.RequiredFact.implied_by)
        if found[fact.key] is None:
            found[fact.key] = next((found[k] for k in fact.implied_by if found.get(k)), None)
    judge_in_sections(report, doc, gt, found)
    cfg = rubric()["criteria"]
    judged = _judgemental_words(doc)
    zorgen = report.spans.get("zorgen", (0, 0))
    opinion = [sentence for _, sentence, at in judged if not zorgen[0] <= at < zorgen[1]]

    criteria, decisions = _decision_criteria(report, gt)
    by_element: dict[str, list[RequiredFact]] = {}
    for fact in gt.required:
        by_element.setdefault(fact.element, []).append(fact)
    for cid in _scored_criteria():
        if cid == "bronvermelding":
            criteria.append(_source_marking(by_element, found, report, scenario, opinion, doc))
        else:
            criteria.append(_completeness(cid, by_element, found, scenario, report, doc))

    content = (sum(map(bool, found.values())) / len(found)) if found else (
        1.0 if len(doc.words) >= 40 else len(doc.words) / 40)
    criteria.append(_deduction("filtering", cfg["filtering"], leaks(doc, gt, scenario, report),
                               content))
    criteria.append(_deduction("objectiviteit", cfg["objectiviteit"],
                               [(word, sentence) for word, sentence, _ in judged], content))

    format_problem = texts()["vorm"]["leeg"] if report.is_empty else None
    if format_problem:
        for c in criteria:
            c.score = 0.0
    total = sum(c.score for c in criteria)
    maximum = sum(c.max for c in criteria)
    cap = None
    melding = criteria[0]
    if melding.verdict == "onjuist" and gt.melding and not format_problem:
        share = float(cfg["besluit_melding"].get("plafond_bij_gemiste_melding", 1.0))
        if total > share * maximum:
            total = share * maximum
            cap = texts()["plafond"]["gemiste_melding"].format(procent=round(100 * share))
    return GradeResult(
        scenario_id=scenario.id, total=_round(total), max=maximum, criteria=criteria,
        decisions=decisions, format_problem=format_problem, cap=cap,
        rubric_version=int(rubric()["versie"]), policy_version=gt.policy_version)
