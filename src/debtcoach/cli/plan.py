"""`debtcoach plan`: the payoff plan, as text or as the JSON of the scripting contract."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from debtcoach.cli.common import (
    Context,
    InputError,
    add_json_flag,
    choice_arg,
    print_json,
    say,
    table,
)
from debtcoach.domain.models import (
    Strategy,
)
from debtcoach.domain.money import (
    Money,
    format_money,
)
from debtcoach.domain.payoff import MinimumOnlyPlan, PayoffPlan
from debtcoach.domain.wording import _, count, strategy_name


def register(commands: Any) -> None:
    p = commands.add_parser("plan", help=_("the payoff plan"), description=_("the payoff plan"))
    p.add_argument(
        "--strategy",
        type=choice_arg(Strategy, "strategy"),
        help=_("avalanche (highest rate first), snowball (smallest first) or custom"),
    )
    p.add_argument("--order", metavar="N1,N2,..", help=_("custom order of loan names"))
    p.add_argument(
        "--budget", metavar="AMT", help=_("monthly debt budget instead of the computed one")
    )
    add_json_flag(p)
    p.set_defaults(handler=plan)


def _money_or_none(amount: Money | None) -> str | None:
    return None if amount is None else str(amount)


def baseline_to_json(baseline: MinimumOnlyPlan) -> dict[str, Any]:
    return {
        "months": baseline.months,
        "debt_free": baseline.debt_free,
        "total_interest": str(baseline.total_interest),
        "total_fees": str(baseline.total_fees),
    }


def plan_to_json(plan: PayoffPlan, baseline: MinimumOnlyPlan) -> dict[str, Any]:
    """The JSON shape of the scripting contract (README, "Scripting"), version-2 keys included."""
    return {
        "feasible": plan.feasible,
        "shortfall": _money_or_none(plan.shortfall),
        "strategy": plan.strategy.value,
        "budget": str(plan.budget),
        "currency": plan.currency,
        "months": plan.months,
        "debt_free": plan.debt_free,
        "total_interest": str(plan.total_interest) if plan.feasible else None,
        "total_paid": str(plan.total_paid) if plan.feasible else None,
        "total_fees": str(plan.total_fees) if plan.feasible else None,
        "short_from": plan.short_from,
        "minimum_only": baseline_to_json(baseline),
        "loans": [
            {
                "name": d.name,
                "family": d.family,
                "payoff_month": d.payoff_month,
                "payoff_date": d.payoff_date,
                "interest": str(d.interest),
                "paid": str(d.paid),
                "fees": str(d.fees),
                "caught_up_month": d.caught_up_month,
                "caught_up_date": d.caught_up_date,
            }
            for d in plan.debts
        ],
        "schedule": [
            {
                "month": m.month,
                "date": m.date,
                "payments": {k: str(v) for k, v in m.payments.items()},
                "balances": {k: str(v) for k, v in m.balances.items()},
                "fees": {k: str(v) for k, v in m.fees.items()},
                "arrears": {k: str(v) for k, v in m.arrears.items()},
            }
            for m in plan.schedule
        ],
    }


def plan(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household()
    budget = None if args.budget is None else ctx.money(args.budget, "budget")
    order = None
    if args.order is not None:
        order = [part.strip() for part in args.order.split(",") if part.strip()]
        if not order:
            raise InputError(
                _("--order: {text!r} names no loan (write --order NAME1,NAME2,…)").format(
                    text=args.order
                )
            )
        if args.strategy not in (None, Strategy.CUSTOM):
            raise InputError(_("--order: only makes sense with --strategy custom"))
    result = ctx.ledger.plan(household, strategy=args.strategy, order=order, budget=budget)
    baseline = ctx.ledger.minimum_only(household)
    if args.json:
        print_json(plan_to_json(result, baseline))
        return 0
    say(*describe_plan(result, baseline, household.settings.locale).split("\n"))
    return 0


def describe_plan(plan: PayoffPlan, baseline: MinimumOnlyPlan, locale: str) -> str:
    def fmt(amount: Money) -> str:
        return format_money(amount, locale)

    lines = [
        _("Strategy: {strategy}    Monthly debt budget: {budget}").format(
            strategy=strategy_name(plan.strategy.value), budget=fmt(plan.budget)
        )
    ]
    if not plan.feasible:
        assert plan.shortfall is not None
        minimums = plan.short_minimums or plan.month_one_minimums or plan.shortfall
        message = (
            _(
                "Not feasible: the minimum payments need {minimums} a month, "
                "{short} more than the budget."
            )
            if plan.short_from is None
            else _(
                "Not feasible: the minimum payments need {minimums} a month from {month}, "
                "{short} more than the budget."
            )
        )
        lines.append(
            message.format(minimums=fmt(minimums), month=plan.short_from, short=fmt(plan.shortfall))
        )
        lines.append(_("Talk to your lenders about stretching the plan: debtcoach coach"))
        return "\n".join(lines)
    if plan.months is None:
        lines.append(_("At this budget the debts do not get paid off within 50 years."))
    elif plan.months == 0:
        lines.append(_("Nothing is owed. You are debt-free."))
        return "\n".join(lines)
    else:
        lines.append(
            _("Debt-free in {months}: {month}.").format(
                months=count(plan.months, "month"), month=plan.debt_free
            )
        )
    lines.append(
        _("Total interest: {interest}    Total paid: {paid}").format(
            interest=fmt(plan.total_interest), paid=fmt(plan.total_paid)
        )
    )
    if plan.total_fees.minor:
        lines.append(_("Late fees: {fees}").format(fees=fmt(plan.total_fees)))
    lines.append(baseline_line(plan, baseline, fmt))
    never = _("never")
    rows = [
        [
            _("{name} (family)").format(name=d.name) if d.family else d.name,
            fmt(d.start_balance),
            d.payoff_date or never,
            fmt(d.interest),
            d.caught_up_date or "",
            _("at risk") if d.at_risk else "",
        ]
        for d in plan.debts
    ]
    headers = [_("debt"), _("owed now"), _("paid off"), _("interest"), _("current from"), ""]
    if not any(d.caught_up_date for d in plan.debts):
        rows = [row[:4] + row[5:] for row in rows]
        headers = headers[:4] + headers[5:]
    lines += ["", table(rows, headers, {1, 3})]
    return "\n".join(lines)


def baseline_line(plan: PayoffPlan, baseline: MinimumOnlyPlan, fmt: Callable[[Money], str]) -> str:
    """What paying only the minimums would do, against the plan."""
    if baseline.months is None:
        if baseline.total_fees.minor:
            return _(
                "Paying only the minimums: not paid off within 50 years, {fees} in late fees "
                "by then."
            ).format(fees=fmt(baseline.total_fees))
        return _("Paying only the minimums: not paid off within 50 years.")
    saved = baseline.total_interest - plan.total_interest
    months = baseline.months - (plan.months or 0)
    return _(
        "Paying only the minimums: {months}, {interest} interest; the plan saves {saved_months} "
        "and {saved}."
    ).format(
        months=count(baseline.months, "month"),
        interest=fmt(baseline.total_interest),
        saved_months=count(months, "month"),
        saved=fmt(saved),
    )
