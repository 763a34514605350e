"""Snapshots of the translated screens in Chinese (zh_CN, yuan) at 80x24 and 120x40, today
fixed. tests/ui/test_zh_cn.py asserts their content with real keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Input

from debtcoach.ui.screens.contacts import ContactsScreen
from debtcoach.ui.screens.restructure import RestructureScreen
from tests.conftest import make_app
from tests.snapshots.test_snap_checkin import _start, _to_summary
from tests.snapshots.test_snap_shell import IDS, SIZES, after


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_zh_dashboard(snap_compare, zh_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(zh_db), terminal_size=size, run_before=after())


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_zh_checkin_offer(snap_compare, zh_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(zh_db), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_zh_loans(snap_compare, zh_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(zh_db), terminal_size=size, run_before=after("l"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_zh_income(snap_compare, zh_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(zh_db), terminal_size=size, run_before=after("o"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_zh_chart(snap_compare, zh_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(zh_db), terminal_size=size, run_before=after("p"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_zh_whatif(snap_compare, zh_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(zh_db), terminal_size=size, run_before=after("p", "i"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_zh_settings(snap_compare, zh_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(zh_db), terminal_size=size, run_before=after("comma"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_zh_first_run(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tmp_path / "new.json", environ={"LANG": "zh_CN.UTF-8"}, first_run=True)

    async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_zh_help(snap_compare, zh_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = make_app(zh_db)
    app.ledger.path = Path("/home/you/.local/share/debtcoach/debtcoach.json")
    assert snap_compare(app, terminal_size=size, run_before=after("question_mark"))


def opened(screen: Screen[None], *keys: str):  # type: ignore[no-untyped-def]
    """Skip the start-up question, open `screen` (as the loans screen's r and h do), then press
    `keys`; the input's cursor is held still for the picture."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await after()(pilot)
        await pilot.app.push_screen(screen)
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_zh_restructure(snap_compare, zh_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    run_before = opened(RestructureScreen("Visa"), "backspace", "backspace", "2", "4")
    assert snap_compare(make_app(zh_db), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_zh_contacts(snap_compare, zh_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    run_before = opened(ContactsScreen("Visa"))
    assert snap_compare(make_app(zh_db), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_zh_expenses(snap_compare, zh_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(zh_db), terminal_size=size, run_before=after("t"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_zh_family(snap_compare, zh_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(zh_db), terminal_size=size, run_before=after("f"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_zh_coach(snap_compare, zh_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(zh_db), terminal_size=size, run_before=after("c"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_zh_checkin_lender_step(snap_compare, zh_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _start(pilot)
        for _ in range(6 + 3 + 3 + 1):
            await pilot.press("enter")
        await pilot.press("right")  # Visa: who, what was asked, outcome, follow-up
        await pilot.pause()
        await pilot.press("enter", "enter", *"Ms Chen", "enter", *"24 期")
        await pilot.pause()

    assert snap_compare(make_app(zh_db), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_zh_checkin_summary(snap_compare, zh_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(zh_db), terminal_size=size, run_before=_to_summary)
