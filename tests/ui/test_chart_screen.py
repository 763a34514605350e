"""The payoff chart at 80x24: the strategies compared as text, `s` cycles and saves the strategy
used everywhere, `v` switches to one line per debt, an infeasible budget is said plainly."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import Static

from debtcoach.domain.models import Loan, LoanKind, Strategy
from debtcoach.domain.money import Money
from debtcoach.store.repository import Repository
from tests.conftest import make_app

SMALL = (80, 24)


async def skip_offer(pilot: Pilot[None]) -> None:
    await pilot.pause()
    if isinstance(pilot.app.screen, ModalScreen):
        await pilot.press("s")
        await pilot.pause()


def summary(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#chart-summary", Static).content)


def in_use(pilot: Pilot[None]) -> str:
    line = next(line for line in summary(pilot).splitlines() if line.endswith("in use"))
    return line.split()[1]


async def test_chart_compares_the_strategies(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("p")
        await pilot.pause()
        lines = summary(pilot).splitlines()
        assert lines[0].split() == ["Strategy", "Debt-free", "Months", "Interest"]
        # Visa catches up by 2027-03 and then pays 19.99 %, not 29.99 % for good (was $2,256.80)
        assert lines[1].split() == ["▸", "avalanche", "Sep", "2028", "22", "$2,066.86", "in", "use"]
        assert lines[2].split()[0] == "snowball"
        assert lines[3].split()[0] == "custom"  # the sample has a custom order
        assert app.screen.query_one("#chart-plot").region.height >= 8


async def test_s_cycles_the_strategy_and_saves_it(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert in_use(pilot) == "avalanche"
        for expected in (Strategy.SNOWBALL, Strategy.CUSTOM, Strategy.AVALANCHE):
            await pilot.press("s")
            await pilot.pause()
            assert in_use(pilot) == expected.value
            assert Repository(sample_db).settings().strategy == expected
            assert app.plan.strategy == expected
        await pilot.press("s", "d")
        await pilot.pause()
        headline = str(app.screen.query_one("#debt-free", Static).content)
        assert headline.endswith("· snowball")


async def test_v_shows_each_debt(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("p", "v")
        await pilot.pause()
        text = summary(pilot)
        assert "Debt" in text and "Paid off" in text
        assert "QuickCash" in text and "Jun 2027" in text  # after Visa's catch-up
        assert "Mum (family)" in text and "promise at risk" in text
        await pilot.press("v")
        await pilot.pause()
        assert "snowball" in summary(pilot)


async def test_palette_sets_the_strategy(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("ctrl+p", *"strategy: snowball")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
    assert Repository(sample_db).settings().strategy == Strategy.SNOWBALL


async def test_without_a_custom_order_s_alternates_two(empty_db: Path) -> None:
    repo = Repository(empty_db)
    repo.add_loan(
        Loan("Card", LoanKind.CREDIT_CARD, Money(100_000, "USD"), Decimal(20), Money(5_000, "USD"))
    )
    app = make_app(empty_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("p")
        await pilot.pause()
        # No income: the minimums do not fit, said plainly instead of a chart.
        assert "No payoff plan yet" in summary(pilot)
        assert "$50.00 a month more" in summary(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert repo.settings().strategy == Strategy.SNOWBALL
        await pilot.press("s")
        await pilot.pause()
        assert repo.settings().strategy == Strategy.AVALANCHE
