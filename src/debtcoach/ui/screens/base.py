"""The frame every screen shares: header, the screen's body, the coach panel, the footer."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget

from debtcoach.domain.models import Household
from debtcoach.domain.wording import N_, _, active_language
from debtcoach.ui.textual_private import css_generation
from debtcoach.ui.widgets.coach_panel import CoachPanel
from debtcoach.ui.widgets.keys_footer import KeysFooter
from debtcoach.ui.widgets.nav_bar import NavBar

if TYPE_CHECKING:
    from debtcoach.ui.app import DebtCoachApp

WIDE_COLUMNS = 100


class DebtCoachScreen(Screen[None]):
    """Subclasses implement `compose_body` and `refresh_data`; the frame does the rest.

    `refresh_data` runs on mount and whenever any save publishes `app.data_changed`.
    Below 100 columns the coach panel is hidden and `c` shows it full width (and `c` or `esc`
    hides it again); at 100 columns and more it is always docked on the right and `c` moves the
    focus into it and back.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "c",
            "toggle_coach",
            N_("Coach"),
            id="coach.toggle",
            tooltip=N_("Show the coach (below 100 columns) or move into it"),
        ),
        Binding("escape", "close_coach", N_("Close coach"), id="coach.close"),
    ]
    TITLE_TEXT = N_("debtcoach")

    @property
    def coach_app(self) -> DebtCoachApp:
        """The app, typed: screens only ever run inside DebtCoachApp."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        self._language = active_language()
        # Wide or narrow before the children exist, so they are styled once, not restyled.
        self._apply_width(self.app.size.width)
        yield NavBar(self.coach_app.top_bar_keys(), self.coach_app.current_mode)
        with Horizontal(id="frame"):
            with Vertical(id="body"):
                yield from self.compose_body()
            yield CoachPanel(id="coach")
        yield KeysFooter(compact=True)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.sub_title = _(self.TITLE_TEXT)
        self.coach_app.data_changed.subscribe(self, self.refresh_data)
        self.refresh_data(self.coach_app.household)
        self._apply_width(self.app.size.width)
        self._styled_at: int | None = css_generation(self.app)

    @on(events.ScreenResume)
    def _skip_fresh_restyle(self, event: events.ScreenResume) -> None:
        """Don't restyle a screen that was only just styled.

        Textual restyles the whole screen on every resume, and a screen shown for the first
        time through a mode is resumed twice right after mounting (some 25 ms each on a list
        screen). Until the screen is first left, its styles are as fresh as at mount unless
        the CSS changed since (a theme switch).
        """
        if getattr(self, "_styled_at", None) == css_generation(self.app):
            event.refresh_styles = False

    def on_screen_suspend(self) -> None:
        self._styled_at = None

    def refresh_data(self, household: Household) -> None:
        """Redraw from the household; subclasses override."""

    async def relabel(self) -> None:
        """Rebuild in the active language when it changed since this screen was composed."""
        if getattr(self, "_language", None) == active_language():
            return
        await self.recompose()
        self.sub_title = _(self.TITLE_TEXT)
        self.refresh_data(self.coach_app.household)

    def on_screen_resume(self) -> None:
        if getattr(self, "_language", None) != active_language():
            self.call_later(self.relabel)
            return
        nav = self.query_one(NavBar)
        if nav.current != self.app.current_mode:
            nav.current = self.app.current_mode
            nav.update(nav.render_nav(nav.size.width))

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width >= WIDE_COLUMNS, "-wide")

    def action_toggle_coach(self) -> None:
        panel = self.query_one(CoachPanel)
        if self.has_class("-wide"):
            if panel.has_focus_within:
                self.focus_body()
            else:
                panel.focus_list()
            return
        self.toggle_class("-coach-open")
        self.refresh_bindings()
        if self.has_class("-coach-open"):
            panel.focus_list()
        else:
            self.focus_body()

    def action_close_coach(self) -> None:
        if self.has_class("-coach-open"):
            self.remove_class("-coach-open")
            self.refresh_bindings()
            self.focus_body()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_coach":
            return self.has_class("-coach-open")
        return True

    def focus_body(self) -> None:
        """Give the focus back to the screen's own content (its first focusable widget that is
        shown: never one inside a hidden part, where keys would act unseen)."""
        body = self.query_one("#body")
        for widget in body.query("*"):
            if widget.focusable and shown_within(widget, body):
                widget.focus()
                return
        self.set_focus(None)


def shown_within(widget: Widget, container: Widget) -> bool:
    """Whether `widget` and every ancestor up to `container` are displayed."""
    node: Widget | None = widget
    while node is not None and node is not container:
        if not node.display:
            return False
        parent = node.parent
        node = parent if isinstance(parent, Widget) else None
    return True
