"""What every command group shares: typed option parsers, the context, and output shapes.

Each parser turns text into a value or one clear `InputError` line naming the option, so a bad
option exits 2 with one line and nothing written.
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, TextIO

from debtcoach.bundled import use_language
from debtcoach.domain.calendar import DateError, parse_date
from debtcoach.domain.models import (
    Household,
    InvalidName,
    Settings,
    settings_for_environment,
    validate_name,
)
from debtcoach.domain.money import (
    Money,
    MoneyError,
    parse_money,
    parse_rate,
)
from debtcoach.domain.text_rules import cells, pad, printable
from debtcoach.domain.wording import N_, N_plural, _, active_language, choose_language, ngettext
from debtcoach.services import Ledger
from debtcoach.services.config import UserConfig, config_path
from debtcoach.services.exchange import StoreError, json_text, protected_path_problem

Handler = Callable[["Context", argparse.Namespace], int]


class InputError(Exception):
    """Bad input from the command line: exit 2 with this one line, nothing written."""


ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    *N_plural("expected %s argument", "expected %s arguments"),
)
"""argparse's own words that a user sees. argparse looks each one up through its module's
`_` and `ngettext` (gettext's, on no catalog of ours); pointing those at the wording module
says them in the run's language."""

setattr(argparse, "_", _)  # noqa: B010 (argparse reads its module global, typeshed lacks it)
setattr(argparse, "ngettext", ngettext)  # noqa: B010


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one clear line (exit 2), never a usage dump."""

    def error(self, message: str) -> NoReturn:
        # main() already starts the line with "debtcoach: "; name only the subcommand here.
        where = self.prog.removeprefix("debtcoach").strip()
        raise InputError(f"{where}: {message}" if where else message)


def arg(parse: Callable[[str], Any], what: str, *, named: bool = False) -> Callable[[str], Any]:
    """Wrap a parser so its error becomes one InputError line naming the option."""

    def convert(text: str) -> Any:
        try:
            return parse(text)
        except (MoneyError, DateError, InvalidName, ValueError) as exc:
            raise InputError(str(exc) if named else f"--{what}: {exc}") from None

    convert.__name__ = what
    return convert


YEARS = (1900, 2999)


def in_years(value: Any, what: str) -> Any:
    year = int(str(value)[:4])
    if not YEARS[0] <= year <= YEARS[1]:
        raise DateError(
            _("{what} {value} is out of range (years {low} to {high})").format(
                what=what, value=value, low=YEARS[0], high=YEARS[1]
            )
        )
    return value


def date_arg(what: str) -> Callable[[str], Any]:
    return arg(lambda s: in_years(parse_date(s, what=f"--{what}"), f"--{what}"), what, named=True)


def rate_arg(what: str) -> Callable[[str], Any]:
    return arg(lambda s: parse_rate(s, what=f"--{what}"), what, named=True)


def name_arg(what: str) -> Callable[[str], Any]:
    return arg(lambda s: validate_name(s, what=f"--{what}"), what, named=True)


def choice_arg(enum: Any, what: str) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        try:
            return enum(text.strip().lower())
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            raise ValueError(
                _("{text!r} is not one of {allowed}").format(text=text, allowed=allowed)
            ) from None

    return arg(parse, what)


def int_arg(what: str, low: int, high: int | None = None) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise ValueError(_("{text!r} is not a whole number").format(text=text)) from None
        if value < low or (high is not None and value > high):
            message = (
                _("{value} is out of range (must be from {low} to {high})")
                if high is not None
                else _("{value} is out of range (must be at least {low})")
            )
            raise ValueError(message.format(value=value, low=low, high=high))
        return value

    return arg(parse, what)


class Context:
    """What every command needs: the data file, "today" and the user's config file."""

    def __init__(
        self,
        path: Path,
        today: date,
        config: UserConfig | None = None,
        *,
        language_follows_file: bool = False,
    ) -> None:
        self.path = path
        self.today = today
        self.config = config if config is not None else UserConfig(config_path())
        self.language_follows_file = language_follows_file
        self._ledger: Ledger | None = None

    @property
    def ledger(self) -> Ledger:
        if self._ledger is None:
            self._ledger = Ledger(
                self.path,
                self.today,
                new_file_settings=settings_for_environment(os.environ),
                on_settings=self._follow_language if self.language_follows_file else None,
            )
        return self._ledger

    @staticmethod
    def _follow_language(settings: Settings) -> None:
        """Speak the file's language (`settings language`), else the shell's, from its first read
        on: the file is read once per command, and the messages come after that read."""
        language = choose_language(None, settings.language, os.environ)
        if language != active_language():
            use_language(language)

    def speak_file_language(self) -> None:
        """Read the file's settings before the command runs, so that everything it says, a
        refusal before it reads the file included (`-o` to a missing folder), follows the file's
        language. A file that cannot be read is left for the command to report."""
        with contextlib.suppress(StoreError, OSError):
            self.ledger.settings()

    @property
    def has_written(self) -> bool:
        """Whether this command has committed a write to the data file."""
        return self._ledger is not None and self._ledger.has_written

    def household(self) -> Household:
        return self.ledger.household()

    def money(self, text: str, what: str, *, allow_zero: bool = True) -> Money:
        currency = self.ledger.currency()
        try:
            return parse_money(text, currency, what=f"--{what}", allow_zero=allow_zero)
        except MoneyError as exc:
            raise InputError(str(exc)) from None


def output_path(text: str, command: str, data_path: Path) -> Path:
    """`-o FILE`: its folder must exist already (a typo must not create folders), and it must
    not be the data file or anything that belongs to it (its lock, a temp file, a backup)."""
    path = Path(text)
    folder = path.parent
    if not folder.is_dir():
        raise InputError(
            _("{command} -o: folder {folder} does not exist; nothing was written").format(
                command=command, folder=folder
            )
        )
    problem = protected_path_problem(path, data_path)
    if problem is not None:
        raise InputError(
            _("{command} -o: will not write to {path}: {problem}; nothing was written").format(
                command=command, path=text, problem=problem
            )
        )
    return path


def print_json(data: object) -> None:
    """JSON for scripts: readable Unicode, but no control character a terminal would act on."""
    print(json_text(data))


def say(*lines: str, file: TextIO | None = None) -> None:
    """Print lines that repeat stored or typed text (a name, a lender, a path), each through
    `printable`: an older file or an odd `--db` may hold a control character, which must never
    reach the terminal raw."""
    for line in lines:
        print(printable(line), file=file)


def table(rows: Sequence[Sequence[str]], headers: Sequence[str], right: set[int]) -> str:
    """Aligned columns; every cell through `printable` (stored text may hold controls)."""
    rows = [[printable(cell) for cell in row] for row in rows]
    widths = [cells(h) for h in headers]
    for row in rows:
        widths = [max(w, cells(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(row: Sequence[str]) -> str:
        parts = [
            pad(c, w, ">" if i in right else "<")
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def print_rows(
    args: argparse.Namespace,
    as_json: list[dict[str, Any]],
    rows: list[list[str]],
    headers: Sequence[str],
    right: set[int],
    empty_hint: str,
) -> int:
    """The shape every `list` command shares: JSON, a calm hint when empty, or a table."""
    if args.json:
        print_json(as_json)
    elif not rows:
        print(empty_hint)
    else:
        print(table(rows, headers, right))
    return 0


def list_remove(
    sub: Any, table: str, list_fn: Handler, remove_fn: Handler, key: str = "name"
) -> None:
    p = sub.add_parser("list", help=_("list {table}").format(table=table))
    add_json_flag(p)
    p.set_defaults(handler=list_fn)
    p = sub.add_parser("remove", help=_("remove one of the {table}").format(table=table))
    p.add_argument(key, type=name_arg(key), help=_("the {key} as `list` shows it").format(key=key))
    p.set_defaults(handler=remove_fn)


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json", action="store_true", help=_("print JSON (money as decimal strings)")
    )


def group(commands: Any, name: str, text: str) -> Any:
    """A command group (`loan`, `income`, …) whose actions are subcommands."""
    return commands.add_parser(name, help=text, description=text).add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=Parser
    )
