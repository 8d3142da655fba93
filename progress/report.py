"""`meldtrainer progress report`: the whole report (HTML + CSV + Excel) and the officer view."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from course.results import COMPETENCIES, competency_column
from progress import charts, views
from progress import roster as roster_mod
from progress.errors import ProgressError, os_reason
from progress.skill import estimate, long_form
from progress.source import load_names, load_reports


@dataclass
class Progress:
    reports: pd.DataFrame
    roster: pd.DataFrame
    estimates: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    # The real attempts (no format problem): what the views count, filtered once here.
    usable: pd.DataFrame = field(init=False)

    def __post_init__(self) -> None:
        self.usable = self.reports[~self.reports["vormprobleem"]]


def compute(db_url: str, roster_path: Path | None) -> Progress:
    reports = load_reports(db_url)
    roster = roster_mod.read(roster_path)
    warnings = []
    if reports.empty:
        raise ProgressError("De cijferlijst bevat nog geen beoordeelde meldingen. Kijk eerst "
                            "inleveringen na (meldtrainer cursus autograde of grade batch).")
    officers = set(reports["student"])
    if roster_path is not None:
        missing = sorted(officers - set(roster["agent"]))
        if missing:
            warnings.append(f"{len(missing)} agent(en) met resultaten staan niet in het rooster; "
                            f"zij tellen mee als eenheid en basisteam '{views.UNKNOWN}'.")
        unknown = roster_mod.unknown_eenheden(roster)
        if unknown:
            warnings.append("Onbekende eenheid in het rooster: " + ", ".join(unknown)
                            + ". Ze worden getoond zoals ze er staan.")
    else:
        warnings.append("Geen rooster opgegeven: alle agenten vallen onder eenheid en basisteam "
                        f"'{views.UNKNOWN}'; dekking per team kan niet worden berekend.")
    reports = views.with_roster(reports, roster)
    estimates = estimate(long_form(reports, list(COMPETENCIES)))
    return Progress(reports, roster, estimates, warnings)


def _people(p: Progress) -> pd.DataFrame:
    return p.reports[["student", "eenheid", "basisteam"]].drop_duplicates("student")


def _modules(p: Progress) -> list[int]:
    found = sorted({int(m) for m in p.reports["module"].dropna()})
    return found or [1, 2, 3, 4, 5, 6]


def tables(p: Progress) -> dict[str, pd.DataFrame]:
    people = _people(p)
    modules = _modules(p)
    roster = p.roster if not p.roster.empty else people.rename(columns={"student": "agent"})
    usable, flags = p.usable, views.missed_flags(p.usable)
    officer_wide = p.estimates.pivot(index="student", columns="competentie", values="schatting")
    officer_wide.columns = [f"schatting_{c}" for c in officer_wide.columns]
    attempts = p.usable.groupby("student").size().rename("pogingen")
    officer_wide = officer_wide.join(attempts).reset_index().rename(columns={"student": "agent"})
    return {
        "eenheden": views.competency_distribution(p.estimates, people, "eenheid"),
        "basisteams": views.competency_distribution(p.estimates, people, "basisteam"),
        "dekking_eenheid": views.coverage(usable, roster, "eenheid", modules),
        "dekking_basisteam": views.coverage(usable, roster, "basisteam", modules),
        "gemiste_meldingen": views.missed_meldingen(usable, "eenheid"),
        "gemiste_meldingen_basisteam": views.missed_meldingen(usable, "basisteam"),
        "trend_eenheid": views.competency_trend(usable, "eenheid"),
        "meest_gemist": views.missed_criteria(usable, flags, ["eenheid"]),
        "meest_gemist_basisteam": views.missed_criteria(usable, flags, ["basisteam"]),
        "meest_gemist_per_vorm": views.missed_criteria(usable, flags, ["vorm", "moeilijkheid"]),
        "vormen": views.by_form(usable),
        "nog_te_doen": views.not_done(usable, roster, modules),
        "agenten": officer_wide,
    }


def _wide(frame: pd.DataFrame, by: str, columns: str, values: str,
          name: Callable[[Any], str] = str) -> pd.DataFrame:
    """One row per group, a column per `columns` value (called `name(value)`, in the value's
    order), and the group's number of officers."""
    wide = frame.pivot(index=by, columns=columns, values=values)
    wide.columns = [name(c) for c in wide.columns]
    return wide.reset_index().merge(frame.groupby(by)["agenten"].max().reset_index(), on=by)


