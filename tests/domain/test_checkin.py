"""The weekly check-in in the domain: apply, undo, corrections, streak, summary, actual vs plan."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from debtcoach.domain.checkin import (
    CheckInError,
    apply_checkin,
    checkin_date,
    checkin_source,
    debt_progress,
    debts_in_week,
    due_in_week,
    paid_this_cycle,
    previous_due_date,
    source_week,
    still_due,
    still_due_in_week,
    streak,
    summarize,
    summary_figures,
    summary_heading,
    total_owed,
    undo_checkin,
    weekly_share,
)
from debtcoach.domain.dashboard import payoff_progress
from debtcoach.domain.models import (
    BalanceEntry,
    CheckIn,
    Expense,
    FamilyLoan,
    FamilyRepayment,
    Frequency,
    Household,
    IncomeKind,
    IncomeSource,
    Loan,
    LoanKind,
    LoanStatus,
    Strategy,
)
from debtcoach.domain.money import Money
from debtcoach.domain.payoff import simulate_payoff
from debtcoach.domain.record_rules import stored_household_problems
from debtcoach.domain.wording import month_words

TODAY = date(2026, 11, 23)  # 2026-W48


def usd(minor: int) -> Money:
    return Money(minor, "USD")


def household(**extra: object) -> Household:
    base = Household(
        loans=(
            Loan(
                "Visa",
                LoanKind.CREDIT_CARD,
                usd(520_000),
                Decimal("19.99"),
                usd(15_600),
                due_day=20,
                status=LoanStatus.OVERDUE,
                overdue_since=date(2026, 8, 20),
            ),
            Loan("Car", LoanKind.CAR, usd(30_000), Decimal("6.9"), usd(24_500), due_day=28),
        ),
        family_loans=(
            FamilyLoan(
                "Mum",
                usd(150_000),
                date(2026, 9, 10),
                repayments=(FamilyRepayment(date(2026, 11, 1), usd(10_000)),),
            ),
        ),
        income=(IncomeSource("Salary", IncomeKind.REGULAR, usd(265_000), Frequency.MONTHLY),),
        expenses=(Expense("Groceries", usd(52_000), usd(42_000), essential=True, cut_active=True),),
    )
    from msgspec.structs import replace

    return replace(base, **extra)  # type: ignore[arg-type]


def checkin(week: str = "2026-W48", on: date = TODAY, **paid: int) -> CheckIn:
    return CheckIn(week, on, paid={k: usd(v) for k, v in paid.items()})


def test_payment_lowers_loan_and_records_history() -> None:
    after, stored = apply_checkin(household(), checkin(Visa=15_600))
    visa = after.loan("Visa")
    assert visa is not None and visa.balance == usd(504_400)
    assert stored.closed == {}
    entries = [e for e in after.balances if e.source == "checkin:2026-W48"]
    assert {(e.name, e.family, e.balance.minor) for e in entries} == {
        ("Visa", False, 504_400),
        ("Car", False, 30_000),
        ("Mum", True, 140_000),
    }


def test_family_payment_is_a_repayment_dated_the_checkin() -> None:
    after, _ = apply_checkin(household(), checkin(Mum=2_000))
    mum = after.family_loan("Mum")
    assert mum is not None
    assert mum.repayments[-1] == FamilyRepayment(TODAY, usd(2_000))
    assert mum.balance == usd(138_000)


def test_overpayment_is_refused_with_the_amounts() -> None:
    with pytest.raises(CheckInError, match=r"paid Car: \$300\.01 is more than the \$300\.00"):
        apply_checkin(household(), checkin(Car=30_001))
    with pytest.raises(CheckInError, match="Mum"):
        apply_checkin(household(), checkin(Mum=140_001))


def test_unknown_names_are_refused() -> None:
    with pytest.raises(CheckInError, match="'Nope' is not a loan or a family lender"):
        apply_checkin(household(), checkin(Nope=1))
    bad = CheckIn("2026-W48", TODAY, received={"Lottery": usd(1)})
    with pytest.raises(CheckInError, match="not an income source"):
        apply_checkin(household(), bad)
    bad = CheckIn("2026-W48", TODAY, spent={"Yachts": usd(1)})
    with pytest.raises(CheckInError, match="not an expense"):
        apply_checkin(household(), bad)


def test_paying_to_zero_closes_and_a_correction_reopens_with_the_old_status() -> None:
    after, stored = apply_checkin(household(), checkin(Visa=520_000))
    assert after.loan("Visa").status == LoanStatus.PAID_OFF  # type: ignore[union-attr]
    assert stored.closed == {"Visa": LoanStatus.OVERDUE}
    corrected, stored = apply_checkin(after, checkin(Visa=100))
    visa = corrected.loan("Visa")
    assert visa is not None
    assert visa.status == LoanStatus.OVERDUE and visa.balance == usd(519_900)
    assert stored.closed == {}


def test_correction_undoes_the_old_version_to_the_cent() -> None:
    h = household()
    once, _ = apply_checkin(h, checkin(Visa=15_600, Mum=5_000))
    fixed, _ = apply_checkin(once, checkin(Visa=10_001, Car=99))
    direct, _ = apply_checkin(h, checkin(Visa=10_001, Car=99))
    assert fixed == direct
    assert len([c for c in fixed.checkins if c.week == "2026-W48"]) == 1


def test_correcting_a_past_week_shifts_later_history() -> None:
    h = household()
    h, _ = apply_checkin(h, checkin("2026-W47", date(2026, 11, 22), Visa=10_000))
    h, _ = apply_checkin(h, checkin("2026-W48", TODAY, Visa=5_000))
    w47 = {e.name: e.balance.minor for e in h.balances if e.source == "checkin:2026-W47"}
    w48 = {e.name: e.balance.minor for e in h.balances if e.source == "checkin:2026-W48"}
    assert w47["Visa"] == 510_000 and w48["Visa"] == 505_000
    h, _ = apply_checkin(h, checkin("2026-W47", date(2026, 11, 22), Visa=12_345))
    w47 = {e.name: e.balance.minor for e in h.balances if e.source == "checkin:2026-W47"}
    w48 = {e.name: e.balance.minor for e in h.balances if e.source == "checkin:2026-W48"}
    assert w47["Visa"] == 520_000 - 12_345
    assert w48["Visa"] == 520_000 - 12_345 - 5_000
    assert h.loan("Visa").balance.minor == 520_000 - 12_345 - 5_000  # type: ignore[union-attr]


def test_legacy_sources_count_as_the_week() -> None:
    assert source_week("2026-W47") == "2026-W47"
    assert source_week(checkin_source("2026-W53")) == "2026-W53"
    assert source_week("import") is None
    legacy = BalanceEntry("Visa", date(2026, 11, 22), usd(1), "2026-W48")
    after, _ = apply_checkin(household(balances=(legacy,)), checkin(Visa=1))
    assert legacy not in after.balances


def test_a_week_that_named_a_paid_off_loan_is_saved_the_same_way_each_time() -> None:
    """Found by the property below: Car paid off in W45, W46 first listed it at $0, then W46 is
    saved without it twice. The history must not depend on the week's earlier version."""
    h = applied(household(), [checkin("2026-W45", Car=30_000), checkin("2026-W46", Car=0)])
    once, _ = apply_checkin(h, checkin("2026-W46"))
    twice, _ = apply_checkin(once, checkin("2026-W46"))
    assert twice == once
    w46 = {e.name for e in once.balances if e.source == "checkin:2026-W46"}
    assert "Car" not in w46


