"""The words calculations produce, in one place, on Babel: translated messages, counts and
plurals, lists of names, months, days, percentages.

The domain and the UI say "3 months", "Visa and Car", "April 2027" through these functions only,
so the wording follows the household's locale and can be translated without touching a
calculation. Plural categories come from CLDR (Babel's plural rules), not from `n == 1`.

Every user-visible sentence goes through `_()` (or `ngettext()` for a count) over the one active
translations object. The domain never reads a catalog: an outer layer loads one
(`debtcoach.bundled.translations`) and hands it to `install`. A constant defined at import time
is marked with `N_()` and translated where it is shown, so a later `install` still reaches it.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal

DEFAULT_LOCALE = "en_US"

LANGUAGES = ("en", "zh_CN")
"""The interface languages: English is the source text, Chinese has a complete catalog."""

_active: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def install(translations: gettext.NullTranslations, language: str) -> None:
    """Make `translations` the catalog every `_()` and `ngettext()` reads from now on."""
    global _active, _language
    _active = translations
    _language = language


def active_language() -> str:
    """The language `install` was last given ("en" until then)."""
    return _language


def _(message: str) -> str:
    """The message in the active language (itself when it has no translation)."""
    return _active.gettext(message)


def label(name: str) -> str:
    """A field's name in a message ("balance" → "余额"): marked with `N_` where it is defined
    and translated here, where the message is made; a name the catalog lacks (an option such
    as `--balance`, a name already translated) stays as it is."""
    return _(name) if name else name


def N_(message: str) -> str:
    """Mark a constant for the catalog without translating it yet (translated where shown)."""
    return message


def pgettext(context: str, message: str) -> str:
    """`message` in the active language as meant in `context`, for an English word with two
    meanings ("Current": spending now, or a loan no longer behind)."""
    return _active.pgettext(context, message)


def ngettext(singular: str, many: str, n: int) -> str:
    """The form of a counted message for `n` in the active language, before `.format(n=n)`."""
    return _active.ngettext(singular, many, n)


def normalise_locale(name: str) -> str | None:
    """ "zh-CN", "zh_CN.UTF-8", "zh_Hans_CN" -> "zh_CN" (language_TERRITORY); None if unknown."""
    tag = name.strip().split(".")[0].split("@")[0].replace("-", "_")
    if not tag or tag in ("C", "POSIX"):
        return None
    try:
        parsed = Locale.parse(tag)
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    if parsed.territory is None:
        return str(parsed.language)
    return f"{parsed.language}_{parsed.territory}"


def normalise_language(text: str) -> str | None:
    """ "zh-CN", "zh_CN.UTF-8", "zh_Hans_CN", "zh" -> "zh_CN"; "en_US" -> "en"; else None."""
    locale = normalise_locale(text)
    language = (locale or "").partition("_")[0]
    if language == "zh":
        return "zh_CN"
    if language == "en":
        return "en"
    return None


def environment_locale(environ: Mapping[str, str]) -> str | None:
    """The locale the shell names (LC_ALL, then LC_MESSAGES, then LANG), normalised: zh_CN."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip()
        if value:
            return normalise_locale(value)
    return None


STRATEGY_NAMES = {
    "avalanche": N_("avalanche"),
    "snowball": N_("snowball"),
    "custom": N_("custom"),
}


def strategy_name(value: str) -> str:
    """A strategy's name in the active language (the stored value stays English)."""
    return _(STRATEGY_NAMES.get(value, value))


def choose_language(flag: str | None, setting: str, environ: Mapping[str, str]) -> str:
    """The language of this run: `--lang`, else the file's `language` setting, else the shell's
    LANG / LC_ALL, else English."""
    for candidate in (flag or "", setting, environment_locale(environ) or ""):
        language = normalise_language(candidate) if candidate else None
        if language is not None:
            return language
    return "en"


def _locale(locale: str) -> Locale:
    try:
        return Locale.parse(locale)
    except (ValueError, UnknownLocaleError):
        return Locale.parse(DEFAULT_LOCALE)


def resolved_locale(locale: str) -> str:
    """The locale as Babel resolves it ("zh_CN" -> "zh_Hans_CN"); English when unknown."""
    return str(_locale(locale))


