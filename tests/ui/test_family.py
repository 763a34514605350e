"""The family loans screen at 80x24: at-risk promises, repayments, add/edit/delete."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, Static

from debtcoach.domain.money import Money
from debtcoach.store.repository import Repository
from debtcoach.ui.screens.family import FamilyScreen
from debtcoach.ui.widgets.forms import RecordForm
from tests.conftest import TODAY, make_app
from tests.ui.list_pilot import cell, fill, keys_in_order, open_screen, select_row, totals

SIZE = (80, 24)


async def test_rows_and_promises_at_risk(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f")
        assert isinstance(app.screen, FamilyScreen)
        assert keys_in_order(app) == ["Li Wei", "Mum"]
        assert cell(app, "Mum", 1) == "mother"
        assert cell(app, "Mum", 2) == "$1,500.00"
        assert cell(app, "Mum", 3) == "$100.00"
        assert cell(app, "Mum", 4) == "$1,400.00"
        # the plan clears the relatives in 2028, after both promises
        assert cell(app, "Mum", 5) == "2027-06-30 at risk"
        assert cell(app, "Mum", 0) == "! Mum"
        assert app.plan.debt("Mum", family=True).at_risk  # type: ignore[union-attr]
        assert "At risk" in str(app.screen.query_one("#list-summary", Static).content)
        assert "still owed $2,000.00" in totals(app)


async def test_a_promise_the_plan_can_keep_is_not_at_risk(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f")
        await select_row(pilot, "Mum")
        await pilot.press("e")
        await fill(pilot, "promised", "2030-12-31")
        await pilot.press("enter")
        assert cell(app, "Mum", 0) == "Mum"
        assert cell(app, "Mum", 5) == "2030-12-31"
        assert cell(app, "Li Wei", 0) == "! Li Wei"
    mum = Repository(sample_db).load().family_loan("Mum")
    assert mum is not None and mum.promised == date(2030, 12, 31)
    assert len(mum.repayments) == 1  # editing keeps the repayment history


async def test_record_a_repayment(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f")
        before = sample_db.read_bytes()
        await select_row(pilot, "Li Wei")
        await pilot.press("r")
        form = app.screen
        assert isinstance(form, RecordForm)
        assert form.query_one("#f-date", Input).value == TODAY.isoformat()
        await pilot.press(*"600.01")
        assert "more than the 600.00 still owed" in form.field_error("amount")
        await pilot.press("enter")
        assert app.screen is form
        assert sample_db.read_bytes() == before
        await fill(pilot, "amount", "150")
        await pilot.press("enter")
        assert isinstance(app.screen, FamilyScreen)
        assert cell(app, "Li Wei", 3) == "$150.00"
        assert cell(app, "Li Wei", 4) == "$450.00"
    li = Repository(sample_db).load().family_loan("Li Wei")
    assert li is not None
    assert li.balance == Money(45000, "USD")
    assert li.repayments[-1].on == TODAY
    assert li.repayments[-1].amount == Money(15000, "USD")


async def test_add_edit_delete_family_loan(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f")
        await pilot.press("a", *"Aunt Jo", "tab", *"aunt", "tab", *"300")
        await pilot.press("tab", "tab", *"2031-01-31", "enter")
        assert isinstance(app.screen, FamilyScreen)
        assert cell(app, "Aunt Jo", 4) == "$300.00"
        assert cell(app, "Aunt Jo", 5) == "2031-01-31"

        await select_row(pilot, "Aunt Jo")
        await pilot.press("e")
        await fill(pilot, "lender", "Aunt Joan")
        await pilot.press("enter")
        assert "Aunt Joan" in keys_in_order(app)

        await select_row(pilot, "Li Wei")
        await pilot.press("x", "y")
        assert keys_in_order(app) == ["Aunt Joan", "Mum"]

    household = Repository(sample_db).load()
    joan = household.family_loan("Aunt Joan")
    assert joan is not None
    assert joan.amount == Money(30000, "USD")
    assert joan.borrowed_on == TODAY  # the form's default
    assert joan.relationship == "aunt"
    assert household.family_loan("Li Wei") is None


async def test_bad_family_input_is_refused(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f")
        before = sample_db.read_bytes()
        await pilot.press("a", *"Mum", "tab", "tab", *"abc")
        form = app.screen
        assert isinstance(form, RecordForm)
        assert "not a number" in form.field_error("amount")
        await fill(pilot, "amount", "100")
        await fill(pilot, "borrowed_on", "2026-12-24")
        assert "after today" in form.field_error("borrowed_on")
        await fill(pilot, "borrowed_on", "2026-02-30")
        assert "does not exist" in form.field_error("borrowed_on")
        await fill(pilot, "borrowed_on", "2026-01-05")
        await pilot.press("enter")
        assert "already exists" in form.field_error("lender")
        await pilot.press("escape", "y")  # discard what was typed

        await select_row(pilot, "Mum")
        await pilot.press("e")
        await fill(pilot, "amount", "50")  # less than the 100 already repaid
        await pilot.press("enter")
        assert "already repaid" in app.screen.field_error("amount")  # type: ignore[attr-defined]
        await pilot.press("escape", "y")
        assert isinstance(app.screen, FamilyScreen)
    assert sample_db.read_bytes() == before


async def test_repaying_everything_closes_the_loan(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f")
        await select_row(pilot, "Li Wei")
        await pilot.press("r", *"600", "enter")  # exactly what is owed is fine
        assert cell(app, "Li Wei", 4) == "$0.00"
        assert cell(app, "Li Wei", 5) == "2027-03-31"  # nothing owed: no longer at risk
        await pilot.press("r")  # nothing left to repay: a note, no form
        assert isinstance(app.screen, FamilyScreen)
    li = Repository(sample_db).load().family_loan("Li Wei")
    assert li is not None and li.balance == Money(0, "USD")
