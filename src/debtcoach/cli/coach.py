"""`debtcoach coach`: what the guidance says about the household now."""

from __future__ import annotations

import argparse
import textwrap
from typing import Any

from debtcoach.cli.common import (
    Context,
    add_json_flag,
    print_json,
    say,
)
from debtcoach.domain.screens import SCREENS_BY_KEY
from debtcoach.domain.text_rules import wrap
from debtcoach.domain.wording import _


def register(commands: Any) -> None:
    p = commands.add_parser("coach", help=_("what the guidance says about your situation now"))
    add_json_flag(p)
    p.set_defaults(handler=coach)


def coach(ctx: Context, args: argparse.Namespace) -> int:
    state = ctx.ledger.state()
    advice = state.advice
    if args.json:
        print_json([item.as_dict() for item in advice])
        return 0
    if not advice:
        say(state.on_track)
        return 0
    for number, item in enumerate(advice, start=1):
        screen = SCREENS_BY_KEY[item.key].long_title if item.key in SCREENS_BY_KEY else item.key
        say(f"{number}. {item.title}")
        say(*wrap(item.why, 78, "   "))
        paragraphs = item.quote.split("\n")
        for index, paragraph in enumerate(paragraphs):
            opening = "\u201c" if index == 0 else " "
            closing = "\u201d" if index == len(paragraphs) - 1 else ""
            print(textwrap.fill(f"{opening}{paragraph}{closing}", width=78,
                                initial_indent="   ", subsequent_indent="    "))  # fmt: skip
        print(
            "   "
            + _("Act on it: press {key} ({screen}) in the app.").format(key=item.key, screen=screen)
        )
        print()
    say(state.on_track)
    return 0