def is_one(n: int, locale: str = DEFAULT_LOCALE) -> bool:
    """Whether `n` takes the singular ("one") form in the locale (never, in Chinese)."""
    return _locale(locale).plural_form(abs(n)) == "one"


def plural(n: int, one: str, many: str | None = None, locale: str = DEFAULT_LOCALE) -> str:
    """The word for `n` things: `one` or `many` (default: `one` + "s")."""
    return one if is_one(n, locale) else (many if many is not None else one + "s")


def N_plural(singular: str, many: str) -> tuple[str, str]:
    """Mark a counted message pair for the catalog (`ngettext` translates it where shown)."""
    return singular, many


COUNTED: dict[str, tuple[str, str]] = {
    "month": N_plural("{n} month", "{n} months"),
    "day": N_plural("{n} day", "{n} days"),
    "week": N_plural("{n} week", "{n} weeks"),
    "installment": N_plural("{n} installment", "{n} installments"),
    "field": N_plural("{n} field", "{n} fields"),
    "person": N_plural("{n} person", "{n} people"),
    "loan": N_plural("{n} loan", "{n} loans"),
    "open loan": N_plural("{n} open loan", "{n} open loans"),
    "source": N_plural("{n} source", "{n} sources"),
    "non-essential cut": N_plural("{n} non-essential cut", "{n} non-essential cuts"),
    "cut": N_plural("{n} cut", "{n} cuts"),
    "income": N_plural("{n} income", "{n} incomes"),
    "expense": N_plural("{n} expense", "{n} expenses"),
    "family loan": N_plural("{n} family loan", "{n} family loans"),
    "contact": N_plural("{n} contact", "{n} contacts"),
    "check-in": N_plural("{n} check-in", "{n} check-ins"),
}
"""The counted nouns the wording knows, with their messages: `count` says them in the active
language (Chinese: "3 个月"); any other noun is counted in English as before."""


def count(n: int, one: str, many: str | None = None, locale: str = DEFAULT_LOCALE) -> str:
    """ "1 month", "3 months", "2 open loans"; "3 个月" in Chinese."""
    messages = COUNTED.get(one)
    if messages is not None:
        return ngettext(*messages, abs(n)).format(n=n)
    return f"{n} {plural(n, one, many, locale)}"


def names(items: Sequence[str], locale: str | None = None) -> str:
    """ "A", "A and B", "A, B and C" as the locale joins a list (Chinese: "A、B和C"); without
    a locale, as the active language joins it."""
    items = [item for item in items if item]
    if not items:
        return ""
    if locale is None:
        locale = "zh_CN" if _language == "zh_CN" else DEFAULT_LOCALE
    if _locale(locale).language == "en":
        # The calmer British-style list (no serial comma) the rest of the wording uses.
        return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
    return str(format_list(list(items), style="standard", locale=_locale(locale)))


def month_words(label: str, locale: str = DEFAULT_LOCALE, skeleton: str = "yMMMM") -> str:
    """A plan month label ("2027-04") in words in the household's locale ("April 2027")."""
    first = date.fromisoformat(f"{label.strip()}-01")
    return str(format_skeleton(skeleton, first, locale=_locale(locale)))


def day_words(day: date, locale: str = DEFAULT_LOCALE) -> str:
    """A date as the locale writes it in running text: "Nov 23, 2026", "2026年11月23日"."""
    return str(format_date(day, "medium", locale=_locale(locale)))


def percent_words(value: Decimal, locale: str = DEFAULT_LOCALE) -> str:
    """A rate in percent as the locale writes the number: "19.99%"."""
    return f"{format_decimal(value, locale=_locale(locale))}%"


def months_apart_words(months: int, locale: str = DEFAULT_LOCALE) -> str:
    """A change of a plan's debt-free month: "debt-free 8 months later", "debt-free 1 month
    sooner", "debt-free in the same month as now"."""
    if months == 0:
        return _("debt-free in the same month as now")
    span = count(abs(months), "month", locale=locale)
    if months > 0:
        return _("debt-free {months} later").format(months=span)
    return _("debt-free {months} sooner").format(months=span)
