"""Progress tracking: the skill model on simulated officers graded by the real grader, the report
on a real course gradebook (real nbgrader), pseudonymisation, small-cell suppression, bad input,
and the PostgreSQL path on a real local server."""

from __future__ import annotations

import datetime as dt
import html
import os
import shutil
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from nbgrader.api import Gradebook

from course.config import settings
from course.results import COMPETENCIES
from progress.simulate import officers, spearman
from progress.skill import estimate, long_form


def test_skill_model_recovers_the_ranking_of_simulated_officers():
    reports, truth = officers(120, 10, seed=11)
    est = estimate(long_form(reports, list(COMPETENCIES)))
    est["waar"] = est["student"].map(truth)
    overall = est.groupby("student")["schatting"].mean()
    assert spearman(overall, pd.Series(truth)) >= 0.9
    per = {c: spearman(g["schatting"], g["waar"]) for c, g in est.groupby("competentie")}
    for comp in ("volledigheid", "feitelijkheid", "risico-inschatting", "proportionaliteit"):
        assert per[comp] >= 0.9, per


def _long(rows):
    return pd.DataFrame(rows, columns=["student", "moeilijkheid", "beoordeeld", "aandeel",
                                       "competentie"])


def test_recent_attempts_weigh_more_and_few_attempts_are_uncertain():
    t0 = dt.datetime(2026, 1, 1)
    rows = []
    for k in range(10):
        when = t0 + dt.timedelta(days=k)
        rows.append(("groeier", "gemiddeld", when, 0.3 + 0.06 * k, "volledigheid"))
        rows.append(("vast", "gemiddeld", when, 0.57, "volledigheid"))
    rows += [("nieuw", "gemiddeld", t0, 0.57, "volledigheid"),
             ("nieuw", "gemiddeld", t0 + dt.timedelta(days=1), 0.57, "volledigheid")]
    est = estimate(_long(rows)).set_index("student")
    # Same plain mean (0.57) for the improver and the steady officer; recency favours the first.
    assert est.loc["groeier", "schatting"] > est.loc["vast", "schatting"] + 0.03
    assert est.loc["nieuw", "sd"] > est.loc["vast", "sd"] * 1.3
    assert est.loc["nieuw", "hoog"] - est.loc["nieuw", "laag"] > (
        est.loc["vast", "hoog"] - est.loc["vast", "laag"])


def test_the_same_score_on_harder_scenarios_means_more_skill():
    t0 = dt.datetime(2026, 1, 1)
    rows = []
    for k in range(8):
        when = t0 + dt.timedelta(days=k)
        rows.append(("zwaar", "moeilijk", when, 0.6, "herkennen"))
        rows.append(("licht", "makkelijk", when, 0.6, "herkennen"))
        for j in range(6):  # a population in which hard scenarios score lower
            rows.append((f"p{j}", "moeilijk", when, 0.45 + 0.02 * j, "herkennen"))
            rows.append((f"q{j}", "makkelijk", when, 0.75 + 0.02 * j, "herkennen"))
    est = estimate(_long(rows)).set_index("student")
    assert est.loc["zwaar", "schatting"] > est.loc["licht", "schatting"]


# --- the report on a real course gradebook ------------------------------------------------------


@pytest.fixture(scope="module")
def gradebook(tmp_path_factory):
    out = tmp_path_factory.mktemp("voortgang")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MELDTRAINER_")}
    proc = subprocess.run([sys.executable, "-m", "meldtrainer.cli", "demo", "--uit", str(out)],
                          capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    root = out / "cursus"
    s = settings(root)
    with Gradebook(s["db_url"], s["course_id"]) as gb:
        for i in range(1, 11):
            gb.update_or_create_student(f"agent{i:02d}", first_name="Jantine",
                                        last_name=f"Geheimnaam{i}")
    roster = out / "rooster.csv"
    lines = ["agent,eenheid,basisteam,rol,startdatum"]
    lines += [f"agent{i:02d},Amsterdam,Amsterdam Noord,noodhulp,2026-01-05" for i in range(1, 7)]
    lines += [f"agent{i:02d},Limburg,Maastricht Zuid,wijkagent,2026-01-05" for i in (7, 8, 10)]
    lines += ["agent99,Atlantis,Onderwater,intake,2026-01-05"]  # agent09 is missing
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"db": s["db_url"], "roster": roster, "out": out}


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "meldtrainer.cli", *args], capture_output=True,
                          text=True, check=False)


def _all_text(folder: Path) -> str:
    parts = []
    for path in folder.iterdir():
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                parts += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
        else:
            parts.append(path.read_text(encoding="utf-8"))
    return "\n".join(parts)


