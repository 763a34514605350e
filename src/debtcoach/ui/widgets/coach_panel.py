"""The coach panel: which rule of the guidance fits the user's situation now, and why.

Docked right at ≥ 100 columns, toggled with `c` below that. It re-reads the household whenever the
app publishes `data_changed`, so it is never stale after a save anywhere.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from debtcoach.domain.models import Household


class CoachPanel(VerticalScroll):
    """Placeholder body until the coach rules are wired in: shows the plan's facts."""

    DEFAULT_CSS = """
    CoachPanel { width: 38; border-left: vkey $primary 40%; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Coach", classes="coach-title")
        yield Static("", id="coach-body")

    def on_mount(self) -> None:
        self.app.data_changed.subscribe(self, self._refresh_from)  # type: ignore[attr-defined]
        self._refresh_from(self.app.household)  # type: ignore[attr-defined]

    def _refresh_from(self, household: Household) -> None:
        plan = self.app.plan  # type: ignore[attr-defined]
        if not plan.feasible:
            text = "The minimum payments are more than the monthly budget."
        elif plan.months is None:
            text = "At this budget the debts do not get paid off."
        else:
            text = f"Debt-free in {plan.months} months ({plan.debt_free})."
        self.query_one("#coach-body", Static).update(text)
