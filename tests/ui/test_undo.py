"""Undo (`u`, and "Undo: …" in the palette) and "Restore a backup", with real keys at 80x24,
checked on screen and in the file."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from msgspec.structs import replace
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from debtcoach.domain.models import Frequency, IncomeKind, IncomeSource
from debtcoach.domain.money import parse_money
from debtcoach.services import Ledger
from debtcoach.store.repository import Repository
from debtcoach.ui.screens.contacts import ContactsScreen
from debtcoach.ui.screens.restore_backup import RestoreBackupScreen
from debtcoach.ui.widgets.confirm import ConfirmDialog
from debtcoach.ui.widgets.forms import RecordForm
from tests.conftest import TODAY, make_app
from tests.ui.list_pilot import cell, fill, keys_in_order, notifications, open_screen, select_row
from tests.ui.screen_text import screen_words

SIZE = (80, 24)


def usd(text: str) -> str:
    return str(parse_money(text, "USD"))


def question(pilot: Pilot[None]) -> str:
    dialog = pilot.app.screen
    assert isinstance(dialog, ConfirmDialog)
    return str(dialog.query_one("#confirm-question", Static).render())


async def palette(pilot: Pilot[None], text: str) -> None:
    """Find `text` in the command palette and run the first hit."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


async def test_u_puts_a_deleted_loan_back_with_its_earmark(sample_db: Path) -> None:
    Ledger(sample_db, TODAY).add_income(
        IncomeSource(
            "Bonus",
            IncomeKind.SIDE,
            parse_money("300", "USD"),
            Frequency.ONE_OFF,
            start=date(2026, 12, 15),
            for_loan="QuickCash",
        )
    )
    before = Repository(sample_db).load()
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await select_row(pilot, "QuickCash")
        await pilot.press("x", "y")
        assert "QuickCash" not in keys_in_order(app)
        assert Repository(sample_db).load().loan("QuickCash") is None
        await pilot.press("u")
        assert "Undo this change: removed the loan “QuickCash”" in question(pilot)
        await pilot.press("n")  # keep it removed, for now
        assert Repository(sample_db).load().loan("QuickCash") is None
        await pilot.press("u", "y")
        assert "QuickCash" in keys_in_order(app)
        assert cell(app, "QuickCash", 3) == "$1,800.00"
        assert "Undone: removed the loan “QuickCash”" in notifications(pilot)
        await pilot.press("u")  # nothing left to undo
        assert not isinstance(app.screen, ConfirmDialog)
        assert "Nothing to undo" in notifications(pilot)
    after = Repository(sample_db).load()
    assert after.loan("QuickCash") == before.loan("QuickCash")
    bonus = next(x for x in after.income if x.name == "Bonus")
    assert bonus.for_loan == "QuickCash"


