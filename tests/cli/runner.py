"""The CLI as the tests call it: in-process, on one data file, on the tests' fixed "today"."""

from __future__ import annotations

from pathlib import Path

from debtcoach.cli import main

TODAY = "2026-11-23"  # 2026-W48; the sample household has check-ins for 2026-W36 … W47


def run(db: Path, *args: str, today: str = TODAY) -> int:
    """`debtcoach --db DB --today TODAY ARGS…`, returning its exit code."""
    return main(["--db", str(db), "--today", today, *args])


def never_ending_household(db: Path) -> Path:
    """1,000.00 a month against a card at 200 % (about 1,667.00 of interest a month on its
    10,000.00), written through the CLI: the plan pays every minimum and never clears the card."""
    assert run(db, "income", "add", "--name", "Pay", "--kind", "regular", "--amount", "1000",
               "--frequency", "monthly") == 0  # fmt: skip
    assert run(db, "loan", "add", "--name", "Card", "--kind", "credit_card", "--balance",
               "10000", "--apr", "200", "--min-payment", "100", "--overdue-since", "2026-10-01",
               "--late-fee", "10", "--arrears", "100") == 0  # fmt: skip
    return db
