"""Dutch surface forms: the ways an officer may write a name, a date or an age.

The policy lists, for each fact a complete report must contain, forms a grader may accept. These
are the exact forms; the grader adds normalisation and fuzzy matching on top.
"""

from __future__ import annotations

import datetime as dt

from scenario.model import Person, age_on

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def long_date(day: dt.date) -> str:
    """'14 maart 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def weekday(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()]


def clock(moment: dt.datetime) -> str:
    """'23.40 uur', the Dutch way of writing a time."""
    return f"{moment.hour:02d}.{moment.minute:02d} uur"


def date_forms(day: dt.date) -> list[str]:
    return [
        f"{day.day:02d}-{day.month:02d}-{day.year}",
        f"{day.day}-{day.month}-{day.year}",
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        long_date(day),
        f"{day.day} {MONTHS[day.month - 1]}",
        day.isoformat(),
    ]


def time_forms(moment: dt.datetime) -> list[str]:
    """'23.40', '23:40' and the clock in words: 'twintig voor twaalf', 'tien over half twaalf'."""
    forms = list(dict.fromkeys([
        f"{moment.hour:02d}.{moment.minute:02d}",
        f"{moment.hour:02d}:{moment.minute:02d}",
        f"{moment.hour}.{moment.minute:02d}",
        f"{moment.hour}:{moment.minute:02d}",
    ]))
    return forms + clock_words(moment.hour, moment.minute)


_HOURS = ("twaalf", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen",
          "tien", "elf")
# Minutes → how the Dutch say them, relative to this hour (0) or the next (1).
_MINUTES = {
    0: [("{} uur", 0)], 5: [("vijf over {}", 0)], 10: [("tien over {}", 0)],
    15: [("kwart over {}", 0)], 20: [("twintig over {}", 0), ("tien voor half {}", 1)],
    25: [("vijf voor half {}", 1)], 30: [("half {}", 1)], 35: [("vijf over half {}", 1)],
    40: [("twintig voor {}", 1), ("tien over half {}", 1)], 45: [("kwart voor {}", 1)],
    50: [("tien voor {}", 1)], 55: [("vijf voor {}", 1)],
}


def clock_words(hour: int, minute: int) -> list[str]:
    """A time as it is said ('half elf' for 22.30), for whole five minutes, and the nearest
    ones an officer rounds to ('rond kwart voor twaalf' for 23.40)."""
    forms = []
    for delta in (0, -5, 5):
        total = (hour * 60 + minute + delta) % (24 * 60)
        h, m = divmod(total, 60)
        forms += [pattern.format(_HOURS[(h + ahead) % 12])
                  for pattern, ahead in _MINUTES.get(m, [])]
    return list(dict.fromkeys(forms))


def capitalised_last_name(person: Person) -> str:
    """'De Wit' for use without the first name (Dutch spelling rule)."""
    if not person.tussenvoegsel:
        return person.surname
    head, *rest = person.tussenvoegsel.split(" ")
    return " ".join([head.capitalize(), *rest, person.surname])


def name_forms(person: Person) -> list[str]:
    if not person.name_known:
        return []
    first = person.roepnaam or person.first_name
    forms = [
        person.full_name,
        f"{person.first_name} {person.last_name}",
        f"{person.first_name[0]}. {person.last_name}",
        first,
    ]
    if not person.minor:
        # Children are named by first name; adults also by title and surname.
        forms += [
            capitalised_last_name(person),
            f"{'mevrouw' if person.sex == 'V' else 'meneer'} {capitalised_last_name(person)}",
            f"{'mw.' if person.sex == 'V' else 'dhr.'} {capitalised_last_name(person)}",
        ]
    if person.roepnaam and person.roepnaam != person.first_name:
        forms.append(person.first_name)
    return list(dict.fromkeys(forms))


def birth_forms(person: Person, on: dt.date) -> list[str]:
    if person.birth_date is None:
        return []
    age = age_on(person.birth_date, on)
    forms = date_forms(person.birth_date)[:5]
    forms += [f"{age} jaar", f"({age})", f"{age}-jarig", f"{age}jr"]
    return forms


MONTH_SHORT = {m: m[:3] for m in MONTHS}


def when_forms(when: str) -> list[str]:
    """Ways to write an approximate date such as 'oktober 2025': 'okt 2025', "okt '25",
    '10-2025', 'oktober'. An unknown time ('onbekend') has no form: it proves nothing."""
    if not when or when.strip().lower() in ("onbekend", "?", "-"):
        return []
    forms = [when]
    for lead in ("het afgelopen ", "afgelopen ", "de afgelopen ", "in het "):
        if when.startswith(lead):  # "afgelopen half jaar" is also written "in een half jaar"
            forms.append(when[len(lead):])
    parts = when.split()
    if len(parts) == 2 and parts[0] in MONTHS and parts[1].isdigit():
        month, year = parts
        number = MONTHS.index(month) + 1
        forms += [f"{MONTH_SHORT[month]} {year}", f"{MONTH_SHORT[month]} '{year[2:]}",
                  f"{number:02d}-{year}", f"{number}-{year}", month]
    return forms
