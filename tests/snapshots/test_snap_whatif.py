"""Snapshots of the what-if screen at 80x24 (the table, then the chart) and 120x40 (both), with
today fixed. tests/ui/test_whatif_screen.py asserts the figures, so an empty snapshot cannot
pass for a working screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_app
from tests.snapshots.test_snap_shell import after

SIZES = [(80, 24), (120, 40)]
IDS = ["80x24", "120x40"]


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_whatif(snap_compare, sample_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(sample_db), terminal_size=size, run_before=after("p", "i"))


def test_whatif_chart_at_80(snap_compare, sample_db: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(sample_db)
    assert snap_compare(app, terminal_size=(80, 24), run_before=after("i", "down", "space", "v"))
