"""What if: the guidance's moves tried on a copy of the household, never saved.

Each move is a change to a copy of the household (README, "What if"): *time for space*
restructures one loan as if its lender agreed; *open source* adds side income from a month on;
*throttling* turns on cuts that are not active yet; *relatives first* borrows an amount in a
month, which the plan pays to the institutions (catch-up first, then the strategy order) and
repays after them as it repays relatives; a budget change adds or takes an amount every month.

The plan of every copy is the household's plan under its saved settings (`saved_plan`), so a
move is compared with exactly the plan the screens and the CLI show, and "together" is the moves
applied one after another to the same copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar, Protocol

from msgspec import Struct
from msgspec.structs import replace

from debtcoach.domain.calendar import first_plan_month, month_label, plan_month_number
from debtcoach.domain.household_plan import minimum_only, saved_plan
from debtcoach.domain.loan_facts import loan_arrears
from debtcoach.domain.models import (
    Expense,
    FamilyLoan,
    Frequency,
    Household,
    IncomeKind,
    IncomeSource,
    LoanKind,
    ProposalState,
    RestructureMode,
    name_key,
)
from debtcoach.domain.money import Money, format_money
from debtcoach.domain.payoff import MAX_MONTHS, DebtOutcome, MinimumOnlyPlan, PayoffPlan
from debtcoach.domain.record_rules import RecordProblem
from debtcoach.domain.restructure import (
    CREDIT_CARD_MAX_INSTALLMENTS,
    RestructureError,
    RestructureQuote,
    apply_proposal_state,
    quote_restructure,
)
from debtcoach.domain.text_rules import printable
from debtcoach.domain.wording import N_, _, count, month_words, percent_words

SIDE_INCOME_NAME = "Side income (what if)"
BUDGET_CHANGE_NAME = "Budget change (what if)"
RELATIVES_NAME = "Relatives"


class WhatIfError(RecordProblem):
    """A move that cannot be tried on this household; the message says why, and `field` is the
    move's kind (the CLI names its option: `--side-income: …`)."""

    def __init__(self, move: Move, message: str) -> None:
        super().__init__(move.kind.value, message)
        self.move = move


class MoveKind(StrEnum):
    RESTRUCTURE = "restructure"
    SIDE_INCOME = "side_income"
    CUTS = "cuts"
    RELATIVES = "relatives"
    BUDGET_CHANGE = "budget_change"


class Move(Protocol):
    """One of the guidance's moves: a change to a copy of the household."""

    kind: ClassVar[MoveKind]

    def apply(self, household: Household, today: date) -> Household:
        """The household as if the move were made; `WhatIfError` if it cannot be."""
        ...

    def label(self, household: Household, today: date) -> str:
        """The move in a few words, in the household's locale."""
        ...


def _money(amount: Money, household: Household) -> str:
    return format_money(amount, household.settings.locale)


def _short_month(start: date, household: Household) -> str:
    return month_words(month_label(start), household.settings.locale, "yMMM")


def _check_month(move: Move, start: date, today: date) -> None:
    """A move's month is a plan month: from the month after today, within the plan's horizon."""
    number = plan_month_number(today, start)
    if number < 1:
        first = month_label(first_plan_month(today))
        raise WhatIfError(
            move,
            _("{month} is before the plan starts ({first})").format(
                month=month_label(start), first=first
            ),
        )
    if number > MAX_MONTHS:
        raise WhatIfError(
            move,
            _("{month} is after the plan's {months} months").format(
                month=month_label(start), months=MAX_MONTHS
            ),
        )


def _check_positive(move: Move, amount: Money) -> None:
    if amount.minor <= 0:
        raise WhatIfError(
            move, _("the amount must be more than zero (got {amount})").format(amount=amount)
        )


def _unused_name(base: str, household: Household) -> str:
    """A name no loan, income, expense or family lender of the household uses (the plan and the
    budget tell rows apart by name)."""
    taken = {name_key(loan.name) for loan in household.loans}
    taken |= {name_key(item.lender) for item in household.family_loans}
    taken |= {name_key(source.name) for source in household.income}
    taken |= {name_key(expense.name) for expense in household.expenses}
    name, number = base, 1
    while name_key(name) in taken:
        number += 1
        name = f"{base} {number}"
    return name


