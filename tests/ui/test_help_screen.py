"""Help (`?`): every key of the app, what each screen is for, and where the data file lives."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from debtcoach.ui.screens.help import HelpScreen
from tests.conftest import make_app
from tests.ui.list_pilot import skip_offer


async def test_help_lists_every_key_and_the_data_file(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await skip_offer(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        text = "\n".join(str(s.content) for s in screen.query(Static))
        for key, _, _ in app.screen_keys():
            assert f"\n  {key} " in text, key
        for key in ("?", "c", "ctrl+p", "q", "a", "e / enter", "x", "/", "esc", "s", "v"):
            assert f"\n  {key} " in text, key
        for name in ("Dashboard", "Loans", "Open source", "Throttling", "Family", "Payoff"):
            assert name in text
        assert str(sample_db) in text
        assert "2026-11-23" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "dashboard" and not isinstance(app.screen, HelpScreen)
