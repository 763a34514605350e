"""Version 1 of the payoff engine, kept verbatim so the properties can hold version 2 to it.

With no loan overdue, no dated income and no promotion, version 2 must give exactly these results
(README, "How the numbers are worked out"). Not for use outside the tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, localcontext

import pendulum

from debtcoach.domain.calendar import first_plan_month, month_label
from debtcoach.domain.models import FamilyLoan, Loan, RestructureMode, Strategy
from debtcoach.domain.money import Money, round_half_up

MAX_MONTHS = 600
_MONTHLY_DIVISOR = Decimal(1200)
# balance × apr (at most 10 significant digits: 1000.000000) stays within 28 digits below this.
_EXACT_BALANCE = 10**18


class PlanInputError(ValueError):
    """A plan request that cannot be honoured (bad custom order); the message says why."""


@dataclass(frozen=True, slots=True)
class PlanMonth:
    month: int
    date: str
    payments: dict[str, Money]
    balances: dict[str, Money]
    interest: dict[str, Money]


@dataclass(frozen=True, slots=True)
class DebtOutcome:
    """How one debt fares under the plan."""

    name: str
    family: bool
    start_balance: Money
    payoff_month: int | None
    payoff_date: str | None
    interest: Money
    paid: Money
    promised: date | None = None
    at_risk: bool = False


@dataclass(frozen=True, slots=True)
class PayoffPlan:
    feasible: bool
    strategy: Strategy
    budget: Money
    currency: str
    shortfall: Money | None
    months: int | None
    debt_free: str | None
    total_interest: Money
    total_paid: Money
    debts: tuple[DebtOutcome, ...]
    schedule: tuple[PlanMonth, ...] = field(default=())
    month_one_minimums: Money | None = None

    @property
    def pays_off(self) -> bool:
        return self.feasible and self.months is not None

    def debt(self, name: str, *, family: bool = False) -> DebtOutcome | None:
        return next((d for d in self.debts if d.name == name and d.family == family), None)

    def total_balance_by_month(self) -> list[Money]:
        """Everything still owed at the end of each month (for the chart)."""
        return [
            Money(sum(b.minor for b in month.balances.values()), self.currency)
            for month in self.schedule
        ]


@dataclass(slots=True)
class _Debt:
    name: str
    family: bool
    balance: int
    rate: Decimal
    payment: int
    flat_fee: int | None
    promised: date | None
    start: int
    final: int = 0  # a restructured loan's last installment, due in full at the end
    interest: int = 0
    paid: int = 0
    payoff_month: int | None = None


def _institutional(loan: Loan) -> _Debt:
    terms = loan.restructure if loan.is_restructured else None
    flat_fee = None
    if terms is not None and terms.mode == RestructureMode.FLAT_FEE:
        flat_fee = round_half_up(Decimal(terms.balance.minor) * terms.fee_rate / 100)
    return _Debt(
        name=loan.name,
        family=False,
        balance=loan.balance.minor,
        rate=Decimal(0) if flat_fee is not None else loan.rate_in_force,
        payment=loan.scheduled_payment.minor,
        flat_fee=flat_fee,
        promised=None,
        start=loan.balance.minor,
        final=0 if terms is None else terms.last_installment.minor,
    )


def _relative(loan: FamilyLoan) -> _Debt:
    return _Debt(
        name=loan.lender,
        family=True,
        balance=loan.balance.minor,
        rate=loan.apr,
        payment=0,
        flat_fee=None,
        promised=loan.promised,
        start=loan.balance.minor,
    )


def monthly_interest(balance_minor: int, apr: Decimal) -> int:
    """One month's interest on a balance, rounded half-up to the minor unit."""
    if balance_minor <= 0 or apr == 0:
        return 0
    if balance_minor < _EXACT_BALANCE:
        return round_half_up(Decimal(balance_minor) * apr / _MONTHLY_DIVISOR)
    # A balance that never pays off at a high rate (say 400 % APR) grows past the default 28
    # digits within 600 months: widen the context so the half-up rounding stays exact.
    with localcontext() as ctx:
        ctx.prec = len(str(balance_minor)) + 40
        return round_half_up(Decimal(balance_minor) * apr / _MONTHLY_DIVISOR)


