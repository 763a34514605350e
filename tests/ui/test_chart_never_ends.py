"""The payoff screen draws any plan the CLI accepts, also one that never ends.

A plan whose interest outruns the budget grows for 600 months, to numbers no float or compact
currency format can hold: the axis is clipped and the screen says it does not pay off.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from debtcoach.domain.models import Frequency, IncomeKind, IncomeSource, Loan, LoanKind
from debtcoach.domain.money import MAX_MAJOR_UNITS, Money
from debtcoach.services import Ledger
from debtcoach.ui.screens.chart import ChartScreen
from tests.conftest import TODAY, make_app
from tests.ui.list_pilot import open_screen


def household_that_never_pays_off(path: Path, balance_minor: int, apr: str) -> None:
    """One card and $100 a month of income: the CLI accepts every figure of it."""
    ledger = Ledger(path, TODAY)
    ledger.add_loan(
        Loan(
            "Card",
            LoanKind.CREDIT_CARD,
            Money(balance_minor, "USD"),
            Decimal(apr),
            Money(2000, "USD"),
        )
    )
    ledger.add_income(
        IncomeSource("Pay", IncomeKind.REGULAR, Money(10000, "USD"), Frequency.MONTHLY)
    )


def plotted_top(screen: ChartScreen) -> float:
    plot: Any = screen.query_one("#chart-plot")
    figure = plot.plt._active  # plotext keeps what was plotted on the active subplot
    return max(max(ys) for ys in figure.monitor.y)


@pytest.mark.parametrize(
    ("balance_minor", "apr"),
    [(50_000, "400"), (MAX_MAJOR_UNITS * 100, "1000")],
    ids=["500-at-400-percent", "10^12-at-1000-percent"],
)
async def test_a_plan_that_never_ends_is_drawn_clipped(
    empty_db: Path, balance_minor: int, apr: str
) -> None:
    household_that_never_pays_off(empty_db, balance_minor, apr)
    app = make_app(empty_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, "p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChartScreen)
        assert not app.plan.pays_off
        summary = str(screen.query_one("#chart-summary", Static).content)
        assert "Does not pay off at this budget" in summary
        assert "never" in summary
        # Paying only the minimums, to no end either: no interest figure (it had 60 digits).
        assert "  minimums   —            never            —      $0.00  in 50 years" in summary
        assert plotted_top(screen) <= 3 * balance_minor / 100  # the axis stops at 3x today
        await pilot.press("v")
        await pilot.pause()
        assert "Does not pay off at this budget" in str(
            screen.query_one("#chart-summary", Static).content
        )
        for key in "dlc":
            await pilot.press(key)
            await pilot.pause()
