"""`meldtrainer`: the one command-line tool. Subcommands are thin wrappers over the packages.

Heavy imports (Faker, pydantic, the generator) happen inside the command functions, so
`meldtrainer --help` answers at once. Every user-facing text is Dutch. Exit codes: 0 done,
1 the work found problems (e.g. `scenario check`), 2 the input was wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from meldtrainer import dutch_argparse

EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_INPUT = 0, 1, 2


class UserError(Exception):
    """Bad input; the message is Dutch and says what to do."""


def _fail(message: str) -> int:
    print(f"meldtrainer: fout: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


# --- scenario generate -------------------------------------------------------------------------


def cmd_generate(args: argparse.Namespace) -> int:
    from generator import recipe as recipes
    from generator.generate import generate
    from scenario.io import write_jsonl

    if args.count < 1:
        raise UserError(f"--aantal moet minstens 1 zijn (nu {args.count}).")
    out = Path(args.out)
    if not out.parent.exists():
        raise UserError(f"De map {out.parent} bestaat niet; maak haar eerst aan.")
    recipe = recipes.load(Path(args.recipe) if args.recipe else None)
    stream = generate(recipe, args.count, args.seed)
    if not args.quiet:
        from tqdm import tqdm

        stream = tqdm(stream, total=args.count, desc="Scenario's genereren", unit=" scen.",
                      file=sys.stderr, disable=args.count < 200 and not sys.stderr.isatty())
    written = write_jsonl(stream, out)
    print(f"{written} scenario's geschreven naar {out} (recept '{recipe.name}', zaad {args.seed}).")
    return EXIT_OK


# --- scenario show -----------------------------------------------------------------------------


def cmd_show(args: argparse.Namespace) -> int:
    from scenario import io

    scenario = io.load(args.scenario)
    from generator import casefile
    from policy import decide

    if args.officer_view:
        text = casefile.render_casefile(scenario)
    else:
        text = casefile.render_review(scenario, decide(scenario))
    if args.format == "html":
        text = casefile.to_html(text, f"Scenario {scenario.id}")
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"Geschreven naar {args.out}.")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


# --- scenario check ----------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    from generator.check import check
    from scenario import io

    total = failed = 0
    problems: list[str] = []
    for ref in args.scenarios:
        try:
            for scenario in io.load_many(ref):
                total += 1
                found = check(scenario)
                if found:
                    failed += 1
                    problems.extend(str(p) for p in found)
        except io.ScenarioError as exc:
            problems.append(str(exc))
            failed += 1
    for line in problems[: args.max_problems]:
        print(line)
    if len(problems) > args.max_problems:
        print(f"... en nog {len(problems) - args.max_problems} probleem/problemen.")
    if failed:
        print(f"{failed} van {total} scenario's hebben problemen.")
        return EXIT_PROBLEMS
    print(f"Alle {total} scenario's zijn in orde.")
    return EXIT_OK


# --- scenario schema ---------------------------------------------------------------------------


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from scenario import io

    text = json.dumps(io.json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"Schema geschreven naar {args.out}.")
    else:
        sys.stdout.write(text)
    return EXIT_OK


# --- grade -------------------------------------------------------------------------------------


def cmd_grade(args: argparse.Namespace) -> int:
    import json

    from grading import grade
    from grading.render import as_text
    from scenario import io

    scenario = io.load(args.scenario)
    path = Path(args.report)
    if not path.exists():
        raise UserError(f"Het rapport {path} bestaat niet. Geef het pad naar een Markdown-bestand.")
    raw = path.read_bytes()
    text = raw.decode("utf-8", errors="replace")
    result = grade(text, scenario)
    if args.json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(as_text(result))
    return EXIT_OK


# --- demo --------------------------------------------------------------------------------------


def cmd_demo(args: argparse.Namespace) -> int:
    from meldtrainer import demo

    return demo.run(Path(args.out), count=args.count, seed=args.seed)


# --- the parser --------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    dutch_argparse.install()
    parser = dutch_argparse.DutchParser(
        prog="meldtrainer",
        description="Meldtrainer: oefenen met meldingen aan Veilig Thuis. Alle scenario's zijn "
                    "fictief.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDO", title="commando's")

    scen = sub.add_parser("scenario", help="scenario's genereren, bekijken en controleren",
                          description="Scenario's genereren, bekijken en controleren.")
    scen_sub = scen.add_subparsers(dest="scenario_command", metavar="COMMANDO",
                                   title="commando's")

    gen = scen_sub.add_parser(
        "generate", help="een scenarioset genereren (JSONL)",
        description="Genereer een set fictieve scenario's volgens een recept.")
    gen.add_argument("--recipe", "--recept", metavar="RECEPT.yaml",
                     help="het recept (vormen, moeilijkheid, rollen, eenheden); zonder recept "
                          "gelden de standaardverhoudingen")
    gen.add_argument("--count", "--aantal", type=int, default=20, metavar="N",
                     help="aantal scenario's (standaard: 20)")
    gen.add_argument("--seed", "--zaad", type=int, default=1, metavar="S",
                     help="zaad: hetzelfde zaad geeft dezelfde set (standaard: 1)")
    gen.add_argument("--out", "--uit", required=True, metavar="SET.jsonl",
                     help="het uitvoerbestand")
    gen.add_argument("--quiet", "--stil", action="store_true", help="geen voortgangsbalk")
    gen.set_defaults(func=cmd_generate)

    show = scen_sub.add_parser(
        "show", help="één scenario tonen als dossier met grondwaarheid",
        description="Toon één scenario (dossier plus beoordelingskader) als Markdown of HTML.")
    show.add_argument("scenario", metavar="SCENARIO",
                      help="een canoniek id (HG-01 … HG-08), een bestand, of SET.jsonl#ID")
    show.add_argument("--format", "--formaat", choices=["markdown", "html"], default="markdown",
                      help="uitvoerformaat (standaard: markdown)")
    show.add_argument("--officer-view", "--alleen-dossier", action="store_true",
                      help="alleen het dossier zoals de agent het ziet, zonder grondwaarheid")
    show.add_argument("--out", "--uit", metavar="BESTAND", help="schrijf naar een bestand")
    show.set_defaults(func=cmd_show)

    chk = scen_sub.add_parser(
        "check", help="scenario's of een set controleren",
        description="Controleer scenario's op interne samenhang en op het beleid.")
    chk.add_argument("scenarios", nargs="+", metavar="SCENARIO",
                     help="een set (.jsonl), een bestand, een canoniek id of 'canoniek'")
    chk.add_argument("--max-problems", "--max-problemen", type=int, default=50, metavar="N",
                     help="toon hoogstens N problemen (standaard: 50)")
    chk.set_defaults(func=cmd_check)

    schema = scen_sub.add_parser("schema", help="het JSON-schema van een scenario tonen",
                                 description="Toon of schrijf het JSON-schema van een scenario.")
    schema.add_argument("--out", "--uit", metavar="BESTAND", help="schrijf naar een bestand")
    schema.set_defaults(func=cmd_schema)

    grade = sub.add_parser(
        "grade", help="een melding beoordelen",
        description="Beoordeel een melding (Markdown, volgens het meldingsformulier) tegen de "
                    "grondwaarheid van een scenario.")
    grade.add_argument("--scenario", required=True, metavar="SCENARIO",
                       help="een canoniek id (HG-01 … HG-08), een bestand, of SET.jsonl#ID")
    grade.add_argument("--report", "--rapport", required=True, metavar="MELDING.md",
                       help="de melding als Markdown-bestand")
    grade.add_argument("--json", action="store_true", help="uitvoer als JSON (zie docs/grading.md)")
    grade.set_defaults(func=cmd_grade)

    demo = sub.add_parser("demo", help="de generator-demo draaien",
                          description="Genereer een kleine set, controleer haar en toon een "
                                      "voorbeelddossier.")
    demo.add_argument("--out", "--uit", default="out/demo", metavar="MAP",
                      help="uitvoermap (standaard: out/demo)")
    demo.add_argument("--count", "--aantal", type=int, default=50, metavar="N",
                      help="aantal scenario's (standaard: 50)")
    demo.add_argument("--seed", "--zaad", type=int, default=2026, metavar="S",
                      help="zaad (standaard: 2026)")
    demo.set_defaults(func=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        if args.command == "scenario":
            parser.parse_args(["scenario", "--help"])
        parser.print_help()
        return EXIT_BAD_INPUT
    from generator.recipe import RecipeError
    from scenario.io import ScenarioError

    try:
        return args.func(args)
    except (UserError, RecipeError, ScenarioError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("afgebroken; er is geen half bestand achtergebleven.")
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
