"""Screens other than the dashboard are built when first shown: never before the first frame
and never in the background, so a screen nobody opens costs neither time nor memory."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from tests.conftest import make_app
from tests.ui.list_pilot import skip_offer


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
