"""The `debtcoach` command's entry point: as small as a module can be.

Loading the program (the CLI, its domain, dates, money) takes a few tenths of a second before
`debtcoach.cli.main` can catch anything; a Ctrl-C in that time must end it as quietly as one a
moment later does (exit 130, no traceback). So the CLI is imported here, inside the guard.
"""

from __future__ import annotations

INTERRUPTED = 130


def main() -> int:
    try:
        from debtcoach.cli import main as cli_main
    except KeyboardInterrupt:
        return INTERRUPTED
    return cli_main()
