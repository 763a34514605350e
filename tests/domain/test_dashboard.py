"""The dashboard's facts: owed totals, due dates, follow-ups, progress, check-in status."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pendulum

from debtcoach.domain.dashboard import (
    checkin_done,
    checkin_streak,
    follow_ups_due,
    in_days,
    next_due_date,
    payoff_progress,
    total_owed,
    upcoming_due_dates,
    week_to_offer,
)
from debtcoach.domain.models import (
    BalanceEntry,
    Channel,
    CheckIn,
    Contact,
    FamilyLoan,
    FamilyRepayment,
    Household,
    Loan,
    LoanKind,
    LoanStatus,
)
from debtcoach.domain.money import Money

TODAY = date(2026, 11, 23)  # a Monday, ISO week 2026-W48


def usd(minor: int) -> Money:
    return Money(minor, "USD")


def make_loan(name: str, balance: int, due_day: int | None = None, **extra: object) -> Loan:
    return Loan(
        name=name,
        kind=LoanKind.CONSUMER_LOAN,
        balance=usd(balance),
        apr=Decimal("10"),
        min_payment=usd(10_000),
        due_day=due_day,
        **extra,  # type: ignore[arg-type]
    )


def contact(loan: str, on: date, follow_up: date | None) -> Contact:
    return Contact(loan=loan, on=on, channel=Channel.PHONE, follow_up=follow_up)


def test_total_owed_splits_institutions_and_family() -> None:
    household = Household(
        loans=(
            make_loan("A", 100_00),
            make_loan("B", 250_00),
            make_loan("Done", 0, status=LoanStatus.PAID_OFF),
        ),
        family_loans=(
            FamilyLoan(
                "Mum",
                usd(500_00),
                date(2026, 1, 1),
                repayments=(FamilyRepayment(date(2026, 2, 1), usd(120_00)),),
            ),
        ),
    )
    owed = total_owed(household)
    assert owed.institutions == usd(350_00)
    assert owed.family == usd(380_00)
    assert owed.total == usd(730_00)


def test_next_due_date_today_counts_and_short_months_clamp() -> None:
    assert next_due_date(23, TODAY) == pendulum.date(2026, 11, 23)
    assert next_due_date(22, TODAY) == pendulum.date(2026, 12, 22)
    assert next_due_date(31, TODAY) == pendulum.date(2026, 11, 30)
    assert next_due_date(31, date(2027, 2, 10)) == pendulum.date(2027, 2, 28)


def test_upcoming_due_dates_window_is_14_days_inclusive() -> None:
    loans = (
        make_loan("Later", 100_00, due_day=8),  # Dec 8 = 15 days: outside
        make_loan("Edge", 100_00, due_day=7),  # Dec 7 = 14 days: inside
        make_loan("Soon", 50_00, due_day=26),  # 3 days
        make_loan("NoDay", 100_00),
        make_loan("Paid", 0, due_day=24),
    )
    due = upcoming_due_dates(loans, TODAY)
    assert [(d.name, d.days) for d in due] == [("Soon", 3), ("Edge", 14)]
    assert due[0].amount == usd(50_00)  # capped at the balance


def test_a_payment_recorded_this_cycle_shows_as_paid() -> None:
    # Soon falls due Nov 26 (W48); its cycle is W44 (after Oct 26's week) .. W48.
    loans = (make_loan("Soon", 500_00, due_day=26), make_loan("Half", 500_00, due_day=30))
    checkins = (
        CheckIn("2026-W47", date(2026, 11, 22), paid={"Soon": usd(100_00), "Half": usd(40_00)}),
        CheckIn("2026-W44", date(2026, 11, 1), paid={"Half": usd(100_00)}),  # Oct 30's
    )
    soon, half = upcoming_due_dates(loans, TODAY, checkins=checkins)
    assert (soon.name, soon.amount, soon.paid, soon.is_paid) == ("Soon", usd(0), usd(100_00), True)
    assert (half.name, half.amount, half.paid, half.is_paid) == (
        "Half",
        usd(60_00),
        usd(40_00),
        False,
    )
    unpaid = upcoming_due_dates(loans, TODAY)[0]
    assert (unpaid.amount, unpaid.paid, unpaid.is_paid) == (usd(100_00), usd(0), False)


def test_follow_ups_only_latest_contact_per_loan_counts() -> None:
    contacts = (
        contact("Visa", date(2026, 10, 2), date(2026, 10, 16)),  # superseded by the next one
        contact("Visa", date(2026, 10, 20), date(2026, 11, 27)),
        contact("Car", date(2026, 11, 1), date(2026, 11, 30)),  # 7 days: due
        contact("Sofa", date(2026, 11, 1), date(2026, 12, 1)),  # 8 days: not yet
        contact("Old", date(2026, 9, 1), date(2026, 9, 10)),  # overdue
        contact("None", date(2026, 11, 1), None),
    )
    due = follow_ups_due(contacts, TODAY)
    assert [(f.loan, f.days) for f in due] == [("Old", -74), ("Visa", 4), ("Car", 7)]


def test_progress_from_balance_history() -> None:
    household = Household(
        loans=(make_loan("A", 800_00), make_loan("B", 300_00), make_loan("New", 100_00)),
        balances=(
            BalanceEntry("A", date(2026, 10, 1), usd(900_00), "w1"),
            BalanceEntry("A", date(2026, 9, 1), usd(1000_00), "w0"),
            BalanceEntry("B", date(2026, 9, 1), usd(250_00), "w0"),  # grew since: counts as 0 paid
        ),
    )
    progress = payoff_progress(household)
    assert progress.start == usd(1350_00)
    assert progress.now == usd(1200_00)
    assert progress.paid == usd(150_00)
    assert progress.percent == 11


def test_progress_counts_family_from_amount_borrowed_and_paid_off_loans() -> None:
    household = Household(
        loans=(make_loan("Gone", 0, status=LoanStatus.PAID_OFF),),
        family_loans=(
            FamilyLoan(
                "Mum",
                usd(100_00),
                date(2026, 1, 1),
                repayments=(FamilyRepayment(date(2026, 2, 1), usd(100_00)),),
            ),
        ),
        balances=(BalanceEntry("Gone", date(2026, 1, 1), usd(200_00), "w"),),
    )
    progress = payoff_progress(household)
    assert (progress.start, progress.now, progress.percent) == (usd(300_00), usd(0), 100)


def test_progress_with_nothing_ever_owed() -> None:
    assert payoff_progress(Household()).percent == 100


def test_checkin_done_and_streak() -> None:
    weeks = ("2026-W45", "2026-W46", "2026-W47")
    household = Household(checkins=tuple(CheckIn(w, TODAY) for w in weeks))
    assert not checkin_done(household, TODAY)
    assert checkin_streak(household, TODAY) == 3
    done = Household(checkins=(*household.checkins, CheckIn("2026-W48", TODAY)))
    assert checkin_done(done, TODAY)
    assert checkin_streak(done, TODAY) == 4
    assert checkin_streak(Household(checkins=(CheckIn("2026-W40", TODAY),)), TODAY) == 0


def test_the_week_to_offer_is_this_one_until_it_is_checked_in() -> None:
    owing = Household(loans=(make_loan("Visa", 50_000),))
    assert week_to_offer(owing, TODAY) == "2026-W48"
    done = Household(loans=owing.loans, checkins=(CheckIn("2026-W48", TODAY),))
    assert week_to_offer(done, TODAY) is None
    assert week_to_offer(Household(), TODAY) is None  # a new file: nothing to check in yet
    family_only = Household(family_loans=(FamilyLoan("Mum", usd(10_000), TODAY),))
    assert week_to_offer(family_only, TODAY) == "2026-W48"


def test_in_days_wording() -> None:
    assert [in_days(n) for n in (0, 1, 3, -1, -5)] == [
        "today",
        "tomorrow",
        "in 3 days",
        "yesterday",
        "5 days ago",
    ]
