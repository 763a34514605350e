"""`debtcoach export|import|backup|restore`: data in and out, and putting a backup back."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from debtcoach.cli.common import (
    Context,
    InputError,
    add_json_flag,
    group,
    output_path,
    print_json,
    say,
    table,
)
from debtcoach.domain.wording import _, count
from debtcoach.services.exchange import ExchangeError, household_from_json


def register(commands: Any) -> None:
    p = commands.add_parser("export", help=_("write all data as JSON or CSV"))
    p.add_argument(
        "--format",
        choices=["json", "csv"],
        default="json",
        help=_("json (default, importable) or csv"),
    )
    p.add_argument("-o", "--output", metavar="FILE", help=_("write here (default stdout)"))
    p.set_defaults(handler=export)

    p = commands.add_parser(
        "import", help=_("replace all data with an export file (all or nothing)")
    )
    p.add_argument("file", help=_("a file written by `debtcoach export`"))
    p.set_defaults(handler=import_file)
    backup = group(commands, "backup", _("the rotating backups of the data file"))
    p = backup.add_parser("list", help=_("list backups, newest first, and whether each one loads"))
    add_json_flag(p)
    p.set_defaults(handler=backup_list)
    p = commands.add_parser(
        "restore", help=_("put a backup back (the current file is backed up first)")
    )
    p.add_argument("backup", metavar="BACKUP", help=_("a name from `backup list`, or a path"))
    p.set_defaults(handler=restore_backup)


def export(ctx: Context, args: argparse.Namespace) -> int:
    output = output_path(args.output, "export", ctx.path) if args.output else None
    text = ctx.ledger.export_text(args.format)
    if output is not None:
        # All of someone's finances: private (0600) and never half-written.
        ctx.ledger.write_private_file(output, text, action="export to")
        say(_("Exported to {output}.").format(output=args.output), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def import_file(ctx: Context, args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(_("import: {path} does not exist").format(path=path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(
            _("import: {path} is not valid JSON ({problem})").format(path=path, problem=exc)
        ) from None
    except ValueError:  # an integer longer than int() reads (4300 digits)
        raise InputError(
            _("import: {path} holds a number too long to be an export").format(path=path)
        ) from None
    except RecursionError:
        raise InputError(
            _("import: {path} is nested too deeply to be an export").format(path=path)
        ) from None
    except IsADirectoryError:
        raise InputError(
            _("import: {path} is a folder, not an export file").format(path=path)
        ) from None
    try:
        household = household_from_json(data)
    except ExchangeError as exc:
        raise InputError(_("import: {path}: {problem}").format(path=path, problem=exc)) from None
    ctx.ledger.import_household(household)
    counts = [
        count(len(household.loans), "loan"),
        count(len(household.income), "income"),
        count(len(household.expenses), "expense"),
        count(len(household.family_loans), "family loan"),
        count(len(household.contacts), "contact"),
        count(len(household.checkins), "check-in"),
    ]
    print(_("Imported {counts}.").format(counts=", ".join(counts)))
    return 0


def backup_list(ctx: Context, args: argparse.Namespace) -> int:
    backups = ctx.ledger.backups()
    if args.json:
        print_json(
            [
                {
                    "name": item.name,
                    "path": str(item.path),
                    "time": item.taken_at.isoformat(timespec="seconds"),
                    "size": item.size,
                    "loads": item.loads,
                    "problem": item.problem,
                    "dated_in_future": item.dated_in_future,
                }
                for item in backups
            ]
        )
        return 0
    if not backups:
        say(_("No backups yet for {path} (one is kept before every save).").format(path=ctx.path))
        return 0
    rows = [
        [
            item.name,
            _taken(item.taken_at, item.dated_in_future),
            f"{item.size:,}",
            _("yes") if item.loads else _("NO"),
        ]
        for item in backups
    ]
    print(table(rows, [_("BACKUP"), _("TAKEN (LOCAL TIME)"), _("BYTES"), _("LOADS")], right={2}))
    return 0


def _taken(taken_at: datetime, dated_in_future: bool) -> str:
    """The local time a backup was taken; one dated after now says so (the clock was wrong)."""
    text = taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    return _("{time} (dated in the future)").format(time=text) if dated_in_future else text


def restore_backup(ctx: Context, args: argparse.Namespace) -> int:
    result = ctx.ledger.restore(args.backup)
    say(
        _("Restored {path} from {restored_from}.").format(
            path=ctx.path, restored_from=result.restored_from
        )
    )
    if result.previous_saved_as is not None:
        say(
            _("The file it replaced was kept as {previous_saved_as}.").format(
                previous_saved_as=result.previous_saved_as
            )
        )
    return 0
