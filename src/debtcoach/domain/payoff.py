"""The month-by-month payoff simulation, exact to the cent.

The rules are the README's "How the numbers are worked out".

Institutions first, relatives after; a plan that cannot pay the minimums in some month says so
instead of pretending. A loan that is overdue starts behind: it carries arrears and late fees, and
pays its penalty rate until it has caught up. Balances, fees and arrears are plain integers of
minor units inside the loop for speed and exactness.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from functools import cache

import pendulum
from msgspec import Struct, field

from debtcoach.domain.budget import PlanBudget
from debtcoach.domain.calendar import (
    first_plan_month,
    month_label,
    month_labels,
    plan_month_number,
)
from debtcoach.domain.loan_facts import loan_arrears
from debtcoach.domain.models import FamilyLoan, Loan, RestructureMode, Strategy
from debtcoach.domain.money import Money, round_half_up
from debtcoach.domain.wording import _

MAX_MONTHS = 600
_MONTHLY_DIVISOR = 1200
"""12 months × 100 (the APR is a percentage)."""


class PlanInputError(ValueError):
    """A plan request that cannot be honoured (bad custom order); the message says why."""


class PlanMonth(Struct, frozen=True):
    """One month of the plan; `balances` are what is still owed at its end (fees included)."""

    month: int
    date: str
    payments: dict[str, Money]
    balances: dict[str, Money]
    interest: dict[str, Money]
    fees: dict[str, Money] = field(default_factory=dict)
    """Late fees charged this month, by loan."""
    arrears: dict[str, Money] = field(default_factory=dict)
    """Arrears left at the month's end of the loans that were behind this month."""


class DebtOutcome(Struct, frozen=True, kw_only=True):
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
    fees: Money
    caught_up_month: int | None = None
    """The month at whose end a loan that started behind has no arrears left (None: never)."""
    caught_up_date: str | None = None


class PayoffPlan(Struct, frozen=True, kw_only=True):
    """The plan. `budget` is month 1's recurring budget; `short_from` the first short month."""

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
    schedule: tuple[PlanMonth, ...] = ()
    month_one_minimums: Money | None = None
    total_fees: Money
    short_from: str | None = None
    short_minimums: Money | None = None
    """The minimums of the `short_from` month (its budget is `short_minimums − shortfall`)."""
    schedule_cut: bool = False
    """Only the first months of `schedule` were kept (`schedule_months`): a chart needs the
    plan again with all of them."""

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


class MinimumOnlyPlan(Struct, frozen=True):
    """What happens if nothing changes: every institutional loan gets exactly its minimum."""

    months: int | None
    debt_free: str | None
    total_interest: Money
    total_fees: Money
    debts: tuple[DebtOutcome, ...]
    owed_by_month: tuple[Money, ...] = ()
    """What the institutional loans still owe (fees included) at the end of each month."""

    @property
    def pays_off(self) -> bool:
        return self.months is not None


class _Debt(Struct):
    """One debt inside the simulation, in plain integers of minor units."""

    name: str
    family: bool
    balance: int
    payment: int
    flat_fee: int | None
    promised: date | None
    start: int
    apr: Decimal
    penalty_apr: Decimal
    promo_apr: Decimal
    promo_last: int = 0  # the last plan month of the promotional rate (0: none)
    late_fee: int = 0
    overdue_since: date | None = None
    final: int = 0  # a restructured loan's last installment, due in full at the end
    fees: int = 0  # late fees still owed (interest-free, paid before the balance)
    arrears: int = 0  # the past-due part of what is owed
    behind: bool = False
    rate: Decimal = Decimal(0)  # the rate in force this month
    interest: int = 0
    fees_charged: int = 0  # every late fee charged, paid or not
    paid: int = 0
    payoff_month: int | None = None
    caught_up_month: int | None = None


def _institutional(loan: Loan, today: date) -> _Debt:
    terms = loan.restructure if loan.is_restructured else None
    flat_fee = None
    if terms is not None and terms.mode == RestructureMode.FLAT_FEE:
        flat_fee = round_half_up(Decimal(terms.balance.minor) * terms.fee_rate / 100)
    apr = Decimal(0) if flat_fee is not None else loan.apr
    promo_last = 0
    if terms is None and loan.promo_apr is not None and loan.promo_until is not None:
        promo_last = max(plan_month_number(today, loan.promo_until), 0)
    behind = loan.is_overdue
    return _Debt(
        name=loan.name,
        family=False,
        balance=loan.balance.minor,
        payment=loan.scheduled_payment.minor,
        flat_fee=flat_fee,
        promised=None,
        start=loan.balance.minor,
        apr=apr,
        penalty_apr=loan.effective_penalty_apr,
        promo_apr=apr if loan.promo_apr is None else loan.promo_apr,
        promo_last=promo_last,
        late_fee=0 if loan.late_fee is None else loan.late_fee.minor,
        overdue_since=loan.overdue_since,
        final=0 if terms is None else terms.last_installment.minor,
        arrears=min(loan_arrears(loan, today).minor, loan.balance.minor) if behind else 0,
        behind=behind,
    )


