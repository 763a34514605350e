"""Dates the way the plan needs them: strict parsing, clamped month steps, ISO weeks.

Everything takes "today" as an argument so tests and demos are deterministic.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

import pendulum

from debtcoach.domain.wording import N_, _, label

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


class DateError(ValueError):
    """A user-typed date or week that does not exist; the message says why."""


def parse_date(text: str, *, what: str = N_("date")) -> pendulum.Date:
    """Parse YYYY-MM-DD strictly: 2026-02-30 is refused rather than rolled over."""
    cleaned = text.strip()
    if not _DATE_RE.match(cleaned):
        raise DateError(
            _("{what} {text!r} is not a date in the form YYYY-MM-DD").format(
                what=label(what), text=cleaned
            )
        )
    year, month, day = (int(part) for part in cleaned.split("-"))
    try:
        return pendulum.date(year, month, day)
    except ValueError:
        raise DateError(
            _("{what} {text!r} does not exist").format(what=label(what), text=cleaned)
        ) from None


def as_pendulum(value: date) -> pendulum.Date:
    if isinstance(value, pendulum.Date):
        return value
    return pendulum.date(value.year, value.month, value.day)


def add_months(value: date, months: int) -> pendulum.Date:
    """Step by calendar months, clamping the day (Jan 31 + 1 month = Feb 28/29)."""
    return as_pendulum(value).add(months=months)


def first_plan_month(today: date) -> pendulum.Date:
    """Month 1 of a plan: the first day of the calendar month after today."""
    return as_pendulum(today).replace(day=1).add(months=1)


def plan_month_number(today: date, day: date) -> int:
    """The plan month that contains `day`: 1 is the month after today, 0 or less is before it."""
    first = first_plan_month(today)
    return (day.year - first.year) * 12 + day.month - first.month + 1


def month_label(value: date) -> str:
    """YYYY-MM, the month form of the JSON contract."""
    return f"{value.year:04d}-{value.month:02d}"


def month_labels(first: date, count: int) -> list[str]:
    """YYYY-MM of `count` consecutive months from the month of `first` (a plan's schedule)."""
    start = first.year * 12 + first.month - 1
    return [f"{k // 12:04d}-{k % 12 + 1:02d}" for k in range(start, start + count)]


def plan_month_label(today: date, month_number: int) -> str:
    """The calendar month of plan month `month_number` (1 = the month after today)."""
    return month_label(first_plan_month(today).add(months=month_number - 1))


def parse_month(text: str, *, what: str = N_("month")) -> pendulum.Date:
    match = _MONTH_RE.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
        raise DateError(
            _("{what} {text!r} is not a month in the form YYYY-MM").format(
                what=label(what), text=text.strip()
            )
        )
    return pendulum.date(int(match.group(1)), int(match.group(2)), 1)


def iso_week(value: date) -> str:
    """The ISO year-week key of a check-in (2026-W48)."""
    year, week, _ = value.isocalendar()
    return f"{year:04d}-W{week:02d}"


@cache
def parse_week(text: str, *, what: str = N_("week")) -> str:
    """Validate YYYY-Www (week 53 only in years that have it) and return it normalised.

    Remembered: every read of a file checks each of its check-ins' weeks (520 in ten years),
    the same strings each time. A refusal is raised, never remembered."""
    cleaned = text.strip().upper()
    match = _WEEK_RE.match(cleaned)
    if not match or int(match.group(1)) < 1:
        raise DateError(
            _("{what} {text!r} is not a week in the form YYYY-Www").format(
                what=label(what), text=text.strip()
            )
        )
    year, week = int(match.group(1)), int(match.group(2))
    if not 1 <= week <= weeks_in_iso_year(year):
        raise DateError(
            _("{what} {text!r} does not exist ({year} has {weeks} weeks)").format(
                what=label(what), text=text.strip(), year=year, weeks=weeks_in_iso_year(year)
            )
        )
    return f"{year:04d}-W{week:02d}"


def weeks_in_iso_year(year: int) -> int:
    return date(year, 12, 28).isocalendar()[1]


def week_monday(week: str) -> pendulum.Date:
    year, number = int(week[:4]), int(week[6:8])
    monday = date.fromisocalendar(year, number, 1)
    return pendulum.date(monday.year, monday.month, monday.day)


def previous_week(week: str) -> str:
    return iso_week(week_monday(week).subtract(weeks=1))


def days_between(start: date, end: date) -> int:
    """Whole days from start to end (negative when end is earlier)."""
    return (date(end.year, end.month, end.day) - date(start.year, start.month, start.day)).days


def months_overdue_rounded_up(overdue_since: date, today: date) -> int:
    """Months a loan has been overdue, any started month counting as a whole one (0 if not yet)."""
    since, now = as_pendulum(overdue_since), as_pendulum(today)
    if now <= since:
        return 0
    whole = since.diff(now).in_months()
    return whole + (1 if since.add(months=whole) < now else 0)
