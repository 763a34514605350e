"""Small facts the list screens show about loans, cuts and family loans.

Pure functions with unit tests, so every number on the loans, throttling and family screens
comes from here (or from budget.py) and never from arithmetic inside a widget.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from msgspec import Struct

from debtcoach.domain.budget import monthly_amount
from debtcoach.domain.calendar import days_between, months_overdue_rounded_up
from debtcoach.domain.models import Expense, FamilyLoan, IncomeKind, IncomeSource, Loan
from debtcoach.domain.money import Money
from debtcoach.domain.wording import _


def days_overdue(loan: Loan, today: date) -> int | None:
    """Whole days the loan has been overdue on `today`; None if it is not overdue.

    A loan marked overdue without a start date is overdue for an unknown time: 0 days.
    A start date in the future counts as not yet overdue (0 days).
    """
    if not loan.is_overdue:
        return None
    if loan.overdue_since is None:
        return 0
    return max(0, days_between(loan.overdue_since, today))


def loan_arrears(loan: Loan, today: date) -> Money:
    """What is past due on a loan: the amount entered, else months overdue (rounded up) ×
    (minimum payment + late fee), never more than the balance. Zero for a loan that is not
    overdue.

    One figure for the coach's `act-early` rule, the dashboard's "past due now" and the arrears
    a payoff plan starts with.
    """
    currency = loan.balance.currency
    if not loan.is_overdue:
        return Money.zero(currency)
    if loan.arrears is not None:
        return Money(min(loan.arrears.minor, loan.balance.minor), currency)
    if loan.overdue_since is None:
        return Money.zero(currency)
    months = months_overdue_rounded_up(loan.overdue_since, today)
    fee = loan.late_fee.minor if loan.late_fee is not None else 0
    return Money(min(months * (loan.min_payment.minor + fee), loan.balance.minor), currency)


def penalty_in_force(loan: Loan) -> Decimal | None:
    """The penalty rate a loan behind pays instead of its APR; None when it pays its APR."""
    if loan.is_overdue and loan.effective_penalty_apr != loan.apr:
        return loan.effective_penalty_apr
    return None


def rate_label(loan: Loan) -> str:
    """The APR as typed, and for a loan behind the penalty rate in force, labelled:
    "18.25% (penalty 29.99%)". A bare rate in force would hide the APR the user entered."""
    penalty = penalty_in_force(loan)
    if penalty is None:
        return f"{loan.apr}%"
    return _("{apr}% (penalty {penalty}%)").format(apr=loan.apr, penalty=penalty)


class LoanTotals(Struct, frozen=True):
    balance: Money
    scheduled: Money
    overdue_count: int
    open_count: int


def loan_totals(loans: Iterable[Loan], currency: str) -> LoanTotals:
    """Total still owed and total scheduled monthly payments of the open loans."""
    balance = Money.zero(currency)
    scheduled = Money.zero(currency)
    overdue = opened = 0
    for loan in loans:
        if not loan.is_open:
            continue
        opened += 1
        balance = balance + loan.balance
        scheduled = scheduled + loan.scheduled_payment
        if loan.is_overdue:
            overdue += 1
    return LoanTotals(balance, scheduled, overdue, opened)


class IncomeTotals(Struct, frozen=True):
    regular: Money
    side: Money

    @property
    def total(self) -> Money:
        return self.regular + self.side


def income_totals(sources: Iterable[IncomeSource], currency: str) -> IncomeTotals:
    """Monthly totals of every listed source (active or not), each normalised to a month
    with `monthly_amount`, so the totals are the sum of the figures in the list."""
    regular = Money.zero(currency)
    side = Money.zero(currency)
    for source in sources:
        monthly = monthly_amount(source.amount, source.frequency)
        if source.kind == IncomeKind.REGULAR:
            regular = regular + monthly
        else:
            side = side + monthly
    return IncomeTotals(regular, side)


def cut_saving(expense: Expense) -> Money:
    """What the cut saves per month (current − target, never negative)."""
    return expense.possible_saving


class CutTotals(Struct, frozen=True):
    current: Money
    monthly: Money
    active_saving: Money
    possible_saving: Money


def cut_totals(expenses: Iterable[Expense], currency: str) -> CutTotals:
    """Spending without cuts, spending now, and the saving of active cuts and of every cut
    (every category whose target is below its current amount, essential or not)."""
    current = monthly = active = possible = Money.zero(currency)
    for expense in expenses:
        current = current + expense.current
        monthly = monthly + expense.monthly
        saving = cut_saving(expense)
        possible = possible + saving
        if expense.cut_active:
            active = active + saving
    return CutTotals(current, monthly, active, possible)


class FamilyTotals(Struct, frozen=True):
    borrowed: Money
    repaid: Money
    remaining: Money


def family_totals(loans: Iterable[FamilyLoan], currency: str) -> FamilyTotals:
    borrowed = repaid = remaining = Money.zero(currency)
    for loan in loans:
        borrowed = borrowed + loan.amount
        repaid = repaid + loan.repaid
        remaining = remaining + loan.balance
    return FamilyTotals(borrowed, repaid, remaining)
