"""The Ledger as the one door: each command reads the data file once, each state of the data is
simulated once, and the front ends never reach past it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from debtcoach.bundled import sample_data_file
from debtcoach.cli import main
from debtcoach.domain import household_plan
from debtcoach.services import Ledger
from tests.conftest import TODAY, make_app

SRC = Path(__file__).resolve().parents[2] / "src" / "debtcoach"


class FileTraffic:
    """Reads and atomic writes of one data file, counted where the store does them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
        import debtcoach.store.storage as storage

        self.reads = 0
        self.writes = 0
        original_read = Path.read_bytes
        original_write = storage.atomic_write_bytes

        def read_bytes(candidate: Path) -> bytes:
            if candidate == path:
                self.reads += 1
            return original_read(candidate)

        def atomic_write(target: Path, payload: bytes, **kwargs: object) -> None:
            if Path(target) == path:
                self.writes += 1
            original_write(target, payload, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
        monkeypatch.setattr(storage, "atomic_write_bytes", atomic_write)


COMMANDS = [
    ("loan add", ["loan", "add", "--name", "Card", "--kind", "credit_card", "--balance", "500",
                  "--apr", "20", "--min-payment", "20", "--late-fee", "5", "--arrears", "10"], 1),
    ("income add", ["income", "add", "--name", "Shop", "--kind", "side", "--amount", "100",
                    "--frequency", "monthly"], 1),
    ("expense add", ["expense", "add", "--name", "Books", "--current", "50", "--target", "20"], 1),
    ("family add", ["family", "add", "--lender", "Aunt", "--amount", "100",
                    "--borrowed-on", "2026-10-01"], 1),
    ("family repay", ["family", "repay", "--lender", "Mum", "--amount", "10"], 1),
    ("contact add", ["contact", "add", "--loan", "Visa", "--date", "2026-11-20",
                     "--channel", "phone"], 1),
    ("checkin add", ["checkin", "add", "--paid", "Visa=156", "--received", "Salary=2650"], 1),
    ("plan --json", ["plan", "--json"], 0),
    ("coach", ["coach"], 0),
    ("loan list", ["loan", "list"], 0),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "writes"), [c[1:] for c in COMMANDS], ids=[c[0] for c in COMMANDS]
)
def test_every_command_reads_the_file_once(
    args: list[str], writes: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "debtcoach.json"
    shutil.copyfile(sample_data_file(), db)
    traffic = FileTraffic(monkeypatch, db)
    assert main(["--db", str(db), "--today", TODAY.isoformat(), *args]) == 0
    assert (traffic.reads, traffic.writes) == (1, writes)


COACH_MOVES = 2
"""Simulations of the sample's state besides its plan: the moves the coach names."""


class Simulations:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = household_plan.simulate_payoff

        def counted(*args: object, **kwargs: object) -> object:
            self.count += 1
            return original(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(household_plan, "simulate_payoff", counted)


async def test_a_reload_simulates_the_plan_once(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        simulations = Simulations(monkeypatch)
        main(["--db", str(sample_db), "--today", TODAY.isoformat(),
              "family", "repay", "--lender", "Mum", "--amount", "1"])  # fmt: skip
        app.reload()
        # The plan once, and the two moves the coach names (Visa over 60 installments for
        # negotiate-card, relatives covering the arrears for act-early).
        assert simulations.count == 1 + COACH_MOVES
        app.reload()  # the same bytes: the same state, no simulation at all
        assert simulations.count == 1 + COACH_MOVES


def test_the_state_of_unchanged_data_is_computed_once(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = Ledger(sample_db, TODAY)
    simulations = Simulations(monkeypatch)
    first = ledger.state()
    assert ledger.state() is first
    assert simulations.count == 1 + COACH_MOVES
    assert first.advice and first.plan.feasible


def test_the_front_ends_never_reach_the_repository() -> None:
    uses = [
        f"{path.relative_to(SRC)}:{number}"
        for folder in ("ui", "cli")
        for path in sorted((SRC / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\.repository\b|debtcoach\.store\b", line)
    ]
    assert uses == []


def test_the_state_keeps_next_month_and_a_chart_gets_every_month(sample_db: Path) -> None:
    """The dashboard shows next month's figures; the chart asks for the plan's every month,
    which is the same plan."""
    ledger = Ledger(sample_db, TODAY)
    state = ledger.state()
    full = ledger.full_plan()
    assert len(state.plan.schedule) == 1 and state.plan.schedule_cut
    assert full.months is not None and len(full.schedule) == full.months > 1
    assert full.schedule[0] == state.plan.schedule[0]
    assert (full.months, full.total_interest, full.debts) == (
        state.plan.months,
        state.plan.total_interest,
        state.plan.debts,
    )
    by_strategy = ledger.plans_by_strategy(ledger.household(), [state.plan.strategy], state.plan)
    assert by_strategy[state.plan.strategy] == full
    assert len(ledger.what_if(keep_schedule=True).plan.plan.schedule) == full.months


def test_the_full_plan_is_simulated_once_per_state(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What-if's chart asks for it at every toggle, the chart at every refresh."""
    ledger = Ledger(sample_db, TODAY)
    ledger.state()
    simulations = Simulations(monkeypatch)
    first = ledger.full_plan()
    assert ledger.full_plan() is first
    assert simulations.count == 1
