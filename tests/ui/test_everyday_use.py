"""Everyday use at 80x24 and 120x40: a new user's first start, the footer, the check-in, forms."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Static

from debtcoach.domain.models import Loan, LoanKind
from debtcoach.domain.money import Money
from debtcoach.store.repository import Repository
from debtcoach.ui.screens.checkin import CheckInScreen, ChoiceField
from debtcoach.ui.screens.dashboard import DashboardScreen
from debtcoach.ui.screens.family import FamilyScreen
from debtcoach.ui.screens.help import HelpScreen
from debtcoach.ui.widgets.data_table import RecordTable
from debtcoach.ui.widgets.forms import RecordForm
from debtcoach.ui.widgets.keys_footer import KeysFooter
from tests.conftest import make_app
from tests.ui.list_pilot import footer_keys, offer_shown, skip_offer

SMALL = (80, 24)
WIDE = (120, 40)


async def test_list_footer_keeps_help_and_quit_visible_at_80_columns(sample_db: Path) -> None:
    """At 80 columns the loans keys did not fit one row: `h Contac` was cut and `? Help` and
    `q Quit` were lost off the right edge. They now wrap onto a second footer row."""
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("l")
        await pilot.pause()
        await pilot.pause()
        footer = app.screen.query_one(KeysFooter)
        assert footer.has_class("-two-rows")
        assert footer.size.height == 2
        keys = footer_keys(app.screen)
        for key in ("h", "question_mark", "q"):
            region = footer.key_region(key)
            assert region.width > 0 and region.right <= SMALL[0] - footer.PALETTE_WIDTH, key
            assert region.width >= len(keys[key].description) + 2, key  # not cut short
        # wide enough for one row: back to one row
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        await pilot.pause()
        assert not footer.has_class("-two-rows")
        # the dashboard's few keys stay on one row at 80 columns
        await pilot.resize_terminal(*SMALL)
        await pilot.press("d")
        await pilot.pause()
        assert not app.screen.query_one(KeysFooter).has_class("-two-rows")


async def test_first_start_on_an_empty_file_shows_how_to_begin(empty_db: Path) -> None:
    """A brand-new file was greeted with "Time for this week's check-in" and a dashboard of
    zeros saying "Debt-free: nothing is owed … Paid $0.00 of $0.00 (100%)"."""
    app = make_app(empty_db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert not offer_shown(app)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        start = screen.query_one("#start", Static)
        assert start.display
        text = str(start.content)
        for step in ("l then a", "o then a", "t then a", "f then a"):
            assert step in text
        assert not screen.query_one("#progress-text").display
        assert not screen.query_one("#debt-free").display
    # once something is owed, the usual dashboard and the check-in offer are back
    Repository(empty_db).add_loan(
        Loan("Card", LoanKind.CREDIT_CARD, Money(100_000, "USD"), Decimal(20), Money(5_000, "USD"))
    )
    app = make_app(empty_db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert offer_shown(app)
        await skip_offer(pilot)
        assert not app.screen.query_one("#start").display
        assert app.screen.query_one("#progress-text").display


async def test_checkin_weeks_list_offers_no_dead_esc(sample_db: Path) -> None:
    """`esc Back` was shown on the list of weeks, where it did nothing."""
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("w")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert "escape" not in footer_keys(pilot.app.screen)
        await pilot.press("enter")  # start this week: now esc steps back
        await pilot.pause()
        await pilot.pause()
        assert "escape" in footer_keys(pilot.app.screen)


async def test_checkin_choices_read_as_words(sample_db: Path) -> None:
    """The new loan's kind showed the raw value `online_platform`."""
    choice = ChoiceField(("online_platform", "other"), "online_platform")
    assert str(choice.render()) == "◀ online platform ▶"
    assert choice.value == "online_platform"


async def test_checkin_summary_reason_keeps_its_indent(sample_db: Path) -> None:
    """The coach's reason under the summary lost its indent after the first wrapped line."""
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the start-up offer: start
        for _ in range(40):
            await pilot.pause()
            screen = app.screen
            if isinstance(screen, CheckInScreen) and screen.view == "ck-summary":
                break
            await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, CheckInScreen) and screen.view == "ck-summary"
        why = screen.query_one("#ck-summary-why", Static)
        assert "QuickCash was opened" in str(why.content)
        assert why.styles.padding.left == 2
        assert "QuickCash" not in str(screen.query_one("#ck-summary-text", Static).content)


async def _family_form(pilot: Pilot[None], key: str) -> RecordForm:
    await skip_offer(pilot)
    await pilot.press("f")
    await pilot.pause()
    assert isinstance(pilot.app.screen, FamilyScreen)
    table = pilot.app.screen.query_one(RecordTable)
    table.focus()
    await pilot.press(key)
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, RecordForm)
    return form


