"""`debtcoach serve`: the app in a browser, on 127.0.0.1 only (textual-serve)."""

from __future__ import annotations

import argparse
import gc
import importlib
import ipaddress
from collections.abc import Callable
from typing import Any

from debtcoach.cli.common import Context, InputError, int_arg
from debtcoach.domain.wording import _

DEFAULT_PORT = 8000
DEFAULT_HOST = "127.0.0.1"


def register(commands: Any) -> None:
    p = commands.add_parser(
        "serve",
        help=_("open the app in a web browser on this computer (127.0.0.1 only)"),
        description=_(
            "Serve the app with textual-serve on a loopback address and print its "
            "address; from another computer, reach it through an SSH tunnel "
            "(ssh -L 8000:127.0.0.1:8000 HOST). Letters and exports arrive as downloads."
        ),
    )
    p.add_argument(
        "--port",
        type=int_arg("port", 1, 65535),
        default=DEFAULT_PORT,
        metavar="P",
        help=_("the port to listen on (default {port})").format(port=DEFAULT_PORT),
    )
    p.add_argument(
        "--host",
        default=DEFAULT_HOST,
        metavar="H",
        help=_("a loopback address to listen on: {host} (default), ::1 or localhost").format(
            host=DEFAULT_HOST
        ),
    )
    p.set_defaults(handler=serve)


def loopback_host(host: str) -> str:
    """`host` if it is this computer only; anything else is refused (exit 2)."""
    if host.strip().lower() == "localhost":
        return "localhost"
    try:
        address = ipaddress.ip_address(host.strip().strip("[]"))
    except ValueError:
        address = None
    if address is None or not address.is_loopback:
        raise InputError(
            _(
                "serve --host {host}: refused, the app is served on this computer only "
                "(127.0.0.1, ::1 or localhost); from elsewhere use an SSH tunnel"
            ).format(host=host)
        )
    return str(address)


def serve(ctx: Context, args: argparse.Namespace) -> int:
    host = loopback_host(args.host)
    gc.enable()  # the server runs for hours (`entry` keeps the collector off for commands)
    # Imported by name: the CLI never imports Textual unless it is starting the app.
    run: Callable[..., int] = importlib.import_module("debtcoach.ui.serve").serve
    return run(path=ctx.path, today=args.today, theme=args.theme,
               host=host, port=args.port)  # fmt: skip
