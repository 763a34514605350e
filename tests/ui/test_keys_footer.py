"""The footer: every key of the screen in front, clickable, with its tooltip, in one or two rows."""

from __future__ import annotations

from pathlib import Path

from textual.geometry import Offset
from textual.pilot import Pilot

from debtcoach.ui.screens.loans import LoansScreen
from debtcoach.ui.widgets.forms import RecordForm
from debtcoach.ui.widgets.keys_footer import KeysFooter
from tests.conftest import make_app
from tests.ui.list_pilot import footer_keys, open_screen
from tests.ui.screen_text import screen_lines

SMALL = (80, 24)
WIDE = (120, 40)


def offset_of(footer: KeysFooter, key: str) -> Offset:
    """The first cell of `key` inside the footer (what a mouse points at)."""
    region = footer.key_region(key)
    assert region.width > 0, key
    return Offset(region.x - footer.region.x, region.y - footer.region.y)


async def loans_footer(pilot: Pilot[None]) -> KeysFooter:
    """Past the check-in offer to the loans list: its footer."""
    await open_screen(pilot, "l")
    await pilot.pause()
    return pilot.app.screen.query_one(KeysFooter)


async def test_the_loans_keys_are_two_aligned_rows_at_80_columns(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        footer = await loans_footer(pilot)
        assert list(footer_keys(app.screen)) == [
            *("c", "a", "e", "x", "slash"),
            *("s", "r", "h", "question_mark", "q", "ctrl+p"),
        ]
        lines = screen_lines(app)
        assert lines[-2].startswith("c Coach a Add         e Edit     x Delete / Filter")
        assert lines[-2].endswith("▏^p Palette")
        assert lines[-1].startswith("s Sort  r Restructure h Contacts ? Help   q Quit")
        # Columns line up: the second row's keys start where the first row's do.
        assert footer.key_region("r").x == footer.key_region("a").x
        assert footer.key_region("q").x == footer.key_region("slash").x


async def test_one_row_when_the_keys_fit(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=WIDE) as pilot:
        footer = await loans_footer(pilot)
        assert footer.size.height == 1 and not footer.has_class("-two-rows")
        line = screen_lines(app)[-1]
        assert line.startswith("c Coach a Add e Edit x Delete / Filter s Sort r Restructure")
        assert "? Help q Quit" in line and line.endswith("▏^p Palette")


async def test_a_click_on_a_key_presses_it(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        footer = await loans_footer(pilot)
        assert isinstance(app.screen, LoansScreen)
        await pilot.click(KeysFooter, offset=offset_of(footer, "a"))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, RecordForm)


async def test_a_key_shows_its_tooltip_under_the_mouse(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=WIDE) as pilot:
        footer = await loans_footer(pilot)
        await pilot.hover(KeysFooter, offset=offset_of(footer, "q"))
        assert footer.tooltip == "Quit (everything is already saved)"
        await pilot.hover(KeysFooter, offset=offset_of(footer, "r"))
        assert footer.tooltip == "Stretch the selected loan into installments (time for space)"
        await pilot.hover(KeysFooter, offset=offset_of(footer, "a"))
        assert footer.tooltip is None  # `a Add` says all there is to say
