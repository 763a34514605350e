"""The words calculations produce, in one place, on Babel: counts and plurals, lists of names,
months, days, percentages.

The domain and the UI say "3 months", "Visa and Car", "April 2027" through these functions only,
so the wording follows the household's locale and can be translated without touching a
calculation. Plural categories come from CLDR (Babel's plural rules), not from `n == 1`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal

from debtcoach.domain.calendar import parse_month

DEFAULT_LOCALE = "en_US"


def _locale(locale: str) -> Locale:
    try:
        return Locale.parse(locale)
    except (ValueError, UnknownLocaleError):
        return Locale.parse(DEFAULT_LOCALE)


def is_one(n: int, locale: str = DEFAULT_LOCALE) -> bool:
    """Whether `n` takes the singular ("one") form in the locale (never, in Chinese)."""
    return _locale(locale).plural_form(abs(n)) == "one"


def plural(n: int, one: str, many: str | None = None, locale: str = DEFAULT_LOCALE) -> str:
    """The word for `n` things: `one` or `many` (default: `one` + "s")."""
    return one if is_one(n, locale) else (many if many is not None else one + "s")


def count(n: int, one: str, many: str | None = None, locale: str = DEFAULT_LOCALE) -> str:
    """ "1 month", "3 months", "2 open loans"."""
    return f"{n} {plural(n, one, many, locale)}"


def names(items: Sequence[str], locale: str = DEFAULT_LOCALE) -> str:
    """ "A", "A and B", "A, B and C" as the locale joins a list (Chinese: "A、B和C")."""
    items = [item for item in items if item]
    if not items:
        return ""
    if _locale(locale).language == "en":
        # The calmer British-style list (no serial comma) the rest of the wording uses.
        return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
    return str(format_list(list(items), style="standard", locale=_locale(locale)))


def month_words(label: str, locale: str = DEFAULT_LOCALE, skeleton: str = "yMMMM") -> str:
    """A plan month label ("2027-04") in words in the household's locale ("April 2027")."""
    return str(format_skeleton(skeleton, parse_month(label), locale=_locale(locale)))


def day_words(day: date, locale: str = DEFAULT_LOCALE) -> str:
    """A date as the locale writes it in running text: "Nov 23, 2026", "2026年11月23日"."""
    return str(format_date(day, "medium", locale=_locale(locale)))


def percent_words(value: Decimal, locale: str = DEFAULT_LOCALE) -> str:
    """A rate in percent as the locale writes the number: "19.99%"."""
    return f"{format_decimal(value, locale=_locale(locale))}%"


def months_apart_words(months: int, locale: str = DEFAULT_LOCALE) -> str:
    """A change of a plan's length: "8 months later", "1 month sooner", "in the same month as
    now"."""
    if months == 0:
        return "in the same month as now"
    return f"{count(abs(months), 'month', locale=locale)} {'later' if months > 0 else 'sooner'}"
