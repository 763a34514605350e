"""The coach panel: which rule of the guidance fits the user's situation now, and why.

Docked right at ≥ 100 columns, shown full width with `c` below that. The list at the top holds
every piece of advice, most severe first; the highlighted one (the most severe to begin with) is
shown in full below it: title, the guidance's words verbatim, why — with the user's own numbers —
and the key that acts on it. `enter` on an item opens its screen. With nothing triggered it says
so calmly and names the next milestone. It redraws whenever the app publishes `data_changed`,
so it is never stale after a save.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from debtcoach.domain.coach import Advice
from debtcoach.domain.models import Household
from debtcoach.domain.screens import screen_title
from debtcoach.domain.text_rules import printable

if TYPE_CHECKING:
    from debtcoach.ui.app import DebtCoachApp


def advice_content(advice: Advice) -> Content:
    """One piece of advice in full: title, what to press, the quote exactly as written, why."""
    return Content.assemble(
        (printable(advice.title), "bold"),
        "\n",
        ("Act: ", "bold"),
        "press ",
        (advice.key, "bold reverse"),
        f" for {screen_title(advice.key)}.",
        "\n\n",
        (f"“{advice.quote}”", "italic"),
        "\n\n",
        ("Why: ", "bold"),
        printable(advice.why),
    )


class CoachPanel(VerticalScroll, can_focus=False):
    """The guidance that applies now, with the reason in the user's numbers."""

    DEFAULT_CSS = """
    CoachPanel { width: 38; border-left: vkey $primary 40%; padding: 0 1; }
    CoachPanel #coach-advice { margin: 1 0 0 0; }
    CoachPanel #coach-list { height: auto; max-height: 8; border: none; padding: 0; }
    CoachPanel #coach-list-label { color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Coach", classes="coach-title")
        yield Static("↑↓ read · enter go there", id="coach-list-label")
        yield OptionList(id="coach-list")
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
            heading = "Nothing recorded yet. " if nothing_recorded else "You are on track. "
            text = (
                "Add your loans (l, then a) and your income (o): the coach then tells you "
                "which part of the guidance fits your situation, with your own numbers."
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
