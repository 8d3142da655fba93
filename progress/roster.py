"""The roster: pseudonymous officer id, eenheid, basisteam, role, start date (CSV)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from progress.errors import ProgressError, os_reason

COLUMNS = ("agent", "eenheid", "basisteam", "rol", "startdatum")
KNOWN_EENHEDEN = ("Noord-Nederland", "Oost-Nederland", "Midden-Nederland", "Noord-Holland",
                  "Amsterdam", "Den Haag", "Rotterdam", "Zeeland-West-Brabant", "Oost-Brabant",
                  "Limburg")


def read(path: Path | None) -> pd.DataFrame:
    """The roster as a frame; without a file an empty roster (all officers 'onbekend')."""
    if path is None:
        return pd.DataFrame(columns=list(COLUMNS))
    try:
        frame = pd.read_csv(path, dtype=str, sep=None, engine="python")
    except FileNotFoundError:
        raise ProgressError(f"Het rooster {path} bestaat niet. Geef een CSV-bestand met de "
                            f"kolommen {', '.join(COLUMNS)}.") from None
    except OSError as exc:  # a folder, or no permission to read it
        raise ProgressError(f"Het rooster {path} kan niet worden gelezen ({os_reason(exc)}). Geef "
                            f"het pad van een CSV-bestand met de kolommen "
                            f"{', '.join(COLUMNS)}.") from None
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise ProgressError(f"Het rooster {path} is geen leesbaar CSV-bestand ({exc}). Sla "
                            f"het op als CSV (komma of puntkomma, UTF-8) met de kolommen "
                            f"{', '.join(COLUMNS)}.") from None
    frame.columns = [c.strip().lower() for c in frame.columns]
    missing = [c for c in COLUMNS[:3] if c not in frame.columns]
    if missing:
        raise ProgressError(f"In het rooster {path} ontbreken de kolommen {', '.join(missing)}. "
                            f"Verwacht: {', '.join(COLUMNS)}.")
    for col in COLUMNS:
        if col not in frame.columns:
            frame[col] = ""
    frame = frame[list(COLUMNS)].fillna("")
    frame["agent"] = frame["agent"].str.strip()
    return frame.drop_duplicates("agent", keep="last")


def unknown_eenheden(frame: pd.DataFrame) -> list[str]:
    values = set(frame["eenheid"].dropna()) - set(KNOWN_EENHEDEN) - {""}
    return sorted(values)
