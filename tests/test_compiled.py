"""The optional compiled grader (grading/compiled.py): a build is used only while it fits the
sources exactly, and the running test suite uses the build it was asked to use."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import grading
from grading import compiled

ROOT = Path(__file__).resolve().parents[1]


def _tree(tmp_path: Path) -> Path:
    """A copy of the sources a build depends on."""
    root = tmp_path / "src"
    for package in compiled.TYPED_BY:
        shutil.copytree(ROOT / package, root / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _build(tmp_path: Path, root: Path) -> Path:
    """A build directory stamped for `root` as it is now (its modules are not needed to test
    the choice)."""
    build = tmp_path / "build"
    (build / "grading").mkdir(parents=True)
    (build / compiled.STAMP_NAME).write_text(compiled.fingerprint(root) + "\n")
    return build


def test_a_build_fits_only_the_sources_it_was_stamped_for(tmp_path):
    root = _tree(tmp_path)
    build = _build(tmp_path, root)
    assert compiled.is_fresh(build, root)
    # Any edit to a compiled module, or to a module whose types it was compiled against,
    # makes the build stale.
    for edited in ("grading/match.py", "policy/decide.py", "scenario/model.py"):
        source = root / edited
        original = source.read_bytes()
        source.write_bytes(original + b"\n# edited\n")
        assert not compiled.is_fresh(build, root), edited
        source.write_bytes(original)
        assert compiled.is_fresh(build, root)
    (root / "grading" / "new_module.py").write_text("X = 1\n")
    assert not compiled.is_fresh(build, root)


def test_no_stamp_or_a_broken_one_is_not_fresh(tmp_path):
    root = _tree(tmp_path)
    assert not compiled.is_fresh(tmp_path / "nothing", root)
    build = _build(tmp_path, root)
    (build / compiled.STAMP_NAME).write_bytes(b"\xff\xfe not a stamp")
    assert not compiled.is_fresh(build, root)


def test_activate_puts_a_fresh_build_first_unless_told_not_to(tmp_path, monkeypatch):
    build = _build(tmp_path, compiled.ROOT)  # stamped for this tree as it is
    monkeypatch.delenv(compiled.ENV, raising=False)
    path = ["/the/sources"]
    assert compiled.activate(path, build)
    assert path == [str(build / "grading"), "/the/sources"]

    monkeypatch.setenv(compiled.ENV, "python")
    path = ["/the/sources"]
    assert not compiled.activate(path, build)
    assert path == ["/the/sources"]

    monkeypatch.delenv(compiled.ENV)
    (build / compiled.STAMP_NAME).write_text("0" * 64 + "\n")  # a stale build
    assert not compiled.activate(path, build)
    assert path == ["/the/sources"]


def test_the_suite_runs_the_build_it_was_asked_for():
    """`make test` runs the suite once with MELDTRAINER_GRADER=compiled (it has just built the
    grader: the compiled modules must be the ones in use) and the grading tests once with
    MELDTRAINER_GRADER=python (the source modules)."""
    asked = os.environ.get(compiled.ENV)
    from grading import match

    match_file = Path(match.__file__)
    if asked == "compiled":
        assert grading.COMPILED
    if asked == "python":
        assert not grading.COMPILED
    assert (asked != "python" and compiled.is_fresh()) == grading.COMPILED
    in_build = compiled.BUILD_DIR in match_file.parents
    assert in_build == grading.COMPILED
    assert match_file.suffix == (".so" if grading.COMPILED else ".py")
