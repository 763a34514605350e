"""`debtcoach expense add|list|remove`: spending and the cuts to it ("throttling")."""

from __future__ import annotations

import argparse
from typing import Any

from debtcoach.cli.common import (
    Context,
    group,
    list_remove,
    name_arg,
    print_rows,
    say,
)
from debtcoach.domain.models import (
    Expense,
)
from debtcoach.domain.money import (
    format_money,
)
from debtcoach.domain.wording import _
from debtcoach.services.exchange import (
    expense_to_json,
)


def register(commands: Any) -> None:
    expense = group(commands, "expense", _("expenses and cuts (throttling)"))
    p = expense.add_parser("add", help=_("add an expense category"))
    p.add_argument("--name", required=True, type=name_arg("name"), help=_("a short unique name"))
    p.add_argument("--current", required=True, metavar="AMT", help=_("monthly amount now"))
    p.add_argument("--target", metavar="AMT", help=_("monthly amount after the cut"))
    p.add_argument("--essential", action="store_true", help=_("cannot be cut (rent, food, …)"))
    p.add_argument("--cut", action="store_true", help=_("the cut to the target is active"))
    p.set_defaults(handler=expense_add)
    list_remove(expense, _("expenses"), expense_list, expense_remove)


def expense_add(ctx: Context, args: argparse.Namespace) -> int:
    current = ctx.money(args.current, "current")
    target = None if args.target is None else ctx.money(args.target, "target")
    expense = Expense(
        name=args.name,
        current=current,
        target=target,
        essential=args.essential,
        cut_active=args.cut,
    )
    ctx.ledger.add_expense(expense)
    say(_("Added expense {name}.").format(name=expense.name))
    return 0


def expense_list(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household()
    locale = household.settings.locale
    rows = [
        [
            x.name,
            format_money(x.current, locale),
            format_money(x.target_or_current, locale),
            _("yes") if x.essential else _("no"),
            _("on") if x.cut_active else _("off"),
        ]
        for x in household.expenses
    ]
    return print_rows(
        args,
        [expense_to_json(x) for x in household.expenses],
        rows,
        [_("name"), _("current amount"), _("target"), _("essential"), _("cut")],
        {1, 2},
        _("No expenses yet. Add one with: debtcoach expense add --name … --current …"),
    )


def expense_remove(ctx: Context, args: argparse.Namespace) -> int:
    ctx.ledger.remove_expense(args.name)
    say(_("Removed expense {name}.").format(name=args.name))
    return 0
