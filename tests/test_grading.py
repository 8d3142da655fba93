"""The grader on hand-made reports: how it reads Dutch, and that it never breaks."""

import bisect
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from grading import grade, match
from grading.decisions import read_decisions
from grading.report import parse
from policy import decide
from scenario import io

TEMPLATE = (Path(__file__).resolve().parents[2] / "shared" / "cases" / "TEMPLATE.md")


def template_text() -> str:
    if TEMPLATE.exists():
        return TEMPLATE.read_text(encoding="utf-8").split("```markdown")[1].split("```")[0]
    return (Path(__file__).parent / "data" / "template.md").read_text(encoding="utf-8")


HG01 = io.load("HG-01")
GT01 = decide(HG01)

GOOD = """# Melding aan Veilig Thuis
## Besluit
- Melding aan Veilig Thuis: ja
- Urgentie: acuut
- Betrokkenen geïnformeerd over de melding: ja
- Toelichting: twee kinderen, wurging en doodsbedreiging.
## Aanleiding
Zaterdag 14 maart 2026, 23.40 uur, Klaproosstraat 18, 3815 KL Amersfoort. De buurvrouw belde 112.
## Betrokkenen
Sanne de Wit (02-05-1991), slachtoffer, en haar partner Mark Hoekstra (19-11-1988), verdachte;
samenwonend op het adres.
## Kinderen
Lotte (8) zat op de trap en zag dat papa mama tegen de muur duwde; Daan (5) lag wakker in bed en
huilde. Beide kinderen blijven bij Sanne.
## Feiten
### Waargenomen
Rode striemen in de hals en een gezwollen linkerwang bij Sanne; kapotte vaas in de woonkamer;
Mark rook naar alcohol.
### Verklaringen
Sanne verklaarde dat Mark haar bij de keel greep en zei dat hij haar "kapot zou maken".
Mark zei: "ze viel zelf tegen de kast".
## Genomen maatregelen
Mark is aangehouden. De HOvJ nam de RiHG af en legde een huisverbod van 10 dagen op. Sanne deed
aangifte.
## Melder
R. Verhoef, hoofdagent, Midden-Nederland, basisteam Amersfoort, PL0900-2026031401, 06-00112233.
"""


@pytest.mark.parametrize("line, expected", [
    ("- Melding aan Veilig Thuis: ja", "ja"),
    ("- Melding aan Veilig Thuis: Ja, acuut", "ja"),
    ("- Melding aan Veilig Thuis: ~~nee~~ ja", "ja"),
    ("- Melding aan Veilig Thuis: [x] ja [ ] nee", "ja"),
    ("- Melding aan Veilig Thuis: [ ] ja [x] nee", "nee"),
    ("- Melding aan Veilig Thuis: nee, want er zijn geen kinderen", "nee"),
    ("**Melding aan Veilig Thuis:** JA", "ja"),
    ("- Melding aan Veilig Thuis: **ja** / nee", "ja"),
    ("- Melding aan VT: ja", "ja"),
    ("- Melding aan Veilig Thuis: ja / nee", None),
    ("- Melding aan Veilig Thuis:", None),
    ("- Melding aan Veilig Thuis: J", "ja"),
    ("- Melding aan Veilig Thuis: n.v.t.", None),
    ("| Melding aan Veilig Thuis | ja |", "ja"),
    ("| Melding aan Veilig Thuis | ja / nee |", None),
    ("melding aan veilig thuis ja urgentie acuut toelichting twee kinderen", "ja"),
])
def test_melding_line_is_read_in_every_common_form(line, expected):
    assert read_decisions(line)["melding"].value == expected


@pytest.mark.parametrize("line, expected", [
    ("- Urgentie: acuut", "acuut"),
    ("- Urgentie: niet acuut", "niet_acuut"),
    ("- Urgentie: niet-acuut", "niet_acuut"),
    ("- Urgentie: ~~acuut~~ niet acuut", "niet_acuut"),
    ("- Urgentie: acuut (direct gevaar)", "acuut"),
    ("- Urgentie: acuut / niet acuut", None),
    ("- Betrokkenen geïnformeerd over de melding: deels: Sara wel, ouders niet", "deels"),
    ("- Betrokkenen geinformeerd over de melding: gedeeltelijk", "deels"),
    ("- Betrokkenen geïnformeerd over de melding: nee", "nee"),
    ("- Betrokkenen geïnformeerd over de melding: ja / nee / deels", None),
])
def test_urgency_and_informed_lines_are_read(line, expected):
    decisions = read_decisions(line)
    kind = "urgentie" if "Urgentie" in line else "geinformeerd"
    assert decisions[kind].value == expected


def test_melding_line_answering_urgency_fills_an_open_urgency_line():
    text = "- Melding aan Veilig Thuis: Ja, acuut\n- Urgentie: acuut / niet acuut"
    decisions = read_decisions(text)
    assert decisions["urgentie"].value == "acuut"


def test_guidance_text_left_in_place_is_not_counted_as_content():
    report = parse(template_text())
    assert report.is_empty and report.guidance_left >= 8


def test_empty_template_scores_at_most_five_percent_and_is_a_format_problem():
    result = grade(template_text(), HG01, GT01)
    assert result.fraction <= 0.05
    assert result.format_problem


def test_good_report_scores_high_with_specific_evidence():
    result = grade(GOOD, HG01, GT01)
    assert result.fraction > 0.8
    kids = result.criterion("kinderen")
    assert kids.verdict == "aanwezig" and any("Lotte" in e for e in kids.evidence)


def test_missing_child_is_named_in_the_feedback():
    without_daan = GOOD.replace("; Daan (5) lag wakker in bed en\nhuilde", "")
    feedback = grade(without_daan, HG01, GT01).criterion("kinderen").feedback
    assert "U noemt Daan (5) niet" in feedback


