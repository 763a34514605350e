"""The throttling (expenses) screen at 80x24: space toggles a cut and saves it at once."""

from __future__ import annotations

from pathlib import Path

from debtcoach.domain.money import Money
from debtcoach.store.repository import Repository
from debtcoach.ui.screens.expenses import ExpensesScreen
from debtcoach.ui.widgets.forms import RecordForm
from tests.conftest import make_app
from tests.ui.list_pilot import cell, fill, keys_in_order, open_screen, select_row, totals

SIZE = (80, 24)


def expense(path: Path, name: str):  # type: ignore[no-untyped-def]
    return next((x for x in Repository(path).load().expenses if x.name == name), None)


async def test_current_target_and_savings(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "t")
        assert isinstance(app.screen, ExpensesScreen)
        assert len(keys_in_order(app)) == 10
        assert cell(app, "Eating out", 1) == "$210.00"
        assert cell(app, "Eating out", 2) == "$60.00"
        assert cell(app, "Eating out", 3) == "$150.00"
        assert cell(app, "Eating out", 5) == "[x] on"
        assert cell(app, "Rent", 3) == "-"
        assert cell(app, "Rent", 4) == "yes"
        # active: groceries 100 + phone 40 + eating out 150; all: + streaming 30, clothing 60, gym 45
        text = totals(app)
        assert "active cuts $290.00" in text
        assert "every cut $425.00" in text


async def test_space_toggles_a_cut_and_saves_it(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "t")
        await select_row(pilot, "Streaming")
        await pilot.press("space")
        assert cell(app, "Streaming", 5) == "[x] on"
        assert "active cuts $320.00" in totals(app)
        saved = expense(sample_db, "Streaming")
        assert saved is not None and saved.cut_active is True
        # the plan and every screen were refreshed from the file
        assert app.household.expenses[6].cut_active is True

        await pilot.press("space")
        assert cell(app, "Streaming", 5) == "[ ] off"
        saved = expense(sample_db, "Streaming")
        assert saved is not None and saved.cut_active is False


async def test_a_cut_without_a_lower_target_is_not_turned_on(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "t")
        before = sample_db.read_bytes()
        await select_row(pilot, "Rent")
        await pilot.press("space")
        assert cell(app, "Rent", 5) == "-"  # no target: nothing to cut
    assert sample_db.read_bytes() == before


async def test_add_edit_delete_expense(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "t")
        await pilot.press("a", *"Takeaway coffee", "tab", *"48.50", "tab", *"10")
        await pilot.press("tab", "tab", "space", "enter")  # not essential, cut on
        assert isinstance(app.screen, ExpensesScreen)
        assert cell(app, "Takeaway coffee", 3) == "$38.50"
        assert cell(app, "Takeaway coffee", 5) == "[x] on"

        await select_row(pilot, "Gym")
        await pilot.press("e")
        await fill(pilot, "target", "15")
        await pilot.press("enter")
        assert cell(app, "Gym", 2) == "$15.00"

        await select_row(pilot, "Clothing")
        await pilot.press("x", "y")
        assert "Clothing" not in keys_in_order(app)

    coffee = expense(sample_db, "Takeaway coffee")
    assert coffee is not None
    assert coffee.current == Money(4850, "USD") and coffee.target == Money(1000, "USD")
    assert coffee.cut_active and not coffee.essential
    gym = expense(sample_db, "Gym")
    assert gym is not None and gym.target == Money(1500, "USD")
    assert expense(sample_db, "Clothing") is None


async def test_bad_expense_input_is_refused(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "t")
        before = sample_db.read_bytes()
        await pilot.press("a", *"Rent", "tab", *"12.345")
        form = app.screen
        assert isinstance(form, RecordForm)
        assert "too many decimals" in form.field_error("current")
        await fill(pilot, "current", "100")
        await fill(pilot, "target", "150")
        await pilot.press("enter")
        assert "above the current amount" in form.field_error("target")
        await fill(pilot, "target", "50")
        await pilot.press("enter")
        assert "already exists" in form.field_error("name")
        await fill(pilot, "name", "a=b")
        assert "must not contain" in form.field_error("name")
        await pilot.press("escape", "y")  # discard what was typed
        assert isinstance(app.screen, ExpensesScreen)
    assert sample_db.read_bytes() == before


async def test_amounts_follow_the_household_currency(empty_db: Path) -> None:
    """The form parses with settings.currency, as the CLI does: yen take no decimals."""
    from debtcoach.domain.models import Settings

    Repository(empty_db).save_settings(Settings(currency="JPY", locale="ja_JP"))
    app = make_app(empty_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "t")
        await pilot.press("a", *"Food", "tab", *"12.5")
        form = app.screen
        assert isinstance(form, RecordForm)
        assert "JPY takes no decimals" in form.field_error("current")
        await fill(pilot, "current", "45000")
        await pilot.press("enter")
        assert isinstance(app.screen, ExpensesScreen)
        assert cell(app, "Food", 1) == "￥45,000"
    food = expense(empty_db, "Food")
    assert food is not None and food.current == Money(45000, "JPY")
