"""The optional compiled grader (grading/compiled.py): a build is used only while it fits the
sources exactly, and the running test suite uses the build it was asked to use."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import grading
from grading import compiled

ROOT = compiled.ROOT


def _tree(tmp_path: Path) -> Path:
    """A copy of the sources a build depends on."""
    root = tmp_path / "src"
    for package in compiled.TYPED_BY:
        shutil.copytree(ROOT / package, root / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _build(build_root: Path, root: Path, when: str = "20261128T090000-1") -> Path:
    """A build directory named for the sources under `root` as they are now (its modules are
    not needed to test the choice)."""
    build = build_root / f"{compiled.fingerprint(root)}-{when}"
    (build / "grading").mkdir(parents=True)
    (build / "lib").mkdir()
    return build


def test_a_build_fits_only_the_sources_it_was_made_from(tmp_path):
    root = _tree(tmp_path)
    build = _build(tmp_path / "builds", root)
    assert compiled.fresh_build(tmp_path / "builds", root) == build
    # Any edit to a compiled module, or to a module whose types it was compiled against,
    # makes the build stale.
    for edited in ("grading/match.py", "policy/decide.py", "scenario/model.py"):
        source = root / edited
        original = source.read_bytes()
        source.write_bytes(original + b"\n# edited\n")
        assert compiled.fresh_build(tmp_path / "builds", root) is None, edited
        source.write_bytes(original)
        assert compiled.fresh_build(tmp_path / "builds", root) == build
    (root / "grading" / "new_module.py").write_text("X = 1\n")
    assert compiled.fresh_build(tmp_path / "builds", root) is None


def test_the_newest_build_of_the_sources_is_chosen_and_staging_is_never(tmp_path):
    root = _tree(tmp_path)
    builds = tmp_path / "builds"
    _build(builds, root, "20261128T090000-1")
    newer = _build(builds, root, "20261128T093000-7")
    (builds / ".bouw-abc123").mkdir()  # a build in progress
    assert compiled.fresh_build(builds, root) == newer
    assert compiled.fresh_build(tmp_path / "nothing", root) is None


def test_activate_leaves_the_sources_in_place_unless_a_build_loads(tmp_path, monkeypatch):
    build = _build(tmp_path, compiled.ROOT)  # named for this tree, but without its library
    monkeypatch.delenv(compiled.ENV, raising=False)
    path = ["/the/sources"]
    assert not compiled.activate(path, tmp_path)
    assert path == ["/the/sources"]
    shutil.rmtree(build)
    assert not compiled.activate(path, tmp_path)  # no build at all
    monkeypatch.setenv(compiled.ENV, "python")
    assert not compiled.activate(path, tmp_path)
    assert path == ["/the/sources"]


def test_an_unknown_choice_warns_in_dutch_and_means_the_default(tmp_path, monkeypatch):
    monkeypatch.setenv(compiled.ENV, "pyton")
    with pytest.warns(UserWarning, match="wordt niet herkend"):
        assert not compiled.activate([], tmp_path)  # no build there: the sources


def test_no_compiled_module_lies_among_the_sources():
    """A module compiled in place (an .so beside its .py) would be imported instead of the
    source, whatever MELDTRAINER_GRADER says."""
    stray = [p for package in compiled.TYPED_BY for p in (ROOT / package).glob("*.so")]
    assert not stray, f"verwijder de gecompileerde modules uit de broncode: {stray}"


def test_the_suite_runs_the_build_it_was_asked_for():
    """`make test` runs the suite once with MELDTRAINER_GRADER=compiled (it has just built the
    grader: the compiled modules must be the ones in use) and the grading tests once with
    MELDTRAINER_GRADER=python (the source modules)."""
    from grading import match, result

    asked = os.environ.get(compiled.ENV)
    if asked == "compiled":
        assert grading.COMPILED
    if asked == "python":
        assert not grading.COMPILED
    build = compiled.fresh_build()
    assert (asked != "python" and build is not None) == grading.COMPILED
    match_file = Path(match.__file__)
    assert (build is not None and build in match_file.parents) == grading.COMPILED
    assert match_file.suffix == (".so" if grading.COMPILED else ".py")
    assert Path(result.__file__).suffix == ".py"  # not compiled (grading/compiled.py)
