"""Correcting an old week, on real files: the history stays exact and the write stays small.

A correction shifts the balance points of every later week. Those must be written in a bounded
number of storage operations (TinyDB re-keys a whole table on each one), so the time a correction
holds the write lock grows with the history, not with its square.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from debtcoach.domain.calendar import iso_week
from debtcoach.domain.checkin import checkin_date
from debtcoach.domain.models import CheckIn, FamilyLoan, Loan, LoanKind
from debtcoach.domain.money import Money
from debtcoach.services import Ledger
from debtcoach.services.checkin import save_checkin
from debtcoach.store.storage import AtomicJSONStorage

FIRST_MONDAY = date(2024, 1, 1)
START_BALANCE = 1_000_000


def usd(minor: int) -> Money:
    return Money(minor, "USD")


def weekly_payments(week_index: int) -> dict[str, Money]:
    return {"Visa": usd(1_000 + week_index), "Car": usd(2_000), "Mum": usd(500)}


def household_with_weeks(path: Path, weeks: int) -> Ledger:
    """`weeks` check-ins with payments, one per week, saved as `checkin add` saves them."""
    today = FIRST_MONDAY + timedelta(weeks=weeks)
    ledger = Ledger(path, today)
    for name in ("Visa", "Car"):
        ledger.repository.add_loan(
            Loan(name, LoanKind.CREDIT_CARD, usd(START_BALANCE), Decimal("18"), usd(2_500))
        )
    ledger.repository.add_family_loan(FamilyLoan("Mum", usd(START_BALANCE), date(2023, 6, 1)))
    for index in range(weeks):
        week = iso_week(FIRST_MONDAY + timedelta(weeks=index))
        checkin = CheckIn(week, checkin_date(week, today), paid=weekly_payments(index))
        save_checkin(ledger, checkin)
    return ledger


@pytest.fixture
def count_storage_writes(monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[int]]:
    """Counts the table writes TinyDB makes through our storage (each is a whole-table pass)."""
    calls: list[int] = []
    real_write = AtomicJSONStorage.write

    def counted(self: AtomicJSONStorage, data: Any) -> None:
        calls.append(1)
        real_write(self, data)

    monkeypatch.setattr(AtomicJSONStorage, "write", counted)
    return lambda: calls


def correct_first_week(ledger: Ledger) -> None:
    first = ledger.repository.load().checkins[0]
    paid = {**first.paid, "Visa": usd(5_000), "Mum": usd(0)}
    save_checkin(ledger, CheckIn(first.week, first.on, paid=paid))


def test_a_correction_takes_the_same_number_of_writes_however_long_the_history(
    tmp_path: Path, count_storage_writes: Callable[[], list[int]]
) -> None:
    writes = {}
    for weeks in (6, 24):
        ledger = household_with_weeks(tmp_path / f"w{weeks}" / "debtcoach.json", weeks)
        before = len(count_storage_writes())
        correct_first_week(ledger)
        writes[weeks] = len(count_storage_writes()) - before
    assert writes[6] == writes[24], writes
    assert writes[24] <= 6  # the check-in, two loans, Mum, the history (out and in)


def test_a_correction_shifts_every_later_weeks_balance_exactly(tmp_path: Path) -> None:
    weeks = 10
    ledger = household_with_weeks(tmp_path / "debtcoach.json", weeks)
    correct_first_week(ledger)
    household = ledger.repository.load()
    paid = {name: 0 for name in ("Visa", "Car", "Mum")}
    for index, checkin in enumerate(household.checkins):
        for name, amount in checkin.paid.items():
            paid[name] += amount.minor
        points = {e.name: e.balance.minor for e in household.balances if checkin.week in e.source}
        assert points == {name: START_BALANCE - total for name, total in paid.items()}, index
    visa = household.loan("Visa")
    assert visa is not None and visa.balance.minor == START_BALANCE - paid["Visa"]
    assert len(household.balances) == 3 * weeks
