import random

from generator import identifiers


def test_known_valid_bsn_passes_elfproef():
    # 9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3-1*3 = 66, divisible by 11: a valid-looking BSN.
    assert identifiers.passes_elfproef("111222333")


def test_wrong_length_or_letters_never_pass():
    assert not identifiers.passes_elfproef("12345678")
    assert not identifiers.passes_elfproef("12345678a")


def test_generated_bsn_never_passes_elfproef():
    rng = random.Random(7)
    for _ in range(20_000):
        bsn = identifiers.fake_bsn(rng)
        assert len(bsn) == 9 and bsn.isdigit()
        assert not identifiers.passes_elfproef(bsn), bsn


def test_generated_bsn_has_no_distinct_digit_artefact():
    # Faker's nl_NL ssn() always draws eight distinct digits; ours must not be recognisable so.
    rng = random.Random(3)
    repeated = sum(len(set(identifiers.fake_bsn(rng)[:8])) < 8 for _ in range(1000))
    assert repeated > 900


def test_mobile_numbers_are_dutch_06_numbers():
    rng = random.Random(1)
    for _ in range(100):
        number = identifiers.mobile_number(rng)
        assert number.startswith("06-") and len(number) == 11 and number[3:].isdigit()
