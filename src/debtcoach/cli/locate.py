"""`debtcoach locate`: where the data file, its backups, the config file and user themes live."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from debtcoach.cli.common import Context, say
from debtcoach.domain.wording import _
from debtcoach.services.config import backups_dir

PLACES = ("data", "backups", "config", "themes")


def register(commands: Any) -> None:
    p = commands.add_parser(
        "locate",
        help=_("print where the data, backups, config file and your themes are"),
        description=_(
            "With a name, print only that path (for scripts: "
            'cd "$(debtcoach locate backups)"); without, print all four, labelled. '
            "A path is printed whether or not it exists yet."
        ),
    )
    p.add_argument(
        "place",
        nargs="?",
        choices=PLACES,
        metavar="data|backups|config|themes",
        help=_("which path to print (default: all of them)"),
    )
    p.set_defaults(handler=locate, tolerates_broken_config=True)


def places(ctx: Context) -> dict[str, Path]:
    return {
        "data": ctx.path,
        "backups": backups_dir(ctx.path),
        "config": ctx.config.path,
        "themes": ctx.config.themes_dir,
    }


def locate(ctx: Context, args: argparse.Namespace) -> int:
    found = places(ctx)
    if args.place is not None:
        say(str(found[args.place]))
        return 0
    say(*(f"{name:<8} {path}" for name, path in found.items()))
    return 0
