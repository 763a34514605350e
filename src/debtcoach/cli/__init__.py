"""`debtcoach`: the full-screen app by default, scripting subcommands otherwise.

One module per command group registers its own parser next to its handlers. This package must not
import Textual (scripts and cron mails stay fast): the TUI is imported only when it is launched.
Exit codes: 0 done, 2 bad input (nothing written), 1 any other failure.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

import pendulum

from debtcoach import __version__
from debtcoach.bundled import sample_data_file, use_language
from debtcoach.cli import completion
from debtcoach.cli.common import Context, Handler, InputError, Parser, date_arg, say
from debtcoach.domain.calendar import DateError
from debtcoach.domain.models import InvalidName
from debtcoach.domain.money import MoneyError
from debtcoach.domain.payoff import PlanInputError
from debtcoach.domain.record_rules import RecordProblem
from debtcoach.domain.restructure import RestructureError
from debtcoach.domain.wording import _, active_language, choose_language
from debtcoach.services import Ledger
from debtcoach.services.config import ConfigError, UserConfig, config_path, data_path, load_config
from debtcoach.services.crash_log import crash_log_folder, crash_message
from debtcoach.services.exchange import (
    StorageCorrupt,
    StorageTooNew,
    StoreError,
    StoreInputError,
)
from debtcoach.services.locale_cache import restore_locale_data

__all__ = ["Ledger", "build_parser", "main", "run"]

COMMAND_GROUPS = (
    "loans",
    "income",
    "expenses",
    "family",
    "contacts",
    "plan",
    "whatif",
    "lenders",
    "settings",
    "coach",
    "checkin",
    "data",
    "due",
    "calendar",
    "locate",
    "serve",
    "completion",
)
"""The modules of `debtcoach.cli` that register a command group, in `--help` order: loaded
only to parse a command (opening the app needs the options before the first command alone)."""


def build_parser() -> argparse.ArgumentParser:
    parser = _app_options()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMAND_GROUPS:
        importlib.import_module(f"debtcoach.cli.{name}").register(commands)
    return parser


def _app_options() -> Parser:
    """The options before any command (what `debtcoach` alone takes to open the app)."""
    parser = Parser(
        prog="debtcoach",
        description=_("A calm terminal coach for overdue loans. No subcommand: open the app."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"debtcoach {__version__}",
        help=_("show program's version number and exit"),
    )
    parser.add_argument(
        "--db", metavar="PATH", help=_("data file (default: $DEBTCOACH_DB or the user data folder)")
    )
    parser.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=date_arg("today"),
        help=_("pretend today is this date"),
    )
    parser.add_argument("--theme", metavar="NAME", help=_("colour theme for the app"))
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help=_("language for this run: en or zh_CN (default: the language setting, else LANG)"),
    )
    parser.add_argument(
        "--demo", action="store_true", help=_("open a temporary copy of the sample household")
    )
    return parser


def _today(args: argparse.Namespace) -> date:
    if args.today is not None:
        return args.today  # type: ignore[no-any-return]
    return pendulum.today().date()


def _launch_tui(
    path: Path,
    today: date,
    config: UserConfig,
    theme: str | None,
    demo: bool,
    language: str | None = None,
) -> int:
    # Start-up allocates a lot (Textual, the data file) and frees almost nothing: no collector
    # passes until it is done (`ui.app.run` turns the collector back on before the first frame).
    gc.disable()
    try:
        return _start_tui(path, today, config, theme, demo, language)
    finally:
        gc.enable()


def _start_tui(
    path: Path, today: date, config: UserConfig, theme: str | None, demo: bool, language: str | None
) -> int:
    """The app; an unexpected error, also one before its first frame, is never a traceback:
    one line naming the crash log that holds it, exit 1. A store error is said as usual."""
    try:
        return _run_tui(path, today, config, theme, demo, language)
    except StoreError:
        raise
    except Exception as exc:
        folder = crash_log_folder(path, demo=demo)
        print(crash_message(folder, exc, datetime.now()), file=sys.stderr)
        return 1


def _run_tui(
    path: Path, today: date, config: UserConfig, theme: str | None, demo: bool, language: str | None
) -> int:
    # Imported by name so that scripts never load Textual (an import contract checks the rest).
    app_module = importlib.import_module("debtcoach.ui.app")
    run: Callable[..., int] = app_module.run
    # `--lang` only when given: the app otherwise takes the file's language, else LANG.
    chosen = {} if language is None else {"language": language}
    try:
        return run(path=path, today=today, theme=theme, demo=demo, config=config, **chosen)
    except (StorageCorrupt, StorageTooNew) as exc:
        # The file is left untouched; the error screen offers to restore the newest good backup.
        screen = importlib.import_module("debtcoach.ui.screens.storage_error")
        if not screen.recover_interactively(path, exc):
            raise
    return run(path=path, today=today, theme=theme, demo=demo, config=config, **chosen)


def _config(args: argparse.Namespace) -> UserConfig:
    """The user's config file; a broken one stops every command (one line, exit 2) except
    `locate`, which still says where everything is (and what is wrong, on stderr)."""
    try:
        return load_config(os.environ)
    except ConfigError as exc:
        if not getattr(args, "tolerates_broken_config", False):
            raise
        say(f"debtcoach: {exc}", file=sys.stderr)
        return UserConfig(config_path(os.environ))


def _flag_language(argv: Sequence[str]) -> str | None:
    """`--lang X` / `--lang=X` as typed, read before the parser is built (its help is
    translated too)."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def _argparse_in_file_language(argv: Sequence[str]) -> bool:
    """Switch to the data file's language (`settings language`) for argparse's help and usage
    errors, which come before the command reads the file; whether the language changed.

    Only on those paths: a command that parses reads the file once, as usual. An unreadable
    config or file leaves the language as it is (the command then says what is wrong).
    """
    probe = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    probe.add_argument("--db")
    try:
        known, _rest = probe.parse_known_args(argv)
        path = data_path(known.db, load_config(os.environ), os.environ)
        if not path.is_file():
            return False
        setting = Ledger(path, pendulum.today().date()).settings().language
    except (ConfigError, StoreError, OSError, SystemExit):
        return False
    language = choose_language(None, setting, os.environ)
    if language == active_language():
        return False
    use_language(language)
    return True


