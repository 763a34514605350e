"""The balance history as read from a file (`BalanceHistory`): built only when walked, equal
to the same points as a tuple, and every check-in step gives the same points either way."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from msgspec.structs import replace

from debtcoach.domain.checkin import (
    apply_checkin,
    debt_progress,
    entered_balances,
    streak,
    undo_checkin,
)
from debtcoach.domain.dashboard import payoff_progress
from debtcoach.domain.models import (
    BalanceEntry,
    BalanceGroup,
    BalanceHistory,
    CheckIn,
    FamilyLoan,
    Household,
    Loan,
    LoanKind,
    earliest_point,
)
from debtcoach.domain.money import Money
from debtcoach.domain.payoff import simulate_payoff

TODAY = date(2026, 11, 23)  # 2026-W48


def usd(minor: int) -> Money:
    return Money(minor, "USD")


def as_groups(entries: tuple[BalanceEntry, ...]) -> BalanceHistory:
    """The same points as the file keeps them: a group per run of source and date."""
    groups: list[BalanceGroup] = []
    for entry in entries:
        last = groups[-1] if groups else None
        pair = ((entry.name, entry.balance.minor),)
        if last is not None and (last.source, last.on) == (entry.source, entry.on):
            if entry.family:
                groups[-1] = replace(last, family=last.family + pair)
                continue
            if not last.family:
                groups[-1] = replace(last, loans=last.loans + pair)
                continue
        groups.append(
            BalanceGroup(
                entry.source,
                entry.on,
                "USD",
                () if entry.family else pair,
                pair if entry.family else (),
            )
        )
    return BalanceHistory(groups)


def three_weeks() -> Household:
    """Two loans and a relative, checked in for weeks 46, 47 and 48."""
    start = Household(
        loans=(
            Loan("Visa", LoanKind.CREDIT_CARD, usd(100_000), Decimal(20), usd(5_000)),
            Loan("Car", LoanKind.CAR, usd(50_000), Decimal(6), usd(2_000)),
        ),
        family_loans=(FamilyLoan("Mum", usd(30_000), date(2026, 1, 5)),),
    )
    current = start
    for week, on, paid in (
        ("2026-W46", date(2026, 11, 15), {"Visa": usd(10_000), "Mum": usd(1_000)}),
        ("2026-W47", date(2026, 11, 22), {"Car": usd(5_000)}),
        ("2026-W48", date(2026, 11, 23), {"Visa": usd(2_500), "Car": usd(500)}),
    ):
        current, _ = apply_checkin(current, CheckIn(week, on, paid))
    return current


def test_points_are_built_only_when_walked_and_equal_a_tuple_of_them() -> None:
    household = three_weeks()
    history = as_groups(tuple(household.balances))
    assert len(history.groups) == 3
    assert len(history) == 9  # counted from the groups
    assert history._entries is None
    assert earliest_point(history) == date(2026, 11, 15)
    assert history._entries is None
    assert history == tuple(household.balances)
    assert tuple(household.balances) == history
    assert history[0] == BalanceEntry("Visa", date(2026, 11, 15), usd(90_000), "checkin:2026-W46")
    assert history[-1] == BalanceEntry(
        "Mum", date(2026, 11, 23), usd(29_000), "checkin:2026-W48", family=True
    )


def test_a_correction_of_an_old_week_gives_the_same_points_from_groups() -> None:
    """Week 46 paid 40 dollars more to Visa: its own point and the later weeks' points move."""
    household = three_weeks()
    grouped = replace(household, balances=as_groups(tuple(household.balances)))
    corrected = CheckIn("2026-W46", date(2026, 11, 15), {"Visa": usd(14_000), "Mum": usd(1_000)})

    from_tuple, _ = apply_checkin(household, corrected)
    from_groups, _ = apply_checkin(grouped, corrected)

    assert isinstance(from_groups.balances, BalanceHistory)
    assert tuple(from_groups.balances) == tuple(from_tuple.balances)
    visa = [e.balance.minor for e in from_groups.balances if e.name == "Visa"]
    # Weeks 47 and 48 (900 and 875 dollars owed) move down by the extra 40; week 46's new point
    # (875 - 40 + the 25 paid later) comes last, as a saved correction writes it.
    assert visa == [86_000, 83_500, 86_000]
    assert tuple(undo_checkin(grouped, "2026-W47").balances) == tuple(
        undo_checkin(household, "2026-W47").balances
    )


def test_dashboard_figures_are_the_same_from_groups() -> None:
    household = three_weeks()
    grouped = replace(household, balances=as_groups(tuple(household.balances)))
    plan = simulate_payoff(household.loans, household.family_loans, usd(20_000), TODAY)
    assert (
        entered_balances(grouped)
        == entered_balances(household)
        == {
            "Visa": usd(100_000),
            "Car": usd(50_000),
        }
    )
    assert debt_progress(grouped, plan) == debt_progress(household, plan)
    assert payoff_progress(grouped) == payoff_progress(household)


def test_a_streak_of_ten_years_counts_every_week_across_week_53() -> None:
    weeks = []
    day = date(2026, 11, 23)
    for _ in range(520):
        year, number, _weekday = day.isocalendar()
        weeks.append(f"{year:04d}-W{number:02d}")
        day = date.fromordinal(day.toordinal() - 7)
    assert "2020-W53" in weeks
    assert streak(weeks, TODAY) == 520
    assert streak(weeks[1:], TODAY) == 519  # this week not done yet: counted from last week
    assert streak(weeks[2:], TODAY) == 0


def test_the_entered_balance_is_the_oldest_point_even_when_added_last() -> None:
    """An older point recorded after the newer ones (a corrected old week, an import) is the
    one the balance was entered at; a point of a debt no longer in the household is ignored."""
    household = three_weeks()
    older = BalanceEntry("Car", date(2026, 11, 1), usd(60_000), "edit")
    gone = BalanceEntry("Old card", date(2026, 10, 1), usd(9_900), "edit")
    points = (*tuple(household.balances), older, gone)
    for balances in (points, as_groups(points)):
        entered = entered_balances(replace(household, balances=balances))
        assert entered == {"Visa": usd(100_000), "Car": usd(60_000)}
