"""`debtcoach due`: what falls due in the next days, quiet when nothing does.

Made for a shell's login file or a cron job: one line per item, most urgent first, and no output
at all (exit 0) when nothing is due, so a cron mail is only sent when there is something to do.
"""

from __future__ import annotations

import argparse
from typing import Any

from debtcoach.cli.common import Context, add_json_flag, int_arg, print_json, say
from debtcoach.domain.reminders import DUE_DAYS, DueItem, due_within
from debtcoach.domain.wording import _


def register(commands: Any) -> None:
    p = commands.add_parser(
        "due",
        help=_("what falls due in the next days (quiet when nothing does)"),
        description=_(
            "Payments not yet paid this cycle, restructured installments, lenders' "
            "follow-ups, promises to relatives and this week's check-in; no output when nothing "
            "is due."
        ),
    )
    p.add_argument(
        "--days",
        type=int_arg("days", 0, 366),
        default=DUE_DAYS,
        metavar="N",
        help=_("look this many days ahead (default {days}; 0: today and what is late)").format(
            days=DUE_DAYS
        ),
    )
    add_json_flag(p)
    p.set_defaults(handler=due)


def due_to_json(item: DueItem) -> dict[str, object]:
    """One item of `due --json`: dates ISO, money as decimal strings, absent facts null."""
    return {
        "kind": item.kind.value,
        "name": item.name,
        "date": item.on.isoformat(),
        "days": item.days,
        "amount": None if item.amount is None else str(item.amount),
        "arrears": None if item.arrears is None else str(item.arrears),
        "installment": None if item.installment is None else list(item.installment),
        "who": item.who,
        "asked": item.asked,
    }


def due(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household()
    items = due_within(household, ctx.today, args.days)
    if args.json:
        print_json({"currency": household.currency, "days": args.days,
                    "items": [due_to_json(item) for item in items]})  # fmt: skip
        return 0
    say(*(item.line(household.settings.locale) for item in items))
    return 0