def _relative(loan: FamilyLoan) -> _Debt:
    return _Debt(
        name=loan.lender,
        family=True,
        balance=loan.balance.minor,
        payment=0,
        flat_fee=None,
        promised=loan.promised,
        start=loan.balance.minor,
        apr=loan.apr,
        penalty_apr=loan.apr,
        promo_apr=loan.apr,
    )


def monthly_interest(balance_minor: int, apr: Decimal) -> int:
    """One month's interest on a balance, rounded half-up to the minor unit.

    balance × apr / 1200 in exact integers (the APR as its exact fraction): the same cents as
    Decimal arithmetic, at any balance (one that grows for 600 months at 400 % APR included),
    and a few times faster, which a 600-month plan and its trials feel.
    """
    if balance_minor <= 0 or apr == 0:
        return 0
    numerator, denominator = _monthly_rate(apr)
    # Half-up for a positive amount: floor(x + 1/2) = floor((2·b·n + d) / (2·d)).
    return (2 * balance_minor * numerator + denominator) // (2 * denominator)


@cache
def _monthly_rate(apr: Decimal) -> tuple[int, int]:
    """The monthly rate apr / 1200 as an exact fraction (numerator, denominator)."""
    numerator, denominator = apr.as_integer_ratio()
    return numerator, denominator * _MONTHLY_DIVISOR


def validate_custom_order(loans: Sequence[Loan], order: Sequence[str]) -> tuple[str, ...]:
    """A custom order must name every open loan once, and nothing else."""
    known = {loan.name for loan in loans}
    open_names = [loan.name for loan in loans if loan.is_open]
    seen: set[str] = set()
    for name in order:
        if name not in known:
            raise PlanInputError(
                _("custom order names {name!r}, which is not a loan").format(name=name)
            )
        if name in seen:
            raise PlanInputError(_("custom order names {name!r} twice").format(name=name))
        seen.add(name)
    missing = [name for name in open_names if name not in seen]
    if missing:
        raise PlanInputError(
            _("custom order does not name every loan: missing {names}").format(
                names=", ".join(missing)
            )
        )
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
    """Strategy order on what is owed now and the rate in force this month."""
    if strategy == Strategy.AVALANCHE:
        return lambda d: (-d.rate, d.fees + d.balance, d.name)
    if strategy == Strategy.SNOWBALL:
        return lambda d: (d.fees + d.balance, -d.rate, d.name)
    return lambda d: (order.get(d.name, len(order)), d.name)


def _longest_overdue_key(d: _Debt) -> tuple[bool, date]:
    return (d.overdue_since is None, d.overdue_since or date.max)


def _family_key(d: _Debt) -> tuple[int, date, int, str]:
    if d.promised is None:
        return (1, date.max, d.balance, d.name)
    return (0, d.promised, d.balance, d.name)


def _charge(d: _Debt, month: int, interest: dict[str, int], fees: dict[str, int]) -> None:
    """Steps 1 and 2: interest at the rate in force this month, and the late fee while behind."""
    if d.behind:
        d.rate = d.penalty_apr
    elif month <= d.promo_last:
        d.rate = d.promo_apr
    else:
        d.rate = d.apr
    charge = d.flat_fee if d.flat_fee is not None else monthly_interest(d.balance, d.rate)
    if charge:
        d.balance += charge
        d.interest += charge
        interest[d.name] = charge
    if d.behind and d.late_fee:
        d.fees += d.late_fee
        d.arrears += d.late_fee
        d.fees_charged += d.late_fee
        fees[d.name] = d.late_fee


def _minimum(d: _Debt) -> int:
    """Step 3: this month's minimum (installment), capped at what is owed."""
    owed = d.fees + d.balance
    return owed if owed <= d.final else min(d.payment, owed)


def _pay(
    d: _Debt, amount: int, payments: dict[str, int], month: int, *, reduces_arrears: bool = True
) -> None:
    """Fees first, then the balance; arrears never more than what is still owed."""
    if amount <= 0:
        return
    to_fees = min(amount, d.fees)
    d.fees -= to_fees
    d.balance -= amount - to_fees
    d.paid += amount
    payments[d.name] = payments.get(d.name, 0) + amount
    owed = d.fees + d.balance
    if d.arrears:
        if reduces_arrears:
            d.arrears = max(d.arrears - amount, 0)
        d.arrears = min(d.arrears, owed)
    if owed == 0 and d.payoff_month is None:
        d.payoff_month = month


