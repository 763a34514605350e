"""Every use of Textual's private API, in one place.

The app leans on a few private attributes to start fast (no stylesheet re-parse on a screen's
first show, a screen shown as soon as it is built, a table's cells drawn without rich's layout).
Each is reached through a function here, and `PRIVATE_ATTRIBUTES` names them, so that a Textual
upgrade that renames one fails in this module's test, not somewhere in a screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widget import Widget

if TYPE_CHECKING:
    from collections.abc import Coroutine

    from aiohttp import web
    from textual.app import App
    from textual.dom import DOMNode
    from textual.screen import Screen
    from textual.theme import Theme
    from textual_serve.server import Server

__all__ = [
    "PRIVATE_ATTRIBUTES",
    "css_generation",
    "discard_exit_messages",
    "forget_drawn_lines",
    "mark_styles_current",
    "register_default_css",
    "registered_theme",
    "served_application",
]

PRIVATE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("App", "_registered_themes"),
    ("App", "_css_update_count"),
    ("App", "_screen_stacks"),  # the tests look at which screens were built
    ("App", "_handle_exception"),
    ("App", "_exit_renderables"),
    ("DOMNode", "_get_default_css"),
    # widgets.data_table.RecordTable draws its cells itself, keyed and styled as DataTable does
    ("DataTable", "_render_cell"),
    ("DataTable", "_cell_render_cache"),
    ("DataTable", "_get_row_renderables"),
    ("DataTable", "_get_styles_to_render_cell"),
    ("DataTable", "_header_row_key"),
    ("DataTable", "_row_locations"),
    ("DataTable", "_column_locations"),
    ("DataTable", "_show_hover_cursor"),
    ("DataTable", "_update_count"),
    ("DataTable", "_pseudo_class_state"),
    ("textual.widgets._data_table", "CellCacheKey"),
    ("Input", "_value"),  # overridden by widgets.text_input.TextInput: what an Input draws
    ("Screen", "_css_update_count"),
    ("Server", "_make_app"),  # textual_serve.server.Server: the aiohttp app it serves
    ("Widget", "_styles_cache"),  # what a screen out of sight lets go (`forget_drawn_lines`)
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


def register_default_css(app: App[Any], node: DOMNode) -> None:
    """Add a widget's CSS (its own and its bases') to the app's stylesheet as mounting it
    would, so that it is parsed with the app's own at start-up rather than when a screen
    showing that widget is first opened."""
    for read_from, css, tie_breaker, scope in node._get_default_css():
        app.stylesheet.add_source(
            css, read_from=read_from, is_default_css=True, tie_breaker=tie_breaker, scope=scope
        )


def forget_drawn_lines(screen: Screen[Any]) -> None:
    """Let a screen out of sight drop the lines its widgets last drew (about 2 MiB for the
    dashboard at 120x40): it draws them again when shown. Otherwise every screen visited in a
    session keeps a whole screenful of drawn lines alive, and the next one is drawn on top."""
    for node in screen.walk_children(Widget, with_self=True):
        node._styles_cache.clear()


def discard_exit_messages(app: App[Any]) -> None:
    """Drop what Textual would print once the app has exited (after a crash: a full-screen
    traceback with local variables, so with the household's data); the crash log has it."""
    app._exit_renderables.clear()


def served_application(server: Server) -> Coroutine[Any, Any, web.Application]:
    """The web application textual-serve's `serve()` would run, for a server that runs it
    itself (to say where it listens only once the port is bound)."""
    return server._make_app()
