"""The weekly check-in keeps its draft through the user's slips, and a correction of a past week
shows that week, with real keys at 80x24."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from debtcoach.ui.screens.checkin import CheckInScreen, ChoiceField
from debtcoach.ui.widgets.confirm import ConfirmDialog
from tests.conftest import make_app

SIZE = (80, 24)


def text_of(screen: CheckInScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def start_this_week(pilot: Pilot[None]) -> CheckInScreen:
    """The start-up offer's enter: this week's check-in, step 1."""
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CheckInScreen)
    assert "step 1 of 6" in text_of(screen, "#ck-title")
    return screen


async def to_borrowing_step(pilot: Pilot[None], screen: CheckInScreen) -> None:
    """Visa 10, then on to step 4 (the borrowing question, a choice field)."""
    await pilot.press(*"10")
    for _ in range(6 + 3 + 3):
        await pilot.press("enter")
    assert screen.step_index == 3
    assert isinstance(screen.focused, ChoiceField)


async def test_the_coach_opened_and_closed_from_a_choice_keeps_the_draft(sample_db: Path) -> None:
    """`c` then `esc` put the focus on the hidden list of weeks; the next `enter` restarted the
    check-in at step 1 and threw away what was typed."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_this_week(pilot)
        await to_borrowing_step(pilot, screen)
        choice = screen.focused
        await pilot.press("c")
        assert screen.has_class("-coach-open")
        await pilot.press("escape")
        assert not screen.has_class("-coach-open")
        assert screen.focused is choice  # back where the user was, not on a hidden table
        assert not isinstance(screen.focused, DataTable)
        await pilot.press("enter")
        assert screen.view == "ck-flow"
        assert screen.step_index == 4  # on to the next step, not back to step 1
        assert screen.draft is not None and screen.draft.values["paid:Visa"] == "10"


async def test_a_screen_key_on_a_choice_and_back_keeps_the_draft(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_this_week(pilot)
        await to_borrowing_step(pilot, screen)
        await pilot.press("d")  # not an answer to the question: the dashboard
        assert app.current_mode == "dashboard"
        await pilot.press("w")
        assert app.screen is screen
        assert screen.view == "ck-flow" and screen.step_index == 3
        assert isinstance(screen.focused, ChoiceField)
        for _ in range(3):
            await pilot.press("escape")  # back to step 1, what was typed is still there
        assert screen.step_index == 0
        assert screen.query_one("#ck-f0", Input).value == "10"


async def test_the_week_list_resumes_the_draft(sample_db: Path) -> None:
    """Reaching the list of weeks with a draft (the coach's enter, another screen's key) and
    choosing the same week again goes back into the draft, not a fresh one."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_this_week(pilot)
        await to_borrowing_step(pilot, screen)
        screen.show_overview()
        await pilot.pause()
        await pilot.press("enter")  # 2026-W48, the week of the draft
        await pilot.pause()
        assert screen.view == "ck-flow" and screen.step_index == 3
        assert screen.draft is not None and screen.draft.values["paid:Visa"] == "10"


async def test_esc_on_step_one_asks_before_discarding(sample_db: Path) -> None:
    before = sample_db.read_bytes()
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_this_week(pilot)
        await pilot.press(*"10", "escape")
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert "Discard this week's check-in?" in question
        await pilot.press("n")
        assert app.screen is screen and screen.view == "ck-flow"
        assert screen.query_one("#ck-f0", Input).value == "10"
        assert screen.focused is screen.query_one("#ck-f0")
        await pilot.press("escape", "y")
        assert screen.view == "ck-overview" and screen.draft is None
        await pilot.press("enter")  # a fresh start now
        await pilot.pause()
        assert screen.query_one("#ck-f0", Input).value == ""
        await pilot.press("escape")  # nothing typed: nothing to ask
        assert app.screen is screen and screen.view == "ck-overview"
    assert sample_db.read_bytes() == before


async def test_tab_past_the_last_field_goes_round_the_fields(sample_db: Path) -> None:
    """After the last field, tab landed on the invisible scroll box of the fields: keys then
    went nowhere."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_this_week(pilot)
        fields = [widget for _, widget in screen._shown]
        for expected in [*fields[1:], fields[0], fields[1]]:
            await pilot.press("tab")
            assert screen.focused is expected
        for _ in range(5 + 3 + 3 + 1 + 3):  # from the second payment on to the note
            await pilot.press("enter")
        assert screen.view == "ck-flow" and "step 6 of 6" in text_of(screen, "#ck-title")
        note = screen.query_one("#ck-f0", Input)
        await pilot.press("tab")
        assert screen.focused is note
        await pilot.press(*"ok")
        assert note.value == "ok"