# -- properties --------------------------------------------------------------------------------

amounts = st.integers(min_value=0, max_value=30_000)
weeks = st.sampled_from(["2026-W45", "2026-W46", "2026-W47", "2026-W48"])


@st.composite
def checkins(draw: st.DrawFn) -> CheckIn:
    week = draw(weeks)
    names = draw(st.lists(st.sampled_from(["Visa", "Car", "Mum"]), unique=True))
    paid = {name: usd(draw(amounts)) for name in names}
    return CheckIn(week, date(2026, 11, 20), paid=paid, note=draw(st.text(max_size=5)))


def applied(h: Household, items: list[CheckIn]) -> Household:
    try:
        for item in items:
            h, _ = apply_checkin(h, item)
    except CheckInError:
        assume(False)  # an overpayment: refused, covered by its own test
    return h


@settings(max_examples=150, deadline=None)
@given(first=checkins(), history=st.lists(checkins(), max_size=3))
def test_applying_a_week_twice_is_applying_it_once(first: CheckIn, history: list[CheckIn]) -> None:
    h = applied(household(), history)
    once = applied(h, [first])
    twice, _ = apply_checkin(once, first)
    assert twice == once


@settings(max_examples=150, deadline=None)
@given(x=checkins(), history=st.lists(checkins(), max_size=3))
def test_undo_of_apply_is_identity(x: CheckIn, history: list[CheckIn]) -> None:
    h = applied(household(), [item for item in history if item.week != x.week])
    try:
        after, _ = apply_checkin(h, x)
    except CheckInError:
        assume(False)
        raise
    assert undo_checkin(after, x.week) == h


