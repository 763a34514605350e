"""The `debtcoach` command's entry point: as small as a module can be.

Loading the program (the CLI, its domain, dates, money) takes a few tenths of a second before
`debtcoach.cli.main` can catch anything; a Ctrl-C in that time must end it as quietly as one a
moment later does (exit 130, no traceback). So the CLI is imported here, inside the guard.

A command lives a fraction of a second and reference counting frees what it drops; the cyclic
collector's passes over what it builds (tens of thousands of objects on ten years of check-ins)
cost more than the few cycles they would free: about 20 ms of a 220 ms `checkin add`. So it is
off from the first import; what runs for long (the app, `serve`) turns it back on.
"""

from __future__ import annotations

import gc

INTERRUPTED = 130


def main() -> int:
    gc.disable()
    try:
        from debtcoach.cli import main as cli_main
    except KeyboardInterrupt:
        return INTERRUPTED
    return cli_main()
