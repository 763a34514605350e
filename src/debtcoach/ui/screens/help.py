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
from debtcoach.ui.widgets.keys_footer import KeysFooter
from debtcoach.ui.widgets.nav_bar import NavBar

if TYPE_CHECKING:
    from debtcoach.ui.app import DebtCoachApp

SCREEN_BINDINGS: dict[str, str] = {s.key: f"go.{s.mode}" for s in SCREENS}

GLOBAL_KEYS: tuple[tuple[str, str], ...] = (
    ("?", N_("this help (esc closes it)")),
    ("c", N_("coach panel: show it (below 100 columns) or move into it")),
    ("PgDn PgUp", N_("in the coach: read the highlighted advice to its end")),
    ("u", N_("undo the last delete or saved edit made here (asks first)")),
    (",", N_("settings: language, currency, locale, safety buffer")),
    ("ctrl+p", N_("palette: screens, themes, strategies, this screen's actions,")),
    ("", N_("Undo …, Restore a backup (time, size, loads or not; asks first)")),
    ("ctrl+e", N_("save the due dates as a calendar file (.ics) in Downloads")),
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
    ("i e a", N_("Restructure: the letter asks to stop penalty, cut fees; names lenders")),
    ("s g", N_("Restructure: the letter's format (md, txt, html) and language")),
    ("h", N_("Restructure: what happened, in one sentence, for the letter (optional)")),
    ("space", N_("Throttling: turn the selected cut on or off")),
    ("r", N_("Family: record a repayment")),
    ("space", N_("What if: try the highlighted move, or leave it out")),
    ("enter", N_("What if: open the screen where the move is really made")),
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

BINDING_IDS: dict[tuple[str, str], tuple[str | None, ...]] = {
    ("?", "this help"): ("help",),
    ("c", "coach panel"): ("coach.toggle",),
    ("PgDn PgUp", "in the coach"): ("coach.read_on", "coach.read_back"),
    ("u", "undo the last"): ("undo",),
    (",", "settings"): ("settings",),
    ("ctrl+p", "palette"): ("palette",),
    ("q", "quit"): ("quit",),
    ("ctrl+e", "save the due dates"): ("calendar.save",),
    ("a", "add"): ("list.add",),
    ("e / enter", "edit"): ("list.edit", None),
    ("x", "delete"): ("list.delete",),
    ("/", "filter"): ("list.filter",),
    ("s", "sort"): ("list.sort",),
    ("r", "Loans"): ("loans.restructure",),
    ("h", "Loans"): ("loans.contacts",),
    ("m y n", "Restructure: mark"): (
        "restructure.propose",
        "restructure.agree",
        "restructure.refuse",
    ),
    ("w", "Restructure: write"): ("restructure.letter",),
    ("esc", "Restructure: back"): ("restructure.back",),
    ("i e a", "Restructure: the letter asks"): (
        "restructure.ask_penalty",
        "restructure.ask_fees",
        "restructure.name_lenders",
    ),
    ("s g", "Restructure: the letter's format"): (
        "restructure.letter_format",
        "restructure.letter_language",
    ),
    ("h", "Restructure: what happened"): ("restructure.reason",),
    ("space", "Throttling"): ("expenses.toggle_cut",),
    ("r", "Family"): ("family.repay",),
}
"""The bindings behind a help row (found by its default key and how its text starts), one per
key the row names (None: a key no keymap moves, such as the list's `enter`), so the help shows
the keys the config's keymap put in their place."""

KEY_WIDTH = 11


def binding_ids(key: str, text: str) -> tuple[str | None, ...]:
    """The bindings a help row describes, found by its default keys and English text."""
    return next((ids for (k, start), ids in BINDING_IDS.items() if k == key and
                 text.startswith(start)), ())  # fmt: skip


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
        yield NavBar(self.coach_app.top_bar_keys(), None)
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
            key = self.coach_app.key_in_force(SCREEN_BINDINGS[entry.key], entry.key)
            lines.append(
                Content.assemble(
                    "  ", (pad(key, 2), "bold"), pad(entry.shown_title, 12), entry.described
                )
            )
        return Content("\n").join(lines)

    def _in_force(self, key: str, text: str) -> str:
        """The row's keys after the config's keymap ("e / enter": only `e` is a binding)."""
        ids = iter(binding_ids(key, text))
        words = key.split()
        shown = []
        for word in words:
            between = word == "/" and len(words) > 1  # "e / enter", not the filter's own "/"
            bid = None if between else next(ids, None)
            shown.append(word if bid is None else self.coach_app.key_in_force(bid, word))
        return " ".join(shown) if shown else key

    def _section(self, title: str, rows: tuple[tuple[str, str], ...]) -> Content:
        lines = [
            Content.assemble("  ", (pad(self._in_force(key, text), KEY_WIDTH), "bold"), _(text))
            for key, text in rows
        ]
        return Content("\n").join([Content.styled(title, "bold $accent"), *lines])

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