def test_missed_required_melding_is_the_worst_decision_error():
    missed = grade(GOOD.replace("Veilig Thuis: ja", "Veilig Thuis: nee"), HG01, GT01)
    assert missed.criterion("besluit_melding").score == 0
    assert "zwaarste fout" in missed.criterion("besluit_melding").feedback


def test_negated_huisverbod_does_not_count_as_a_measure():
    text = GOOD.replace("legde een huisverbod van 10 dagen op", "er is geen huisverbod opgelegd")
    result = grade(text, HG01, GT01)
    assert "huisverbod" in " ".join(result.criterion("maatregelen").missing)


def test_typo_and_abbreviation_still_find_the_fact():
    text = GOOD.replace("huisverbod van 10 dagen", "huisverbot van 10 dgn")
    result = grade(text, HG01, GT01)
    assert not any("huisverbod" in m for m in result.criterion("maatregelen").missing)


def test_leaked_neighbour_phone_number_is_named():
    text = GOOD.replace("De buurvrouw belde 112.", "De buurvrouw (06-00 98 76 54) belde 112.")
    result = grade(text, HG01, GT01)
    assert result.criterion("filtering").verdict == "onjuist"
    assert "buurvrouw" in result.criterion("filtering").feedback


def test_judgemental_wording_is_flagged():
    result = grade(GOOD + "\nSanne deed hysterisch en typisch overdreven.", HG01, GT01)
    flagged = " ".join(result.criterion("objectiviteit").missing)
    assert "hysterisch" in flagged and "typisch" in flagged


@pytest.mark.parametrize("sentence, flagged", [
    ("Vader was een ex-hysterische man.", ["hysterisch"]),  # inside a hyphenated word
    ("Het was dat soort mensen, zoals altijd.", ["dat soort mensen", "zoals altijd"]),
    ("Moeder deed luid en raar.", ["raar"]),  # 'lui' is a whole word: not in 'luid'
    ('Buurvrouw: "hij is gestoord".', []),  # a quote is a statement, not judgement
    ("Het zal wel meevallen, het zal wel.", ["het zal wel"]),
])
def test_judgemental_wording_is_found_wherever_it_stands(sentence, flagged):
    result = grade(GOOD + f"\n{sentence}", HG01, GT01)
    found = result.criterion("objectiviteit").missing
    assert [item.split("'")[1] for item in found] == flagged


def test_struck_out_text_under_a_heading_is_not_something_written():
    """The officer deleted it: a struck-out section earns nothing, not even the smallest step
    for 'something written under the heading'."""
    heading = "- Melding aan Veilig Thuis: ja\n## Letsel, middelen en dreiging\n"
    written = heading + "Blauwe plekken op arm, pijn bij lopen.\n"
    struck = heading + "~~Blauwe plekken op arm, pijn bij lopen.~~\n"
    empty = heading
    score = {name: grade(text, HG01, GT01).criterion("letsel_en_dreiging").score
             for name, text in (("written", written), ("struck", struck), ("empty", empty))}
    assert score["struck"] == score["empty"] < score["written"]


def test_blank_lines_do_not_make_a_section_longer():
    """Source marking asks whether Waargenomen and Verklaringen hold more than a few words:
    blank lines are not text."""
    def report(gap: str) -> str:
        return ("- Melding aan Veilig Thuis: ja\n## Feiten\n### Waargenomen\n"
                f"Vaas kapot.{gap}Rustig.\n### Verklaringen\nHij sloeg.{gap}Zij zei niets.\n")

    scores = {gap: grade(report(gap), HG01, GT01).criterion("bronvermelding").score
              for gap in (" ", "\n\n\n\n")}
    assert len(set(scores.values())) == 1, scores


def test_decomposed_accents_read_as_composed_ones():
    """Accents typed as a letter plus a combining mark (copied from some programs) read as
    the composed letter, so the words stay whole."""
    text = "## Feiten\nGeïrriteerde Zoë; café, één kind.\n"
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    assert parse(decomposed).body == parse(text).body
    assert match.index(parse(decomposed).body).words == ["geirriteerde", "zoe", "cafe", "een",
                                                         "kind"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["1", "12", "123", "2026", "14", "3", "-", "/", ".", ":", " ", "\n", "u", "uur", "jaar",
     "jr.", "-jarige", "(", ")", "van ", "maart", "okt", "sep", "a", "06", "2340"]), max_size=25))
def test_numbers_tried_only_where_they_can_stand_are_all_the_numbers(pieces):
    """normalize._numbers_at skips a pattern where a run's length and next character rule it
    out: that must find exactly what trying every pattern everywhere finds."""
    from grading import normalize as nz

    text = "".join(pieces)
    assert nz.numbers(text) == nz.numbers(text, every=True)


_RUN_BEFORE = st.sampled_from(["", " ", "(", "van ", "van\n ", "a", "-", "."])
_RUN = st.sampled_from(["1", "14", "123", "2026", "1²"])
_RUN_GAP = st.sampled_from(["", " ", "  ", "\n", " \t ", "-", "/", ".", ":", "u", ")"])
_RUN_AFTER = st.sampled_from(
    ["", "jaar", "jr", "jarig", "-jarige", "arig", "uur", "u", "u 50", "50", "3", "03",
     "03-2026", "3-55", "-٣", "²", "maart", "m", "okt 2025", ". 50", ":50", "x"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(_RUN_BEFORE, _RUN, _RUN_GAP, _RUN_AFTER), max_size=6))