async def fill(pilot: Pilot[None], key: str, text: str) -> None:
    pilot.app.screen.query_one(f"#f-{key}", Input).focus()
    await pilot.press("home", "ctrl+k", *text)


async def test_family_promise_cannot_be_before_the_borrowing(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        form = await _family_form(pilot, "a")
        await fill(pilot, "lender", "Uncle Sam")
        await fill(pilot, "amount", "300")
        await fill(pilot, "borrowed_on", "2026-11-01")
        await fill(pilot, "promised", "2026-10-01")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert "before the day it was borrowed" in form.field_error("promised")
    assert Repository(sample_db).load().family_loan("Uncle Sam") is None


async def test_family_repayment_cannot_be_in_the_future(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        form = await _family_form(pilot, "r")
        await fill(pilot, "amount", "50")
        await fill(pilot, "date", "2027-01-01")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert "after today" in form.field_error("date")
        await fill(pilot, "date", "2020-01-01")  # before the money was lent
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert "before the day it was borrowed" in form.field_error("date")
    loans = Repository(sample_db).load().family_loans
    assert all(r.on.year != 2027 and r.on.year != 2020 for x in loans for r in x.repayments)


async def test_help_lists_the_keys_of_single_screens(sample_db: Path) -> None:
    """r/h on loans, space on throttling, r on family, s sort and the check-in keys were
    shown in footers but missing from the help."""
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        text = "\n".join(str(s.content) for s in screen.query(Static))
        for words in (
            "Loans: restructure calculator",
            "Loans: the contact log",
            "Throttling: turn the selected cut on or off",
            "Family: record a repayment",
            "sort by the next column",
            "In the weekly check-in",
        ):
            assert words in text


async def test_form_error_counts_the_fields_to_correct(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("a", "enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        assert form.form_error == "Nothing was saved: please correct the 4 fields marked below."


class _RecordingPlot:
    """Stands in for plotext: records the x tick labels, ignores every other call."""

    def __init__(self) -> None:
        self.x_labels: list[str] = []

    def xticks(self, ticks: list[int], labels: list[str]) -> None:
        self.x_labels = list(labels)

    def __getattr__(self, name: str) -> object:
        return lambda *args, **kwargs: None


async def test_payoff_chart_months_read_as_months(sample_db: Path) -> None:
    """The x axis said `27/04`, easily read as the 27th of April; and the footer kept saying
    `v Per loan` after switching to the per-loan view."""
    from debtcoach.ui.screens import chart
    from debtcoach.ui.screens.chart import ChartScreen

    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChartScreen)
        plot = _RecordingPlot()
        chart._ticks(plot, 0, 22, Money(1_000_000, "USD"), app.today, "en_US")
        assert plot.x_labels[0] == "now"
        assert plot.x_labels[1:] == ["Apr 2027", "Sep 2027", "Feb 2028", "Jul 2028"]
        # With 24 months recorded before now: month -11 is the end of December 2025.
        plot = _RecordingPlot()
        chart._ticks(plot, -24, 22, Money(1_000_000, "USD"), app.today, "en_US")
        assert plot.x_labels == ["Jan 2025", "Dec 2025", "now", "Oct 2027"]
        assert footer_keys(pilot.app.screen)["v"].description == "Total / per loan"


async def test_income_on_an_empty_file_says_one_thing(empty_db: Path) -> None:
    """An empty income screen said both "No side income yet …" and "No income yet …"."""
    from debtcoach.ui.screens.income import IncomeScreen

    app = make_app(empty_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, IncomeScreen)
        summary = str(app.screen.query_one("#list-summary", Static).content)
        assert "No side income" not in summary


async def test_dashboard_without_income_asks_for_it(empty_db: Path) -> None:
    """With only a family loan and no income yet, the dashboard said "not within 50 years"."""
    from datetime import date

    from debtcoach.domain.models import FamilyLoan

    Repository(empty_db).add_family_loan(FamilyLoan("Mum", Money(50_000, "USD"), date(2026, 11, 1)))
    app = make_app(empty_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        headline = str(app.screen.query_one("#debt-free", Static).content)
        assert headline == "Debt-free: not planned yet — add your income (press o)"


async def test_family_summary_does_not_promise_without_a_plan(empty_db: Path) -> None:
    """With no income (so no payoff plan) the family screen said "every promise fits the plan"."""
    from datetime import date

    from debtcoach.domain.models import FamilyLoan

    Repository(empty_db).add_family_loan(FamilyLoan("Mum", Money(50_000, "USD"), date(2026, 11, 1)))
    app = make_app(empty_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("f")
        await pilot.pause()
        summary = str(app.screen.query_one("#list-summary", Static).content)
        assert "every promise fits" not in summary
        assert "No payoff plan yet" in summary
