"""`debtcoach calendar`: the next months' due dates as an iCalendar (RFC 5545) file."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import Any

from debtcoach.cli.common import Context, int_arg, output_path, say
from debtcoach.domain.reminders import CALENDAR_MONTHS, calendar_plan
from debtcoach.domain.wording import _, ngettext


def register(commands: Any) -> None:
    p = commands.add_parser(
        "calendar",
        help=_("write the due dates as a calendar file (.ics) to import into a calendar app"),
        description=_(
            "Payments with their amounts, restructured installments, follow-ups, "
            "promises to relatives and a weekly check-in; re-importing a newer file updates the "
            "events instead of adding copies."
        ),
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=_("write here, readable by you only (default: standard output)"),
    )
    p.add_argument(
        "--months",
        type=int_arg("months", 1, 24),
        default=CALENDAR_MONTHS,
        metavar="N",
        help=_("how many months ahead (default {months}, at most 24)").format(
            months=CALENDAR_MONTHS
        ),
    )
    p.set_defaults(handler=calendar)


def calendar(ctx: Context, args: argparse.Namespace) -> int:
    # Loaded here: icalendar takes longer to import than most commands take to run.
    from debtcoach.services.ical import calendar_text

    output = output_path(args.output, "calendar", ctx.path) if args.output else None
    household = ctx.household()
    plan = calendar_plan(household, ctx.today, args.months)
    text = calendar_text(plan, household.settings.locale, datetime.now(UTC))
    if output is None:
        sys.stdout.write(text)
        return 0
    # Amounts and lenders' names: private (0600) and never half-written, like an export.
    ctx.ledger.write_private_file(output, text, action="write the calendar to")
    count = len(plan.items) + (plan.checkin_from is not None)
    say(
        ngettext("Wrote {n} event to {path}.", "Wrote {n} events to {path}.", count).format(
            n=count, path=args.output
        ),
        file=sys.stderr,
    )
    return 0
