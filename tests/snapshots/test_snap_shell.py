"""Snapshots of the dashboard, the payoff chart and help at 80x24 and 120x40 (today fixed).

Each is paired with Pilot tests that assert the content (tests/ui/test_dashboard_screen.py,
test_chart_screen.py, test_help_screen.py, test_coach_panel.py), so an almost empty snapshot
cannot pass for a working screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_app
from tests.ui.list_pilot import skip_offer

SIZES = [(80, 24), (120, 40)]
IDS = ["80x24", "120x40"]


def after(*keys: str):  # type: ignore[no-untyped-def]
    """Skip the start-up check-in question, then press `keys`."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await skip_offer(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_dashboard(snap_compare, sample_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(sample_db), terminal_size=size, run_before=after())


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_chart(snap_compare, sample_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(sample_db), terminal_size=size, run_before=after("p"))


def test_chart_per_loan(snap_compare, sample_db: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(sample_db), terminal_size=(120, 40), run_before=after("p", "v"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_help(snap_compare, sample_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = make_app(sample_db)
    # The data file lives in a fresh temporary folder on every run: show a fixed stand-in path
    # (only the text shown; the file used is still sample_db). test_help_screen.py asserts the
    # real path.
    app.ledger.path = Path("/home/you/.local/share/debtcoach/debtcoach.json")
    assert snap_compare(app, terminal_size=size, run_before=after("question_mark"))


def test_coach_open_at_80(snap_compare, sample_db: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(sample_db), terminal_size=(80, 24), run_before=after("c"))


def test_light_theme(snap_compare, sample_db: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(sample_db, theme="debtcoach-light")
    assert snap_compare(app, terminal_size=(120, 40), run_before=after())


def test_high_contrast_theme(snap_compare, sample_db: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(sample_db, theme="debtcoach-high-contrast")
    assert snap_compare(app, terminal_size=(80, 24), run_before=after("p"))
