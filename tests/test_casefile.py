"""The officer's case file: complete, varied, deterministic, and without ground truth."""

import copy
import dataclasses

from generator import casefile
from generator import recipe as recipes
from generator.generate import generate
from policy import decide
from scenario import io

HG01 = io.load("HG-01")


def test_case_file_holds_the_facts_the_officer_needs():
    text = casefile.render_casefile(HG01)
    for fact in ("Sanne de Wit", "02-05-1991", "Klaproosstraat 18", "kapot", "op de trap",
                 "Lotte", "Daan", "23.40 uur", "zaterdag 14 maart 2026"):
        assert fact in text, fact


def test_case_file_contains_noise_but_no_ground_truth():
    text = casefile.render_casefile(HG01)
    assert "06-00987654" in text  # the neighbour's number: noise the officer must not pass on
    gt = decide(HG01)
    for leak in ("acuut", "Melding aan Veilig Thuis: ja", "niet voor Veilig Thuis",
                 "Beoordelingskader", gt.explanation["melding"][:40]):
        assert leak not in text, leak


def test_rendering_is_deterministic():
    assert casefile.render_casefile(HG01) == casefile.render_casefile(copy.deepcopy(HG01))


def test_wording_varies_between_scenarios():
    openings = set()
    for seed in range(20):
        variant = dataclasses.replace(HG01, id=f"HG-01-v{seed}", seed=seed)
        text = casefile.render_casefile(variant)
        openings.add(text.split("## Situatie\n", 1)[1].split("\n", 1)[0])
    assert len(openings) >= 2


def test_review_page_adds_the_assessment_frame():
    text = casefile.render_review(HG01, decide(HG01))
    assert "Beoordelingskader" in text and "**Urgentie:** acuut" in text
    assert "Niet voor Veilig Thuis" in text


def test_html_escapes_script_in_any_text():
    s = copy.deepcopy(HG01)
    s.statements[0].text = "<script>alert('x')</script>"
    page = casefile.to_html(casefile.render_casefile(s), "<b>titel</b>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert page.startswith("<!DOCTYPE html>") and 'lang="nl"' in page


def test_unknown_suspect_is_described_not_given_a_placeholder_name():
    r = recipes.from_dict({"vormen": ["geweld_zorginstelling"]})
    for s in generate(r, 10, 2):
        suspect = s.with_role("verdachte")[0]
        text = casefile.render_casefile(s)
        assert suspect.full_name not in text
        assert suspect.occupation in text


def test_every_generated_form_renders():
    for s in generate(recipes.from_dict({}), 200, 31):
        text = casefile.render_casefile(s)
        assert text.startswith(f"# Dossier {s.id}") and "## Verklaringen" in text
