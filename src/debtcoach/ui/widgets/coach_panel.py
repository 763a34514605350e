"""The coach panel: which rule of the guidance fits the user's situation now, and why.

Docked right at ≥ 100 columns, shown full width with `c` below that. The list at the top holds
every piece of advice, most severe first; the highlighted one (the most severe to begin with) is
shown in full below it: title, the guidance's words verbatim, why — with the user's own numbers —
and the key that acts on it. `enter` on an item opens its screen. ↑↓ pick the advice; PgDn/PgUp
scroll the panel, so a long "why" is read to its end at any terminal size. With nothing
triggered it says so calmly and names the next milestone. It redraws whenever the app
publishes `data_changed`, so it is never stale after a save.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from debtcoach.domain.coach import Advice
from debtcoach.domain.models import Household
from debtcoach.domain.screens import screen_title
from debtcoach.domain.text_rules import printable
from debtcoach.domain.wording import N_, _, active_language

if TYPE_CHECKING:
    from debtcoach.ui.app import DebtCoachApp


def advice_content(advice: Advice) -> Content:
    """One piece of advice in full: title, what to press, the quote exactly as written (in the
    guidance's own language, labelled as the guidance), why."""
    press, _key, after = _("press {key} for {screen}.").partition("{key}")
    return Content.assemble(
        (printable(advice.title), "bold"),
        "\n",
        (_("Act: "), "bold"),
        press,
        (advice.key, "bold reverse"),
        after.format(screen=screen_title(advice.key)),
        "\n\n",
        # Another language than the guidance's: say whose words the quote is.
        (_("The guidance says:") + "\n", "dim") if active_language() != "en" else "",
        (f"“{advice.quote}”", "italic"),
        "\n\n",
        (_("Why: "), "bold"),
        printable(advice.why),
    )


class CoachList(OptionList):
    """The advice list: ↑↓ pick a piece of advice; PgDn/PgUp (and ctrl+End/ctrl+Home) scroll
    the panel around it, to read the highlighted advice to its end."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "read(1)", N_("Read on"), show=False, id="coach.read_on"),
        Binding("pageup", "read(-1)", N_("Read back"), show=False, id="coach.read_back"),
        Binding("ctrl+end", "read_to_end", N_("Read to the end"), show=False, id="coach.read_end"),
        Binding("ctrl+home", "read(0)", N_("Back to the top"), show=False, id="coach.read_top"),
    ]

    def action_read(self, pages: int) -> None:
        panel = self.parent
        if not isinstance(panel, CoachPanel):
            return
        if pages == 0:
            panel.scroll_home(animate=False)
        elif pages > 0:
            panel.scroll_page_down(animate=False)
        else:
            panel.scroll_page_up(animate=False)

    def action_read_to_end(self) -> None:
        panel = self.parent
        if isinstance(panel, CoachPanel):
            panel.scroll_end(animate=False)


class CoachPanel(VerticalScroll, can_focus=False):
    """The guidance that applies now, with the reason in the user's numbers."""

    DEFAULT_CSS = """
    CoachPanel { width: 38; border-left: vkey $primary 40%; padding: 0 1; }
    CoachPanel #coach-advice { margin: 1 0 0 0; }
    CoachPanel #coach-list { height: auto; max-height: 8; border: none; padding: 0; }
    CoachPanel #coach-list-label { color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static(_("Coach"), classes="coach-title")
        yield Static(_("↑↓ pick · PgDn/PgUp read · enter go"), id="coach-list-label")
        yield CoachList(id="coach-list")
        yield Static("", id="coach-advice")

    @property
    def coach_app(self) -> DebtCoachApp:
        return self.app  # type: ignore[return-value]

    def on_mount(self) -> None:
        self.coach_app.data_changed.subscribe(self, self._refresh_from)
        self._refresh_from(self.coach_app.household)

    @property
    def advice(self) -> tuple[Advice, ...]:
        return self.coach_app.advice

    def _refresh_from(self, household: Household) -> None:
        advice = self.advice
        options = self.query_one("#coach-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        label = self.query_one("#coach-list-label", Static)
        if not advice:
            label.display = False
            options.display = False
            nothing_recorded = not (household.loans or household.family_loans)
            heading = _("Nothing recorded yet. ") if nothing_recorded else _("You are on track. ")
            text = (
                _(
                    "Add your loans (l, then a) and your income (o): the coach then tells you "
                    "which part of the guidance fits your situation, with your own numbers."
                )
                if nothing_recorded
                else self.coach_app.on_track
            )
            self.query_one("#coach-advice", Static).update(
                Content.assemble((heading, "bold"), printable(text))
            )
            return
        label.display = True
        options.display = True
        options.add_options(
            Option(
                Content.assemble(f"{i}. {printable(a.title)} ", (f"[{a.key}]", "dim")),
                id=a.rule,
            )
            for i, a in enumerate(advice, 1)
        )
        index = highlighted if highlighted is not None and highlighted < len(advice) else 0
        options.highlighted = index
        self._show(advice[index])

    def _show(self, advice: Advice) -> None:
        self.query_one("#coach-advice", Static).update(advice_content(advice))
        self.scroll_home(animate=False)  # a new piece of advice is read from its title

    @on(OptionList.OptionHighlighted, "#coach-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.advice):
            self._show(self.advice[event.option_index])

    @on(OptionList.OptionSelected, "#coach-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.advice):
            self.screen.remove_class("-coach-open")
            self.screen.refresh_bindings()
            self.coach_app.action_go_key(self.advice[event.option_index].key)

    def focus_list(self) -> None:
        options = self.query_one("#coach-list", OptionList)
        if options.display:
            options.focus()