def validate_custom_order(loans: Sequence[Loan], order: Sequence[str]) -> tuple[str, ...]:
    """A custom order must name every open loan once, and nothing else."""
    known = {loan.name for loan in loans}
    open_names = [loan.name for loan in loans if loan.is_open]
    seen: set[str] = set()
    for name in order:
        if name not in known:
            raise PlanInputError(f"custom order names {name!r}, which is not a loan")
        if name in seen:
            raise PlanInputError(f"custom order names {name!r} twice")
        seen.add(name)
    missing = [name for name in open_names if name not in seen]
    if missing:
        raise PlanInputError(f"custom order does not name every loan: missing {', '.join(missing)}")
    return tuple(order)


def fit_custom_order(loans: Sequence[Loan], saved: Sequence[str]) -> tuple[str, ...]:
    """A *saved* custom order brought up to date with the loans as they are now.

    Loans added or removed since the order was saved must not break every plan: names that are no
    longer loans are dropped and open loans it does not name follow, in table order. (An order
    typed on the command line is still checked strictly by `validate_custom_order`.)
    """
    known = {loan.name for loan in loans}
    kept = list(dict.fromkeys(name for name in saved if name in known))
    return tuple(kept + [loan.name for loan in loans if loan.is_open and loan.name not in kept])


def _debt_free_label(months: int | None, first_month: pendulum.Date, today: date) -> str | None:
    """YYYY-MM of the last payment; this month when nothing is owed; None when it never ends."""
    if months is None:
        return None
    if months == 0:
        return month_label(today)
    return month_label(first_month.add(months=months - 1))


def _sort_key(strategy: Strategy, order: dict[str, int]) -> Callable[[_Debt], tuple[object, ...]]:
    if strategy == Strategy.AVALANCHE:
        return lambda d: (-d.rate, d.balance, d.name)
    if strategy == Strategy.SNOWBALL:
        return lambda d: (d.balance, -d.rate, d.name)
    return lambda d: (order.get(d.name, len(order)), d.name)


def _family_key(d: _Debt) -> tuple[int, date, int, str]:
    if d.promised is None:
        return (1, date.max, d.balance, d.name)
    return (0, d.promised, d.balance, d.name)


