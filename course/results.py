"""Per-report and per-criterion results, stored beside nbgrader's tables in the gradebook.

nbgrader keeps one score and one comment per answer cell. Progress tracking needs more: per
criterion the score and competency, the scenario's form and difficulty, whether a required
melding was missed. Those go into two tables of our own in the same database (SQLite or
PostgreSQL, whatever nbgrader's `db_url` says), written in the same transaction as nbgrader's
grade, keyed by (officer, assignment, notebook, cell) and replaced on every re-grade, so a
re-run never doubles a row.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    delete,
    func,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection

from grading.pipeline import rubric
from grading.result import GradeResult
from scenario.model import Scenario

metadata = MetaData()

# The competencies of grading/rubric.yaml, each a column of per-report fractions, so progress
# tracking reads one row per report instead of one per criterion (65,000 officers × 12
# assignments is 780,000 rows here and over 13 million in the criterion table).
COMPETENCIES: tuple[str, ...] = tuple(rubric()["competenties"])


def criterion_field(name: str) -> dict[str, str]:
    """One field of each rubric criterion by its id: 'naam' (its Dutch name, as feedback
    shows it) or 'competentie' (the competency it feeds)."""
    return {cid: c[name] for cid, c in rubric()["criteria"].items()}


def competency_column(name: str) -> str:
    return "c_" + name.replace("-", "_")


# Both tables hold one answer cell's result under the same key; `store` replaces it in both.
KEY = ("student", "opdracht", "notebook", "cel")


def _keyed(name: str, *columns: Column) -> Table:
    """A results table: an id, the key columns, then its own columns."""
    return Table(
        name, metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("student", String(128), nullable=False, index=True),
        Column("opdracht", String(128), nullable=False, index=True),
        Column("notebook", String(128), nullable=False),
        Column("cel", String(128), nullable=False),
        *columns,
    )


REPORTS = _keyed(
    "meldtrainer_melding",
    Column("scenario", String(64), nullable=False),
    Column("vorm", String(64), nullable=False),
    Column("moeilijkheid", String(16), nullable=False),
    Column("agentrol", String(16), nullable=False),
    Column("modus", String(16), nullable=False),
    Column("module", Integer, nullable=True),
    Column("melding_vereist", Boolean, nullable=False),
    Column("gemiste_melding", Boolean, nullable=False),
    Column("vormprobleem", Boolean, nullable=False),
    Column("score", Float, nullable=False),
    Column("maximum", Float, nullable=False),
    Column("fractie", Float, nullable=False),
    Column("ingeleverd", DateTime, nullable=True),
    Column("beoordeeld", DateTime, nullable=False),
    Column("resultaat", Text, nullable=False),  # the grader's JSON (grading/result.py, formaat 1)
    # Criteria judged missing or wrong, comma-separated (for "most-missed" views).
    Column("gemist", Text, nullable=False, default=""),
    *(Column(competency_column(c), Float, nullable=True) for c in COMPETENCIES),
)

CRITERIA = _keyed(
    "meldtrainer_criterium",
    Column("criterium", String(64), nullable=False),
    Column("competentie", String(64), nullable=False),
    Column("score", Float, nullable=False),
    Column("maximum", Float, nullable=False),
    Column("oordeel", String(16), nullable=False),
)


def competency_fractions(result: GradeResult) -> dict[str, float | None]:
    """Per competency the share of its points earned in this report (None: nothing to earn)."""
    earned = {c: 0.0 for c in COMPETENCIES}
    possible = {c: 0.0 for c in COMPETENCIES}
    for c in result.criteria:
        if c.competency in earned:
            earned[c.competency] += c.score
            possible[c.competency] += c.max
    return {competency_column(c): (round(earned[c] / possible[c], 4) if possible[c] else None)
            for c in COMPETENCIES}


def ensure_tables(conn: Connection) -> None:
    """Create our tables, or add the columns a newer version introduced (additive only, so a
    gradebook graded by an older version keeps its rows; new columns start empty)."""
    metadata.create_all(conn, checkfirst=True)
    inspector = inspect(conn)
    for table in (REPORTS, CRITERIA):
        present = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name not in present:
                kind = column.type.compile(dialect=conn.dialect)
                conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {column.name} {kind}"))


def report_row(result: GradeResult, scenario: Scenario, melding_required: bool) -> dict[str, Any]:
    """The graded melding's columns that follow from the result and its scenario (the rest of a
    `meldtrainer_melding` row says who, where and when)."""
    said = next((d.read for d in result.decisions if d.id == "melding"), None)
    return {
        "scenario": scenario.id, "vorm": scenario.form, "moeilijkheid": scenario.difficulty,
        "agentrol": scenario.officer.role, "melding_vereist": melding_required,
        "gemiste_melding": bool(melding_required and said != "ja" and not result.format_problem),
        "vormprobleem": result.format_problem is not None, "score": result.total,
        "maximum": result.max, "fractie": result.fraction,
        "gemist": ",".join(c.id for c in result.criteria
                           if c.verdict in ("ontbreekt", "onjuist") and c.max > 0),
        **competency_fractions(result),
    }


def store(conn: Connection, *, student: str, assignment: str, notebook: str, cell: str,
          mode: str, module: int | None = None, scenario: Scenario, melding_required: bool,
          result: GradeResult, submitted: dt.datetime | None) -> None:
    """Replace this cell's stored result (idempotent)."""
    key = dict(zip(KEY, (student, assignment, notebook, cell), strict=True))
    for table in (REPORTS, CRITERIA):
        conn.execute(delete(table).where(and_(*(table.c[k] == v for k, v in key.items()))))
    conn.execute(insert(REPORTS).values(
        **key, **report_row(result, scenario, melding_required), modus=mode, module=module,
        ingeleverd=submitted, beoordeeld=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        resultaat=json.dumps(result.to_dict(), ensure_ascii=False)))
    rows: list[dict[str, Any]] = [
        {**key, "criterium": c.id, "competentie": c.competency, "score": c.score,
         "maximum": c.max, "oordeel": c.verdict}
        for c in result.criteria]
    if rows:
        conn.execute(insert(CRITERIA), rows)


def melding_counts(conn: Any, assignment: str, *where: Any) -> dict[str, int]:
    """Per officer the number of stored meldingen of an assignment (that also meet `where`),
    in one query. `conn` is a connection or session."""
    rows = conn.execute(select(REPORTS.c.student, func.count())
                        .where(REPORTS.c.opdracht == assignment, *where)
                        .group_by(REPORTS.c.student)).all()
    return {student: int(n) for student, n in rows}
