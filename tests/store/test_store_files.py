"""The low-level file guarantees every write relies on."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from debtcoach.store import Repository, StorageIOError
from debtcoach.store.files import atomic_write_bytes, file_stamp


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_atomic_write_is_private_and_complete(tmp_path: Path) -> None:
    old_umask = os.umask(0)
    try:
        target = tmp_path / "new" / "deep" / "file.json"
        atomic_write_bytes(target, b"hello")
    finally:
        os.umask(old_umask)
    assert target.read_bytes() == b"hello"
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700
    assert sorted(os.listdir(target.parent)) == ["file.json"]


def test_a_failing_backup_refuses_the_write(db_path: Path, make: Any) -> None:
    repo = Repository(db_path)
    repo.add_loan(make.loan("A"))
    before = db_path.read_bytes()
    (db_path.parent / "backups").write_text("a file where the folder should be")
    with pytest.raises(StorageIOError, match="back up"):
        repo.add_loan(make.loan("B"))
    assert db_path.read_bytes() == before


def test_file_stamp_changes_on_every_write(db_path: Path, make: Any) -> None:
    assert file_stamp(db_path) is None
    repo = Repository(db_path)
    stamps = set()
    for name in ("A", "B", "C"):
        repo.add_loan(make.loan(name))
        stamps.add(file_stamp(db_path))
        assert repo.last_write_stamp == file_stamp(db_path)
    assert len(stamps) == 3