@example([("", "1", "", "-٣")])  # "1-٣" is a date: the separator is followed by a digit (\d)
def test_numbers_prefilters_read_what_follows_a_run_as_the_patterns_do(pieces):
    """normalize._numbers_at also reads the characters after a run (after one white space,
    after a separator, "-jarig", "van" before it) to skip patterns: runs of white space,
    other scripts' digits and cut-off words must not make it skip a number. (Another script's
    digit right after a run, as in "1٣ jaar", was never read as part of the number.)"""
    from grading import normalize as nz

    text = "".join("".join(piece) for piece in pieces)
    assert nz.numbers(text) == nz.numbers(text, every=True)


def test_every_judgemental_entry_starts_with_a_letter():
    """The grader tries the list only where a word starts (grading.match.finditer_at_words)."""
    from grading.pipeline import judgemental

    assert all(re.match("[a-z]", entry) for entry in judgemental()[1])


def test_script_tags_and_html_are_text_not_markup():
    result = grade(GOOD + "\n<script>alert('x')</script><b>vet</b>", HG01, GT01)
    assert 0 <= result.total <= result.max


@pytest.mark.parametrize("junk", [
    "", " ", "\x00\x01\x02", "🙂" * 500, "| a | b |\n|---|---|\n| 1 | 2 |", "#" * 1000,
    "<html><body><h1>x</h1></body></html>", "~~" * 300, "[x]" * 200, "((((((((((",
    bytes(range(256)).decode("latin-1"),
])
def test_never_raises_on_junk(junk):
    result = grade(junk, HG01, GT01)
    assert 0 <= result.total <= result.max


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab'-.:09 x\n", max_size=60))
def test_word_split_is_letters_with_inner_hyphens_and_apostrophes(text):
    """match._WORD_SPLIT is a faster spelling of this definition: letters with runs of ' and -
    between them, or digits with one . or : inside."""
    spec = re.compile(r"([a-z]+(?:['-]+[a-z]+)*|[0-9]+(?:[.:][0-9]+)?)")
    assert match._WORD_SPLIT.split(text) == spec.split(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab'-.:09 xZ\n,;!?()[]\"*/é١\u00a0", max_size=80))
def test_words_are_what_the_word_split_finds(text):
    """match._words takes plain words between spaces as they are and runs the regex on the
    rest: the same words at the same offsets as splitting the folded text on _WORD_SPLIT."""
    from grading.normalize import fold_aligned

    folded = fold_aligned(text)
    pieces = re.compile(r"([a-z]+(?:['-]+[a-z]+)*|[0-9]+(?:[.:][0-9]+)?)").split(folded)
    offsets, at = [], 0
    for i, piece in enumerate(pieces):
        if i % 2:
            offsets.append(at)
        at += len(piece)
    assert match._words(folded) == (pieces[1::2], offsets)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=".!? \nAb\"(“x", max_size=60))
def test_full_stops_are_one_pattern_per_mark(text):
    """match._FULL_STOPS finds what one pattern for all three marks finds."""
    spec = re.compile(r"[.!?]\s+(?=[A-Z\"“‘'(])")
    found = sorted(m.span() for _, p in match._FULL_STOPS for m in p.finditer(text))
    assert found == [m.span() for m in spec.finditer(text)]


@pytest.mark.parametrize("not_text", [None, b"Melding aan Veilig Thuis: ja", 12, ["ja"]])
def test_something_else_than_text_is_graded_as_an_empty_report(not_text):
    """A notebook cell or file read wrongly can hand over bytes or None: graded as an empty
    report, by the compiled grader as by the source (no type check raises)."""
    result = grade(not_text, HG01, GT01)
    assert result.total == 0 and result.format_problem


def test_one_megabyte_report_is_graded():
    big = GOOD + ("Dit is opvultekst over niets in het bijzonder. " * 22_000)
    result = grade(big, HG01, GT01)
    assert 0 <= result.total <= result.max


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_score_stays_within_bounds_on_any_text(text):
    result = grade(text, HG01, GT01)
    assert 0 <= result.total <= result.max
    for c in result.criteria:
        assert 0 <= c.score <= c.max


SENTENCES = [line for line in GOOD.splitlines() if line and not line.startswith("#")
             and not line.startswith("- ")]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(range(len(SENTENCES))), unique=True, max_size=len(SENTENCES)),
       st.sampled_from(range(len(SENTENCES))))
def test_adding_a_missing_fact_never_lowers_the_score(kept, extra):
    head = GOOD.split("## Aanleiding")[0]
    base = head + "\n".join(SENTENCES[i] for i in sorted(kept))
    more = head + "\n".join(SENTENCES[i] for i in sorted({*kept, extra}))
    assert grade(more, HG01, GT01).total >= grade(base, HG01, GT01).total


def test_result_json_is_stable_and_dutch():
    data = grade(GOOD, HG01, GT01).to_dict()
    assert set(data) == {"formaat", "scenario", "totaal", "maximum", "percentage",
                         "vormprobleem", "plafond", "rubriekversie", "beleidsversie", "besluiten",
                         "criteria"}
    assert {"id", "naam", "competentie", "score", "maximum", "oordeel", "bewijs", "ontbreekt",
            "feedback"} <= set(data["criteria"][0])
    assert not re.search(r"\bmissing\b|\bpresent\b", str(data))


def test_police_abbreviations_count_as_what_they_stand_for():
    text = GOOD.replace("De HOvJ nam de RiHG af en legde een huisverbod van 10 dagen op.",
                        "HOvJ: RiHG afgenomen, THV 10 dgn.").replace("Mark is aangehouden.",
                                                                       "Verd. gearresteerd.")
    missing = " ".join(grade(text, HG01, GT01).criterion("maatregelen").missing)
    assert "huisverbod" not in missing and "aangehouden" not in missing


