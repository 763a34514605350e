"""The dashboard's facts: what is owed, what falls due soon, how far the household has come.

Pure functions over a `Household` and an injectable `today`, so the screen only formats what
these return and the numbers are the same in tests, scripts and the app.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date

import pendulum
from msgspec import Struct

from debtcoach.domain.calendar import as_pendulum, days_between, iso_week
from debtcoach.domain.checkin import entered_balances, paid_this_cycle, still_due, streak
from debtcoach.domain.models import CheckIn, Contact, Household, Loan
from debtcoach.domain.money import Money, sum_money
from debtcoach.domain.wording import _, ngettext

DUE_WINDOW_DAYS = 14
FOLLOW_UP_WINDOW_DAYS = 7


class Owed(Struct, frozen=True):
    institutions: Money
    family: Money

    @property
    def total(self) -> Money:
        return self.institutions + self.family


def total_owed(household: Household) -> Owed:
    """Still owed: open institutional loans, and family loans after their repayments."""
    currency = household.currency
    institutions = sum_money([loan.balance for loan in household.open_loans], currency)
    family = sum_money([item.balance for item in household.family_loans], currency)
    return Owed(institutions, family)


class DueDate(Struct, frozen=True):
    """A payment falling due; `amount` is what is still due of it after `paid`, which check-ins
    already recorded toward it this cycle."""

    name: str
    on: pendulum.Date
    days: int
    amount: Money
    overdue: bool
    paid: Money

    @property
    def is_paid(self) -> bool:
        return self.amount.minor == 0 and self.paid.minor > 0


def next_due_date(due_day: int, today: date) -> pendulum.Date:
    """The next date (today included) that falls on `due_day`, clamped to short months."""
    start = as_pendulum(today)
    for step in range(2):
        month = start.replace(day=1).add(months=step)
        last = calendar.monthrange(month.year, month.month)[1]
        candidate = month.replace(day=min(due_day, last))
        if candidate >= start:
            return candidate
    raise AssertionError("a due day always recurs within two months")  # pragma: no cover


def upcoming_due_dates(
    loans: tuple[Loan, ...],
    today: date,
    days: int = DUE_WINDOW_DAYS,
    *,
    checkins: Iterable[CheckIn] = (),
) -> tuple[DueDate, ...]:
    """Payments due from today up to `days` days ahead, soonest first (ties by name), each less
    what `checkins` already recorded toward it (`paid_this_cycle`)."""
    recorded = tuple(checkins)
    found: list[DueDate] = []
    for loan in loans:
        if not loan.is_open or loan.due_day is None:
            continue
        on = next_due_date(loan.due_day, today)
        distance = days_between(today, on)
        if distance <= days:
            paid = paid_this_cycle(loan, on, recorded)
            found.append(
                DueDate(loan.name, on, distance, still_due(loan, paid), loan.is_overdue, paid)
            )
    return tuple(sorted(found, key=lambda d: (d.on, d.name)))


class FollowUp(Struct, frozen=True):
    loan: str
    on: date
    days: int
    who: str
    asked: str


def follow_ups_due(
    contacts: tuple[Contact, ...], today: date, days: int = FOLLOW_UP_WINDOW_DAYS
) -> tuple[FollowUp, ...]:
    """Follow-ups that are overdue or due within `days` days, soonest first.

    A follow-up counts as done once a later contact with the same loan is logged: only the
    latest contact per loan can still be waiting for its follow-up.
    """
    latest: dict[str, Contact] = {}
    for contact in contacts:
        current = latest.get(contact.loan)
        if current is None or contact.on >= current.on:
            latest[contact.loan] = contact
    found = [
        FollowUp(c.loan, c.follow_up, days_between(today, c.follow_up), c.who, c.asked)
        for c in latest.values()
        if c.follow_up is not None and days_between(today, c.follow_up) <= days
    ]
    return tuple(sorted(found, key=lambda f: (f.on, f.loan)))


class Progress(Struct, frozen=True):
    """Paid so far against what was owed when the history starts."""

    start: Money
    now: Money

    @property
    def paid(self) -> Money:
        paid = self.start - self.now
        return paid if paid.minor > 0 else Money.zero(paid.currency)

    @property
    def percent(self) -> int:
        """Whole percent paid, rounded down (never shows 100 % while anything is owed)."""
        if self.start.minor <= 0:
            return 100 if self.now.minor <= 0 else 0
        return min(100, self.paid.minor * 100 // self.start.minor)


def payoff_progress(household: Household) -> Progress:
    """Progress since the earliest balance history (a loan without history starts at today's
    balance; a family loan always at the amount borrowed). Paid-off loans keep counting as paid.
    """
    currency = household.currency
    start = Money.zero(currency)
    now = Money.zero(currency)
    entered = entered_balances(household)
    for loan in household.loans:
        current = loan.balance if loan.is_open else Money.zero(currency)
        first = entered.get(loan.name)
        start = start + (current if first is None else first)
        now = now + current
    for item in household.family_loans:
        start = start + item.amount
        now = now + item.balance
    return Progress(start, now)


def checkin_done(household: Household, today: date) -> bool:
    """Whether this ISO week already has its check-in."""
    week = iso_week(today)
    return any(checkin.week == week for checkin in household.checkins)


def week_to_offer(household: Household, today: date) -> str | None:
    """This week, when it has no check-in yet and the file holds something to check in."""
    if checkin_done(household, today):
        return None
    if not household.loans and not household.family_loans:
        # A brand-new file: nothing to pay or report yet; the dashboard says where to begin.
        return None
    return iso_week(today)


def checkin_streak(household: Household, today: date) -> int:
    """Consecutive weeks checked in, ending with this week (or last week if this one is open)."""
    return streak((checkin.week for checkin in household.checkins), today)


def in_days(days: int) -> str:
    """Plain words for a distance in days: "today", "tomorrow", "in 3 days", "2 days ago"."""
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    if days == -1:
        return _("yesterday")
    if days > 1:
        return ngettext("in {n} day", "in {n} days", days).format(n=days)
    return ngettext("{n} day ago", "{n} days ago", -days).format(n=-days)
