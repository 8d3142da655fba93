"""Fictitious identifiers: BSNs that can never be real, Dutch mobile numbers, registration numbers.

A BSN here always FAILS the elfproef (the 11-test every real BSN passes), so no generated number
can belong to a real citizen. Faker's own nl_NL `ssn()` does the opposite: it passes the test and
draws eight distinct digits, a detectable artefact (ANCHORS.md §2).
"""

from __future__ import annotations

import random

_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def passes_elfproef(number: str) -> bool:
    """True if a 9-digit string passes the BSN 11-test (as a real BSN would)."""
    if len(number) != 9 or not number.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number, _BSN_WEIGHTS, strict=True))
    return total % 11 == 0 and number != "000000000"


def fake_bsn(rng: random.Random) -> str:
    """A 9-digit BSN-like number that fails the elfproef by construction."""
    head = [int(d) for d in str(rng.randrange(10**7, 10**8))]
    partial = sum(d * w for d, w in zip(head, _BSN_WEIGHTS[:8], strict=True))
    valid_last = partial % 11  # the last digit that would make it pass (10 means none does)
    last = rng.randrange(10)
    if last == valid_last:
        last = (last + 1 + rng.randrange(9)) % 10
    return "".join(map(str, head)) + str(last)


def mobile_number(rng: random.Random) -> str:
    """A Dutch mobile number in the common written form 06-12345678."""
    return f"06-{rng.randrange(10**8):08d}"


def registration_number(rng: random.Random, year: int) -> str:
    """A registration number in the shape of a police mutatie number (fictitious)."""
    return f"PL{rng.randrange(1000, 10000)}-{year}{rng.randrange(10**8):08d}"