def test_report_is_dutch_pseudonymous_and_suppresses_small_groups(gradebook, tmp_path):
    out = tmp_path / "rapport"
    proc = _cli("progress", "report", "--db", gradebook["db"], "--rooster",
                str(gradebook["roster"]), "--uit", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "staan niet in het rooster" in proc.stdout and "Atlantis" in proc.stdout
    page = (out / "voortgang.html").read_text(encoding="utf-8")
    assert "<html lang='nl'>" in page and "Gemiste verplichte meldingen" in page
    assert "<svg" in page and "Dekking" in page
    # Missed criteria by their Dutch names, as the officers' feedback gives them.
    from progress.views import criterion_names

    missed = pd.read_csv(out / "meest_gemist.csv")
    assert not missed.empty and set(missed["onderdeel"]) <= set(criterion_names().values())
    shown = missed.groupby("eenheid").head(3)  # the HTML shows the top 3 per eenheid
    assert all(f"<td>{html.escape(name)}</td>" in page for name in shown["onderdeel"])
    assert not any(f"<td>{cid}</td>" in page for cid in missed["criterium"])
    everything = _all_text(out)
    assert "Geheimnaam" not in everything and "Jantine" not in everything
    units = pd.read_csv(out / "eenheden.csv")
    ams = units[units["eenheid"] == "Amsterdam"]
    lim = units[units["eenheid"] == "Limburg"]
    assert ams["gemiddeld"].notna().all() and not ams["verborgen"].any()
    assert lim["gemiddeld"].isna().all() and lim["verborgen"].all()  # 2 officers: hidden
    cover = pd.read_csv(out / "dekking_eenheid.csv")
    assert set(cover["module"]) == {3}
    officers_csv = pd.read_csv(out / "agenten.csv")
    # No estimate for agent07 (only empty forms: not attempts) nor agent10 (a corrupt notebook).
    assert "naam" not in officers_csv.columns
    assert set(officers_csv["agent"]) == {f"agent{i:02d}" for i in (1, 2, 3, 4, 5, 6, 8, 9)}
    per_form = pd.read_csv(out / "meest_gemist_per_vorm.csv")
    assert {"vorm", "moeilijkheid", "criterium", "aandeel_gemist"} <= set(per_form.columns)
    assert (out / "meest_gemist_basisteam.csv").exists()
    todo = pd.read_csv(out / "nog_te_doen.csv", dtype=str)
    assert set(todo["agent"]) == {"agent07", "agent10", "agent99"}  # no real attempt at module 3
    xlsx = pd.read_excel(out / "voortgang.xlsx", sheet_name=None)
    assert {"eenheden", "agenten", "dekking_eenheid", "vormen"} <= set(xlsx)


def test_not_done_names_an_unknown_unit_as_the_other_views_do():
    from progress import views

    reports = pd.DataFrame({"student": ["a1"], "module": [3], "vormprobleem": [False]})
    roster = pd.DataFrame({"agent": ["a1", "a2"], "eenheid": ["Amsterdam", ""],
                           "basisteam": ["Centrum", ""], "rol": ["", ""]})
    todo = views.not_done(reports, roster, [3])
    assert todo.to_dict("records") == [{"agent": "a2", "eenheid": views.UNKNOWN,
                                        "basisteam": views.UNKNOWN, "niet_gedaan": "3",
                                        "aantal_niet_gedaan": 1}]


def test_names_only_when_asked(gradebook, tmp_path):
    out = tmp_path / "met-namen"
    proc = _cli("progress", "report", "--db", gradebook["db"], "--rooster",
                str(gradebook["roster"]), "--uit", str(out), "--met-namen")
    assert proc.returncode == 0, proc.stderr
    assert "Geheimnaam1" in (out / "agenten.csv").read_text(encoding="utf-8")


def test_officer_view(gradebook):
    proc = _cli("progress", "officer", "agent01", "--db", gradebook["db"])
    assert proc.returncode == 0, proc.stderr
    assert "Competenties" in proc.stdout and "Advies:" in proc.stdout
    assert "Verloop per competentie" in proc.stdout
    # Missed criteria by their Dutch names, as the officer's feedback gives them.
    from progress.views import criterion_names

    views = [proc.stdout] + [_cli("progress", "officer", officer, "--db", gradebook["db"]).stdout
                             for officer in ("agent02", "agent03", "agent04")]
    missed = [line for view in views for line in view.splitlines()
              if line.startswith("Meest gemist:")]
    assert missed
    for line in missed:
        named = [part.rsplit(" (", 1)[0]
                 for part in line.removeprefix("Meest gemist: ").split(", ")]
        assert set(named) <= set(criterion_names().values()), line
    proc = _cli("progress", "officer", "agent10", "--db", gradebook["db"])  # only a broken one
    assert proc.returncode == 2 and "nog geen beoordeelde meldingen" in proc.stderr


def test_bad_input_gets_a_dutch_message(tmp_path):
    empty = tmp_path / "leeg.db"
    Gradebook(f"sqlite:///{empty}", "meldtrainer").close()
    proc = _cli("progress", "report", "--db", f"sqlite:///{empty}", "--uit", str(tmp_path / "x"))
    assert proc.returncode == 2 and "nog geen beoordeelde meldingen" in proc.stderr
    junk = tmp_path / "kapot.db"
    junk.write_bytes(b"dit is geen database" * 100)
    proc = _cli("progress", "report", "--db", f"sqlite:///{junk}", "--uit", str(tmp_path / "y"))
    assert proc.returncode == 2 and "niet leesbaar" in proc.stderr
    proc = _cli("progress", "report", "--db", f"sqlite:///{empty}", "--rooster",
                str(tmp_path / "geen.csv"), "--uit", str(tmp_path / "z"))
    assert proc.returncode == 2 and "bestaat niet" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = _cli("progress", "report", "--db", f"sqlite:///{tmp_path / 'nergens.db'}", "--uit",
                str(tmp_path / "w"))
    assert proc.returncode == 2 and "bestaat niet" in proc.stderr


def test_a_roster_folder_or_an_output_file_gets_a_dutch_message(gradebook, tmp_path):
    proc = _cli("progress", "report", "--db", gradebook["db"], "--rooster", str(tmp_path),
                "--uit", str(tmp_path / "a"))
    assert proc.returncode == 2 and "kan niet worden gelezen" in proc.stderr
    assert "(het is een map)" in proc.stderr  # the reason in Dutch, not the system's English
    taken = tmp_path / "rapport.txt"
    taken.write_text("al in gebruik", encoding="utf-8")
    proc = _cli("progress", "report", "--db", gradebook["db"], "--uit", str(taken))
    assert proc.returncode == 2 and "Kan niet schrijven" in proc.stderr
    assert "(bestaat al als bestand)" in proc.stderr
    assert "Traceback" not in proc.stderr


# --- PostgreSQL -----------------------------------------------------------------------------------


def _pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    assert found, "PostgreSQL is missing: run `make test`, it installs Debian's postgresql"
    return found[-1].parent


@pytest.fixture(scope="module")
def postgres():
    import tempfile

    bindir = _pg_bin()
    # Not under pytest's tmp dir: that is private to this user, and the server runs as postgres.
    base = Path(tempfile.mkdtemp(prefix="meldtrainer-pg-"))
    base.chmod(0o755)
    data = base / "data"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_pg:
        shutil.chown(base, "postgres")
    subprocess.run([*as_pg, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U",
                    "postgres"], check=True, capture_output=True)
    subprocess.run([*as_pg, str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l",
                    str(data / "log"), "-o", f"-p {port} -k {data} -c listen_addresses=127.0.0.1",
                    "start"], check=True, capture_output=True)
    import psycopg

    with psycopg.connect(f"host=127.0.0.1 port={port} user=postgres dbname=postgres",
                         autocommit=True) as conn:
        conn.execute("CREATE DATABASE gradebook")
    yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/gradebook"
    subprocess.run([*as_pg, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                   check=False, capture_output=True)
    shutil.rmtree(base, ignore_errors=True)


def test_the_course_and_the_report_run_on_postgresql(postgres, tmp_path, monkeypatch):
    import nbformat

    from course import submissions
    from course.batch import run_batch
    from course.build import build_assignment
    from course.demo import fresh_course
    from course.modules import find
    from course.nbgrader_run import run

    monkeypatch.setenv("MELDTRAINER_DB_URL", postgres)
    monkeypatch.setenv("MELDTRAINER_UITWISSELING", str(tmp_path / "uitwisseling"))
    root = fresh_course(tmp_path)
    build_assignment(root, find(root, "2"))
    run(root, "generate_assignment", "m2-meldplicht", check=True)
    released = nbformat.read(root / "release" / "m2-meldplicht" / "opdracht.ipynb",
                             as_version=4)
    for i, kind in enumerate(("uitstekend", "goed", "matig", "zwak", "fout_besluit", "leeg")):
        sid = f"pg{i}"
        submissions.place(root, "m2-meldplicht", sid,
                          submissions.fill(released, root, "m2-meldplicht", sid, kind))
    proc = run(root, "autograde", "m2-meldplicht", "--student", "pg0")
    assert proc.returncode == 0, proc.stderr[-1500:]
    report = run_batch(root, "m2-meldplicht", workers=2, progress=False)
    assert not any(g.fatal for g in report.graded) and len(report.skipped) == 1
    out = tmp_path / "rapport"
    proc = _cli("progress", "report", "--db", postgres, "--uit", str(out))
    assert proc.returncode == 0, proc.stderr
    frame = pd.read_csv(out / "agenten.csv")
    assert set(frame["agent"]) == {f"pg{i}" for i in range(5)}  # pg5 only left the form empty
    page = (out / "voortgang.html").read_text(encoding="utf-8")
    assert "Gemiste verplichte meldingen" in page and "meldingen van 6 agenten" in page