# --- the moves -----------------------------------------------------------------------------------


class Restructure(Struct, frozen=True):
    """Time for space: one loan in `installments` monthly installments, as if its lender agreed."""

    loan: str
    installments: int
    mode: RestructureMode = RestructureMode.ANNUITY
    fee_rate: Decimal = Decimal(0)
    kind: ClassVar[MoveKind] = MoveKind.RESTRUCTURE

    def quote(self, household: Household) -> RestructureQuote:
        """The lender's installments for the loan as it is in `household`."""
        loan = household.loan(self.loan)
        if loan is None:
            raise WhatIfError(
                self, _("there is no loan named {name!r}").format(name=printable(self.loan))
            )
        if not loan.is_open:
            raise WhatIfError(
                self,
                _("{name} is paid off: nothing to restructure").format(name=printable(loan.name)),
            )
        try:
            return quote_restructure(loan, self.installments, self.mode, self.fee_rate)
        except RestructureError as exc:
            raise WhatIfError(self, f"{printable(loan.name)}: {exc}") from None

    def apply(self, household: Household, today: date) -> Household:
        quote = self.quote(household)
        loans = tuple(
            apply_proposal_state(item, quote, ProposalState.AGREED, today)
            if item.name == quote.loan
            else item
            for item in household.loans
        )
        return replace(household, loans=loans)

    def label(self, household: Household, today: date) -> str:
        text = _("{loan}: {installments}").format(
            loan=self.loan, installments=count(self.installments, "installment")
        )
        if self.mode == RestructureMode.FLAT_FEE:
            rate = percent_words(self.fee_rate, household.settings.locale)
            text += _(", {rate} fee").format(rate=rate)
        return text


class SideIncome(Struct, frozen=True):
    """Open source: `amount` more side income every month from the month of `start`."""

    amount: Money
    start: date
    kind: ClassVar[MoveKind] = MoveKind.SIDE_INCOME

    def apply(self, household: Household, today: date) -> Household:
        _check_positive(self, self.amount)
        _check_month(self, self.start, today)
        source = IncomeSource(
            _unused_name(SIDE_INCOME_NAME, household),
            IncomeKind.SIDE,
            self.amount,
            Frequency.MONTHLY,
            start=self.start.replace(day=1),
        )
        return replace(household, income=(*household.income, source))

    def label(self, household: Household, today: date) -> str:
        when = _short_month(self.start, household)
        return _("+{amount} a month from {month}").format(
            amount=_money(self.amount, household), month=when
        )


def cuts_not_yet_on(expenses: Iterable[Expense]) -> tuple[Expense, ...]:
    """Non-essential expenses whose cut would save something and is not active yet."""
    return tuple(
        e for e in expenses if not e.essential and not e.cut_active and e.possible_saving.minor > 0
    )


class Cuts(Struct, frozen=True):
    """Throttling: the named cuts turned on; none named: every non-essential cut not yet on."""

    names: tuple[str, ...] = ()
    kind: ClassVar[MoveKind] = MoveKind.CUTS

    def chosen(self, household: Household) -> tuple[Expense, ...]:
        if not self.names:
            chosen = cuts_not_yet_on(household.expenses)
            if not chosen:
                raise WhatIfError(self, _("every cut that would save something is on already"))
            return chosen
        by_name = {e.name: e for e in household.expenses}
        picked = []
        for name in dict.fromkeys(self.names):
            expense = by_name.get(name)
            if expense is None:
                raise WhatIfError(
                    self, _("there is no expense named {name!r}").format(name=printable(name))
                )
            if expense.cut_active:
                raise WhatIfError(
                    self, _("the cut on {name} is on already").format(name=printable(name))
                )
            if expense.possible_saving.minor <= 0:
                raise WhatIfError(
                    self,
                    _("{name} has no target below what it costs now: no cut").format(
                        name=printable(name)
                    ),
                )
            picked.append(expense)
        return tuple(picked)

    def saving(self, household: Household) -> Money:
        total = Money.zero(household.currency)
        for expense in self.chosen(household):
            total = total + expense.possible_saving
        return total

    def apply(self, household: Household, today: date) -> Household:
        names_on = {e.name for e in self.chosen(household)}
        expenses = tuple(
            replace(e, cut_active=True) if e.name in names_on else e for e in household.expenses
        )
        return replace(household, expenses=expenses)

    def label(self, household: Household, today: date) -> str:
        chosen = self.chosen(household)
        what = chosen[0].name if len(chosen) == 1 else count(len(chosen), "cut")
        return _("{what} on: +{amount} a month").format(
            what=what, amount=_money(self.saving(household), household)
        )


