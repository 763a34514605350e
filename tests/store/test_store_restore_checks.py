"""The store's `restore` of a file that is not a debtcoach backup is bad input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from debtcoach.store import Repository
from debtcoach.store.backups import BackupSet
from debtcoach.store.errors import BackupUnusable, NotABackup, StoreInputError


@pytest.mark.parametrize(
    "content",
    [b"root:x:0:0:root:/root:/bin/bash\n", b"[1, 2, 3]", b'{"hello": "world"}', b"\xff\xfe"],
)
def test_restore_of_a_file_that_is_not_a_backup_is_bad_input(
    repo: Repository, db_path: Path, make: Any, tmp_path: Path, content: bytes
) -> None:
    repo.add_loan(make.loan("A"))
    before = db_path.read_bytes()
    stranger = tmp_path / "passwd"
    stranger.write_bytes(content)
    with pytest.raises(NotABackup, match="is not a debtcoach backup") as refused:
        repo.restore(str(stranger))
    assert isinstance(refused.value, StoreInputError)
    assert db_path.read_bytes() == before
    assert BackupSet(db_path).all() == []


def test_a_damaged_file_in_the_backup_folder_is_still_a_backup_that_does_not_load(
    repo: Repository, db_path: Path, make: Any
) -> None:
    repo.add_loan(make.loan("A"))
    repo.add_loan(make.loan("B"))
    [newest, *_] = BackupSet(db_path).all()
    newest.path.write_bytes(b'{"loans": {"1": {"name": "A", "bal')  # cut short
    with pytest.raises(BackupUnusable):
        repo.restore(newest.name)
    with pytest.raises(BackupUnusable):
        repo.restore(str(newest.path))
