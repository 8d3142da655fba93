"""The views programme managers read, as frames: pure functions of reports, roster, estimates.

Every aggregate over officers is suppressed (values removed, `verborgen` set) when its group has
fewer than `minimale_groep` officers (progress/advies.yaml), so no individual can be read off a
team view.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from course.results import COMPETENCIES, competency_column, criterion_field

HERE = Path(__file__).resolve().parent
UNKNOWN = "(onbekend)"


@cache
def advice() -> dict:
    return yaml.safe_load((HERE / "advies.yaml").read_text(encoding="utf-8"))


def min_group() -> int:
    return int(advice()["minimale_groep"])


def with_roster(reports: pd.DataFrame, roster: pd.DataFrame) -> pd.DataFrame:
    places = roster.set_index("agent")[["eenheid", "basisteam"]]
    out = reports.copy()
    students = pd.Series(out["student"].cat.categories if hasattr(out["student"], "cat")
                         else out["student"].unique())
    for col in ("eenheid", "basisteam"):
        # Map once per officer, not once per report.
        per_officer = students.map(places[col]).fillna(UNKNOWN).replace("", UNKNOWN)
        lookup = dict(zip(students, per_officer, strict=True))
        out[col] = out["student"].map(lookup).astype("category")
    return out


def suppress(frame: pd.DataFrame, keys: tuple[str, ...] = ()) -> pd.DataFrame:
    """Hide the values (not the group keys) of groups with fewer than the minimum number of
    officers (column `agenten`)."""
    frame = frame.copy()
    small = frame["agenten"] < min_group()
    value_cols = [c for c in frame.columns
                  if frame[c].dtype.kind in "fi" and c != "agenten" and c not in keys]
    frame[value_cols] = frame[value_cols].astype(float)
    frame.loc[small, value_cols] = float("nan")
    frame["verborgen"] = small
    return frame


def missed_flags(usable: pd.DataFrame) -> pd.DataFrame:
    """Per real attempt, a column per criterion: missing or wrong (from "gemist"). Each distinct
    "gemist" list is parsed once, then the flags are spread by code."""
    codes, uniques = pd.factorize(usable["gemist"].astype(str))
    parsed = [set(u.split(",")) - {""} for u in uniques]
    names = sorted(set().union(*parsed)) if parsed else []
    matrix = np.array([[name in p for name in names] for p in parsed], dtype=bool).reshape(
        len(parsed), len(names))
    return pd.DataFrame(matrix[codes] if len(codes) else np.zeros((0, len(names)), bool),
                        columns=names, index=usable.index)


@cache
def criterion_names() -> dict[str, str]:
    """Each rubric criterion's Dutch name, as the feedback shows it."""
    return criterion_field("naam")


def dutch_criterion(cid: str) -> str:
    """A criterion's Dutch name; its id where an older rubric had one this rubric lacks."""
    return criterion_names().get(cid, cid)


