"""Read the gradebook for progress: our per-report table, and nbgrader's students.

Works on any database nbgrader's `db_url` names (SQLite, PostgreSQL via postgresql+psycopg).
Only the columns the views need are read, in one query; aggregation that would otherwise need
the 13-million-row criterion table is avoided by the per-report competency columns.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from course.results import COMPETENCIES, competency_column
from progress.errors import ProgressError

# Only what the views use: every column read costs time at 780,000 rows.
REPORT_COLUMNS = ("student", "module", "vorm", "moeilijkheid", "melding_vereist",
                  "gemiste_melding", "vormprobleem", "fractie", "beoordeeld", "gemist")


def engine(db_url: str) -> sa.Engine:
    if db_url.startswith("sqlite:///"):
        from pathlib import Path

        path = Path(db_url.removeprefix("sqlite:///"))
        if not path.exists():
            raise ProgressError(f"De cijferlijst {path} bestaat niet. Geef de juiste cursusmap "
                                f"(--cursus) of db-url (--db).")
    try:
        return sa.create_engine(db_url)
    except Exception as exc:  # bad URL or missing driver
        raise ProgressError(f"De cijferlijst '{db_url}' kan niet worden geopend ({exc}). "
                            f"Controleer de db-url.") from None


def load_reports(db_url: str) -> pd.DataFrame:
    """One row per graded melding; empty (with the columns) when nothing is graded yet."""
    eng = engine(db_url)
    cols = [*REPORT_COLUMNS, *(competency_column(c) for c in COMPETENCIES)]
    try:
        with eng.connect() as conn:
            inspector = sa.inspect(conn)
            if not inspector.has_table("meldtrainer_melding"):
                return pd.DataFrame(columns=cols)
            present = {c["name"] for c in inspector.get_columns("meldtrainer_melding")}
            if set(cols) - present:
                raise ProgressError(
                    "De cijferlijst is nagekeken met een oudere versie van de Meldtrainer. Kijk "
                    "de opdrachten opnieuw na (meldtrainer grade batch OPDRACHT --opnieuw) en "
                    "maak het rapport dan opnieuw.")
            query = f"SELECT {', '.join(cols)} FROM meldtrainer_melding"
            if eng.dialect.name == "sqlite":  # the DB-API path skips per-row ORM processing
                frame = pd.read_sql(query, conn.connection.dbapi_connection)
            else:
                frame = pd.read_sql(sa.text(query), conn)
    except (sa.exc.SQLAlchemyError, pd.errors.DatabaseError) as exc:
        raise ProgressError(f"De cijferlijst '{db_url}' is niet leesbaar "
                            f"({exc.__class__.__name__}). Geef met --cursus de cursusmap of "
                            f"met --db de db_url van de nbgrader-cijferlijst (gradebook.db)."
                            ) from None
    finally:
        eng.dispose()
    frame["beoordeeld"] = pd.to_datetime(frame["beoordeeld"], errors="coerce", format="ISO8601")
    # Grouping on categories is several times faster than on strings.
    for col in ("student", "vorm", "moeilijkheid"):
        frame[col] = frame[col].astype("category")
    frame["gemist"] = frame["gemist"].fillna("")
    for col in ("melding_vereist", "gemiste_melding", "vormprobleem"):
        frame[col] = frame[col].astype(bool)
    return frame


def load_names(db_url: str) -> pd.DataFrame:
    """nbgrader's student names (only used when names are asked for)."""
    eng = engine(db_url)
    try:
        with eng.connect() as conn:
            if not sa.inspect(conn).has_table("student"):
                return pd.DataFrame(columns=["agent", "naam"])
            frame = pd.read_sql(sa.text("SELECT id, first_name, last_name FROM student"), conn)
    finally:
        eng.dispose()
    frame["naam"] = (frame["first_name"].fillna("") + " " + frame["last_name"].fillna("")
                     ).str.strip()
    return frame.rename(columns={"id": "agent"})[["agent", "naam"]]
