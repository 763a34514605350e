"""The app and a script on one data file: an edit saved in the app never undoes what the script
saved while the form was open (issue: a `family repay` that exited 0 vanished when the app then
saved a relationship change; a check-in's payment was undone on Visa's balance while the history
still recorded it).

Each test opens a form (or selects a row) in the app, changes the same row from a real
`debtcoach` process, then saves in the app and checks the screen and the file.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from msgspec.structs import replace
from textual.pilot import Pilot
from textual.widgets import Static

from debtcoach.domain.checkin import checkin_source
from debtcoach.domain.models import Frequency, Household, IncomeKind, IncomeSource
from debtcoach.domain.money import Money, parse_money
from debtcoach.services import Ledger
from debtcoach.store.repository import Repository
from debtcoach.ui.widgets.forms import FormCheckbox, RecordForm
from tests.conftest import TODAY, make_app
from tests.ui.list_pilot import cell, fill, notifications, open_screen, select_row

SIZE = (80, 24)


def script(db: Path, *args: str) -> None:
    """`debtcoach ARGS` as another process, on the same file; it must succeed."""
    result = subprocess.run(
        [sys.executable, "-m", "debtcoach.cli", "--db", str(db), "--today", str(TODAY), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def saved(db: Path) -> Household:
    return Repository(db).load()


def usd(text: str) -> Money:
    return parse_money(text, "USD")


async def open_edit_form(pilot: Pilot[None], screen_key: str, row: str) -> RecordForm:
    await open_screen(pilot, screen_key)
    await select_row(pilot, row)
    await pilot.press("e")
    form = pilot.app.screen
    assert isinstance(form, RecordForm)
    return form


async def test_a_repayment_by_script_survives_a_relationship_edit(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_edit_form(pilot, "f", "Mum")
        script(sample_db, "family", "repay", "--lender", "Mum", "--amount", "250")
        await fill(pilot, "relationship", "my mother")
        await pilot.press("enter")
        assert not isinstance(app.screen, RecordForm)
        assert cell(app, "Mum", 1) == "my mother"
        assert cell(app, "Mum", 3) == "$350.00"  # 100 before + 250 by the script
        assert cell(app, "Mum", 4) == "$1,150.00"
    mum = saved(sample_db).family_loan("Mum")
    assert mum is not None
    assert mum.relationship == "my mother"
    assert [r.amount for r in mum.repayments] == [usd("100"), usd("250")]


async def test_a_checkin_payment_survives_a_lender_edit_and_the_history_agrees(
    sample_db: Path,
) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_edit_form(pilot, "l", "Visa")
        script(sample_db, "checkin", "add", "--paid", "Visa=100")
        await fill(pilot, "lender", "Harbor Bank hardship team")
        await pilot.press("enter")
        assert not isinstance(app.screen, RecordForm)
        assert cell(app, "Visa", 3) == "$5,100.00"
    household = saved(sample_db)
    visa = household.loan("Visa")
    assert visa is not None
    assert visa.lender == "Harbor Bank hardship team"
    assert visa.balance == usd("5100")
    point = next(
        e for e in household.balances if e.name == "Visa" and e.source == checkin_source("2026-W48")
    )
    assert point.balance == visa.balance  # balances and history agree


async def test_the_cut_toggle_keeps_a_change_made_by_a_script(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "t")
        await select_row(pilot, "Streaming")
        # Another process replaces the row: now 50.00 with a 10.00 target.
        script(sample_db, "expense", "remove", "Streaming")
        script(sample_db, "expense", "add", "--name", "Streaming", "--current", "50",
               "--target", "10")  # fmt: skip
        await select_row(pilot, "Streaming")
        await pilot.press("space")
        await pilot.pause()
        assert cell(app, "Streaming", 1) == "$50.00"
        assert cell(app, "Streaming", 5) == "[x] on"
        assert "saves $40.00 a month" in notifications(pilot)
    streaming = next(e for e in saved(sample_db).expenses if e.name == "Streaming")
    assert (streaming.current, streaming.target, streaming.cut_active) == (
        usd("50"),
        usd("10"),
        True,
    )


async def test_an_expense_edit_keeps_another_sessions_change(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_edit_form(pilot, "t", "Eating out")
        other = Ledger(sample_db, TODAY)  # a second debtcoach session on the same file
        eating = next(e for e in other.household().expenses if e.name == "Eating out")
        other.update_expense("Eating out", replace(eating, current=usd("250")), was=eating)
        await fill(pilot, "target", "50")
        await pilot.press("enter")
        assert not isinstance(app.screen, RecordForm)
        assert cell(app, "Eating out", 1) == "$250.00"
        assert cell(app, "Eating out", 2) == "$50.00"
    eating = next(e for e in saved(sample_db).expenses if e.name == "Eating out")
    assert (eating.current, eating.target) == (usd("250"), usd("50"))


async def test_an_income_edit_keeps_an_earmark_cleared_by_a_script(sample_db: Path) -> None:
    """`loan remove QuickCash` clears the earmark of the income set aside for it; the app's
    form, opened before, must not write the earmark back (nor refuse it as an unknown loan)."""
    bonus = IncomeSource("Bonus", IncomeKind.SIDE, usd("300"), Frequency.ONE_OFF,
                         start=date(2026, 12, 15), for_loan="QuickCash")  # fmt: skip
    Ledger(sample_db, TODAY).add_income(bonus)
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_edit_form(pilot, "o", "Bonus")
        script(sample_db, "loan", "remove", "QuickCash")
        await fill(pilot, "notes", "the December bonus")
        await pilot.press("enter")
        assert not isinstance(app.screen, RecordForm), app.screen.query_one("#form-error").render()
    household = saved(sample_db)
    saved_bonus = next(x for x in household.income if x.name == "Bonus")
    assert saved_bonus.notes == "the December bonus"
    assert saved_bonus.for_loan is None
    assert household.loan("QuickCash") is None


async def test_a_field_changed_in_both_places_is_refused_and_nothing_is_written(
    sample_db: Path,
) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_edit_form(pilot, "l", "Visa")
        script(sample_db, "checkin", "add", "--paid", "Visa=100")
        after_script = sample_db.read_bytes()
        await fill(pilot, "balance", "5000")
        await pilot.press("enter")
        assert app.screen is form  # still open, nothing lost from what was typed
        error = str(form.query_one("#form-error", Static).render())
        assert "changed since you opened it" in error and "balance" in error
        assert "Nothing was saved" in error
        assert sample_db.read_bytes() == after_script
    visa = saved(sample_db).loan("Visa")
    assert visa is not None and visa.balance == usd("5100")


async def test_a_ticked_box_is_a_change_too(sample_db: Path) -> None:
    """A bool field the form changed is written; the fields it left alone keep the script's."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_edit_form(pilot, "l", "Sofa loan")
        script(sample_db, "checkin", "add", "--paid", "Sofa loan=95")
        form.query_one("#f-to_repay_other_debt", FormCheckbox).focus()
        await pilot.press("space", "enter")
        assert not isinstance(app.screen, RecordForm)
    sofa = saved(sample_db).loan("Sofa loan")
    assert sofa is not None
    assert sofa.to_repay_other_debt is True
    assert sofa.balance == usd("2205")
