"""Schema 2 -> 3: the balance history of ten years of weekly check-ins, one document per week.

The old file is what ten years of `checkin add` left behind under schema 2 (one document per
debt per week): written by the benchmark's household builder, which applies every week through
`domain.checkin.apply_checkin`, then put in the version-2 shape.
"""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from debtcoach.domain.models import BalanceEntry, Household
from debtcoach.services import Ledger
from debtcoach.services.checkin import save_checkin
from debtcoach.store import Repository
from debtcoach.store.backups import BackupSet
from debtcoach.store.migrations import SCHEMA_VERSION, migrate

TEN_YEARS_PY = Path(__file__).resolve().parents[2] / "benchmarks" / "ten_years.py"


def _ten_years() -> ModuleType:
    spec = importlib.util.spec_from_file_location("debtcoach_benchmarks_ten_years", TEN_YEARS_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ten_years() -> ModuleType:
    return _ten_years()


@pytest.fixture(scope="module")
def household(ten_years: ModuleType) -> Household:
    built: Household = ten_years.build_household(10)
    return built


def as_schema2(raw: dict[str, Any]) -> dict[str, Any]:
    """The file as schema 2 kept it: a document per point, in the order of the points."""
    points = []
    for doc_id in sorted(raw["balances"], key=int):
        doc = raw["balances"][doc_id]
        for side, family in (("loans", False), ("family", True)):
            for name, minor in doc[side].items():
                points.append(
                    {
                        "name": name,
                        "on": doc["on"],
                        "balance": minor,
                        "source": doc["source"],
                        "family": family,
                    }
                )
    raw["balances"] = {str(n): point for n, point in enumerate(points, 1)}
    raw["meta"]["1"]["schema_version"] = 2
    return raw


@pytest.fixture
def old_file(tmp_path: Path, household: Household) -> Path:
    path = tmp_path / "data" / "debtcoach.json"
    Repository(path).replace_all(household)
    raw = as_schema2(json.loads(path.read_bytes()))
    path.write_text(json.dumps(raw, separators=(",", ":")), encoding="utf-8")
    return path


def test_ten_years_of_the_old_shape_hold_a_point_per_debt_per_week(old_file: Path) -> None:
    raw = json.loads(old_file.read_bytes())
    assert len(raw["checkins"]) == 520
    assert len(raw["balances"]) == 520 * 16
    assert raw["meta"]["1"]["schema_version"] == 2


def test_the_history_reads_back_point_for_point(old_file: Path, household: Household) -> None:
    loaded = Repository(old_file).load()
    assert len(loaded.balances) == 8320
    assert tuple(loaded.balances) == tuple(household.balances)
    assert loaded.balances[0] == BalanceEntry(
        household.balances[0].name,
        household.balances[0].on,
        household.balances[0].balance,
        household.balances[0].source,
    )
    assert loaded.checkins == household.checkins and loaded.loans == household.loans


def test_reading_does_not_rewrite_and_a_save_writes_one_document_per_week(
    old_file: Path, ten_years: ModuleType
) -> None:
    before = old_file.read_bytes()
    repository = Repository(old_file)
    household = repository.load()
    assert old_file.read_bytes() == before

    ledger = Ledger(old_file, ten_years.TODAY)
    week = ten_years.week_checkin(household, 0, random.Random(1))
    save_checkin(ledger, week)

    raw = json.loads(old_file.read_bytes())
    assert raw["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 4
    assert len(raw["balances"]) == 521
    first = raw["balances"]["1"]
    assert set(first) == {"source", "on", "loans", "family"}
    assert len(first["loans"]) == 12 and len(first["family"]) == 4
    assert len(old_file.read_bytes()) < len(before) / 2
    (backup,) = BackupSet(old_file).all()
    assert backup.path.read_bytes() == before  # the old version, byte for byte
    after = ledger.household()
    assert len(after.balances) == 8320 + 16
    assert tuple(after.balances)[:8320] == tuple(household.balances)


def test_runs_of_points_split_where_one_document_would_reorder_them() -> None:
    """A loan after a family lender, or a name twice, in the same source and date."""
    points = [
        ("Visa", False, 100),
        ("Mum", True, 50),
        ("Car", False, 70),
        ("Car", False, 60),
    ]
    raw: dict[str, Any] = {
        "meta": {"1": {"schema_version": 2, "currency": "USD"}},
        "balances": {
            str(n): {
                "name": name,
                "on": "2026-03-01",
                "balance": minor,
                "source": "edit",
                "family": family,
            }
            for n, (name, family, minor) in enumerate(points, 1)
        },
    }
    migrated = migrate(raw)
    assert list(migrated["balances"].values()) == [
        {"source": "edit", "on": "2026-03-01", "loans": {"Visa": 100}, "family": {"Mum": 50}},
        {"source": "edit", "on": "2026-03-01", "loans": {"Car": 70}, "family": {}},
        {"source": "edit", "on": "2026-03-01", "loans": {"Car": 60}, "family": {}},
    ]


def test_a_damaged_point_is_refused_naming_it(tmp_path: Path) -> None:
    from debtcoach.store import StorageCorrupt

    path = tmp_path / "debtcoach.json"
    raw = {
        "meta": {"1": {"schema_version": 2, "currency": "USD"}},
        "balances": {"1": {"name": "Visa", "on": "2026-03-01", "balance": "12.50"}},
    }
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(StorageCorrupt, match="balances document 1"):
        Repository(path).load()
