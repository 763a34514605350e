"""The monthly debt budget (README, "How the numbers are worked out", first paragraph)."""

from __future__ import annotations

from datetime import date

import pytest

from debtcoach.domain.budget import (
    budget_breakdown,
    debt_budget,
    expenses_with_every_cut,
    is_active,
    monthly_amount,
    monthly_expenses,
    monthly_income,
    sum_of_minimums,
)
from debtcoach.domain.models import (
    Expense,
    Frequency,
    Household,
    IncomeKind,
    IncomeSource,
    LoanStatus,
    Settings,
)
from debtcoach.domain.money import Money

from .builders import loan, usd


@pytest.mark.parametrize(
    ("minor", "frequency", "expected"),
    [
        # weekly × 52/12: 100.00 → 10000 × 52 / 12 = 43333.33… → 43333 = 433.33
        (10000, Frequency.WEEKLY, 43333),
        # weekly 0.02 → 2 × 52 / 12 = 8.666… → 9
        (2, Frequency.WEEKLY, 9),
        # weekly 1000.00 → 433333.33… → 4333.33
        (100000, Frequency.WEEKLY, 433333),
        # biweekly × 26/12: 1000.00 → 100000 × 26 / 12 = 216666.66… → 216667 = 2166.67
        (100000, Frequency.BIWEEKLY, 216667),
        # biweekly 100.11 → 10011 × 26 / 12 = 21690.5 exactly → half-up 21691 (half-even: 21690)
        (10011, Frequency.BIWEEKLY, 21691),
        # biweekly 0.03 → 3 × 26 / 12 = 6.5 → 7 (half-even would give 6)
        (3, Frequency.BIWEEKLY, 7),
        # yearly / 12: 999.90 → 99990 / 12 = 8332.5 exactly → half-up 8333 (half-even: 8332)
        (99990, Frequency.YEARLY, 8333),
        # yearly 12000.00 → 1000.00 exactly
        (1200000, Frequency.YEARLY, 100000),
        # yearly 1000.01 → 100001 / 12 = 8333.41… → 8333
        (100001, Frequency.YEARLY, 8333),
        # monthly stays as it is
        (123456, Frequency.MONTHLY, 123456),
        # a one-off is not monthly income
        (500000, Frequency.ONE_OFF, 0),
    ],
)
def test_monthly_amount(minor: int, frequency: Frequency, expected: int) -> None:
    assert monthly_amount(usd(minor), frequency) == usd(expected)


def test_monthly_amount_keeps_currency() -> None:
    assert monthly_amount(Money(5200, "CNY"), Frequency.WEEKLY) == Money(22533, "CNY")
    # 5200 × 52 / 12 = 22533.33… → 22533


def income(
    name: str,
    minor: int,
    frequency: Frequency,
    kind: IncomeKind = IncomeKind.REGULAR,
    start: date | None = None,
    end: date | None = None,
) -> IncomeSource:
    return IncomeSource(name, kind, usd(minor), frequency, start=start, end=end)


def test_each_income_is_rounded_before_summing() -> None:
    # Two weekly 0.01 incomes: each 1 × 52/12 = 4.33… → 4, total 8 cents.
    # Summing first (2 × 52/12 = 8.67 → 9) would be a different, wrong, total.
    sources = [income("a", 1, Frequency.WEEKLY), income("b", 1, Frequency.WEEKLY)]
    assert monthly_income(sources, "USD") == usd(8)


def test_monthly_income_by_kind_and_activity() -> None:
    today = date(2026, 11, 15)
    sources = [
        income("pay", 300000, Frequency.MONTHLY),  # 3000.00
        income("gig", 10000, Frequency.WEEKLY, IncomeKind.SIDE),  # 433.33
        income("old", 50000, Frequency.MONTHLY, end=date(2026, 11, 14)),  # ended yesterday
        income("new", 70000, Frequency.MONTHLY, start=date(2026, 11, 16)),  # starts tomorrow
        income("edge", 1000, Frequency.MONTHLY, start=today, end=today),  # active today
    ]
    assert monthly_income(sources, "USD", today=today) == usd(300000 + 43333 + 1000)
    assert monthly_income(sources, "USD", kind=IncomeKind.SIDE, today=today) == usd(43333)
    assert monthly_income(sources, "USD", kind=IncomeKind.REGULAR, today=today) == usd(301000)
    # without a date every source counts
    assert monthly_income(sources, "USD") == usd(300000 + 43333 + 50000 + 70000 + 1000)
    assert is_active(sources[2], None)
    assert not is_active(sources[2], today)
    assert not is_active(sources[3], today)
    assert is_active(sources[4], today)


