"""Rotating backups and restore, on real files."""

from __future__ import annotations

import json
import os
import resource
import stat
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from debtcoach.store import Repository, StorageCorrupt, StorageIOError, StorageTooNew
from debtcoach.store.backups import KEEP_DAYS, KEEP_LAST, BackupSet
from debtcoach.store.errors import BackupNotFound, BackupUnusable, StoreInputError
from debtcoach.store.migrations import SCHEMA_VERSION
from debtcoach.store.repository import load_problem

from .writers import hold_lock, release, run_cli


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def names(repo: Repository) -> list[str]:
    return [loan.name for loan in repo.load().loans]


def test_every_write_backs_up_the_exact_previous_bytes(
    repo: Repository, db_path: Path, make: Any
) -> None:
    repo.add_loan(make.loan("A"))
    assert BackupSet(db_path).all() == []  # nothing to back up before the first save
    states = [db_path.read_bytes()]
    for name in ("B", "C", "D"):
        repo.add_loan(make.loan(name))
        states.append(db_path.read_bytes())
    backups = BackupSet(db_path).all()
    assert [item.path.read_bytes() for item in backups] == states[-2::-1]


def test_backups_are_private_even_in_a_loosened_folder(
    repo: Repository, db_path: Path, make: Any
) -> None:
    repo.add_loan(make.loan("A"))
    repo.add_loan(make.loan("B"))
    folder = db_path.parent / "backups"
    assert mode(folder) == 0o700
    os.chmod(folder, 0o755)
    repo.add_loan(make.loan("C"))
    assert mode(folder) == 0o700
    for item in folder.iterdir():
        assert mode(item) == 0o600


def test_a_write_that_changes_nothing_makes_no_backup(
    repo: Repository, db_path: Path, make: Any
) -> None:
    repo.add_loan(make.loan("A"))
    repo.add_loan(make.loan("B"))
    count = len(BackupSet(db_path).all())
    repo.save_settings(repo.settings())
    repo.update_loan("A", make.loan("A"))
    assert len(BackupSet(db_path).all()) == count


def test_rotation_keeps_the_last_ten_and_one_per_day_for_thirty_days(tmp_path: Path) -> None:
    data = tmp_path / "debtcoach.json"
    start = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
    clock = [start]
    backups = BackupSet(data, clock=lambda: clock[0])
    taken: list[datetime] = []
    for day in range(45):  # 45 days, 3 saves a day
        for hour in (8, 12, 20):
            clock[0] = start + timedelta(days=day, hours=hour - 8)
            taken.append(clock[0])
            backups.save(f"save {len(taken)}".encode())
    (backups.folder / "notes.txt").write_text("mine")
    kept = [item.taken_at for item in backups.all()]
    now = clock[0]
    last_ten = sorted(taken)[-KEEP_LAST:]
    days = {t.date() for t in taken if t.date() >= (now - timedelta(days=KEEP_DAYS - 1)).date()}
    newest_per_day = {max(t for t in taken if t.date() == day) for day in days}
    assert set(kept) == set(last_ten) | newest_per_day
    assert len(kept) == len(set(last_ten) | newest_per_day)
    assert kept == sorted(kept, reverse=True)
    assert len(newest_per_day) == KEEP_DAYS
    # Files that are not our backups are left alone.
    backups.save(b"one more")
    assert (backups.folder / "notes.txt").read_text() == "mine"


def test_same_instant_backups_get_distinct_names(tmp_path: Path) -> None:
    data = tmp_path / "db.json"
    moment = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    backups = BackupSet(data, clock=lambda: moment)
    paths = [backups.save(f"v{n}".encode()) for n in range(3)]
    assert len(set(paths)) == 3
    assert [item.path.read_bytes() for item in backups.all()] == [b"v2", b"v1", b"v0"]


def test_backup_list_reports_which_ones_load(repo: Repository, db_path: Path, make: Any) -> None:
    for name in ("A", "B", "C"):
        repo.add_loan(make.loan(name))
    infos = repo.backups()
    assert len(infos) == 2
    assert all(info.loads for info in infos)
    infos[0].path.write_bytes(b"{garbage")
    infos = repo.backups()
    assert [info.loads for info in infos] == [False, True]
    assert infos[0].problem is not None and "invalid JSON" in infos[0].problem
    assert repo.newest_good_backup() == infos[1].path


