"""What the dashboard and the payoff screen say about the household's plan.

What is past due now and when the plan brings each loan current again, and the plan against
paying only the minimums (DESIGN.md, "Minimum-only baseline"). Pure functions over the plan the
Ledger computed, so the screens only format what these return.
"""

from __future__ import annotations

from datetime import date

from msgspec import Struct

from debtcoach.domain.calendar import add_months, as_pendulum
from debtcoach.domain.checkin import entered_balances
from debtcoach.domain.household_plan import minimum_only
from debtcoach.domain.loan_facts import loan_arrears
from debtcoach.domain.models import Household
from debtcoach.domain.money import Money, sum_money
from debtcoach.domain.payoff import MinimumOnlyPlan, PayoffPlan


class PastDueLoan(Struct, frozen=True):
    """One loan behind: what is past due on it now, and what the plan makes of it."""

    name: str
    arrears: Money
    late_fee: Money
    current_again: str | None
    """The month (YYYY-MM) at whose end the plan has it current again; None: not in this plan."""
    fees: Money
    """The late fees the plan charges it until then."""


class PastDue(Struct, frozen=True):
    loans: tuple[PastDueLoan, ...]
    total: Money
    fees: Money

    @property
    def cleared(self) -> str | None:
        """The month every loan behind is current again (None if one never is)."""
        months = [loan.current_again for loan in self.loans]
        if any(month is None for month in months):
            return None
        return max(month for month in months if month is not None)


def past_due(household: Household, today: date, plan: PayoffPlan) -> PastDue | None:
    """The loans behind today with the same arrears and fees the plan uses; None if none is."""
    currency = household.currency
    zero = Money.zero(currency)
    loans = []
    for loan in household.loans:
        if not loan.is_overdue:
            continue
        outcome = plan.debt(loan.name)
        loans.append(
            PastDueLoan(
                name=loan.name,
                arrears=loan_arrears(loan, today),
                late_fee=loan.late_fee or zero,
                current_again=None if outcome is None else outcome.caught_up_date,
                fees=zero if outcome is None else outcome.fees,
            )
        )
    if not loans:
        return None
    return PastDue(
        tuple(loans),
        sum_money([loan.arrears for loan in loans], currency),
        sum_money([loan.fees for loan in loans], currency),
    )


class BaselineComparison(Struct, frozen=True):
    """The plan beside paying only the minimums.

    When the minimums alone pay the institutional loans off, what the plan saves on them
    (`months_saved`, `interest_saved`, `fees_saved`). Either way, what the minimums alone cost
    by the month the plan is debt-free (`by`; the whole 600 months when the plan never is), and
    which loans behind they never bring current.
    """

    baseline: MinimumOnlyPlan
    never_current: tuple[str, ...]
    by: str | None
    interest_by: Money
    fees_by: Money
    months_saved: int | None
    interest_saved: Money | None
    fees_saved: Money | None


def compare_with_minimum_only(
    household: Household, today: date, plan: PayoffPlan
) -> BaselineComparison | None:
    """The plan against the minimum-only baseline; None when there is no plan to compare (the
    minimums do not fit) or no institutional loan is open."""
    if not plan.feasible or not household.open_loans:
        return None
    baseline = minimum_only(household, today)
    months = plan.months if plan.pays_off else None
    by = plan.debt_free if months else None
    horizon = minimum_only(household, today, max_months=months) if months else baseline
    behind = {loan.name for loan in household.loans if loan.is_overdue}
    never = tuple(d.name for d in baseline.debts if d.name in behind and d.caught_up_month is None)
    months_saved = interest_saved = fees_saved = None
    institutions = [d for d in plan.debts if not d.family]
    cleared = [d.payoff_month for d in institutions]
    if baseline.months is not None and cleared and None not in cleared:
        currency = household.currency
        # The institutions' months: the baseline never repays the relatives.
        months_saved = baseline.months - max(m for m in cleared if m is not None)
        plan_interest = sum_money([d.interest for d in institutions], currency)
        plan_fees = sum_money([d.fees for d in institutions], currency)
        interest_saved = baseline.total_interest - plan_interest
        fees_saved = baseline.total_fees - plan_fees
    return BaselineComparison(
        baseline=baseline,
        never_current=never,
        by=by,
        interest_by=horizon.total_interest,
        fees_by=horizon.total_fees,
        months_saved=months_saved,
        interest_saved=interest_saved,
        fees_saved=fees_saved,
    )


def minimum_only_owed(household: Household, baseline: MinimumOnlyPlan, months: int) -> list[Money]:
    """Everything owed today and at the end of each of `months` months if only the minimums are
    paid: the institutional loans as the baseline leaves them, the relatives not repaid at all.
    Comparable with `PayoffPlan.total_balance_by_month` (which counts the relatives too)."""
    currency = household.currency
    family = sum_money([item.balance for item in household.family_loans], currency)
    loans = sum_money([loan.balance for loan in household.open_loans], currency)
    owed = [loans + family]
    for month in range(months):
        institutions = (
            baseline.owed_by_month[month]
            if month < len(baseline.owed_by_month)
            else Money.zero(currency)
        )
        owed.append(institutions + family)
    return owed


HISTORY_MONTHS = 24
"""How far back the payoff chart draws the balances recorded so far."""


def owed_history(
    household: Household, today: date, months: int = HISTORY_MONTHS
) -> tuple[Money, ...]:
    """Everything owed at the end of each calendar month before today's, oldest first (the last
    is the month before today's): where the check-ins say the household has been.

    It starts with the first month that ends after a balance was recorded (at most `months`
    back) and is empty without any. A loan counts with its latest recorded balance on or before
    the month's last day; before its first record, with the balance the user entered (nothing
    before it was opened); a loan never recorded at all, with its balance now. A relative's loan
    counts from the day it was borrowed, less the repayments made by then.
    """
    currency = household.currency
    recorded = [e for e in household.balances if not e.family and e.on <= today]
    if not recorded:
        return ()
    first = min(e.on for e in recorded)
    start = max(
        (first.year * 12 + first.month) - (today.year * 12 + today.month),
        -months,
    )
    by_loan: dict[str, list[tuple[date, int]]] = {}
    for entry in sorted(recorded, key=lambda e: e.on):
        by_loan.setdefault(entry.name, []).append((entry.on, entry.balance.minor))
    entered = {name: amount.minor for name, amount in entered_balances(household).items()}
    totals = []
    for offset in range(start, 0):
        end = add_months(as_pendulum(today).replace(day=1), offset + 1).subtract(days=1)
        totals.append(Money(_owed_on(household, end, by_loan, entered), currency))
    return tuple(totals)


def _owed_on(
    household: Household,
    day: date,
    by_loan: dict[str, list[tuple[date, int]]],
    entered: dict[str, int],
) -> int:
    owed = 0
    for loan in household.loans:
        points = by_loan.get(loan.name)
        if points:
            known = [minor for on, minor in points if on <= day]
            if known:
                owed += known[-1]
                continue
            if loan.opened_on is None or loan.opened_on <= day:
                owed += entered.get(loan.name, 0)
        elif loan.is_open and (loan.opened_on is None or loan.opened_on <= day):
            owed += loan.balance.minor
    for item in household.family_loans:
        if item.borrowed_on <= day:
            repaid = sum(r.amount.minor for r in item.repayments if r.on <= day)
            owed += max(item.amount.minor - repaid, 0)
    return owed
