"""Practice mode inside JupyterLab, without typing code: ready-made cells the officer runs.

- `toon_dossier("melding_1")` shows the officer's own case file (per-officer variant).
- `controleer("melding_1")` grades the last saved melding at once and shows the terugmelding
  (practice mode only). An empty or untouched form is reported as such, not as an attempt.
- `nieuwe_oefening()` writes a fresh notebook beside this one with new scenarios of the same
  kind (the attempt number changes the seed), as often as the officer likes.

The officer's scenario follows from the assignment, the officer's id and the cell
(`course.manifest.variant_seed`), so the kernel computes exactly the scenario that
`nbgrader autograde` and the batch grader will use; nothing of the ground truth is shipped.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from pathlib import Path
from typing import Any

from course.cells import answer_texts, is_untouched, nbgrader_meta
from course.manifest import Manifest, variant
from course.paths import NOTEBOOK


def officer_id() -> str:
    """The id nbgrader files the submission under: JupyterHub's user, else the OS user."""
    return (os.environ.get("MELDTRAINER_AGENT") or os.environ.get("JUPYTERHUB_USER")
            or getpass.getuser())


def _notebook_path() -> Path:
    session = os.environ.get("JPY_SESSION_NAME", "")
    if session.endswith(".ipynb") and Path(session).exists():
        return Path(session)
    return Path.cwd() / f"{NOTEBOOK}.ipynb"


def _load(path: Path | None = None) -> tuple[dict[str, Any], Path]:
    path = path or _notebook_path()
    return json.loads(path.read_text(encoding="utf-8")), path


def _manifest(meta: dict[str, Any]) -> Manifest:
    return Manifest(assignment=meta["opdracht"], module=int(meta.get("module", 0)),
                    mode=meta.get("modus", "oefenen"), points=float(meta.get("punten", 10)),
                    cells={gid: "" for gid in meta["meldingen"]}, variants=True,
                    recipe=meta.get("recept") or {})


def _display_markdown(text: str) -> None:
    try:
        from IPython.display import Markdown, display
    except ImportError:  # outside Jupyter (tests, terminal)
        print(text)
        return
    display(Markdown(text))


def _own_scenario(meta: dict[str, Any], grade_id: str, student: str | None = None):
    return variant(_manifest(meta), student or officer_id(), grade_id, int(meta.get("poging", 0)))


def scenario_of(grade_id: str, path: Path | None = None, student: str | None = None):
    nb, _ = _load(path)
    return _own_scenario(nb["metadata"]["meldtrainer"], grade_id, student)


def toon_dossier(grade_id: str, path: Path | None = None) -> str:
    from course.notebook import demote
    from generator.casefile import render_casefile

    text = demote(render_casefile(scenario_of(grade_id, path)), 2)
    _display_markdown(text)
    return text


def controleer(grade_id: str, path: Path | None = None) -> str:
    """Grade the saved melding in cell `grade_id` and show the terugmelding."""
    from course.scoring import score_answer

    nb, where = _load(path)
    meta = nb["metadata"]["meldtrainer"]
    if meta.get("modus") != "oefenen":
        out = "Dit is een toets: u ziet de beoordeling als de instructeur die vrijgeeft."
        _display_markdown(out)
        return out
    text = answer_texts(nb.get("cells")).get(grade_id)
    saved = dt.datetime.fromtimestamp(where.stat().st_mtime).strftime("%H:%M")
    note = (f"*Gecontroleerd: de versie die om {saved} is opgeslagen. Schreef u daarna nog iets, "
            f"druk dan eerst op Ctrl+S en controleer opnieuw.*\n\n")
    if text is None:
        out = note + ("**Het meldingsformulier ontbreekt** in dit notebook. Vraag uw instructeur "
                      "om hulp; dit telt niet als poging.")
    elif is_untouched(text):
        out = note + ("**Uw melding is nog leeg.** Dubbelklik op het meldingsformulier, schrijf "
                      "uw melding, sla op (Ctrl+S) en controleer opnieuw. Dit telt niet als "
                      "poging.")
    else:
        scored = score_answer(text, _own_scenario(meta, grade_id), float(meta.get("punten", 10)))
        out = note + scored.comment
    _display_markdown(out)
    return out


def nieuwe_oefening(path: Path | None = None) -> Path:
    """Write `oefening-N.ipynb` beside this notebook: same assignment, fresh scenarios."""
    from grading.report import blank_form

    fresh, where = _load(path)  # this notebook as on disk, changed into the new one
    attempt = 1
    while (where.parent / f"oefening-{attempt}.ipynb").exists():
        attempt += 1
    fresh["metadata"]["meldtrainer"]["poging"] = attempt
    for cell in fresh["cells"]:
        if nbgrader_meta(cell).get("solution"):
            cell["source"] = blank_form()
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
    target = where.parent / f"oefening-{attempt}.ipynb"
    target.write_text(json.dumps(fresh, ensure_ascii=False, indent=1), encoding="utf-8")
    _display_markdown(f"Nieuwe oefening klaar: [{target.name}]({target.name}). Open het bestand "
                      f"in de bestandenlijst links. Een oefening telt niet mee voor uw cijfer.")
    return target
