"""The weekly check-in keeps its draft through the user's slips, and a correction of a past week
shows that week, with real keys at 80x24."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, Static

from debtcoach.cli import main
from debtcoach.domain.models import Frequency, IncomeKind, IncomeSource, Loan, LoanKind
from debtcoach.domain.money import Money, parse_money
from debtcoach.services import Ledger
from debtcoach.store.repository import Repository
from debtcoach.ui.screens.checkin import CheckInScreen, ChoiceField
from debtcoach.ui.widgets.confirm import ConfirmDialog
from tests.conftest import TODAY, make_app

SIZE = (80, 24)


def usd(text: str) -> Money:
    return parse_money(text, "USD")


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
        # From the second payment on to the note; the lenders' step is one field until a loan
        # is picked.
        for _ in range(5 + 3 + 3 + 1 + 1):
            await pilot.press("enter")
        assert screen.view == "ck-flow" and "step 6 of 6" in text_of(screen, "#ck-title")
        note = screen.query_one("#ck-f0", Input)
        await pilot.press("tab")
        assert screen.focused is note
        await pilot.press(*"ok")
        assert note.value == "ok"


# -- item 17: correcting a past week shows that week ----------------------------------------------


def labels_and_info(screen: CheckInScreen) -> dict[str, str]:
    return {
        str(row.query_one(".ck-label", Label).render()): str(
            row.query_one(".ck-info", Label).render()
        )
        for row in screen.query(".ck-row")
    }


async def test_correcting_a_past_week_shows_every_figure_as_of_that_week(sample_db: Path) -> None:
    """The correction of an old week showed one loan's balance before that week beside
    another's as of today, offered a loan opened after it, left out a loan open then but paid
    off since, and its summary gave today's total owed."""
    # Since 2026-W45: the Sofa loan was paid off in W47, a payday loan opened in W47, a new job
    # started in W47.
    assert main(["--db", str(sample_db), "--today", "2026-11-23", "checkin", "add",
                 "--week", "2026-W47", "--paid", "Sofa loan=2300"]) == 0  # fmt: skip
    ledger = Ledger(sample_db, TODAY)
    ledger.add_loan(
        Loan(
            "Payday app",
            LoanKind.ONLINE_PLATFORM,
            usd("300"),
            Decimal(30),
            usd("50"),
            opened_on=date(2026, 11, 18),
        )
    )
    ledger.add_income(
        IncomeSource(
            "New job", IncomeKind.REGULAR, usd("900"), Frequency.MONTHLY, start=date(2026, 11, 20)
        )
    )
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s", "w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        await pilot.press("down", "down", "down", "enter")  # W48, W47, W46, W45
        await pilot.pause()
        assert "Correcting 2026-W45" in text_of(screen, "#ck-title")
        payments = labels_and_info(screen)
        assert list(payments) == ["Visa", "QuickCash", "Car loan", "Sofa loan", "Mum", "Li Wei"]
        assert payments["Visa"].startswith("owed $5,300.00 then")  # 5,200 + W46's 100
        assert payments["QuickCash"].startswith("owed $1,980.00 then")
        assert payments["Sofa loan"].startswith("owed $2,300.00 then · paid off since")
        assert payments["Mum"] == "family · owed $1,400.00 then"
        await pilot.press("enter", *"200")  # QuickCash: 180.00 → 200.00
        assert screen.query_one("#ck-f1", Input).value == "200"
        await pilot.press("enter", "enter", "enter", "enter", "enter")
        assert "step 2 of 6" in text_of(screen, "#ck-title")
        assert list(labels_and_info(screen)) == ["Salary", "Weekend delivery", "Tutoring"]
        for _ in range(3 + 3 + 1):
            await pilot.press("enter")
        assert "step 5 of 6" in text_of(screen, "#ck-title")
        loans = screen.query_one("#ck-f0", ChoiceField).options
        assert loans == ("none", "Visa", "QuickCash", "Car loan", "Sofa loan")
        for _ in range(1 + 1):  # no talk (one field until a loan is picked), the note
            await pilot.press("enter")
        await pilot.pause()
        assert screen.view == "ck-summary"
        summary = text_of(screen, "#ck-summary-text")
        # 5,300 + 1,780 + 7,400 + 2,300 + 1,400 + 600: the week's own debts, after its payments
        assert "Owed at the end of 2026-W45: $18,780.00 (down $200.00)" in summary
        assert "Total owed" not in summary
    quickcash = Repository(sample_db).load().loan("QuickCash")
    assert quickcash is not None and quickcash.balance == usd("1780")


async def test_a_past_week_refuses_more_than_can_still_be_paid(sample_db: Path) -> None:
    assert main(["--db", str(sample_db), "--today", "2026-11-23", "checkin", "add",
                 "--week", "2026-W47", "--paid", "Sofa loan=2300"]) == 0  # fmt: skip
    before = sample_db.read_bytes()
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s", "w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        await pilot.press("enter", "enter", "enter", *"10")  # Sofa loan, paid off since
        for _ in range(3):
            await pilot.press("enter")
        assert screen.step_index == 0
        assert "$0.00 that can still be paid" in text_of(screen, "#ck-error")
    assert sample_db.read_bytes() == before