async def test_u_takes_back_a_saved_edit_but_keeps_a_scripts_repayment(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f")
        await select_row(pilot, "Mum")
        await pilot.press("e")
        await fill(pilot, "relationship", "my mother")
        await pilot.press("enter")
        assert cell(app, "Mum", 1) == "my mother"
        # meanwhile a script records a repayment on the same row
        result = subprocess.run(
            [sys.executable, "-m", "debtcoach.cli", "--db", str(sample_db), "--today",
             str(TODAY), "family", "repay", "--lender", "Mum", "--amount", "250"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        await pilot.press("u")
        assert "saved the changes to the loan from Mum" in question(pilot)
        await pilot.press("y")
        assert cell(app, "Mum", 1) == "mother"
        assert cell(app, "Mum", 3) == "$350.00"  # the script's 250 stays
    mum = Repository(sample_db).load().family_loan("Mum")
    assert mum is not None and mum.relationship == "mother"
    assert [str(r.amount) for r in mum.repayments] == [usd("100"), usd("250")]


async def test_undo_refuses_when_the_same_field_changed_again(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await select_row(pilot, "Visa")
        await pilot.press("e")
        await fill(pilot, "balance", "5000")
        await pilot.press("enter")
        assert not isinstance(app.screen, RecordForm)
        ledger = Ledger(sample_db, TODAY)  # another session changes the balance again
        visa = ledger.household().loan("Visa")
        assert visa is not None
        ledger.update_loan("Visa", replace(visa, balance=parse_money("4900", "USD")), was=visa)
        changed = sample_db.read_bytes()
        await pilot.press("u", "y")
        assert "Not undone: Visa changed again since (balance)" in notifications(pilot)
        assert sample_db.read_bytes() == changed


async def test_the_cut_toggle_and_a_repayment_can_be_undone(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "t")
        await select_row(pilot, "Streaming")
        await pilot.press("space")
        assert cell(app, "Streaming", 5) == "[x] on"
        await pilot.press("f")
        await select_row(pilot, "Li Wei")
        await pilot.press("r", *"50", "enter")
        assert cell(app, "Li Wei", 3) == "$50.00"
        await pilot.press("u")
        assert "recorded $50.00 repaid to Li Wei" in question(pilot)
        await pilot.press("y")
        assert cell(app, "Li Wei", 3) == "$0.00"
        await pilot.press("t", "u", "y")
        assert cell(app, "Streaming", 5) == "[ ] off"
    household = Repository(sample_db).load()
    li = household.family_loan("Li Wei")
    assert li is not None and li.repayments == ()
    assert not next(e for e in household.expenses if e.name == "Streaming").cut_active


async def test_the_palette_offers_undo_by_its_name(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "t")
        await select_row(pilot, "Gym")
        await pilot.press("x", "y")
        assert "Gym" not in keys_in_order(app)
        await palette(pilot, "undo")
        assert "removed the expense “Gym”" in question(pilot)
        await pilot.press("y")
        assert "Gym" in keys_in_order(app)
    assert any(e.name == "Gym" for e in Repository(sample_db).load().expenses)


async def test_a_removed_contact_can_be_put_back(sample_db: Path) -> None:
    before = [c for _, c in Ledger(sample_db, TODAY).contacts_of("Visa")]
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await select_row(pilot, "Visa")
        await pilot.press("h")
        assert isinstance(app.screen, ContactsScreen)
        await pilot.press("x", "y")
        assert len(Ledger(sample_db, TODAY).contacts_of("Visa")) == len(before) - 1
        await pilot.press("u", "y")
        table = app.screen.query_one("#ct-table", DataTable)
        assert table.row_count == len(before)
    after = [c for _, c in Ledger(sample_db, TODAY).contacts_of("Visa")]
    assert sorted(after, key=lambda c: c.on) == sorted(before, key=lambda c: c.on)


async def test_restore_a_backup_from_the_palette(sample_db: Path) -> None:
    # Two saves from the app's start: the backups hold the file before each.
    original = Repository(sample_db).load()
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "t")
        await select_row(pilot, "Gym")
        await pilot.press("x", "y")
        await select_row(pilot, "Clothing")
        await pilot.press("x", "y")
        assert {"Gym", "Clothing"}.isdisjoint(keys_in_order(app))
        backups = Ledger(sample_db, TODAY).backups()
        assert len(backups) == 2
        await palette(pilot, "restore a backup")
        screen = app.screen
        assert isinstance(screen, RestoreBackupScreen)
        table = screen.query_one("#rb-table", DataTable)
        assert table.row_count == 2
        words = screen_words(app)
        local = backups[0].taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        assert local in words and f"{backups[0].size:,}" in words and "yes" in words
        await pilot.press("down", "enter")  # the older one: before Gym was removed
        assert "Restore the backup taken" in question(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, RestoreBackupScreen)
        assert {"Gym", "Clothing"} <= set(keys_in_order(app))
        assert "Restored the backup taken" in notifications(pilot)
        assert app.undo_steps == []  # the steps were about the file before the restore
    restored = Repository(sample_db).load()
    assert restored.expenses == original.expenses


async def test_restore_lists_a_backup_that_does_not_load_or_is_dated_in_the_future(
    sample_db: Path,
) -> None:
    ledger = Ledger(sample_db, TODAY)
    ledger.remove_expense("Gym")  # one backup, a good one
    folder = sample_db.parent / "backups"
    (folder / f"{sample_db.stem}-20991231T000000.000000Z.json").write_bytes(sample_db.read_bytes())
    (folder / f"{sample_db.stem}-20200101T000000.000000Z.json").write_text("{not json")
    current = sample_db.read_bytes()
    listed = Ledger(sample_db, TODAY).backups()
    assert [(b.loads, b.dated_in_future) for b in listed] == [
        (True, False),
        (False, False),
        (True, True),
    ]
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "d")
        await palette(pilot, "restore a backup")
        assert isinstance(app.screen, RestoreBackupScreen)
        rows = app.screen.query_one("#rb-table", DataTable)
        assert [str(rows.get_row_at(i)[2]) for i in range(3)] == ["yes", "NO", "yes"]
        assert str(rows.get_row_at(2)[3]) == "dated in the future"
        assert "dated in the future" in screen_words(app)
        await pilot.press("down", "enter")  # the one that does not load
        assert isinstance(app.screen, RestoreBackupScreen)  # no question: it cannot be restored
        assert "This backup does not load" in notifications(pilot)
        await pilot.press("down", "enter")
        assert "(dated in the future)" in question(pilot)
        await pilot.press("n", "escape")
        assert not isinstance(app.screen, RestoreBackupScreen | ConfirmDialog)
    assert sample_db.read_bytes() == current


async def test_undoing_a_rename_gives_the_loan_its_name_and_history_back(sample_db: Path) -> None:
    contacts = len(Ledger(sample_db, TODAY).contacts_of("Visa"))
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await select_row(pilot, "Visa")
        await pilot.press("e", *"Visa card", "enter")
        assert "Visa card" in keys_in_order(app)
        await pilot.press("u", "y")
        assert "Visa" in keys_in_order(app) and "Visa card" not in keys_in_order(app)
    household = Repository(sample_db).load()
    assert household.loan("Visa") is not None and household.loan("Visa card") is None
    assert len(Ledger(sample_db, TODAY).contacts_of("Visa")) == contacts
    assert all(e.name != "Visa card" for e in household.balances)
