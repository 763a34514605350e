"""The cross-process write lock with real processes: no lost update, refusal when held."""

from __future__ import annotations

import os
import signal
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from debtcoach.cli import main
from debtcoach.store import Repository
from debtcoach.store.errors import StoreLocked
from debtcoach.store.lock import (
    DEFAULT_LOCK_TIMEOUT,
    LOCK_TIMEOUT_ENV,
    lock_path,
    lock_timeout,
    write_lock,
)

from .writers import ADD_LOANS, REPAY, hold_lock, release, spawn


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, DEFAULT_LOCK_TIMEOUT),
        ("", DEFAULT_LOCK_TIMEOUT),
        ("0.5", 0.5),
        ("0", 0.0),
        ("12", 12.0),
        ("-1", DEFAULT_LOCK_TIMEOUT),
        ("nan", DEFAULT_LOCK_TIMEOUT),
        ("inf", DEFAULT_LOCK_TIMEOUT),
        ("soon", DEFAULT_LOCK_TIMEOUT),
        ("1e9", 3600.0),
    ],
)
def test_lock_timeout_comes_from_the_environment(value: str | None, expected: float) -> None:
    env = {} if value is None else {LOCK_TIMEOUT_ENV: value}
    assert lock_timeout(env) == expected


def test_lock_file_is_private_and_names_its_holder(db_path: Path) -> None:
    with write_lock(db_path, timeout=1):
        lock = lock_path(db_path)
        assert stat.S_IMODE(lock.stat().st_mode) == 0o600
        assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
        assert lock.read_text().strip() == str(os.getpid())


def test_writer_refuses_when_another_process_holds_the_lock(
    repo: Repository, db_path: Path, make: Any
) -> None:
    repo.add_loan(make.loan("Visa"))
    before = db_path.read_bytes()
    holder = hold_lock(db_path)
    try:
        slow = Repository(db_path, lock_timeout=0.3)
        with pytest.raises(StoreLocked) as caught:
            slow.add_loan(make.loan("Other"))
        message = str(caught.value)
        assert str(db_path) in message
        assert f"process {holder.pid}" in message
        assert "nothing was written" in message
        # Readers never wait for the lock: the file is only ever replaced whole.
        assert [loan.name for loan in slow.load().loans] == ["Visa"]
    finally:
        release(holder)
    assert db_path.read_bytes() == before
    # Once released, the same repository writes again.
    slow.add_loan(make.loan("Other"))
    assert [loan.name for loan in slow.load().loans] == ["Visa", "Other"]


def test_cli_exits_1_with_one_line_while_the_lock_is_held(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["--db", str(db_path), "loan", "add", "--name", "Visa", "--kind", "credit_card"]
    args += ["--balance", "100", "--apr", "10", "--min-payment", "10"]
    assert main(args) == 0
    before = db_path.read_bytes()
    capsys.readouterr()
    monkeypatch.setenv(LOCK_TIMEOUT_ENV, "0.3")
    holder = hold_lock(db_path)
    try:
        for attempt in (
            ["--db", str(db_path), "loan", "remove", "Visa"],
            ["--db", str(db_path), "settings", "set", "strategy", "snowball"],
            [*args[:5], "Other", *args[6:]],
        ):
            assert main(attempt) == 1
            err = capsys.readouterr().err
            assert err.count("\n") == 1
            assert err.startswith(f"debtcoach: {db_path} is being written by another debtcoach")
            assert "nothing was written" in err
            assert "Traceback" not in err
        # Reading is fine meanwhile.
        assert main(["--db", str(db_path), "loan", "list", "--json"]) == 0
    finally:
        release(holder)
    assert db_path.read_bytes() == before


def test_a_killed_holder_does_not_leave_the_file_locked(
    repo: Repository, db_path: Path, make: Any
) -> None:
    holder = hold_lock(db_path)
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    Repository(db_path, lock_timeout=5).add_loan(make.loan("After"))
    assert [loan.name for loan in repo.load().loans] == ["After"]


def test_a_waiting_writer_gets_the_lock_when_it_is_released(db_path: Path, make: Any) -> None:
    holder = hold_lock(db_path)
    writer = spawn(ADD_LOANS, str(db_path), "W", "1", DEBTCOACH_LOCK_TIMEOUT="60")
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "ready"
    time.sleep(0.2)  # let it block on the lock (no assertion depends on this timing)
    release(holder)
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert out.split() == ["ok", "W0"]
    assert [loan.name for loan in Repository(db_path).load().loans] == ["W0"]


def test_two_writer_processes_lose_no_update(db_path: Path) -> None:
    """Two processes add 50 loans each, interleaving on one file: all 100 are there."""
    per_writer = 50
    writers = [
        spawn(ADD_LOANS, str(db_path), prefix, str(per_writer), DEBTCOACH_LOCK_TIMEOUT="60")
        for prefix in ("A", "B")
    ]
    acknowledged: list[str] = []
    for proc in writers:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        acknowledged += [line.split()[1] for line in out.splitlines() if line.startswith("ok ")]
    assert len(acknowledged) == 2 * per_writer
    names = [loan.name for loan in Repository(db_path).load().loans]
    assert len(names) == 2 * per_writer
    assert sorted(names) == sorted(acknowledged)
    # Each writer's own rows are in its own order: nothing was reordered or replayed.
    for prefix in ("A", "B"):
        mine = [name for name in names if name.startswith(prefix)]
        assert mine == [f"{prefix}{n}" for n in range(per_writer)]


def test_a_long_lived_repository_and_a_script_both_keep_their_writes(
    repo: Repository, db_path: Path, make: Any
) -> None:
    """The TUI's situation: a repository object kept open while a script writes too."""
    repo.add_loan(make.loan("Tui0"))
    script = spawn(ADD_LOANS, str(db_path), "S", "20", DEBTCOACH_LOCK_TIMEOUT="60")
    for n in range(1, 21):
        repo.add_loan(make.loan(f"Tui{n}"))
    _out, err = script.communicate(timeout=120)
    assert script.returncode == 0, err
    names = {loan.name for loan in repo.load().loans}
    assert names == {f"Tui{n}" for n in range(21)} | {f"S{n}" for n in range(20)}


def test_concurrent_read_modify_write_of_one_row_loses_nothing(
    repo: Repository, db_path: Path, make: Any
) -> None:
    """Two processes each record 40 repayments to the same relative, each a read-modify-write
    of the same document: without the lock around read *and* write, some would vanish.
    """
    repo.add_family_loan(make.family_loan("Mom"))
    per_writer = 40
    writers = [
        spawn(REPAY, str(db_path), str(per_writer), DEBTCOACH_LOCK_TIMEOUT="60") for _ in range(2)
    ]
    for proc in writers:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    mom = repo.load().family_loan("Mom")
    assert mom is not None
    assert len(mom.repayments) == 2 * per_writer
    assert mom.repaid.minor == 2 * per_writer * 100
