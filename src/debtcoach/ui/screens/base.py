"""The frame every screen shares: header, the screen's body, the coach panel, the footer."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer

from debtcoach.domain.models import Household
from debtcoach.ui.widgets.coach_panel import CoachPanel
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
            "Coach",
            id="coach.toggle",
            tooltip="Show the coach (below 100 columns) or move into it",
        ),
        Binding("escape", "close_coach", "Close coach", id="coach.close"),
    ]
    TITLE_TEXT = "debtcoach"

    @property
    def coach_app(self) -> DebtCoachApp:
        """The app, typed: screens only ever run inside DebtCoachApp."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield NavBar(self.coach_app.screen_keys(), self.coach_app.current_mode)
        with Horizontal(id="frame"):
            with Vertical(id="body"):
                yield from self.compose_body()
            yield CoachPanel(id="coach")
        yield Footer(compact=True)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.sub_title = self.TITLE_TEXT
        self.coach_app.data_changed.subscribe(self, self.refresh_data)
        self.refresh_data(self.coach_app.household)
        self._apply_width(self.app.size.width)

    def refresh_data(self, household: Household) -> None:
        """Redraw from the household; subclasses override."""

    def on_screen_resume(self) -> None:
        nav = self.query_one(NavBar)
        if nav.current != self.app.current_mode:
            nav.current = self.app.current_mode
            nav.update(nav.render_nav(nav.size.width))

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width >= WIDE_COLUMNS, "-wide")

    @property
    def coach_open(self) -> bool:
        """Whether the coach panel can be seen right now."""
        return self.has_class("-wide") or self.has_class("-coach-open")

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
        """Give the focus back to the screen's own content (its first focusable widget)."""
        body = self.query_one("#body")
        for widget in body.query("*"):
            if widget.focusable:
                widget.focus()
                return
        self.set_focus(None)