class Relatives(Struct, frozen=True):
    """Relatives first: `amount` borrowed from relatives in the month of `on`.

    The money is a one-off in that month, which the plan pays to the institutions (catch-up
    first, then the strategy order), and a family loan of the same amount, which the plan repays
    after the institutions as it repays relatives (no promised date: after the promised ones).
    """

    amount: Money
    on: date
    kind: ClassVar[MoveKind] = MoveKind.RELATIVES

    def lender(self, household: Household) -> str:
        return _unused_name(RELATIVES_NAME, household)

    def apply(self, household: Household, today: date) -> Household:
        _check_positive(self, self.amount)
        _check_month(self, self.on, today)
        if not household.open_loans:
            raise WhatIfError(self, _("no institutional loan is open: nothing to borrow for"))
        lender = self.lender(household)
        day = self.on.replace(day=1)
        money_in = IncomeSource(lender, IncomeKind.SIDE, self.amount, Frequency.ONE_OFF, start=day)
        owed = FamilyLoan(lender, self.amount, day, relationship="what if")
        return replace(
            household,
            income=(*household.income, money_in),
            family_loans=(*household.family_loans, owed),
        )

    def label(self, household: Household, today: date) -> str:
        when = _short_month(self.on, household)
        return _("{amount} from relatives, {month}").format(
            amount=_money(self.amount, household), month=when
        )


class BudgetChange(Struct, frozen=True):
    """`amount` more (or, negative, less) for the debts every month."""

    amount: Money
    kind: ClassVar[MoveKind] = MoveKind.BUDGET_CHANGE

    def apply(self, household: Household, today: date) -> Household:
        if self.amount.minor == 0:
            raise WhatIfError(self, _("a change of 0 changes nothing"))
        name = _unused_name(BUDGET_CHANGE_NAME, household)
        if self.amount.minor > 0:
            source = IncomeSource(name, IncomeKind.REGULAR, self.amount, Frequency.MONTHLY)
            return replace(household, income=(*household.income, source))
        spent = Expense(name, -self.amount, essential=True)
        return replace(household, expenses=(*household.expenses, spent))

    def label(self, household: Household, today: date) -> str:
        sign = "+" if self.amount.minor > 0 else ""
        return _("Budget {sign}{amount} a month").format(
            sign=sign, amount=_money(self.amount, household)
        )


def apply_moves(household: Household, moves: Sequence[Move], today: date) -> Household:
    """The household after every move, one after another."""
    for move in moves:
        household = move.apply(household, today)
    return household


def restructure_candidates(household: Household) -> tuple[str, ...]:
    """The open loans a lender could stretch, the likeliest first: overdue credit cards, other
    overdue loans, then the rest by what is owed (largest first)."""
    loans = sorted(
        household.open_loans,
        key=lambda loan: (
            not loan.is_overdue,
            loan.kind != LoanKind.CREDIT_CARD,
            -loan.balance.minor,
            loan.name,
        ),
    )
    return tuple(loan.name for loan in loans)


