"""Screens other than the dashboard are built when first shown: never before the first frame
and never in the background, so a screen nobody opens costs neither time nor memory."""

from __future__ import annotations

from pathlib import Path

from textual.widget import Widget
from textual.widgets import DataTable

from tests.conftest import make_app
from tests.ui.list_pilot import skip_offer
from tests.ui.screen_text import screen_lines


async def test_only_the_dashboard_is_built_while_nothing_is_pressed(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await skip_offer(pilot)
        await pilot.pause(0.5)
        assert set(app._screen_stacks) - {"_default"} == {"dashboard"}


async def test_the_first_key_builds_the_list_screen_and_it_shows_every_loan(
    sample_db: Path,
) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await skip_offer(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert "loans" in app._screen_stacks
        assert "income" not in app._screen_stacks
        table = app.screen.query_one(DataTable)
        names = {str(table.get_row_at(i)[0]).lstrip("! ").strip() for i in range(table.row_count)}
        assert {"Visa", "QuickCash", "Car loan", "Sofa loan"} <= names


async def test_a_screen_left_behind_keeps_no_drawn_lines_and_looks_the_same_on_return(
    sample_db: Path,
) -> None:
    """Every screen visited would otherwise keep a screenful of drawn lines (about 2 MiB for
    the dashboard at 120x40) for the rest of the session."""
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await skip_offer(pilot)
        await pilot.pause()
        dashboard = app.screen
        before = screen_lines(app)
        assert any(widget._styles_cache._cache for widget in dashboard.walk_children(Widget))
        await pilot.press("l")
        await pilot.pause()
        assert not any(widget._styles_cache._cache for widget in dashboard.walk_children(Widget))
        await pilot.press("d")
        await pilot.pause()
        assert app.screen is dashboard
        assert screen_lines(app) == before
