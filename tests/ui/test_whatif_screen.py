"""The what-if screen with real keys at 80x24 and 120x40: the suggested moves on, the table as it
toggles, an amount typed in place, `enter` opening the screen that makes a move real, and the
data file byte-identical after all of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from debtcoach.ui.screens.family import FamilyScreen
from debtcoach.ui.screens.restructure import RestructureScreen
from debtcoach.ui.screens.what_if import WhatIfScreen
from debtcoach.ui.widgets.forms import RecordForm
from tests.conftest import make_app
from tests.ui.list_pilot import burst, skip_offer
from tests.ui.screen_text import screen_lines, screen_words

SIZES = [(80, 24), (120, 40)]
IDS = ["80x24", "120x40"]


async def open_whatif(pilot: Pilot[None], *keys: str) -> WhatIfScreen:
    await skip_offer(pilot)
    await pilot.press(*keys)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, WhatIfScreen)
    return screen


def table(screen: WhatIfScreen) -> dict[str, list[str]]:
    """The table's rows by their label: debt-free, months, interest, fees, current."""
    rows = {}
    for line in str(screen.query_one("#wi-table", Static).content).splitlines()[1:]:
        label, _, rest = line.strip().partition("  ")
        cells = rest.split()
        if cells and cells[0] in {"never", "short"}:
            rows[label] = cells
        elif len(cells) >= 5:
            rows[label] = [" ".join(cells[:2]), *cells[2:]]
    return rows


def checked(screen: WhatIfScreen) -> list[str]:
    return [row.id or "" for row in screen.rows if row.has_class("-on")]


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_suggested_moves_side_by_side(sample_db: Path, size: tuple[int, int]) -> None:
    before = sample_db.read_bytes()
    app = make_app(sample_db)
    async with app.run_test(size=size) as pilot:
        screen = await open_whatif(pilot, "p", "i")
        assert checked(screen) == ["move-restructure", "move-cuts", "move-relatives"]
        rows = table(screen)
        # The same figures as `debtcoach whatif` for the sample (tests/cli/test_whatif_cli.py).
        assert rows["Only the minimums"][0] == "never"
        assert rows["The plan now"] == ["Sep 2028", "22", "$2,066.86", "$140.00", "Mar", "2027"]
        assert rows["Time for space"] == ["Sep 2028", "22", "$1,771.57", "$0.00", "Dec", "2026"]
        assert rows["Throttling"] == ["Jun 2028", "19", "$1,662.45", "$70.00", "Jan", "2027"]
        assert rows["Relatives first"] == ["Sep 2028", "22", "$1,621.98", "$35.00", "Dec", "2026"]
        assert rows["All together"] == ["Jun 2028", "19", "$1,303.27", "$0.00", "Dec", "2026"]
        assert "Open source" not in rows and "Budget change" not in rows
        words = screen_words(app)
        # What each move saves against the plan, interest and fees together:
        # 2,066.86 + 140.00 - (1,771.57 + 0.00) = 435.29.
        assert "Time for space ◂ Visa ▸ 60 installments saves $435.29" in words
        assert "3 cuts: +$135.00 a month saves $474.41" in words
        assert all(len(line) <= size[0] for line in screen_lines(app))
    assert sample_db.read_bytes() == before


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_toggling_a_move_updates_the_table(sample_db: Path, size: tuple[int, int]) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=size) as pilot:
        screen = await open_whatif(pilot, "i")
        await pilot.press("up", "space")  # the budget change (+$50.00 a month) on
        await pilot.pause()
        assert "move-budget_change" in checked(screen)
        # As `debtcoach whatif --budget-change 50 --restructure Visa:60 --cuts --relatives 799`.
        rows = table(screen)
        assert rows["Budget change"] == ["Aug 2028", "21", "$1,887.84", "$105.00", "Feb", "2027"]
        assert rows["All together"] == ["May 2028", "18", "$1,239.45", "$0.00", "Dec", "2026"]
        await pilot.press("up", "up", "up", "up", "space")  # time for space off
        await pilot.pause()
        rows = table(screen)
        assert "Time for space" not in rows
        assert "move-restructure" not in checked(screen)
        await pilot.press("space")
        await pilot.pause()
        assert "Time for space" in table(screen)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_an_amount_typed_in_place(sample_db: Path, size: tuple[int, int]) -> None:
    before = sample_db.read_bytes()
    app = make_app(sample_db)
    async with app.run_test(size=size) as pilot:
        screen = await open_whatif(pilot, "i")
        await pilot.press("down", "3", "0", "0", "space")  # side income: 300 a month, on
        await pilot.pause()
        assert "300▏" in screen_words(app)
        assert table(screen)["Open source"][:4] == ["Mar 2028", "16", "$1,416.36", "$70.00"]
        assert table(screen)["All together"][:2] == ["Feb 2028", "15"]
        await pilot.press("tab", "backspace", "backspace")  # the month: "2026-"
        await pilot.pause()
        assert "Open source" not in table(screen)
        assert "Open source: month '2026-' is not a month in the form YYYY-MM." in screen_words(app)
        await pilot.press("1", "2")
        await pilot.pause()
        assert table(screen)["Open source"][:2] == ["Mar 2028", "16"]
        # The keys the footer shows still work while a field has the focus.
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    assert sample_db.read_bytes() == before


