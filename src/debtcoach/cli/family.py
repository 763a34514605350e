"""`debtcoach family add|repay|list|remove`: money from relatives and friends."""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

from debtcoach.cli.common import (
    Context,
    date_arg,
    group,
    list_remove,
    name_arg,
    print_rows,
    rate_arg,
    say,
)
from debtcoach.domain.models import (
    FamilyLoan,
)
from debtcoach.domain.money import (
    format_money,
)
from debtcoach.domain.wording import _
from debtcoach.services.exchange import (
    family_to_json,
)


def register(commands: Any) -> None:
    family = group(commands, "family", _("money borrowed from family and friends"))
    p = family.add_parser("add", help=_("add a family loan"))
    p.add_argument(
        "--lender", required=True, type=name_arg("lender"), help=_("who lent it (unique)")
    )
    p.add_argument("--amount", required=True, metavar="AMT", help=_("how much was borrowed"))
    p.add_argument(
        "--borrowed-on",
        required=True,
        type=date_arg("borrowed-on"),
        metavar="DATE",
        help=_("the day it was borrowed"),
    )
    p.add_argument("--relationship", help=_("mother, brother, friend, …"))
    p.add_argument(
        "--promised", type=date_arg("promised"), metavar="DATE", help=_("promised repayment date")
    )
    p.add_argument(
        "--apr", type=rate_arg("apr"), metavar="PCT", help=_("interest, if any (default 0)")
    )
    p.add_argument("--notes", help=_("anything to remember about it"))
    p.set_defaults(handler=family_add)
    p = family.add_parser("repay", help=_("record a repayment to a relative"))
    p.add_argument("--lender", required=True, type=name_arg("lender"), help=_("who was repaid"))
    p.add_argument("--amount", required=True, metavar="AMT", help=_("how much was repaid"))
    p.add_argument("--date", type=date_arg("date"), metavar="DATE", help=_("default: today"))
    p.set_defaults(handler=family_repay)
    list_remove(family, _("family loans"), family_list, family_remove, key="lender")


def family_add(ctx: Context, args: argparse.Namespace) -> int:
    loan = FamilyLoan(
        lender=args.lender,
        amount=ctx.money(args.amount, "amount", allow_zero=False),
        borrowed_on=args.borrowed_on,
        relationship=args.relationship or "",
        promised=args.promised,
        apr=args.apr if args.apr is not None else Decimal(0),
        notes=args.notes or "",
    )
    ctx.ledger.add_family_loan(loan)
    say(_("Added family loan from {lender}.").format(lender=loan.lender))
    return 0


def family_repay(ctx: Context, args: argparse.Namespace) -> int:
    amount = ctx.money(args.amount, "amount", allow_zero=False)
    updated = ctx.ledger.repay_family(args.lender, amount, args.date)
    say(
        _("Recorded {amount} repaid to {lender}; {balance} still owed.").format(
            amount=amount, lender=args.lender, balance=updated.balance
        )
    )
    return 0


def family_list(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household()
    locale = household.settings.locale
    rows = [
        [
            x.lender,
            x.relationship,
            format_money(x.amount, locale),
            format_money(x.balance, locale),
            x.promised.isoformat() if x.promised else "-",
        ]
        for x in household.family_loans
    ]
    return print_rows(
        args,
        [family_to_json(x) for x in household.family_loans],
        rows,
        [_("lender"), _("relationship"), _("borrowed"), _("owed"), _("promised")],
        {2, 3},
        _("No family loans. Add one with: debtcoach family add --lender … --amount …"),
    )


def family_remove(ctx: Context, args: argparse.Namespace) -> int:
    ctx.ledger.remove_family_loan(args.lender)
    say(_("Removed family loan from {lender}.").format(lender=args.lender))
    return 0
