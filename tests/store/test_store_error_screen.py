"""The TUI side of storage: the error screen that offers restore, and reload-on-change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from debtcoach.store import Repository, StorageCorrupt
from debtcoach.store.watch import FileWatch
from debtcoach.ui.screens.storage_error import StorageErrorApp, restore_hint
from tests.conftest import make_app


def corrupt_with_backups(db_path: Path, make: Any) -> StorageCorrupt:
    repo = Repository(db_path)
    repo.add_loan(make.loan("A"))
    repo.add_loan(make.loan("B"))
    db_path.write_bytes(b"{oops")
    with pytest.raises(StorageCorrupt) as caught:
        repo.load()
    return caught.value


async def test_r_restores_the_newest_good_backup(db_path: Path, make: Any) -> None:
    error = corrupt_with_backups(db_path, make)
    app = StorageErrorApp(db_path, error)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "cannot be read" in text
        assert "press r to restore the newest good backup" in text.lower()
        await pilot.press("r")
        await pilot.pause()
    assert app.return_value is True
    assert [loan.name for loan in Repository(db_path).load().loans] == ["A"]


async def restore_from_the_screen(db_path: Path, error: StorageCorrupt) -> str:
    """The damaged-file screen for `error`: what it says; `r` restores the newest good backup
    (the file holds loan A again, as before the second save)."""
    app = StorageErrorApp(db_path, error)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = " ".join(str(w.render()) for w in app.screen.query("Static"))
        await pilot.press("r")
        await pilot.pause()
    assert app.return_value is True
    assert [loan.name for loan in Repository(db_path).load().loans] == ["A"]
    return text


@pytest.mark.parametrize("emptied", [b"", b" \n", b"{}"])
async def test_an_emptied_file_gets_the_same_restore_screen(
    db_path: Path, make: Any, emptied: bytes
) -> None:
    repo = Repository(db_path)
    repo.add_loan(make.loan("A"))
    repo.add_loan(make.loan("B"))
    db_path.write_bytes(emptied)
    with pytest.raises(StorageCorrupt) as caught:
        repo.load()
    text = await restore_from_the_screen(db_path, caught.value)
    assert "cannot be read" in text


BROKEN_VALUES = {
    "a negative balance": ("-5", "balance: must not be negative"),
    "a 5000-digit balance": ("9" * 5000, "a number in it is too long to be ours"),
}


@pytest.mark.parametrize("case", BROKEN_VALUES, ids=list(BROKEN_VALUES))
async def test_a_value_no_door_lets_in_gets_the_restore_screen(
    db_path: Path, make: Any, case: str
) -> None:
    """A file that parses but holds what no version wrote is damaged in the app too: the screen
    names the value and offers the newest good backup, never "unexpected error"."""
    repo = Repository(db_path)
    repo.add_loan(make.loan("A"))
    repo.add_loan(make.loan("B"))
    data = json.loads(db_path.read_text())
    data["loans"]["1"]["balance"] = "BALANCE"
    value, message = BROKEN_VALUES[case]
    db_path.write_text(json.dumps(data).replace('"BALANCE"', value))
    with pytest.raises(StorageCorrupt) as caught:
        repo.load()
    text = await restore_from_the_screen(db_path, caught.value)
    assert "cannot be read" in " ".join(text.split())
    assert message in " ".join(text.split())
    assert "unexpected error" not in text


async def test_q_quits_and_leaves_the_file_alone(db_path: Path, make: Any) -> None:
    error = corrupt_with_backups(db_path, make)
    app = StorageErrorApp(db_path, error)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value is False
    assert db_path.read_bytes() == b"{oops"


def test_the_hint_without_a_backup_says_nothing_was_touched() -> None:
    assert "left untouched" in restore_hint(None)
    assert "press r" in restore_hint(Path("b.json")).lower()


def test_file_watch_tells_own_writes_from_other_writes(db_path: Path, make: Any) -> None:
    mine = Repository(db_path)
    mine.add_loan(make.loan("A"))
    watch = FileWatch(mine)
    assert not watch.changed_by_others()
    mine.add_loan(make.loan("B"))
    assert not watch.changed_by_others()  # our own save
    Repository(db_path).add_loan(make.loan("C"))  # somebody else's
    assert watch.changed_by_others()
    assert not watch.changed_by_others()  # once per change


async def test_the_app_reloads_and_notifies_when_another_process_saved(
    sample_db: Path, make: Any
) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.check_file_changed()
        Repository(sample_db).add_loan(make.loan("From a script"))
        assert app.check_file_changed()
        await pilot.pause()
        assert app.household.loan("From a script") is not None
        assert not app.check_file_changed()  # once per change
