"""Nothing cut off at 80x24: a long text in a fixed box can be read to its end from the keyboard."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from msgspec.structs import replace
from textual.widgets import Label

from debtcoach.domain.models import Channel, Contact, Loan, LoanKind
from debtcoach.domain.money import parse_money
from debtcoach.services import Ledger
from debtcoach.ui.screens.checkin import CheckInScreen
from debtcoach.ui.widgets.coach_panel import CoachList, CoachPanel, advice_content
from tests.conftest import TODAY, make_app
from tests.ui.list_pilot import open_screen, select_row, skip_offer
from tests.ui.screen_text import screen_words

SMALL = (80, 24)


def tail_of(text: str, words: int = 6) -> str:
    return " ".join(text.split()[-words:])


async def test_the_coachs_why_can_be_read_to_its_end(sample_db: Path) -> None:
    """At 80x24 the "why" of a long advice stopped mid-sentence: ↓, PgDn and End moved to other
    advice and nothing scrolled the text."""
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("c")
        advice = app.advice
        longest = max(range(len(advice)), key=lambda i: len(advice_content(advice[i]).plain))
        for _ in range(longest):
            await pilot.press("down")
        listed = app.screen.query_one("#coach-list", CoachList)
        assert listed.highlighted == longest
        panel = app.screen.query_one(CoachPanel)
        assert panel.max_scroll_y > 0  # it does not fit: without scrolling the end is cut off
        end = tail_of(advice[longest].why)
        assert end not in screen_words(app)
        for _ in range(10):
            if end in screen_words(app):
                break
            await pilot.press("pagedown")
        assert end in screen_words(app)
        assert listed.highlighted == longest  # still the same advice
        await pilot.press("pageup", "pageup", "pageup")
        assert panel.scroll_y == 0
        await pilot.press("ctrl+end")
        assert end in screen_words(app)
        await pilot.press("up")  # another advice is read from its top
        assert panel.scroll_y == 0


async def test_a_long_contact_is_shown_in_full(sample_db: Path) -> None:
    """The detail under the contact log stopped after five lines: a long outcome was cut."""
    asked = (
        "a payment holiday of three months, then 36 installments at the old rate, the late "
        "fees of August and September waived, and a letter confirming the agreement"
    )
    outcome = (
        "Ms Chen will review the payslips and the budget sheet with her manager on Monday; "
        "if they agree she sends the new schedule by post, otherwise she calls back by Friday"
    )
    Ledger(sample_db, TODAY).add_contact(
        Contact(
            "Visa",
            date(2026, 11, 21),
            Channel.PHONE,
            who="Ms Chen, hardship team",
            asked=asked,
            outcome=outcome,
        )
    )
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await open_screen(pilot, "l")
        await select_row(pilot, "Visa")
        await pilot.press("h")
        await pilot.pause()
        words = screen_words(app)
        assert tail_of(outcome) in words
        assert tail_of(asked) in words


async def test_a_long_loan_name_in_the_checkin_is_not_cut(sample_db: Path) -> None:
    long_name = "Harbor Bank platinum credit card"
    Ledger(sample_db, TODAY).add_loan(
        Loan(
            long_name,
            LoanKind.CREDIT_CARD,
            parse_money("900", "USD"),
            Decimal(20),
            parse_money("30", "USD"),
            due_day=25,
        )
    )
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the offer: start this week
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        row = next(
            r for r in screen.query(".ck-row") if long_name in str(r.query_one(Label).render())
        )
        assert row.query_one(Label).size.height == 2  # wrapped, not cut at the label's width
        words = screen_words(app)
        assert "Harbor Bank platinum" in words and "credit card" in words
        assert "owes $900.00 · due day 25 (this week)" in words


async def test_the_restructure_figures_scroll_when_they_do_not_fit(sample_db: Path) -> None:
    lender = "Harbor Bank consumer credit hardship and collections department, " * 2
    ledger = Ledger(sample_db, TODAY)
    visa = ledger.household().loan("Visa")
    assert visa is not None
    ledger.update_loan("Visa", replace(visa, lender=lender.strip()), was=visa)
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await open_screen(pilot, "l")
        await select_row(pilot, "Visa")
        await pilot.press("r")
        await pilot.pause()
        last = "No proposal saved for this loan yet."
        assert last not in screen_words(app)  # below the bottom of the terminal
        await pilot.press("pagedown")
        assert last in screen_words(app)
        assert app.screen.query_one("#rs-installments").has_focus  # still typing the number
        await pilot.press(*"24", "pageup")
        assert "24 installments" in screen_words(app)


async def test_a_checkin_summary_taller_than_the_terminal_scrolls(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        for _ in range(30):
            if screen.view == "ck-summary":
                break
            await pilot.press("enter")
        await pilot.pause()
        assert "enter: back to the weeks" not in screen_words(app)
        await pilot.press("end")
        assert "enter: back to the weeks" in screen_words(app)
        await pilot.press("enter")
        assert screen.view == "ck-overview"