# -- dates and streaks ---------------------------------------------------------------------------


def test_streak_counts_back_from_this_week_or_last() -> None:
    assert streak(["2026-W46", "2026-W47", "2026-W48"], TODAY) == 3
    assert streak(["2026-W46", "2026-W47"], TODAY) == 2  # this week not done yet
    assert streak(["2026-W45", "2026-W47", "2026-W48"], TODAY) == 2
    assert streak(["2026-W46"], TODAY) == 0
    assert streak([], TODAY) == 0


def test_streak_crosses_iso_week_53_into_the_next_year() -> None:
    # 2026 has 53 ISO weeks; 2027-W01 starts on Monday 2027-01-04.
    weeks_done = ["2026-W51", "2026-W52", "2026-W53", "2027-W01"]
    assert streak(weeks_done, date(2027, 1, 5)) == 4
    assert streak(weeks_done[:-1], date(2027, 1, 5)) == 3  # W01 not done yet: ends at W53
    assert streak(["2026-W52", "2027-W01"], date(2027, 1, 5)) == 1  # W53 missing breaks it
    assert streak(["2025-W52", "2026-W01", "2026-W02"], date(2026, 1, 8)) == 3


def test_checkin_dates() -> None:
    assert checkin_date("2026-W48", TODAY) == TODAY
    assert checkin_date("2026-W46", TODAY) == date(2026, 11, 15)
    old = checkin("2026-W46", date(2026, 11, 14))
    assert checkin_date("2026-W46", TODAY, old) == date(2026, 11, 14)
    with pytest.raises(CheckInError, match="not started"):
        checkin_date("2026-W49", TODAY)


def test_due_in_week_uses_due_day_with_month_end_clamp() -> None:
    visa, car = household().loans
    assert due_in_week(visa, "2026-W47") == usd(15_600)  # Nov 20 falls in W47
    assert due_in_week(visa, "2026-W48") is None
    assert due_in_week(car, "2026-W48") == usd(24_500)  # Nov 28
    from msgspec.structs import replace

    end = replace(car, due_day=31)
    assert due_in_week(end, "2026-W48") is None
    assert due_in_week(end, "2026-W49") == usd(24_500)  # Nov 30 is the 31st clamped
    small = replace(car, balance=usd(100))
    assert due_in_week(small, "2026-W48") == usd(100)


def test_weekly_share_rounds_half_up() -> None:
    assert weekly_share(usd(42_000)) == usd(9_692)  # 420 × 12 / 52 = 96.923…
    assert weekly_share(usd(13)) == usd(3)


def test_previous_due_date_clamps_to_short_months() -> None:
    assert previous_due_date(28, date(2026, 11, 28)) == date(2026, 10, 28)
    assert previous_due_date(31, date(2026, 3, 31)) == date(2026, 2, 28)
    assert previous_due_date(31, date(2026, 12, 31)) == date(2026, 11, 30)
    assert previous_due_date(5, date(2027, 1, 5)) == date(2026, 12, 5)


def test_a_cycle_counts_the_weeks_after_the_previous_due_week_up_to_the_due_week() -> None:
    # Car falls due on the 28th: Oct 28 is in W44, Nov 28 in W48. The cycle of Nov 28 is
    # W45..W48; a W44 payment paid Oct 28, a W49 payment belongs to Dec 28.
    car = household().loans[1]
    weeks = [checkin(w, TODAY, Car=1_000 * n) for n, w in enumerate(
        ["2026-W44", "2026-W45", "2026-W47", "2026-W48", "2026-W49"], start=1)]  # fmt: skip
    assert paid_this_cycle(car, date(2026, 11, 28), weeks) == usd(2_000 + 3_000 + 4_000)
    assert paid_this_cycle(car, date(2026, 12, 28), weeks) == usd(5_000)
    other = [checkin("2026-W47", TODAY, Visa=9_999)]
    assert paid_this_cycle(car, date(2026, 11, 28), other) == usd(0)


def test_still_due_never_below_zero_nor_above_the_balance() -> None:
    car = household().loans[1]  # 245.00 a month, 300.00 owed
    assert still_due(car, usd(0)) == usd(24_500)
    assert still_due(car, usd(10_000)) == usd(14_500)
    assert still_due(car, usd(30_000)) == usd(0)
    from msgspec.structs import replace

    nearly = replace(car, balance=usd(5_000))  # 50.00 left after paying 30.00 of 245.00
    assert still_due(nearly, usd(3_000)) == usd(5_000)


