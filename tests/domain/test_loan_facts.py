"""Facts the list screens show: days overdue, loan/income/cut/family totals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from msgspec.structs import replace

from debtcoach.domain.loan_facts import (
    cut_totals,
    days_overdue,
    family_totals,
    income_totals,
    loan_totals,
    penalty_in_force,
    rate_label,
)
from debtcoach.domain.models import (
    Expense,
    FamilyRepayment,
    Frequency,
    IncomeKind,
    IncomeSource,
    LoanStatus,
)

from .builders import family, loan, restructured, usd

TODAY = date(2026, 11, 23)


def test_days_overdue_counts_whole_days_since_the_date() -> None:
    card = loan("Visa", 520000, "29.99", 15600, overdue_since=date(2026, 8, 20))
    assert days_overdue(card, TODAY) == 95


def test_days_overdue_none_when_current_or_paid_or_restructured() -> None:
    assert days_overdue(loan("Car", 100, 5, 10), TODAY) is None
    paid = loan("Old", 0, 5, 10, overdue_since=date(2026, 1, 1))
    assert days_overdue(paid, TODAY) is None
    base = loan("Visa", 520000, "29.99", 15600, overdue_since=date(2026, 8, 20))
    stretched, _ = restructured(base, 24)
    assert days_overdue(stretched, TODAY) is None


def test_days_overdue_unknown_start_and_future_start() -> None:
    marked = loan("Visa", 100, 5, 10, status=LoanStatus.OVERDUE)
    assert days_overdue(marked, TODAY) == 0
    future = loan("Visa", 100, 5, 10, overdue_since=date(2026, 12, 1))
    assert days_overdue(future, TODAY) == 0


def test_loan_totals_sum_open_loans_only() -> None:
    loans = [
        loan("A", 100000, 10, 5000, overdue_since=date(2026, 10, 1)),
        loan("B", 25050, 10, 2500),
        loan("C", 0, 10, 999),
    ]
    totals = loan_totals(loans, "USD")
    assert totals.balance == usd(125050)
    assert totals.scheduled == usd(7500)
    assert totals.overdue_count == 1
    assert totals.open_count == 2


def test_income_totals_normalise_each_source_to_a_month() -> None:
    sources = [
        IncomeSource("Salary", IncomeKind.REGULAR, usd(265000), Frequency.MONTHLY),
        IncomeSource("Delivery", IncomeKind.SIDE, usd(9000), Frequency.WEEKLY),  # 390.00
        IncomeSource("Tutoring", IncomeKind.SIDE, usd(16000), Frequency.BIWEEKLY),  # 346.67
        IncomeSource("Bonus", IncomeKind.SIDE, usd(50000), Frequency.ONE_OFF),  # 0
    ]
    totals = income_totals(sources, "USD")
    assert totals.regular == usd(265000)
    assert totals.side == usd(39000 + 34667)
    assert totals.total == usd(265000 + 39000 + 34667)


def test_cut_totals_active_and_possible_savings() -> None:
    expenses = [
        Expense("Rent", usd(115000), usd(115000), essential=True),
        Expense("Groceries", usd(52000), usd(42000), essential=True, cut_active=True),
        Expense("Eating out", usd(21000), usd(6000), cut_active=True),
        Expense("Gym", usd(4500), usd(0)),
        Expense("No target", usd(1000)),
        Expense("Target above", usd(1000), usd(2000), cut_active=True),
    ]
    totals = cut_totals(expenses, "USD")
    assert totals.current == usd(115000 + 52000 + 21000 + 4500 + 1000 + 1000)
    assert totals.active_saving == usd(10000 + 15000)
    assert totals.possible_saving == usd(10000 + 15000 + 4500)
    # spending now: targets where cuts are active (a target above current still counts as set)
    assert totals.monthly == usd(115000 + 42000 + 6000 + 4500 + 1000 + 2000)


def test_family_totals() -> None:
    mum = family("Mum", 150000)
    mum = type(mum)(
        lender=mum.lender,
        amount=mum.amount,
        borrowed_on=mum.borrowed_on,
        repayments=(FamilyRepayment(date(2026, 5, 1), usd(10000)),),
    )
    totals = family_totals([mum, family("Li", 60000)], "USD")
    assert totals.borrowed == usd(210000)
    assert totals.repaid == usd(10000)
    assert totals.remaining == usd(200000)


def test_rate_label_shows_the_apr_and_the_penalty_in_force_of_a_loan_behind() -> None:
    behind = loan("Visa", 520000, "18.25", 15600, penalty_apr=Decimal("29.99"),
                  overdue_since=date(2026, 8, 20))  # fmt: skip
    assert penalty_in_force(behind) == Decimal("29.99")
    assert rate_label(behind) == "18.25% (penalty 29.99%)"
    current = replace(behind, overdue_since=None)
    assert (penalty_in_force(current), rate_label(current)) == (None, "18.25%")
    no_penalty = replace(behind, penalty_apr=None)  # the APR while behind too
    assert (penalty_in_force(no_penalty), rate_label(no_penalty)) == (None, "18.25%")
    stretched, _ = restructured(behind, 24)
    assert (penalty_in_force(stretched), rate_label(stretched)) == (None, "18.25%")
