"""Money as integer minor units plus an ISO 4217 code, parsed with Decimal, formatted with babel.

Floats never touch a balance: a cent lost to binary rounding is a cent the user cannot account for.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from functools import cache

from babel.numbers import format_currency, get_currency_precision, list_currencies
from msgspec import Struct

from debtcoach.domain.wording import N_, _, label, ngettext, normalise_locale

MAX_MAJOR_UNITS = 10**12
MAX_RATE_PERCENT = Decimal(1000)
RATE_DECIMALS = 6
# Integers below this stay exact in Decimal's default 28-digit context.
_EXACT_IN_DEFAULT_CONTEXT = 10**26
_ASCII_DIGITS = frozenset("0123456789")
# Plain decimal notation: an optional minus, digits with an optional point (12, 12., 12.5, .5).
_PLAIN_DECIMAL_RE = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
# A comma is only a thousands separator: "1,234.56" is read, "1,5" (a decimal comma) is refused.
_GROUPED_RE = re.compile(r"^-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?$")
_EXPONENT_RE = re.compile(r"-?[0-9.,]+[eE][+-]?[0-9]+")
_NOT_FINITE = frozenset({"nan", "snan", "inf", "infinity"})
# Full-width forms a Chinese input method types: digits, comma, point, minus (and the ideographic
# comma people use between thousands).
_FULL_WIDTH = str.maketrans("０１２３４５６７８９，．－、", "0123456789,.-,")
# How an amount may be labelled with its currency, beside the number: ¥500, 500元, $20, 20 USD.
_CURRENCY_MARKS: dict[str, tuple[str, ...]] = {
    "CNY": ("¥", "￥", "元", "块", "RMB", "CN¥"),
    "JPY": ("¥", "￥", "円", "JP¥"),
    "USD": ("$", "US$"),
    "EUR": ("€",),
    "GBP": ("£",),
}
# A rate quoted per day (日利率, as Chinese platforms quote it) is stored as APR = daily × 365.
_PER_DAY_SUFFIXES = ("/天", "/日", "每天", "/day", "per day", "a day", "daily")
_PER_YEAR_SUFFIXES = ("/年", "/year", "per year", "a year")
DAYS_PER_YEAR = 365


class MoneyError(ValueError):
    """A user-typed amount or rate that cannot be accepted; the message says why."""


@cache
def currency_digits(currency: str) -> int:
    """Minor-unit digits of a currency (USD 2, JPY 0), from babel's CLDR data."""
    return int(get_currency_precision(currency))


@cache
def known_currencies() -> frozenset[str]:
    return frozenset(list_currencies())


def validate_currency(code: str) -> str:
    code = code.strip().upper()
    if code not in known_currencies():
        raise MoneyError(
            _("unknown currency code {code!r} (use an ISO 4217 code such as USD, EUR, CNY)").format(
                code=code
            )
        )
    return code


# ISO 4217 X-codes that are real money people owe and pay; the others are precious metals,
# accounting units, the test code XTS and XXX, "no currency".
REAL_X_CURRENCIES = frozenset({"XAF", "XCD", "XCG", "XOF", "XPF"})


def validate_household_currency(code: str) -> str:
    """A currency a household can keep its accounts in: known, and real money for people."""
    code = validate_currency(code)
    if code.startswith("X") and code not in REAL_X_CURRENCIES:
        raise MoneyError(
            _(
                "currency code {code!r} is not money people pay debts in "
                "(use an ISO 4217 code such as USD, EUR, CNY)"
            ).format(code=code)
        )
    return code


def validate_locale(name: str) -> str:
    """A locale as the household types it, in the one form the file stores (zh_CN)."""
    normal = normalise_locale(name) if isinstance(name, str) else None
    if normal is None:
        raise MoneyError(
            _("unknown locale {name!r} (use a name such as en_US, de_DE, zh_CN)").format(name=name)
        )
    return normal