def test_corrupt_file_error_names_the_newest_good_backup(
    repo: Repository, db_path: Path, make: Any
) -> None:
    for name in ("A", "B", "C"):
        repo.add_loan(make.loan(name))
    newest = BackupSet(db_path).all()[0].path
    db_path.write_bytes(b'{"loans": {"1": {"name": "half')
    with pytest.raises(StorageCorrupt) as caught:
        repo.add_loan(make.loan("D"))
    assert caught.value.backup == newest
    message = str(caught.value)
    assert str(db_path) in message and str(newest) in message
    assert f"debtcoach restore {newest.name}" in message
    assert db_path.read_bytes() == b'{"loans": {"1": {"name": "half'


def test_too_new_file_error_names_the_newest_good_backup(
    repo: Repository, db_path: Path, make: Any
) -> None:
    repo.add_loan(make.loan("A"))
    repo.add_loan(make.loan("B"))
    future = json.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}}).encode()
    db_path.write_bytes(future)
    with pytest.raises(StorageTooNew) as caught:
        repo.load()
    assert caught.value.backup == BackupSet(db_path).all()[0].path
    assert "upgrade debtcoach" in str(caught.value)
    assert db_path.read_bytes() == future


def test_restore_puts_a_backup_back_and_keeps_the_replaced_file(
    repo: Repository, db_path: Path, make: Any
) -> None:
    repo.add_loan(make.loan("A"))
    repo.add_loan(make.loan("B"))
    only_a = BackupSet(db_path).all()[0]
    before = db_path.read_bytes()
    result = repo.restore(only_a.name)
    assert result.restored_from == only_a.path
    assert db_path.read_bytes() == only_a.path.read_bytes()
    assert names(repo) == ["A"]
    assert result.previous_saved_as is not None
    assert result.previous_saved_as.read_bytes() == before
    assert mode(db_path) == 0o600
    # ... and a restore can itself be undone from the list.
    repo.restore(str(result.previous_saved_as))
    assert names(repo) == ["A", "B"]


def test_restore_over_a_corrupt_file_keeps_the_corrupt_bytes(
    repo: Repository, db_path: Path, make: Any
) -> None:
    repo.add_loan(make.loan("A"))
    repo.add_loan(make.loan("B"))
    db_path.write_bytes(b"\x00\x01 not json")
    good = repo.newest_good_backup()
    assert good is not None
    result = repo.restore(good)
    assert names(repo) == ["A"]
    assert result.previous_saved_as is not None
    assert result.previous_saved_as.read_bytes() == b"\x00\x01 not json"


def test_restore_refuses_a_backup_that_does_not_load(
    repo: Repository, db_path: Path, make: Any, tmp_path: Path
) -> None:
    repo.add_loan(make.loan("A"))
    before = db_path.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text('{"loans": {"1": {"name": "no other fields"}}}')
    with pytest.raises(BackupUnusable, match="nothing was changed"):
        repo.restore(str(bad))
    with pytest.raises(BackupNotFound) as missing:
        repo.restore("debtcoach-nope.json")
    assert isinstance(missing.value, StoreInputError)
    with pytest.raises(BackupUnusable):
        repo.restore(str(db_path))
    assert db_path.read_bytes() == before
    assert BackupSet(db_path).all() == []


def test_stale_temp_files_of_a_killed_writer_are_cleaned_up(
    repo: Repository, db_path: Path, make: Any
) -> None:
    repo.add_loan(make.loan("A"))
    stale = db_path.parent / f".{db_path.name}.abc123.tmp"
    stale.write_text('{"half": ')
    unrelated = db_path.parent / "keep.tmp"
    unrelated.write_text("not ours")
    repo.add_loan(make.loan("B"))
    assert not stale.exists()
    assert unrelated.exists()
    stale_backup = db_path.parent / "backups" / ".debtcoach-20261123T101010.000001Z.json.x1.tmp"
    stale_backup.write_text('{"half": ')
    repo.add_loan(make.loan("C"))
    assert not stale_backup.exists()