def _close_month(d: _Debt, month: int) -> None:
    """Step 7: no arrears left at the month's end: caught up, no longer behind from next month."""
    if d.behind and d.arrears == 0:
        d.behind = False
        d.caught_up_month = month


def _monthly_budgets(
    budget: PlanBudget, max_months: int
) -> tuple[list[int], dict[int, list[tuple[str, int]]]]:
    """Each month's budget without earmarked money, and the earmarked (loan, amount) by month."""
    amounts = [budget.recurring_in(month).minor for month in range(1, max_months + 1)]
    earmarked: dict[int, list[tuple[str, int]]] = {}
    for item in budget.one_offs:
        if 1 <= item.month <= max_months:
            if item.loan is None:
                amounts[item.month - 1] += item.amount.minor
            else:
                earmarked.setdefault(item.month, []).append((item.loan, item.amount.minor))
    return amounts, earmarked


def simulate_payoff(
    loans: Sequence[Loan],
    family_loans: Sequence[FamilyLoan],
    budget: Money | PlanBudget,
    today: date,
    strategy: Strategy = Strategy.AVALANCHE,
    custom_order: Sequence[str] = (),
    *,
    max_months: int = MAX_MONTHS,
    keep_schedule: bool = True,
    schedule_months: int | None = None,
) -> PayoffPlan:
    """Simulate paying every open debt from the month after `today` (README, steps 1–9).

    `budget` is the same every month (a `Money`) or a `PlanBudget` of every month. With
    `keep_schedule`, the months are kept: all of them, or the first `schedule_months` (what a
    screen shows of next month, without 600 months of figures built for nothing).
    """
    plan_budget = budget if isinstance(budget, PlanBudget) else PlanBudget.constant(budget)
    currency = plan_budget.currency
    order: dict[str, int] = {}
    if strategy == Strategy.CUSTOM:
        order = {name: i for i, name in enumerate(validate_custom_order(loans, custom_order))}
    debts = [_institutional(loan, today) for loan in loans if loan.is_open]
    by_name = {d.name: d for d in debts}
    relatives = [_relative(item) for item in family_loans if item.balance.minor > 0]
    everything = [*debts, *relatives]
    key = _sort_key(strategy, order)
    first_month = first_plan_month(today)
    labels = month_labels(first_month, max_months)
    available, earmarked = _monthly_budgets(plan_budget, max_months)

    def money(minor: int) -> Money:
        return Money(minor, currency)

    schedule: list[PlanMonth] = []
    month = 0
    minimums_month_one: int | None = None
    while any(d.fees + d.balance > 0 for d in debts) or any(r.balance > 0 for r in relatives):
        if month >= max_months:
            break
        month += 1
        payments: dict[str, int] = {}
        interest: dict[str, int] = {}
        fees: dict[str, int] = {}
        open_debts = [d for d in debts if d.fees + d.balance > 0]
        behind = [d for d in open_debts if d.behind]
        for d in open_debts:
            _charge(d, month, interest, fees)
        for r in relatives:
            if r.balance > 0:
                _charge(r, month, interest, fees)
        due = [(d, _minimum(d)) for d in open_debts]
        total_due = sum(amount for _, amount in due)
        remaining = available[month - 1]
        if month == 1:
            minimums_month_one = total_due
        if open_debts and total_due > remaining:
            return _infeasible(
                loans,
                family_loans,
                plan_budget.first_month,
                strategy,
                minimums=total_due,
                month_budget=remaining,
                month_one_minimums=total_due if minimums_month_one is None else minimums_month_one,
                short_from=labels[month - 1],
            )
        for d, amount in due:
            _pay(d, amount, payments, month, reduces_arrears=False)
            remaining -= amount
        for name, amount in earmarked.get(month, ()):
            target = by_name.get(name)
            if target is not None:
                pay = min(amount, target.fees + target.balance)
                _pay(target, pay, payments, month)
                amount -= pay
            remaining += amount
        if behind:
            catching_up = sorted((d for d in behind if d.arrears > 0), key=key)
            for d in sorted(catching_up, key=_longest_overdue_key):
                if remaining <= 0:
                    break
                pay = min(remaining, d.arrears)
                _pay(d, pay, payments, month)
                remaining -= pay
        for d in sorted((d for d in open_debts if d.fees + d.balance > 0), key=key):
            if remaining <= 0:
                break
            pay = min(remaining, d.fees + d.balance)
            _pay(d, pay, payments, month)
            remaining -= pay
        if all(d.fees + d.balance == 0 for d in debts):
            for r in sorted((r for r in relatives if r.balance > 0), key=_family_key):
                if remaining <= 0:
                    break
                pay = min(remaining, r.balance)
                _pay(r, pay, payments, month)
                remaining -= pay
        for d in behind:
            _close_month(d, month)
        if keep_schedule and (schedule_months is None or month <= schedule_months):
            schedule.append(
                PlanMonth(
                    month=month,
                    date=labels[month - 1],
                    payments={name: Money(v, currency) for name, v in payments.items()},
                    balances={d.name: Money(d.fees + d.balance, currency) for d in everything},
                    interest={name: Money(v, currency) for name, v in interest.items()},
                    fees={name: Money(v, currency) for name, v in fees.items()},
                    arrears={d.name: Money(d.arrears, currency) for d in behind},
                )
            )

    done = all(d.fees + d.balance == 0 for d in everything)
    months = month if done else None
    return PayoffPlan(
        feasible=True,
        strategy=strategy,
        budget=plan_budget.first_month,
        currency=currency,
        shortfall=None,
        months=months,
        debt_free=_debt_free_label(months, first_month, today),
        total_interest=money(sum(d.interest for d in everything)),
        total_paid=money(sum(d.paid for d in everything)),
        debts=tuple(_outcome(d, first_month, currency) for d in everything),
        schedule=tuple(schedule),
        schedule_cut=keep_schedule and len(schedule) < month,
        month_one_minimums=money(minimums_month_one or 0),
        total_fees=money(sum(d.fees_charged for d in everything)),
    )


