"""Money: exact minor units, strict parsing, babel formatting (README, "How the numbers are worked out")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from debtcoach.domain.money import (
    Money,
    MoneyError,
    currency_digits,
    daily_rate,
    format_money,
    parse_money,
    parse_rate,
    round_half_up,
    sum_money,
    validate_currency,
    validate_locale,
)

# ---------------------------------------------------------------------------- parse_money: accepted


@pytest.mark.parametrize(
    ("text", "currency", "minor"),
    [
        ("1234.56", "USD", 123456),
        ("  1234.56  ", "USD", 123456),  # surrounding blanks are trimmed
        ("0.5", "USD", 50),  # one decimal is fewer than USD's two: 50 cents
        ("0.05", "USD", 5),
        ("7", "USD", 700),
        ("0", "USD", 0),
        ("1,234.56", "USD", 123456),  # comma as thousands separator
        ("1,234,567.89", "USD", 123456789),
        ("12.50", "USD", 1250),
        ("100.00", "USD", 10000),  # trailing zeros are not extra precision
        ("1234", "JPY", 1234),  # JPY has no minor unit: 1 yen = 1 minor unit
        ("1,000", "JPY", 1000),
        ("1234.56", "CNY", 123456),
        ("1.234", "KWD", 1234),  # KWD has 3 decimals
        ("1000000000000", "USD", 10**14),  # exactly 10^12 major units is the largest allowed
        ("999999999999.99", "USD", 99999999999999),
    ],
)
def test_parse_money_accepts(text: str, currency: str, minor: int) -> None:
    assert parse_money(text, currency) == Money(minor, currency)


def test_parse_money_negative_only_when_allowed() -> None:
    assert parse_money("-12.34", allow_negative=True) == Money(-1234, "USD")
    with pytest.raises(MoneyError, match="negative"):
        parse_money("-12.34")
    with pytest.raises(MoneyError, match="negative"):
        parse_money("-0.01")


def test_parse_money_zero_only_when_allowed() -> None:
    assert parse_money("0.00") == Money(0, "USD")
    with pytest.raises(MoneyError, match="more than zero"):
        parse_money("0.00", allow_zero=False)


# ---------------------------------------------------------------------------- parse_money: refused


@pytest.mark.parametrize(
    ("text", "currency", "reason"),
    [
        ("1.234", "USD", "too many decimals"),  # 3 decimals, USD takes 2
        ("0.001", "USD", "too many decimals"),
        ("12.5", "JPY", "no decimals"),  # JPY takes none
        ("0.1", "JPY", "no decimals"),
        ("1.2345", "KWD", "too many decimals"),
        ("NaN", "USD", "not a finite number"),
        ("nan", "USD", "not a finite number"),
        ("sNaN", "USD", "not a finite number"),
        ("inf", "USD", "not a finite number"),
        ("Infinity", "USD", "not a finite number"),
        ("-Infinity", "USD", "not a finite number"),
        ("1000000000000.01", "USD", "too large"),  # 10^12 + 1 cent
        ("1000000000001", "USD", "too large"),
        ("10000000000000", "USD", "too large"),
        ("", "USD", "empty"),
        ("   ", "USD", "empty"),
        ("abc", "USD", "not a number"),
        ("12.34.56", "USD", "not a number"),
        ("€12", "USD", "not a number"),
        ("1 000", "USD", "not a number"),
    ],
)
def test_parse_money_refuses(text: str, currency: str, reason: str) -> None:
    with pytest.raises(MoneyError, match=reason):
        parse_money(text, currency)


@pytest.mark.parametrize("text", ["1,5", "12,34", "1,2345", ",123", "1,23,456", "1234,567.00"])
def test_parse_money_refuses_commas_that_are_not_thousands_separators(text: str) -> None:
    # Bug fixed: commas used to be deleted blindly, so a decimal comma "1,5" became 15.00 and
    # "12,34" became 1234.00 — bad input accepted silently. Only 1,234,567.89 grouping is read now.
    with pytest.raises(MoneyError, match="not a number"):
        parse_money(text)


def test_parse_money_huge_number_is_a_money_error_not_a_crash() -> None:
    # Bug fixed: normalize() overflowed the decimal context and raised decimal.Overflow (an
    # ArithmeticError that escaped every `except MoneyError`) instead of "too large".
    huge = "1" + "0" * 1_000_000
    with pytest.raises(MoneyError, match="too large"):
        parse_money(huge)
    with pytest.raises(MoneyError, match="too large"):
        parse_money("-" + huge, allow_negative=True)


@pytest.mark.parametrize("text", ["1.0000000000000000000000000001", "0." + "0" * 100_000 + "1"])
def test_parse_money_tiny_fraction_beyond_context_precision_is_refused(text: str) -> None:
    # Bug fixed: normalize() rounds to 28 significant digits, so 1.000…0001 was read as 1.00 and
    # 1e-1000000000 as 0.00, silently. The decimals test is exact now.
    with pytest.raises(MoneyError, match="too many decimals"):
        parse_money(text)


def test_parse_money_error_names_what() -> None:
    with pytest.raises(MoneyError, match=r"^balance 'x' is not a number$"):
        parse_money("x", what="balance")


def test_currency_digits() -> None:
    assert currency_digits("USD") == 2
    assert currency_digits("CNY") == 2
    assert currency_digits("EUR") == 2
    assert currency_digits("JPY") == 0
    assert currency_digits("KWD") == 3


def test_validate_currency_and_locale() -> None:
    assert validate_currency(" usd ") == "USD"
    assert validate_currency("cny") == "CNY"
    with pytest.raises(MoneyError, match="unknown currency"):
        validate_currency("XYZ1")
    assert validate_locale("zh_CN") == "zh_CN"
    assert validate_locale("de_DE") == "de_DE"
    with pytest.raises(MoneyError, match="unknown locale"):
        validate_locale("xx_NOPE")


# ---------------------------------------------------------------------------- parse_rate


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("0", Decimal(0)),
        ("18", Decimal(18)),
        ("18%", Decimal(18)),
        ("18.5 %", Decimal("18.5")),
        ("  24.99  ", Decimal("24.99")),
        ("0.000001", Decimal("0.000001")),  # 6 decimals is the limit
        ("1000", Decimal(1000)),  # the upper bound is inclusive
        ("1,000", Decimal(1000)),
    ],
)
def test_parse_rate_accepts(text: str, rate: Decimal) -> None:
    assert parse_rate(text) == rate


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1000.01", "above 1000"),
        ("1001", "above 1000"),
        ("1" + "0" * 1_000_000, "above 1000"),
        ("-1", "negative"),
        ("-0.5%", "negative"),
        ("nan", "not a finite number"),
        ("inf%", "not a finite number"),
        ("", "empty"),
        ("%", "empty"),
        ("eighteen", "not a number"),
        ("0.0000001", "too many decimals"),  # 7 decimals
        ("1.0000000000000000000000000001", "too many decimals"),  # was accepted (normalize)
        ("1,5", "not a number"),  # was read as 15 %
    ],
)
def test_parse_rate_refuses(text: str, reason: str) -> None:
    with pytest.raises(MoneyError, match=reason):
        parse_rate(text)


def test_parse_rate_is_exact_decimal() -> None:
    rate = parse_rate("19.99")
    assert isinstance(rate, Decimal)
    assert rate == Decimal("19.99")  # not the float 19.989999…


# ---------------------------------------------------------------------------- rounding


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0.5", 1),  # exactly half a cent rounds up
        ("1.5", 2),
        ("2.5", 3),  # half-even would give 2
        ("2.4999999", 2),
        ("7500", 7500),  # 5000.00 at 18 %: 500000 * 18 / 1200 = 7500 cents = 75.00
        ("4333.3333", 4333),  # 43.333… → 43.33
        ("4333.5", 4334),
        ("-0.5", -1),  # halves go away from zero
        ("-2.5", -3),
    ],
)
def test_round_half_up(value: str, expected: int) -> None:
    assert round_half_up(Decimal(value)) == expected


# ---------------------------------------------------------------------------- Money values


def test_money_arithmetic_and_currency_guard() -> None:
    assert Money(150, "USD") + Money(25, "USD") == Money(175, "USD")
    assert Money(150, "USD") - Money(175, "USD") == Money(-25, "USD")
    assert (Money(150, "USD") - Money(175, "USD")).is_negative
    assert -Money(5, "USD") == Money(-5, "USD")
    assert Money(5, "USD") * 3 == Money(15, "USD")
    assert not Money.zero("USD")
    assert Money(1, "USD")
    with pytest.raises(ValueError, match="cannot mix USD and EUR"):
        Money(1, "USD") + Money(1, "EUR")
    assert sum_money([Money(1, "CNY"), Money(2, "CNY")], "CNY") == Money(3, "CNY")
    assert sum_money([], "JPY") == Money(0, "JPY")


@pytest.mark.parametrize(
    ("money", "text"),
    [
        (Money(123456, "USD"), "1234.56"),
        (Money(5, "USD"), "0.05"),
        (Money(0, "USD"), "0.00"),
        (Money(-1234, "USD"), "-12.34"),
        (Money(1234, "JPY"), "1234"),
        (Money(1234, "KWD"), "1.234"),
        (Money(10**14, "USD"), "1000000000000.00"),
    ],
)
def test_money_str_is_the_json_decimal_string(money: Money, text: str) -> None:
    assert str(money) == text
    assert money.to_decimal() == Decimal(text)


def test_parse_then_str_round_trips() -> None:
    for text in ["0.00", "0.01", "12.30", "1234567.89", "1000000000000.00"]:
        assert str(parse_money(text)) == text


# ---------------------------------------------------------------------------- babel formatting
# The strings below were observed from babel 2.x / CLDR and checked by hand against each locale's
# conventions: en_US groups with "," and uses "." for decimals with the symbol first; zh_CN writes
# CNY as "¥" first with the same separators; de_DE groups with "." and uses "," for decimals with
# the "€" after a NO-BREAK SPACE (U+00A0).


@pytest.mark.parametrize(
    ("money", "locale", "text"),
    [
        (Money(123456, "USD"), "en_US", "$1,234.56"),
        (Money(5, "USD"), "en_US", "$0.05"),
        (Money(-123456, "USD"), "en_US", "-$1,234.56"),
        (Money(123456789, "USD"), "en_US", "$1,234,567.89"),
        (Money(123456, "CNY"), "zh_CN", "¥1,234.56"),
        (Money(100000000, "CNY"), "zh_CN", "¥1,000,000.00"),
        (Money(123456, "EUR"), "de_DE", "1.234,56\u00a0€"),
        (Money(5, "EUR"), "de_DE", "0,05\u00a0€"),
        (Money(1234, "JPY"), "en_US", "¥1,234"),  # no decimals for yen
    ],
)
def test_format_money(money: Money, locale: str, text: str) -> None:
    assert format_money(money, locale) == text
    assert money.format(locale) == text


def test_format_money_defaults_to_en_us() -> None:
    assert format_money(Money(100, "USD")) == "$1.00"


# ---------------------------------------------------------------------------- plain notation only


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1e2", "exponent"),
        ("1E+2", "exponent"),
        ("1.5e-1", "exponent"),
        ("1,000e2", "exponent"),
        ("1_000", "underscores"),
        ("1_000.50", "underscores"),
        ("١٢", "digits other than 0-9"),  # Arabic-Indic
        ("12.٥", "digits other than 0-9"),
        ("١,٢٣٤", "digits other than 0-9"),  # was read as 1234 (\d matched any script's digits)
        ("+12", "plus sign"),
        ("+1,234.56", "plus sign"),
        ("-nan", "not a finite number"),
        ("+Infinity", "not a finite number"),
        ("12-", "not a number"),
        ("-", "not a number"),
        (".", "not a number"),
        ("0x10", "not a number"),
    ],
)
def test_only_plain_decimal_notation_is_a_number(text: str, reason: str) -> None:
    with pytest.raises(MoneyError, match=reason):
        parse_money(text)
    with pytest.raises(MoneyError, match=reason):
        parse_rate(text)


@pytest.mark.parametrize(
    ("text", "minor"),
    [(".5", 50), ("12.", 1200), ("007", 700), ("1,234.", 123400), ("1,234,567", 123456700)],
)
def test_plain_decimal_notation_in_its_usual_forms_is_read(text: str, minor: int) -> None:
    assert parse_money(text) == Money(minor, "USD")


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("18.250", "18.250"),  # as typed: the trailing zero is kept, never normalize()d
        ("18.25 %", "18.25"),
        ("100", "100"),  # never 1E+2
        ("1,000", "1000"),
        ("1000.000000", "1000.000000"),
        ("0", "0"),
        ("-0", "0"),
        ("0.000000", "0.000000"),
        ("0.0000000", "0.000000"),  # Decimal writes this zero as 0E-7
        ("0.000001", "0.000001"),
        (".5", "0.5"),
    ],
)
def test_a_rate_is_stored_as_typed_and_never_with_an_exponent(text: str, stored: str) -> None:
    rate = parse_rate(text)
    assert str(rate) == stored
    assert "E" not in str(rate)


# ------------------------------------------------------------- as a Chinese input method types it


@pytest.mark.parametrize(
    ("text", "currency", "minor"),
    [
        ("¥500", "CNY", 50000),
        ("￥500", "CNY", 50000),
        ("500元", "CNY", 50000),
        ("500 元", "CNY", 50000),
        ("38，600", "CNY", 3860000),  # full-width comma between thousands
        ("３８，６００．５０", "CNY", 3860050),  # full-width digits, comma and point
        ("¥38,600.00", "CNY", 3860000),
        ("$20", "USD", 2000),
        ("20 USD", "USD", 2000),
    ],
)
def test_currency_marks_and_full_width_digits_are_read(
    text: str, currency: str, minor: int
) -> None:
    assert parse_money(text, currency) == Money(minor, currency)


def test_another_currencys_mark_is_not_a_number() -> None:
    with pytest.raises(MoneyError, match="not a number"):
        parse_money("¥500", "USD")


@pytest.mark.parametrize(
    ("text", "apr"),
    [
        ("0.04%/天", "14.60"),  # 0.04 × 365 = 14.60
        ("0.04%/day", "14.60"),
        ("0.05% per day", "18.25"),  # 0.05 × 365
        ("日利率0.03%", "10.95"),  # 0.03 × 365
        ("０．０４％/天", "14.60"),
        ("18%/年", "18"),
        ("18", "18"),
    ],
)
def test_a_daily_rate_is_stored_as_daily_times_365(text: str, apr: str) -> None:
    assert parse_rate(text) == Decimal(apr)


def test_the_daily_rate_of_an_apr() -> None:
    assert daily_rate(Decimal("14.6")) == Decimal("0.0400")
    assert daily_rate(Decimal("18.25")) == Decimal("0.0500")
    assert daily_rate(Decimal("36")) == Decimal("0.0986")  # 36 / 365 = 0.098630…
