"""`debtcoach whatif`: the guidance's moves side by side, against the plan and doing nothing.

Every move works on a copy of the household: nothing is written.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from debtcoach.cli.common import (
    Context,
    InputError,
    add_json_flag,
    print_json,
    table,
)
from debtcoach.cli.plan import baseline_to_json
from debtcoach.domain.calendar import DateError, first_plan_month, parse_month
from debtcoach.domain.models import Household, RestructureMode
from debtcoach.domain.money import Money, MoneyError, format_money, parse_money, parse_rate
from debtcoach.domain.whatif import (
    BudgetChange,
    Cuts,
    Difference,
    Move,
    MoveResult,
    Outcome,
    Relatives,
    Restructure,
    SideIncome,
    WhatIf,
)
from debtcoach.domain.wording import _, strategy_name


def register(commands: Any) -> None:
    text = _("what each of the guidance's moves would do, alone and together (nothing is saved)")
    p = commands.add_parser("whatif", help=text, description=text)
    p.add_argument(
        "--restructure",
        action="append",
        default=[],
        metavar="LOAN:N[:MODE[:FEE]]",
        help=_(
            "time for space: LOAN in N installments as if the lender agreed; MODE annuity "
            "(default) or flat_fee with FEE a monthly fee rate in %% (repeat for more loans)"
        ),
    )
    p.add_argument(
        "--cuts",
        nargs="?",
        const="",
        metavar="N1,N2,..",
        help=_("throttling: every non-essential cut not yet on turned on, or only these"),
    )
    p.add_argument(
        "--side-income",
        metavar="AMT[@YYYY-MM]",
        help=_(
            "open source: AMT more side income a month from that month (default: the plan's first)"
        ),
    )
    p.add_argument(
        "--relatives",
        metavar="AMT[@YYYY-MM]",
        help=_(
            "relatives first: borrow AMT from relatives in that month (default: the plan's "
            "first), paid to the institutions and repaid after them"
        ),
    )
    p.add_argument(
        "--budget-change",
        metavar="AMT",
        help=_("AMT more a month for the debts (negative: less)"),
    )
    add_json_flag(p)
    p.set_defaults(handler=whatif)


# --- reading the options -------------------------------------------------------------------------


def _restructure(text: str) -> Restructure:
    """LOAN:N[:annuity|flat_fee[:FEE]]; a loan name may itself hold a colon (the first part that
    is a whole number is N)."""
    option = f"--restructure {text}"
    parts = text.split(":")
    split = next(
        (i for i in range(1, len(parts)) if parts[i].strip().isdigit() and len(parts) - i <= 3),
        1,
    )
    loan = ":".join(parts[:split]).strip()
    rest = [part.strip() for part in parts[split:]]
    if not loan or not rest:
        raise InputError(
            _("{option}: write LOAN:N[:annuity|flat_fee[:FEE]], such as Visa:36").format(
                option=option
            )
        )
    if not rest[0].isdigit() or int(rest[0]) < 1:
        raise InputError(
            _("{option}: {text!r} is not a number of installments").format(
                option=option, text=rest[0]
            )
        )
    mode = RestructureMode.ANNUITY
    if len(rest) > 1:
        try:
            mode = RestructureMode(rest[1].lower())
        except ValueError:
            allowed = ", ".join(m.value for m in RestructureMode)
            raise InputError(
                _("{option}: mode {text!r} is not one of {allowed}").format(
                    option=option, text=rest[1], allowed=allowed
                )
            ) from None
    fee_rate = Decimal(0)
    if len(rest) > 2:
        if mode != RestructureMode.FLAT_FEE:
            raise InputError(
                _("{option}: a fee rate only applies with flat_fee").format(option=option)
            )
        try:
            fee_rate = parse_rate(rest[2], what=_("fee rate"))
        except MoneyError as exc:
            raise InputError(f"{option}: {exc}") from None
    return Restructure(loan, int(rest[0]), mode, fee_rate)


def _amount(
    text: str, option: str, currency: str, *, negative: bool = False
) -> tuple[Money, str | None]:
    """AMT[@YYYY-MM] as an amount and the month text (None when not given)."""
    amount_text, at, month = text.partition("@")
    try:
        amount = parse_money(amount_text, currency, what=_("amount"), allow_negative=negative)
    except MoneyError as exc:
        raise InputError(f"{option}: {exc}") from None
    return amount, (month if at else None)


def _month(text: str | None, option: str, first: date) -> date:
    if text is None:
        return first
    try:
        return parse_month(text, what=_("month"))
    except DateError as exc:
        raise InputError(f"{option}: {exc}") from None


def chosen_moves(args: argparse.Namespace, currency: str, today: date) -> tuple[Move, ...] | None:
    """The moves the options ask for, in the guidance's order; None when none is asked for."""
    first = first_plan_month(today)
    moves: list[Move] = []
    loans: set[str] = set()
    for text in args.restructure:
        move = _restructure(text)
        if move.loan in loans:
            raise InputError(_("--restructure: {name!r} is named twice").format(name=move.loan))
        loans.add(move.loan)
        moves.append(move)
    if args.side_income is not None:
        amount, month = _amount(args.side_income, "--side-income", currency)
        moves.append(SideIncome(amount, _month(month, "--side-income", first)))
    if args.cuts is not None:
        names = tuple(part.strip() for part in args.cuts.split(",") if part.strip())
        moves.append(Cuts(names))
    if args.relatives is not None:
        amount, month = _amount(args.relatives, "--relatives", currency)
        moves.append(Relatives(amount, _month(month, "--relatives", first)))
    if args.budget_change is not None:
        amount, month = _amount(args.budget_change, "--budget-change", currency, negative=True)
        if month is not None:
            raise InputError(_("--budget-change: takes no month (it applies to every month)"))
        moves.append(BudgetChange(amount))
    return tuple(moves) or None


