"""`debtcoach plan`: the payoff plan, as text or as the JSON of the scripting contract."""

from __future__ import annotations

import argparse
from typing import Any

from debtcoach.cli.common import (
    Context,
    InputError,
    add_json_flag,
    choice_arg,
    print_json,
    table,
)
from debtcoach.domain.models import (
    Strategy,
)
from debtcoach.domain.money import (
    Money,
    format_money,
)
from debtcoach.domain.payoff import PayoffPlan


def register(commands: Any) -> None:
    p = commands.add_parser("plan", help="the payoff plan", description="the payoff plan")
    p.add_argument(
        "--strategy",
        type=choice_arg(Strategy, "strategy"),
        help="avalanche (highest rate first), snowball (smallest first) or custom",
    )
    p.add_argument("--order", metavar="N1,N2,..", help="custom order of loan names")
    p.add_argument(
        "--budget", metavar="AMT", help="monthly debt budget instead of the computed one"
    )
    add_json_flag(p)
    p.set_defaults(handler=plan)


def plan_to_json(plan: PayoffPlan) -> dict[str, Any]:
    """The JSON shape of the scripting contract (DESIGN.md, "plan --json")."""
    return {
        "feasible": plan.feasible,
        "shortfall": None if plan.shortfall is None else str(plan.shortfall),
        "strategy": plan.strategy.value,
        "budget": str(plan.budget),
        "currency": plan.currency,
        "months": plan.months,
        "debt_free": plan.debt_free,
        "total_interest": str(plan.total_interest) if plan.feasible else None,
        "total_paid": str(plan.total_paid) if plan.feasible else None,
        "loans": [
            {
                "name": d.name,
                "family": d.family,
                "payoff_month": d.payoff_month,
                "payoff_date": d.payoff_date,
                "interest": str(d.interest),
                "paid": str(d.paid),
            }
            for d in plan.debts
        ],
        "schedule": [
            {
                "month": m.month,
                "date": m.date,
                "payments": {k: str(v) for k, v in m.payments.items()},
                "balances": {k: str(v) for k, v in m.balances.items()},
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
            raise InputError(f"--order: {args.order!r} names no loan (write --order NAME1,NAME2,…)")
        if args.strategy not in (None, Strategy.CUSTOM):
            raise InputError("--order: only makes sense with --strategy custom")
    result = ctx.ledger.plan(household, strategy=args.strategy, order=order, budget=budget)
    if args.json:
        print_json(plan_to_json(result))
        return 0
    print(describe_plan(result, household.settings.locale))
    return 0


def describe_plan(plan: PayoffPlan, locale: str) -> str:
    def fmt(amount: Money) -> str:
        return format_money(amount, locale)

    lines = [f"Strategy: {plan.strategy.value}    Monthly debt budget: {fmt(plan.budget)}"]
    if not plan.feasible:
        assert plan.shortfall is not None and plan.month_one_minimums is not None
        lines.append(
            f"Not feasible: the minimum payments need {fmt(plan.month_one_minimums)} a month, "
            f"{fmt(plan.shortfall)} more than the budget."
        )
        lines.append("Talk to your lenders about stretching the plan: debtcoach coach")
        return "\n".join(lines)
    if plan.months is None:
        lines.append("At this budget the debts do not get paid off within 50 years.")
    elif plan.months == 0:
        lines.append("Nothing is owed. You are debt-free.")
        return "\n".join(lines)
    else:
        lines.append(f"Debt-free in {plan.months} months: {plan.debt_free}.")
    lines.append(
        f"Total interest: {fmt(plan.total_interest)}    Total paid: {fmt(plan.total_paid)}"
    )
    rows = [
        [
            d.name + (" (family)" if d.family else ""),
            fmt(d.start_balance),
            d.payoff_date or "never",
            fmt(d.interest),
            "at risk" if d.at_risk else "",
        ]
        for d in plan.debts
    ]
    lines += ["", table(rows, ["debt", "owed now", "paid off", "interest", ""], {1, 3})]
    return "\n".join(lines)