def _opening_the_app(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options when `argv` names no command (the app opens): parsed without loading the
    command groups. None for a command, help, or shell completion (the whole parser)."""
    if completion.asked() or "-h" in argv or "--help" in argv:
        return None
    args, rest = _app_options().parse_known_args(argv)
    return None if rest else args


def main(argv: Sequence[str] | None = None) -> int:
    # Before the first word is parsed or formatted: Babel's data as the last session kept it.
    restore_locale_data()
    try:
        argv = list(sys.argv[1:] if argv is None else argv)
        flag = _flag_language(argv)
        use_language(choose_language(flag, "", os.environ))
        if flag is None and ("-h" in argv or "--help" in argv):
            _argparse_in_file_language(argv)
        try:
            args = _opening_the_app(argv)
            if args is None:
                parser = build_parser()
                completion.complete_if_asked(parser)
                args = parser.parse_args(argv)
        except InputError:
            if flag is None and _argparse_in_file_language(argv):
                build_parser().parse_args(argv)  # the same refusal, in the file's language
            raise
        config = _config(args)
        path = data_path(args.db, config, os.environ)
        today = _today(args)
        json_output = bool(getattr(args, "json", False))
        if json_output:
            use_language("en")  # the scripting contract: JSON never changes with the language
        # Without --lang (and --json) the file's own language setting applies from its first read.
        follow = flag is None and not json_output
        handler: Handler | None = getattr(args, "handler", None)
        if args.demo:
            # Never the user's own file: a command after --demo runs on the throwaway copy too.
            with tempfile.TemporaryDirectory(prefix="debtcoach-demo-") as folder:
                demo_path = Path(folder) / "debtcoach.json"
                shutil.copyfile(sample_data_file(), demo_path)
                os.chmod(demo_path, 0o600)
                if handler is not None:
                    context = Context(demo_path, today, config, language_follows_file=follow)
                    return _run_command(handler, context, args)
                return _launch_tui(demo_path, today, config, args.theme, demo=True, language=flag)
        if handler is None:
            return _launch_tui(path, today, config, args.theme, demo=False, language=flag)
        context = Context(path, today, config, language_follows_file=follow)
        return _run_command(handler, context, args)
    except BrokenPipeError:
        return _stdout_closed()
    except InputError as exc:
        say(f"debtcoach: {exc}", file=sys.stderr)
        return 2
    except RecordProblem as exc:
        say(f"debtcoach: {exc.option}: {exc.message}", file=sys.stderr)
        return 2
    except (
        StoreInputError,
        MoneyError,
        DateError,
        InvalidName,
        PlanInputError,
        RestructureError,
        ConfigError,
    ) as exc:
        say(f"debtcoach: {exc}", file=sys.stderr)
        return 2
    except StoreError as exc:
        say(f"debtcoach: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        say(f"debtcoach: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the contract: never a traceback, one line, exit 1
        say(
            _("debtcoach: unexpected error: {kind}: {problem}").format(
                kind=type(exc).__name__, problem=exc
            ),
            file=sys.stderr,
        )
        return 1


class StdoutClosed(OSError):
    """Standard output was closed before the command started (`debtcoach … >&-`)."""

    def __init__(self) -> None:
        super().__init__(_("standard output is closed"))


def _run_command(handler: Handler, ctx: Context, args: argparse.Namespace) -> int:
    """Run one command and flush what it printed.

    Once the command has committed a write, a failing standard output (a full disk, a closed
    stdout, a reader gone) no longer decides the exit code: the data is saved, and a script
    that retried on a failure would record the same repayment twice. It exits 0 and says on
    stderr that only the confirmation was lost.
    """
    if ctx.language_follows_file:
        ctx.speak_file_language()
    try:
        code = handler(ctx, args)
        if sys.stdout is None:
            raise StdoutClosed()
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at interpreter exit
    except OSError as exc:
        if not ctx.has_written:
            raise
        _discard_stdout()
        print(
            _(
                "debtcoach: the data was saved, but the confirmation could not be printed "
                "({problem})"
            ).format(problem=exc.strerror or exc),
            file=sys.stderr,
        )
        return 0
    return code


def _discard_stdout() -> None:
    """Send whatever is still buffered for stdout to /dev/null, so the flush at interpreter
    exit cannot fail again (and print a traceback)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _stdout_closed() -> int:
    """The reader went away (`debtcoach loan list | head -1`): stop quietly, as `cat` would.

    Whatever is still buffered goes to /dev/null so the exit flush cannot fail again; the exit
    code is the shell's for a pipe writer stopped by SIGPIPE (128 + 13).
    """
    _discard_stdout()
    return 141


def run() -> NoReturn:
    sys.exit(main())
