"""The benchmark machinery runs: one quick measure, one run. No timing is asserted here (the
budgets live in `benchmarks/run.py`'s table, measured side by side on a quiet machine)."""

from __future__ import annotations

import importlib.util
import math
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

RUN_PY = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("debtcoach_benchmarks_run", RUN_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def test_plan_measure_gives_numbers_a_targets_table_and_a_growth_table(bench: ModuleType) -> None:
    results = bench.run_benchmarks(runs=1, groups=["plan"], years=(0, 0.25))

    names = [row.name for row in results.rows]
    assert names == [
        "plan --json, 0.25 years vs empty",
        "plan --json, plan never ends, 0.25 years vs empty",
    ]
    for row in results.rows:
        assert math.isfinite(row.value) and row.value > 0
        assert math.isfinite(row.floor) and row.floor > 0
        assert len(row.samples) == 1 and len(row.floor_samples) == 1
    table = bench.format_table(results.rows, runs=1)
    lines = table.splitlines()
    assert lines[0] == "debtcoach benchmarks: median of 1 run"
    headers = [cell.strip() for cell in lines[2].split("|")[1:-1]]
    assert headers == ["measure", "debtcoach", "floor", "ratio", "budget", "result"]
    assert set(lines[3]) <= {"|", "-"}
    cells = [cell.strip() for cell in lines[4].split("|")[1:-1]]
    assert cells[0] == "plan --json, 0.25 years vs empty"
    assert cells[1].endswith(" ms") and cells[2].endswith(" ms")
    assert cells[3].endswith("x")
    assert cells[4] == "<= 1.3x"
    assert cells[5] in ("PASS", "FAIL")
    growth = bench.format_growth(results.growth, runs=1).splitlines()
    assert [cell.strip() for cell in growth[2].split("|")[1:-1]] == [
        "measure",
        "empty",
        "0.25 years",
        "bare floor",
    ]
    row = [cell.strip() for cell in growth[4].split("|")[1:-1]]
    assert row[0] == "plan --json" and all(cell.endswith(" ms") for cell in row[1:3])
    assert row[3] == "-"  # no bare floor for a whole process


def test_the_households_are_what_saving_each_week_leaves_behind(
    bench: ModuleType, tmp_path: Path
) -> None:
    """The benchmark's history is written in one go; saving each week's check-in one after
    the other (as `checkin add` does) leaves the same rows in the same order."""
    from debtcoach.domain.checkin import apply_checkin
    from debtcoach.services import Ledger
    from debtcoach.services.checkin import save_checkin
    from debtcoach.store.repository import Repository

    ten_years = bench_module(bench, "ten_years")
    weeks = 6
    household = ten_years.starting_household(weeks)
    Repository(tmp_path / "start.json").replace_all(household)
    ledger = Ledger(tmp_path / "start.json", ten_years.TODAY)
    rng = random.Random(2027)
    for back in range(weeks, 0, -1):
        week = ten_years.week_checkin(household, back, rng)
        household, _ = apply_checkin(household, week)
        save_checkin(ledger, week)

    saved = ledger.household()
    built = ten_years.build_household(weeks / ten_years.WEEKS_PER_YEAR)
    assert len(saved.balances) == weeks * 16  # every open debt, every week
    assert tuple(saved.balances) == tuple(built.balances)
    assert saved.checkins == built.checkins
    assert saved.loans == built.loans and saved.family_loans == built.family_loans


def bench_module(bench: ModuleType, name: str) -> ModuleType:
    path = Path(bench.__file__).with_name(f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"debtcoach_benchmarks_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_machine_line_names_the_versions(bench: ModuleType) -> None:
    line = bench.machine_info()
    assert line.startswith("machine: ")
    assert "Python " in line and "textual " in line


def test_escape_sequences_are_stripped_from_terminal_output(bench: ModuleType) -> None:
    raw = b"\x1b[1;31mLoan 12\x1b[0m \x1b]0;title\x07q\x1b[2mQuit\x1b[0m"
    text = bench.screen_text(raw)
    assert "Loan 12" in text and "Quit" in text and "\x1b" not in text
