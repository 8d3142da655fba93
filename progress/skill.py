"""Skill per officer and competency: a Bayesian shrinkage estimate with forgetting and
difficulty adjustment (see docs/progress.md for why this model).

Each graded melding gives, per competency, the share of that competency's points the officer
earned (course/results.py). The estimate for an officer is a precision-weighted mean:

1. **Difficulty**: a melding on a hard scenario earns fewer points for the same skill. Each share
   is shifted by how much the population scored on that difficulty level compared with its
   overall mean (levels shrunk towards the mean with a pseudo-count, so a rare level does not
   swing it).
2. **Recency**: the newest attempt weighs 1, each older one less (half-life `HALF_LIFE`
   attempts), so the estimate follows an officer who improves.
3. **Prior and uncertainty**: the population mean counts as `PRIOR_WEIGHT` attempts; the
   standard error is the population's spread of adjusted shares over the square root of the
   total weight. Few attempts = pulled to the mean and a wide interval.

Everything is vectorised over pandas group-bys: 65,000 officers × 12 attempts × 6 competencies
is a few seconds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

HALF_LIFE = 6.0  # attempts
PRIOR_WEIGHT = 2.0  # the population mean counts as this many attempts
LEVEL_PSEUDO_COUNT = 20.0
Z90 = 1.645


def long_form(reports: pd.DataFrame, competencies: list[str]) -> pd.DataFrame:
    """One row per (report, competency) with a share; format problems are not attempts."""
    from course.results import competency_column

    usable = reports[~reports["vormprobleem"]]
    parts = []
    for comp in competencies:
        col = competency_column(comp)
        part = usable[["student", "moeilijkheid", "beoordeeld", col]].dropna(subset=[col])
        parts.append(part.rename(columns={col: "aandeel"}).assign(competentie=comp))
    if not parts:
        return pd.DataFrame(columns=["student", "moeilijkheid", "beoordeeld", "aandeel",
                                     "competentie"])
    return pd.concat(parts, ignore_index=True)


def estimate(long: pd.DataFrame) -> pd.DataFrame:
    """Per (student, competentie): schatting, sd, laag, hoog (90%), pogingen."""
    cols = ["student", "competentie", "schatting", "sd", "laag", "hoog", "pogingen"]
    if long.empty:
        return pd.DataFrame(columns=cols)
    df = long.copy()
    df["competentie"] = df["competentie"].astype("category")
    comp_mean = df.groupby("competentie", observed=True)["aandeel"].transform("mean")
    level = df.groupby(["competentie", "moeilijkheid"], observed=True)["aandeel"]
    level_sum, level_n = level.transform("sum"), level.transform("count")
    level_mean = (level_sum + LEVEL_PSEUDO_COUNT * comp_mean) / (level_n + LEVEL_PSEUDO_COUNT)
    df["aangepast"] = df["aandeel"] - (level_mean - comp_mean)
    df["mu0"] = comp_mean
    spread = (df.groupby("competentie", observed=True)["aangepast"].transform("std")
              .fillna(0.25).clip(lower=0.05))
    df["spread"] = spread
    # Rank attempts newest first per officer and competency; weight halves every HALF_LIFE.
    df = df.sort_values(["student", "competentie", "beoordeeld"], kind="stable")
    age = df.groupby(["student", "competentie"], observed=True).cumcount(ascending=False)
    df["w"] = np.power(0.5, age.to_numpy() / HALF_LIFE)
    df["wx"] = df["w"] * df["aangepast"]
    g = df.groupby(["student", "competentie"], sort=False, observed=True)
    out = g.agg(sw=("w", "sum"), swx=("wx", "sum"), pogingen=("w", "size"), mu0=("mu0", "first"),
                spread=("spread", "first")).reset_index()
    total = PRIOR_WEIGHT + out["sw"]
    out["schatting"] = ((PRIOR_WEIGHT * out["mu0"] + out["swx"]) / total).clip(0, 1)
    out["sd"] = out["spread"] / np.sqrt(total)
    out["laag"] = (out["schatting"] - Z90 * out["sd"]).clip(0, 1)
    out["hoog"] = (out["schatting"] + Z90 * out["sd"]).clip(0, 1)
    out = out[cols]
    out["student"] = out["student"].astype(str)
    out["competentie"] = out["competentie"].astype(str)
    return out.reset_index(drop=True)
