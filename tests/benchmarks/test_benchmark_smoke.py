"""The benchmark machinery runs: one quick measure, one run. No timing is asserted here (the
budgets live in `benchmarks/run.py`'s table, measured side by side on a quiet machine)."""

from __future__ import annotations

import importlib.util
import math
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


def test_plan_measure_gives_a_number_and_a_table_row(bench: ModuleType) -> None:
    rows = bench.run_benchmarks(runs=1, groups=["plan"])

    assert [row.name for row in rows] == ["plan --json (whole process)"]
    row = rows[0]
    assert math.isfinite(row.value) and row.value > 0
    assert math.isfinite(row.floor) and row.floor > 0
    assert len(row.samples) == 1 and len(row.floor_samples) == 1
    table = bench.format_table(rows, runs=1)
    lines = table.splitlines()
    assert lines[0] == "debtcoach benchmarks: median of 1 run"
    headers = [cell.strip() for cell in lines[2].split("|")[1:-1]]
    assert headers == ["measure", "debtcoach", "floor", "ratio", "budget", "result"]
    assert set(lines[3]) <= {"|", "-"}
    cells = [cell.strip() for cell in lines[4].split("|")[1:-1]]
    assert cells[0] == "plan --json (whole process)"
    assert cells[1].endswith(" ms") and cells[2].endswith(" ms")
    assert cells[3].endswith("x")
    assert cells[4] == "<= 500 ms"
    assert cells[5] in ("PASS", "FAIL")


def test_machine_line_names_the_versions(bench: ModuleType) -> None:
    line = bench.machine_info()
    assert line.startswith("machine: ")
    assert "Python " in line and "textual " in line


def test_escape_sequences_are_stripped_from_terminal_output(bench: ModuleType) -> None:
    raw = b"\x1b[1;31mLoan 12\x1b[0m \x1b]0;title\x07q\x1b[2mQuit\x1b[0m"
    text = bench.screen_text(raw)
    assert "Loan 12" in text and "Quit" in text and "\x1b" not in text