def simulate_minimum_only(
    loans: Sequence[Loan], today: date, currency: str, *, max_months: int = MAX_MONTHS
) -> MinimumOnlyPlan:
    """The minimum-only baseline: each institutional loan paid exactly its minimum every month.

    No catch-up, no extra, no one-offs, no family loans; interest, late fees and the penalty
    rate as in the plan. It shows what the plan saves, and that paying only the minimum never
    brings a loan that is behind current.
    """
    debts = [_institutional(loan, today) for loan in loans if loan.is_open]
    first_month = first_plan_month(today)
    scratch: dict[str, int] = {}
    owed: list[Money] = []
    month = 0
    while month < max_months and any(d.fees + d.balance > 0 for d in debts):
        month += 1
        for d in debts:
            if d.fees + d.balance > 0:
                _charge(d, month, scratch, scratch)
                _pay(d, _minimum(d), scratch, month, reduces_arrears=False)
                _close_month(d, month)
        owed.append(Money(sum(d.fees + d.balance for d in debts), currency))
    done = all(d.fees + d.balance == 0 for d in debts)
    months = month if done else None
    return MinimumOnlyPlan(
        months=months,
        debt_free=_debt_free_label(months, first_month, today),
        total_interest=Money(sum(d.interest for d in debts), currency),
        total_fees=Money(sum(d.fees_charged for d in debts), currency),
        debts=tuple(_outcome(d, first_month, currency) for d in debts),
        owed_by_month=tuple(owed),
    )


def _month_of(first_month: pendulum.Date, month: int | None) -> str | None:
    return None if month is None else month_label(first_month.add(months=month - 1))


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
        fees=Money(d.fees_charged, currency),
        caught_up_month=d.caught_up_month,
        caught_up_date=_month_of(first_month, d.caught_up_month),
    )


def _unpaid(
    name: str, balance: Money, *, family: bool = False, promised: date | None = None
) -> DebtOutcome:
    """A debt the plan cannot pay (its budget does not cover the minimums)."""
    zero = Money.zero(balance.currency)
    return DebtOutcome(
        name=name,
        family=family,
        start_balance=balance,
        payoff_month=None,
        payoff_date=None,
        interest=zero,
        paid=zero,
        promised=promised,
        at_risk=promised is not None,
        fees=zero,
    )


def _infeasible(
    loans: Sequence[Loan],
    family_loans: Sequence[FamilyLoan],
    budget: Money,
    strategy: Strategy,
    *,
    minimums: int,
    month_budget: int,
    month_one_minimums: int,
    short_from: str,
) -> PayoffPlan:
    currency = budget.currency
    zero = Money.zero(currency)
    debts = [_unpaid(loan.name, loan.balance) for loan in loans if loan.is_open]
    debts += [
        _unpaid(f.lender, f.balance, family=True, promised=f.promised)
        for f in family_loans
        if f.balance.minor > 0
    ]
    return PayoffPlan(
        feasible=False,
        strategy=strategy,
        budget=budget,
        currency=currency,
        shortfall=Money(minimums - month_budget, currency),
        months=None,
        debt_free=None,
        total_interest=zero,
        total_paid=zero,
        debts=tuple(debts),
        schedule=(),
        month_one_minimums=Money(month_one_minimums, currency),
        total_fees=zero,
        short_from=short_from,
        short_minimums=Money(minimums, currency),
    )
