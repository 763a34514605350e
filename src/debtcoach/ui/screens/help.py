"""Help (`?`): every key, what each screen is for, and where the data lives. `esc` closes it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from debtcoach.domain.screens import SCREENS
from debtcoach.domain.text_rules import pad, printable
from debtcoach.domain.wording import N_, _
from debtcoach.ui.screens.base import KeysFooter
from debtcoach.ui.widgets.nav_bar import NavBar

if TYPE_CHECKING:
    from debtcoach.ui.app import DebtCoachApp


GLOBAL_KEYS: tuple[tuple[str, str], ...] = (
    ("?", N_("this help (esc closes it)")),
    ("c", N_("coach panel: show it (below 100 columns) or move into it")),
    ("PgDn PgUp", N_("in the coach: read the highlighted advice to its end")),
    ("u", N_("undo the last delete or saved edit made here (asks first)")),
    (",", N_("settings: language, currency, locale, safety buffer")),
    ("ctrl+p", N_("palette: screens, themes, strategies, this screen's actions,")),
    ("", N_("Undo …, Restore a backup (time, size, loads or not; asks first)")),
    ("q", N_("quit (everything is already saved)")),
)

LIST_KEYS: tuple[tuple[str, str], ...] = (
    ("a", N_("add")),
    ("e / enter", N_("edit")),
    ("x", N_("delete (asks first)")),
    ("/", N_("filter (esc clears it)")),
    ("s", N_("sort by the next column")),
    ("esc", N_("cancel a form (asks first if something was typed)")),
)

SCREEN_KEYS_HELP: tuple[tuple[str, str], ...] = (
    ("r", N_("Loans: restructure calculator for the selected loan")),
    ("h", N_("Loans: the contact log of its lender")),
    ("m y n", N_("Restructure: mark proposed, agreed, refused")),
    ("w", N_("Restructure: write a proposal letter (not the check-in)")),
    ("esc", N_("Restructure: back to the loans; then w is the check-in")),
    ("space", N_("Throttling: turn the selected cut on or off")),
    ("r", N_("Family: record a repayment")),
)

CHECKIN_KEYS: tuple[tuple[str, str], ...] = (
    ("enter", N_("start this week or correct the highlighted one; next")),
    ("tab", N_("next field")),
    ("← →", N_("change a choice (y / n answers the borrowing question)")),
    ("esc", N_("one step back (nothing is saved until the note)")),
    ("", N_("on step 1: discard the week's typing, after a question")),
)

PAYOFF_KEYS: tuple[tuple[str, str], ...] = (
    ("s", N_("next strategy (used everywhere, saved)")),
    ("v", N_("total balance / one line per loan")),
)

KEY_WIDTH = 11


def _keys(rows: tuple[tuple[str, str], ...]) -> list[Content]:
    return [Content.assemble("  ", (pad(key, KEY_WIDTH), "bold"), _(text)) for key, text in rows]


class HelpScreen(Screen[None]):
    """A full screen of plain help text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close"), id="help.close"),
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
        yield NavBar(self.coach_app.screen_keys(), None)
        with VerticalScroll(id="help"):
            yield Static(Content.styled(_("Help — esc closes"), "bold"), id="help-title")
            yield Static(self._screens(), id="help-screens")
            yield Static(self._section(_("Everywhere"), GLOBAL_KEYS), id="help-keys")
            yield Static(
                self._section(_("In lists (loans, income, expenses, family)"), LIST_KEYS),
                id="help-lists",
            )
            yield Static(
                self._section(_("On one screen only"), SCREEN_KEYS_HELP), id="help-screen-keys"
            )
            yield Static(self._section(_("On the payoff screen"), PAYOFF_KEYS), id="help-payoff")
            yield Static(
                self._section(_("In the weekly check-in"), CHECKIN_KEYS), id="help-checkin"
            )
            yield Static(self._data(), id="help-data")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = _("Help")
        self.query_one("#help").focus()

    def _screens(self) -> Content:
        lines = [Content.styled(_("Screens"), "bold $accent")]
        for entry in SCREENS:
            lines.append(
                Content.assemble(
                    "  ", (f"{entry.key:<2}", "bold"), pad(entry.shown_title, 12), entry.described
                )
            )
        return Content("\n").join(lines)

    def _section(self, title: str, rows: tuple[tuple[str, str], ...]) -> Content:
        return Content("\n").join([Content.styled(title, "bold $accent"), *_keys(rows)])

    def _data(self) -> Content:
        app = self.coach_app
        path = app.ledger.path
        lines = [
            Content.styled(_("Your data"), "bold $accent"),
            Content.assemble("  ", pad(_("File"), 9), (printable(str(path)), "bold")),
            Content(
                "  "
                + pad(_("Backups"), 9)
                + _("in backups/ next to the file; every save is atomic.")
            ),
            Content.assemble(
                "  ",
                pad(_("Today"), 9),
                app.today.isoformat(),
                "   ",
                _("Theme"),
                "  ",
                str(app.theme),
            ),
        ]
        if app.demo:
            lines.append(Content("  " + _("Demo: a temporary copy of the sample household.")))
        return Content("\n").join(lines)

    def action_close(self) -> None:
        self.dismiss()
