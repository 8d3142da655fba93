"""Kernel-free batch grading (`meldtrainer grade batch`) on a real course and gradebook: the same
scores as `nbgrader autograde`, hostile notebooks named and skipped, idempotent re-runs, and a run
killed with SIGKILL that completes on restart with nothing lost or doubled."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import nbformat
import pytest
from nbgrader.api import Gradebook
from sqlalchemy import text

from course import submissions
from course.autograde import autograde
from course.batch import run_batch
from course.build import build_assignment
from course.config import settings
from course.demo import fresh_course
from course.modules import find
from course.nbgrader_run import run

ASSIGNMENT = "m3-complete-melding"
GOOD = {"b01": "uitstekend", "b02": "goed", "b03": "matig", "b04": "zwak", "b05": "fout_besluit",
        "b06": "leeg", "b07": "dubbele_cel", "b08": "cel_verwijderd"}


def _scores(root) -> dict[tuple[str, str], float | None]:
    s = settings(root)
    with Gradebook(s["db_url"], s["course_id"]) as gb:
        return {(sub.student.id, g.name): g.auto_score
                for sub in gb.assignment_submissions(ASSIGNMENT)
                for nb in sub.notebooks for g in nb.grades}


def _report_rows(root) -> list[tuple[str, int]]:
    s = settings(root)
    with Gradebook(s["db_url"], s["course_id"]) as gb:
        return gb.db.execute(text("SELECT student, COUNT(*) FROM meldtrainer_melding "
                                  "GROUP BY student")).all()


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    out = tmp_path_factory.mktemp("batch")
    os.environ["MELDTRAINER_UITWISSELING"] = str(out / "uitwisseling")
    root = fresh_course(out)
    build_assignment(root, find(root, "3"))
    run(root, "generate_assignment", ASSIGNMENT, check=True)
    released = nbformat.read(root / "release" / ASSIGNMENT / "opdracht.ipynb", as_version=4)
    for student, kind in GOOD.items():
        submissions.place(root, ASSIGNMENT, student,
                          submissions.fill(released, root, ASSIGNMENT, student, kind, seed=3))
    return out, root, released


def _copy(base, tmp_path):
    _out, root, released = base
    target = tmp_path / "cursus"
    shutil.copytree(root, target)
    return target, released


def test_batch_scores_equal_nbgrader_autograde(base, tmp_path):
    nbg, _ = _copy(base, tmp_path / "a")
    ours, _ = _copy(base, tmp_path / "b")
    autograde(nbg, ASSIGNMENT)
    report = run_batch(ours, ASSIGNMENT, workers=2, progress=False)
    assert not any(g.fatal for g in report.graded)
    a, b = _scores(nbg), _scores(ours)
    assert a and a == b
    assert all(v is not None for v in b.values())


def test_generate_feedback_works_on_batch_results(base, tmp_path):
    root, _ = _copy(base, tmp_path)
    run_batch(root, ASSIGNMENT, workers=1, progress=False)
    proc = run(root, "generate_feedback", ASSIGNMENT)
    assert proc.returncode == 0, proc.stderr[-800:]
    page = (root / "feedback" / "b04" / ASSIGNMENT / "opdracht.html").read_text(encoding="utf-8")
    assert "Terugmelding" in page and "U noemt niet" in page


def test_hostile_notebooks_are_named_and_never_stop_the_batch(base, tmp_path):
    root, released = _copy(base, tmp_path)
    submissions.place(root, ASSIGNMENT, "h01", '{"cells": [ {"cell_type": "mark')
    submissions.place(root, ASSIGNMENT, "h02", "[1, 2, 3]")
    submissions.place(root, ASSIGNMENT, "h03", '{"cells": [], "x": "' + "a" * (11 * 2**20) + '"}')
    changed = submissions.fill(released, root, ASSIGNMENT, "h04", "goed")
    for cell in submissions.answer_cells(changed):
        cell.metadata["nbgrader"]["grade_id"] = "iets_anders"
    submissions.place(root, ASSIGNMENT, "h04", changed)
    script = submissions.fill(released, root, ASSIGNMENT, "h05", "goed")
    submissions.answer_cells(script)[0].source += "\n<script>alert(1)</script>\n"
    submissions.place(root, ASSIGNMENT, "h05", script)
    (root / "submitted" / "h06" / ASSIGNMENT).mkdir(parents=True)  # folder without notebook

    report = run_batch(root, ASSIGNMENT, workers=2, progress=False)
    by = {g.student: g for g in report.graded}
    assert by["h01"].fatal and "beschadigd" in by["h01"].problems[0]
    assert by["h02"].fatal and "beschadigd" in by["h02"].problems[0]
    assert by["h03"].fatal and "te groot" in by["h03"].problems[0]
    assert by["h06"].fatal and "ontbreekt" in by["h06"].problems[0]
    assert not by["h04"].fatal and "ontbreekt" in by["h04"].problems[0]
    assert not by["h05"].fatal
    assert all(not by[s].fatal for s in GOOD)
    summary = report.summary(ASSIGNMENT)
    assert "h03: het notebook is te groot" in summary
    scores = _scores(root)
    assert scores[("h04", "melding_1")] == 0
    assert "<script>" not in by["h05"].cells[0].comment
    graded = (root / "autograded" / "h05" / ASSIGNMENT / "opdracht.ipynb").read_text(
        encoding="utf-8")
    assert "<script>" not in graded and "&lt;script&gt;" in graded  # formgrader shows text


def test_a_rerun_is_idempotent(base, tmp_path):
    root, _ = _copy(base, tmp_path)
    run_batch(root, ASSIGNMENT, workers=2, progress=False)
    first, rows = _scores(root), sorted(_report_rows(root))
    again = run_batch(root, ASSIGNMENT, workers=2, progress=False)
    assert sorted(again.skipped) == sorted(GOOD) and not again.graded
    # A submission collected again (a new timestamp) is graded again; the others are not.
    (root / "submitted" / "b01" / ASSIGNMENT / "timestamp.txt").write_text(
        "2026-11-30 09:00:00.000000 UTC", encoding="utf-8")
    resubmitted = run_batch(root, ASSIGNMENT, workers=2, progress=False)
    assert [g.student for g in resubmitted.graded] == ["b01"]
    assert sorted(resubmitted.skipped) == sorted(set(GOOD) - {"b01"})
    forced = run_batch(root, ASSIGNMENT, workers=2, progress=False, force=True)
    assert len(forced.graded) == len(GOOD)
    assert _scores(root) == first and sorted(_report_rows(root)) == rows


def test_a_run_killed_halfway_completes_on_restart(base, tmp_path):
    root, released = _copy(base, tmp_path)
    for i in range(240):
        student = f"k{i:03d}"
        submissions.place(root, ASSIGNMENT, student, submissions.fill(
            released, root, ASSIGNMENT, student, ("goed", "matig", "zwak")[i % 3], seed=i))
    reference, _ = _copy((None, root, released), tmp_path / "ref")
    run_batch(reference, ASSIGNMENT, workers=2, progress=False)
    expected = _scores(reference)

    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "meldtrainer.cli", "grade", "batch", ASSIGNMENT, "--cursus",
           str(root), "--processen", "1", "--stil"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    graded_dir = root / "autograded"
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if graded_dir.exists() and len(list(graded_dir.iterdir())) >= 20:
            break
        time.sleep(0.02)
    killed = proc.poll() is None
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert killed, "the batch finished before it could be killed; make it larger"
    partial = len(list(graded_dir.iterdir()))
    assert 0 < partial < len(GOOD) + 240

    subprocess.run(cmd, env=env, check=True, capture_output=True)
    assert _scores(root) == expected
    rows = dict(_report_rows(root))
    assert len(rows) == len(GOOD) + 240 and set(rows.values()) == {2}