# --- JSON ----------------------------------------------------------------------------------------


def _money_or_none(amount: Money | None) -> str | None:
    return None if amount is None else str(amount)


def outcome_to_json(outcome: Outcome) -> dict[str, Any]:
    plan = outcome.plan
    feasible = plan.feasible
    return {
        "months": outcome.months,
        "debt_free": outcome.debt_free,
        "total_interest": str(outcome.total_interest) if feasible else None,
        "total_fees": str(outcome.total_fees) if feasible else None,
        "current_from": outcome.current_from,
        "to_relatives": str(outcome.to_relatives) if feasible else None,
        "relatives_repaid": outcome.relatives_repaid,
        "feasible": feasible,
        "short_from": plan.short_from,
        "shortfall": _money_or_none(plan.shortfall),
    }


def difference_to_json(difference: Difference) -> dict[str, Any]:
    return {
        "months": difference.months,
        "total_interest": _money_or_none(difference.total_interest),
        "total_fees": _money_or_none(difference.total_fees),
    }


def move_terms(move: Move, household: Household) -> dict[str, Any]:
    """What the move was tried with (a suggested move's amounts included)."""
    if isinstance(move, Restructure):
        quote = move.quote(household)
        return {
            "loan": move.loan,
            "installments": move.installments,
            "mode": move.mode.value,
            "fee_rate": str(quote.fee_rate),
            "installment": str(quote.installment),
            "monthly_relief": str(quote.monthly_relief),
        }
    if isinstance(move, SideIncome):
        return {"amount": str(move.amount), "from": f"{move.start:%Y-%m}"}
    if isinstance(move, Cuts):
        return {
            "cuts": [e.name for e in move.chosen(household)],
            "saving": str(move.saving(household)),
        }
    if isinstance(move, Relatives):
        return {"amount": str(move.amount), "month": f"{move.on:%Y-%m}"}
    assert isinstance(move, BudgetChange)
    return {"amount": str(move.amount)}


def _result_to_json(result: MoveResult) -> dict[str, Any]:
    return {
        "label": result.label,
        **outcome_to_json(result.outcome),
        "vs_plan": difference_to_json(result.vs_plan),
        "vs_baseline": difference_to_json(result.vs_baseline),
    }