def test_grade_stays_a_function_after_the_pipeline_is_imported():
    # A submodule named like the package's function would replace it on first import.
    import grading
    from grading import pipeline  # noqa: F401

    assert callable(grading.grade) and not isinstance(grading.grade, type(grading))


def test_a_missed_required_melding_caps_the_total():
    wrong = GOOD.replace("Melding aan Veilig Thuis: ja", "Melding aan Veilig Thuis: nee")
    right, missed = grade(GOOD, HG01, GT01), grade(wrong, HG01, GT01)
    assert missed.cap and "Veilig Thuis" in missed.cap
    assert missed.total <= 0.5 * missed.max < right.total
    assert right.cap is None


def test_every_criterion_feeds_a_listed_competency():
    from course.results import COMPETENCIES
    from grading.pipeline import rubric

    used = {c["competentie"] for c in rubric()["criteria"].values()}
    assert used == set(COMPETENCIES) and len(COMPETENCIES) == 6


@pytest.mark.parametrize("written, found", [
    ("Bel mij op 06-12 34 56 78.", True),
    ("Bel mij op 0612345678.", True),
    ("Bel mij op 06.1234.5678.", True),
    ("Registratie 20612345678.", False),  # the number inside a longer one
    ("Registratie 0612345678 9.", True),  # the same digits, a separate number after a space
])
def test_a_number_is_found_whatever_its_separators_but_not_inside_a_longer_one(written, found):
    doc = match.index(written)
    assert (match.find_phrase(doc, "06-12345678") is not None) is found


@pytest.mark.parametrize("text, sentences", [
    ("Daan huilde. Geen letsel.", ["Daan huilde.", "Geen letsel."]),
    ("Daan huilde.\nGeen letsel.", ["Daan huilde.", "Geen letsel."]),
    ("Daan huilde. \nGeen letsel.", ["Daan huilde.", "Geen letsel."]),
    ("Daan huilde\nen moeder ook.", ["Daan huilde", "en moeder ook."]),
    ("Daan huilde. en moeder ook.", ["Daan huilde. en moeder ook."]),
    ("Sara, geb. 2 mei 2019, huilde.", ["Sara, geb. 2 mei 2019, huilde."]),
    ("Gesproken met dhr. Jansen.", ["Gesproken met dhr. Jansen."]),
    ("Gesproken met dhr. \nJansen.", ["Gesproken met dhr. \nJansen."]),
    ("Wie belde? De buurvrouw!  Daarna:\n\n- Daan huilde.",
     ["Wie belde?", "De buurvrouw!", "Daarna:", "- Daan huilde."]),
])
def test_sentences_end_at_a_new_line_or_a_full_stop_before_a_capital(text, sentences):
    doc = match.index(text)
    found = [doc.sentence_at(start).text for start in doc.sentence_starts]
    assert found == sentences


def test_a_latin_capital_inside_a_sentence_marks_a_name_without_a_lemma():
    """A capitalised word inside a sentence is a name: no lemma ("Gevallen" stays itself).
    At a sentence start, or after a capital outside Latin (fullwidth G), it is a word."""
    doc = match.index("Gevallen glas. Wij zagen Gevallen glas en \uff27elopen sporen.")
    assert doc.aliases["gevallen"] == ()
    assert doc.aliases["gelopen"] == ("lopen",)
    assert match.index("Gevallen glas.").aliases["gevallen"] == ("vallen",)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_typos_of_listed_words_are_found_as_by_comparing_every_candidate(data):
    """Words on the fixed lists find their typos through a table per report word
    (match._closest_listed); that must give what comparing every candidate gives
    (match._closest), ties included."""
    listed = sorted(match._listed())
    words = data.draw(st.lists(st.sampled_from(listed), min_size=1, max_size=12))
    typed = []
    for word in words:  # a letter dropped, doubled or changed (not the first: see _closest)
        at = data.draw(st.integers(1, len(word) - 1))
        edit = data.draw(st.sampled_from(["drop", "double", "change", "keep"]))
        letter = data.draw(st.sampled_from("aeiouklmnrst"))
        typed.append(word[:at] + {"drop": "", "double": word[at] + word[at], "change": letter,
                                  "keep": word[at]}[edit] + word[at + 1:])
    doc = match.index(" en ".join(typed) + ".")
    for word in {w for w in listed if w[0] in {t[0] for t in typed}}:
        assert match._closest_listed(doc, word) == match._closest(doc, word), word


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_fixed_word_left_out_of_fixed_found_is_found_by_no_lookup(data):
    """match._lookup skips a word of the fixed lists that Document.fixed_found leaves out:
    a full lookup (lemma, stem, typo) must find nothing for it either."""
    fixed = sorted(match._fixed_words())
    typed = []
    for word in data.draw(st.lists(st.sampled_from(fixed), min_size=1, max_size=12)):
        at = data.draw(st.integers(0, len(word)))
        typed.append(word[:at] + data.draw(st.sampled_from(["", "e", "en", "de", "ing", "x"]))
                     + word[at + 1:] * data.draw(st.booleans()))
    text = " en ".join(typed) + "."
    doc, full = match.index(text), match.index(text)
    full._fixed = set(fixed)  # every fixed word looked up in full
    for word in fixed:
        assert match._lookup(doc, word) == match._lookup(full, word), word


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab ,;:\n", max_size=40), st.integers(1, 30))
def test_feedback_quotes_an_opinion_in_whole_words(text, limit):
    """A long sentence quoted in feedback is cut at a word boundary, marked with '…'."""
    from grading.pipeline import _shorten

    out = _shorten(text, limit)
    if len(text) <= limit:
        assert out == text
        return
    kept = out[:-1]
    assert out.endswith("…") and len(kept) <= limit and text.startswith(kept)
    whole_word = len(kept) == len(text) or not text[len(kept)].isalpha()
    one_long_word = len(text[:limit].split()) <= 1  # nothing to cut it back to
    assert whole_word or one_long_word


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abZé09'-.:!? \n*(", max_size=60))
def test_words_and_sentence_starts_are_read_as_by_the_plain_rules(text):
    """match.index splits words with a pattern that does not backtrack, and takes a sentence's
    first word from the word offsets: the same as the plain rules (a word is letters with inner
    ' or -, or digits with one inner . or :; a sentence's first word starts at its first letter
    or digit)."""
    doc = match.index(text)
    folded = doc.folded
    plain = [(m.start(), m[0]) for m in
             re.finditer(r"[0-9]+(?:[.:][0-9]+)?|[a-z](?:[a-z'-]*[a-z])?", folded)]
    assert list(zip(doc.starts, doc.words, strict=True)) == plain
    firsts = {m.end() for at in doc.sentence_starts if (m := re.compile("[^a-z0-9]*")
                                                         .match(folded, at)).end() < len(folded)}
    assert firsts == {doc.starts[i] for at in doc.sentence_starts
                      if (i := bisect.bisect_left(doc.starts, at)) < len(doc.starts)}