def round_half_up(value: Decimal) -> int:
    """Round a Decimal amount of minor units to a whole minor unit, halves away from zero."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def round_fraction_half_up(value: Fraction) -> int:
    """`round_half_up` of an exact rational amount: a result that is exactly half a minor unit
    is one, however many digits its inputs took to get there."""
    magnitude = abs(value)
    rounded = (2 * magnitude.numerator + magnitude.denominator) // (2 * magnitude.denominator)
    return rounded if value >= 0 else -rounded


class Money(Struct, frozen=True, order=True):
    """An exact amount: `minor` units (cents) of `currency`."""

    minor: int
    currency: str = "USD"

    @classmethod
    def zero(cls, currency: str = "USD") -> Money:
        return cls(0, currency)

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise ValueError(f"cannot mix {self.currency} and {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor - other.minor, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.minor, self.currency)

    def __mul__(self, factor: int) -> Money:
        return Money(self.minor * factor, self.currency)

    def __bool__(self) -> bool:
        return self.minor != 0

    @property
    def is_negative(self) -> bool:
        return self.minor < 0

    def to_decimal(self) -> Decimal:
        """The amount in major units, exactly (1234.56)."""
        digits = currency_digits(self.currency)
        if abs(self.minor) < _EXACT_IN_DEFAULT_CONTEXT:
            return Decimal(self.minor).scaleb(-digits).quantize(Decimal(1).scaleb(-digits))
        # A never-ending plan at a high rate grows past 28 digits: widen the context to stay exact.
        with localcontext() as ctx:
            ctx.prec = len(str(abs(self.minor))) + 2
            return Decimal(self.minor).scaleb(-digits).quantize(Decimal(1).scaleb(-digits))

    def __str__(self) -> str:
        """Major units as a plain decimal string: the JSON form of the scripting contract."""
        return str(self.to_decimal())

    def format(self, locale: str = "en_US") -> str:
        return format_money(self, locale)


def format_money(amount: Money, locale: str = "en_US") -> str:
    """Locale-aware display ($1,234.56, ¥1,234.56, 1.234,56 €)."""
    if abs(amount.minor) < _EXACT_IN_DEFAULT_CONTEXT:
        return str(format_currency(amount.to_decimal(), amount.currency, locale=locale))
    with localcontext() as ctx:  # babel rounds in the current context: widen it (see to_decimal)
        ctx.prec = len(str(abs(amount.minor))) + 2
        return str(format_currency(amount.to_decimal(), amount.currency, locale=locale))


def sum_money(amounts: list[Money] | tuple[Money, ...], currency: str) -> Money:
    total = Money.zero(currency)
    for amount in amounts:
        total = total + amount
    return total


def _has_more_decimals(value: Decimal, digits: int) -> bool:
    """Exact test (no context rounding) that `value` is not a whole number of 10^-digits."""
    return value != value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_DOWN)


def _ascii_digits(text: str, what: str) -> str:
    """The one place that decides which digits a number may be written with: 0-9 only.

    Decimal() would silently read Arabic-Indic (١٢) digits; here they are refused instead.
    Full-width digits and commas (３８，６００, typed with a Chinese input method) are the same
    characters a person means, so they are translated to 0-9 and "," here.
    """
    text = text.translate(_FULL_WIDTH)
    if any(char.isdigit() and char not in _ASCII_DIGITS for char in text):
        raise MoneyError(
            _("{what} {text!r} has digits other than 0-9").format(what=label(what), text=text)
        )
    return text


def _without_currency_mark(text: str, currency: str) -> str:
    """ "¥500", "500元", "$ 20", "20 USD" -> the number alone (only the household's own marks)."""
    shown = text.strip()
    marks = (*_CURRENCY_MARKS.get(currency, ()), currency)
    for mark in sorted(marks, key=len, reverse=True):
        if shown.startswith(mark):
            return shown[len(mark) :].strip()
        if shown.endswith(mark):
            return shown[: -len(mark)].strip()
    return shown


def _parse_decimal(text: str, what: str) -> Decimal:
    """Plain decimal notation as people write it (1234.56, 1,234.56, .5, -3): nothing else.

    Decimal() also reads exponents (1e2, stored as 1E+2), underscores (1_000), a plus sign and
    NaN/Infinity; each is refused with its own reason.
    """
    shown = text.strip()
    typed = _ascii_digits(shown, what)
    if not typed:
        raise MoneyError(_("{what} is empty").format(what=label(what)))
    if typed.lstrip("+-").lower() in _NOT_FINITE:
        raise MoneyError(
            _("{what} {shown!r} is not a finite number").format(what=label(what), shown=shown)
        )
    if typed.startswith("+"):
        raise MoneyError(
            _("{what} {shown!r} has a plus sign: write the number without it").format(
                what=label(what), shown=shown
            )
        )
    if _EXPONENT_RE.fullmatch(typed):
        raise MoneyError(
            _(
                "{what} {shown!r} is written with an exponent: write the number out (such as 100)"
            ).format(what=label(what), shown=shown)
        )
    if "_" in typed:
        raise MoneyError(
            _("{what} {shown!r} is not a number (write 1000 or 1,000, without underscores)").format(
                what=label(what), shown=shown
            )
        )
    if "," in typed:
        if not _GROUPED_RE.match(typed):
            raise MoneyError(
                _("{what} {shown!r} is not a number (write 1234.56 or 1,234.56)").format(
                    what=label(what), shown=shown
                )
            )
        typed = typed.replace(",", "")
    if not _PLAIN_DECIMAL_RE.fullmatch(typed):
        raise MoneyError(
            _("{what} {shown!r} is not a number").format(what=label(what), shown=shown)
        )
    return Decimal(typed)


def parse_money(
    text: str,
    currency: str = "USD",
    *,
    what: str = N_("amount"),
    allow_negative: bool = False,
    allow_zero: bool = True,
) -> Money:
    """Parse a user-typed amount in major units ("1234.56") into exact minor units.

    The household's currency mark may stand beside the number (¥500, 500元, $20), and full-width
    digits and commas are read as their ASCII twins. Refuses NaN/infinity, more decimals than the
    currency has, negatives and absurd sizes, so a typo is caught at the prompt instead of
    silently skewing a plan.
    """
    value = _parse_decimal(_without_currency_mark(text.translate(_FULL_WIDTH), currency), what)
    digits = currency_digits(currency)
    if value.copy_abs() > MAX_MAJOR_UNITS:
        raise MoneyError(
            _("{what} {value!r} is too large (at most 10^12)").format(
                what=label(what), value=text.strip()
            )
        )
    if _has_more_decimals(value, digits):
        unit = (
            _("no decimals")
            if digits == 0
            else ngettext("at most {n} decimal", "at most {n} decimals", digits).format(n=digits)
        )
        raise MoneyError(
            _("{what} {value!r} has too many decimals ({currency} takes {unit})").format(
                what=label(what), value=text.strip(), currency=currency, unit=unit
            )
        )
    if value < 0 and not allow_negative:
        raise MoneyError(
            _("{what} {value!r} must not be negative").format(what=label(what), value=text.strip())
        )
    if value == 0 and not allow_zero:
        raise MoneyError(_("{what} must be more than zero").format(what=label(what)))
    return Money(int(value.scaleb(digits)), currency)


def parse_rate(text: str, *, what: str = N_("rate")) -> Decimal:
    """Parse a yearly percentage (APR, fee rate) as an exact Decimal in 0..1000.

    A daily rate ("0.04%/天", "0.04%/day", as Chinese platforms quote 日利率) is turned into the
    yearly rate it stands for: daily × 365 (0.04 % a day is 14.6 % a year).
    """
    typed, per_day = _rate_period(text.translate(_FULL_WIDTH))
    value = _parse_decimal(typed.rstrip().removesuffix("%").removesuffix("％"), what)
    if per_day:
        value = value * DAYS_PER_YEAR
    if value < 0:
        raise MoneyError(
            _("{what} {value!r} must not be negative").format(what=label(what), value=text.strip())
        )
    if value > MAX_RATE_PERCENT:
        raise MoneyError(
            _("{what} {value!r} is above 1000 %").format(what=label(what), value=text.strip())
        )
    if _has_more_decimals(value, RATE_DECIMALS):
        raise MoneyError(
            _("{what} {value!r} has too many decimals (at most 6)").format(
                what=label(what), value=text.strip()
            )
        )
    return _as_typed(value)


def _rate_period(text: str) -> tuple[str, bool]:
    """The number part of a typed rate and whether it was quoted per day."""
    shown = text.strip()
    folded = shown.lower()
    for suffix in _PER_DAY_SUFFIXES:
        if folded.endswith(suffix):
            return shown[: -len(suffix)].strip(), True
    for suffix in _PER_YEAR_SUFFIXES:
        if folded.endswith(suffix):
            return shown[: -len(suffix)].strip(), False
    if folded.startswith("日利率"):
        return shown[len("日利率") :].strip(), True
    if folded.startswith("年利率"):
        return shown[len("年利率") :].strip(), False
    return shown, False


def daily_rate(apr: Decimal) -> Decimal:
    """The daily rate a yearly one stands for (APR / 365), to 4 decimals: 14.6 -> 0.0400."""
    return (apr / DAYS_PER_YEAR).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def _as_typed(rate: Decimal) -> Decimal:
    """The rate with the decimals it was typed with, in a form `str()` never writes with an
    exponent: "18.250" stays 18.250, "-0" is 0, and "0.0000000" (zeros past the sixth decimal,
    which Decimal prints as 0E-7) is 0.000000.
    """
    if rate.is_zero():
        rate = rate.copy_abs()
    if rate.adjusted() < -RATE_DECIMALS:
        rate = rate.quantize(Decimal(1).scaleb(-RATE_DECIMALS))
    return rate


def money_from_decimal_str(text: str, currency: str, *, what: str = N_("amount")) -> Money:
    """Read the decimal-string form used in JSON exports (negatives refused)."""
    return parse_money(text, currency, what=what)
