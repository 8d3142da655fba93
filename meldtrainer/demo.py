"""The generator demo: the main job until the course exists.

Generates a small scenario set, checks it, renders one generated and one canonical scenario for
review, and prints a short Dutch summary of what the set contains.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from generator import casefile
from generator.check import check
from generator.generate import generate
from generator.recipe import load as load_recipe
from policy import decide
from scenario import io


def run(out: Path, count: int = 50, seed: int = 2026) -> int:
    out.mkdir(parents=True, exist_ok=True)
    recipe = load_recipe(None)
    set_path = out / "demo-set.jsonl"
    io.write_jsonl(generate(recipe, count, seed), set_path)

    forms: Counter[str] = Counter()
    meldingen = acuut = problems = 0
    first = None
    for scenario in io.iter_jsonl(set_path):
        first = first or scenario
        forms[scenario.form] += 1
        gt = decide(scenario)
        meldingen += gt.melding
        acuut += gt.urgency == "acuut"
        problems += len(check(scenario))

    review = casefile.render_review(first, decide(first))
    (out / f"{first.id}.md").write_text(review, encoding="utf-8")
    (out / f"{first.id}.html").write_text(casefile.to_html(review, first.id), encoding="utf-8")
    canon = io.load("HG-01")
    (out / "HG-01.html").write_text(
        casefile.to_html(casefile.render_review(canon, decide(canon)), "HG-01"), encoding="utf-8")

    print(f"Meldtrainer-demo: {count} fictieve scenario's in {set_path}")
    for form, n in forms.most_common():
        print(f"  {form:32s} {n:4d}")
    print(f"Melding aan Veilig Thuis vereist: {meldingen} van {count} (waarvan acuut: {acuut}).")
    print(f"Controle: {'alles in orde' if problems == 0 else f'{problems} probleem/problemen'}.")
    print(f"Voorbeeld ter beoordeling: {out / (first.id + '.html')} en {out / 'HG-01.html'}")
    print("Bekijk een scenario: meldtrainer scenario show HG-01")
    return 0 if problems == 0 else 1
