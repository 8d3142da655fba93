"""The course end to end, with real nbgrader on a temporary course directory (no mocks):
build → generate_assignment → release → submissions → autograde → generate_feedback → export."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from course import autograde as autograde_mod
from course import manifest as manifest_mod
from course import submissions
from course.build import BuildError, build_assignment, pick
from course.cells import answer_texts, is_answer
from course.config import settings
from course.demo import fresh_course
from course.modules import ModuleError, find, load_all
from course.nbgrader_run import run
from grading import grade
from grading.report import blank_form
from policy import decide

ASSIGNMENT = "m1-herkennen"
SCRIPT = '\n\n<script>alert("lek")</script> <img src=x onerror="alert(1)">\n'
OFFICERS = {"a01": "uitstekend", "a02": "zwak", "a03": "leeg", "a04": "dubbele_cel",
            "a05": "cel_verwijderd", "a06": "kapot", "a07": "script"}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    out = tmp_path_factory.mktemp("cursus")
    old = dict(os.environ)
    os.environ["MELDTRAINER_UITWISSELING"] = str(out / "uitwisseling")
    os.environ.pop("MELDTRAINER_DB_URL", None)
    root = fresh_course(out)
    built = build_assignment(root, find(root, "1"))
    run(root, "generate_assignment", ASSIGNMENT, check=True)
    run(root, "release_assignment", ASSIGNMENT, check=True)
    released = nbformat.read(root / "release" / ASSIGNMENT / "opdracht.ipynb", as_version=4)
    texts = {}
    for student, kind in OFFICERS.items():
        sub = submissions.fill(released, root, ASSIGNMENT, student,
                               "uitstekend" if kind == "script" else kind, seed=7)
        if kind == "script":
            submissions.answer_cells(sub)[0].source += SCRIPT
        submissions.place(root, ASSIGNMENT, student, sub)
        if not isinstance(sub, str):
            texts[student] = {c.metadata["nbgrader"]["grade_id"]: c.source
                              for c in submissions.answer_cells(sub)}
    outcomes = {o.student: o for o in autograde_mod.autograde(root, ASSIGNMENT)}
    feedback = run(root, "generate_feedback", ASSIGNMENT)
    yield {"root": root, "built": built, "texts": texts, "outcomes": outcomes,
           "feedback": feedback, "released": released}
    os.environ.clear()
    os.environ.update(old)


def _grades(root: Path) -> dict[tuple[str, str], tuple[float | None, bool]]:
    s = settings(root)
    with Gradebook(s["db_url"], s["course_id"]) as gb:
        out = {}
        for sub in gb.assignment_submissions(ASSIGNMENT):
            for nb in sub.notebooks:
                for g in nb.grades:
                    out[(sub.student.id, g.name)] = (g.auto_score, g.needs_manual_grade)
        return out


def test_a_notebook_whose_cells_are_not_objects_has_no_answers():
    """A damaged submission ('cells' holding strings or numbers) is read, not a crash that
    stops the whole batch."""
    assert answer_texts(["x", 3, None, []]) == {}
    assert not is_answer("x")


def test_modules_are_complete_and_dutch():
    modules = load_all(Path("cursus"))
    assert [m.number for m in modules] == [1, 2, 3, 4, 5, 6]
    assert modules[-1].mode == "toets" and all(m.mode == "oefenen" for m in modules[:-1])
    for m in modules:
        assert len(m.explanation) > 300 and m.instruction
        assert m.example_case or m.number == 6


def test_source_notebook_follows_nbgrader_schema(course):
    nb = nbformat.read(course["built"].notebook, as_version=4)
    nbformat.validate(nb)
    answers = [c for c in nb.cells if is_answer(c)]
    assert [c.metadata.nbgrader["grade_id"] for c in answers] == ["melding_1", "melding_2"]
    for c in answers:
        md = c.metadata.nbgrader
        assert md["grade"] and md["solution"] and md["points"] > 0 and md["schema_version"] == 3
        assert c.source == blank_form()
    others = [c for c in nb.cells if not is_answer(c)]
    assert all(c.metadata.nbgrader["locked"] for c in others)
    # Officers never type code: the only code cells are read-only helpers, never graded.
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.metadata.nbgrader["grade"] for c in code)
    assert all(c.source.startswith("from course.practice import") for c in code)


def test_released_notebook_carries_references_but_no_ground_truth(course):
    root = course["root"]
    assert sorted(p.name for p in (root / "release" / ASSIGNMENT).iterdir()) == ["opdracht.ipynb"]
    raw = (root / "release" / ASSIGNMENT / "opdracht.ipynb").read_text(encoding="utf-8")
    meta = json.loads(raw)["metadata"]["meldtrainer"]
    assert meta["varianten"] and set(meta["meldingen"]) == {"melding_1", "melding_2"}
    assert meta["recept"]  # the officer's kernel derives its own scenario from it
    for marker in ("Beoordelingskader", "Wat een complete melding bevat", "niet_voor_vt",
                   "surface_forms", "grondwaarheid"):
        assert marker not in raw
    manifest = manifest_mod.load(root, ASSIGNMENT)
    for student in ("a01", "a02"):
        for gid in ("melding_1", "melding_2"):
            scenario = manifest_mod.scenario_for(root, manifest, gid, student)
            assert scenario.id not in raw
            assert decide(scenario).explanation["melding"] not in raw


def test_a_shared_assignment_names_its_scenarios(tmp_path):
    root = fresh_course(tmp_path)
    built = build_assignment(root, find(root, "6"), variants=False)
    nb = nbformat.read(built.notebook, as_version=4)
    assert set(nb.metadata["meldtrainer"]["meldingen"].values()) == {
        s.id for s in built.scenarios}
    assert not any(c.cell_type == "code" for c in nb.cells)


def test_officers_get_their_own_scenario_and_cannot_copy(course):
    root = course["root"]
    manifest = manifest_mod.load(root, ASSIGNMENT)
    own = manifest_mod.scenario_for(root, manifest, "melding_1", "a01")
    other = manifest_mod.scenario_for(root, manifest, "melding_1", "a02")
    assert own.id != other.id
    assert own == manifest_mod.scenario_for(root, manifest, "melding_1", "a01")  # deterministic
    text = course["texts"]["a01"]["melding_1"]
    assert grade(text, own).fraction > grade(text, other).fraction + 0.2


def test_every_answer_is_autograded_without_manual_grading(course):
    grades = _grades(course["root"])
    for student in ("a01", "a02", "a03", "a04", "a05", "a07"):
        for gid in ("melding_1", "melding_2"):
            score, manual = grades[(student, gid)]
            assert score is not None and not manual, (student, gid)


def test_scores_equal_the_standalone_grader(course):
    root, grades = course["root"], _grades(course["root"])
    manifest = manifest_mod.load(root, ASSIGNMENT)
    for student in ("a01", "a02", "a07"):
        for gid, text in course["texts"][student].items():
            scenario = manifest_mod.scenario_for(root, manifest, gid, student)
            expected = round(grade(text, scenario).fraction * manifest.points, 2)
            assert grades[(student, gid)][0] == pytest.approx(expected), (student, gid)
    assert grades[("a01", "melding_1")][0] > grades[("a02", "melding_1")][0]


def test_empty_and_deleted_answers_score_zero_as_format_problems(course):
    grades, outcomes = _grades(course["root"]), course["outcomes"]
    assert grades[("a03", "melding_1")][0] == 0 and grades[("a03", "melding_2")][0] == 0
    assert outcomes["a03"].format_problems == 2
    assert grades[("a05", "melding_1")][0] == 0 and grades[("a05", "melding_2")][0] > 5
    assert outcomes["a05"].format_problems == 1


def test_copy_pasted_answer_cell_is_merged_not_failed(course):
    grades = _grades(course["root"])
    assert grades[("a04", "melding_1")][0] > 5  # nbgrader alone fails this submission (#1083)


def test_a_broken_submission_is_named_in_dutch_and_the_others_are_graded(course):
    broken = course["outcomes"]["a06"]
    assert broken.score is None and "beschadigd" in broken.problems[0]
    graded = [o for o in course["outcomes"].values() if o.score is not None]
    assert len(graded) == len(OFFICERS) - 1
    text = autograde_mod.summary(ASSIGNMENT, list(course["outcomes"].values()))
    assert "a06: het notebook is beschadigd" in text


def test_per_criterion_results_are_stored_for_progress(course):
    s = settings(course["root"])
    with Gradebook(s["db_url"], s["course_id"]) as gb:
        from sqlalchemy import text

        rows = gb.db.execute(text("SELECT student, cel, criterium, competentie, score, maximum "
                                  "FROM meldtrainer_criterium WHERE student = 'a01'")).all()
        reports = gb.db.execute(text("SELECT cel, vorm, moeilijkheid, vormprobleem "
                                     "FROM meldtrainer_melding WHERE student = 'a03'")).all()
    assert {r.cel for r in rows} == {"melding_1", "melding_2"}
    assert {"meldbeslissing", "volledigheid", "herkennen"} <= {r.competentie for r in rows}
    assert all(0 <= r.score <= r.maximum for r in rows)
    assert len(reports) == 2 and all(r.vormprobleem for r in reports)


def test_feedback_is_dutch_escaped_and_free_of_hidden_material(course):
    assert course["feedback"].returncode == 0
    root = course["root"]
    page = (root / "feedback" / "a02" / ASSIGNMENT / "opdracht.html").read_text(encoding="utf-8")
    assert "Terugmelding" in page and "Uw melding" in page
    assert "Kinderen" in page and "Besluit melding" in page and "U noemt niet" in page
    for hidden in ("BEGIN HIDDEN TESTS", "Beoordelingskader", "surface_forms", "niet_voor_vt"):
        assert hidden not in page
    attack = (root / "feedback" / "a07" / ASSIGNMENT / "opdracht.html").read_text(
        encoding="utf-8")
    assert '<script>alert("lek")</script>' not in attack and "<img src=x" not in attack
    assert "&lt;script&gt;" in attack and "&amp;lt;script" not in attack  # escaped once
    # What formgrader shows instructors: the graded copy carries the text escaped.
    graded = (root / "autograded" / "a07" / ASSIGNMENT / "opdracht.ipynb").read_text(
        encoding="utf-8")
    assert "<script>" not in graded and "&lt;script&gt;" in graded


def test_export_lists_every_officer(course):
    root = course["root"]
    proc = run(root, "export", "--to", str(root / "cijfers.csv"))
    assert proc.returncode == 0, proc.stderr[-500:]
    with (root / "cijfers.csv").open(encoding="utf-8") as f:
        students = {row["student_id"] for row in csv.DictReader(f)}
    assert set(OFFICERS) <= students


def test_a_rerun_gives_the_same_result_and_a_human_override_wins(course):
    root = course["root"]
    before = _grades(root)
    s = settings(root)
    with Gradebook(s["db_url"], s["course_id"]) as gb:
        g = gb.find_grade("melding_1", "opdracht", ASSIGNMENT, "a02")
        g.manual_score = 9.5
        gb.db.commit()
    autograde_mod.autograde(root, ASSIGNMENT, force=True)
    after = _grades(root)
    assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in before.items()}
    with Gradebook(s["db_url"], s["course_id"]) as gb:
        assert gb.find_grade("melding_1", "opdracht", ASSIGNMENT, "a02").score == 9.5
        from sqlalchemy import text

        n = gb.db.execute(text("SELECT COUNT(*) FROM meldtrainer_melding")).scalar()
    assert n == 2 * (len(OFFICERS) - 1)


def test_building_from_a_set_that_does_not_fit_says_what_to_do(tmp_path):
    root = fresh_course(tmp_path)
    with pytest.raises(BuildError, match="passende scenario"):
        pick(find(root, "4"), [], 2)
    with pytest.raises(ModuleError, match="bestaat niet"):
        find(root, "9")



def test_officer_settings_switch_instructor_parts_off():
    base = Path("cursus/jupyter/agent")
    server = json.loads((base / "jupyter_server_config.json").read_text(encoding="utf-8"))
    ext = server["ServerApp"]["jpserver_extensions"]
    assert ext["nbgrader.server_extensions.formgrader"] is False
    assert ext["nbgrader.server_extensions.assignment_list"] is True
    page = json.loads((base / "labconfig" / "page_config.json").read_text(encoding="utf-8"))
    assert page["disabledExtensions"]["@jupyter/nbgrader:formgrader"] is True
    assert page["disabledExtensions"]["@jupyter/nbgrader:create-assignment"] is True


def test_the_demo_runs_the_whole_chain(tmp_path):
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("MELDTRAINER_")}
    proc = subprocess.run([sys.executable, "-m", "meldtrainer.cli", "demo", "--uit",
                           str(tmp_path)], capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 0, proc.stdout[-1500:] + proc.stderr[-1500:]
    assert "Terugmeldingen gemaakt: 9" in proc.stdout
    assert "agent10: het notebook is beschadigd" in proc.stdout
    assert list((tmp_path / "cursus" / "feedback").glob("agent01/*/opdracht.html"))


def test_practice_cells_show_the_own_dossier_and_check_like_autograde(course, tmp_path,
                                                                        monkeypatch):
    from course import practice
    from grading.render_markdown import _points

    root = course["root"]
    shutil.copy(root / "submitted" / "a01" / ASSIGNMENT / "opdracht.ipynb",
                tmp_path / "opdracht.ipynb")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MELDTRAINER_AGENT", "a01")
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    manifest = manifest_mod.load(root, ASSIGNMENT)
    own = manifest_mod.scenario_for(root, manifest, "melding_1", "a01")
    shown = practice.toon_dossier("melding_1")
    assert own.persons[0].full_name in shown
    checked = practice.controleer("melding_1")
    score = _grades(root)[("a01", "melding_1")][0]
    assert f"Beoordeling: {_points(score)} van 10 punten" in checked
    # An untouched form is named as such, not scored as an attempt.
    nb = nbformat.read(tmp_path / "opdracht.ipynb", as_version=4)
    submissions.answer_cells(nb)[1].source = blank_form()
    nbformat.write(nb, tmp_path / "opdracht.ipynb")
    assert "nog leeg" in practice.controleer("melding_2")
    fresh = practice.nieuwe_oefening()
    assert fresh.name == "oefening-1.ipynb"
    assert practice.scenario_of("melding_1", fresh).id != own.id
    fresh_nb = nbformat.read(fresh, as_version=4)
    assert all(c.source == blank_form() for c in submissions.answer_cells(fresh_nb))


def test_autograde_without_submissions_says_what_to_do(tmp_path):
    import subprocess
    import sys

    root = fresh_course(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "meldtrainer.cli", "cursus", "autograde",
                           "m1-herkennen", "--cursus", str(root)], capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 2 and "Geen inleveringen" in proc.stderr
    assert "Traceback" not in proc.stderr
