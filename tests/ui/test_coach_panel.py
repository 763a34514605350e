"""The coach panel: the top advice in full, every piece in a list, enter jumps to the screen that
acts on it, a calm message when nothing applies, and a redraw after the data changes."""

from __future__ import annotations

from pathlib import Path

from msgspec.structs import replace
from textual.pilot import Pilot
from textual.widgets import Static

from debtcoach.guidance import coach_advice, guidance_text
from debtcoach.store.repository import Repository
from debtcoach.ui.widgets.coach_panel import CoachList, CoachPanel
from tests.conftest import TODAY, make_app
from tests.ui.list_pilot import skip_offer

SMALL = (80, 24)
WIDE = (120, 40)


def shown(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#coach-advice", Static).content)


def options(pilot: Pilot[None]) -> CoachList:
    return pilot.app.screen.query_one("#coach-list", CoachList)


async def test_top_advice_in_full_with_the_quote_verbatim(sample_db: Path) -> None:
    advice = coach_advice(Repository(sample_db).load(), TODAY)
    assert advice[0].rule == "stop-lending"
    app = make_app(sample_db)
    async with app.run_test(size=WIDE) as pilot:
        await skip_offer(pilot)
        text = shown(pilot)
        assert text.startswith("Stop borrowing to repay")
        assert f"“{advice[0].quote}”" in text
        assert advice[0].quote in guidance_text()
        assert f"Why: {advice[0].why}" in text
        assert "Act: press l for Loans." in text
        listed = options(pilot)
        assert listed.option_count == len(advice)
        assert list(listed.rules) == [a.rule for a in advice]


async def test_arrows_read_and_enter_jumps(sample_db: Path) -> None:
    advice = coach_advice(Repository(sample_db).load(), TODAY)
    target = next(i for i, a in enumerate(advice) if a.key == "o")
    app = make_app(sample_db)
    async with app.run_test(size=WIDE) as pilot:
        await skip_offer(pilot)
        await pilot.press("c")
        for _ in range(target):
            await pilot.press("down")
        await pilot.pause()
        assert shown(pilot).startswith(advice[target].title)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "income"


async def test_enter_jumps_from_the_narrow_panel(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        dashboard = app.screen
        await pilot.press("c")
        await pilot.pause()
        assert dashboard.query_one(CoachPanel).region.width >= 78
        assert shown(pilot).startswith("Stop borrowing to repay")
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "loans"
        assert not dashboard.has_class("-coach-open")


async def test_panel_changes_after_the_data_changes(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=WIDE) as pilot:
        await skip_offer(pilot)
        assert shown(pilot).startswith("Stop borrowing to repay")
        before = options(pilot).option_count
        app.ledger.repository.remove_loan("QuickCash")  # the loan taken to pay the card
        app.reload()
        await pilot.pause()
        assert not shown(pilot).startswith("Stop borrowing to repay")
        assert options(pilot).rules[0] != "stop-lending"
        assert options(pilot).option_count == before - 1
        # Other screens' panels follow the same signal.
        await pilot.press("p")
        await pilot.pause()
        assert options(pilot).rules[0] != "stop-lending"


async def test_calm_message_when_nothing_applies(empty_db: Path) -> None:
    from decimal import Decimal

    from debtcoach.domain.models import Loan, LoanKind, LoanStatus
    from debtcoach.domain.money import Money

    paid_off = Loan("Old card", LoanKind.CREDIT_CARD, Money(0), Decimal(18), Money(0))
    Repository(empty_db).add_loan(replace(paid_off, status=LoanStatus.PAID_OFF))
    app = make_app(empty_db)
    async with app.run_test(size=WIDE) as pilot:
        await skip_offer(pilot)
        assert app.advice == ()
        text = shown(pilot)
        assert text.startswith("You are on track.")
        assert "Nothing is owed" in text
        assert not options(pilot).display


async def test_empty_file_coach_says_nothing_is_recorded_yet(empty_db: Path) -> None:
    app = make_app(empty_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        text = str(app.screen.query_one("#coach-advice").render())
        assert "Nothing recorded yet" in text and "You are on track" not in text


async def test_home_end_and_a_click_on_the_list(sample_db: Path) -> None:
    """The list: home and end go to the first and last advice, up at the top stays there, and a
    click on an item (on any of its lines) goes to its screen."""
    advice = coach_advice(Repository(sample_db).load(), TODAY)
    app = make_app(sample_db)
    async with app.run_test(size=WIDE) as pilot:
        await skip_offer(pilot)
        await pilot.press("c")
        listed = options(pilot)
        assert listed.has_focus and listed.highlighted == 0
        await pilot.press("up")
        assert listed.highlighted == 0
        await pilot.press("end")
        assert listed.highlighted == len(advice) - 1
        assert shown(pilot).startswith(advice[-1].title)
        await pilot.press("home")
        assert listed.highlighted == 0 and shown(pilot).startswith(advice[0].title)
        income = next(i for i, a in enumerate(advice) if a.key == "o")
        # Items wrap at the panel's width: find the first line of the income advice.
        line = sum(len(item.wrap(listed.content_region.width)) for item in listed._items[:income])
        await pilot.click("#coach-list", offset=(2, line))
        await pilot.pause()
        assert app.current_mode == "income"