def whatif_to_json(report: WhatIf, household: Household) -> dict[str, Any]:
    """`whatif --json`: money as decimal strings, months as `YYYY-MM` (README, "What if")."""
    plan = report.plan.plan
    return {
        "baseline": {
            **baseline_to_json(report.baseline),
            "current_from": report.baseline_current_from,
        },
        "plan": {
            "strategy": plan.strategy.value,
            "budget": str(plan.budget),
            **outcome_to_json(report.plan),
        },
        "moves": [
            {
                "move": result.moves[0].kind.value,
                **_result_to_json(result),
                "terms": move_terms(result.moves[0], household),
            }
            for result in report.moves
        ],
        "together": None
        if report.together is None
        else {
            "moves": [move.kind.value for move in report.together.moves],
            **_result_to_json(report.together),
        },
    }


# --- text ----------------------------------------------------------------------------------------


def whatif(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household()
    moves = chosen_moves(args, household.currency, ctx.today)
    report = ctx.ledger.what_if(moves, household)
    if args.json:
        print_json(whatif_to_json(report, household))
        return 0
    print(describe_whatif(report, household, suggested=moves is None))
    return 0


def describe_whatif(report: WhatIf, household: Household, *, suggested: bool) -> str:
    locale = household.settings.locale

    def fmt(amount: Money) -> str:
        return format_money(amount, locale)

    plan = report.plan.plan
    lines = [
        _("The plan now: {strategy}, {budget} a month for the debts.").format(
            strategy=strategy_name(plan.strategy.value), budget=fmt(plan.budget)
        ),
    ]
    if not report.moves:
        lines.append(_("Your data suggests no move; name one, such as --budget-change 50."))
        return "\n".join(lines)
    if suggested:
        lines.append(_("The moves your data suggests, each alone and then all together:"))
    else:
        lines.append(_("Each move alone, then all together:"))
    behind = bool(report.behind_now)
    results = [*report.moves, *([report.together] if report.together is not None else [])]
    outcomes = [(_("The plan now"), report.plan), *((r.label, r.outcome) for r in results)]
    rows = [_baseline_row(report, behind, fmt)]
    rows += [_row(label, outcome, behind, fmt) for label, outcome in outcomes]
    headers = ["", _("debt-free"), _("months"), _("interest"), _("fees")]
    headers += [_("current")] if behind else []
    lines += ["", table(rows, headers, {2, 3, 4}), ""]
    if behind:
        lines.append(_("current: the month the last overdue loan is current again."))
    if report.baseline.months is None:
        fees = report.baseline.total_fees
        lines.append(
            _(
                "Only the minimums never pays the debts off: {fees} in late fees in 50 years."
            ).format(fees=fmt(fees))
            if fees.minor
            else _("Only the minimums never pays the debts off.")
        )
    for label, outcome in outcomes:
        short = outcome.plan
        if not short.feasible and short.shortfall is not None:
            lines.append(
                _("{label}: from {month} the budget is {short} short of the minimums.").format(
                    label=label, month=short.short_from, short=fmt(short.shortfall)
                )
            )
    family = [(label, o) for label, o in outcomes if o.feasible and o.to_relatives.minor]
    if family:
        never = _("never")
        rows = [[label, fmt(o.to_relatives), o.relatives_repaid or never] for label, o in family]
        lines += ["", table(rows, ["", _("to relatives"), _("repaid by")], {1})]
    return "\n".join(lines).rstrip()


def _baseline_row(report: WhatIf, behind: bool, fmt: Callable[[Money], str]) -> list[str]:
    baseline = report.baseline
    never = _("never")
    row = [_("Only the minimums"), baseline.debt_free or never]
    if baseline.months is None:
        row += ["—", "—", "—"]
    else:
        row += [str(baseline.months), fmt(baseline.total_interest), fmt(baseline.total_fees)]
    if behind:
        row.append(report.baseline_current_from or never)
    return row


def _row(label: str, outcome: Outcome, behind: bool, fmt: Callable[[Money], str]) -> list[str]:
    never = _("never")
    if not outcome.feasible:
        row = [label, _("short"), "—", "—", "—"]
    elif outcome.months is None:
        # What fifty years of a balance that only grows cost is no figure to set beside a plan
        # that ends (the baseline's row leaves them out the same way).
        row = [label, never, "—", "—", "—"]
    else:
        row = [
            label,
            outcome.debt_free or never,
            "—" if outcome.months is None else str(outcome.months),
            fmt(outcome.total_interest),
            fmt(outcome.total_fees),
        ]
    if behind:
        row.append(outcome.current_from or ("—" if not outcome.feasible else never))
    return row
