"""`debtcoach income add|list|remove`: regular pay and side income ("open source")."""

from __future__ import annotations

import argparse
from typing import Any

from debtcoach.cli.common import (
    Context,
    choice_arg,
    date_arg,
    group,
    list_remove,
    name_arg,
    print_rows,
    say,
)
from debtcoach.domain.budget import monthly_amount
from debtcoach.domain.models import (
    Frequency,
    IncomeKind,
    IncomeSource,
)
from debtcoach.domain.money import (
    format_money,
)
from debtcoach.domain.wording import _
from debtcoach.services.exchange import (
    income_to_json,
)


def register(commands: Any) -> None:
    income = group(commands, "income", _("income: regular and side (open source)"))
    p = income.add_parser("add", help=_("add an income source"))
    p.add_argument("--name", required=True, type=name_arg("name"), help=_("a short unique name"))
    p.add_argument(
        "--kind",
        required=True,
        type=choice_arg(IncomeKind, "kind"),
        help=_("regular (pay) or side (extra work: open source)"),
    )
    p.add_argument("--amount", required=True, metavar="AMT", help=_("the amount each time"))
    p.add_argument(
        "--frequency",
        required=True,
        type=choice_arg(Frequency, "frequency"),
        help=_("one of {names}").format(names=", ".join(f.value for f in Frequency)),
    )
    p.add_argument(
        "--start",
        type=date_arg("start"),
        metavar="DATE",
        help=_("first day it comes (optional); a one-off's date (required for one)"),
    )
    p.add_argument(
        "--end", type=date_arg("end"), metavar="DATE", help=_("last day it comes (optional)")
    )
    p.add_argument(
        "--for",
        dest="for_loan",
        type=name_arg("for"),
        metavar="LOAN",
        help=_("earmark a one-off for this open loan: the plan pays it there first"),
    )
    p.add_argument("--notes", help=_("anything to remember about it"))
    p.set_defaults(handler=income_add)
    list_remove(income, _("income sources"), income_list, income_remove)


def income_add(ctx: Context, args: argparse.Namespace) -> int:
    source = IncomeSource(
        name=args.name,
        kind=args.kind,
        amount=ctx.money(args.amount, "amount", allow_zero=False),
        frequency=args.frequency,
        start=args.start,
        end=args.end,
        notes=args.notes or "",
        for_loan=args.for_loan,
    )
    ctx.ledger.add_income(source)
    say(_("Added income {name}.").format(name=source.name))
    return 0


def income_list(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household()
    locale = household.settings.locale
    rows = [
        [
            x.name,
            x.kind.value,
            x.frequency.value,
            format_money(x.amount, locale),
            format_money(monthly_amount(x.amount, x.frequency), locale),
        ]
        for x in household.income
    ]
    return print_rows(
        args,
        [income_to_json(x) for x in household.income],
        rows,
        [_("name"), _("kind"), _("frequency"), _("amount"), _("per month")],
        {3, 4},
        _("No income yet. Add one with: debtcoach income add --name … --kind regular …"),
    )


def income_remove(ctx: Context, args: argparse.Namespace) -> int:
    ctx.ledger.remove_income(args.name)
    say(_("Removed income {name}.").format(name=args.name))
    return 0
