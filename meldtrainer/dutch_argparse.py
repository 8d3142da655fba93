"""Dutch texts for argparse's own messages (usage, errors, the help option).

argparse looks its messages up through the module-level gettext functions `_` and `ngettext` at
call time, so replacing those two names gives Dutch help and errors without copying argparse.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

MESSAGES = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "expected one argument": "verwacht één waarde",
    "ambiguous option: %(option)s could match %(matches)s":
        "dubbelzinnige optie: %(option)s past bij %(matches)s",
    "not allowed with argument %s": "niet toegestaan samen met %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "show program's version number and exit": "toon het versienummer en stop",
    "subcommands": "subcommando's",
    "default: %(default)s": "standaard: %(default)s",
}


def _dutch(message: str) -> str:
    return MESSAGES.get(message, message)


def _dutch_n(singular: str, plural: str, n: int) -> str:
    return _dutch(singular if n == 1 else plural)


def install() -> None:
    argparse._ = _dutch  # type: ignore[attr-defined]
    argparse.ngettext = _dutch_n  # type: ignore[attr-defined]


class DutchParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors end with a hint to the Dutch help."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {message}\nZie '{self.prog} --help' voor hulp.\n")
