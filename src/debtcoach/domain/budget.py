"""The monthly debt budget: what is left each month for the debts.

budget = monthly income (regular + side) − monthly expenses (targets where the cut is active)
− safety buffer. Each income is normalised to a month and rounded half-up to the cent first, so
the totals shown on screen add up exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from debtcoach.domain.models import Expense, Frequency, Household, IncomeKind, IncomeSource, Loan
from debtcoach.domain.money import Money, round_half_up

_MONTHS_PER_YEAR = Decimal(12)


def monthly_amount(amount: Money, frequency: Frequency) -> Money:
    """An income normalised to one month: weekly × 52/12, biweekly × 26/12, yearly / 12.

    A one-off payment is not monthly income: it counts as 0 here (it shows in the check-in).
    """
    minor = Decimal(amount.minor)
    if frequency == Frequency.WEEKLY:
        value = minor * 52 / _MONTHS_PER_YEAR
    elif frequency == Frequency.BIWEEKLY:
        value = minor * 26 / _MONTHS_PER_YEAR
    elif frequency == Frequency.YEARLY:
        value = minor / _MONTHS_PER_YEAR
    elif frequency == Frequency.MONTHLY:
        value = minor
    else:
        value = Decimal(0)
    return Money(round_half_up(value), amount.currency)


def is_active(source: IncomeSource, today: date | None) -> bool:
    if today is None:
        return True
    if source.start is not None and source.start > today:
        return False
    return not (source.end is not None and source.end < today)


def monthly_income(
    sources: Iterable[IncomeSource],
    currency: str,
    *,
    kind: IncomeKind | None = None,
    today: date | None = None,
) -> Money:
    total = Money.zero(currency)
    for source in sources:
        if (kind is None or source.kind == kind) and is_active(source, today):
            total = total + monthly_amount(source.amount, source.frequency)
    return total


def monthly_expenses(expenses: Iterable[Expense], currency: str) -> Money:
    total = Money.zero(currency)
    for expense in expenses:
        total = total + expense.monthly
    return total


def expenses_with_every_cut(
    expenses: Iterable[Expense], currency: str, *, no_target_is_zero: bool = False
) -> Money:
    """Monthly spending if every non-essential category were cut to its target.

    Essentials stay at what they cost now (an active cut on an essential is kept), and a target
    above the current amount is no cut, so this is never more than today's spending. With
    `no_target_is_zero` a non-essential category without a target counts as cut to 0 (the
    `ask-relatives` trigger of DESIGN.md: "cut to its target (0 if none)").
    """
    total = Money.zero(currency)
    for expense in expenses:
        if expense.essential:
            total = total + expense.monthly
        elif no_target_is_zero and expense.target is None:
            continue
        else:
            total = total + (expense.current - expense.possible_saving)
    return total


def sum_of_minimums(loans: Iterable[Loan], currency: str) -> Money:
    """The scheduled payments of open loans, each capped at what is owed."""
    total = Money.zero(currency)
    for loan in loans:
        if loan.is_open:
            total = total + Money(min(loan.scheduled_payment.minor, loan.balance.minor), currency)
    return total


@dataclass(frozen=True, slots=True)
class BudgetBreakdown:
    regular_income: Money
    side_income: Money
    expenses: Money
    safety_buffer: Money
    debt_budget: Money

    @property
    def income(self) -> Money:
        return self.regular_income + self.side_income


def budget_breakdown(household: Household, today: date | None = None) -> BudgetBreakdown:
    currency = household.currency
    regular = monthly_income(household.income, currency, kind=IncomeKind.REGULAR, today=today)
    side = monthly_income(household.income, currency, kind=IncomeKind.SIDE, today=today)
    spent = monthly_expenses(household.expenses, currency)
    buffer = Money(household.settings.safety_buffer.minor, currency)
    return BudgetBreakdown(regular, side, spent, buffer, regular + side - spent - buffer)


def debt_budget(household: Household, today: date | None = None) -> Money:
    """The monthly amount available for debts (may be negative: spending exceeds income)."""
    return budget_breakdown(household, today).debt_budget