def test_load_problem_is_none_for_a_good_file_and_a_sentence_otherwise(
    repo: Repository, db_path: Path, make: Any, tmp_path: Path
) -> None:
    repo.add_loan(make.loan("A"))
    assert load_problem(db_path) is None
    other = tmp_path / "x.json"
    other.write_text("[]")
    problem = load_problem(other)
    assert problem is not None and "top level is not a JSON object" in problem


# -- refused saves leave the rotation alone ------------------------------------------------------


def backup_folder_contents(db_path: Path) -> dict[str, bytes]:
    return {item.name: item.read_bytes() for item in (db_path.parent / "backups").iterdir()}


def limit_file_size(limit: int) -> Callable[[], None]:
    """For a child process: files may not grow past `limit` bytes (a full quota, as root too).

    Python ignores SIGXFSZ, so a write past the limit fails with EFBIG instead of killing it.
    """

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_refused_saves_leave_every_backup_in_place(
    repo: Repository, db_path: Path, make: Any
) -> None:
    for n in range(KEEP_LAST + 2):
        repo.add_loan(make.loan(f"Loan {n}"))
    before = backup_folder_contents(db_path)
    assert len(before) == KEEP_LAST and len(set(before.values())) == KEEP_LAST
    current = db_path.read_bytes()
    add = ["loan", "add", "--kind", "credit_card", "--balance", "500", "--apr", "18",
           "--min-payment", "25", "--name"]  # fmt: skip
    # The new file is larger than the quota allows; a copy of the current one still fits.
    fits_only_the_backup = limit_file_size(len(current) + 16)
    for n in range(10):
        result = run_cli(db_path, *add, f"Refused {n}", preexec_fn=fits_only_the_backup)
        assert result.returncode == 1, result.stderr
        assert "cannot write" in result.stderr
    holder = hold_lock(db_path)
    try:
        for n in range(3):
            result = run_cli(db_path, *add, f"Locked {n}", DEBTCOACH_LOCK_TIMEOUT="0.1")
            assert result.returncode == 1 and "being written" in result.stderr
    finally:
        release(holder)
    assert db_path.read_bytes() == current
    assert backup_folder_contents(db_path) == before
    assert sorted(os.listdir(db_path.parent)) == [
        "backups",
        "debtcoach.json",
        "debtcoach.json.lock",
    ]


# -- a clock that was wrong ----------------------------------------------------------------------


def test_a_backup_dated_in_the_future_is_neither_newest_nor_kept_forever(
    repo: Repository, db_path: Path, make: Any
) -> None:
    repo.add_loan(make.loan("A"))
    repo.add_loan(make.loan("B"))
    # Written while the clock was a year ahead, then the clock was put right.
    skewed = BackupSet(db_path, clock=lambda: datetime.now(UTC) + timedelta(days=365))
    future = skewed.save(db_path.read_bytes())
    repo.add_loan(make.loan("C"))
    infos = repo.backups()
    assert [info.path for info in infos][-1] == future
    assert [info.dated_in_future for info in infos] == [False, False, True]
    assert repo.newest_good_backup() == infos[0].path
    for n in range(KEEP_LAST):
        repo.add_loan(make.loan(f"Later {n}"))
    kept = [item.path for item in BackupSet(db_path).all()]
    assert future not in kept
    assert len(kept) == KEEP_LAST


def test_a_future_dated_backup_is_still_offered_when_it_is_the_only_good_one(
    repo: Repository, db_path: Path, make: Any
) -> None:
    repo.add_loan(make.loan("A"))
    skewed = BackupSet(db_path, clock=lambda: datetime.now(UTC) + timedelta(days=30))
    future = skewed.save(db_path.read_bytes())
    db_path.write_bytes(b"{broken")
    with pytest.raises(StorageCorrupt) as caught:
        repo.load()
    assert caught.value.backup == future


