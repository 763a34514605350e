"""`debtcoach checkin add|list`: the weekly check-in from a script."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from debtcoach.cli.common import (
    Context,
    InputError,
    add_json_flag,
    arg,
    group,
    in_years,
    print_json,
    say,
    table,
)
from debtcoach.domain.calendar import iso_week, parse_week
from debtcoach.domain.checkin import CheckInSummary, summary_figures, summary_heading
from debtcoach.domain.models import (
    CheckIn,
)
from debtcoach.domain.money import (
    Money,
    format_money,
)
from debtcoach.domain.wording import _
from debtcoach.services.exchange import (
    checkin_to_json,
)


def _amount_pairs(ctx: Context, pairs: Sequence[str] | None, what: str) -> dict[str, Money]:
    """`--paid Visa=150 --paid Mum=20` → {"Visa": 150.00, "Mum": 20.00}."""
    amounts: dict[str, Money] = {}
    for text in pairs or ():
        name, sep, amount = text.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(
                _("--{what}: {text!r} is not NAME=AMOUNT").format(what=what, text=text)
            )
        if name in amounts:
            raise InputError(_("--{what}: {name} is given twice").format(what=what, name=name))
        amounts[name] = ctx.money(amount, f"{what} {name}")
    return amounts


def checkin_add(ctx: Context, args: argparse.Namespace) -> int:
    from debtcoach.domain.checkin import CheckInError, checkin_date
    from debtcoach.services.checkin import save_checkin

    household = ctx.household()
    week = args.week or iso_week(ctx.today)
    previous = next((c for c in household.checkins if c.week == week), None)
    try:
        on = checkin_date(week, ctx.today, previous)
        checkin = CheckIn(
            week=week,
            on=on,
            paid=_amount_pairs(ctx, args.paid, "paid"),
            received=_amount_pairs(ctx, args.received, "received"),
            spent=_amount_pairs(ctx, args.spent, "spent"),
            borrowed=args.borrowed == "yes",
            note=(args.note or "").strip(),
        )
        summary = save_checkin(ctx.ledger, checkin)
    except CheckInError as exc:
        raise InputError(_("checkin add: {problem}").format(problem=exc)) from None
    say(describe_summary(summary, household.settings.locale))
    return 0


def checkin_list(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household()
    if args.json:
        print_json([checkin_to_json(c) for c in household.checkins])
        return 0
    if not household.checkins:
        print(_("No check-ins yet. Do this week's with: debtcoach checkin add --paid NAME=AMT …"))
        return 0
    locale = household.settings.locale

    def total(amounts: dict[str, Money]) -> str:
        amount = Money(sum(a.minor for a in amounts.values()), household.currency)
        return format_money(amount, locale)

    rows = [
        [
            c.week,
            c.on.isoformat(),
            total(c.paid),
            total(c.received),
            total(c.spent),
            _("yes") if c.borrowed else _("no"),
            " \u23ce ".join(c.note.splitlines()),  # one line per week; JSON keeps the note
        ]
        for c in household.checkins
    ]
    headers = [_("week"), _("date"), _("paid"), _("received"), _("spent"), _("borrowed"), _("note")]
    print(table(rows, headers, {2, 3, 4}))
    return 0


def register(commands: Any) -> None:
    checkin = group(commands, "checkin", _("the weekly check-in"))
    p = checkin.add_parser("add", help=_("record a week (replaces that week's earlier check-in)"))
    p.add_argument(
        "--week",
        type=arg(lambda s: in_years(parse_week(s, what="--week"), "--week"), "week", named=True),
        metavar="YYYY-Www",
        help=_("default: this week"),
    )
    for option, text in (
        ("--paid", _("paid to a loan or a family lender")),
        ("--received", _("income received")),
        ("--spent", _("spent in an expense category")),
    ):
        p.add_argument(option, action="append", metavar="NAME=AMT", help=text)
    p.add_argument(
        "--borrowed", choices=["yes", "no"], default="no", help=_("borrowed anything new")
    )
    p.add_argument("--note", help=_("a few words about the week"))
    p.set_defaults(handler=checkin_add)
    p = checkin.add_parser("list", help=_("list the weekly check-ins"))
    add_json_flag(p)
    p.set_defaults(handler=checkin_list)


def describe_summary(summary: CheckInSummary, locale: str) -> str:
    """The saved week as the terminal shows it: heading, figures, the coach's reason indented."""
    lines = [summary_heading(summary), *summary_figures(summary, locale)]
    if summary.advice_title is not None and summary.advice_why:
        lines.append(f"  {summary.advice_why}")
    return "\n".join(lines)
