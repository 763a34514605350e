"""The list screens are built in the background after the first frame, and work when shown."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from tests.conftest import make_app


async def test_list_screens_are_built_after_the_first_frame(sample_db: Path) -> None:
    app = make_app(sample_db, warm_screens=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "loans" not in app._screen_stacks  # nothing built before the first frame
        for _ in range(100):  # bounded wait for the warm-up timers, no timing assertion
            await pilot.pause(0.05)
            if {"loans", "income", "expenses", "family"} <= set(app._screen_stacks):
                break
        assert {"loans", "income", "expenses", "family"} <= set(app._screen_stacks)
        await pilot.press("s")  # skip the check-in offer
        await pilot.press("l")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        names = {str(table.get_row_at(i)[0]).lstrip("! ").strip() for i in range(table.row_count)}
        assert {"Visa", "QuickCash", "Car loan", "Sofa loan"} <= names


async def test_tests_build_no_screen_in_the_background(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(1.0)
        assert "loans" not in app._screen_stacks
