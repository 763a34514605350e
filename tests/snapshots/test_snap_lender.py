"""Snapshots of the lender screens (restructure calculator, contact log) at 80x24 and 120x40.

Each is paired with Pilot tests that assert the content (tests/ui/test_restructure_screen.py,
tests/ui/test_contacts_screen.py), so an almost empty snapshot cannot pass for a working screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from debtcoach.ui.screens.contacts import ContactsScreen
from debtcoach.ui.screens.restructure import RestructureScreen
from tests.conftest import make_app
from tests.ui.list_pilot import skip_offer

SIZES = [(80, 24), (120, 40)]


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let the app start and step past the weekly check-in offer."""
    await skip_offer(pilot)


def _steady(app) -> None:  # type: ignore[no-untyped-def]
    for field in app.screen.query(Input):
        field.cursor_blink = False


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_restructure_calculator(snap_compare, sample_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.app.push_screen(RestructureScreen("Visa"))
        await pilot.pause()
        await pilot.press("backspace", "backspace", *"48")
        _steady(pilot.app)
        await pilot.pause()

    assert snap_compare(make_app(sample_db), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_restructure_card_limit(snap_compare, sample_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.app.push_screen(RestructureScreen("Visa"))
        await pilot.pause()
        await pilot.press("backspace", "backspace", *"72")
        _steady(pilot.app)
        await pilot.pause()

    assert snap_compare(make_app(sample_db), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_contact_log(snap_compare, sample_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.app.push_screen(ContactsScreen("Visa"))
        await pilot.pause()

    assert snap_compare(make_app(sample_db), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_contact_form_with_errors(snap_compare, sample_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.app.push_screen(ContactsScreen("Visa"))
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"2026-11-25")  # the date is selected on focus: typing replaces it
        await pilot.press("tab", "tab", *"Ms Chen", "tab", "tab", "tab", *"2026-11-01")
        _steady(pilot.app)
        await pilot.pause()

    assert snap_compare(make_app(sample_db), terminal_size=size, run_before=run_before)
