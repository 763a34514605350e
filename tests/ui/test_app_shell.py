"""The app shell at 80x24 with real keys: every footer and top-bar key, the coach toggle, help,
the command palette, and reloading when another process changes the file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Static

from debtcoach.domain.models import CheckIn
from debtcoach.store.repository import Repository
from debtcoach.ui.screens.help import HelpScreen
from debtcoach.ui.widgets.coach_panel import CoachPanel
from tests.conftest import TODAY, make_app
from tests.ui.list_pilot import skip_offer

SMALL = (80, 24)
WIDE = (120, 40)


def text(widget: Static) -> str:
    return str(widget.content)


async def test_screen_keys_switch_modes(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        assert app.current_mode == "dashboard"
        for key, mode in [
            ("l", "loans"),
            ("o", "income"),
            ("t", "expenses"),
            ("f", "family"),
            ("p", "chart"),
            ("w", "checkin"),
            ("d", "dashboard"),
        ]:
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode, key
            assert app.screen.query_one("#nav").current == mode  # type: ignore[attr-defined]


async def test_help_opens_and_closes(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert str(sample_db) in text(app.screen.query_one("#help-data", Static))
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "dashboard"
        assert not isinstance(app.screen, HelpScreen)
        # ? toggles, and a screen key leaves help for that screen.
        await pilot.press("question_mark")
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark", "p")
        await pilot.pause()
        assert app.current_mode == "chart"
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_c_shows_the_coach_full_width_below_100_columns(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        panel = app.screen.query_one(CoachPanel)
        body = app.screen.query_one("#body")
        assert panel.region.width == 0
        assert body.region.width > 0
        await pilot.press("c")
        await pilot.pause()
        assert panel.region.width >= 78
        assert body.region.width == 0
        assert app.focused is not None and app.focused.id == "coach-list"
        await pilot.press("c")
        await pilot.pause()
        assert panel.region.width == 0
        assert body.region.width > 0
        await pilot.press("c", "escape")
        await pilot.pause()
        assert panel.region.width == 0


async def test_coach_docked_right_at_100_columns(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=WIDE) as pilot:
        await skip_offer(pilot)
        panel = app.screen.query_one(CoachPanel)
        body = app.screen.query_one("#body")
        assert panel.region.width == 38
        assert body.region.width > 60
        await pilot.press("c")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "coach-list"
        assert body.region.width > 60
        await pilot.press("c")
        await pilot.pause()
        assert app.focused is None or app.focused.id != "coach-list"


async def test_command_palette_goes_to_a_screen(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"go to payoff")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "chart"


async def test_command_palette_runs_the_screens_own_actions(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.per_loan is False  # type: ignore[attr-defined]
        await pilot.press("ctrl+p")
        await pilot.press(*"payoff: per loan")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.per_loan is True  # type: ignore[attr-defined]


async def test_reloads_when_another_process_writes(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        checkin = app.screen.query_one("#checkin", Static)
        assert "not done yet" in text(checkin)
        assert app.check_file_changed() is False
        Repository(sample_db).put_checkin(CheckIn("2026-W48", TODAY))  # "another process"
        assert app.check_file_changed() is True
        await pilot.pause()
        assert "check-in done" in text(checkin)
        assert app.check_file_changed() is False


LOADED_WHEN_USED = (
    "plotext",
    "textual_plotext",
    "debtcoach.domain.proposal",
    "debtcoach.domain.letters",
    "debtcoach.domain.letter_layout",
    "debtcoach.domain.lender_case",
    "debtcoach.ui.screens.loans",
    "debtcoach.ui.screens.chart",
    "debtcoach.ui.screens.restore_backup",
    "debtcoach.cli.loans",
    "debtcoach.cli.whatif",
    "debtcoach.cli.lenders",
)
"""What the first frame does not need: the chart, letters, other screens load when opened, and
the command groups only to parse a command."""


def test_start_up_loads_only_what_the_first_frame_needs() -> None:
    code = (
        "import sys, debtcoach.cli, debtcoach.ui.app; "
        f"print(sorted(m for m in {LOADED_WHEN_USED!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_loans_list_loads_without_the_calculator_the_letter_and_the_form() -> None:
    code = (
        "import sys, debtcoach.cli, debtcoach.ui.app, debtcoach.ui.screens.loans; "
        "print(sorted(m for m in ('debtcoach.ui.screens.restructure', "
        "'debtcoach.ui.screens.contacts', 'debtcoach.domain.proposal', "
        "'debtcoach.ui.widgets.forms') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


async def test_top_bar_names_every_screen_and_compacts_when_narrow(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        nav = app.screen.query_one("#nav", Static)
        assert str(nav.content).split() == [
            *[
                "d",
                "Dashboard",
                "l",
                "Loans",
                "o",
                "Income",
                "t",
                "Expenses",
                "f",
                "Family",
                "p",
                "Payoff",
                "w",
                "Check-in",
            ]
        ]
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert str(nav.content).split()[:3] == ["d", "Dashboard", "l"]
        assert "Loans" not in str(nav.content)


async def test_palette_offers_the_loans_actions_not_the_tables_internals(sample_db: Path) -> None:
    from debtcoach.ui.palette import DebtCoachCommands

    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        provider = DebtCoachCommands(app.screen_stack[-2], None)
        titles = [command.text for command in provider.commands()]
        assert any(t.startswith("Loans: Add") for t in titles), titles
        assert not any("Page" in t or "Focus" in t or "Copy" in t for t in titles), titles


def test_the_app_keeps_the_household_not_the_files_raw_data(tmp_path: Path) -> None:
    """A session keeps the household it read; the parsed JSON beside it (1.5 MiB on ten years)
    is dropped, and a save parses the file again."""
    from debtcoach.services import Ledger
    from debtcoach.ui.app import create_app

    app = create_app(path=tmp_path / "d.json", today=TODAY, theme=None, demo=False)
    assert app.ledger.repository._storage.keep_parsed is False
    assert Ledger(tmp_path / "e.json", TODAY, session=True).repository._storage.keep_parsed is False
    assert Ledger(tmp_path / "f.json", TODAY).repository._storage.keep_parsed is True
