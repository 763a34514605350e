"""The dashboard on the sample household at 80x24: every figure, and a redraw after a save."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import ProgressBar, Static

from debtcoach.domain.models import CheckIn, Loan, LoanKind
from debtcoach.domain.money import Money
from debtcoach.domain.payoff import simulate_payoff
from debtcoach.store.repository import Repository
from tests.conftest import TODAY, make_app
from tests.ui.list_pilot import skip_offer

SMALL = (80, 24)


def text(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).content)


async def test_dashboard_figures_on_the_sample(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        owed = text(pilot, "#owed")
        assert "Owed in total  $18,700.00" in owed
        assert "Institutions" in owed and "$16,700.00  4 loans" in owed
        assert "Family & friends" in owed and "$2,000.00  2 people" in owed

        monthly = text(pilot, "#monthly")
        assert "Debt budget" in monthly and "$964.67" in monthly
        assert "Minimum payments" in monthly and "$676.00" in monthly
        assert "Left for the plan" in monthly and "$288.67" in monthly

        assert text(pilot, "#debt-free") == "Debt-free in September 2028 · 22 months · avalanche"
        # Start: each loan's first history point plus what that week's check-in paid it
        # (17,360.00 + 245.00 + 95.00) and the relatives' amounts borrowed (1,500.00 + 600.00);
        # owed now 18,700.00.
        assert "Paid $1,100.00 of $19,800.00 since Sep 6, 2026 (5%)" in text(
            pilot, "#progress-text"
        )
        bar = app.screen.query_one("#progress", ProgressBar)
        assert (bar.progress, bar.total) == (110000, 1980000)

        due = text(pilot, "#due").splitlines()
        assert due[0] == "Due in the next 14 days"
        assert "Sofa loan" in due[1] and "$95.00" in due[1] and "in 5 days" in due[1]
        assert "QuickCash" in due[2] and "$180.00" in due[2] and "in 12 days" in due[2]
        assert len(due) == 3  # Visa (Dec 20) and the car loan (Dec 12) are further away

        follow = text(pilot, "#follow-ups")
        assert "Visa · Harbor Bank hardship team · Fri, Nov 27, in 4 days" in follow
        assert "Oct 16" not in follow  # answered by the later letter

        checkin = text(pilot, "#checkin")
        assert "2026-W48" in checkin and "not done yet — press w" in checkin
        assert "12 weeks in a row" in checkin


async def test_dashboard_debt_free_matches_the_plan(sample_db: Path) -> None:
    app = make_app(sample_db)
    household = Repository(sample_db).load()
    plan = simulate_payoff(
        household.loans, household.family_loans, app.ledger.budget(household).debt_budget, TODAY
    )
    assert (plan.months, plan.debt_free) == (22, "2028-09")
    assert app.plan.months == plan.months and app.plan.debt_free == plan.debt_free


async def test_dashboard_redraws_after_a_save(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        assert "not done yet" in text(pilot, "#checkin")
        app.ledger.repository.put_checkin(CheckIn("2026-W48", TODAY))
        app.ledger.repository.remove_loan("Sofa loan")
        app.reload()
        await pilot.pause()
        assert "check-in done · 13 weeks in a row" in text(pilot, "#checkin")
        assert "$14,400.00  3 loans" in text(pilot, "#owed")
        assert "Sofa loan" not in text(pilot, "#due")


async def test_dashboard_on_an_empty_file(empty_db: Path) -> None:
    app = make_app(empty_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        assert "Owed in total  $0.00" in text(pilot, "#owed")
        assert text(pilot, "#debt-free") == "Debt-free: nothing is owed"
        assert "Nothing falls due." in text(pilot, "#due")
        assert "None due this week." in text(pilot, "#follow-ups")


async def test_dashboard_says_plainly_when_the_minimums_do_not_fit(empty_db: Path) -> None:
    Repository(empty_db).add_loan(
        Loan("Card", LoanKind.CREDIT_CARD, Money(100_000, "USD"), Decimal(20), Money(5_000, "USD"))
    )
    app = make_app(empty_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        monthly = text(pilot, "#monthly")
        assert "Short by $50.00 — the budget does not cover the minimums" in monthly
        assert text(pilot, "#debt-free").startswith("Debt-free: not yet planned")


async def test_recorded_balances_against_the_plan(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await skip_offer(pilot)
        text = str(app.screen.query_one("#recorded", Static).render())
        assert "Recorded balances vs the plan (plan: end of December 2026)" in text
        # Visa: first seen $5,365.00 (the sample's oldest history point), owed $5,200.00 now, and
        # the plan's end of month 1: 5200.00 + 129.96 interest at the 29.99 % penalty + 35.00 late
        # fee − 156.00 minimum − 288.67 catch-up (the 964.67 budget less 676.00 of minimums).
        visa = next(line for line in text.splitlines() if line.strip().startswith("Visa"))
        assert visa.split()[1:] == ["$5,365.00", "$5,200.00", "$4,920.29"]


async def test_past_due_now_and_when_the_plan_clears_it(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        lines = text(pilot, "#past-due").splitlines()
        # Visa: overdue since Aug 20, 4 months begun by Nov 23 × (156.00 + 35.00) = 764.00; the
        # plan's catch-up brings it current at the end of March 2027, after four 35.00 fees.
        assert lines[0] == "Past due now"
        assert lines[1].split() == ["Visa", "$764.00", "current", "again", "in", "March", "2027"]
        assert lines[2].split() == ["Late", "fees", "until", "then", "$140.00"]
        assert len(lines) == 3


async def test_no_past_due_section_when_nothing_is_behind(empty_db: Path) -> None:
    Repository(empty_db).add_loan(
        Loan("Card", LoanKind.CREDIT_CARD, Money(100_000, "USD"), Decimal(20), Money(5_000, "USD"))
    )
    app = make_app(empty_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        assert not app.screen.query_one("#past-due", Static).display


async def test_first_seen_is_the_balance_entered(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await skip_offer(pilot)
        rows = {
            line.split()[0]: line.split()[1:]
            for line in str(app.screen.query_one("#recorded", Static).render()).splitlines()[2:]
        }
        # Car loan's first point (Sep 6) is after that week's 245.00: entered 7,565.00 + 245.00.
        assert rows["Car"][1] == "$7,810.00"
        assert rows["Mum"][0] == "$1,500.00"  # the amount borrowed, 100.00 repaid since
        assert rows["Li"][1] == "$600.00"
