"""The open-source (income) screen at 80x24: each source per month, totals, add/edit/delete."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from debtcoach.domain.models import Frequency, IncomeKind
from debtcoach.domain.money import Money
from debtcoach.store.repository import Repository
from debtcoach.ui.screens.income import IncomeScreen
from debtcoach.ui.widgets.forms import RecordForm
from tests.conftest import make_app
from tests.ui.list_pilot import cell, fill, keys_in_order, open_screen, select_row, totals

SIZE = (80, 24)


async def test_each_source_per_month_and_the_totals(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "o")
        assert isinstance(app.screen, IncomeScreen)
        assert keys_in_order(app) == ["Salary", "Tutoring", "Weekend delivery"]
        assert cell(app, "Weekend delivery", 2) == "$90.00"
        assert cell(app, "Weekend delivery", 4) == "$390.00"  # weekly × 52 / 12
        assert cell(app, "Tutoring", 4) == "$346.67"  # biweekly × 26 / 12, half-up
        text = totals(app)
        assert "regular $2,650.00" in text
        assert "side $736.67" in text
        assert "both $3,386.67" in text


async def test_add_side_income_then_edit_then_delete(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "o")
        await pilot.press("a", *"Repairs", "tab", "space", "down", "enter")  # kind: side
        await pilot.press("tab", *"50", "tab", "space", "down", "enter")  # weekly
        await pilot.press("enter")
        assert isinstance(app.screen, IncomeScreen)
        assert cell(app, "Repairs", 4) == "$216.67"  # 50 × 52 / 12 = 216.666…
        assert "side $953.34" in totals(app)

        await select_row(pilot, "Salary")
        await pilot.press("e")
        await fill(pilot, "amount", "2700")
        await pilot.press("enter")
        assert "regular $2,700.00" in totals(app)

        await select_row(pilot, "Tutoring")
        await pilot.press("x", "y")
        assert keys_in_order(app) == ["Repairs", "Salary", "Weekend delivery"]

    household = Repository(sample_db).load()
    by_name = {item.name: item for item in household.income}
    assert set(by_name) == {"Salary", "Weekend delivery", "Repairs"}
    assert by_name["Repairs"].kind == IncomeKind.SIDE
    assert by_name["Repairs"].frequency == Frequency.WEEKLY
    assert by_name["Repairs"].amount == Money(5000, "USD")
    assert by_name["Salary"].amount == Money(270000, "USD")


async def test_bad_income_is_refused(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "o")
        before = sample_db.read_bytes()
        await pilot.press("a", *"Salary")
        form = app.screen
        assert isinstance(form, RecordForm)
        await fill(pilot, "amount", "0")
        assert "more than zero" in form.field_error("amount")
        await fill(pilot, "amount", "abc")
        assert "not a number" in form.field_error("amount")
        await fill(pilot, "amount", "100")
        await fill(pilot, "start", "2026-12-01")
        await fill(pilot, "end", "2026-11-30")
        await pilot.press("enter")
        assert "before start" in form.field_error("end")
        await fill(pilot, "end", "")
        await pilot.press("enter")
        assert "already exists" in form.field_error("name")
        assert app.screen is form
        await pilot.press("escape", "y")  # discard what was typed
        assert isinstance(app.screen, IncomeScreen)
    assert sample_db.read_bytes() == before


async def test_an_income_that_has_ended_is_shown_as_not_now(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "o")
        await select_row(pilot, "Tutoring")
        await pilot.press("e")
        await fill(pilot, "end", "2026-10-31")
        await pilot.press("enter")
        assert cell(app, "Tutoring", 0) == "Tutoring (not now)"
    source = next(x for x in Repository(sample_db).load().income if x.name == "Tutoring")
    assert source.end == date(2026, 10, 31)