def simulate_payoff(
    loans: Sequence[Loan],
    family_loans: Sequence[FamilyLoan],
    budget: Money,
    today: date,
    strategy: Strategy = Strategy.AVALANCHE,
    custom_order: Sequence[str] = (),
    *,
    max_months: int = MAX_MONTHS,
    keep_schedule: bool = True,
) -> PayoffPlan:
    """Simulate paying every open debt from the month after `today` with a constant budget."""
    currency = budget.currency
    order: dict[str, int] = {}
    if strategy == Strategy.CUSTOM:
        order = {name: i for i, name in enumerate(validate_custom_order(loans, custom_order))}
    debts = [_institutional(loan) for loan in loans if loan.is_open]
    relatives = [_relative(item) for item in family_loans if item.balance.minor > 0]
    key = _sort_key(strategy, order)
    first_month = first_plan_month(today)

    def money(minor: int) -> Money:
        return Money(minor, currency)

    schedule: list[PlanMonth] = []
    month = 0
    minimums_month_one: int | None = None
    while any(d.balance > 0 for d in debts) or any(r.balance > 0 for r in relatives):
        if month >= max_months:
            break
        month += 1
        label = month_label(first_month.add(months=month - 1))
        payments: dict[str, int] = {}
        interest: dict[str, int] = {}
        open_debts = [d for d in debts if d.balance > 0]
        for d in [*open_debts, *(r for r in relatives if r.balance > 0)]:
            charge = d.flat_fee if d.flat_fee is not None else monthly_interest(d.balance, d.rate)
            if charge:
                d.balance += charge
                d.interest += charge
                interest[d.name] = charge
        due = {
            d.name: d.balance if d.balance <= d.final else min(d.payment, d.balance)
            for d in open_debts
        }
        total_due = sum(due.values())
        if month == 1:
            minimums_month_one = total_due
            if total_due > budget.minor:
                return _infeasible(loans, family_loans, budget, strategy, total_due)
        remaining = budget.minor
        for d in open_debts:
            pay = min(due[d.name], max(remaining, 0))
            _pay(d, pay, payments, month)
            remaining -= pay
        for d in sorted((d for d in open_debts if d.balance > 0), key=key):
            if remaining <= 0:
                break
            pay = min(remaining, d.balance)
            _pay(d, pay, payments, month)
            remaining -= pay
        if all(d.balance == 0 for d in debts):
            for r in sorted((r for r in relatives if r.balance > 0), key=_family_key):
                if remaining <= 0:
                    break
                pay = min(remaining, r.balance)
                _pay(r, pay, payments, month)
                remaining -= pay
        if keep_schedule:
            schedule.append(
                PlanMonth(
                    month=month,
                    date=label,
                    payments={name: money(v) for name, v in payments.items()},
                    balances={d.name: money(d.balance) for d in [*debts, *relatives]},
                    interest={name: money(v) for name, v in interest.items()},
                )
            )

    done = all(d.balance == 0 for d in [*debts, *relatives])
    months = month if done else None
    outcomes = tuple(_outcome(d, first_month, currency) for d in [*debts, *relatives])
    return PayoffPlan(
        feasible=True,
        strategy=strategy,
        budget=budget,
        currency=currency,
        shortfall=None,
        months=months,
        debt_free=_debt_free_label(months, first_month, today),
        total_interest=money(sum(d.interest for d in [*debts, *relatives])),
        total_paid=money(sum(d.paid for d in [*debts, *relatives])),
        debts=outcomes,
        schedule=tuple(schedule),
        month_one_minimums=money(minimums_month_one or 0),
    )


def _pay(d: _Debt, amount: int, payments: dict[str, int], month: int) -> None:
    if amount <= 0:
        return
    d.balance -= amount
    d.paid += amount
    payments[d.name] = payments.get(d.name, 0) + amount
    if d.balance == 0 and d.payoff_month is None:
        d.payoff_month = month


def _outcome(d: _Debt, first_month: pendulum.Date, currency: str) -> DebtOutcome:
    payoff_date = None
    at_risk = d.family and d.promised is not None and d.payoff_month is None
    if d.payoff_month is not None:
        month_start = first_month.add(months=d.payoff_month - 1)
        payoff_date = month_label(month_start)
        if d.promised is not None:
            at_risk = month_start.end_of("month") > d.promised
    return DebtOutcome(
        name=d.name,
        family=d.family,
        start_balance=Money(d.start, currency),
        payoff_month=d.payoff_month,
        payoff_date=payoff_date,
        interest=Money(d.interest, currency),
        paid=Money(d.paid, currency),
        promised=d.promised,
        at_risk=at_risk,
    )


def _infeasible(
    loans: Sequence[Loan],
    family_loans: Sequence[FamilyLoan],
    budget: Money,
    strategy: Strategy,
    minimums: int,
) -> PayoffPlan:
    currency = budget.currency
    zero = Money.zero(currency)
    debts = [
        DebtOutcome(loan.name, False, loan.balance, None, None, zero, zero)
        for loan in loans
        if loan.is_open
    ]
    debts += [
        DebtOutcome(
            f.lender, True, f.balance, None, None, zero, zero, f.promised, f.promised is not None
        )
        for f in family_loans
        if f.balance.minor > 0
    ]
    return PayoffPlan(
        feasible=False,
        strategy=strategy,
        budget=budget,
        currency=currency,
        shortfall=Money(minimums - budget.minor, currency),
        months=None,
        debt_free=None,
        total_interest=zero,
        total_paid=zero,
        debts=tuple(debts),
        schedule=(),
        month_one_minimums=Money(minimums, currency),
    )
