"""The referral policy, rule by rule, on small edits of canonical cases."""

import copy

from policy import PolicySettings, decide
from scenario import io


def _hg01_without_children():
    s = copy.deepcopy(io.load("HG-01"))
    s.persons = [p for p in s.persons if not p.minor]
    s.children = []
    kept = {p.id for p in s.persons}
    s.relations = [r for r in s.relations if r.a in kept and r.b in kept]
    for a in s.actions:
        a.person_ids = [pid for pid in a.person_ids if pid in kept]
    for o in s.observations:
        o.about = [pid for pid in o.about if pid in kept]
    for st in s.statements:
        st.about = [pid for pid in st.about if pid in kept]
    s.statements = [st for st in s.statements if st.speaker_id in kept]
    return s


def test_minor_present_requires_melding():
    gt = decide(io.load("HG-01"))
    assert gt.melding and "minderjarige_betrokken" in gt.melding_reasons
    assert "Lotte Hoekstra" in gt.explanation["melding"]


def test_minor_living_there_but_absent_still_requires_melding():
    s = copy.deepcopy(io.load("HG-01"))
    for child in s.children:
        child.present, child.whereabouts, child.witnessed = False, "logeerde bij oma", ""
    assert decide(s).melding


def test_adults_only_with_strangulation_is_an_acute_melding():
    gt = decide(_hg01_without_children())
    assert gt.melding and gt.urgency == "acuut"
    assert "wurging" in gt.melding_reasons


def test_adults_only_without_any_signal_needs_no_melding():
    s = _hg01_without_children()
    s.injuries, s.weapons, s.threats, s.history, s.risk_factors = [], [], [], [], []
    s.actions = [a for a in s.actions if a.kind not in ("huisverbod", "rihg")]
    gt = decide(s)
    assert not gt.melding and gt.urgency is None and gt.informed.value is None
    assert gt.required == []


def test_adults_only_threshold_is_a_setting():
    s = _hg01_without_children()
    s.threats, s.history, s.weapons = [], [], []
    s.risk_factors = []
    s.actions = [a for a in s.actions if a.kind not in ("huisverbod", "rihg")]
    # Only the injury fires now.
    assert decide(s).melding
    assert not decide(s, PolicySettings(adults_only_min_signals=2)).melding


def test_huisverbod_needs_an_adult_suspect_living_at_the_address():
    s = copy.deepcopy(io.load("HG-01"))
    s.person("p2").address_id = None
    gt = decide(s)
    assert not gt.huisverbod.applies
    assert "meerderjarig" in gt.explanation["huisverbod"]


def test_honour_related_violence_withholds_the_family_from_informing():
    s = copy.deepcopy(io.load("HG-01"))
    s.incident.forms.append("eergerelateerd_geweld")
    gt = decide(s)
    assert gt.informed.value == "deels"
    assert {w.person_id for w in gt.informed.withheld} == {"p2"}
    assert "LEC EGG" in gt.informed.explanation


def test_not_for_vt_items_come_from_the_scenario():
    gt = decide(io.load("HG-01"))
    assert {n.kind for n in gt.not_for_vt} >= {"derde_persoonsgegevens", "werkgever"}


def test_required_facts_cover_every_child_and_the_officer():
    gt = decide(io.load("HG-01"))
    keys = {f.key for f in gt.required}
    assert {"kinderen.p3.naam", "kinderen.p4.naam", "kinderen.p3.zorg"} <= keys
    assert {"melder.naam", "melder.bereikbaarheid"} <= keys
    # Every fact has words to find it by, except the Zorgen facts: those are judged in the
    # officer's Zorgen section (grading/pipeline.py, _concern_in_section).
    assert all(f.accept or f.keywords or f.together for f in gt.required
               if f.element != "zorgen")
    assert {"zorgen.eigen", "zorgen.onveiligheid"} <= keys


def test_child_name_forms_have_no_adult_titles():
    gt = decide(io.load("HG-01"))
    lotte = next(f for f in gt.required if f.key == "kinderen.p3.naam")
    assert "Lotte" in lotte.accept
    assert not any(a.startswith(("mevrouw", "mw.")) for a in lotte.accept)