def suggested_moves(household: Household, today: date) -> tuple[Move, ...]:
    """The moves the data suggests: each overdue credit card at 60 installments (annuity), every
    cut not yet on, and relatives covering the arrears in the plan's first month: what is past
    due today and that month's late fee, so every loan behind can be current by its end."""
    moves: list[Move] = [
        Restructure(loan.name, CREDIT_CARD_MAX_INSTALLMENTS)
        for loan in household.loans
        if loan.is_overdue and loan.kind == LoanKind.CREDIT_CARD
    ]
    if cuts_not_yet_on(household.expenses):
        moves.append(Cuts())
    arrears = sum(
        min(loan_arrears(loan, today).minor, loan.balance.minor)
        + (loan.late_fee.minor if loan.late_fee is not None else 0)
        for loan in household.loans
        if loan.is_overdue
    )
    if arrears > 0:
        moves.append(Relatives(Money(arrears, household.currency), first_plan_month(today)))
    return tuple(moves)


# --- the outcomes --------------------------------------------------------------------------------


def _current_from(
    debts: Iterable[DebtOutcome], behind: set[str], current_now: set[str], today: date
) -> str | None:
    """The month at whose end the last of the `behind` loans is current again; None if one never
    is (or none was behind). A loan in `current_now` (restructured by a move) is current with its
    first installment, in month 1."""
    if not behind:
        return None
    months = {name: 1 for name in behind & current_now}
    for debt in debts:
        if not debt.family and debt.name in behind and debt.name not in months:
            if debt.caught_up_month is None:
                return None
            months[debt.name] = debt.caught_up_month
    if len(months) < len(behind):
        return None
    return month_label(first_plan_month(today).add(months=max(months.values()) - 1))


class Outcome(Struct, frozen=True):
    """A household's plan, reduced to what the what-if compares."""

    plan: PayoffPlan
    current_from: str | None
    """The month the last loan that is behind today is current (None: never, or none behind)."""

    @property
    def feasible(self) -> bool:
        return self.plan.feasible

    @property
    def months(self) -> int | None:
        return self.plan.months

    @property
    def debt_free(self) -> str | None:
        return self.plan.debt_free

    @property
    def total_interest(self) -> Money:
        return self.plan.total_interest

    @property
    def total_fees(self) -> Money:
        return self.plan.total_fees

    @property
    def to_relatives(self) -> Money:
        """Everything the plan pays to relatives and friends."""
        total = Money.zero(self.plan.currency)
        for debt in self.plan.debts:
            if debt.family:
                total = total + debt.paid
        return total

    @property
    def relatives_repaid(self) -> str | None:
        """The month the last relative is repaid (None: no relative, or not within the plan)."""
        family = [d for d in self.plan.debts if d.family]
        if not self.plan.feasible or not family or any(d.payoff_date is None for d in family):
            return None
        return max(d.payoff_date for d in family if d.payoff_date is not None)


class Difference(Struct, frozen=True):
    """A what-if against a reference: negative is fewer months, less interest, fewer fees.

    `months` is None when either side never ends; everything is None when either plan cannot
    pay the minimums (it has no totals).
    """

    months: int | None
    total_interest: Money | None
    total_fees: Money | None


def _difference(outcome: Outcome, reference: PayoffPlan | MinimumOnlyPlan) -> Difference:
    if not outcome.feasible or (isinstance(reference, PayoffPlan) and not reference.feasible):
        return Difference(None, None, None)
    months_apart = None
    if outcome.months is not None and reference.months is not None:
        months_apart = outcome.months - reference.months
    return Difference(
        months_apart,
        outcome.total_interest - reference.total_interest,
        outcome.total_fees - reference.total_fees,
    )


class MoveResult(Struct, frozen=True):
    """One move, or several together, and what they do against the plan and the baseline."""

    moves: tuple[Move, ...]
    label: str
    outcome: Outcome
    vs_plan: Difference
    vs_baseline: Difference


class WhatIf(Struct, frozen=True):
    """The baseline, the plan now, each move alone and every move together."""

    baseline: MinimumOnlyPlan
    baseline_current_from: str | None
    plan: Outcome
    moves: tuple[MoveResult, ...]
    together: MoveResult | None
    behind_now: tuple[str, ...]
    """The loans behind today (none: "current from" has nothing to say)."""


TOGETHER_LABEL = N_("All together")


