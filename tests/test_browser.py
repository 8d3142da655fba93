"""The officer's session in a real browser: JupyterLab on the course, headless Chromium.

Start JupyterLab as an officer (Dutch, instructor parts off), open a practice assignment, show
the own dossier, type a melding into the answer cell, save, run the check cell and read the Dutch
terugmelding on the page. Screenshots go to out/test-screenshots/ (and the test's tmp dir).
Chromium is Debian's (/usr/bin/chromium, installed by `make test`); Playwright drives it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from course.build import build_assignment
from course.demo import fresh_course
from course.modules import find
from course.nbgrader_run import run
from generator.melding import write
from policy import decide

CHROMIUM = "/usr/bin/chromium"
ASSIGNMENT = "m1-herkennen"
SHOTS = Path("out/test-screenshots")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make test`, it installs it"
    out = tmp_path_factory.mktemp("browser")
    os.environ["MELDTRAINER_UITWISSELING"] = str(out / "uitwisseling")
    root = fresh_course(out)
    shutil.copytree(Path("cursus/jupyter"), root / "jupyter")
    build_assignment(root, find(root, "1"))
    run(root, "generate_assignment", ASSIGNMENT, check=True)
    home = out / "agent-a01"
    (home / ASSIGNMENT).mkdir(parents=True)
    shutil.copy(root / "release" / ASSIGNMENT / "opdracht.ipynb", home / ASSIGNMENT)
    port, token = _free_port(), "meldtrainer-test"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(root / "jupyter" / "agent"),
           "JUPYTER_DATA_DIR": str(out / "jupyter-data"), "MELDTRAINER_AGENT": "a01",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
           f"--ServerApp.token={token}", f"--ServerApp.root_dir={home}",
           "--ServerApp.ip=127.0.0.1"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = (out / "lab.log").open("w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=home)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("JupyterLab did not start:\n" + (out / "lab.log").read_text()[-3000:])
    yield {"base": base, "token": token, "home": home, "root": root, "out": out}
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_officer_server_has_no_formgrader(lab):
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(f"{lab['base']}/formgrader?token={lab['token']}", timeout=10)
    assert err.value.code == 404


def test_officer_writes_checks_and_reads_dutch_feedback(lab, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    from course import practice

    nb_path = lab["home"] / ASSIGNMENT / "opdracht.ipynb"
    scenario = practice.scenario_of("melding_1", nb_path, student="a01")
    melding = write(scenario, decide(scenario))
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(60_000)
        page.goto(f"{lab['base']}/lab/tree/{ASSIGNMENT}/opdracht.ipynb?token={lab['token']}")
        expect(page.locator(".jp-Notebook")).to_be_visible()
        expect(page.get_by_text("Bestand", exact=True).first).to_be_visible()  # Dutch menus
        expect(page.locator(".jp-Notebook-ExecutionIndicator, .jp-Toolbar")).not_to_have_count(0)
        page.wait_for_timeout(1500)

        # Show the own dossier: run the ready-made cell.
        show = page.locator(".jp-CodeCell").filter(has_text='toon_dossier("melding_1")')
        show.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Shift+Enter")
        expect(page.locator(".jp-OutputArea-output").filter(
            has_text=scenario.persons[0].full_name).first).to_be_visible(timeout=90_000)

        # Write the melding in the answer cell (the form), render it and save.
        cells = page.locator(".jp-Notebook .jp-Cell")
        index = cells.evaluate_all(
            "els => els.findIndex(e => e.classList.contains('jp-MarkdownCell') && "
            "[...e.querySelectorAll('h1')].some(h => h.textContent.includes("
            "'Melding aan Veilig Thuis')))")
        assert index >= 0
        form = cells.nth(index)  # stable while the cell switches to its editor
        form.scroll_into_view_if_needed()
        form.dblclick()
        editor = form.locator(".cm-content")
        expect(editor).to_be_visible()
        editor.click()
        page.keyboard.press("Control+a")
        page.keyboard.insert_text(melding)
        page.keyboard.press("Shift+Enter")
        page.keyboard.press("Control+s")
        page.wait_for_timeout(1500)

        # Check it: run the ready-made check cell and read the terugmelding.
        check = page.locator(".jp-CodeCell").filter(has_text='controleer("melding_1")')
        check.scroll_into_view_if_needed()
        check.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Shift+Enter")
        feedback = page.locator(".jp-OutputArea-output").filter(has_text="Beoordeling:")
        expect(feedback.first).to_be_visible(timeout=90_000)
        text = feedback.first.inner_text()
        feedback.first.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "agent-terugmelding.png"))
        page.screenshot(path=str(tmp_path / "agent-terugmelding.png"))
        browser.close()
    assert "Besluit melding" in text and "Waarneming en verklaring gescheiden" in text
    assert "Beoordeling: " in text and "van 10 punten" in text
    saved = nb_path.read_text(encoding="utf-8")
    assert scenario.persons[0].full_name.split()[0] in saved  # the melding was saved to disk