# -- a symlinked backups folder ------------------------------------------------------------------


def test_a_symlinked_backups_folder_is_refused_and_left_alone(
    repo: Repository, db_path: Path, make: Any, tmp_path: Path
) -> None:
    repo.add_loan(make.loan("A"))
    current = db_path.read_bytes()
    elsewhere = tmp_path / "somebody-elses"
    elsewhere.mkdir(mode=0o755)
    os.chmod(elsewhere, 0o755)
    day = datetime(2026, 11, 1, tzinfo=UTC)
    for n in range(KEEP_LAST + 3):  # look like our backups, so pruning would pick them
        stamp = (day + timedelta(minutes=n)).strftime("%Y%m%dT%H%M%S.%fZ")
        (elsewhere / f"debtcoach-{stamp}.json").write_text(f"theirs {n}")
    before = {item.name: item.read_bytes() for item in elsewhere.iterdir()}
    (db_path.parent / "backups").symlink_to(elsewhere)
    add = ["loan", "add", "--kind", "credit_card", "--balance", "500", "--apr", "18",
           "--min-payment", "25", "--name", "B"]  # fmt: skip
    result = run_cli(db_path, *add)
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert "symbolic link" in line and str(db_path.parent / "backups") in line
    assert db_path.read_bytes() == current
    assert mode(elsewhere) == 0o755
    assert {item.name: item.read_bytes() for item in elsewhere.iterdir()} == before
    with pytest.raises(StorageIOError, match="symbolic link"):
        BackupSet(db_path).prune()
    assert {item.name: item.read_bytes() for item in elsewhere.iterdir()} == before


# -- a data file that lost its data ---------------------------------------------------------------

EMPTIED = [
    pytest.param(b"", id="0-bytes"),
    pytest.param(b"  \n\t\n", id="whitespace"),
    pytest.param(b"{}", id="empty-object"),
    pytest.param(b'{"_default": {}, "loans": {}}', id="empty-tables"),
]
ADD_B = ["loan", "add", "--kind", "credit_card", "--balance", "500", "--apr", "18",
         "--min-payment", "25", "--name", "B"]  # fmt: skip


@pytest.mark.parametrize("emptied", EMPTIED)
def test_an_emptied_file_is_damaged_while_good_backups_exist(db_path: Path, emptied: bytes) -> None:
    for name in ("A", "B", "C"):
        assert run_cli(db_path, *ADD_B[:-1], name).returncode == 0
    newest = BackupSet(db_path).all()[0].path
    db_path.write_bytes(emptied)
    listed = run_cli(db_path, "loan", "list")
    assert listed.returncode == 1
    (line,) = listed.stderr.splitlines()
    assert str(db_path) in line and "left untouched" in line
    assert f"debtcoach restore {newest.name}" in line
    added = run_cli(db_path, *ADD_B[:-1], "D")
    assert added.returncode == 1 and added.stderr == listed.stderr
    assert db_path.read_bytes() == emptied
    with pytest.raises(StorageCorrupt) as caught:
        Repository(db_path).load()
    assert caught.value.backup == newest
    assert run_cli(db_path, "restore", newest.name).returncode == 0
    assert "A" in run_cli(db_path, "loan", "list").stdout


@pytest.mark.parametrize("emptied", EMPTIED)
def test_an_empty_file_without_backups_is_a_new_household(db_path: Path, emptied: bytes) -> None:
    db_path.parent.mkdir()
    db_path.write_bytes(emptied)
    assert run_cli(db_path, "loan", "list").returncode == 0
    assert run_cli(db_path, *ADD_B).returncode == 0
    assert [loan.name for loan in Repository(db_path).load().loans] == ["B"]
    # An empty file is nothing to keep: no backup of it pushes a real one out later.
    assert BackupSet(db_path).all() == []


def test_backups_that_hold_no_data_are_not_offered(repo: Repository, db_path: Path) -> None:
    db_path.parent.mkdir()
    BackupSet(db_path).save(b"{}")
    db_path.write_bytes(b"")
    assert repo.newest_good_backup() is None
    assert repo.load().loans == ()
