"""The grader against the labelled corpora (tests/corpus/): a change that makes it judge worse
than the issue's targets fails here, before docs/validity.md is regenerated."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import validity


@pytest.fixture(scope="module")
def everything() -> dict:
    corpora = validity.load_corpora()
    assert len(corpora) >= 5, "the labelled corpora are missing"
    return validity.evaluate([e for entries in corpora.values() for e in entries])


def test_decision_lines_are_read_as_the_labellers_read_them(everything):
    assert everything["decision_accuracy"] >= 0.98


def test_criteria_agree_with_the_labellers(everything):
    accuracy, kappa, count = everything["criteria_overall"]
    assert count > 1000
    assert accuracy >= 0.90
    assert kappa >= 0.80


def test_leaked_items_are_found(everything):
    assert everything["leak_recall"] >= 0.90


def test_the_empty_form_scores_at_most_five_percent(everything):
    assert everything["empty"], "no empty form in the corpora"
    assert max(everything["empty"]) <= 0.05
