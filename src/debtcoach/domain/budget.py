"""The monthly debt budget: what is left each month for the debts.

budget = monthly income (regular + side) − monthly expenses (targets where the cut is active)
− safety buffer. Each income is normalised to a month and rounded half-up to the cent first, so
the totals shown on screen add up exactly.

`budget_breakdown` is this month's; `plan_budget` is every plan month's (README, "How the
numbers are worked out"): income counts in the months it is active, and one-off money in the
month of its date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from msgspec import Struct

from debtcoach.domain.calendar import plan_month_number
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
    `ask-relatives` trigger (README, "The coach's rules"): "cut to its target (0 if none)").
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


class BudgetBreakdown(Struct, frozen=True):
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


# --- the budget of every plan month ----------------------------------------------------------


class OneOff(Struct, frozen=True):
    """Money that comes once, in plan month `month`; `loan` names the loan it is earmarked for."""

    name: str
    month: int
    amount: Money
    loan: str | None = None


class PlanBudget(Struct, frozen=True):
    """The debt budget of every month of a plan.

    `recurring` is a step function of (first plan month, amount) pairs in month order, starting
    at month 1: each amount holds until the next pair. One-offs add to their month only.
    """

    recurring: tuple[tuple[int, Money], ...]
    one_offs: tuple[OneOff, ...] = ()

    def __post_init__(self) -> None:
        months = [month for month, _ in self.recurring]
        if not months or months[0] != 1 or months != sorted(set(months)):
            raise ValueError("a plan budget's recurring part starts at month 1, in month order")
        amounts = [amount for _, amount in self.recurring] + [x.amount for x in self.one_offs]
        if len({amount.currency for amount in amounts}) != 1:
            raise ValueError("a plan budget is in one currency")

    @classmethod
    def constant(cls, amount: Money) -> PlanBudget:
        """The same budget every month and no one-off money (the version-1 budget)."""
        return cls(((1, amount),))

    @property
    def currency(self) -> str:
        return self.recurring[0][1].currency

    @property
    def first_month(self) -> Money:
        """Month 1's recurring budget: the plan's headline "budget"."""
        return self.recurring[0][1]

    def recurring_in(self, month: int) -> Money:
        amount = self.recurring[0][1]
        for start, value in self.recurring:
            if start > month:
                break
            amount = value
        return amount

    def one_offs_in(self, month: int) -> tuple[OneOff, ...]:
        return tuple(item for item in self.one_offs if item.month == month)

    def available_in(self, month: int) -> Money:
        """What month `month` has for the debts, earmarked one-offs apart."""
        total = self.recurring_in(month)
        for item in self.one_offs_in(month):
            if item.loan is None:
                total = total + item.amount
        return total

    def with_recurring(self, amount: Money) -> PlanBudget:
        """The same one-offs with `amount` as the recurring budget of every month (`--budget`)."""
        return PlanBudget(((1, amount),), self.one_offs)


def _active_in_plan_month(source: IncomeSource, today: date, month: int) -> bool:
    """Started by the month's last day and not ended before its first (in plan-month numbers)."""
    started = source.start is None or plan_month_number(today, source.start) <= month
    return started and (source.end is None or plan_month_number(today, source.end) >= month)


def plan_budget(household: Household, today: date, *, override: Money | None = None) -> PlanBudget:
    """The debt budget of every plan month, from the month after `today`.

    Each month: income active in it − monthly expenses − safety buffer; `override` (`--budget`)
    replaces that recurring part in every month. One-offs add their whole amount to the month
    of their date (dated before month 1: history); those earmarked for a loan are kept apart.
    """
    currency = household.currency
    recurring_sources = [s for s in household.income if s.frequency != Frequency.ONE_OFF]
    one_offs = tuple(
        OneOff(s.name, month, s.amount, s.for_loan)
        for s in household.income
        if s.frequency == Frequency.ONE_OFF
        and s.start is not None
        and (month := plan_month_number(today, s.start)) >= 1
    )
    if override is not None:
        return PlanBudget(((1, override),), one_offs)
    spent = monthly_expenses(household.expenses, currency)
    buffer = Money(household.settings.safety_buffer.minor, currency)
    # The recurring budget can only change in a month where a source starts, or after one ends.
    changes = {1}
    for source in recurring_sources:
        if source.start is not None:
            changes.add(plan_month_number(today, source.start))
        if source.end is not None:
            changes.add(plan_month_number(today, source.end) + 1)
    steps: list[tuple[int, Money]] = []
    for month in sorted(m for m in changes if m >= 1):
        income = Money.zero(currency)
        for source in recurring_sources:
            if _active_in_plan_month(source, today, month):
                income = income + monthly_amount(source.amount, source.frequency)
        amount = income - spent - buffer
        if not steps or steps[-1][1] != amount:
            steps.append((month, amount))
    return PlanBudget(tuple(steps), one_offs)
