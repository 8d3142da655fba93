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

    if args.mode == "batch":
        return cmd_grade_batch(args)
    if args.mode is not None:
        raise UserError(f"Onbekend: 'grade {args.mode}'. Gebruik 'grade batch OPDRACHT' of "
                        f"'grade --scenario ID --rapport MELDING.md'.")
    if not args.scenario or not args.report:
        raise UserError("Geef --scenario en --rapport, of 'grade batch OPDRACHT'.")
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


def cmd_grade_batch(args: argparse.Namespace) -> int:
    from course.batch import run_batch

    if not args.assignment:
        raise UserError("Welke opdracht? Gebruik: meldtrainer grade batch OPDRACHT")
    root = _course_root(args)
    report = run_batch(root, args.assignment, workers=args.workers, force=args.force,
                       progress=not args.quiet)
    print(report.summary(args.assignment))
    return EXIT_BAD_INPUT if any(g.fatal for g in report.graded) else EXIT_OK


# --- progress ----------------------------------------------------------------------------------


def _db_url(args: argparse.Namespace) -> str:
    if args.db:
        return args.db
    from course.config import settings

    return settings(_course_dir(args))["db_url"]


def cmd_progress_report(args: argparse.Namespace) -> int:
    from progress.report import write_report

    page, p = write_report(_db_url(args), Path(args.out),
                           args.roster, args.names)
    for warning in p.warnings:
        print(f"Let op: {warning}")
    print(f"Rapport: {page} (open het met een dubbelklik); CSV en Excel staan ernaast.")
    return EXIT_OK


def cmd_progress_officer(args: argparse.Namespace) -> int:
    from progress.report import officer_text

    sys.stdout.write(officer_text(_db_url(args), args.officer))
    return EXIT_OK


# --- demo --------------------------------------------------------------------------------------


def cmd_demo(args: argparse.Namespace) -> int:
    from course.demo import run_demo

    return run_demo(Path(args.out), module=args.module, seed=args.seed)


# --- the course --------------------------------------------------------------------------------


def _course_dir(args: argparse.Namespace) -> Path:
    from course.paths import default_root

    return Path(args.cursus).resolve() if args.cursus else default_root()


def _course_root(args: argparse.Namespace) -> Path:
    """The course directory, checked: it must hold the modules."""
    root = _course_dir(args)
    if not (root / "modules").is_dir():
        raise UserError(f"{root} is geen cursusmap (de map modules/ ontbreekt). Geef de cursus "
                        f"aan met --cursus MAP of start in de map van het project.")
    return root


def cmd_course_build(args: argparse.Namespace) -> int:
    from course.build import build_assignment
    from course.modules import find, load_all

    root = _course_root(args)
    if args.all and (args.name or args.set):
        raise UserError("--alle bouwt iedere module met haar eigen scenario's; laat --naam en "
                        "--set weg.")
    for module in load_all(root) if args.all else [find(root, args.module)]:
        built = build_assignment(root, module, set_ref=args.set, count=args.count,
                                 seed=args.seed, variants=args.variants, name=args.name)
        kind = "per agent een eigen variant" if built.variants else "gedeelde dossiers"
        print(f"Opdracht '{built.assignment}' (module {module.number}: {module.title}): "
              f"{len(built.scenarios)} melding(en), {kind}, modus {module.mode}.")
        print(f"  bronnotebook: {built.notebook}")
    print("Volgende stap: nbgrader generate_assignment OPDRACHT (in de cursusmap).")
    return EXIT_OK


def cmd_course_start(args: argparse.Namespace) -> int:
    from course.start import prepare, start

    root = _course_root(args)
    if args.prepare_only:
        names = prepare(root)
        print(f"De cursus is klaar: {len(names)} opdrachten in {root}.")
        return EXIT_OK
    return start(root, ["--no-browser"] if args.no_browser else [])


def cmd_course_autograde(args: argparse.Namespace) -> int:
    from course.autograde import autograde, summary

    root = _course_root(args)
    outcomes = autograde(root, args.assignment, force=args.force)
    print(summary(args.assignment, outcomes))
    return EXIT_OK if all(o.score is not None for o in outcomes) else EXIT_BAD_INPUT


# --- the parser --------------------------------------------------------------------------------


