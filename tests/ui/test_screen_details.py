"""Details of the full-screen app (months in words, the cut column, the kept
filter, the restructure keys, the footer under the check-in offer, a plan that costs more)."""

from __future__ import annotations

import re
from pathlib import Path

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static

from debtcoach.domain.models import Strategy
from debtcoach.domain.wording import month_words
from debtcoach.ui.screens.checkin import CheckInScreen
from debtcoach.ui.screens.dashboard import DashboardScreen
from debtcoach.ui.screens.help import HelpScreen
from debtcoach.ui.screens.loans import LoansScreen
from debtcoach.ui.screens.restructure import RestructureScreen
from debtcoach.ui.widgets.coach_panel import CoachPanel
from debtcoach.ui.widgets.data_table import RecordTable
from debtcoach.ui.widgets.keys_footer import KeysFooter
from tests.conftest import make_app
from tests.ui.list_pilot import (
    cell,
    footer_keys,
    keys_in_order,
    offer_shown,
    select_row,
    skip_offer,
)

SMALL = (80, 24)
WIDE = (120, 40)


async def settle(pilot: Pilot[None]) -> None:
    """Let the footer's coalesced recompose run."""
    for _ in range(3):
        await pilot.pause()


def footer_words(screen: Screen[object]) -> dict[str, str]:
    """What the footer says for each key it draws."""
    return {key: entry.description for key, entry in footer_keys(screen).items()}


def text_of(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).content)


async def open_loans(pilot: Pilot[None]) -> LoansScreen:
    """Past the check-in offer to the loans list."""
    await skip_offer(pilot)
    await pilot.press("l")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LoansScreen)
    return screen


async def open_restructure(pilot: Pilot[None], loan: str) -> RestructureScreen:
    await skip_offer(pilot)
    await pilot.press("l")
    await pilot.pause()
    await select_row(pilot, loan)
    await pilot.press("r")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, RestructureScreen)
    return screen


# -- 1. months in words ----------------------------------------------------------------------


def test_month_words_follow_the_locale() -> None:
    assert month_words("2027-04", "en_US") == "April 2027"
    assert month_words("2027-04", "de_DE") == "April 2027"
    assert month_words("2027-03", "fr_FR") == "mars 2027"
    assert month_words("2027-04", "en_US", "yMMM") == "Apr 2027"


async def test_strategy_notification_names_the_month_in_words(sample_db: Path) -> None:
    """`set_strategy` said "Strategy: snowball — debt-free 2027-04"."""
    app = make_app(sample_db)
    async with app.run_test(size=WIDE) as pilot:
        await skip_offer(pilot)
        app.set_strategy(Strategy.SNOWBALL)
        await pilot.pause()
        debt_free = app.plan.debt_free
        assert debt_free is not None
        messages = [n.message for n in app._notifications]
        expected = f"Strategy: snowball — debt-free {month_words(debt_free, 'en_US')}"
        assert expected in messages, messages
        assert not any(debt_free in message for message in messages), messages
        # the dashboard names the same month the same way
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert month_words(debt_free, "en_US") in text_of(pilot, "#debt-free")


async def test_restructure_plan_line_names_months_in_words(sample_db: Path) -> None:
    """The calculator said "Plan: now debt-free 2028-09"."""
    app = make_app(sample_db)
    async with app.run_test(size=WIDE) as pilot:
        await open_restructure(pilot, "Visa")
        verdict = text_of(pilot, "#rs-verdict")
        debt_free = app.plan.debt_free
        assert debt_free is not None
        assert f"now       debt-free {month_words(debt_free, 'en_US')}" in verdict, verdict
        assert not re.search(r"\d{4}-\d{2}", verdict.split("Plan:", 1)[1]), verdict


# -- 3. the cut column -----------------------------------------------------------------------


async def test_cut_column_shows_a_dash_when_there_is_nothing_to_cut(sample_db: Path) -> None:
    """Rent has no target (nothing to cut): "-", not "[ ] off"; real cuts keep on/off."""
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert cell(pilot.app, "Rent", 2) == "-"  # no target
        assert cell(pilot.app, "Rent", 5) == "-"
        assert cell(pilot.app, "Utilities", 5) == "-"
        assert cell(pilot.app, "Streaming", 5) == "[ ] off"  # $42 -> $12, not on yet
        assert cell(pilot.app, "Gym", 5) == "[ ] off"  # target $0 is a possible cut
        assert cell(pilot.app, "Eating out", 5) == "[x] on"


async def test_the_filter_box_is_built_on_the_first_slash(sample_db: Path) -> None:
    """A list opens without its filter box and note lines; the first `/` builds the box in its
    place, focused, and what is typed next filters."""
    app = make_app(sample_db)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_loans(pilot)
        assert not screen.query("#list-filter, #list-filter-kept, #list-empty")
        await pilot.press("slash", "v", "i")
        await settle(pilot)
        assert screen.query_one("#list-filter", Input).value == "vi"
        assert screen.filter_text == "vi" and keys_in_order(app) == ["Visa"]
        # In its place: under the summary, above the table.
        order = [child.id for child in screen.query_one("#body").children]
        assert order == ["list-summary", "list-filter", "list-table", "list-totals"]
        await pilot.press("enter")  # kept: its line goes between the box and the table
        await settle(pilot)
        order = [child.id for child in screen.query_one("#body").children]
        assert order == [
            *("list-summary", "list-filter", "list-filter-kept"),
            *("list-table", "list-totals"),
        ]


