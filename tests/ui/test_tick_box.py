"""A ticked box and an empty one differ in their mark, not only in colour (NO_COLOR)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import make_app
from tests.ui.screen_text import screen_words
from tests.ui.test_restructure_screen import SIZE, open_calculator, set_installments


async def test_the_letters_boxes_show_an_x_only_when_ticked(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calculator(pilot, app)
        await set_installments(pilot, screen, "60")
        words = screen_words(app)
        assert "Letter: ▐ ▌ stop penalty (i) ▐ ▌ cut fees (e) ▐ ▌ name lenders (a)" in words
        await pilot.press("i", "a")
        await pilot.pause()
        words = screen_words(app)
        assert "Letter: ▐X▌ stop penalty (i) ▐ ▌ cut fees (e) ▐X▌ name lenders (a)" in words