async def test_installments_and_the_loan_are_chosen_in_place(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_whatif(pilot, "i")
        await pilot.press("tab", "2", "4")
        await pilot.pause()
        # Visa over 24 installments at 19.99 %: more a month than its minimum of $156.00.
        assert table(screen)["Time for space"][:4] == ["Sep 2028", "22", "$1,795.28", "$0.00"]
        await pilot.press("shift+tab", "right")
        await pilot.pause()
        assert screen.value("wi-loan") == "Car loan"  # then the largest open loan
        assert "◂ Car loan ▸" in screen_words(app)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_enter_opens_the_screen_that_makes_it_real(
    sample_db: Path, size: tuple[int, int]
) -> None:
    before = sample_db.read_bytes()
    app = make_app(sample_db)
    async with app.run_test(size=size) as pilot:
        await open_whatif(pilot, "i")
        await pilot.press("enter")
        await pilot.pause()
        calculator = app.screen
        assert isinstance(calculator, RestructureScreen) and calculator.loan_name == "Visa"
        assert calculator.query_one("#rs-installments", Input).value == "60"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WhatIfScreen)

        await pilot.press("down", "down", "enter")  # throttling: the cuts
        await pilot.pause()
        assert app.current_mode == "expenses"

        await pilot.press("i", "down", "enter")  # back on the cuts, then relatives first
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        assert isinstance(app.screen_stack[-2], FamilyScreen)
        assert form.query_one("#f-amount", Input).value == "799.00"
        await pilot.press("escape")
        await pilot.pause()
        while isinstance(app.screen, ModalScreen):
            await pilot.press("enter")  # "discard what was typed?"
            await pilot.pause()
        assert app.current_mode == "family"
    assert sample_db.read_bytes() == before