def test_the_next_week_pre_fills_only_what_is_still_due() -> None:
    # Week 1 (W47) pays Car's 245.00 due Nov 28 early; week 2 (W48) holds the due date.
    car = household().loans[1]
    week1 = checkin("2026-W47", date(2026, 11, 20), Car=24_500)
    assert still_due_in_week(car, "2026-W48", []) == usd(24_500)
    assert still_due_in_week(car, "2026-W48", [week1]) == usd(0)
    assert still_due_in_week(car, "2026-W48", [checkin("2026-W47", TODAY, Car=5_000)]) == usd(
        19_500
    )
    assert still_due_in_week(car, "2026-W47", [week1]) is None  # nothing falls due in W47
    # The week being filled in is not counted against itself (a correction shows its own).
    assert still_due_in_week(car, "2026-W48", [checkin("2026-W48", TODAY, Car=24_500)]) == usd(
        24_500
    )


# -- summary and actual vs plan -------------------------------------------------------------------


def plan_of(h: Household):  # type: ignore[no-untyped-def]
    return simulate_payoff(h.loans, h.family_loans, usd(150_000), TODAY, Strategy.AVALANCHE, ())


def test_summary_compares_weeks_and_plans() -> None:
    h = household()
    last = CheckIn(
        "2026-W47",
        date(2026, 11, 22),
        paid={"Car": usd(1_000)},
        received={"Salary": usd(265_000)},
        spent={"Groceries": usd(10_000)},
    )
    h, _ = apply_checkin(h, last)
    this = CheckIn("2026-W48", TODAY, paid={"Car": usd(29_000)}, spent={"Groceries": usd(9_000)})
    after, _ = apply_checkin(h, this)
    summary = summarize(
        h,
        after,
        "2026-W48",
        TODAY,
        plan_of(h),
        plan_of(after),
        advice=("Stop borrowing", "because"),
    )
    assert summary.this_week.paid == usd(29_000)
    assert summary.last_week is not None and summary.last_week.received == usd(265_000)
    assert summary.owed_change == usd(-29_000)
    assert summary.streak == 2
    assert summary.this_week.cut_target == weekly_share(usd(42_000))
    assert summary_heading(summary) == "Checked in 2026-W48."
    assert summary.advice_why == "because"
    text = "\n".join(summary_figures(summary, "en_US"))
    assert "Paid" in text and "$290.00" in text and "last week $10.00" in text
    assert "Total owed: $6,600.00 (down $290.00)" in text
    assert "Streak: 2 weeks in a row" in text
    assert "Coach: Stop borrowing" in text
    assert total_owed(after).minor == 660_000


def test_summary_cut_items_not_recorded_is_not_on_target() -> None:
    h = household()
    blank, _ = apply_checkin(h, CheckIn("2026-W48", TODAY, paid={"Car": usd(1_000)}))
    zero, _ = apply_checkin(h, CheckIn("2026-W48", TODAY, spent={"Groceries": usd(0)}))

    def cut_line(after: Household) -> str:
        summary = summarize(h, after, "2026-W48", TODAY, plan_of(h), plan_of(after))
        return next(x for x in summary_figures(summary, "en_US") if x.startswith("Cut items"))

    # 420.00 a month × 12 / 52 = 96.923… → 96.92 a week
    assert cut_line(blank) == "Cut items: not recorded (weekly target $96.92)"
    assert cut_line(zero) == "Cut items: $0.00 of a $96.92 weekly target (on target)"


def test_summary_says_when_a_loan_behind_is_current_again() -> None:
    h = household()
    after, _ = apply_checkin(h, CheckIn("2026-W48", TODAY, paid={"Car": usd(1_000)}))
    plan = plan_of(after)
    visa = plan.debt("Visa")
    assert visa is not None and visa.caught_up_date is not None
    summary = summarize(h, after, "2026-W48", TODAY, plan_of(h), plan)
    assert summary.current_again == (("Visa", visa.caught_up_date),)
    assert f"Visa current again: {month_words(visa.caught_up_date, 'en_US')}" in summary_figures(
        summary, "en_US"
    )
    short = summarize(h, after, "2026-W48", TODAY, plan_of(h), None)
    assert "Visa current again: not at this budget" in summary_figures(short, "en_US")