def _table(frame: pd.DataFrame, columns: list[str], pct: set[str] = frozenset()) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    rows = []
    for _, r in frame.iterrows():
        cells = []
        for c in columns:
            v = r[c]
            if c in pct:
                text = "verborgen" if pd.isna(v) else f"{v:.0%}"
            elif isinstance(v, float):
                text = ("verborgen" if pd.isna(v) else
                        f"{int(v):,}".replace(",", ".") if v.is_integer() else f"{v:.2f}")
            else:
                text = str(v)
            cells.append(f"<td>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


CSS = """body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;
color:#1b1b1b;line-height:1.45}h1,h2,h3{color:#154273}table{border-collapse:collapse;margin:.5rem 0
1.5rem}th,td{border:1px solid #c8cdd4;padding:.2rem .5rem;text-align:left;font-size:.9rem}
th{background:#eef1f5}.let-op{background:#fff4e5;border-left:4px solid #e17000;padding:.5rem 1rem}
.klein{color:#555;font-size:.85rem}"""


def render_html(p: Progress, t: dict[str, pd.DataFrame], with_names: bool) -> str:
    n_off = p.reports["student"].nunique()
    usable = p.usable
    period = (f"{usable['beoordeeld'].min():%d-%m-%Y} t/m {usable['beoordeeld'].max():%d-%m-%Y}"
              if not usable.empty else "–")
    parts = [f"<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>"
             f"<title>Voortgang Meldtrainer</title><style>{CSS}</style></head><body>",
             "<h1>Voortgang Meldtrainer: meldingen aan Veilig Thuis</h1>",
             f"<p>Gemaakt op {dt.datetime.now():%d-%m-%Y %H:%M}. {len(usable):,} beoordeelde "
             f"meldingen van {n_off:,} agenten, {period}.".replace(",", "."),
             " Agenten staan er alleen als pseudoniem in" + (", met namen op verzoek"
                                                              if with_names else "")
             + f"; groepen van minder dan {views.min_group()} agenten zijn verborgen.</p>"]
    if p.warnings:
        parts.append("<div class='let-op'><b>Let op</b><ul>"
                     + "".join(f"<li>{html.escape(w)}</li>" for w in p.warnings) + "</ul></div>")
    parts.append("<h2>Competenties per eenheid</h2><p class='klein'>Geschatte vaardigheid: het "
                 "deel van de punten dat een agent bij gemiddelde moeilijkheid haalt, recente "
                 "pogingen zwaarder (zie docs/progress.md).</p>")
    e = t["eenheden"]
    overall = e.groupby("eenheid", observed=True)["gemiddeld"].mean()
    parts.append(charts.bars("Gemiddelde over de zes competenties, per eenheid",
                             [(name, None if pd.isna(v) else v) for name, v in overall.items()],
                             views.min_group()))
    wide = _wide(e, "eenheid", "competentie", "gemiddeld")
    comps = [c for c in COMPETENCIES if c in wide.columns]
    parts.append("<p class='klein'>Gemiddelde schatting per eenheid en competentie; kwartielen "
                 "staan in eenheden.csv.</p>")
    parts.append(_table(wide, ["eenheid", "agenten", *comps], set(comps)))
    m = t["gemiste_meldingen"]
    parts += ["<h2>Gemiste verplichte meldingen</h2><p class='klein'>De zwaarste fout: een melding "
              "was verplicht en de agent deed haar niet.</p>",
              charts.bars("Aandeel gemiste verplichte meldingen per eenheid",
                          [(r.eenheid, None if r.verborgen else r.aandeel_gemist)
                           for r in m.itertuples()], views.min_group()),
              _table(m, ["eenheid", "agenten", "vereist", "gemist", "aandeel_gemist"],
                     {"aandeel_gemist"})]
    trend = t["trend_eenheid"]
    if not trend.empty:
        trend = trend.assign(gemiddeld=trend[list(COMPETENCIES)].mean(axis=1))
        series = {name: [(r.maand, r.gemiddeld) for r in grp.itertuples()]
                  for name, grp in trend.groupby("eenheid")}
        parts += ["<h2>Trend</h2>", charts.lines("Gemiddelde over alle competenties, per maand",
                                                 series)]
    d = t["dekking_eenheid"]
    dwide = _wide(d, "eenheid", "module", "dekking", name=lambda c: f"module {int(c)}")
    mods = [c for c in dwide.columns if c.startswith("module ")]
    parts += ["<h2>Dekking: wie heeft welke module gedaan</h2><p class='klein'>Aandeel agenten "
              "uit het rooster met ten minste één echte poging; wie nog niet heeft: "
              "dekking_eenheid.csv en dekking_basisteam.csv.</p>",
              _table(dwide, ["eenheid", "agenten", *mods], set(mods))]
    mm = t["meest_gemist"].groupby("eenheid").head(3)
    parts += ["<h2>Meest gemiste onderdelen (top 3 per eenheid)</h2>",
              _table(mm, ["eenheid", "onderdeel", "agenten", "meldingen", "aandeel_gemist"],
                     {"aandeel_gemist"})]
    per_form = t["meest_gemist_per_vorm"].groupby(["vorm", "moeilijkheid"], observed=True).head(2)
    parts += ["<h2>Per vorm en moeilijkheid</h2>",
              _table(t["vormen"], ["vorm", "moeilijkheid", "agenten", "meldingen",
                                   "gemiddelde_score", "gemiste_meldingen"],
                     {"gemiddelde_score", "gemiste_meldingen"}),
              "<h3>Wat het vaakst misgaat, per vorm en moeilijkheid (top 2)</h3>",
              _table(per_form, ["vorm", "moeilijkheid", "onderdeel", "meldingen",
                                "aandeel_gemist"], {"aandeel_gemist"})]
    b = t["basisteams"]
    bwide = _wide(b, "basisteam", "competentie", "gemiddeld")
    bcomps = [c for c in COMPETENCIES if c in bwide.columns]
    parts += ["<h2>Competenties per basisteam</h2>",
              _table(bwide, ["basisteam", "agenten", *bcomps], set(bcomps)),
              "<p class='klein'>De tabellen staan ook in de CSV- en Excel-bestanden naast dit "
              "rapport.</p></body></html>"]
    return "".join(parts)


def write_excel(path: Path, sheets: dict[str, pd.DataFrame]) -> None:
    """One sheet per table, written row by row with xlsxwriter's streaming mode (pandas'
    to_excel is several times slower on the 65,000-row officer sheet)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    bold = book.add_format({"bold": True})
    for name, frame in sheets.items():
        sheet = book.add_worksheet(name[:31])
        sheet.write_row(0, 0, [str(c) for c in frame.columns], bold)
        values = frame.astype(object).where(frame.notna(), None)
        for i, row in enumerate(values.itertuples(index=False, name=None), start=1):
            sheet.write_row(i, 0, row)
    book.close()


def write_report(db_url: str, out: Path, roster_path: Path | None = None,
                 with_names: bool = False) -> tuple[Path, Progress]:
    p = compute(db_url, roster_path)
    t = tables(p)
    if with_names:
        names = load_names(db_url)
        t["agenten"] = t["agenten"].merge(names, on="agent", how="left")
    from xlsxwriter.exceptions import FileCreateError

    page = out / "voortgang.html"
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, frame in t.items():
            frame.to_csv(out / f"{name}.csv", index=False)
        write_excel(out / "voortgang.xlsx", t)
        page.write_text(render_html(p, t, with_names), encoding="utf-8")
    except (OSError, FileCreateError) as exc:  # --uit is a file, no permission, Excel has it
        raise ProgressError(f"Kan niet schrijven in {out} ({os_reason(exc)}). Kies met --uit een "
                            f"map waarin u mag schrijven, en sluit voortgang.xlsx als die in "
                            f"Excel openstaat.") from None
    return page, p


def officer_text(db_url: str, officer: str) -> str:
    """One officer's overview. The estimates need everybody's results (the population's mean
    and spread); the roster does not come into it, so it is not read."""
    p = compute(db_url, None)
    mine = p.reports[p.reports["student"] == officer]
    if mine.empty:
        raise ProgressError(f"Agent '{officer}' heeft nog geen beoordeelde meldingen. Controleer "
                            f"het pseudoniem (kolom agent in agenten.csv), of kijk eerst de "
                            f"inleveringen na (meldtrainer grade batch).")
    est = p.estimates[p.estimates["student"] == officer]
    real = p.usable[p.usable["student"] == officer].sort_values("beoordeeld")
    lines = [f"Agent {officer}: {len(real)} beoordeelde melding(en)"
             + (f", {int(mine['vormprobleem'].sum())} niet ingevuld" if mine["vormprobleem"].any()
                else "") + "."]
    lines.append("Competenties (schatting, 90%-interval, pogingen):")
    for r in est.sort_values("competentie").itertuples():
        lines.append(f"  {r.competentie:20s} {r.schatting:4.0%}  [{r.laag:.0%} – {r.hoog:.0%}]  "
                     f"{r.pogingen}")
    if len(real) >= 2:
        lines.append("Verloop (score per melding, oud → nieuw): "
                     + " ".join(f"{f:.0%}" for f in real["fractie"]))
        lines.append("Verloop per competentie (oud → nieuw):")
        for comp in COMPETENCIES:
            shares = real[competency_column(comp)].dropna()
            if len(shares):
                lines.append(f"  {comp:20s} " + " ".join(f"{s:.0%}" for s in shares))
    missed = real["gemist"].str.split(",").explode()
    missed = missed[missed.fillna("") != ""].value_counts().head(3)
    if not missed.empty:
        lines.append("Meest gemist: " + ", ".join(f"{views.dutch_criterion(k)} ({v}×)"
                                                  for k, v in missed.items()))
    if real["gemiste_melding"].any():
        lines.append(f"Gemiste verplichte meldingen: {int(real['gemiste_melding'].sum())}.")
    done = {int(m) for m in real["module"].dropna()}
    lines.append("Advies: " + views.next_step(est, done))
    return "\n".join(lines) + "\n"
