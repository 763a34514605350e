"""Help (`?`): every key, what each screen is for, and where the data lives. `esc` closes it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from debtcoach.domain.screens import SCREENS
from debtcoach.domain.text_rules import printable
from debtcoach.ui.widgets.nav_bar import NavBar

if TYPE_CHECKING:
    from debtcoach.ui.app import DebtCoachApp

SCREENS_HELP: tuple[tuple[str, str, str], ...] = tuple(
    (s.key, s.title, s.described) for s in SCREENS
)
SCREEN_BINDINGS: dict[str, str] = {s.key: f"go.{s.mode}" for s in SCREENS}

GLOBAL_KEYS: tuple[tuple[str, str], ...] = (
    ("?", "this help (esc closes it)"),
    ("c", "coach panel: show it (below 100 columns) or move into it"),
    ("PgDn PgUp", "in the coach: read the highlighted advice to its end"),
    ("u", "undo the last delete or saved edit made here (asks first)"),
    ("ctrl+p", "palette: screens, themes, strategies, this screen's actions,"),
    ("", "Undo …, Restore a backup (time, size, loads or not; asks first)"),
    ("ctrl+e", "save the due dates as a calendar file (.ics) in Downloads"),
    ("q", "quit (everything is already saved)"),
)

LIST_KEYS: tuple[tuple[str, str], ...] = (
    ("a", "add"),
    ("e / enter", "edit"),
    ("x", "delete (asks first)"),
    ("/", "filter (esc clears it)"),
    ("s", "sort by the next column"),
    ("esc", "cancel a form (asks first if something was typed)"),
)

SCREEN_KEYS_HELP: tuple[tuple[str, str], ...] = (
    ("r", "Loans: restructure calculator for the selected loan"),
    ("h", "Loans: the contact log of its lender"),
    ("m y n", "Restructure: mark proposed, agreed, refused"),
    ("w", "Restructure: write a proposal letter (not the check-in)"),
    ("esc", "Restructure: back to the loans; then w is the check-in"),
    ("i e a", "Restructure: the letter asks to stop penalty, cut fees; names lenders"),
    ("s g", "Restructure: the letter's format (md, txt, html) and language"),
    ("space", "Throttling: turn the selected cut on or off"),
    ("r", "Family: record a repayment"),
    ("space", "What if: try the highlighted move, or leave it out"),
    ("enter", "What if: open the screen where the move is really made"),
)

CHECKIN_KEYS: tuple[tuple[str, str], ...] = (
    ("enter", "start this week or correct the highlighted one; next"),
    ("tab", "next field"),
    ("← →", "change a choice (y / n answers the borrowing question)"),
    ("esc", "one step back (nothing is saved until the note)"),
    ("", "on step 1: discard the week's typing, after a question"),
)

PAYOFF_KEYS: tuple[tuple[str, str], ...] = (
    ("s", "next strategy (used everywhere, saved)"),
    ("v", "total balance / one line per loan"),
)

BINDING_IDS: dict[tuple[str, str], str] = {
    ("?", "this help"): "help",
    ("c", "coach panel"): "coach.toggle",
    ("u", "undo the last"): "undo",
    ("ctrl+p", "palette"): "palette",
    ("q", "quit"): "quit",
    ("ctrl+e", "save the due dates"): "calendar.save",
    ("a", "add"): "list.add",
    ("x", "delete"): "list.delete",
    ("/", "filter"): "list.filter",
    ("s", "sort"): "list.sort",
    ("r", "Loans"): "loans.restructure",
    ("h", "Loans"): "loans.contacts",
    ("space", "Throttling"): "expenses.toggle_cut",
    ("r", "Family"): "family.repay",
}
"""The binding behind a help row (its default key and how its text starts), so the help shows
the key the config's keymap put in its place."""

KEY_WIDTH = 11


def binding_id(key: str, text: str) -> str | None:
    return next((bid for (k, start), bid in BINDING_IDS.items() if k == key and
                 text.startswith(start)), None)  # fmt: skip


class HelpScreen(Screen[None]):
    """A full screen of plain help text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="help.close"),
    ]

    DEFAULT_CSS = """
    HelpScreen #help { padding: 0 1; }
    HelpScreen .heading { text-style: bold; color: $accent; }
    HelpScreen #help Static { margin-bottom: 1; }
    """

    @property
    def coach_app(self) -> DebtCoachApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield NavBar(self.coach_app.top_bar_keys(), None)
        with VerticalScroll(id="help"):
            yield Static(Content.styled("Help — esc closes", "bold"), id="help-title")
            yield Static(self._screens(), id="help-screens")
            yield Static(self._section("Everywhere", GLOBAL_KEYS), id="help-keys")
            yield Static(
                self._section("In lists (loans, income, expenses, family)", LIST_KEYS),
                id="help-lists",
            )
            yield Static(
                self._section("On one screen only", SCREEN_KEYS_HELP), id="help-screen-keys"
            )
            yield Static(self._section("On the payoff screen", PAYOFF_KEYS), id="help-payoff")
            yield Static(self._section("In the weekly check-in", CHECKIN_KEYS), id="help-checkin")
            yield Static(self._data(), id="help-data")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Help"
        self.query_one("#help").focus()

    def _screens(self) -> Content:
        lines = [Content.styled("Screens", "bold $accent")]
        for default, title, what in SCREENS_HELP:
            key = self.coach_app.key_in_force(SCREEN_BINDINGS[default], default)
            lines.append(Content.assemble("  ", (f"{key:<2}", "bold"), f"{title:<12}", what))
        return Content("\n").join(lines)

    def _in_force(self, key: str, text: str) -> str:
        """The row's key after the config's keymap."""
        bid = binding_id(key, text)
        return key if bid is None else self.coach_app.key_in_force(bid, key)

    def _section(self, title: str, rows: tuple[tuple[str, str], ...]) -> Content:
        lines = [
            Content.assemble("  ", (f"{self._in_force(key, text):<{KEY_WIDTH}}", "bold"), text)
            for key, text in rows
        ]
        return Content("\n").join([Content.styled(title, "bold $accent"), *lines])

    def _data(self) -> Content:
        app = self.coach_app
        path = app.ledger.path
        lines = [
            Content.styled("Your data", "bold $accent"),
            Content.assemble("  File     ", (printable(str(path)), "bold")),
            Content("  Backups  in backups/ next to the file; every save is atomic."),
            Content.assemble("  Today    ", app.today.isoformat(), "   Theme  ", str(app.theme)),
        ]
        if app.demo:
            lines.append(Content("  Demo: a temporary copy of the sample household."))
        return Content("\n").join(lines)

    def action_close(self) -> None:
        self.dismiss()