def test_debt_progress_is_entered_now_and_next_month() -> None:
    h = household()
    h, _ = apply_checkin(h, checkin("2026-W47", date(2026, 11, 22), Visa=10_000))
    h, _ = apply_checkin(h, checkin("2026-W48", TODAY, Car=5_000))
    plan = plan_of(h)
    debts = debt_progress(h, plan)
    visa = next(d for d in debts if d.name == "Visa")
    # The balance entered (W47's point 5,100.00 plus the 100.00 it recorded), not the point.
    assert visa.first == usd(520_000) and visa.now == usd(510_000)
    assert visa.planned_next == plan.schedule[0].balances["Visa"]
    mum = next(d for d in debts if d.name == "Mum")
    assert mum.first == usd(150_000)  # the amount borrowed
    assert sum(d.first.minor for d in debts if d.first) == payoff_progress(h).start.minor


def test_debts_in_a_past_week_are_as_they_stood_then() -> None:
    """W46 as it stood: Visa before W46's and W47's payments, the Car paid off in W47 still
    open then, a loan opened in W47 left out, Mum less only the repayments dated before."""
    start = household(
        loans=(
            *household().loans,
            Loan(
                "Payday",
                LoanKind.ONLINE_PLATFORM,
                usd(30_000),
                Decimal(30),
                usd(5_000),
                opened_on=date(2026, 11, 18),
            ),
        )
    )
    h, _ = apply_checkin(start, checkin("2026-W46", date(2026, 11, 15), Visa=10_000))
    h, _ = apply_checkin(h, checkin("2026-W47", date(2026, 11, 22), Visa=5_000, Car=30_000))
    mum = h.family_loan("Mum")
    assert mum is not None
    later = FamilyRepayment(date(2026, 11, 20), usd(25_000))  # by `family repay`, in W47
    h = replace(h, family_loans=(replace(mum, repayments=(*mum.repayments, later)),))
    debts = {(d.name, d.family): d for d in debts_in_week(h, "2026-W46")}
    assert set(debts) == {("Visa", False), ("Car", False), ("Mum", True)}
    assert (debts["Visa", False].before, debts["Visa", False].after) == (usd(520_000), usd(510_000))
    assert debts["Car", False].before == usd(30_000)  # paid off since, open then
    assert (debts["Mum", True].before, debts["Mum", True].after) == (usd(140_000), usd(140_000))
    assert not any(d.opened_in_week for d in debts.values())


def test_the_summary_of_a_past_week_gives_that_weeks_owed() -> None:
    h, _ = apply_checkin(household(), checkin("2026-W47", date(2026, 11, 22), Car=30_000))
    before = h
    after, _ = apply_checkin(h, checkin("2026-W46", date(2026, 11, 15), Visa=10_000))
    summary = summarize(before, after, "2026-W46", TODAY, None, None)
    # When W46 began: Visa 5,100 now + 100 paid in W46, Car 300 (paid off in W47), Mum 1,400.
    assert summary.owed_before == usd(520_000 + 30_000 + 140_000)
    assert summary.owed_after == usd(510_000 + 30_000 + 140_000)
    lines = summary_figures(summary, "en_US")
    assert "Owed at the end of 2026-W46: $6,800.00 (down $100.00)" in lines
    # This week's summary still gives today's total.
    now = summarize(
        after, apply_checkin(after, checkin(Visa=100))[0], "2026-W48", TODAY, None, None
    )
    assert "Total owed: $6,499.00 (down $1.00)" in summary_figures(now, "en_US")


@pytest.mark.parametrize(
    ("amounts", "bad_weeks"),
    [
        ({"2026-W45": usd(0), "2026-W46": usd(10**14)}, []),  # 10^12 dollars is the limit
        ({"2026-W45": usd(-1), "2026-W46": usd(5)}, ["2026-W45"]),
        ({"2026-W45": usd(5), "2026-W46": usd(10**14 + 1)}, ["2026-W46"]),
        # Yen have no cents: 10^12 yen is the limit, and one amount in yen decides alone.
        ({"2026-W45": Money(10**12 + 1, "JPY"), "2026-W46": usd(10**14)}, ["2026-W45"]),
        ({"2026-W45": Money(10**12, "JPY"), "2026-W46": usd(-3)}, ["2026-W46"]),
    ],
)
def test_a_stored_check_in_amount_out_of_range_names_its_week(
    amounts: dict[str, Money], bad_weeks: list[str]
) -> None:
    checkins = tuple(
        CheckIn(week=week, on=date(2026, 11, 13), received={"Pay": amount})
        for week, amount in amounts.items()
    )
    problems = stored_household_problems(Household(checkins=checkins))
    assert [(p.table, p.row, p.field) for p in problems] == [
        ("checkins", week, "paid") for week in bad_weeks
    ]