def what_if(
    household: Household,
    today: date,
    moves: Sequence[Move] | None = None,
    *,
    plan: PayoffPlan | None = None,
    keep_schedule: bool = False,
) -> WhatIf:
    """Each move alone and all of them together, against the plan and the minimum-only baseline.

    `moves` None: the suggested moves. `plan` is the household's saved plan when the caller has
    it already. Nothing is saved: every move works on a copy.
    """
    chosen = suggested_moves(household, today) if moves is None else tuple(moves)
    behind = {loan.name for loan in household.loans if loan.is_overdue}
    baseline = minimum_only(household, today)
    if plan is None:
        plan = saved_plan(household, today, keep_schedule=keep_schedule).plan
    now = Outcome(plan, _current_from(plan.debts, behind, set(), today))

    def outcome_of(applied: Sequence[Move]) -> Outcome:
        return _outcome(household, applied, today, behind, keep_schedule=keep_schedule)

    def result(applied: tuple[Move, ...], label: str) -> MoveResult:
        outcome = outcome_of(applied)
        return MoveResult(
            applied,
            label,
            outcome,
            _difference(outcome, plan),
            _difference(outcome, baseline),
        )

    alone = tuple(result((move,), move.label(household, today)) for move in chosen)
    together = result(chosen, _(TOGETHER_LABEL)) if chosen else None
    return WhatIf(
        baseline=baseline,
        baseline_current_from=_current_from(baseline.debts, behind, set(), today),
        plan=now,
        moves=alone,
        together=together,
        behind_now=tuple(sorted(behind)),
    )


def _outcome(
    household: Household,
    moves: Sequence[Move],
    today: date,
    behind: set[str],
    *,
    keep_schedule: bool,
) -> Outcome:
    moved = apply_moves(household, moves, today)
    moved_plan = saved_plan(moved, today, keep_schedule=keep_schedule).plan
    _check_relatives_in_time(moves, moved_plan, today)
    restructured = {name for name in behind if (loan := moved.loan(name)) and not loan.is_overdue}
    return Outcome(moved_plan, _current_from(moved_plan.debts, behind, restructured, today))


class Trial(Struct, frozen=True):
    """One move against the plan now, without the baseline (what the coach names)."""

    now: Outcome
    moved: Outcome
    vs_plan: Difference

    @property
    def helps(self) -> bool:
        """Whether the move makes the plan possible, brings the loans behind current sooner,
        ends the debts sooner or costs less in interest and fees."""
        now, moved, difference = self.now, self.moved, self.vs_plan
        if not moved.feasible:
            return False
        if not now.feasible:
            return True
        if moved.current_from is not None and (
            now.current_from is None or moved.current_from < now.current_from
        ):
            return True
        if difference.months is not None and difference.months < 0:
            return True
        if now.months is None and moved.months is not None:
            return True
        if now.months is None or moved.months is None:
            return False  # fifty years of a growing balance: no price to compare
        cost = difference.total_interest, difference.total_fees
        return cost[0] is not None and cost[1] is not None and (cost[0] + cost[1]).minor < 0


def try_move(household: Household, today: date, move: Move, *, plan: PayoffPlan) -> Trial:
    """One move alone against the household's plan (`plan`, its saved plan). `WhatIfError` if
    it cannot be made."""
    behind = {loan.name for loan in household.loans if loan.is_overdue}
    now = Outcome(plan, _current_from(plan.debts, behind, set(), today))
    moved = _outcome(household, (move,), today, behind, keep_schedule=False)
    return Trial(now, moved, _difference(moved, plan))


def _check_relatives_in_time(moves: Sequence[Move], plan: PayoffPlan, today: date) -> None:
    """Money borrowed after the plan has cleared the institutions has nothing to pay: refused,
    rather than a plan that repays the relatives before they lent."""
    institutions = [d.payoff_month for d in plan.debts if not d.family]
    if not plan.feasible or not institutions or any(m is None for m in institutions):
        return
    cleared = max(m for m in institutions if m is not None)
    for move in moves:
        if isinstance(move, Relatives) and plan_month_number(today, move.on) > cleared:
            done = month_label(first_plan_month(today).add(months=cleared - 1))
            raise WhatIfError(
                move,
                _(
                    "{month} is after the plan has paid the institutions ({done}): "
                    "nothing left to borrow for"
                ).format(month=month_label(move.on), done=done),
            )
