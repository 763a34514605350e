"""The CLI as the tests call it: in-process, on one data file, on the tests' fixed "today"."""

from __future__ import annotations

from pathlib import Path

from debtcoach.cli import main

TODAY = "2026-11-23"  # 2026-W48; the sample household has check-ins for 2026-W36 … W47


def run(db: Path, *args: str, today: str = TODAY) -> int:
    """`debtcoach --db DB --today TODAY ARGS…`, returning its exit code."""
    return main(["--db", str(db), "--today", today, *args])
