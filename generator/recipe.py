"""Recipes: what an instructor asks of a scenario set (forms, difficulty, minors, roles, eenheden).

A recipe is a small YAML file in Dutch keys (see scenarios/recepten/). Everything not given falls
back to the defaults in generator/data/forms.yaml and DOMAIN.md. Validation happens here, with
Dutch messages that say what is wrong and how to fix it, before anything is generated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from generator.providers import EENHEDEN

DATA = Path(__file__).resolve().parent / "data"

DIFFICULTIES = ("makkelijk", "gemiddeld", "moeilijk")
OFFICER_ROLES = ("intake", "noodhulp", "wijkagent", "recherche")

# Shares the realism benchmark checks, with their defaults (DOMAIN.md §1: alcohol in about a
# quarter of incidents; 38% hermeldingen; suspects 85–90% male).
DEFAULT_TARGETS = {"alcohol": 0.25, "herhaling": 0.38, "verdachte_man": 0.87}

KNOWN_KEYS = {
    "naam", "omschrijving", "vormen", "moeilijkheid", "aandeel_minderjarigen", "rollen",
    "eenheden", "periode", "doelen",
}


class RecipeError(ValueError):
    """A recipe that cannot be used. The message is Dutch and says how to fix it."""


@cache
def form_catalogue() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((DATA / "forms.yaml").read_text(encoding="utf-8"))
    return data["vormen"]


@cache
def content() -> dict[str, Any]:
    """The content pools of forms.yaml (acts, threats, noise ...)."""
    return yaml.safe_load((DATA / "forms.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Recipe:
    name: str
    forms: dict[str, float]
    difficulty: dict[str, float]
    roles: dict[str, float]
    eenheden: tuple[str, ...]
    period_start: dt.date
    period_end: dt.date
    # Probability that an optional-minors form is built with minors (derived from the target).
    p_optional_minors: float
    # Probability of a male suspect in forms that do not fix it (derived from the target).
    p_male_free: float
    share_with_minors: float | None
    targets: dict[str, float] = field(default_factory=dict)

    def expected_minor_share(self) -> float:
        cat = form_catalogue()
        fixed = sum(w for f, w in self.forms.items() if cat[f]["minderjarigen"] == "altijd")
        optional = sum(w for f, w in self.forms.items() if cat[f]["minderjarigen"] == "optioneel")
        return fixed + optional * self.p_optional_minors


def _weights(raw: Any, allowed: tuple[str, ...] | list[str], what: str, hint: str) -> dict:
    if isinstance(raw, list):
        raw = {key: 1.0 for key in raw}
    if not isinstance(raw, dict) or not raw:
        raise RecipeError(
            f"'{what}' moet een lijst of een tabel met gewichten zijn, bijvoorbeeld {hint}."
        )
    out: dict[str, float] = {}
    for key, weight in raw.items():
        if key not in allowed:
            raise RecipeError(
                f"Onbekende waarde '{key}' bij '{what}'. Kies uit: {', '.join(allowed)}."
            )
        try:
            value = float(weight)
        except (TypeError, ValueError):
            raise RecipeError(f"Het gewicht van '{key}' bij '{what}' is geen getal.") from None
        if value < 0:
            raise RecipeError(f"Het gewicht van '{key}' bij '{what}' is negatief ({value}).")
        out[key] = value
    total = sum(out.values())
    if total <= 0:
        raise RecipeError(f"De gewichten bij '{what}' zijn samen 0; geef minstens één positief.")
    return {k: v / total for k, v in out.items() if v > 0}


def _date(raw: Any, what: str) -> dt.date:
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        raise RecipeError(
            f"'{what}' is geen geldige datum ({raw!r}); gebruik JJJJ-MM-DD."
        ) from None


def from_dict(data: dict[str, Any] | None, name: str = "recept") -> Recipe:
    """Validate a parsed recipe; every problem is a RecipeError with a Dutch message."""
    data = dict(data or {})
    unknown = set(data) - KNOWN_KEYS
    if unknown:
        raise RecipeError(
            f"Onbekend veld in het recept: {', '.join(sorted(unknown))}. "
            f"Toegestaan: {', '.join(sorted(KNOWN_KEYS))}."
        )
    catalogue = form_catalogue()
    forms = _weights(
        data.get("vormen") or {f: c["basisfrequentie"] for f, c in catalogue.items()},
        list(catalogue), "vormen", "{partnergeweld_met_kinderen: 2, verwaarlozing: 1}",
    )
    difficulty = _weights(
        data.get("moeilijkheid") or {"makkelijk": 0.4, "gemiddeld": 0.4, "moeilijk": 0.2},
        DIFFICULTIES, "moeilijkheid", "{makkelijk: 1, moeilijk: 1}",
    )
    roles = _weights(
        data.get("rollen") or {"noodhulp": 0.4, "wijkagent": 0.25, "intake": 0.25,
                               "recherche": 0.1},
        OFFICER_ROLES, "rollen", "[noodhulp, wijkagent]",
    )
    eenheden = data.get("eenheden") or list(EENHEDEN)
    if isinstance(eenheden, str):
        eenheden = [eenheden]
    for e in eenheden:
        if e not in EENHEDEN:
            raise RecipeError(f"Onbekende eenheid '{e}'. Kies uit: {', '.join(EENHEDEN)}.")

    for form in forms:
        if not set(catalogue[form]["rollen"]) & set(roles):
            raise RecipeError(
                f"Onmogelijk recept: de vorm '{form}' komt bij geen van de gekozen rollen "
                f"({', '.join(roles)}) voor. Voeg een van deze rollen toe: "
                f"{', '.join(catalogue[form]['rollen'])}, of haal de vorm weg."
            )

    period = data.get("periode") or {}
    start = _date(period.get("van", "2026-01-01"), "periode.van")
    end = _date(period.get("tot", "2026-06-30"), "periode.tot")
    if end < start:
        raise RecipeError("De periode eindigt vóór het begin; draai 'van' en 'tot' om.")

    share = data.get("aandeel_minderjarigen")
    fixed = sum(w for f, w in forms.items() if catalogue[f]["minderjarigen"] == "altijd")
    optional = sum(w for f, w in forms.items() if catalogue[f]["minderjarigen"] == "optioneel")
    if share is None:
        p_optional = 0.5
    else:
        try:
            share = float(share)
        except (TypeError, ValueError):
            raise RecipeError(
                "'aandeel_minderjarigen' moet een getal tussen 0 en 1 zijn."
            ) from None
        if not 0 <= share <= 1:
            raise RecipeError(
                f"'aandeel_minderjarigen' moet tussen 0 en 1 liggen (nu {share}); "
                "bijvoorbeeld 0.5 voor de helft."
            )
        low, high = fixed, fixed + optional
        if not low - 1e-9 <= share <= high + 1e-9:
            raise RecipeError(
                f"Onmogelijk recept: met deze vormen ligt het aandeel scenario's met "
                f"minderjarigen tussen {low:.2f} en {high:.2f}, maar gevraagd is {share:.2f}. "
                "Pas 'aandeel_minderjarigen' aan of kies andere vormen."
            )
        p_optional = 0.0 if optional == 0 else min(1.0, max(0.0, (share - fixed) / optional))

    targets = dict(DEFAULT_TARGETS)
    for key, value in (data.get("doelen") or {}).items():
        if key not in DEFAULT_TARGETS:
            raise RecipeError(
                f"Onbekend doel '{key}'. Toegestaan: {', '.join(DEFAULT_TARGETS)}."
            )
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise RecipeError(f"Doel '{key}' moet een getal tussen 0 en 1 zijn.") from None
        if not 0 <= value <= 1:
            raise RecipeError(f"Doel '{key}' moet tussen 0 en 1 liggen (nu {value}).")
        targets[key] = value

    fixed_male = {f: float(catalogue[f]["verdachte_man"]) for f in forms
                  if "verdachte_man" in catalogue[f]}
    free = sum(w for f, w in forms.items() if f not in fixed_male)
    fixed_part = sum(forms[f] * share for f, share in fixed_male.items())
    target = targets["verdachte_man"]
    low, high = fixed_part, fixed_part + free
    if "verdachte_man" in (data.get("doelen") or {}) and not low - 1e-9 <= target <= high + 1e-9:
        raise RecipeError(
            f"Onmogelijk recept: met deze vormen ligt het aandeel mannelijke verdachten tussen "
            f"{low:.2f} en {high:.2f}, maar het doel is {target:.2f}. Pas "
            "'doelen.verdachte_man' aan of kies andere vormen."
        )
    # Without an explicit target the default is approached as far as the forms allow.
    p_male_free = min(1.0, max(0.0, (target - fixed_part) / free)) if free else 0.0

    return Recipe(
        name=str(data.get("naam") or name),
        forms=forms,
        difficulty=difficulty,
        roles=roles,
        eenheden=tuple(eenheden),
        period_start=start,
        period_end=end,
        p_optional_minors=p_optional,
        p_male_free=p_male_free,
        share_with_minors=share,
        targets=targets,
    )


def load(path: Path | None) -> Recipe:
    """Load a recipe file; None gives the default recipe (DOMAIN.md base rates)."""
    if path is None:
        return from_dict({}, "standaard")
    if not path.exists():
        raise RecipeError(
            f"Het recept {path} bestaat niet. Zie scenarios/recepten/ voor voorbeelden."
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RecipeError(f"{path} is geen geldige YAML: {exc}") from None
    if data is not None and not isinstance(data, dict):
        raise RecipeError(f"{path}: een recept is een tabel met velden zoals 'vormen' en 'rollen'.")
    return from_dict(data, path.stem)
