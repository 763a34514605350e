"""`debtcoach restructure` and `debtcoach proposal`: stretching a loan, and the letter asking."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from typing import Any

from debtcoach.cli.common import (
    Context,
    InputError,
    add_json_flag,
    choice_arg,
    int_arg,
    name_arg,
    output_path,
    print_json,
    rate_arg,
    say,
)
from debtcoach.domain.letter_format import LetterFormat
from debtcoach.domain.models import (
    ProposalState,
    RestructureMode,
)
from debtcoach.domain.money import (
    Money,
    format_money,
)
from debtcoach.domain.restructure import RestructureQuote
from debtcoach.domain.text_rules import cells, pad
from debtcoach.domain.wording import LANGUAGES, _, percent_words


def register(commands: Any) -> None:
    p = commands.add_parser("restructure", help=_("quote stretching one loan into installments"))
    _quote_options(p)
    add_json_flag(p)
    marks = p.add_mutually_exclusive_group()
    for flag, state in (
        ("--propose", ProposalState.PROPOSED),
        ("--agree", ProposalState.AGREED),
        ("--refuse", ProposalState.REFUSED),
    ):
        marks.add_argument(
            flag,
            dest="state",
            action="store_const",
            const=state,
            help=_("save this plan on the loan as {state}").format(state=state.value),
        )
    p.set_defaults(handler=restructure)

    p = commands.add_parser("proposal", help=_("write a repayment proposal letter to a lender"))
    _quote_options(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=_(
            "write the letter here (default stdout); an existing file is never overwritten: "
            "the letter goes to FILE-2, FILE-3, … and the path used is printed"
        ),
    )
    p.add_argument(
        "--format",
        dest="fmt",
        type=choice_arg(LetterFormat, "format"),
        default=LetterFormat.MD,
        help=_(
            "md (Markdown, default), txt (plain text at 80 columns, to paste into a chat or "
            "an e-mail) or html (a page to print and sign)"
        ),
    )
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_(
            "the letter's language: en or zh_CN (a formal 协商还款申请); default zh_CN when "
            "the locale setting is Chinese, else en"
        ),
    )
    p.add_argument(
        "--ask-stop-penalty",
        action="store_true",
        help=_(
            "also ask the lender to stop or reduce penalty interest while the plan is kept (a "
            "loan that is behind)"
        ),
    )
    p.add_argument(
        "--ask-reduce-fees",
        action="store_true",
        help=_(
            "also ask the lender to stop or reduce late fees and other charges (a loan that is "
            "behind)"
        ),
    )
    p.add_argument(
        "--reason",
        metavar="TEXT",
        default="",
        help=_("what caused the hardship, in your words (e.g. 'I lost my job in August')"),
    )
    p.add_argument(
        "--name-other-lenders",
        action="store_true",
        help=_("name each other lender and its payment (default: only their total)"),
    )
    p.set_defaults(handler=proposal)


def _quote_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", type=name_arg("name"), help=_("the loan"))
    p.add_argument(
        "--installments",
        required=True,
        type=int_arg("installments", 1),
        metavar="K",
        help=_("how many monthly installments (credit cards: at most 60)"),
    )
    p.add_argument(
        "--mode",
        type=choice_arg(RestructureMode, "mode"),
        default=RestructureMode.ANNUITY,
        help=_("annuity (at the loan's APR, default) or flat_fee (a monthly fee)"),
    )
    p.add_argument(
        "--fee-rate",
        type=rate_arg("fee-rate"),
        metavar="PCT",
        help=_("monthly fee rate (flat_fee)"),
    )


def quote_to_json(quote: RestructureQuote) -> dict[str, Any]:
    return {
        "loan": quote.loan,
        "mode": quote.mode.value,
        "installments": quote.installments,
        "installment": str(quote.installment),
        "last_installment": str(quote.last_installment),
        "total_paid": str(quote.total_paid),
        "cost": str(quote.cost),
        "current_payment": str(quote.current_payment),
        "monthly_relief": str(quote.monthly_relief),
        "equivalent_apr": str(quote.equivalent_apr),
    }


def restructure(ctx: Context, args: argparse.Namespace) -> int:
    fee_rate = args.fee_rate if args.fee_rate is not None else Decimal(0)
    if args.fee_rate is not None and args.mode != RestructureMode.FLAT_FEE:
        raise InputError(_("--fee-rate: only applies with --mode flat_fee"))
    household = ctx.household()
    quote = ctx.ledger.restructure_quote(
        args.name, args.installments, args.mode, fee_rate, household
    )
    _mark_proposal(ctx, args, quote)
    if args.json:
        print_json(quote_to_json(quote))
        return 0

    locale = household.settings.locale

    def fmt(amount: Money) -> str:
        return format_money(amount, locale)

    relief = quote.monthly_relief
    print(
        _("{loan}: {balance} over {n} installments ({mode})").format(
            loan=quote.loan, balance=fmt(quote.balance), n=quote.installments, mode=quote.mode.value
        )
    )
    space = fmt(Money(abs(relief.minor), relief.currency))
    if quote.months_added is None:
        time = _("at today's payment this loan never clears")
    elif quote.months_added >= 0:
        time = _("{n} months longer than at today's payment").format(n=quote.months_added)
    else:
        time = _("{n} months sooner than at today's payment").format(n=-quote.months_added)
    loan = household.loan(quote.loan)
    price = percent_words(quote.equivalent_apr, locale)
    rows = [
        (_("Today's payment:"), _("{amount} a month").format(amount=fmt(quote.current_payment))),
        (
            _("New installment:"),
            _("{amount} a month (last {last})").format(
                amount=fmt(quote.installment), last=fmt(quote.last_installment)
            ),
        ),
        (
            _("Space:"),
            (
                _("{amount} less each month")
                if relief.minor >= 0
                else _("{amount} more each month")
            ).format(amount=space),
        ),
        (_("Time:"), time),
        (
            _("Total paid:"),
            _("{amount} (cost {cost})").format(amount=fmt(quote.total_paid), cost=fmt(quote.cost)),
        ),
        (
            _("True price:"),
            _("{rate} a year (today's rate {now})").format(
                rate=price, now=percent_words(loan.rate_in_force, locale)
            )
            if loan
            else _("{rate} a year").format(rate=price),
        ),
    ]
    width = max(cells(label) for label, _value in rows) + 3
    for label, value in rows:
        print(f"  {pad(label, width)}{value}")
    return 0


def _mark_proposal(ctx: Context, args: argparse.Namespace, quote: RestructureQuote) -> None:
    """`restructure … --propose/--agree/--refuse`: save the quote on the loan in that state."""
    state: ProposalState | None = getattr(args, "state", None)
    if state is None:
        return
    ctx.ledger.set_proposal_state(quote, state)
    marked = (
        _("Marked the {n}-installment plan for {loan} as {state} (the plan now follows its "
          "installments).")
        if state == ProposalState.AGREED
        else _("Marked the {n}-installment plan for {loan} as {state}.")
    )  # fmt: skip
    say(marked.format(n=quote.installments, loan=quote.loan, state=state.value), file=sys.stderr)


def proposal(ctx: Context, args: argparse.Namespace) -> int:
    """A repayment proposal to the loan's lender, from the saved data only."""
    # The letter's words and layout load only for a letter: not on every command's start.
    from debtcoach.domain.proposal import LetterOptions, default_language, hardship_reason

    fee_rate = args.fee_rate if args.fee_rate is not None else Decimal(0)
    if args.fee_rate is not None and args.mode != RestructureMode.FLAT_FEE:
        raise InputError(_("--fee-rate: only applies with --mode flat_fee"))
    output = output_path(args.output, "proposal", ctx.path) if args.output else None
    household = ctx.household()
    if household.loan(args.name) is None:
        raise InputError(_("proposal: there is no loan named {name!r}").format(name=args.name))
    try:
        reason = hardship_reason(args.reason)
    except ValueError as exc:
        raise InputError(f"--reason: {exc}") from None
    quote = ctx.ledger.restructure_quote(
        args.name, args.installments, args.mode, fee_rate, household
    )
    options = LetterOptions(
        stop_penalty_interest=args.ask_stop_penalty,
        reduce_fees=args.ask_reduce_fees,
        reason=reason,
        name_other_lenders=args.name_other_lenders,
        language=args.lang or default_language(household.settings.locale),
        fmt=args.fmt,
    )
    if output is not None:
        written = ctx.ledger.write_proposal_letter(quote, output, household, options)
        say(_("Wrote the proposal to {path}.").format(path=written.resolve()), file=sys.stderr)
    else:
        sys.stdout.write(ctx.ledger.proposal_letter(quote, household, options))
    return 0
