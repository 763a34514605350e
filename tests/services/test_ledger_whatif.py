"""The what-if through the Ledger: one read, no write, and the state's plan reused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from debtcoach.bundled import sample_data_file
from debtcoach.cli import main
from debtcoach.domain.money import Money
from debtcoach.domain.whatif import BudgetChange, Cuts
from debtcoach.services import Ledger
from tests.conftest import TODAY
from tests.services.test_one_door import FileTraffic, Simulations


def test_whatif_reads_the_file_once_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "debtcoach.json"
    shutil.copyfile(sample_data_file(), db)
    traffic = FileTraffic(monkeypatch, db)
    args = ["whatif", "--cuts", "--relatives", "500", "--restructure", "Visa:48", "--json"]
    assert main(["--db", str(db), "--today", TODAY.isoformat(), *args]) == 0
    assert (traffic.reads, traffic.writes) == (1, 0)


def test_the_plan_of_the_state_is_not_simulated_again(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = Ledger(sample_db, TODAY)
    state = ledger.state()
    simulations = Simulations(monkeypatch)
    report = ledger.what_if([Cuts(), BudgetChange(Money(5000, "USD"))], state.household)
    assert report.plan.plan is state.plan
    assert simulations.count == 3  # each move alone, and both together
