"""The payoff chart at 80x24: the strategies compared as text, `s` cycles and saves the strategy
used everywhere, `v` switches to one line per debt, an infeasible budget is said plainly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from debtcoach.domain.models import (
    Frequency,
    IncomeKind,
    IncomeSource,
    Loan,
    LoanKind,
    LoanStatus,
    Strategy,
)
from debtcoach.domain.money import Money
from debtcoach.store.repository import Repository
from tests.conftest import make_app
from tests.ui.list_pilot import skip_offer

SMALL = (80, 24)


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
        assert lines[0].split() == ["Strategy", "Debt-free", "Months", "Interest", "Fees"]
        # Visa catches up by 2027-03 and then pays 19.99 %, not 29.99 % for good (was $2,256.80);
        # its 35.00 late fee is charged in the 4 months it is behind.
        assert lines[1].split() == [
            "▸", "avalanche", "Sep", "2028", "22", "$2,066.86", "$140.00", "in", "use",
        ]  # fmt: skip
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


def plot_text(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#chart-plot").render())


async def test_chart_sets_the_plan_beside_paying_only_the_minimums(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("p")
        await pilot.pause()
        lines = summary(pilot).splitlines()
        # The minimums alone never clear Visa (156.00 against 29.99 % and a 35.00 fee): by the
        # plan's Sep 2028 they cost 22 late fees (770.00) and 4,355.71 of interest.
        assert lines[4].split() == [
            "minimums", "—", "never", "$4,355.71", "$770.00", "by", "Sep", "2028",
        ]  # fmt: skip
        assert lines[5].strip() == (
            "Visa current again in Mar 2027; paying only the minimums: never"
        )
        assert "- minimums only" in plot_text(pilot)
        await pilot.press("v")
        await pilot.pause()
        lines = summary(pilot).splitlines()
        assert lines[0].split()[:5] == ["Debt", "Paid", "off", "Interest", "Fees"]
        visa = next(line for line in lines if line.strip().startswith("Visa"))
        assert visa.split() == ["Visa", "Jan", "2028", "$916.08", "$140.00", "Mar", "2027"]
        assert "minimums only" not in plot_text(pilot)


async def test_chart_says_what_the_plan_saves_when_the_minimums_pay_off(empty_db: Path) -> None:
    # tests/domain/test_plan_facts.py, by hand: the plan clears the card in 2 months with 6.66
    # of interest; the minimums alone take 4 months and 13.79.
    repo = Repository(empty_db)
    repo.add_loan(
        Loan(
            "Card", LoanKind.CREDIT_CARD, Money(30_000, "USD"), Decimal(12), Money(10_000, "USD"),
            penalty_apr=Decimal(24), late_fee=Money(1_000, "USD"),
            arrears=Money(10_000, "USD"), overdue_since=date(2026, 10, 1),
            status=LoanStatus.OVERDUE,
        )
    )  # fmt: skip
    repo.add_income(
        IncomeSource("Pay", IncomeKind.REGULAR, Money(25_000, "USD"), Frequency.MONTHLY)
    )
    app = make_app(empty_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("p")
        await pilot.pause()
        lines = [line.strip() for line in summary(pilot).splitlines()]
        assert lines[3].split() == ["minimums", "Mar", "2027", "4", "$13.79", "$40.00"]
        assert "Card current again in Dec 2026" in lines
        assert (
            "Against paying only the minimums the plan saves 2 months and $7.13 of interest."
            in lines
        )


async def test_the_chart_draws_where_the_check_ins_say_you_have_been(sample_db: Path) -> None:
    """The sample's check-ins since September: total owed at the end of September and October
    (18,680.00 and 19,040.00, Li Wei's 600.00 lent in October) drawn before "now"."""
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert app.ledger.owed_history() == (Money(1_868_000, "USD"), Money(1_904_000, "USD"))
        plot: Any = app.screen.query_one("#chart-plot")
        xs = plot.plt._active.monitor.x
        assert xs[0] == [-2, -1, 0]  # the history, joined to what is owed now
        assert [x[0] for x in xs[1:]] == [0, 0, 0, 0]  # the minimums and each strategy from now
        text = plot_text(pilot)
        assert "o so far · - minimums only" in text
        await pilot.press("v")  # one line per debt: no history
        await pilot.pause()
        xs = plot.plt._active.monitor.x
        assert all(x[0] == 0 for x in xs)