def missed_criteria(usable: pd.DataFrame, flags: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """How often each criterion was missing or wrong, per group (share of that group's real
    attempts), most-missed first; `onderdeel` is its Dutch name (its id where an older rubric
    had one this rubric lacks). `flags`: missed_flags(usable)."""
    names = list(flags.columns)
    g = flags.join(usable[[*by, "student"]]).groupby(by, observed=True)
    missed = g[names].sum().stack().rename("gemist").reset_index()
    missed.columns = [*by, "criterium", "gemist"]
    missed["onderdeel"] = missed["criterium"].map(dutch_criterion)
    meta = g.agg(meldingen=("student", "size"), agenten=("student", "nunique")).reset_index()
    out = missed.merge(meta, on=by)
    out = out[out["gemist"] > 0]
    out["aandeel_gemist"] = out["gemist"] / out["meldingen"]
    out = out.sort_values([*by, "aandeel_gemist"], ascending=[True] * len(by) + [False])
    return suppress(out)


def coverage(usable: pd.DataFrame, roster: pd.DataFrame, by: str,
             modules: list[int]) -> pd.DataFrame:
    """Per group and module: how many roster officers have done it (`usable`: the real
    attempts)."""
    done = usable.dropna(subset=["module"])
    done = done[["student", "module"]].drop_duplicates()
    people = roster[["agent", by]].rename(columns={"agent": "student"})
    people[by] = people[by].replace("", UNKNOWN)
    rows = []
    for module in modules:
        did = set(done.loc[done["module"] == module, "student"])
        grp = people.assign(gedaan=people["student"].isin(did)).groupby(by, observed=True)
        part = grp.agg(agenten=("student", "size"), gedaan=("gedaan", "sum")).reset_index()
        part["module"] = module
        part["niet_gedaan"] = part["agenten"] - part["gedaan"]
        part["dekking"] = part["gedaan"] / part["agenten"]
        rows.append(part)
    if not rows:
        return pd.DataFrame(columns=[by, "module", "agenten", "gedaan", "niet_gedaan", "dekking"])
    return suppress(pd.concat(rows, ignore_index=True), keys=("module",))


def competency_distribution(estimates: pd.DataFrame, people: pd.DataFrame,
                            by: str) -> pd.DataFrame:
    """Per group and competency: officers, mean and quartiles of their skill estimates."""
    df = estimates.merge(people[["student", by]], on="student", how="left")
    df[by] = df[by].fillna(UNKNOWN)
    g = df.groupby([by, "competentie"], observed=True)["schatting"]
    out = pd.DataFrame({
        "agenten": g.size(), "gemiddeld": g.mean(), "p25": g.quantile(0.25),
        "mediaan": g.median(), "p75": g.quantile(0.75)}).reset_index()
    return suppress(out)


def competency_trend(usable: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per group, month and competency: the mean share of points (`usable`: real attempts)."""
    usable = usable.assign(maand=usable["beoordeeld"].dt.to_period("M").astype(str))
    cols = {competency_column(c): c for c in COMPETENCIES}
    g = usable.groupby([by, "maand"], observed=True)
    out = g[list(cols)].mean().rename(columns=cols)
    out["agenten"] = g["student"].nunique()
    return suppress(out.reset_index())


def missed_meldingen(usable: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per group: the share of required meldingen the officers did not make (the worst error;
    `usable`: real attempts)."""
    g = usable[usable["melding_vereist"]].groupby(by, observed=True)
    out = pd.DataFrame({"agenten": g["student"].nunique(), "vereist": g.size(),
                        "gemist": g["gemiste_melding"].sum()}).reset_index()
    out["aandeel_gemist"] = out["gemist"] / out["vereist"]
    return suppress(out)


def by_form(usable: pd.DataFrame) -> pd.DataFrame:
    """Per scenario form and difficulty: how hard (mean score), and how many (`usable`: real
    attempts)."""
    g = usable.groupby(["vorm", "moeilijkheid"], observed=True)
    out = pd.DataFrame({"agenten": g["student"].nunique(), "meldingen": g.size(),
                        "gemiddelde_score": g["fractie"].mean(),
                        "gemiste_meldingen": g["gemiste_melding"].mean()}).reset_index()
    return suppress(out.sort_values("gemiddelde_score"))


def next_step(officer_estimates: pd.DataFrame, done_modules: set[int]) -> str:
    """A Dutch sentence: which module to practise next, and why."""
    comps = advice()["competenties"]
    if officer_estimates.empty:
        return "Begin met module 1: Huiselijk geweld herkennen."
    weakest = officer_estimates.sort_values("schatting").iloc[0]
    info = comps[weakest["competentie"]]
    todo = sorted({c["module"] for c in comps.values()} - done_modules)
    if todo and todo[0] != info["module"]:
        first = todo[0]
        name = next(c["naam"] for c in comps.values() if c["module"] == first)
        return (f"Nog niet gedaan: module {first} ({name}). Zwakste competentie: "
                f"{weakest['competentie']} ({weakest['schatting']:.0%}); oefen daarna module "
                f"{info['module']} ({info['naam']}).")
    return (f"Oefen module {info['module']} ({info['naam']}): de zwakste competentie is "
            f"{weakest['competentie']} ({weakest['schatting']:.0%}).")


def not_done(usable: pd.DataFrame, roster: pd.DataFrame, modules: list[int]) -> pd.DataFrame:
    """Per roster officer: the modules without a real attempt yet (`usable`: the real attempts;
    pseudonymous ids)."""
    done = usable.dropna(subset=["module"])
    have = done.groupby("student", observed=True)["module"].agg(
        lambda s: {int(m) for m in s})
    out = roster[["agent", "eenheid", "basisteam"]].copy()
    out[["eenheid", "basisteam"]] = out[["eenheid", "basisteam"]].replace("", UNKNOWN)
    missing = [sorted(set(modules) - have.get(a, set())) for a in out["agent"]]
    out["niet_gedaan"] = [" ".join(str(m) for m in ms) for ms in missing]
    out["aantal_niet_gedaan"] = [len(ms) for ms in missing]
    return out[out["aantal_niet_gedaan"] > 0].reset_index(drop=True)