async def test_a_move_that_cannot_be_made_says_why_and_stays_off(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_whatif(pilot, "i")
        await pilot.press("tab", "6", "1")  # 61 installments of a credit card
        await pilot.pause()
        assert "move-restructure" not in checked(screen)
        assert "Time for space" not in table(screen)
        assert (
            "Time for space: Visa: 61 installments is too many for a credit card: credit cards "
            "can be divided into 60 installments at the longest"
        ) in screen_words(app)
        await pilot.press("backspace", "0")
        await pilot.pause()
        assert "move-restructure" in checked(screen)


async def test_the_palette_offers_the_screen_and_its_actions(sample_db: Path) -> None:
    from debtcoach.ui.palette import DebtCoachCommands

    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_whatif(pilot, "d", "i")
        # Not in the top bar: with it the bar no longer fits 80 columns.
        assert screen_lines(app)[0].split()[:2] == ["d", "Dashboard"]
        assert "What if" not in screen_lines(app)[0]
        await pilot.press("ctrl+p")
        await pilot.pause()
        provider = DebtCoachCommands(app.screen_stack[-2], None)
        titles = [command.text for command in provider.commands()]
        assert "Go to What if" in titles
        assert any(t.startswith("What if: On/off") for t in titles), titles
        assert any(t.startswith("What if: Make it real") for t in titles), titles


async def test_on_an_empty_file_it_says_so_and_creates_nothing(empty_db: Path) -> None:
    app = make_app(empty_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_whatif(pilot, "i")
        await pilot.press("down", "space")
        await pilot.pause()
        words = screen_words(app)
        assert "nothing is owed at the moment, so no move changes anything" in words
        assert "Time for space: no open loan to stretch." in words
        assert "Relatives first: no institutional loan is open: nothing to borrow for." in words
        assert table(screen)["The plan now"][:2] == ["Nov 2026", "0"]
    assert not empty_db.exists()


async def test_keys_typed_at_once_land_where_the_highlight_moved(sample_db: Path) -> None:
    """A terminal hands over keys as fast as they come (a paste, tmux send-keys): `down` then
    digits then `space` must act on the row `down` moved to, as when each is pressed alone."""

    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_whatif(pilot, "i")
        await burst(pilot, ["down", "3", "0", "0", "space"])
        assert screen.value("wi-side-amount") == "300"
        assert checked(screen) == [
            "move-restructure", "move-side_income", "move-cuts", "move-relatives",
        ]  # fmt: skip
        assert table(screen)["Open source"][:4] == ["Mar 2028", "16", "$1,416.36", "$70.00"]
        await burst(pilot, ["up", "tab", "2", "4"])
        assert screen.value("wi-installments") == "24"
        assert table(screen)["Time for space"][:4] == ["Sep 2028", "22", "$1,795.28", "$0.00"]


async def test_up_and_down_move_the_coachs_list_when_it_has_the_focus(sample_db: Path) -> None:
    from debtcoach.ui.widgets.coach_panel import CoachList

    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_whatif(pilot, "i")
        await pilot.press("c")  # the coach's list takes the focus
        coach = screen.query_one("#coach-list", CoachList)
        assert coach.has_focus and coach.highlighted == 0
        await pilot.press("down", "down")
        assert coach.highlighted == 2
        assert screen.current_row() is None
        await pilot.press("c", "down")  # back on the moves: down moves the highlight again
        row = screen.current_row()
        assert row is not None and row.id == "move-side_income"


async def test_a_plan_that_never_ends_shows_no_totals_and_no_saving(tmp_path: Path) -> None:
    """1,000.00 a month against a card at 200 %: the plan never clears it (as in
    tests/cli/test_whatif_cli.py); fifty years of its interest are no figure to compare."""
    from tests.cli.runner import never_ending_household

    app = make_app(never_ending_household(tmp_path / "never.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_whatif(pilot, "i")
        assert checked(screen) == ["move-restructure", "move-relatives"]
        rows = table(screen)
        assert rows["The plan now"] == ["never", "—", "—", "—", "Dec", "2026"]
        assert rows["Relatives first"] == ["never", "—", "—", "—", "Dec", "2026"]
        words = screen_words(app)
        assert "110.00 in 2026-12 still never paid off" in words
        assert "saves" not in words
        await pilot.press("up", "2", "0", "0", "0", "space")  # the budget change: +2,000.00
        await pilot.pause()
        # 3,000.00 a month in all clears the card in May 2027 (tests/cli/test_whatif_cli.py)
        assert table(screen)["Budget change"][:2] == ["May 2027", "6"]
        assert "2000▏ a month debt-free by May 2027" in screen_words(app)
        assert all(len(line) <= 80 for line in screen_lines(app))