def test_words_are_searched_for_in_a_section_part_alone():
    """finditer_at_words on a part finds what stands in it, and nothing outside it."""
    report = parse("## Feiten\nSanne verklaarde dat hij sloeg.\n\n## Zorgen\nIk maak mij "
                   "zorgen.\n")
    doc = match.index(report.body)
    pattern, starts = re.compile(r"verklaar\w*"), match.leading_letters(["verklaar"])
    assert [m[0] for m in match.finditer_at_words(doc, pattern, starts)] == ["verklaarde"]
    feiten, zorgen = (doc.part(*report.spans[key]) for key in ("feiten", "zorgen"))
    assert [m[0] for m in match.finditer_at_words(feiten, pattern, starts)] == ["verklaarde"]
    assert list(match.finditer_at_words(zorgen, pattern, starts)) == []


def test_every_abbreviation_that_keeps_a_sentence_open_is_tried():
    """match._sentence_starts searches for an abbreviation only after the letters they end
    in: a new abbreviation with another last letter must add it there."""
    words = re.search(r"\(\?:(.*?)\)", match._ABBREVIATION.pattern)[1].split("|")
    for word in words:
        last = word.replace("\\", "")[-1]
        assert {last.lower(), last.upper()} <= match._ABBREVIATION_ENDS, word
        text = f"Gesproken met {word.replace(chr(92), '').upper()}. Jansen."
        assert match.index(text).sentence_starts == [0], text


def test_a_section_part_sees_only_its_own_dates_and_numbers():
    report = parse("## Aanleiding\nOp 14-03-2026 belde 06-12345678.\n\n## Zorgen\n"
                   "Sinds 2 mei 2025 zorgen; bel 06-87654321.\n")
    doc = match.index(report.body)
    zorgen = doc.part(*report.spans["zorgen"])
    assert [(d, m, y) for d, m, y, _ in zorgen.dates] == [(2, 5, 2025)]
    assert match.find_phrase(zorgen, "06-87654321") is not None
    assert match.find_phrase(zorgen, "06-12345678") is None
    assert match.find_phrase(doc, "06-12345678") is not None


def test_a_section_part_sees_only_its_own_words_and_sentences():
    report = parse("## Feiten\nDaan huilde. Geen letsel.\n\n## Zorgen\nIk maak mij zorgen.\n")
    doc = match.index(report.body)
    zorgen = doc.part(*report.spans["zorgen"])
    assert match.find_phrase(zorgen, "zorgen") is not None
    assert match.find_phrase(zorgen, "Daan") is None
    assert match.find_phrase(doc, "Daan") is not None
    assert zorgen.sentence_at(zorgen.begin).text == "Ik maak mij zorgen."


def test_an_opinion_among_the_facts_makes_source_marking_partial_but_a_quote_does_not():
    scenario = io.load("HG-01")
    clean = grade(GOOD, scenario).criterion("bronvermelding")
    opinion = GOOD.replace("De buurvrouw belde 112.",
                           "De buurvrouw belde 112. Meneer was gewoon dronken, typisch.")
    quoted = GOOD.replace("De buurvrouw belde 112.",
                          'De buurvrouw belde 112. Mevrouw zei: "hij is gestoord".')
    assert clean.verdict == "aanwezig"
    assert grade(opinion, scenario).criterion("bronvermelding").verdict == "gedeeltelijk"
    assert grade(quoted, scenario).criterion("bronvermelding").verdict == "aanwezig"
    assert grade(quoted, scenario).criterion("objectiviteit").verdict == "aanwezig"


@pytest.mark.parametrize("text, form, negated", [
    ("Geen huisverbod opgelegd.", "huisverbod", True),
    ("Huisverbod is niet opgelegd.", "huisverbod", True),
    ("Zij zijn niet getrouwd, wonen samen.", "wonen samen", False),
    ("Samenwonend sinds 2017, niet getrouwd.", "samenwonend", False),
])
def test_a_negation_reaches_only_its_own_clause(text, form, negated):
    assert (match.find_phrase(match.index(text), form) is None) is negated


