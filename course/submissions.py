"""Simulated officers' submissions: the released notebook with meldingen of a chosen quality.

Used by `meldtrainer demo`, the course tests and the benchmarks: each answer cell is filled with
a melding written by generator/melding.py for that cell's scenario, at one of its quality
levels, or left as the form, or broken in the ways real submissions break (a copy-pasted answer
cell, a deleted answer cell, invalid JSON).
"""

from __future__ import annotations

import copy
import random
from pathlib import Path

import nbformat

from course import manifest as manifest_mod
from course.cells import is_answer
from course.paths import NOTEBOOK, submitted_dir
from generator.melding import LEVELS, write
from policy import decide

KINDS = (*LEVELS, "leeg", "dubbele_cel", "cel_verwijderd", "kapot")


def answer_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if is_answer(c)]


def fill(released: nbformat.NotebookNode, root: Path, assignment: str, student: str,
         kind: str, seed: int = 0) -> nbformat.NotebookNode | str:
    """A submission of the given kind; 'kapot' returns text that is not a notebook at all."""
    if kind == "kapot":
        return '{"cells": [ {"cell_type": "markdown", "source": "half'
    nb = copy.deepcopy(released)
    manifest = manifest_mod.load(root, assignment)
    rng = random.Random(f"{seed}|{student}|{kind}")
    level = kind if kind in LEVELS else "goed"
    for cell in answer_cells(nb):
        gid = cell.metadata["nbgrader"]["grade_id"]
        if kind == "leeg":
            continue
        scenario = manifest_mod.scenario_for(root, manifest, gid, student)
        cell.source = write(scenario, decide(scenario), LEVELS[level], rng)
    if kind == "dubbele_cel":
        first = answer_cells(nb)[0]
        at = nb.cells.index(first)
        twin = copy.deepcopy(first)
        twin.id = f"{first.get('id', 'cel')}-kopie"[:64]  # JupyterLab gives a pasted cell a new id
        first.source = first.source[: len(first.source) // 2]  # an earlier draft, half done
        nb.cells.insert(at + 1, twin)
    if kind == "cel_verwijderd":
        nb.cells.remove(answer_cells(nb)[0])
    return nb


def place(root: Path, assignment: str, student: str, submission: nbformat.NotebookNode | str,
          timestamp: str = "2026-11-02 10:00:00 CET") -> Path:
    """Put a submission where `nbgrader collect` would: submitted/<officer>/<assignment>/."""
    folder = submitted_dir(root, student, assignment)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{NOTEBOOK}.ipynb"
    if isinstance(submission, str):
        path.write_text(submission, encoding="utf-8")
    else:
        nbformat.write(submission, path)
    (folder / "timestamp.txt").write_text(timestamp + "\n", encoding="utf-8")
    return path
