"""Past due now and the minimum-only comparison, hand-checked (DESIGN.md, version 2)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from msgspec.structs import replace

from debtcoach.domain.household_plan import household_plan
from debtcoach.domain.models import (
    FamilyLoan,
    Frequency,
    Household,
    IncomeKind,
    IncomeSource,
    LoanKind,
    LoanStatus,
)
from debtcoach.domain.plan_facts import compare_with_minimum_only, minimum_only_owed, past_due

from .builders import OVERDUE_EXAMPLE_TODAY, TODAY, loan, three_loan_overdue_example, usd


def small_household(pay: int = 25_000) -> Household:
    """300.00 at 12 % (24 % while behind), minimum 100.00, late fee 10.00, 100.00 past due."""
    card = loan(
        "Card",
        30_000,
        12,
        10_000,
        kind=LoanKind.CREDIT_CARD,
        penalty_apr=Decimal(24),
        late_fee=usd(1_000),
        arrears=usd(10_000),
        overdue_since=date(2026, 10, 1),
        status=LoanStatus.OVERDUE,
    )
    salary = IncomeSource("Pay", IncomeKind.REGULAR, usd(pay), Frequency.MONTHLY)
    return Household(loans=(card,), income=(salary,))


def test_small_plan_by_hand() -> None:
    # m1 2026-12: 300.00 × 2 % = 6.00 → 306.00, fee 10.00 (arrears 110.00); minimum 100.00 pays
    #   the fee and 90.00 → 216.00; catch-up 110.00 → 106.00, arrears 0; 40.00 more → 66.00.
    # m2: 12 %: 66.00 × 1 % = 0.66 → 66.66, paid off by its minimum.
    plan = household_plan(small_household(), TODAY)
    assert [(m.date, m.balances["Card"]) for m in plan.schedule] == [
        ("2026-12", usd(6_600)),
        ("2027-01", usd(0)),
    ]
    assert (plan.total_interest, plan.total_fees) == (usd(666), usd(1_000))


def test_past_due_uses_the_plans_arrears_and_fees() -> None:
    h = small_household()
    facts = past_due(h, TODAY, household_plan(h, TODAY))
    assert facts is not None
    assert [(x.name, x.arrears, x.late_fee, x.current_again, x.fees) for x in facts.loans] == [
        ("Card", usd(10_000), usd(1_000), "2026-12", usd(1_000))
    ]
    assert (facts.total, facts.fees, facts.cleared) == (usd(10_000), usd(1_000), "2026-12")


def test_past_due_of_the_readme_example_and_nothing_when_no_loan_is_behind() -> None:
    h = three_loan_overdue_example()
    facts = past_due(h, OVERDUE_EXAMPLE_TODAY, household_plan(h, OVERDUE_EXAMPLE_TODAY))
    assert facts is not None
    # 2 months overdue (Oct 5 → Dec 1, rounded up) × (90.00 + 25.00); the Bonus clears it in
    # January, after one more 25.00 fee.
    assert [(x.name, x.arrears, x.current_again, x.fees) for x in facts.loans] == [
        ("Card", usd(23_000), "2027-01", usd(2_500))
    ]
    current = replace(
        h, loans=tuple(replace(x, overdue_since=None, status=LoanStatus.CURRENT)
                       for x in h.loans)
    )  # fmt: skip
    assert past_due(current, OVERDUE_EXAMPLE_TODAY, household_plan(current, TODAY)) is None


def test_past_due_when_the_minimums_do_not_fit_is_never_cleared() -> None:
    h = small_household(pay=9_999)
    plan = household_plan(h, TODAY)
    assert not plan.feasible
    facts = past_due(h, TODAY, plan)
    assert facts is not None and facts.cleared is None and facts.fees == usd(0)
    assert compare_with_minimum_only(h, TODAY, plan) is None


def test_comparison_when_the_minimums_alone_pay_off_by_hand() -> None:
    # Minimums only (24 % and the fee while behind, arrears never paid down):
    # m1 306.00 + 10.00 fee − 100.00 → 216.00; m2 216.00 × 2 % = 4.32 → 220.32 + 10.00 − 100.00
    # → 130.32; m3 2.6064 → 2.61: 132.93 + 10.00 − 100.00 → 42.93; m4 0.8586 → 0.86: 43.79 +
    # 10.00 = 53.79, the last minimum. 4 months, 13.79 interest, 40.00 of fees.
    h = small_household()
    comparison = compare_with_minimum_only(h, TODAY, household_plan(h, TODAY))
    assert comparison is not None
    baseline = comparison.baseline
    assert (baseline.months, baseline.total_interest, baseline.total_fees) == (
        4,
        usd(1_379),
        usd(4_000),
    )
    assert baseline.owed_by_month == (usd(21_600), usd(13_032), usd(4_293), usd(0))
    assert comparison.never_current == ()  # it is current when it is paid off
    assert (comparison.months_saved, comparison.interest_saved, comparison.fees_saved) == (
        2,
        usd(1_379 - 666),
        usd(3_000),
    )
    # By the plan's debt-free month (2027-01, month 2): 6.00 + 4.32 interest, two fees.
    assert (comparison.by, comparison.interest_by, comparison.fees_by) == (
        "2027-01",
        usd(1_032),
        usd(2_000),
    )


def test_comparison_when_the_minimums_never_bring_the_card_current() -> None:
    h = three_loan_overdue_example()
    plan = household_plan(h, OVERDUE_EXAMPLE_TODAY)
    comparison = compare_with_minimum_only(h, OVERDUE_EXAMPLE_TODAY, plan)
    assert comparison is not None and plan.months is not None
    assert comparison.never_current == ("Card",)
    assert comparison.months_saved is None and comparison.interest_saved is None
    assert comparison.by == plan.debt_free
    # The card's 90.00 never covers 30 % interest (75.00 a month and rising) and its 25.00 fee:
    # a fee every month up to the plan's last.
    assert comparison.fees_by == usd(2_500 * plan.months)


def test_minimum_only_owed_counts_the_relatives_unpaid() -> None:
    h = replace(small_household(), family_loans=(FamilyLoan("Mum", usd(50_000), date(2026, 1, 1)),))
    comparison = compare_with_minimum_only(h, TODAY, household_plan(h, TODAY))
    assert comparison is not None
    assert minimum_only_owed(h, comparison.baseline, 5) == [
        usd(80_000),
        usd(71_600),
        usd(63_032),
        usd(54_293),
        usd(50_000),
        usd(50_000),
    ]


def test_months_saved_count_the_institutions_only() -> None:
    # The plan then repays Mum (500.00) in months 2–4; the baseline never repays relatives, so
    # the saving is against the month the card is cleared (2), not the plan's last (4).
    h = replace(small_household(), family_loans=(FamilyLoan("Mum", usd(50_000), date(2026, 1, 1)),))
    plan = household_plan(h, TODAY)
    assert plan.months == 4
    comparison = compare_with_minimum_only(h, TODAY, plan)
    assert comparison is not None and comparison.months_saved == 2


# --- where the household has been: the balances the check-ins recorded --------------------------


def _history_household() -> Household:
    """Card recorded twice (after 50.00 paid in W38, 40.00 in W44); Car never recorded; a
    relative lent 500.00 on 2026-10-05 and was repaid 100.00 on 2026-11-02."""
    from debtcoach.domain.models import BalanceEntry, CheckIn, FamilyRepayment

    card = loan("Card", 80_000, 20, 5_000, opened_on=date(2026, 1, 1))
    car = loan("Car", 300_000, 7, 20_000)
    later = loan("Later", 10_000, 10, 1_000, opened_on=date(2026, 11, 10))
    return Household(
        loans=(card, car, later),
        family_loans=(
            FamilyLoan(
                "Mum",
                usd(50_000),
                date(2026, 10, 5),
                repayments=(FamilyRepayment(date(2026, 11, 2), usd(10_000)),),
            ),
        ),
        checkins=(
            CheckIn("2026-W38", date(2026, 9, 20), paid={"Card": usd(5_000)}),
            CheckIn("2026-W44", date(2026, 11, 1), paid={"Card": usd(4_000)}),
        ),
        balances=(
            BalanceEntry("Card", date(2026, 9, 20), usd(90_000), "2026-W38"),
            BalanceEntry("Card", date(2026, 11, 1), usd(80_000), "2026-W44"),
        ),
    )


def test_owed_history_month_by_month_by_hand() -> None:
    from debtcoach.domain.plan_facts import owed_history

    # today 2026-11-15: the months before November, from September (the first record).
    # end Sep: Card 900.00 (recorded 09-20) + Car 3,000.00 (never recorded: as now) = 3,900.00;
    #   Later not opened yet, Mum not lent yet.
    # end Oct: Card still 900.00 + Car 3,000.00 + Mum 500.00 (lent 10-05, nothing repaid) = 4,400.00.
    assert owed_history(_history_household(), TODAY) == (usd(390_000), usd(440_000))


def test_owed_history_starts_with_the_first_record_and_at_most_months_back() -> None:
    from debtcoach.domain.plan_facts import owed_history

    household = _history_household()
    assert owed_history(household, TODAY, months=1) == (usd(440_000),)
    # Before a loan's first record it counts with the balance entered (900.00 + the 50.00 the
    # first check-in paid): seen from 2027-01, end Aug 2026 is no month of the history (it
    # starts with September), and end Dec 2026 has Card 800.00, Car 3,000.00, Later 100.00 and
    # Mum 400.00 = 4,300.00.
    history = owed_history(household, date(2027, 1, 10))
    assert history == (usd(390_000), usd(440_000), usd(430_000), usd(430_000))
    assert owed_history(replace(household, balances=()), TODAY) == ()
    # A record in today's month is no month of the history yet.
    assert owed_history(household, date(2026, 9, 25)) == ()


def test_before_its_first_record_a_loan_counts_as_entered() -> None:
    from debtcoach.domain.models import BalanceEntry
    from debtcoach.domain.plan_facts import owed_history

    household = _history_household()
    car_later = BalanceEntry("Car", date(2026, 10, 20), usd(290_000), "2026-W43")
    household = replace(household, balances=(*household.balances, car_later))
    # end Sep: Card 900.00 + Car as entered before its first record (no check-in paid it in
    # W43: 2,900.00) = 3,800.00; end Oct: 900.00 + 2,900.00 + Mum 500.00 = 4,300.00.
    assert owed_history(household, TODAY) == (usd(380_000), usd(430_000))
