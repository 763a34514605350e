"""Browser mode: the same app served by textual-serve, on this computer's loopback only.

Every browser tab starts its own `debtcoach` process on the same data file (the file's lock and
reload keep them consistent, as with two terminals). Never another interface: the data is a
household's whole finances, and the served app has no login; from another machine it is reached
through an SSH tunnel.
"""

from __future__ import annotations

import asyncio
import contextlib
import shlex
import signal
import sys
from datetime import date
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

from debtcoach.ui.textual_private import served_application


class DebtCoachServer(Server):
    """textual-serve's server, saying one line where it is (once it listens) instead of its
    banner (which it prints before it knows whether the port is free)."""

    async def on_startup(self, app: web.Application) -> None:
        """Nothing yet: the port is not bound when this runs."""

    def serve(self, debug: bool = False) -> None:
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(served_application(self), host=self.host, port=self.port, handle_signals=False,
                    loop=loop, print=self._listening)  # fmt: skip

    def _listening(self, *_: object) -> None:
        print(f"debtcoach: serving the app at {self.public_url} (Ctrl+C stops it)", flush=True)


def app_command(path: Path, today: date | None, theme: str | None) -> str:
    """The shell command textual-serve runs for each browser tab: this Python, this file."""
    parts = [sys.executable, "-m", "debtcoach.cli", "--db", str(path)]
    if today is not None:
        parts += ["--today", today.isoformat()]
    if theme is not None:
        parts += ["--theme", theme]
    return shlex.join(parts)


def public_url(host: str, port: int) -> str:
    """The address the page is opened at and loads its scripts from: an IPv6 address goes in
    brackets (`http://[::1]:8000`), which textual-serve's own URL leaves out."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def serve(*, path: Path, today: date | None, theme: str | None, host: str, port: int) -> int:
    """Serve until Ctrl+C; `host` must already be a loopback address (the CLI checks)."""
    server = DebtCoachServer(app_command(path, today, theme), host=host, port=port,
                             title="debtcoach", public_url=public_url(host, port))  # fmt: skip
    server.serve()
    return 0
