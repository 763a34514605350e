"""The frame every screen shares: header, the screen's body, the coach panel, the footer."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header

from debtcoach.domain.models import Household
from debtcoach.ui.widgets.coach_panel import CoachPanel

if TYPE_CHECKING:
    from debtcoach.ui.app import DebtCoachApp

WIDE_COLUMNS = 100


class DebtCoachScreen(Screen[None]):
    """Subclasses implement `compose_body` and `refresh_data`; the frame does the rest.

    `refresh_data` runs on mount and whenever any save publishes `app.data_changed`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "toggle_coach", "Coach", id="coach.toggle")
    ]
    TITLE_TEXT = "debtcoach"

    @property
    def coach_app(self) -> DebtCoachApp:
        """The app, typed: screens only ever run inside DebtCoachApp."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="frame"):
            with Vertical(id="body"):
                yield from self.compose_body()
            yield CoachPanel(id="coach")
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.sub_title = self.TITLE_TEXT
        self.coach_app.data_changed.subscribe(self, self.refresh_data)
        self.refresh_data(self.coach_app.household)
        self._apply_width(self.app.size.width)

    def refresh_data(self, household: Household) -> None:
        """Redraw from the household; subclasses override."""

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width >= WIDE_COLUMNS, "-wide")

    def action_toggle_coach(self) -> None:
        self.toggle_class("-coach-open")