# -- 4. the kept filter ----------------------------------------------------------------------


async def test_kept_filter_is_labelled_and_esc_is_in_the_footer(sample_db: Path) -> None:
    """After `/ vi enter` the list showed a bare "vi" with no label, and nothing said esc
    clears it."""
    app = make_app(sample_db)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_loans(pilot)
        assert "escape" not in footer_words(screen)  # nothing to clear yet

        await pilot.press("slash", "v", "i")
        await settle(pilot)
        assert footer_words(screen).get("escape") == "Clear filter"

        await pilot.press("enter")
        await settle(pilot)
        kept = screen.query_one("#list-filter-kept", Static)
        assert kept.display and kept.region.height == 1
        assert str(kept.content).startswith("filter: vi (esc clears")
        assert not screen.query_one("#list-filter", Input).display
        assert footer_words(screen).get("escape") == "Clear filter"
        assert screen.query_one(RecordTable).row_count == 1  # Visa

        # `/` opens the box again on the same text
        await pilot.press("slash")
        await settle(pilot)
        box = screen.query_one("#list-filter", Input)
        assert box.display and box.has_focus and box.value == "vi"
        assert not kept.display
        await pilot.press("enter")
        await settle(pilot)

        await pilot.press("escape")
        await settle(pilot)
        assert screen.filter_text == ""
        assert not kept.display
        assert screen.query_one(RecordTable).row_count == 4
        assert "escape" not in footer_words(screen)
        assert isinstance(app.screen, LoansScreen)


async def test_esc_closes_the_coach_before_it_clears_the_filter(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_loans(pilot)
        await pilot.press("slash", "v", "i", "enter", "c")
        await settle(pilot)
        assert screen.has_class("-coach-open")
        await pilot.press("escape")
        await settle(pilot)
        assert not screen.has_class("-coach-open")
        assert screen.filter_text == "vi"
        await pilot.press("escape")
        await settle(pilot)
        assert screen.filter_text == ""


# -- 5. `w` on the restructure screen --------------------------------------------------------


async def test_restructure_says_w_is_the_letter_and_esc_leaves_first(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_restructure(pilot, "Visa")
        keys = footer_words(screen)
        assert keys.get("w") == "Letter"
        assert keys.get("escape") == "Back"
        footer = screen.query_one(KeysFooter)
        letter = footer.key_region("w")
        assert letter.width > 0 and letter.right <= SMALL[0]

        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        help_keys = text_of(pilot, "#help-screen-keys")
        assert "Restructure: write a proposal letter (not the check-in)" in help_keys
        assert "Restructure: back to the loans; then w is the check-in" in help_keys
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LoansScreen)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, CheckInScreen)


# -- 6. the footer under the check-in offer --------------------------------------------------


async def test_the_footer_under_the_checkin_offer_has_its_keys_and_no_coach(
    sample_db: Path,
) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen) and offer_shown(app)
        keys = footer_words(dashboard)
        assert keys.get("enter") == "Start the check-in" and keys.get("s") == "Skip for now"
        assert "c" not in keys
        await pilot.press("c")  # not offered while the offer shows: nothing moves
        await settle(pilot)
        assert not dashboard.query_one(CoachPanel).has_focus_within
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is dashboard and not offer_shown(app)
        keys = footer_words(dashboard)
        assert keys.get("c") == "Coach"
        assert "enter" not in keys and "s" not in keys


# -- 7. a plan that costs more each month ----------------------------------------------------


async def test_a_plan_costing_more_each_month_is_warned_about_but_allowed(
    sample_db: Path,
) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_restructure(pilot, "Car loan")
        warning = screen.query_one("#rs-warning", Static)
        assert screen.quote is not None
        assert screen.quote.monthly_relief.minor > 0  # 36 installments: less each month
        assert not warning.display

        # two installments: far more each month than today's payment
        await pilot.press("ctrl+a", "ctrl+k", "2")
        await settle(pilot)
        quote = screen.quote
        assert quote is not None and quote.installment.minor > quote.current_payment.minor
        assert warning.display and warning.region.height >= 1
        assert "asks more each month than today's payment" in str(warning.content)

        await pilot.press("m")
        await settle(pilot)
        loan = app.household.loan("Car loan")
        assert loan is not None and loan.restructure is not None
        assert loan.restructure.installments == 2
        assert loan.restructure.state.value == "proposed"

        # back to a plan with relief: the warning goes
        await pilot.press("ctrl+a", "ctrl+k", *"36")
        await settle(pilot)
        assert not warning.display
