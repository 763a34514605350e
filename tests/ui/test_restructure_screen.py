"""The restructure calculator at 80x24 with real keys: figures, the card limit, marking, letter."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from rich.console import Console
from textual.widgets import Input, Static

from debtcoach.domain.models import LoanStatus, ProposalState, RestructureMode
from debtcoach.domain.money import format_money
from debtcoach.domain.restructure import CREDIT_CARD_LIMIT_REASON, quote_restructure
from debtcoach.domain.wording import month_words
from debtcoach.services import Ledger
from debtcoach.store.repository import Repository
from debtcoach.ui.screens.restructure import RestructureScreen, letter_path
from tests.conftest import TODAY, make_app
from tests.ui.list_pilot import skip_offer

SIZE = (80, 24)


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let the app start and step past the weekly check-in offer."""
    await skip_offer(pilot)


def text_of(screen: RestructureScreen, selector: str) -> str:
    """What a Static shows, as plain text (Rich tables rendered wide, so nothing is cut)."""
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(screen.query_one(selector, Static).content)
    return console.export_text().rstrip()


def screen_text(screen: RestructureScreen) -> str:
    return "\n".join(
        text_of(screen, s)
        for s in ("#rs-loan", "#rs-error", "#rs-compare", "#rs-verdict", "#rs-saved")
    )


async def open_calculator(pilot, app, loan: str = "Visa") -> RestructureScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    screen = RestructureScreen(loan)
    await app.push_screen(screen)
    await pilot.pause()
    return screen


async def set_installments(pilot, screen: RestructureScreen, value: str) -> None:  # type: ignore[no-untyped-def]
    field = screen.query_one("#rs-installments", Input)
    field.focus()
    await pilot.press("end", *["backspace"] * 4, *value)
    await pilot.pause()


async def test_calculator_shows_the_quote_and_the_plan_change(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calculator(pilot, app)
        await set_installments(pilot, screen, "48")
        loan = Repository(sample_db).load().loan("Visa")
        assert loan is not None
        quote = quote_restructure(loan, 48)
        shown = screen_text(screen)
        for amount in (quote.current_payment, quote.installment, quote.last_installment,
                       quote.cost, quote.total_paid):  # fmt: skip
            assert format_money(amount) in shown
        assert screen.quote == quote
        assert "Space:" in shown and "Time:" in shown
        before, after = Ledger(sample_db, TODAY).restructure_preview(quote)
        assert before.debt_free is not None and after.debt_free is not None
        now, agreed = month_words(before.debt_free, "en_US"), month_words(after.debt_free, "en_US")
        assert f"now       debt-free {now} ({before.months} months)" in shown
        assert f"if agreed debt-free {agreed} ({after.months} months)" in shown


async def test_more_than_60_for_a_card_is_refused_at_the_field(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calculator(pilot, app)
        await set_installments(pilot, screen, "61")
        assert CREDIT_CARD_LIMIT_REASON in text_of(screen, "#rs-error").replace("\n", " ")
        assert screen.quote is None
        before = sample_db.read_bytes()
        await pilot.press("y")  # nothing to agree to: nothing is written
        await pilot.pause()
        assert sample_db.read_bytes() == before
        await set_installments(pilot, screen, "60")
        assert text_of(screen, "#rs-error") == ""
        assert screen.quote is not None and screen.quote.installments == 60


async def test_letters_are_not_typed_into_the_field(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calculator(pilot, app)
        await set_installments(pilot, screen, "24")
        await pilot.press("x", "z", "-", "1")
        await pilot.pause()
        assert screen.query_one("#rs-installments", Input).value == "241"


async def test_flat_fee_mode_uses_the_fee_rate(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calculator(pilot, app)
        await set_installments(pilot, screen, "12")
        screen.query_one("#rs-mode").focus()
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        assert "fee rate" in text_of(screen, "#rs-error")
        fee = screen.query_one("#rs-fee", Input)
        assert not fee.disabled
        fee.focus()
        await pilot.press(*"0.6")
        await pilot.pause()
        loan = Repository(sample_db).load().loan("Visa")
        assert loan is not None
        expected = quote_restructure(loan, 12, RestructureMode.FLAT_FEE, Decimal("0.6"))
        assert screen.quote == expected
        assert format_money(expected.installment) in screen_text(screen)


async def test_agreeing_saves_the_terms_and_the_plan_follows(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calculator(pilot, app)
        await set_installments(pilot, screen, "60")
        quote = screen.quote
        assert quote is not None
        await pilot.press("m")
        await pilot.pause()
        loan = Repository(sample_db).load().loan("Visa")
        assert loan is not None and loan.status == LoanStatus.NEGOTIATING
        assert loan.restructure == quote.as_terms(ProposalState.PROPOSED)
        assert "proposed" in text_of(screen, "#rs-saved")

        await pilot.press("y")
        await pilot.pause()
        loan = Repository(sample_db).load().loan("Visa")
        assert loan is not None and loan.is_restructured
        assert loan.restructure == quote.as_terms(ProposalState.AGREED, agreed_on=TODAY)
        assert "agreed on 2026-11-23" in text_of(screen, "#rs-saved")
        # the app's plan now follows the installments
        first = app.plan.schedule[0]
        assert first.payments["Visa"].minor >= quote.installment.minor
        assert app.household.loan("Visa").scheduled_payment == quote.installment  # type: ignore[union-attr]

        await pilot.press("n")
        await pilot.pause()
        loan = Repository(sample_db).load().loan("Visa")
        assert loan is not None and loan.status == LoanStatus.OVERDUE
        assert loan.restructure is not None and loan.restructure.state == ProposalState.REFUSED


async def test_w_writes_the_letter_next_to_the_data_file(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calculator(pilot, app)
        await set_installments(pilot, screen, "36")
        await pilot.press("w")
        await pilot.pause()
        path = letter_path(sample_db, "Visa", TODAY.isoformat())
        assert path == sample_db.parent / "proposal-visa-2026-11-23.md"
        text = path.read_text(encoding="utf-8")
        assert path.stat().st_mode & 0o777 == 0o600
        assert screen.quote is not None
        assert f"- Installment: {format_money(screen.quote.installment)} a month" in text
        assert any(str(path) in n.message for n in app._notifications)


async def test_escape_goes_back(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calculator(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen


def test_letter_path_is_safe() -> None:
    assert letter_path(Path("/d/x.json"), "Car loan / 2", "2026-11-23") == Path(
        "/d/proposal-car-loan-2-2026-11-23.md"
    )
    assert (
        letter_path(Path("/d/x.json"), "信用卡", "2026-11-23").name == "proposal-loan-2026-11-23.md"
    )


async def test_r_on_the_loans_screen_opens_the_calculator_for_the_selected_loan(
    sample_db: Path,
) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        loans = app.screen
        await pilot.press("down")  # the second loan: QuickCash
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RestructureScreen) and screen.loan_name == "QuickCash"
        assert "QuickCash" in text_of(screen, "#rs-loan")
        assert screen.quote is not None and screen.quote.loan == "QuickCash"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is loans


async def test_coach_key_and_escape_at_80_columns(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calculator(pilot, app)
        await pilot.press("c")  # not typed into the field: opens the coach full width
        await pilot.pause()
        assert screen.has_class("-coach-open")
        await pilot.press("escape")  # first escape closes the coach
        await pilot.pause()
        assert not screen.has_class("-coach-open") and app.screen is screen
        await pilot.press("escape")  # the next one goes back
        await pilot.pause()
        assert app.screen is not screen
