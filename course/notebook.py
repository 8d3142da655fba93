"""Write an nbgrader source notebook for one module: text, worked example, case files, answers.

Pure: takes a module, its scenarios and the worked example, returns an nbformat notebook. Cells
follow nbgrader's schema v3: read-only text is a locked cell, each melding is a Markdown
"manually graded answer" (grade + solution) that starts as the report form. The notebook's own
metadata carries scenario references only; the ground truth is computed at grading time.
"""

from __future__ import annotations

import re
from typing import Any

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from course.cells import ANSWER_PREFIX
from course.modules import Module
from generator import casefile
from generator.melding import write as write_melding
from grading.report import blank_form
from policy import decide
from scenario.model import Scenario

POINTS = 10.0
_HEADING = re.compile(r"^(#{1,6})(\s)", re.MULTILINE)


def _meta(grade_id: str, **kw: Any) -> dict[str, Any]:
    return {"nbgrader": {"grade": False, "solution": False, "locked": False,
                         "grade_id": grade_id, "schema_version": 3, **kw}}


def locked(grade_id: str, text: str) -> nbformat.NotebookNode:
    return new_markdown_cell(text, metadata=_meta(grade_id, locked=True))


def helper(grade_id: str, source: str) -> nbformat.NotebookNode:
    """A ready-made, read-only code cell the officer only runs (Shift+Enter); never graded."""
    return new_code_cell(source, metadata=_meta(grade_id, locked=True))


def answer(grade_id: str, points: float = POINTS) -> nbformat.NotebookNode:
    return new_markdown_cell(blank_form(), metadata=_meta(grade_id, grade=True, solution=True,
                                                          points=points))


def demote(markdown: str, levels: int) -> str:
    """Push headings down so an embedded document sits under the notebook's own headings."""
    return _HEADING.sub(lambda m: "#" * min(6, len(m.group(1)) + levels) + m.group(2), markdown)


def answer_ids(count: int) -> list[str]:
    return [f"{ANSWER_PREFIX}{i}" for i in range(1, count + 1)]


MODE_TEXT = {
    "oefenen": "**Oefenmodus.** Controleer uw melding zo vaak u wilt; de terugmelding ziet u "
               "meteen.",
    "toets": "**Toetsmodus.** U ziet uw beoordeling pas als de instructeur de terugmeldingen "
             "vrijgeeft.",
}

HOW_TO = (
    "**Zo werkt het.** Lees het dossier. Klik dubbel op het meldingsformulier onder het dossier "
    "en schrijf uw melding onder de kopjes, in uw eigen woorden. Laat de kopjes staan; de tekst "
    "tussen haakjes mag u weghalen. Sla op met Ctrl+S. U hoeft geen code te typen.")


RUN_TEXT = ("**Uw eigen dossier:** klik op de grijze cel hieronder en druk op **Shift+Enter**. "
            "Iedere agent krijgt een eigen dossier van hetzelfde soort.")
CHECK_TEXT = ("**Controleren:** sla op (Ctrl+S), klik op de grijze cel hieronder en druk op "
              "**Shift+Enter**. U ziet meteen wat goed is en wat Veilig Thuis nog mist. "
              "Controleren mag zo vaak u wilt.")
NEW_TEXT = ("## Nog een keer oefenen?\n\nKlik op de grijze cel hieronder en druk op "
            "**Shift+Enter**: u krijgt een nieuw notebook met nieuwe dossiers van hetzelfde "
            "soort.")


def build(module: Module, scenarios: list[Scenario], example: Scenario | None,
          variants: bool = False) -> nbformat.NotebookNode:
    cells = [locked("uitleg", f"# Module {module.number}: {module.title}\n\n"
                              f"{MODE_TEXT[module.mode]} Duur: ongeveer {module.duration}.\n\n"
                              f"{module.explanation}")]
    if example is not None:
        model = write_melding(example, decide(example))
        cells += [
            locked("voorbeeld_dossier", f"## Uitgewerkt voorbeeld: casus {example.id}\n\n"
                                        f"{demote(casefile.render_casefile(example), 2)}"),
            locked("voorbeeld_melding", f"### De melding\n\n{demote(model, 3)}"),
            locked("voorbeeld_waarom", f"### Waarom is dit een goede melding?\n\n"
                                       f"{module.example_why.strip()}"),
        ]
    cells.append(locked("werkwijze", f"## Aan de slag\n\n{HOW_TO}"))
    refs = {}
    practice = module.mode == "oefenen"
    for i, (gid, scenario) in enumerate(zip(answer_ids(len(scenarios)), scenarios, strict=True),
                                        start=1):
        refs[gid] = "" if variants else scenario.id
        if variants:
            cells += [
                locked(f"dossier_{i}", f"## Opdracht {i}\n\n{module.instruction}\n\n{RUN_TEXT}"),
                helper(f"toon_{i}", f'from course.practice import toon_dossier\n'
                                    f'toon_dossier("{gid}")'),
            ]
        else:
            cells.append(locked(f"dossier_{i}", f"## Opdracht {i}\n\n{module.instruction}\n\n"
                                                f"{demote(casefile.render_casefile(scenario), 2)}"))
        cells.append(answer(gid))
        if variants and practice:
            cells += [locked(f"controle_uitleg_{i}", CHECK_TEXT),
                      helper(f"controleer_{i}", f'from course.practice import controleer\n'
                                                f'controleer("{gid}")')]
    if variants and practice:
        cells += [locked("nieuw_uitleg", NEW_TEXT),
                  helper("nieuwe_oefening", "from course.practice import nieuwe_oefening\n"
                                            "nieuwe_oefening()")]
    cells.append(locked("afsluiting", "## Klaar?\n\nSla op (Ctrl+S) en lever de opdracht in. "
                                      "Een melding die u niet invult, telt niet als poging."))
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    meta = {"formaat": 1, "opdracht": module.assignment, "module": module.number,
            "modus": module.mode, "meldingen": refs, "varianten": variants, "punten": POINTS}
    if variants:  # the kernel derives the officer's own scenario from these (course.practice)
        meta["recept"] = module.recipe
    nb.metadata["meldtrainer"] = meta
    return nb
