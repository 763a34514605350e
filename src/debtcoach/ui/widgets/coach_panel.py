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

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

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


class CoachList(Widget, can_focus=True):
    """The advice list: ↑↓ (home/end) pick a piece of advice, `enter` or a click goes to its
    screen; PgDn/PgUp (and ctrl+End/ctrl+Home) scroll the panel around it, to read the
    highlighted advice to its end.

    One widget drawing its lines, where Textual's OptionList measured its options on its first
    render and so laid the whole screen out a second time, on every screen shown.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("home", "move_to(0)", show=False),
        Binding("end", "move_to(-1)", show=False),
        Binding("enter", "select", show=False),
        Binding("pagedown", "read(1)", N_("Read on"), show=False, id="coach.read_on"),
        Binding("pageup", "read(-1)", N_("Read back"), show=False, id="coach.read_back"),
        Binding("ctrl+end", "read_to_end", N_("Read to the end"), show=False, id="coach.read_end"),
        Binding("ctrl+home", "read(0)", N_("Back to the top"), show=False, id="coach.read_top"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"coach-list--highlighted", "coach-list--hover"}
    DEFAULT_CSS = """
    CoachList {
        height: auto;
        background: $surface;
        & > .coach-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        & > .coach-list--hover { background: $block-hover-background; }
        &:focus {
            background-tint: $foreground 5%;
            & > .coach-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    class Picked(Message):
        """Something happened to the advice at `index` of `coach_list`."""

        def __init__(self, coach_list: CoachList, index: int) -> None:
            super().__init__()
            self.coach_list = coach_list
            self.index = index

        @property
        def control(self) -> CoachList:
            return self.coach_list

    class Highlighted(Picked):
        """The highlight moved to it."""

    class Selected(Picked):
        """It was chosen (enter or a click)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: tuple[Content, ...] = ()
        self.rules: tuple[str, ...] = ()
        """The rule of each piece of advice listed, in order."""
        self.highlighted: int | None = None
        self._hover: int | None = None
        self._line_owners: list[int] = []
        self._wrapped_at: tuple[int, list[tuple[int, Content]]] | None = None

    @property
    def option_count(self) -> int:
        return len(self._items)

    def set_options(self, items: Sequence[tuple[str, Content]], highlighted: int | None) -> None:
        """List `items` (rule, line) with the one at `highlighted` highlighted."""
        self.rules = tuple(rule for rule, _line in items)
        self._items = tuple(line for _rule, line in items)
        self._wrapped_at = None
        self.highlighted = highlighted
        self._hover = None
        self.refresh(layout=True)

    def _wrapped(self, width: int) -> list[tuple[int, Content]]:
        """Every line drawn, with the index of the advice it belongs to (wrapped once per
        width: the layout measures them, then the render draws the same lines)."""
        if self._wrapped_at is None or self._wrapped_at[0] != width:
            lines = [
                (index, line)
                for index, item in enumerate(self._items)
                for line in (item.wrap(width) if width > 0 else [item])
            ]
            self._wrapped_at = (width, lines)
        return self._wrapped_at[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._wrapped(width))

    def render(self) -> Content:
        width = self.content_region.width
        highlighted = self.get_visual_style("coach-list--highlighted")
        hover = self.get_visual_style("coach-list--hover")
        lines: list[Content] = []
        self._line_owners = []
        for index, line in self._wrapped(width):
            if index in (self.highlighted, self._hover):
                style = highlighted if index == self.highlighted else hover
                line = line.pad_right(max(width - line.cell_length, 0)).stylize_before(style)
            lines.append(line)
            self._line_owners.append(index)
        return Content("\n").join(lines)

    def _highlight(self, index: int) -> None:
        if not self._items:
            return
        index = min(max(index, 0), len(self._items) - 1)
        if index != self.highlighted:
            self.highlighted = index
            self.refresh()
            self.post_message(self.Highlighted(self, index))

    def action_move(self, step: int) -> None:
        current = self.highlighted if self.highlighted is not None else -step
        self._highlight(current + step)

    def action_move_to(self, index: int) -> None:
        self._highlight(index if index >= 0 else len(self._items) - 1)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    def _owner_at(self, y: int) -> int | None:
        return self._line_owners[y] if 0 <= y < len(self._line_owners) else None

    def on_click(self, event: events.Click) -> None:
        index = self._owner_at(event.y)
        if index is not None:
            self._highlight(index)
            self.post_message(self.Selected(self, index))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._owner_at(event.y)
        if index != self._hover:
            self._hover = index
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

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
        options = self.query_one("#coach-list", CoachList)
        highlighted = options.highlighted
        label = self.query_one("#coach-list-label", Static)
        if not advice:
            label.display = False
            options.display = False
            options.set_options((), None)
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
        index = highlighted if highlighted is not None and highlighted < len(advice) else 0
        options.set_options(
            [
                (a.rule, Content.assemble(f"{i}. {printable(a.title)} ", (f"[{a.key}]", "dim")))
                for i, a in enumerate(advice, 1)
            ],
            index,
        )
        self._show(advice[index])

    def _show(self, advice: Advice) -> None:
        self.query_one("#coach-advice", Static).update(advice_content(advice))
        self.scroll_home(animate=False)  # a new piece of advice is read from its title

    @on(CoachList.Highlighted, "#coach-list")
    def _highlighted(self, event: CoachList.Highlighted) -> None:
        event.stop()
        if 0 <= event.index < len(self.advice):
            self._show(self.advice[event.index])

    @on(CoachList.Selected, "#coach-list")
    def _selected(self, event: CoachList.Selected) -> None:
        event.stop()
        if 0 <= event.index < len(self.advice):
            self.screen.remove_class("-coach-open")
            self.screen.refresh_bindings()
            self.coach_app.action_go_key(self.advice[event.index].key)

    def focus_list(self) -> None:
        options = self.query_one("#coach-list", CoachList)
        if options.display:
            options.focus()
