"""The check-in summary of an overdue household at 80x24: the month a loan behind is current
again, and cut items left blank are "not recorded", not "on target"."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from debtcoach.store.repository import Repository
from debtcoach.ui.screens.checkin import CheckInScreen
from tests.conftest import make_app

SIZE = (80, 24)


async def save_week(pilot, spending: tuple[str, str]) -> CheckInScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("enter")  # the offer: start
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CheckInScreen)
    for _ in range(6):
        await pilot.press("enter")  # payments as pre-filled (Sofa loan's 95.00)
    for _ in range(3):
        await pilot.press("enter")  # income as pre-filled
    for text in spending:  # the three items being cut
        await pilot.press(*text, "enter")
    await pilot.press("enter", "enter")  # no borrowing, no contact
    await pilot.press("enter")  # save
    await pilot.pause()
    assert screen.view == "ck-summary"
    return screen


def summary_text(screen: CheckInScreen) -> list[str]:
    return str(screen.query_one("#ck-summary-text", Static).render()).splitlines()


async def test_blank_cut_items_are_not_recorded_and_visa_is_current_again(
    sample_db: Path,
) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await save_week(pilot, ("", "", ""))
        lines = summary_text(screen)
        assert any(line.startswith("Cut items: not recorded (weekly target ") for line in lines)
        # Sofa loan's 95.00 does not move Visa's catch-up: still current again at March's end.
        assert "Visa current again: March 2027" in lines
    week = Repository(sample_db).load().checkins[-1]
    assert week.week == "2026-W48" and week.spent == {}


async def test_a_zero_typed_for_a_cut_item_is_on_target(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await save_week(pilot, ("0", "", ""))
        lines = summary_text(screen)
        line = next(line for line in lines if line.startswith("Cut items: "))
        assert line.startswith("Cut items: $0.00 of a ") and line.endswith("(on target)")
    week = Repository(sample_db).load().checkins[-1]
    assert {k: v.minor for k, v in week.spent.items()} == {"Groceries": 0}