def test_expenses_use_target_only_where_the_cut_is_active() -> None:
    expenses = [
        Expense("rent", usd(120000), essential=True),  # 1200.00
        Expense("food", usd(60000), target=usd(45000), essential=True, cut_active=True),  # 450
        Expense("eating out", usd(20000), target=usd(5000)),  # cut not active → 200.00
        Expense("phone", usd(8000), target=None, cut_active=True),  # no target → 80.00
    ]
    assert [e.monthly for e in expenses] == [usd(120000), usd(45000), usd(20000), usd(8000)]
    assert monthly_expenses(expenses, "USD") == usd(120000 + 45000 + 20000 + 8000)
    # Every non-essential category cut to its target; essentials stay at what they cost now
    # (food keeps its active cut: 450.00, never more than today's spending).
    assert expenses_with_every_cut(expenses, "USD") == usd(120000 + 45000 + 5000 + 8000)
    assert expenses[2].possible_saving == usd(15000)
    assert Expense("x", usd(100), target=usd(200)).possible_saving == usd(0)


def test_debt_budget_breakdown() -> None:
    household = Household(
        settings=Settings(safety_buffer=usd(10000)),  # 100.00 kept aside
        income=(
            income("pay", 120000, Frequency.BIWEEKLY),  # 1200 × 26/12 = 2600.00
            income("tutoring", 5000, Frequency.WEEKLY, IncomeKind.SIDE),  # 50 × 52/12 = 216.67
            income("bonus", 100000, Frequency.ONE_OFF),  # 0
            income("gift", 120000, Frequency.YEARLY, IncomeKind.SIDE),  # 100.00
        ),
        expenses=(
            Expense("rent", usd(150000), essential=True),  # 1500.00
            Expense("fun", usd(30000), target=usd(10000), cut_active=True),  # 100.00
        ),
    )
    # 2600.00 + 216.67 + 100.00 − (1500.00 + 100.00) − 100.00 = 1216.67
    breakdown = budget_breakdown(household)
    assert breakdown.regular_income == usd(260000)
    assert breakdown.side_income == usd(21667 + 10000)
    assert breakdown.income == usd(291667)
    assert breakdown.expenses == usd(160000)
    assert breakdown.safety_buffer == usd(10000)
    assert breakdown.debt_budget == usd(121667)
    assert debt_budget(household) == usd(121667)


def test_debt_budget_may_be_negative() -> None:
    household = Household(
        income=(income("pay", 100000, Frequency.MONTHLY),),
        expenses=(Expense("rent", usd(120000), essential=True),),
    )
    assert debt_budget(household) == usd(-20000)


def test_debt_budget_in_the_household_currency() -> None:
    household = Household(
        settings=Settings(currency="CNY"),
        income=(IncomeSource("pay", IncomeKind.REGULAR, Money(800000, "CNY"), Frequency.MONTHLY),),
    )
    assert debt_budget(household) == Money(800000, "CNY")


def test_sum_of_minimums_caps_at_balance_and_skips_closed_loans() -> None:
    loans = [
        loan("Visa", 500000, 24, 15000),  # 150.00
        loan("Tiny", 3000, 12, 5000),  # owes 30.00, minimum 50.00 → 30.00
        loan("Done", 0, 12, 5000),  # nothing owed
        loan("Closed", 10000, 12, 5000, status=LoanStatus.PAID_OFF),
    ]
    assert sum_of_minimums(loans, "USD") == usd(15000 + 3000)
