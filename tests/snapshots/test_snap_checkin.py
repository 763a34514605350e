"""Snapshots of the weekly check-in at 80x24 and 120x40 (each paired with a Pilot test that
asserts the content: tests/ui/test_checkin_flow.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_app

SIZES = [(80, 24), (120, 40)]


async def _start(pilot: Any) -> None:
    await pilot.pause()
    await pilot.press("enter")  # the start-up offer: start
    await pilot.pause()


async def _to_summary(pilot: Any) -> None:
    await _start(pilot)
    for key in ["1", "5", "6"]:
        await pilot.press(key)
    for _ in range(6 + 3 + 3 + 1 + 1):
        await pilot.press("enter")
    for key in "calm":
        await pilot.press(key)
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_offer(snap_compare: Any, sample_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(sample_db), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_payments_step(snap_compare: Any, sample_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(sample_db), terminal_size=size, run_before=_start)


def test_borrowing_step(snap_compare: Any, sample_db: Path) -> None:
    async def run_before(pilot: Any) -> None:
        await _start(pilot)
        for _ in range(6 + 3 + 3):
            await pilot.press("enter")
        await pilot.press("y")
        await pilot.pause()

    assert snap_compare(make_app(sample_db), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_lender_step(snap_compare: Any, sample_db: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Any) -> None:
        await _start(pilot)
        for _ in range(6 + 3 + 3 + 1):
            await pilot.press("enter")
        await pilot.press("right")  # Visa: who, what was asked, outcome, follow-up
        await pilot.pause()
        await pilot.press("enter", "enter", *"Ms Chen", "enter", *"24 installments")
        await pilot.pause()

    assert snap_compare(make_app(sample_db), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare: Any, sample_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(sample_db), terminal_size=size, run_before=_to_summary)


def test_weeks_list(snap_compare: Any, sample_db: Path) -> None:
    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        await pilot.press("s", "w")
        await pilot.pause()

    assert snap_compare(make_app(sample_db), terminal_size=(80, 24), run_before=run_before)
