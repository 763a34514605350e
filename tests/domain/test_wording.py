"""The one wording module: plurals by CLDR rule, lists, months and days in the locale."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from debtcoach.domain.wording import count, day_words, month_words, names, percent_words, plural


@pytest.mark.parametrize(
    ("n", "expected"), [(0, "0 months"), (1, "1 month"), (2, "2 months"), (-1, "-1 month")]
)
def test_english_counts_take_the_singular_for_one_only(n: int, expected: str) -> None:
    assert count(n, "month") == expected


def test_irregular_plurals_are_given() -> None:
    assert count(3, "is non-essential", "are non-essential") == "3 are non-essential"
    assert plural(1, "says", "say") == "says"


def test_chinese_has_no_singular_form() -> None:
    # CLDR: zh has only the "other" category, so the word never changes with the number.
    assert plural(1, "个月", "个月", locale="zh_CN") == "个月"
    assert plural(1, "month", locale="zh_CN") == "months"


@pytest.mark.parametrize(
    ("items", "expected"),
    [([], ""), (["Visa"], "Visa"), (["Visa", "Car"], "Visa and Car"),
     (["Visa", "Car", "Mum"], "Visa, Car and Mum")],
)  # fmt: skip
def test_english_lists_join_without_a_serial_comma(items: list[str], expected: str) -> None:
    assert names(items) == expected


def test_chinese_lists_join_as_chinese_does() -> None:
    assert names(["招商银行", "花呗", "妈妈"], "zh_CN") == "招商银行、花呗和妈妈"


def test_months_days_and_rates_in_the_locale() -> None:
    assert month_words("2027-04") == "April 2027"
    assert month_words("2027-04", "zh_CN") == "2027年4月"
    assert day_words(date(2026, 11, 23)) == "Nov 23, 2026"
    assert day_words(date(2026, 11, 23), "zh_CN") == "2026年11月23日"
    assert percent_words(Decimal("19.99")) == "19.99%"
    assert percent_words(Decimal("1234.5"), "de_DE") == "1.234,5%"


def test_an_unknown_locale_falls_back_to_english() -> None:
    assert count(2, "week", locale="xx_NOPE") == "2 weeks"


COMPACTED_WORDING = """
import json
import sys
from datetime import date
from decimal import Decimal

from babel import Locale, localedata
from babel import core as babel_core
from babel.dates import format_skeleton
from babel.numbers import format_compact_currency

from debtcoach.domain.money import (
    Money, currency_digits, format_money, known_currencies, validate_locale,
)
from debtcoach.domain.wording import (
    UNFORMATTED_GLOBAL_DATA, UNFORMATTED_LOCALE_DATA, compact_locale_data, count, day_words,
    month_words, names, normalise_locale, percent_words,
)

locale, compact = sys.argv[1], sys.argv[2] == "compact"
if compact:
    compact_locale_data(locale)
    name = str(Locale.parse(locale))  # zh_CN is zh_Hans_CN
    assert "root" not in localedata._cache and name in localedata._cache
    assert not UNFORMATTED_LOCALE_DATA & set(localedata.load(name))
    assert not UNFORMATTED_GLOBAL_DATA & set(babel_core._global_data)
print(json.dumps([
    *(normalise_locale(tag) for tag in ("zh-CN", "zh_Hans_CN", "en_GB.UTF-8", "de", "pt-BR")),
    validate_locale("zh_TW"), validate_locale("fr_FR"), str(currency_digits("JPY")),
    str(len(known_currencies())),
    format_money(Money(123456789, "USD"), locale), format_money(Money(-5, "CNY"), locale),
    format_money(Money(1234, "JPY"), locale), format_compact_currency(12345, "USD", locale=locale),
    count(1, "month", locale=locale), count(3, "month", locale=locale),
    names(["Visa", "Car", "Mum"], locale), month_words("2027-04", locale),
    day_words(date(2026, 12, 1), locale), percent_words(Decimal("19.99"), locale),
    format_skeleton("yMMMd", date(2027, 4, 30), locale=locale),
], ensure_ascii=False))
"""


@pytest.mark.parametrize("locale", ["en_US", "zh_CN", "de_DE"])
def test_compacted_locale_data_formats_every_amount_date_and_list_the_same(locale: str) -> None:
    """The app drops the parts of a locale's CLDR data it never formats (1.5 MiB): everything
    it formats reads the same as in a process that keeps all of it. Each in a process of its
    own: Babel keeps one cache per process, and the wording memoizes what it formatted."""
    import json
    import subprocess
    import sys

    def shown(mode: str) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", COMPACTED_WORDING, locale, mode], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        words: list[str] = json.loads(done.stdout)
        return words

    full = shown("full")
    assert shown("compact") == full
    assert len(full) == 20 and len(set(full[9:])) == 11  # every amount, date and word formatted


def test_babels_caches_the_compaction_reaches_are_still_there() -> None:
    """Two private names of Babel: its loaded locales and its global data. A Babel upgrade that
    renames either fails here, not in the app."""
    from babel import core as babel_core
    from babel import localedata

    assert isinstance(localedata._cache, dict)
    assert hasattr(babel_core, "_global_data")