@pytest.mark.parametrize("case, item, sentence, leaked", [
    ("HG-03", "werkgever", "Vader was op zijn werk (Philips).", True),
    ("HG-03", "werkgever", "Vader werkt bij Tata Steel.", True),
    ("HG-03", "werkgever", "Vader was op zijn werk.", False),
    ("HG-08", "vriend", "Sara heeft een relatie met Youssef B. uit 5 havo.", True),
    ("HG-08", "vriend", "Sara heeft een relatie met een jongen uit 5 havo.", False),
])
def test_an_employer_or_a_third_party_is_recognised_by_its_shape(case, item, sentence, leaked):
    scenario = io.load(case)
    report = f"## Feiten\n### Verklaringen\n{sentence}\n"
    found = grade(report, scenario).criterion("filtering").missing
    assert any(item in text for text in found) is leaked


@pytest.mark.parametrize("struck", ["~~Vader werkt bij Tata Steel.~~",
                                    "<del>Vader werkt bij Tata Steel.</del>"])
def test_a_struck_out_employer_is_no_leak(struck):
    found = grade(f"## Feiten\n### Verklaringen\n{struck}\n", io.load("HG-03")).criterion(
        "filtering").missing
    assert not any("werkgever" in text for text in found)


@pytest.mark.parametrize("struck", ["<del>nee</del>", '<del datetime="2026-03-14">nee</del>',
                                    "<S>nee</S >", "<strike class='x'>nee</strike>"])
def test_struck_out_text_decides_nothing(struck):
    report = parse(f"- Melding aan Veilig Thuis: {struck} ja\n## Geïnformeerd\n"
                   "~~Moeder weet dat wij VT inlichten.~~\n")
    assert report.decisions["melding"].value == "ja"
    assert report.decisions["geinformeerd"].value is None


@pytest.mark.parametrize("kept", ["<strong>ja</strong>", "<span>ja</span>", "<sub>ja</sub>"])
def test_other_tags_starting_with_s_are_not_strikethrough(kept):
    assert parse(f"- Melding aan Veilig Thuis: {kept}\n").decisions["melding"].value == "ja"


def test_a_noun_negation_ends_at_a_preposition():
    doc = match.index("Eerder een klap zonder aangifte in januari 2026.")
    assert match.find_phrase(doc, "januari 2026") is not None
    assert match.find_phrase(doc, "aangifte") is None


@pytest.mark.parametrize("written", ["om 23.40 uur", "om 2340u", "rond twintig voor twaalf",
                                     "om tien over half twaalf", "23:40"])
def test_the_time_is_found_however_it_is_written(written):
    result = grade(f"## Aanleiding\nZaterdag 14 maart {written} belde de buurvrouw 112.\n", HG01)
    assert "tijdstip van het incident" not in result.criterion("feiten").missing


@pytest.mark.parametrize("text, expected", [
    ("- Acuut? Ja.", {"urgentie": "acuut"}),
    ("- Acuut? Nee.", {"urgentie": "niet_acuut"}),
    ("- Betrokkenen op de hoogte van de melding: ja", {"geinformeerd": "ja"}),
    ("Wij vinden dat hier gemeld moet worden, met spoed.", {"melding": "ja", "urgentie": "acuut"}),
    ("Ik meld dit daarom bij Veilig Thuis, niet acuut.",
     {"melding": "ja", "urgentie": "niet_acuut"}),
    ("Er is geen reden om te melden.", {"melding": "nee"}),
    ("De betrokkenen zijn over de melding geïnformeerd.", {"geinformeerd": "ja"}),
    ("Ik maak mij zorgen.", {"melding": None, "urgentie": None, "geinformeerd": None}),
])
def test_a_decision_is_read_from_a_question_or_a_sentence_when_its_line_is_missing(text,
                                                                                   expected):
    decisions = read_decisions(text)
    assert {kind: decisions[kind].value for kind in expected} == expected


@pytest.mark.parametrize("section, expected", [
    ("Moeder weet dat wij VT inlichten.", "ja"),
    ("Sara is verteld dat wij VT inlichten. De ouders zijn bewust niet ingelicht.", "deels"),
    ("Niemand is ingelicht, dat gaat VT doen.", "nee"),
])
def test_who_was_told_is_read_under_its_heading_when_the_line_is_missing(section, expected):
    decisions = parse(f"## Feiten\nIets.\n\n## Geïnformeerd\n{section}\n").decisions
    assert decisions["geinformeerd"].value == expected


def test_a_decision_read_from_the_text_is_scored_and_the_feedback_points_to_the_line():
    result = grade("## Feiten\nIk meld dit bij Veilig Thuis, niet acuut.\n", io.load("HG-07"))
    melding = result.criterion("besluit_melding")
    assert melding.verdict == "aanwezig"
    assert "besluitregel" in melding.feedback
    on_the_line = grade("- Melding aan Veilig Thuis: ja\n", io.load("HG-07"))
    assert "besluitregel" not in on_the_line.criterion("besluit_melding").feedback


@pytest.mark.parametrize("line, kind, expected", [
    ("Melden bij VT: JA", "melding", "ja"),
    ("Spoed: ja, acuut", "urgentie", "acuut"),
    ("Spoed: nee", "urgentie", "niet_acuut"),
    ("Acuut: dreiging tegen de kinderen.", "urgentie", None),
    ("Ouder op de hoogte gesteld: ja (moeder)", "geinformeerd", "ja"),
    ("Geïnformeerd: alleen Sara — ouders niet", "geinformeerd", "deels"),
])
def test_decision_lines_with_the_officers_own_labels(line, kind, expected):
    assert read_decisions(line)[kind].value == expected


def test_a_line_about_who_was_told_that_names_them_stays_a_fact_of_the_report():
    report = parse("## Besluit\n- Geïnformeerd: alleen Sara, ouders niet\n- Melding aan VT: ja\n")
    assert "alleen Sara" in report.body
    assert "Melding aan VT" not in report.body


@pytest.mark.parametrize("heading", ["## 9. Zorgen", "**Zorgen**", "Zorgen", "Zorgen:",
                                     "### 5a) Zorgen"])
