"""Nothing is written through a link: real files and real symbolic links in tmp_path."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from debtcoach.cli import main
from debtcoach.store import NotARegularFile, Repository
from debtcoach.store import files as store_files
from debtcoach.store.files import atomic_write_bytes
from debtcoach.store.lock import lock_path, write_lock

VICTIM_BYTES = b"someone's precious file\n"
LOAN_ADD = [
    "loan", "add", "--name", "Visa", "--kind", "credit_card",
    "--balance", "100", "--apr", "5", "--min-payment", "10",
]  # fmt: skip


def victim(tmp_path: Path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_bytes(VICTIM_BYTES)
    path.chmod(0o644)
    return path


def snapshot(path: Path) -> tuple[bytes, int, int]:
    info = path.stat()
    return path.read_bytes(), stat.S_IMODE(info.st_mode), info.st_mtime_ns


def test_a_planted_lock_link_is_refused_and_its_victim_left_byte_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = victim(tmp_path)
    before = snapshot(target)
    db = tmp_path / "data" / "debtcoach.json"
    db.parent.mkdir()
    lock_path(db).symlink_to(target)
    assert main(["--db", str(db), *LOAN_ADD]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"debtcoach: {lock_path(db)} is a symbolic link, not a regular file; debtcoach will not "
        "write through it; nothing was written\n"
    )
    assert snapshot(target) == before
    assert not db.exists()


def test_a_dangling_lock_link_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "debtcoach.json"
    missing = tmp_path / "elsewhere" / "new-file"
    missing.parent.mkdir()
    lock_path(db).symlink_to(missing)
    with pytest.raises(NotARegularFile, match="symbolic link"), write_lock(db, timeout=1):
        pass
    assert not missing.exists()


def test_a_lock_that_is_a_named_pipe_or_a_folder_is_refused(tmp_path: Path, make: Any) -> None:
    pipe_db = tmp_path / "a.json"
    os.mkfifo(lock_path(pipe_db))
    with pytest.raises(NotARegularFile, match="is a named pipe, not a regular file"):
        Repository(pipe_db).add_loan(make.loan())
    folder_db = tmp_path / "b.json"
    lock_path(folder_db).mkdir()
    with pytest.raises(NotARegularFile, match="is a folder, not a regular file"):
        Repository(folder_db).add_loan(make.loan())
    assert not pipe_db.exists()
    assert not folder_db.exists()


def test_a_lock_with_another_hard_link_still_locks_but_is_never_rewritten(
    tmp_path: Path, make: Any
) -> None:
    target = victim(tmp_path)
    db = tmp_path / "data" / "debtcoach.json"
    db.parent.mkdir()
    os.link(target, lock_path(db))
    before = snapshot(target)
    Repository(db).add_loan(make.loan("Visa"))
    assert snapshot(target) == before
    assert [loan.name for loan in Repository(db).load().loans] == ["Visa"]


def test_a_data_file_that_is_a_symbolic_link_is_refused_and_its_target_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "synced" / "debtcoach.json"
    real.parent.mkdir()
    assert main(["--db", str(real), *LOAN_ADD]) == 0
    before = snapshot(real)
    link = tmp_path / "data" / "debtcoach.json"
    link.parent.mkdir()
    link.symlink_to(real)
    capsys.readouterr()
    assert main(["--db", str(link), *LOAN_ADD[:3], "Car", *LOAN_ADD[4:]]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"debtcoach: {link} is a symbolic link, not a regular file; debtcoach will not write "
        f"through it; nothing was written: use the file it points to ({real}), or link its "
        "folder instead\n"
    )
    assert snapshot(real) == before
    assert link.is_symlink()
    assert not (link.parent / "backups").exists()
    assert not lock_path(link).exists()
    # Reading through it is harmless and lets the user get their data out.
    assert main(["--db", str(link), "loan", "list", "--json"]) == 0
    assert '"Visa"' in capsys.readouterr().out


def test_a_data_file_in_a_symbolically_linked_folder_is_written(tmp_path: Path, make: Any) -> None:
    synced = tmp_path / "synced"
    synced.mkdir()
    linked = tmp_path / "data"
    linked.symlink_to(synced, target_is_directory=True)
    Repository(linked / "debtcoach.json").add_loan(make.loan("Visa"))
    Repository(linked / "debtcoach.json").add_loan(make.loan("Car"))
    assert linked.is_symlink()
    loans = Repository(synced / "debtcoach.json").load().loans
    assert [loan.name for loan in loans] == ["Visa", "Car"]


def test_an_atomic_write_to_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    target = victim(tmp_path)
    before = snapshot(target)
    link = tmp_path / "export.csv"
    link.symlink_to(target)
    with pytest.raises(NotARegularFile, match="is a symbolic link"):
        atomic_write_bytes(link, b"overwritten")
    assert snapshot(target) == before
    assert link.is_symlink()


def test_export_to_a_symbolic_link_exits_1_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "debtcoach.json"
    assert main(["--db", str(db), *LOAN_ADD]) == 0
    target = victim(tmp_path)
    before = snapshot(target)
    link = tmp_path / "export.json"
    link.symlink_to(target)
    capsys.readouterr()
    assert main(["--db", str(db), "export", "-o", str(link)]) == 1
    assert "is a symbolic link, not a regular file" in capsys.readouterr().err
    assert snapshot(target) == before


def test_a_temp_name_taken_by_a_link_is_skipped_never_written_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = victim(tmp_path)
    before = snapshot(target)
    data = tmp_path / "debtcoach.json"
    planted = tmp_path / f".debtcoach.json.planted{store_files.TEMP_SUFFIX}"
    planted.symlink_to(target)
    tokens = iter(["planted", "fresh"])
    monkeypatch.setattr(store_files, "_temp_token", lambda: next(tokens))
    atomic_write_bytes(data, b"new data")
    assert data.read_bytes() == b"new data"
    assert stat.S_IMODE(data.stat().st_mode) == 0o600
    assert snapshot(target) == before
    assert planted.is_symlink()
