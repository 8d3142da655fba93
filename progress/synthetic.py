"""A synthetic gradebook of realistic size for the progress benchmark.

Writes officers (nbgrader's `student` table), a roster CSV and graded meldingen straight into
our result tables: `meldtrainer_melding` (one row per melding, with per-competency shares) and
`meldtrainer_criterium` (one row per criterion). Values come from a simple
generative model (true skill per officer and competency, difficulty per scenario, noise), not
from the grader: grading 780,000 meldingen would take the benchmark hours.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import numpy as np
import sqlalchemy as sa

from course.results import (
    COMPETENCIES,
    CRITERIA,
    REPORTS,
    competency_column,
    criterion_field,
    ensure_tables,
)
from progress.roster import KNOWN_EENHEDEN

FORMS = ("partnergeweld_zonder_kinderen", "partnergeweld_met_kinderen", "oudermishandeling",
         "verwaarlozing", "kindermishandeling", "ex_partner_stalking", "eergerelateerd_geweld",
         "ouderenmishandeling", "geweld_zorginstelling")
_W = np.array([31.2, 28.1, 10.4, 8.3, 7.3, 5.2, 4.2, 3.6, 1.6])
FORM_P = _W / _W.sum()  # the default recipe's shares (docs/benchmarks.md, realism)
LEVELS = ("makkelijk", "gemiddeld", "moeilijk")
LEVEL_SHIFT = np.array([0.08, 0.0, -0.10])
ROLES = ("noodhulp", "wijkagent", "intake", "recherche")


CHUNK = 20_000  # rows per insert


def write(db_url: str, roster_path: Path, officers: int = 65_000, assignments: int = 12,
          seed: int = 7) -> int:
    """Fill the database; returns the number of meldingen written."""
    rng = np.random.default_rng(seed)
    ids = [f"A{i:06d}" for i in range(officers)]
    teams = [f"{e} {k + 1}" for e in KNOWN_EENHEDEN for k in range(17)]
    team_of = rng.integers(0, len(teams), officers)
    with roster_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["agent", "eenheid", "basisteam", "rol", "startdatum"])
        for i, sid in enumerate(ids):
            team = teams[team_of[i]]
            w.writerow([sid, team.rsplit(" ", 1)[0], team, ROLES[i % 4], "2026-01-05"])
    skill = np.clip(rng.normal(0.68, 0.12, (officers, len(COMPETENCIES))), 0.05, 0.98)
    engine = sa.create_engine(db_url)
    start = dt.datetime(2026, 1, 5, 9)
    written = 0
    criterion_comp = criterion_field("competentie")
    crit_names = list(criterion_comp)
    crit_comp = np.array([COMPETENCIES.index(criterion_comp[c]) for c in crit_names])
    decision = COMPETENCIES.index("meldbeslissing")
    with engine.begin() as conn:
        ensure_tables(conn)
        if sa.inspect(conn).has_table("student"):
            conn.execute(sa.text("DELETE FROM student"))
        else:
            conn.execute(sa.text("CREATE TABLE student (id VARCHAR(128) PRIMARY KEY, "
                                 "first_name VARCHAR(128), last_name VARCHAR(128), "
                                 "email VARCHAR(128), lms_user_id VARCHAR(128))"))
        conn.execute(sa.text("INSERT INTO student (id, first_name, last_name) VALUES "
                             "(:id, :f, :l)"),
                     [{"id": s, "f": "Agent", "l": f"Fictief {s}"} for s in ids])
    total = officers * assignments
    for lo in range(0, total, CHUNK):
        hi = min(total, lo + CHUNK)
        idx = np.arange(lo, hi)
        off, k = idx // assignments, idx % assignments
        level = rng.integers(0, 3, hi - lo)
        shares = np.clip(skill[off] + LEVEL_SHIFT[level][:, None]
                         + rng.normal(0, 0.12, (hi - lo, len(COMPETENCIES))), 0, 1)
        blank = rng.random(hi - lo) < 0.02
        required = rng.random(hi - lo) < 0.92
        missed_melding = required & (rng.random(hi - lo) > shares[:, decision] + 0.15) & ~blank
        crit_ok = rng.random((hi - lo, len(crit_names))) < shares[:, crit_comp] + 0.1
        forms = rng.choice(len(FORMS), hi - lo, p=FORM_P)
        rows, crows = [], []
        for j in range(hi - lo):
            sid, a = ids[off[j]], int(k[j])
            when = start + dt.timedelta(days=int(a * 21 + (off[j] % 20)), hours=int(off[j] % 8))
            missed = ",".join(crit_names[c] for c in np.flatnonzero(~crit_ok[j]))
            rows.append({
                "student": sid, "opdracht": f"m{a % 6 + 1}-ronde{a // 6 + 1}", "notebook":
                "opdracht", "cel": "melding_1", "scenario": f"SC-{idx[j]:012X}",
                "vorm": FORMS[forms[j]], "moeilijkheid": LEVELS[level[j]],
                "agentrol": ROLES[off[j] % 4], "modus": "oefenen", "module": a % 6 + 1,
                "melding_vereist": bool(required[j]), "gemiste_melding": bool(missed_melding[j]),
                "vormprobleem": bool(blank[j]), "score": 0.0 if blank[j] else
                float(72 * shares[j].mean()), "maximum": 72.0,
                "fractie": 0.0 if blank[j] else float(shares[j].mean()),
                "ingeleverd": when, "beoordeeld": when + dt.timedelta(hours=1),
                "resultaat": json.dumps({"formaat": 1, "synthetisch": True}),
                "gemist": "" if blank[j] else missed,
                **{competency_column(c): (None if blank[j] else float(shares[j, n]))
                   for n, c in enumerate(COMPETENCIES)},
            })
            if not blank[j]:
                crows += [{"student": sid, "opdracht": rows[-1]["opdracht"],
                           "notebook": "opdracht", "cel": "melding_1", "criterium": name,
                           "competentie": criterion_comp[name],
                           "score": 4.0 * float(crit_ok[j, c]), "maximum": 4.0,
                           "oordeel": "aanwezig" if crit_ok[j, c] else "ontbreekt"}
                          for c, name in enumerate(crit_names)]
        with engine.begin() as conn:
            conn.execute(REPORTS.insert(), rows)
            if crows:
                conn.execute(CRITERIA.insert(), crows)
        written += len(rows)
    engine.dispose()
    return written
