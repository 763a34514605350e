"""A household loaded from unchanged bytes is reused; a save re-checks what it changed, and
still refuses to write over a file that never loaded whole."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from debtcoach.domain.models import BalanceEntry
from debtcoach.store import Repository
from debtcoach.store.errors import StorageCorrupt


def test_unchanged_file_gives_the_same_household(repo: Repository, make: Any) -> None:
    repo.add_loan(make.loan())
    first = repo.load()
    assert repo.load() is first
    repo.add_income(make.income())
    second = repo.load()
    assert second is not first
    assert second.income == (make.income(),)


def test_a_write_by_another_process_is_seen(db_path: Path, make: Any) -> None:
    mine, theirs = Repository(db_path), Repository(db_path)
    mine.add_loan(make.loan())
    before = mine.load()
    theirs.add_income(make.income())
    assert mine.load() is not before
    assert mine.load().income == (make.income(),)


def test_history_points_are_added_in_order(repo: Repository, make: Any) -> None:
    entries = [
        BalanceEntry("Visa", date(2026, 11, day), make.usd("100.00"), "checkin:2026-W48")
        for day in (23, 24, 25)
    ]
    repo.add_balance_entries(entries)
    repo.add_balance_entries([])
    assert repo.load().balances == tuple(entries)


def test_a_damaged_file_still_refuses_writes(repo: Repository, db_path: Path, make: Any) -> None:
    repo.add_loan(make.loan())
    repo.load()  # known good
    raw = json.loads(db_path.read_text())
    loans = raw["loans"]
    loans[next(iter(loans))]["balance"] = "not money"
    db_path.write_text(json.dumps(raw))
    with pytest.raises(StorageCorrupt):
        repo.add_income(make.income())


def test_a_change_that_cannot_load_back_is_refused(repo: Repository, make: Any) -> None:
    repo.add_loan(make.loan())
    repo.load()
    with pytest.raises(StorageCorrupt), repo.transaction():
        repo.add_income(make.income())
        session = repo._session
        assert session is not None
        session.table("income").update({"amount": "lots"})
    assert repo.load().income == ()
