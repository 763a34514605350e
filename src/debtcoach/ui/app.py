"""DebtCoachApp: one screen per part of the picture, switched with single keys.

The app holds the Ledger and a cached household + plan; every save goes through `save()`, which
re-reads the file, recomputes the plan once, and publishes `data_changed` so every screen and the
coach panel redraw from the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.signal import Signal

from debtcoach.bundled import themes_dir
from debtcoach.domain.models import Household
from debtcoach.domain.payoff import PayoffPlan
from debtcoach.services import Ledger
from debtcoach.ui.screens.placeholder import placeholder_screen

SCREEN_KEYS: tuple[tuple[str, str, str], ...] = (
    ("d", "dashboard", "Dashboard"),
    ("l", "loans", "Loans"),
    ("o", "income", "Open source"),
    ("t", "expenses", "Throttling"),
    ("f", "family", "Family"),
    ("p", "chart", "Payoff"),
    ("w", "checkin", "Check-in"),
)


class DebtCoachApp(App[None]):
    TITLE = "debtcoach"
    CSS_PATH = str(themes_dir() / "app.tcss")
    MODES: ClassVar[dict[str, str | Callable[..., object]]] = {  # type: ignore[assignment]
        mode: placeholder_screen(title) for _, mode, title in SCREEN_KEYS
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(key, f"go('{mode}')", title, id=f"go.{mode}")
            for key, mode, title in SCREEN_KEYS
        ),
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(
        self, ledger: Ledger, *, theme_name: str | None = None, demo: bool = False
    ) -> None:
        super().__init__()
        self.ledger = ledger
        self.demo = demo
        self.requested_theme = theme_name
        self.data_changed: Signal[Household] = Signal(self, "data-changed")
        self.household: Household = ledger.household()
        self.plan: PayoffPlan = self._compute_plan(self.household)

    @property
    def today(self) -> date:
        return self.ledger.today

    def _compute_plan(self, household: Household) -> PayoffPlan:
        return self.ledger.plan(household)

    def reload(self) -> None:
        """Re-read the file, recompute the plan once, tell every screen."""
        self.household = self.ledger.household()
        self.plan = self._compute_plan(self.household)
        self.data_changed.publish(self.household)

    def on_mount(self) -> None:
        self.switch_mode("dashboard")

    def action_go(self, mode: str) -> None:
        self.switch_mode(mode)

    def action_help(self) -> None:
        self.notify("Help is coming.")


def run(*, path: Path, today: date, theme: str | None, demo: bool) -> int:
    """Entry point used by the CLI (imported lazily so scripts never load Textual)."""
    DebtCoachApp(Ledger(path, today), theme_name=theme, demo=demo).run()
    return 0
