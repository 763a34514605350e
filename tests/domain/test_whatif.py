"""The what-if moves (README, "What if"), hand-checked month by month on one small household.

Today is 2026-11-15, so month 1 is 2026-12. Amounts are in cents: 100000 = 1000.00.

The household: Card 1000.00 (a credit card at 12 %, 24 % while behind, minimum 50.00, late fee
25.00, overdue since 2026-09-20: 2 started months × (50.00 + 25.00) = 150.00 of arrears), Bank
500.00 at 24 % (minimum 30.00), Mum 200.00 (no promised date). Salary 1000.00, rent 800.00
(essential), eating out 100.00 with a target of 40.00 and its cut off: a debt budget of 100.00.

Without a move (the plan now), month 1: Card 1000.00 + 20.00 (24 %) and a 25.00 late fee (arrears
175.00); Bank 500.00 + 10.00. Minimums 50.00 + 30.00; the card's 50.00 pays the 25.00 fee first,
then 25.00 of balance → 995.00 (arrears stay 175.00); Bank 480.00. The 20.00 left catches up the
card: 975.00, arrears 155.00. A late fee of 25.00 a month against 20.00 of catch-up: the card
stays behind until it is nearly paid off.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from msgspec.structs import replace

from debtcoach.domain.household_plan import minimum_only, saved_plan
from debtcoach.domain.models import (
    Expense,
    Frequency,
    Household,
    IncomeKind,
    IncomeSource,
    Loan,
    LoanKind,
    RestructureMode,
)
from debtcoach.domain.payoff import PayoffPlan
from debtcoach.domain.whatif import (
    BudgetChange,
    Cuts,
    Move,
    Relatives,
    Restructure,
    SideIncome,
    WhatIfError,
    apply_moves,
    restructure_candidates,
    suggested_moves,
    try_move,
    what_if,
)

from .builders import TODAY, arrears, balances, family, fees, loan, payments, usd


def card(**extra: object) -> Loan:
    return loan(
        "Card", 100000, 12, 5000, kind=LoanKind.CREDIT_CARD, penalty_apr=Decimal(24),
        late_fee=usd(2500), overdue_since=date(2026, 9, 20), **extra,
    )  # fmt: skip


def small_household() -> Household:
    return Household(
        loans=(card(), loan("Bank", 50000, 24, 3000)),
        income=(IncomeSource("Salary", IncomeKind.REGULAR, usd(100000), Frequency.MONTHLY),),
        expenses=(
            Expense("Rent", usd(80000), essential=True),
            Expense("Eating out", usd(10000), usd(4000)),
        ),
        family_loans=(family("Mum", 20000),),
    )


def plan_after(*moves: Move) -> PayoffPlan:
    return saved_plan(apply_moves(small_household(), moves, TODAY), TODAY).plan


def test_the_plan_now_month_by_month() -> None:
    plan = saved_plan(small_household(), TODAY).plan
    # m2: Card 975.00 + 19.50 + 25.00 fee; 50.00 pays the fee and 25.00 → 969.50; catch-up 20.00
    #     → 949.50, arrears 155.00 + 25.00 − 20.00 = 160.00. Bank 480.00 + 9.60 − 30.00 = 459.60.
    assert balances(plan)[:2] == [
        {"Card": 97500, "Bank": 48000, "Mum": 20000},
        {"Card": 94950, "Bank": 45960, "Mum": 20000},
    ]
    assert arrears(plan)[:2] == [{"Card": 15500}, {"Card": 16000}]
    assert payments(plan)[0] == {"Card": 7000, "Bank": 3000}


def test_time_for_space_restructures_the_card_as_if_the_lender_agreed() -> None:
    # 24 installments at the card's APR (12 %, not the penalty rate): 1000.00 × 0.01 /
    # (1 − 1.01^−24) = 47.07. Agreed, the card is no longer behind: no late fee, 12 %.
    move = Restructure("Card", 24)
    assert move.quote(small_household()).installment == usd(4707)
    plan = plan_after(move)
    # m1: Card 1000.00 + 10.00 − 47.07 = 962.93; Bank 500.00 + 10.00 − 30.00 = 480.00; the 22.93
    #     left goes by avalanche to Bank (24 % above 12 %) → 457.07.
    # m2: Card 962.93 + 9.63 (9.6293) − 47.07 = 925.49; Bank 457.07 + 9.14 (9.1414) − 52.93
    #     = 413.28.
    assert payments(plan)[0] == {"Card": 4707, "Bank": 5293}
    assert balances(plan)[:2] == [
        {"Card": 96293, "Bank": 45707, "Mum": 20000},
        {"Card": 92549, "Bank": 41328, "Mum": 20000},
    ]
    assert arrears(plan)[0] == {} and fees(plan)[0] == {}
    assert plan.total_fees == usd(0)


def test_open_source_adds_side_income_from_its_month() -> None:
    plan = plan_after(SideIncome(usd(5000), date(2027, 1, 1)))
    # m1 is the plan now (975.00, arrears 155.00). m2 has 150.00: after the minimums 70.00 of
    # catch-up: 969.50 − 70.00 = 899.50, arrears 180.00 − 70.00 = 110.00.
    assert balances(plan)[0]["Card"] == 97500 and arrears(plan)[0] == {"Card": 15500}
    assert balances(plan)[1]["Card"] == 89950 and arrears(plan)[1] == {"Card": 11000}


def test_throttling_turns_on_every_cut_not_yet_on() -> None:
    move = Cuts()
    assert [e.name for e in move.chosen(small_household())] == ["Eating out"]
    assert move.saving(small_household()) == usd(6000)
    plan = plan_after(move)
    # Budget 160.00. m1: 80.00 of catch-up: 995.00 − 80.00 = 915.00, arrears 95.00.
    # m2: 915.00 + 18.30 + 25.00 fee; − 50.00 → 908.30; catch-up 80.00 → 828.30, arrears 40.00.
    # m3: 828.30 + 16.57 (16.566) + 25.00 fee; − 50.00 → 819.87; catch-up 65.00 → 754.87,
    #     arrears 0: current at the end of 2027-02. The last 15.00 by avalanche: both at 24 % this
    #     month, Bank owes less (459.60 + 9.19 − 30.00 = 438.79) → 423.79.
    assert [b["Card"] for b in balances(plan)[:3]] == [91500, 82830, 75487]
    assert arrears(plan)[:3] == [{"Card": 9500}, {"Card": 4000}, {"Card": 0}]
    assert payments(plan)[2] == {"Card": 11500, "Bank": 4500}
    assert balances(plan)[2]["Bank"] == 42379
    outcome = what_if(small_household(), TODAY, [move]).moves[0].outcome
    assert outcome.current_from == "2027-02"


def test_relatives_first_pays_the_institutions_and_is_repaid_after_them() -> None:
    move = Relatives(usd(17500), date(2026, 12, 1))
    plan = plan_after(move)
    # m1 has 100.00 + 175.00: after the minimums 195.00; catch-up 175.00 (arrears after the late
    # fee) → Card 995.00 − 175.00 = 820.00, current; the last 20.00 by avalanche (both 24 % this
    # month, Bank owes less) → Bank 460.00.
    # m2: the card is at 12 %: 820.00 + 8.20 − 50.00 = 778.20, no fee; Bank 460.00 + 9.20 − 50.00.
    assert payments(plan)[0] == {"Card": 22500, "Bank": 5000}
    assert balances(plan)[:2] == [
        {"Card": 82000, "Bank": 46000, "Mum": 20000, "Relatives": 17500},
        {"Card": 77820, "Bank": 41920, "Mum": 20000, "Relatives": 17500},
    ]
    assert fees(plan)[:2] == [{"Card": 2500}, {}]
    # Relatives come after the institutions; neither relative has a promised date, so the
    # smaller amount first: Relatives (175.00) before Mum (200.00).
    outcome = {d.name: d for d in plan.debts}
    assert outcome["Relatives"].payoff_month is not None and outcome["Mum"].payoff_month
    last_institution = max(outcome["Card"].payoff_month or 0, outcome["Bank"].payoff_month or 0)
    assert last_institution <= outcome["Relatives"].payoff_month < outcome["Mum"].payoff_month
    result = what_if(small_household(), TODAY, [move]).moves[0]
    assert result.outcome.to_relatives == usd(37500)
    assert result.outcome.relatives_repaid == outcome["Mum"].payoff_date
    assert result.outcome.current_from == "2026-12"


def test_a_budget_change_adds_or_takes_every_month() -> None:
    more = plan_after(BudgetChange(usd(4000)))
    # Budget 140.00: m1 catch-up 60.00 → 995.00 − 60.00 = 935.00, arrears 115.00.
    assert balances(more)[0]["Card"] == 93500 and arrears(more)[0] == {"Card": 11500}
    less = plan_after(BudgetChange(usd(-3000)))
    # Budget 70.00 against 80.00 of minimums: short from the first month by 10.00.
    assert not less.feasible
    assert (less.short_from, less.shortfall) == ("2026-12", usd(1000))


def test_together_is_the_moves_applied_one_after_another() -> None:
    moves: list[Move] = [
        Restructure("Card", 24),
        SideIncome(usd(5000), date(2027, 1, 1)),
        Cuts(),
        Relatives(usd(17500), date(2026, 12, 1)),
        BudgetChange(usd(4000)),
    ]
    household = small_household()
    report = what_if(household, TODAY, moves, keep_schedule=True)
    assert report.together is not None and report.together.moves == tuple(moves)
    step = household
    for move in moves:
        step = move.apply(step, TODAY)
    assert report.together.outcome.plan == saved_plan(step, TODAY).plan
    # m1: 100.00 + 60.00 (cut) + 40.00 + 175.00 = 375.00. Card (agreed, 12 %) 1010.00 − 47.07
    #     = 962.93; Bank 510.00 − 30.00 − the 297.93 left = 182.07.
    # m2: + 50.00 side income = 250.00. Card 962.93 + 9.63 − 47.07 = 925.49; Bank 182.07 + 3.64
    #     = 185.71, paid off by 30.00 + 155.71; the 17.22 left → Card 908.27.
    plan = report.together.outcome.plan
    assert [(b["Card"], b["Bank"]) for b in balances(plan)[:2]] == [(96293, 18207), (90827, 0)]
    assert [r.label for r in report.moves] == [
        "Card: 24 installments",
        "+$50.00 a month from Jan 2027",
        "Eating out on: +$60.00 a month",
        "$175.00 from relatives, Dec 2026",
        "Budget +$40.00 a month",
    ]


def test_each_move_is_compared_with_the_plan_and_the_baseline() -> None:
    household = small_household()
    report = what_if(household, TODAY, [Restructure("Card", 24), BudgetChange(usd(-3000))])
    plan = saved_plan(household, TODAY).plan
    baseline = minimum_only(household, TODAY)
    assert report.plan.plan == saved_plan(household, TODAY, keep_schedule=False).plan
    assert report.baseline == baseline
    assert report.plan.current_from == "2029-01"  # the card catches up only as it is paid off
    stretch = report.moves[0]
    assert stretch.vs_plan.months == (stretch.outcome.months or 0) - (plan.months or 0)
    assert stretch.vs_plan.total_interest == stretch.outcome.total_interest - plan.total_interest
    assert stretch.vs_plan.total_fees == -plan.total_fees  # no late fee once agreed
    assert stretch.vs_baseline.total_fees == -baseline.total_fees
    assert stretch.outcome.current_from == "2026-12"  # current with its first installment
    short = report.moves[1]
    assert not short.outcome.feasible and short.outcome.current_from is None
    assert (short.vs_plan.months, short.vs_plan.total_interest) == (None, None)


def test_suggested_moves_stretch_the_overdue_cards_cut_and_cover_the_arrears() -> None:
    # Arrears in month 1: the 150.00 past due today and that month's 25.00 late fee.
    assert suggested_moves(small_household(), TODAY) == (
        Restructure("Card", 60, RestructureMode.ANNUITY),
        Cuts(),
        Relatives(usd(17500), date(2026, 12, 1)),
    )
    calm = replace(
        small_household(),
        loans=(loan("Card", 100000, 12, 5000, kind=LoanKind.CREDIT_CARD),),
        expenses=(Expense("Eating out", usd(10000), usd(4000), cut_active=True),),
    )
    assert suggested_moves(calm, TODAY) == ()
    report = what_if(calm, TODAY)
    assert report.moves == () and report.together is None and report.behind_now == ()


def test_the_household_is_never_changed() -> None:
    household = small_household()
    what_if(household, TODAY)
    assert household == small_household()


@pytest.mark.parametrize(
    ("move", "option", "message"),
    [
        (Restructure("Nope", 12), "--restructure", "there is no loan named 'Nope'"),
        (Restructure("Card", 61), "--restructure", "Card: 61 installments is too many"),
        (SideIncome(usd(5000), date(2026, 11, 1)), "--side-income", "2026-11 is before the plan"),
        (SideIncome(usd(-1), date(2027, 1, 1)), "--side-income", "must be more than zero"),
        (Relatives(usd(0), date(2027, 1, 1)), "--relatives", "must be more than zero"),
        (Cuts(("Rent",)), "--cuts", "Rent has no target below"),
        (Cuts(("Gym",)), "--cuts", "there is no expense named 'Gym'"),
        (BudgetChange(usd(0)), "--budget-change", "a change of 0 changes nothing"),
    ],
)
def test_a_move_that_cannot_be_made_says_why(move: Move, option: str, message: str) -> None:
    with pytest.raises(WhatIfError) as caught:
        what_if(small_household(), TODAY, [move])
    assert caught.value.option == option and message in caught.value.message


def test_cuts_that_are_on_already_are_no_move() -> None:
    all_on = replace(
        small_household(),
        expenses=(Expense("Eating out", usd(10000), usd(4000), cut_active=True),),
    )
    with pytest.raises(WhatIfError, match="on already"):
        Cuts().apply(all_on, TODAY)
    with pytest.raises(WhatIfError, match="the cut on Eating out is on already"):
        Cuts(("Eating out",)).apply(all_on, TODAY)


def test_borrowing_after_the_institutions_are_paid_is_refused() -> None:
    # The plan now pays the card off last, in 2029-01: money borrowed in 2029-02 pays nothing.
    with pytest.raises(WhatIfError, match=r"2029-02 is after the plan has paid the institutions"):
        what_if(small_household(), TODAY, [Relatives(usd(10000), date(2029, 2, 1))])
    what_if(small_household(), TODAY, [Relatives(usd(10000), date(2029, 1, 1))])


def test_names_the_moves_add_never_clash_with_the_household() -> None:
    household = replace(small_household(), family_loans=(family("relatives", 20000),))
    moved = Relatives(usd(1000), date(2026, 12, 1)).apply(household, TODAY)
    assert [f.lender for f in moved.family_loans] == ["relatives", "Relatives 2"]
    assert moved.income[-1].name == "Relatives 2"
    assert moved.income[-1].frequency == Frequency.ONE_OFF


def test_a_flat_fee_restructure_is_labelled_with_its_fee() -> None:
    move = Restructure("Card", 12, RestructureMode.FLAT_FEE, Decimal("0.6"))
    assert move.label(small_household(), TODAY) == "Card: 12 installments, 0.6% fee"
    # 1000.00 / 12 + 1000.00 × 0.6 % = 83.33 + 6.00 = 89.33
    assert move.quote(small_household()).installment == usd(8933)


def test_without_family_loans_nothing_goes_to_relatives() -> None:
    household = replace(small_household(), family_loans=())
    report = what_if(household, TODAY, [Cuts()])
    assert report.plan.to_relatives == usd(0) and report.plan.relatives_repaid is None


def test_a_move_that_makes_a_short_plan_feasible_has_no_difference_to_the_plan() -> None:
    # Rent 830.00: a budget of 70.00 against 80.00 of minimums. The cut (+60.00) makes it 130.00.
    short = replace(
        small_household(),
        expenses=(
            Expense("Rent", usd(83000), essential=True),
            Expense("Eating out", usd(10000), usd(4000)),
        ),
    )
    report = what_if(short, TODAY, [Cuts()])
    assert not report.plan.feasible and report.plan.current_from is None
    cut = report.moves[0]
    assert cut.outcome.feasible
    assert (cut.vs_plan.months, cut.vs_plan.total_interest, cut.vs_plan.total_fees) == (
        None, None, None,
    )  # fmt: skip
    assert (
        cut.vs_baseline.total_interest
        == cut.outcome.total_interest - report.baseline.total_interest
    )


def test_the_loans_to_stretch_overdue_cards_first_then_by_what_is_owed() -> None:
    household = small_household()
    car = loan("Car", 900000, 7, 20000)
    paid = loan("Old", 0, 10, 1000)
    bigger = replace(household, loans=(*household.loans, car, paid))
    assert restructure_candidates(bigger) == ("Card", "Car", "Bank")


def test_one_move_tried_alone_is_what_what_if_says_of_it() -> None:
    household = small_household()
    plan = saved_plan(household, TODAY, keep_schedule=False).plan
    stretch = Restructure("Card", 24)
    trial = try_move(household, TODAY, stretch, plan=plan)
    result = what_if(household, TODAY, [stretch]).moves[0]
    assert trial.moved == result.outcome and trial.vs_plan == result.vs_plan
    assert trial.now.current_from == "2029-01"
    assert trial.helps  # current from 2026-12, with its first installment
    short = try_move(household, TODAY, BudgetChange(usd(-3000)), plan=plan)
    assert not short.helps  # the minimums no longer fit
    with pytest.raises(WhatIfError):
        try_move(household, TODAY, Restructure("Nope", 24), plan=plan)