def test_a_heading_is_recognised_numbered_in_bold_or_on_a_line_of_its_own(heading):
    report = parse(f"## Feiten\nEr was ruzie.\n\n{heading}\nIk schat de situatie acuut in.\n")
    assert report.sections.get("zorgen") == "Ik schat de situatie acuut in."


def test_a_line_that_only_starts_like_a_heading_stays_text():
    report = parse("## Feiten\nZorgen over de kinderen heb ik niet gezien.\n")
    assert "zorgen" not in report.sections


def test_a_report_written_as_one_table_has_its_sections():
    report = parse("| Onderdeel | Inhoud |\n|---|---|\n| Kinderen | geen |\n"
                   "| Melder | wijkagent A. Verschuren, BT Breda-Oost, 06-82736451 |\n")
    assert report.sections["melder"].startswith("wijkagent A. Verschuren")
    assert report.sections["kinderen"] == "geen"


def test_the_officers_signature_at_the_end_counts_as_the_melder_section():
    text = ("## Feiten\nEr was ruzie.\n\nE. Vermeulen, wijkagent, Eenheid Amsterdam, "
            "bt Nieuw-West\nTel: 06-90817263\n")
    assert grade(text, io.load("HG-08")).criterion("melder").verdict == "aanwezig"


def test_ticked_ballot_boxes_are_read():
    assert read_decisions("- Betrokkenen geïnformeerd: ☒ ja ☐ nee ☐ deels")[
        "geinformeerd"].value == "ja"


def test_an_officer_rounding_the_time_still_gives_it():
    result = grade("## Aanleiding\nZaterdag 14 maart rond kwart voor twaalf belde de buurvrouw "
                   "112.\n", HG01)
    assert "tijdstip van het incident" not in result.criterion("feiten").missing


@pytest.mark.parametrize("answer, verdict", [("n.v.t.", "ontbreekt"), ("Zie boven.", "ontbreekt"),
                                             ("Niet acuut, wel structureel.", "aanwezig")])
def test_a_zorgen_section_that_says_nothing_is_no_assessment(answer, verdict):
    result = grade(f"## Feiten\nEr was ruzie.\n\n## Zorgen\n{answer}\n", HG01)
    assert result.criterion("zorgen").verdict == verdict


@pytest.mark.parametrize("text", [
    "## Feiten\nDaan huilde. Geen letsel.\n\n## Zorgen\nIk maak mij zorgen. Acuut gevaar.\n",
    "## Zorgen\n   Geen.\n## Eerdere incidenten\nGeen. Niets bekend bij dhr. Jansen.\n",
    "## Eerdere incidenten\nNiets bekend\n",
    GOOD,
])
def test_a_section_reads_its_words_and_first_sentence_as_its_part_would(text):
    """grading.sections.Section builds a Document.part only for phrase searches: its words and
    first sentence must be what the part gives."""
    from grading.sections import Section

    report = parse(text)
    doc = match.index(report.body)
    for begin, end in report.spans.values():
        part = doc.part(begin, end)
        section = Section(doc, begin, end, doc.words_in(begin, end))
        assert section.words == part.words
        assert section.text == part.section_text
        if part.words:
            first = section.first_sentence()
            assert first == part.sentence_at(part.begin)
            assert section.words_from_start(first.end) == part.words_in(begin, first.end)


_SEEN = "Rode striemen in de hals en een gezwollen linkerwang bij Sanne, kapotte vaas in de kamer."


@pytest.mark.parametrize("seen, said, note", [
    (_SEEN, "Sanne verklaarde dat Mark haar greep. Mark zegt dat zij viel en stelt dat zij loog.",
     "structuur_goed"),
    (_SEEN, 'Sanne: "hij greep mij bij de keel en duwde mij tegen de muur van de kamer".',
     "structuur_goed"),
    (_SEEN, "Sanne huilde en Mark liep weg uit de woning, de kinderen sliepen boven in bed.",
     "structuur_slecht"),
    ("Kort.", "Sanne verklaarde dit. Mark zei dat. Daan vertelde iets.", "structuur_half"),
    ("Kort.", 'Sanne: "au".', "structuur_slecht"),
    ("Kort.", "Sanne zei au.", "structuur_slecht"),
    ("Kort.", 'Sanne verklaarde: "au".', "structuur_half"),
])
def test_source_marking_notes_the_structure_by_attributions_and_quotes(seen, said, note):
    """Attributions are counted only up to two (grading.pipeline._attributions): the note
    stays the one the full count gives."""
    from grading.pipeline import texts

    text = f"## Feiten\n### Waargenomen\n{seen}\n### Verklaringen\n{said}\n"
    feedback = grade(text, HG01).criterion("bronvermelding").feedback
    assert feedback.startswith(" ".join(texts()["bronvermelding"][note].split()))


_BLANKS = [" ", "\t", "\xa0", "\u2028", "\x1c", "\x85", "\u3000", "\x0b"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_BLANKS), max_size=3),
       st.lists(st.sampled_from(
           ["- ", "**", "| ", " |", "Melding aan Veilig Thuis", "Urgentie", "Geïnformeerd",
            "Acuut", "Spoed", "?", ":", "=", " ", "ja", "nee", "deels", "~~", "niet acuut",
            "moeder", "[x]", "☒", "e\u0308", "(", ")", "over de melding"]), max_size=8),
       st.lists(st.sampled_from(_BLANKS), max_size=3))
def test_white_space_at_a_lines_ends_never_makes_it_a_decision_line(before, pieces, after):
    """report.parse searches a section for decision lines only when one of its lines, before
    the section's text is stripped, is one: stripping must not change what a line is."""
    from grading.decisions import is_decision_line

    line = "".join(pieces)
    padded = "".join(before) + line + "".join(after)
    assert is_decision_line(padded) == is_decision_line(padded.strip())


