"""Helpers for tests with real processes: small Python programs that write through the store.

Each child runs with the same interpreter and prints one line per acknowledged write ("ok NAME"),
flushed only after the write returned, so the parent knows exactly which writes were promised.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

_PRELUDE = """
import sys
from decimal import Decimal
from debtcoach.domain.models import Loan, LoanKind
from debtcoach.domain.money import Money
from debtcoach.store import Repository

def loan(name):
    return Loan(name=name, kind=LoanKind.CREDIT_CARD, balance=Money(10000, "USD"),
                apr=Decimal("9.5"), min_payment=Money(1000, "USD"))
"""

ADD_LOANS = (
    _PRELUDE
    + """
repo = Repository(sys.argv[1])
prefix, count = sys.argv[2], int(sys.argv[3])
print("ready", flush=True)
for n in range(count):
    name = f"{prefix}{n}"
    repo.add_loan(loan(name))
    print("ok", name, flush=True)
"""
)

REPAY = (
    _PRELUDE
    + """
from msgspec.structs import replace
from datetime import date
from debtcoach.domain.models import FamilyRepayment
repo = Repository(sys.argv[1])
count = int(sys.argv[2])
print("ready", flush=True)
for n in range(count):
    # The read-modify-write of `debtcoach family repay`: read, append, write, in one transaction.
    with repo.transaction():
        loan = repo.load().family_loan("Mom")
        paid = FamilyRepayment(date(2026, 11, 23), Money(100, "USD"))
        repo.update_family_loan("Mom", replace(loan, repayments=(*loan.repayments, paid)))
    print("ok", n, flush=True)
"""
)

HOLD_LOCK = """
import sys, time
from pathlib import Path
from debtcoach.store.lock import write_lock
with write_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    sys.stdin.readline()
"""


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[2] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def spawn(code: str, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(**env),
    )


def hold_lock(data_path: Path) -> subprocess.Popen[str]:
    """A process that holds the write lock of `data_path` until its stdin gets a line."""
    proc = spawn(HOLD_LOCK, str(data_path))
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    return proc


def release(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.write("\n")
    proc.stdin.flush()
    proc.wait(timeout=30)


def run_cli(
    data_path: Path | str, *args: str, preexec_fn: Callable[[], None] | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """`debtcoach --db DATA_PATH --today 2026-11-23 ARGS…` as a real process."""
    command = [sys.executable, "-m", "debtcoach.cli", "--db", str(data_path)]
    return subprocess.run(
        [*command, "--today", "2026-11-23", *args],
        capture_output=True,
        text=True,
        env=child_env(**env),
        preexec_fn=preexec_fn,
        timeout=60,
        check=False,
    )
