"""Snapshots of the list screens (loans, income, throttling, family) and their forms.

Each is paired with Pilot tests that assert the content (tests/ui/test_loans.py,
test_income.py, test_expenses.py, test_family.py, test_forms.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_app
from tests.ui.list_pilot import skip_offer

SIZES = [(80, 24), (120, 40)]


def open_with(*keys: str) -> Callable[[Any], Awaitable[None]]:
    async def run_before(pilot: Any) -> None:
        await skip_offer(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("key", ["l", "o", "t", "f"])
def test_list_screen(snap_compare: Any, sample_db: Path, key: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(sample_db), terminal_size=size, run_before=open_with(key))


def test_loan_form_with_an_error(snap_compare: Any, sample_db: Path) -> None:
    keys = ["l", "a", *"Dentist", "tab", "tab", "tab", "tab", *"12.345"]
    assert snap_compare(make_app(sample_db), terminal_size=(80, 24), run_before=open_with(*keys))


def test_family_repayment_form(snap_compare: Any, sample_db: Path) -> None:
    keys = ["f", "r", *"700"]
    assert snap_compare(make_app(sample_db), terminal_size=(80, 24), run_before=open_with(*keys))


def test_delete_confirmation(snap_compare: Any, sample_db: Path) -> None:
    assert snap_compare(make_app(sample_db), terminal_size=(80, 24), run_before=open_with("t", "x"))