def test_a_latin_1_text_is_composed_already():
    """report.clean skips NFC normalisation for a text of Latin-1 characters only: no such
    character is decomposed by NFC or combines with another."""
    latin_1 = [chr(code) for code in range(256)]
    assert all(unicodedata.is_normalized("NFC", ch) and not unicodedata.combining(ch)
               for ch in latin_1)
    text = "".join(latin_1) * 2
    assert unicodedata.normalize("NFC", text) == text
    assert parse("Gei\u0308nformeerd: ja").raw == "Geïnformeerd: ja"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x3FF), max_size=40))
def test_clean_composes_accents_as_nfc_does(text):
    from grading.report import clean

    composed = unicodedata.normalize("NFC", text.replace("\x00", " ").replace("\r\n", "\n")
                                     .replace("\r", "\n"))
    assert clean(text) == clean(composed)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(
    [" ", "\t", "1", "12", "a", "b.", ".", ")", ":", "?", "Z", "Zorgen", "É", "x" * 20, "- "]),
    max_size=12))
def test_a_plain_heading_line_is_matched_as_without_possessive_characters(pieces):
    """report._PLAIN_LINE takes a heading's characters possessively ({1,40}+): it must match
    exactly the lines, and give the same name, as the pattern that gives them back."""
    from grading.report import _PLAIN_LINE

    backtracking = re.compile(_PLAIN_LINE.pattern.replace("{1,40}+", "{1,40}"))
    line = "".join(pieces)
    possessive, plain = _PLAIN_LINE.match(line), backtracking.match(line)
    assert (possessive and possessive[1]) == (plain and plain[1])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(
    ["- ", "| ", " |", "Melding", "Urgentie", "Geïnformeerd", "acuut", "?", ":", "=", " ",
     "ja", "nee", "~~", "[x]", "melden", "op de hoogte", "\t"]), max_size=8))
def test_a_line_may_decide_unless_it_is_no_decision_line_and_gives_no_decision(pieces):
    """report.parse skips a line that decisions.may_decide rules out."""
    from grading.decisions import is_decision_line, line_readings, may_decide

    line = "".join(pieces)
    assert may_decide(line) or (not is_decision_line(line) and line_readings(line) == ())


_FORM_LINES = ["# Melding aan Veilig Thuis", "## Besluit", "## Zorgen", "**Aanleiding**", "Zorgen",
               "Geïnformeerd:", "| Melder | wijkagent |", "| Urgentie | acuut |", "|---|---|",
               "- Urgentie: acuut", "  Melding aan Veilig Thuis: ja  ", "Acuut? Ja.", "", "   ",
               "Er was ruzie.", " - Geïnformeerd: ja (moeder)", "Geïnformeerd: nee"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FORM_LINES), max_size=14))
def test_sections_and_decisions_are_those_of_reading_line_by_line(lines):
    """report.parse sorts a run of text lines at a time and reads the decisions of the lines
    it judged: the same as sorting and reading each line on its own."""
    from grading.decisions import is_decision_line
    from grading.report import _line_kind

    text = "\n".join(lines)
    sections: dict[str, list[str]] = {}
    current = "voor"
    for line in text.split("\n"):
        kind = _line_kind(line)
        if kind is None:
            sections.setdefault(current, []).append(line)
        elif isinstance(kind, tuple):
            sections.setdefault(kind[0], []).append(kind[1])
        elif kind != "titel":
            current = kind
    joined = {k: "\n".join(v).strip() for k, v in sections.items()}
    expected = {k: "\n".join(line for line in v.split("\n") if not is_decision_line(line))
                for k, v in joined.items()}
    report = parse(text)
    assert report.sections == expected
    assert list(report.sections) == list(expected)
    decisions = read_decisions(text, joined.get("geinformeerd", ""))
    assert report.decisions == decisions


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(
    ["24", "2", "02", "1958", "67", "14", "123456", "-", "/", ".", ":", " ", "(", ")", "jaar",
     "-jarig", "u", "maart", "nov", "'25", "laan ", "a", "van ", "٣"]), min_size=1, max_size=8))
@example(["2", "-", "2", " ", "(", "67", ")"])  # a date that is not all of it, then an age
def test_a_form_is_classified_as_from_all_its_numbers(pieces):
    """facts._kind_of reads only a form's first run of digits when the date there spans the
    whole form: it must classify every form as reading all its numbers does."""
    from grading import facts
    from grading import normalize as nz

    form = "".join(pieces)
    folded = nz.fold(form)
    numbers = nz.numbers(folded)
    dates = numbers.dates
    ages = [a for a in numbers.ages if a[0] <= nz.MAX_AGE]
    if not re.search(r"\d", folded):
        expected = "phrase", (form,)
    elif dates and dates[0][3].end - dates[0][3].start >= len(folded) - 1:
        expected = "date", dates[0][:3]
    elif ages and len(folded) <= 10:
        expected = "age", (ages[0][0],)
    elif numbers.times and len(folded) <= 6:
        expected = "time", numbers.times[0][:2]
    else:
        expected = "phrase", (form,)
    assert facts._kind_of.__wrapped__(form) == expected


def test_white_space_set_is_what_isspace_and_regex_call_white_space():
    """normalize._numbers_at looks characters up in _WHITE_SPACE instead of calling
    str.isspace(); the patterns' \\s must agree with both."""
    import sys

    from grading import normalize as nz

    every_space = {ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.isspace()}
    assert every_space == nz._WHITE_SPACE
    assert every_space == set(re.findall(r"\s", "".join(map(chr, range(sys.maxunicode + 1)))))
