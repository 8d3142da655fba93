"""The eight canonical cases of shared/cases/CASES.md: their decisions come out of the policy."""

import pytest

from generator.check import check
from policy import decide
from scenario import io
from scenario.model import age_on

# (melding, urgency, informed, huisverbod imposed): the expected decisions of CASES.md.
EXPECTED = {
    # "melding, acuut (minderjarigen betrokken; wurging en doodsbedreiging; huisverbod opgelegd)"
    "HG-01": (True, "acuut", "ja", True),
    # "melding, acuut (jong kind zonder basiszorg; ouder onder invloed)"
    "HG-02": (True, "acuut", "ja", False),
    # "melding, niet acuut (twee minderjarigen betrokken; herhaald geweld)"
    "HG-03": (True, "niet_acuut", "ja", False),
    # "melding, niet acuut (vermoeden van mishandeling van een afhankelijke oudere)";
    # informed: "ja (de dochter als vertegenwoordiger)"
    "HG-04": (True, "niet_acuut", "ja", False),
    # "melding, acuut (minderjarigen; bedreiging die de kinderen raakt, met stalking)"
    "HG-05": (True, "acuut", "ja", False),
    # "geen melding (geen vermoeden van huiselijk geweld of onveiligheid; geen minderjarigen)"
    "HG-06": (False, None, None, False),
    # "melding, niet acuut (afhankelijke oudere; financiële uitbuiting)"; informed "deels"
    "HG-07": (True, "niet_acuut", "deels", False),
    # "melding, acuut (minderjarige; dreiging van EGG en achterlating)"; ouders bewust niet
    "HG-08": (True, "acuut", "deels", False),
}


def test_all_eight_cases_are_shipped():
    assert io.canonical_ids() == sorted(EXPECTED)


@pytest.mark.parametrize("case_id", sorted(EXPECTED))
def test_canonical_case_decision_matches_cases_md(case_id):
    gt = decide(io.load(case_id))
    melding, urgency, informed, imposed = EXPECTED[case_id]
    assert (gt.melding, gt.urgency, gt.informed.value) == (melding, urgency, informed)
    assert gt.huisverbod.imposed is imposed
    assert gt.huisverbod.applies is imposed


@pytest.mark.parametrize("case_id", sorted(EXPECTED))
def test_canonical_case_is_internally_consistent(case_id):
    s = io.load(case_id)
    assert [str(p) for p in check(s)] == []
    day = s.incident.start.date()
    for p in s.persons:
        if p.birth_date:
            assert p.minor == (age_on(p.birth_date, day) < 18)
    assert all(n.surface_forms for n in s.not_for_vt)
    gt = decide(s)
    assert bool(gt.required) == gt.melding


def test_honour_case_withholds_exactly_the_family():
    gt = decide(io.load("HG-08"))
    assert {w.person_id for w in gt.informed.withheld} == {"p2", "p3", "p4"}
    assert gt.informed.inform == ["p1"]


def test_elder_case_withholds_only_the_son():
    gt = decide(io.load("HG-07"))
    assert [w.person_id for w in gt.informed.withheld] == ["p2"]
