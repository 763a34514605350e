"""`debtcoach loan add|list|remove`: loans from banks, cards and platforms."""

from __future__ import annotations

import argparse
from typing import Any

from debtcoach.cli.common import (
    Context,
    choice_arg,
    date_arg,
    group,
    int_arg,
    list_remove,
    name_arg,
    print_rows,
    rate_arg,
    say,
)
from debtcoach.domain.loan_facts import rate_label
from debtcoach.domain.models import (
    Loan,
    LoanKind,
    LoanStatus,
)
from debtcoach.domain.money import format_money
from debtcoach.domain.wording import _
from debtcoach.services.exchange import loan_to_json


def register(commands: Any) -> None:
    loan = group(commands, "loan", _("loans from banks, cards and platforms"))
    p = loan.add_parser("add", help=_("add a loan"))
    p.add_argument("--name", required=True, type=name_arg("name"), help=_("a short unique name"))
    p.add_argument(
        "--kind",
        required=True,
        type=choice_arg(LoanKind, "kind"),
        help=_("one of {names}").format(names=", ".join(k.value for k in LoanKind)),
    )
    p.add_argument("--balance", required=True, metavar="AMT", help=_("still owed, e.g. 1234.56"))
    p.add_argument(
        "--apr",
        required=True,
        type=rate_arg("apr"),
        metavar="PCT",
        help=_("yearly rate, e.g. 19.99"),
    )
    p.add_argument("--min-payment", required=True, metavar="AMT", help=_("the minimum each month"))
    p.add_argument("--lender", help=_("the bank, card issuer or platform"))
    p.add_argument(
        "--penalty-apr",
        type=rate_arg("penalty-apr"),
        metavar="PCT",
        help=_("the rate charged while the loan is overdue (default: the APR)"),
    )
    p.add_argument(
        "--due-day",
        type=int_arg("due-day", 1, 31),
        metavar="D",
        help=_("day of the month it is due"),
    )
    p.add_argument(
        "--overdue-since",
        type=date_arg("overdue-since"),
        metavar="DATE",
        help=_("the first missed due date (makes the loan overdue)"),
    )
    p.add_argument(
        "--opened-on", type=date_arg("opened-on"), metavar="DATE", help=_("when it was taken out")
    )
    p.add_argument("--late-fee", metavar="AMT", help=_("charged each month the loan is behind"))
    p.add_argument(
        "--arrears",
        metavar="AMT",
        help=_("the past-due part of the balance (default: months overdue × (minimum + late fee))"),
    )
    p.add_argument("--purpose", help=_("what the money was for"))
    p.add_argument(
        "--to-repay-other-debt",
        action="store_true",
        help=_("it was taken to repay another debt (the coach will say: stop borrowing)"),
    )
    p.add_argument(
        "--promo-apr",
        type=rate_arg("promo-apr"),
        metavar="PCT",
        help=_("a promotional rate (not above the APR) in force until --promo-until"),
    )
    p.add_argument(
        "--promo-until",
        type=date_arg("promo-until"),
        metavar="DATE",
        help=_("the last day of the promotional rate (its month still has it)"),
    )
    p.add_argument(
        "--status",
        type=choice_arg(LoanStatus, "status"),
        help=_("one of {names} (default: from the dates)").format(
            names=", ".join(s.value for s in LoanStatus)
        ),
    )
    p.set_defaults(handler=loan_add)
    list_remove(loan, _("loans"), loan_list, loan_remove)


def loan_add(ctx: Context, args: argparse.Namespace) -> int:
    balance = ctx.money(args.balance, "balance")
    status = args.status or (LoanStatus.OVERDUE if args.overdue_since else LoanStatus.CURRENT)
    loan = Loan(
        name=args.name,
        kind=args.kind,
        balance=balance,
        apr=args.apr,
        min_payment=ctx.money(args.min_payment, "min-payment"),
        lender=args.lender or "",
        penalty_apr=args.penalty_apr,
        due_day=args.due_day,
        overdue_since=args.overdue_since,
        arrears=None if args.arrears is None else ctx.money(args.arrears, "arrears"),
        late_fee=None if args.late_fee is None else ctx.money(args.late_fee, "late-fee"),
        opened_on=args.opened_on,
        purpose=args.purpose or "",
        to_repay_other_debt=args.to_repay_other_debt,
        status=LoanStatus.PAID_OFF if balance.minor == 0 else status,
        promo_apr=args.promo_apr,
        promo_until=args.promo_until,
    )
    ctx.ledger.add_loan(loan)
    say(_("Added loan {name}.").format(name=loan.name))
    return 0


def loan_list(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household()
    locale = household.settings.locale
    rows = [
        [
            loan.name,
            loan.kind.value,
            loan.status.value,
            rate_label(loan),
            format_money(loan.scheduled_payment, locale),
            format_money(loan.balance, locale),
        ]
        for loan in household.loans
    ]
    return print_rows(
        args,
        [loan_to_json(loan) for loan in household.loans],
        rows,
        [_("name"), _("kind"), _("status"), _("rate"), _("payment"), _("balance")],
        {3, 4, 5},
        _("No loans yet. Add one with: debtcoach loan add --name … --kind … --balance …"),
    )


def loan_remove(ctx: Context, args: argparse.Namespace) -> int:
    ctx.ledger.remove_loan(args.name)
    say(_("Removed loan {name}.").format(name=args.name))
    return 0
