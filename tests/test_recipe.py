import pytest

from generator import recipe
from generator.recipe import RecipeError


def test_default_recipe_uses_domain_base_rates():
    r = recipe.from_dict({})
    assert abs(sum(r.forms.values()) - 1) < 1e-9
    assert r.forms["partnergeweld_zonder_kinderen"] > r.forms["eergerelateerd_geweld"]


def test_unknown_form_is_named_in_dutch_with_the_allowed_forms():
    with pytest.raises(RecipeError, match=r"Onbekende waarde 'kattenmishandeling'.*Kies uit"):
        recipe.from_dict({"vormen": {"kattenmishandeling": 1}})


def test_negative_weight_is_refused():
    with pytest.raises(RecipeError, match="negatief"):
        recipe.from_dict({"vormen": {"verwaarlozing": -1}})


def test_share_of_minors_outside_reachable_range_is_an_impossible_recipe():
    with pytest.raises(RecipeError, match="Onmogelijk recept"):
        recipe.from_dict({"vormen": ["ouderenmishandeling"], "aandeel_minderjarigen": 0.5})


def test_form_without_a_matching_officer_role_is_an_impossible_recipe():
    with pytest.raises(RecipeError, match=r"Onmogelijk recept.*geweld_zorginstelling"):
        recipe.from_dict({"vormen": ["geweld_zorginstelling"], "rollen": ["noodhulp"]})


def test_reachable_share_of_minors_sets_the_optional_probability():
    r = recipe.from_dict({
        "vormen": {"partnergeweld_met_kinderen": 1, "ex_partner_stalking": 1},
        "aandeel_minderjarigen": 0.75,
    })
    assert r.p_optional_minors == pytest.approx(0.5)
    assert r.expected_minor_share() == pytest.approx(0.75)


def test_unknown_eenheid_and_reversed_period_are_refused():
    with pytest.raises(RecipeError, match="Onbekende eenheid"):
        recipe.from_dict({"eenheden": ["Atlantis"]})
    with pytest.raises(RecipeError, match="vóór het begin"):
        recipe.from_dict({"periode": {"van": "2026-05-01", "tot": "2026-01-01"}})


def test_explicit_unreachable_male_suspect_target_is_an_impossible_recipe():
    with pytest.raises(RecipeError, match="mannelijke verdachten"):
        recipe.from_dict({"vormen": ["verwaarlozing"], "doelen": {"verdachte_man": 0.9}})


def test_default_male_suspect_target_is_approached_as_far_as_the_forms_allow():
    r = recipe.from_dict({"vormen": ["verwaarlozing", "oudermishandeling"]})
    assert r.p_male_free == 1.0
