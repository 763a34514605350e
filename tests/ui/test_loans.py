"""The loans screen at 80x24, driven with real keys; every change checked in the data file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from textual.widgets import Input

from debtcoach.domain.models import LoanKind, LoanStatus
from debtcoach.domain.money import Money
from debtcoach.store.repository import Repository
from debtcoach.ui.screens.loans import LoansScreen
from debtcoach.ui.widgets.confirm import ConfirmDialog
from debtcoach.ui.widgets.data_table import RecordTable
from debtcoach.ui.widgets.forms import RecordForm
from tests.conftest import make_app
from tests.ui.list_pilot import cell, fill, keys_in_order, open_screen, select_row

SIZE = (80, 24)


def usd(text: str) -> Money:
    return Money(int(Decimal(text) * 100), "USD")


def table(app) -> RecordTable:  # type: ignore[no-untyped-def]
    return app.screen.query_one(RecordTable)


async def test_table_shows_each_loan_and_overdue_stands_out(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        assert isinstance(app.screen, LoansScreen)
        assert keys_in_order(app) == ["Car loan", "QuickCash", "Sofa loan", "Visa"]
        assert cell(app, "Visa", 0) == "! Visa"
        assert cell(app, "Visa", 1) == "overdue"
        assert cell(app, "Visa", 2) == "95"  # overdue since 2026-08-20
        assert cell(app, "Visa", 3) == "$5,200.00"
        assert cell(app, "Car loan", 0) == "Car loan"
        assert cell(app, "Car loan", 2) == "-"
        summary = str(app.screen.query_one("#list-summary").content)
        assert summary == "4 open loans, 1 overdue (marked !): Visa is 95 days late."
        totals = str(app.screen.query_one("#list-totals").content)
        assert "$16,700.00" in totals and "$676.00" in totals


async def test_add_a_loan_through_the_form(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await pilot.press("a")
        assert isinstance(app.screen, RecordForm)
        await pilot.press(*"Dentist plan", "tab", *"Smile Credit", "tab")
        await pilot.press("space", "down", "down", "enter")  # kind: online platform
        await pilot.press("tab", "tab", *"1,200.50", "tab", *"19.9", "tab", "tab", *"60")
        await pilot.press("tab", *"15", "tab", *"2026-11-01")
        assert app.screen.choice("status") == "overdue"  # type: ignore[attr-defined]
        await pilot.press("enter")
        assert isinstance(app.screen, LoansScreen)
        assert "Dentist plan" in keys_in_order(app)
        assert cell(app, "Dentist plan", 0) == "! Dentist plan"
        assert cell(app, "Dentist plan", 2) == "22"
        assert "$17,900.50" in str(app.screen.query_one("#list-totals").content)
        # the app re-read the file: the plan and every other screen see the new loan
        assert app.household.loan("Dentist plan") is not None
        assert app.plan.debt("Dentist plan") is not None

    loan = Repository(sample_db).load().loan("Dentist plan")
    assert loan is not None
    assert loan.lender == "Smile Credit"
    assert loan.kind == LoanKind.ONLINE_PLATFORM
    assert loan.balance == usd("1200.50")
    assert loan.apr == Decimal("19.9")
    assert loan.penalty_apr is None
    assert loan.min_payment == usd("60")
    assert loan.due_day == 15
    assert loan.overdue_since == date(2026, 11, 1)
    assert loan.opened_on is None  # never defaulted to today
    assert loan.status == LoanStatus.OVERDUE  # switched in view when the date was typed


async def test_edit_with_e_and_with_enter(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await select_row(pilot, "Car loan")
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, RecordForm)
        assert form.query_one("#f-balance", Input).value == "7400.00"
        await fill(pilot, "balance", "7000")
        await fill(pilot, "name", "Car")
        await pilot.press("enter")
        assert isinstance(app.screen, LoansScreen)
        assert cell(app, "Car", 3) == "$7,000.00"
        assert "Car loan" not in keys_in_order(app)

        await select_row(pilot, "Visa")
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, RecordForm)
        form.query_one("#f-to_repay_other_debt").focus()
        await pilot.press("space", "enter")

    household = Repository(sample_db).load()
    assert household.loan("Car loan") is None
    car = household.loan("Car")
    assert car is not None and car.balance == usd("7000") and car.lender == "City Auto Finance"
    visa = household.loan("Visa")
    assert visa is not None and visa.to_repay_other_debt is True
    assert visa.status == LoanStatus.OVERDUE


async def test_delete_asks_first(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await select_row(pilot, "QuickCash")
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert "QuickCash" in keys_in_order(app)
        assert Repository(sample_db).load().loan("QuickCash") is not None
        await pilot.press("x", "y")
        assert isinstance(app.screen, LoansScreen)
        assert "QuickCash" not in keys_in_order(app)
    assert Repository(sample_db).load().loan("QuickCash") is None


async def test_bad_input_is_refused_and_nothing_written(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        before = sample_db.read_bytes()
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, RecordForm)
        await pilot.press(*"Visa")  # a duplicate: only the store knows
        await fill(pilot, "balance", "12.345")
        assert "too many decimals" in form.field_error("balance")
        await fill(pilot, "apr", "abc")
        assert "not a number" in form.field_error("apr")
        await fill(pilot, "min_payment", "-5")
        assert "must not be negative" in form.field_error("min_payment")
        await fill(pilot, "overdue_since", "2026-02-30")
        assert "does not exist" in form.field_error("overdue_since")
        await fill(pilot, "due_day", "40")
        assert "out of range" in form.field_error("due_day")
        await pilot.press("enter")
        assert app.screen is form
        assert sample_db.read_bytes() == before

        await fill(pilot, "balance", "100")
        await fill(pilot, "apr", "10")
        await fill(pilot, "min_payment", "5")
        await fill(pilot, "due_day", "")
        await fill(pilot, "overdue_since", "2026-12-01")  # after today
        assert "after today" in form.field_error("overdue_since")
        await fill(pilot, "overdue_since", "")
        await pilot.press("enter")
        assert app.screen is form
        assert "already exists" in form.field_error("name")
        assert sample_db.read_bytes() == before

        await pilot.press("escape", "y")  # discard what was typed
        assert isinstance(app.screen, LoansScreen)
    assert sample_db.read_bytes() == before


async def test_escape_cancels_an_edit(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        before = sample_db.read_bytes()
        await select_row(pilot, "Visa")
        await pilot.press("e")
        await fill(pilot, "balance", "1")
        await pilot.press("escape", "y")  # the question: discard the changes
        assert isinstance(app.screen, LoansScreen)
        assert cell(app, "Visa", 3) == "$5,200.00"
    assert sample_db.read_bytes() == before


async def test_filter_and_sort_with_keys(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await pilot.press("slash", *"harb")  # Visa's lender is Harbor Bank
        assert keys_in_order(app) == ["Visa"]
        await pilot.press("escape")
        assert len(keys_in_order(app)) == 4
        assert table(app).has_focus

        await pilot.press("s")  # status
        assert keys_in_order(app)[-1] == "Visa"
        await pilot.press("s")  # days late: the overdue loan first, the rest after
        assert keys_in_order(app)[0] == "Visa"
        await pilot.press("s")  # balance, smallest first
        assert keys_in_order(app) == ["QuickCash", "Sofa loan", "Visa", "Car loan"]
        await pilot.press("S")  # reversed: largest first
        assert keys_in_order(app) == ["Car loan", "Visa", "Sofa loan", "QuickCash"]


async def test_coach_toggle_gives_the_focus_back_to_the_list(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await pilot.press("c", "c")
        assert table(app).has_focus
        await pilot.press("down", "e")
        assert isinstance(app.screen, RecordForm)
        assert "QuickCash" in app.screen.form_title


async def test_empty_household_invites_to_add(empty_db: Path) -> None:
    app = make_app(empty_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        assert "No loans yet" in str(app.screen.query_one("#list-empty").content)
        await pilot.press("e", "x")  # nothing to edit or remove: a calm note, no dialog
        assert isinstance(app.screen, LoansScreen)
        await pilot.press("a", *"Card", "tab", "tab", "tab", "tab", *"500", "tab", *"20")
        await pilot.press("tab", "tab", *"25", "enter")
        assert keys_in_order(app) == ["Card"]
    loan = Repository(empty_db).load().loan("Card")
    assert loan is not None and loan.kind == LoanKind.CREDIT_CARD
    assert loan.status == LoanStatus.CURRENT


async def test_restructured_needs_agreed_terms(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        before = sample_db.read_bytes()
        await select_row(pilot, "Car loan")
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, RecordForm)
        form.query_one("#f-status").focus()
        await pilot.press("space", "down", "down", "down", "enter", "enter")
        assert "agreed terms" in form.field_error("status")
        assert app.screen is form
        await pilot.press("escape")
    assert sample_db.read_bytes() == before


async def test_clicking_a_header_sorts_by_it(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        t = table(app)
        columns = list(t.columns.values())
        x = sum(column.get_render_width(t) for column in columns[:3]) + 2  # inside "Balance"
        await pilot.click(RecordTable, offset=(x, 0))
        assert keys_in_order(app) == ["QuickCash", "Sofa loan", "Visa", "Car loan"]
        await pilot.click(RecordTable, offset=(x, 0))  # again: the other way round
        assert keys_in_order(app) == ["Car loan", "Visa", "Sofa loan", "QuickCash"]


async def test_rate_shows_the_apr_and_the_penalty_in_force_and_the_lender_fits_80(
    sample_db: Path,
) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        # Visa's 19.99 % as typed, and the 29.99 % it pays while behind, labelled.
        assert cell(app, "Visa", 5) == "19.99%\npenalty 29.99%"
        assert cell(app, "Car loan", 5) == "6.9%"
        assert cell(app, "Visa", 6) == "Harbor Bank"
        assert cell(app, "Car loan", 6) == "City Auto Fina…"
        t = table(app)
        columns = list(t.columns.values())
        lender_ends = sum(column.get_render_width(t) for column in columns[:7])
        assert str(columns[6].label) == "Lender"
        # The lender's text is on screen (only its right padding may fall past the edge).
        assert lender_ends - t.cell_padding <= t.scrollable_content_region.width
        await pilot.press("s", "s", "s", "s", "s")  # the rate column sorts by the APR typed
        assert keys_in_order(app) == ["Car loan", "Sofa loan", "Visa", "QuickCash"]
