"""The `meldtrainer` command as a user runs it: Dutch help, clear errors, nothing half-written."""

import json
import subprocess
import sys
from pathlib import Path


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "meldtrainer.cli", *args],
        capture_output=True, text=True, cwd=cwd, timeout=300,
    )


def test_help_is_dutch():
    result = run("--help")
    assert result.returncode == 0
    assert "gebruik:" in result.stdout and "commando's" in result.stdout
    assert "usage:" not in result.stdout


def test_generate_check_and_show_round_trip(tmp_path):
    out = tmp_path / "set.jsonl"
    result = run("scenario", "generate", "--aantal", "25", "--zaad", "3", "--uit", str(out))
    assert result.returncode == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 25
    first_id = json.loads(lines[0])["id"]
    assert run("scenario", "check", str(out)).returncode == 0
    shown = run("scenario", "show", f"{out}#{first_id}")
    assert shown.returncode == 0 and "Beoordelingskader" in shown.stdout


def test_unknown_form_in_recipe_fails_in_dutch_without_output(tmp_path):
    recipe = tmp_path / "r.yaml"
    recipe.write_text("vormen: [kattenmishandeling]\n", encoding="utf-8")
    out = tmp_path / "set.jsonl"
    result = run("scenario", "generate", "--recept", str(recipe), "--uit", str(out))
    assert result.returncode == 2
    assert "Onbekende waarde 'kattenmishandeling'" in result.stderr
    assert not out.exists() and not list(tmp_path.glob("*.tmp"))


def test_negative_count_fails_in_dutch_without_output(tmp_path):
    out = tmp_path / "set.jsonl"
    result = run("scenario", "generate", "--aantal", "-5", "--uit", str(out))
    assert result.returncode == 2 and "--aantal moet minstens 1 zijn" in result.stderr
    assert not out.exists()


def test_impossible_recipe_explains_the_reachable_range(tmp_path):
    recipe = tmp_path / "r.yaml"
    recipe.write_text("vormen: [ouderenmishandeling]\naandeel_minderjarigen: 0.9\n",
                      encoding="utf-8")
    result = run("scenario", "generate", "--recept", str(recipe), "--uit",
                 str(tmp_path / "s.jsonl"))
    assert result.returncode == 2 and "Onmogelijk recept" in result.stderr


def test_malformed_set_is_reported_with_its_line_number(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\nniet eens json\n', encoding="utf-8")
    result = run("scenario", "check", str(bad))
    assert result.returncode == 1
    assert "regel 1" in result.stdout and "ontbreekt" in result.stdout


def test_unknown_canonical_id_lists_the_known_ones():
    result = run("scenario", "show", "HG-99")
    assert result.returncode == 2 and "HG-01" in result.stderr


def test_missing_required_argument_is_explained_in_dutch():
    result = run("scenario", "generate")
    assert result.returncode == 2 and "deze argumenten ontbreken" in result.stderr


def test_grade_prints_dutch_feedback_and_stable_json(tmp_path):
    report = tmp_path / "melding.md"
    report.write_text("# Melding aan Veilig Thuis\n## Besluit\n- Melding aan Veilig Thuis: ja\n"
                      "## Kinderen\nLotte (8) zat op de trap.\n", encoding="utf-8")
    readable = run("grade", "--scenario", "HG-01", "--rapport", str(report))
    assert readable.returncode == 0 and "Score:" in readable.stdout
    assert "U noemt Daan (5) niet" in readable.stdout
    as_json = run("grade", "--scenario", "HG-01", "--rapport", str(report), "--json")
    data = json.loads(as_json.stdout)
    assert data["formaat"] == 1 and data["scenario"] == "HG-01"


def test_grade_with_missing_report_fails_in_dutch(tmp_path):
    result = run("grade", "--scenario", "HG-01", "--rapport", str(tmp_path / "nee.md"))
    assert result.returncode == 2 and "bestaat niet" in result.stderr


def test_grade_survives_a_binary_report(tmp_path):
    report = tmp_path / "rommel.md"
    report.write_bytes(bytes(range(256)) * 100)
    result = run("grade", "--scenario", "HG-01", "--rapport", str(report))
    assert result.returncode == 0 and "Score: 0" in result.stdout