def _add_course_option(parser: argparse.ArgumentParser, note: str = "") -> None:
    parser.add_argument("--cursus", metavar="MAP",
                        help=f"{note}de cursusmap (standaard: ./cursus)")


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
        "grade", help="een melding beoordelen, of een hele opdracht (batch)",
        description="Beoordeel een melding (Markdown, volgens het meldingsformulier) tegen de "
                    "grondwaarheid van een scenario, of met 'grade batch OPDRACHT' alle "
                    "inleveringen van een opdracht, rechtstreeks in de cijferlijst.")
    grade.add_argument("mode", nargs="?", metavar="batch", help="'batch': een hele opdracht")
    grade.add_argument("assignment", nargs="?", metavar="OPDRACHT",
                       help="de opdracht (alleen bij batch)")
    grade.add_argument("--scenario", metavar="SCENARIO",
                       help="een canoniek id (HG-01 … HG-08), een bestand, of SET.jsonl#ID")
    grade.add_argument("--report", "--rapport", metavar="MELDING.md",
                       help="de melding als Markdown-bestand")
    grade.add_argument("--json", action="store_true", help="uitvoer als JSON (zie docs/grading.md)")
    grade.add_argument("--processen", "--workers", dest="workers", type=int, metavar="N",
                       help="batch: aantal parallelle processen (standaard: aantal kernen)")
    grade.add_argument("--opnieuw", "--force", dest="force", action="store_true",
                       help="batch: ook al nagekeken inleveringen opnieuw nakijken")
    grade.add_argument("--stil", "--quiet", dest="quiet", action="store_true",
                       help="batch: geen voortgangsbalk")
    _add_course_option(grade, "batch: ")
    grade.set_defaults(func=cmd_grade)

    course = sub.add_parser("cursus", help="de nbgrader-cursus: opdrachten bouwen en nakijken",
                            description="De nbgrader-cursus: opdrachten bouwen en nakijken. Daarna "
                                        "werken de gewone nbgrader-commando's op de cursusmap.")
    course_sub = course.add_subparsers(dest="course_command", metavar="COMMANDO",
                                       title="commando's")
    build = course_sub.add_parser(
        "build", help="een module omzetten in een nbgrader-opdracht",
        description="Zet een module en scenario's om in een nbgrader-bronopdracht "
                    "(source/OPDRACHT/opdracht.ipynb).")
    which = build.add_mutually_exclusive_group(required=True)
    which.add_argument("--module", metavar="MODULE", help="nummer (1 … 6) of naam van de module")
    which.add_argument("--alle", dest="all", action="store_true", help="alle modules bouwen")
    build.add_argument("--set", metavar="SET.jsonl",
                       help="neem de scenario's uit deze set (zonder set maakt de module haar "
                            "eigen scenario's)")
    build.add_argument("--aantal", "--count", dest="count", type=int, metavar="N",
                       help="aantal meldingen in de opdracht (standaard: zoals de module zegt)")
    build.add_argument("--zaad", "--seed", dest="seed", type=int, metavar="S",
                       help="zaad voor de scenario's (standaard: dat van de module)")
    build.add_argument("--naam", dest="name", metavar="OPDRACHT",
                       help="naam van de opdracht (standaard: die van de module)")
    shared = build.add_mutually_exclusive_group()
    shared.add_argument("--varianten", dest="variants", action="store_const", const=True,
                        help="iedere agent krijgt een eigen scenario van hetzelfde soort "
                             "(standaard zoals de module zegt)")
    shared.add_argument("--gedeeld", dest="variants", action="store_const", const=False,
                        help="alle agenten krijgen dezelfde dossiers (geen controleknop)")
    _add_course_option(build)
    build.set_defaults(func=cmd_course_build)

    grade_course = course_sub.add_parser(
        "autograde", help="inleveringen nakijken met nbgrader, met een overzicht",
        description="Kijk alle inleveringen van een opdracht na (nbgrader autograde met de "
                    "Meldtrainer-beoordelaar) en toon per agent de score en eventuele problemen.")
    grade_course.add_argument("assignment", metavar="OPDRACHT", help="de naam van de opdracht")
    grade_course.add_argument("--opnieuw", "--force", dest="force", action="store_true",
                              help="ook al nagekeken inleveringen opnieuw nakijken")
    _add_course_option(grade_course)
    grade_course.set_defaults(func=cmd_course_autograde)

    start = course_sub.add_parser(
        "start", help="de cursus klaarzetten en JupyterLab openen",
        description="Bouw en geef de modules vrij die nog niet klaarstaan en open JupyterLab "
                    "(in het Nederlands) op de cursus.")
    start.add_argument("--alleen-klaarzetten", dest="prepare_only", action="store_true",
                       help="alleen klaarzetten, JupyterLab niet starten")
    start.add_argument("--zonder-browser", dest="no_browser", action="store_true",
                       help="geen browser openen (bijvoorbeeld op een server)")
    _add_course_option(start)
    start.set_defaults(func=cmd_course_start)

    prog = sub.add_parser("progress", help="voortgang per agent, team en eenheid",
                          description="Voortgang voor programmamanagers: vaardigheid per "
                                      "competentie, dekking en zwakke plekken.")
    prog_sub = prog.add_subparsers(dest="progress_command", metavar="COMMANDO",
                                   title="commando's")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", metavar="URL", help="de cijferlijst (nbgrader db_url); standaard "
                                                   "die van de cursus")
        _add_course_option(p)

    rep = prog_sub.add_parser("report", help="het volledige rapport (HTML, CSV, Excel)",
                              description="Maak het voortgangsrapport: een HTML-bestand met "
                                          "grafieken plus CSV- en Excel-bestanden.")
    rep.add_argument("--uit", "--out", dest="out", required=True, metavar="MAP",
                     help="uitvoermap")
    rep.add_argument("--met-namen", dest="names", action="store_true",
                     help="namen van agenten opnemen (standaard: alleen pseudoniemen)")
    rep.add_argument("--rooster", "--roster", dest="roster", metavar="ROOSTER.csv", type=Path,
                     help="CSV met agent, eenheid, basisteam, rol, startdatum")
    common(rep)
    rep.set_defaults(func=cmd_progress_report)
    off = prog_sub.add_parser("officer", help="het overzicht van één agent",
                              description="Toon het overzicht van één agent: competenties, "
                                          "verloop, meest gemist en advies.")
    off.add_argument("officer", metavar="AGENT", help="het (pseudonieme) id van de agent")
    common(off)
    off.set_defaults(func=cmd_progress_officer)

    demo = sub.add_parser(
        "demo", help="de hele keten zonder browser: genereren, bouwen, nakijken, terugmelden",
        description="Draai de hele keten op een nieuwe cursus in een uitvoermap: scenario's "
                    "genereren, een opdracht bouwen en vrijgeven, inleveringen van wisselende "
                    "kwaliteit nakijken en terugmeldingen maken.")
    demo.add_argument("--out", "--uit", default="out/demo", metavar="MAP",
                      help="uitvoermap (standaard: out/demo)")
    demo.add_argument("--module", default="3", metavar="MODULE",
                      help="welke module (standaard: 3)")
    demo.add_argument("--seed", "--zaad", type=int, default=2026, metavar="S",
                      help="zaad (standaard: 2026)")
    demo.set_defaults(func=cmd_demo)
    return parser


def _dutch_errors() -> tuple[type[Exception], ...]:
    """The errors whose message is already Dutch and says what to do: shown as they are, with
    exit code 2. Imported here, not at the top: `meldtrainer --help` stays fast."""
    from course.autograde import AutogradeError
    from course.build import BuildError
    from course.manifest import ManifestError
    from course.modules import ModuleError
    from course.nbgrader_run import NbgraderFailed
    from generator.recipe import RecipeError
    from progress.errors import ProgressError
    from scenario.io import ScenarioError

    return (UserError, RecipeError, ScenarioError, ManifestError, ModuleError, BuildError,
            AutogradeError, NbgraderFailed, ProgressError)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        if args.command:  # a command group without its subcommand: show that group's help
            parser.parse_args([args.command, "--help"])
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return args.func(args)
    except KeyboardInterrupt:  # before _dutch_errors(), which imports the error classes
        return _fail("afgebroken; er is geen half bestand achtergebleven.")
    except BrokenPipeError:
        return EXIT_OK
    except _dutch_errors() as exc:
        return _fail(str(exc))


if __name__ == "__main__":
    sys.exit(main())
