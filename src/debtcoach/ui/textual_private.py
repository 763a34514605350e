"""Every use of Textual's private API, in one place.

The app leans on a few private attributes to start fast (no stylesheet re-parse on a screen's
first show, a screen shown as soon as it is built).
Each is reached through a function here, and `PRIVATE_ATTRIBUTES` names them, so that a Textual
upgrade that renames one fails in this module's test, not somewhere in a screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Coroutine

    from aiohttp import web
    from textual.app import App
    from textual.screen import Screen
    from textual.theme import Theme
    from textual_serve.server import Server

__all__ = [
    "PRIVATE_ATTRIBUTES",
    "css_generation",
    "discard_exit_messages",
    "mark_styles_current",
    "registered_theme",
    "served_application",
]

PRIVATE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("App", "_registered_themes"),
    ("App", "_css_update_count"),
    ("App", "_screen_stacks"),  # the tests look at which screens were built
    ("App", "_handle_exception"),
    ("App", "_exit_renderables"),
    ("Input", "_value"),  # overridden by widgets.text_input.TextInput: what an Input draws
    ("Screen", "_css_update_count"),
    ("Server", "_make_app"),  # textual_serve.server.Server: the aiohttp app it serves
)
"""(owner, attribute) of each private name used; the test checks each one still exists."""


def registered_theme(app: App[Any], name: str) -> Theme | None:
    """A registered theme by name, without Textual's copy of the whole registry per lookup."""
    theme: Theme | None = app._registered_themes.get(name)
    return theme


def css_generation(node: App[Any] | Screen[Any]) -> int:
    """How many times the app's CSS has changed (on the app), or when a node was last styled."""
    count: int = node._css_update_count
    return count


def mark_styles_current(node: Screen[Any], generation: int) -> None:
    node._css_update_count = generation


def discard_exit_messages(app: App[Any]) -> None:
    """Drop what Textual would print once the app has exited (after a crash: a full-screen
    traceback with local variables, so with the household's data); the crash log has it."""
    app._exit_renderables.clear()


def served_application(server: Server) -> Coroutine[Any, Any, web.Application]:
    """The web application textual-serve's `serve()` would run, for a server that runs it
    itself (to say where it listens only once the port is bound)."""
    return server._make_app()
