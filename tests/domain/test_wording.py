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
