"""The calculator's case, the letter's ticks, format and language, and its full path, at 80x24
with real keys (the figures are held against the domain's `lender_case`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input

from debtcoach.domain.money import format_money
from debtcoach.domain.proposal import case_for
from debtcoach.domain.wording import percent_words
from debtcoach.store.repository import Repository
from debtcoach.ui.widgets.forms import RecordForm
from tests.conftest import TODAY, make_app
from tests.ui.list_pilot import messages
from tests.ui.test_restructure_screen import SIZE, open_calculator, set_installments, text_of


async def test_the_case_is_shown_from_the_numbers(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calculator(pilot, app)
        await set_installments(pilot, screen, "36")
        assert screen.quote is not None
        case = case_for(Repository(sample_db).load(), screen.quote, TODAY)
        shown = " ".join(text_of(screen, "#rs-case").split())
        assert f"Behind: about {format_money(case.arrears)} past due now" in shown
        assert "a late fee of $35.00 a month and the penalty rate of 29.99%" in shown
        assert "Hardship: today's budget brings this loan current only in March 2027" in shown
        assert f"(4 months, more than 3), with {format_money(case.fees_until_current)}" in shown
        assert (
            f"If agreed: current again from December 2026, "
            f"{format_money(screen.quote.installment)} each installment." in shown
        )
        compare = text_of(screen, "#rs-compare")
        rate_row = next(line for line in compare.splitlines() if line.startswith("Yearly rate"))
        assert rate_row.split()[-2:] == ["29.99%", f"{screen.quote.equivalent_apr}%"]


async def test_a_current_loan_shows_no_hardship_and_the_price(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calculator(pilot, app, "Car loan")
        await set_installments(pilot, screen, "48")
        assert screen.quote is not None
        shown = " ".join(text_of(screen, "#rs-case").split())
        assert shown == (
            "No hardship shown: today's budget covers the payments. This plan would cost "
            f"{format_money(screen.quote.cost)} over the balance "
            f"({percent_words(screen.quote.equivalent_apr)} a year)."
        )


async def test_ticks_format_and_language_go_into_the_letter(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calculator(pilot, app)
        await set_installments(pilot, screen, "60")
        await pilot.press("i", "e", "s")  # ask: penalty, fees; format: plain text
        await pilot.pause()
        assert screen.query_one("#rs-ask-penalty", Checkbox).value
        assert screen.query_one("#rs-ask-fees", Checkbox).value
        assert not screen.query_one("#rs-name-lenders", Checkbox).value
        assert "Letter (w): plain text, English" in text_of(screen, "#rs-letter")
        await pilot.press("w")
        await pilot.pause()
        first = sample_db.parent / "proposal-visa-2026-11-23.txt"
        text = first.read_text(encoding="utf-8")
        assert "2. Stop or reduce the penalty interest while I keep to this plan." in text
        assert "3. Stop or reduce the late fees and other charges" in text
        assert "QuickCash" not in text  # other lenders as a total: not ticked
        assert f"Letter written: {first.resolve()}" in text_of(screen, "#rs-letter")
        await pilot.press("a", "g", "w")  # name the lenders, in Chinese, a second letter
        await pilot.pause()
        second = sample_db.parent / "proposal-visa-2026-11-23-2.txt"
        chinese = second.read_text(encoding="utf-8")
        assert chinese.startswith("协商还款申请") and "QuickCash" in chinese
        assert first.read_text(encoding="utf-8") == text  # the first letter is untouched
        assert f"Letter written: {second.resolve()}" in text_of(screen, "#rs-letter")


async def test_h_puts_what_happened_into_the_letter_as_typed(sample_db: Path) -> None:
    reason = "I lost my job in August [b]x[/b]"
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calculator(pilot, app)
        await set_installments(pilot, screen, "60")
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, RecordForm)
        await pilot.press(*reason)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert messages(app)[-1] == "The letter will say what happened."
        assert f"What happened: {reason}" in text_of(screen, "#rs-letter")
        await pilot.press("s", "w")  # plain text
        await pilot.pause()
        written = sample_db.parent / "proposal-visa-2026-11-23.txt"
        assert f"What happened: {reason}" in written.read_text(encoding="utf-8")
        await pilot.press("h")  # the reason is there to change; emptied, it leaves the letter
        await pilot.pause()
        assert app.screen.query_one("#f-reason", Input).value == reason
        await pilot.press("backspace", "enter")
        await pilot.pause()
        assert messages(app)[-1] == "The letter gives no reason."
        assert "What happened" not in text_of(screen, "#rs-letter")
        assert screen.letter_options().reason == ""


async def test_in_a_browser_the_letter_is_a_download_and_no_file_is_written(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`debtcoach serve`: `w` hands the letter to the browser (Textual's `deliver_text`)."""
    from debtcoach.ui.app import DebtCoachApp

    delivered: list[tuple[str, object]] = []

    def deliver_text(self: DebtCoachApp, file: object, **options: object) -> str:
        delivered.append((file.read(), options.get("save_filename")))  # type: ignore[attr-defined]
        return "key"

    monkeypatch.setattr(DebtCoachApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(DebtCoachApp, "deliver_text", deliver_text)
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calculator(pilot, app)
        await set_installments(pilot, screen, "60")
        await pilot.press("w")
        await pilot.pause()
    [(text, name)] = delivered
    assert name == "proposal-visa-2026-11-23.md"
    assert "Visa" in text and "60" in text
    assert not (sample_db.parent / "proposal-visa-2026-11-23.md").exists()


async def test_a_loan_up_to_date_offers_no_penalty_or_fees_to_stop(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calculator(pilot, app, "Car loan")
        await set_installments(pilot, screen, "48")
        await pilot.press("i", "e", "a", "w")
        await pilot.pause()
        for box in ("#rs-ask-penalty", "#rs-ask-fees"):
            assert screen.query_one(box, Checkbox).disabled
            assert not screen.query_one(box, Checkbox).value
        assert screen.query_one("#rs-name-lenders", Checkbox).value  # still the user's choice
        text = (sample_db.parent / "proposal-car-loan-2026-11-23.md").read_text(encoding="utf-8")
        assert "Stop or reduce" not in text and "QuickCash" in text
        screen.dismiss()
        await pilot.pause()
        visa = await open_calculator(pilot, app, "Visa")
        await pilot.press("i")
        await pilot.pause()
        assert visa.query_one("#rs-ask-penalty", Checkbox).value  # behind: there is one to stop
