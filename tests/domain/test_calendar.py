"""Dates: strict parsing, clamped month steps, ISO weeks, overdue months."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debtcoach.domain.calendar import (
    DateError,
    add_months,
    days_between,
    first_plan_month,
    iso_week,
    month_label,
    months_overdue_rounded_up,
    parse_date,
    parse_month,
    parse_week,
    plan_month_label,
    previous_week,
    week_monday,
    weeks_in_iso_year,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-15", date(2026, 11, 15)),
        (" 2026-01-31 ", date(2026, 1, 31)),
        ("2028-02-29", date(2028, 2, 29)),  # 2028 is a leap year
        ("2000-02-29", date(2000, 2, 29)),  # divisible by 400: leap
    ],
)
def test_parse_date_accepts(text: str, expected: date) -> None:
    parsed = parse_date(text)
    assert (parsed.year, parsed.month, parsed.day) == (expected.year, expected.month, expected.day)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-02-30", "does not exist"),  # refused, not rolled over to March 2
        ("2026-02-29", "does not exist"),  # 2026 is not a leap year
        ("1900-02-29", "does not exist"),  # divisible by 100 but not 400: not leap
        ("2026-04-31", "does not exist"),
        ("2026-13-01", "does not exist"),
        ("2026-00-10", "does not exist"),
        ("0000-01-01", "does not exist"),
        ("2026-2-3", "YYYY-MM-DD"),
        ("26-02-03", "YYYY-MM-DD"),
        ("2026/02/03", "YYYY-MM-DD"),
        ("03.02.2026", "YYYY-MM-DD"),
        ("", "YYYY-MM-DD"),
        ("2026-02-03T00:00", "YYYY-MM-DD"),
    ],
)
def test_parse_date_refuses(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse_date(text)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # clamped to the end of February
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 31), 2, date(2026, 3, 31)),  # a two-month step is not two clamped steps
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 11, 15), 2, date(2027, 1, 15)),  # over the year end
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 5, 10), 0, date(2026, 5, 10)),
    ],
)
def test_add_months_clamps(start: date, months: int, expected: date) -> None:
    result = add_months(start, months)
    assert (result.year, result.month, result.day) == (expected.year, expected.month, expected.day)


@pytest.mark.parametrize(
    ("today", "first"),
    [
        (date(2026, 11, 15), date(2026, 12, 1)),
        (date(2026, 12, 31), date(2027, 1, 1)),  # over the year end
        (date(2026, 1, 31), date(2026, 2, 1)),  # no clamping trouble from day 31
        (date(2026, 1, 1), date(2026, 2, 1)),  # the 1st is still "this month"
    ],
)
def test_first_plan_month_is_the_month_after_today(today: date, first: date) -> None:
    result = first_plan_month(today)
    assert (result.year, result.month, result.day) == (first.year, first.month, first.day)


def test_plan_month_labels() -> None:
    assert plan_month_label(date(2026, 11, 15), 1) == "2026-12"
    assert plan_month_label(date(2026, 11, 15), 2) == "2027-01"
    assert plan_month_label(date(2026, 11, 15), 14) == "2028-01"  # 12 + 1 months after Dec 2026
    assert plan_month_label(date(2026, 1, 31), 1) == "2026-02"
    assert plan_month_label(date(2026, 1, 31), 2) == "2026-03"
    assert month_label(date(987, 3, 4)) == "0987-03"


def test_parse_month() -> None:
    parsed = parse_month("2027-02")
    assert (parsed.year, parsed.month, parsed.day) == (2027, 2, 1)
    for bad in ["2027-13", "2027-00", "2027-2", "27-02", "2027-02-01", "", "0000-01"]:
        # "0000-01" used to raise a bare ValueError (year 0) instead of DateError: fixed.
        with pytest.raises(DateError):
            parse_month(bad)


# ---------------------------------------------------------------------------- ISO weeks


def test_weeks_in_iso_year() -> None:
    # A year has 53 ISO weeks when it starts on a Thursday (or a leap year starting on Wednesday).
    assert weeks_in_iso_year(2026) == 53  # 2026-01-01 is a Thursday
    assert weeks_in_iso_year(2025) == 52  # 2025-01-01 is a Wednesday, not leap
    assert weeks_in_iso_year(2020) == 53  # leap year starting on Wednesday
    assert weeks_in_iso_year(2027) == 52


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("2026-W48", "2026-W48"),
        ("2026-W53", "2026-W53"),  # 2026 has 53 weeks
        ("2026-w01", "2026-W01"),  # lower-case w is normalised
        (" 2020-W53 ", "2020-W53"),
    ],
)
def test_parse_week_accepts(text: str, normalised: str) -> None:
    assert parse_week(text) == normalised


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2025-W53", "2025 has 52 weeks"),  # 2025 has only 52
        ("2026-W54", "2026 has 53 weeks"),
        ("2026-W00", "does not exist"),
        ("2026-W1", "YYYY-Www"),
        ("2026W01", "YYYY-Www"),
        ("2026-01", "YYYY-Www"),
        ("", "YYYY-Www"),
        ("0000-W01", "YYYY-Www"),  # used to raise a bare ValueError (year 0): fixed
    ],
)
def test_parse_week_refuses(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse_week(text)


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (date(2026, 11, 23), "2026-W48"),  # a Monday
        (date(2026, 11, 29), "2026-W48"),  # the Sunday of the same week
        (date(2026, 12, 31), "2026-W53"),
        (date(2027, 1, 1), "2026-W53"),  # a Friday that belongs to the last week of 2026
        (date(2027, 1, 4), "2027-W01"),
        (date(2025, 12, 29), "2026-W01"),  # a Monday of December in week 1 of 2026
    ],
)
def test_iso_week(day: date, week: str) -> None:
    assert iso_week(day) == week


def test_week_monday_and_previous_week() -> None:
    monday = week_monday("2026-W53")
    assert (monday.year, monday.month, monday.day) == (2026, 12, 28)
    monday = week_monday("2026-W01")
    assert (monday.year, monday.month, monday.day) == (2025, 12, 29)
    assert previous_week("2026-W48") == "2026-W47"
    assert previous_week("2026-W01") == "2025-W52"  # 2025 has no week 53
    assert previous_week("2027-W01") == "2026-W53"
    assert previous_week("2021-W01") == "2020-W53"


def test_days_between() -> None:
    assert days_between(date(2026, 2, 1), date(2026, 3, 1)) == 28
    assert days_between(date(2028, 2, 1), date(2028, 3, 1)) == 29
    assert days_between(date(2026, 3, 1), date(2026, 2, 1)) == -28
    assert days_between(date(2026, 3, 1), date(2026, 3, 1)) == 0


# ---------------------------------------------------------------------------- overdue months


@pytest.mark.parametrize(
    ("since", "today", "months"),
    [
        (date(2026, 1, 15), date(2026, 1, 15), 0),  # not yet a day overdue
        (date(2026, 1, 15), date(2026, 1, 1), 0),  # overdue date in the future
        (date(2026, 1, 15), date(2026, 1, 16), 1),  # one day counts as a started month
        (date(2026, 1, 15), date(2026, 2, 15), 1),  # exactly one month
        (date(2026, 1, 15), date(2026, 2, 16), 2),  # one month and a day
        (date(2026, 1, 31), date(2026, 2, 28), 1),  # Jan 31 + 1 month = Feb 28 (clamped)
        (date(2026, 1, 31), date(2026, 3, 1), 2),
        (date(2026, 1, 31), date(2026, 3, 31), 2),
        (date(2025, 11, 20), date(2026, 11, 15), 12),  # 11 months and 26 days → 12
        (date(2025, 11, 15), date(2026, 11, 15), 12),
        (date(2025, 11, 15), date(2026, 11, 16), 13),
    ],
)
def test_months_overdue_rounded_up(since: date, today: date, months: int) -> None:
    assert months_overdue_rounded_up(since, today) == months


def _months_overdue_reference(since: date, today: date) -> int:
    """The smallest k with since + k clamped months ≥ today (0 when today ≤ since)."""
    k = 0
    while add_months(since, k) < today:
        k += 1
    return k


@settings(max_examples=200, deadline=None)
@given(
    since=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    days=st.integers(min_value=-40, max_value=1200),
)
def test_months_overdue_matches_the_clamped_month_definition(since: date, days: int) -> None:
    today = since + timedelta(days=days)
    expected = _months_overdue_reference(since, today)
    assert months_overdue_rounded_up(since, today) == expected
