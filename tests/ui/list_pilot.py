"""Pilot steps shared by the list screens' tests (loans, income, expenses, family)."""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.content import Content
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.visual import visualize
from textual.widget import Widget
from textual.widgets import Input, Static
from textual.widgets._toast import Toast

from debtcoach.ui.widgets.checkin_offer import CheckInOffer
from debtcoach.ui.widgets.data_table import RecordTable
from debtcoach.ui.widgets.forms import RecordForm
from debtcoach.ui.widgets.keys_footer import FooterEntry, KeysFooter


def keys_in_order(app: App[None]) -> list[str]:
    return [str(row.key.value) for row in app.screen.query_one(RecordTable).ordered_rows]


def cell(app: App[None], key: str, column: int | str) -> str:
    """The cell of row `key` under `column`: its index, or its heading ("Lender")."""
    table = app.screen.query_one(RecordTable)
    if isinstance(column, str):
        headings = [str(c.label).strip() for c in table.ordered_columns]
        column = headings.index(column)
    return str(table.get_row(key)[column])


def totals(app: App[None]) -> str:
    return str(app.screen.query_one("#list-totals", Static).content)


def footer_keys(screen: Widget | Screen[object]) -> dict[str, FooterEntry]:
    """The keys the footer of `screen` draws, by binding key (`question_mark` for `?`)."""
    return screen.query_one(KeysFooter).shown_keys


def offer_shown(app: App[None]) -> bool:
    """Whether the screen shows this week's check-in offer (the dashboard does, at start)."""
    return any(offer.display for offer in app.screen.query(CheckInOffer))


async def skip_offer(pilot: Pilot[None]) -> None:
    """Let the app start, then skip what greets the user: the weekly check-in offer, and any
    dialog over it."""
    await pilot.pause()
    while offer_shown(pilot.app) or isinstance(pilot.app.screen, ModalScreen):
        await pilot.press("escape")
        await pilot.pause()


async def open_screen(pilot: Pilot[None], key: str) -> None:
    """Skip what greets the user at start (the check-in offer), then press the key."""
    await skip_offer(pilot)
    await pilot.press(key)


async def burst(pilot: Pilot[None], keys: list[str]) -> None:
    """Keys that arrive together, as a terminal delivers fast typing or a paste: all of them
    are queued before the app has handled the first."""
    app = pilot.app
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        driver.send_message(event)
    await pilot.pause()
    await pilot.pause()


async def select_row(pilot: Pilot[None], key: str) -> None:
    table = pilot.app.screen.query_one(RecordTable)
    table.focus()
    await pilot.press("ctrl+home")
    for _ in range(table.row_count):
        if table.current_key == key:
            return
        await pilot.press("down")
    assert table.current_key == key


async def fill(pilot: Pilot[None], key: str, text: str) -> None:
    form = pilot.app.screen
    assert isinstance(form, RecordForm)
    form.query_one(f"#f-{key}", Input).focus()
    await pilot.press("home", "ctrl+k", *text)


def shown(widget: Widget) -> str:
    """What a widget draws, as plain text: markup, had it been read, would be gone from it."""
    visual = visualize(widget, widget.render(), markup=widget._render_markup)
    return visual.plain if isinstance(visual, Content) else str(visual)


def toasts(app: App[None]) -> list[str]:
    """The notifications on screen (the app must run with `notifications=True`)."""
    return [shown(toast) for toast in app.screen.query(Toast)]


def messages(app: object) -> list[str]:
    """Every notification raised so far, newest last (shown or not)."""
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


def notifications(pilot: Pilot[None]) -> str:
    """`messages` as one text, for `in` checks."""
    return " ".join(messages(pilot.app))
