"""The version-2 plan (README, "How the numbers are worked out"): loans behind on their payments,
money that comes and goes, promotional rates, and the minimum-only baseline.

Every figure is worked out by hand in the comments. Unless a test says otherwise "today" is
2026-11-15, so month 1 is 2026-12. Amounts are in cents: 100000 = 1000.00.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from msgspec.structs import replace

from debtcoach.domain.budget import OneOff, PlanBudget, budget_breakdown, plan_budget
from debtcoach.domain.loan_facts import loan_arrears
from debtcoach.domain.models import (
    Expense,
    Frequency,
    Household,
    IncomeKind,
    IncomeSource,
    Loan,
    LoanKind,
    LoanStatus,
    Settings,
    Strategy,
)
from debtcoach.domain.money import Money
from debtcoach.domain.payoff import simulate_minimum_only, simulate_payoff

from .builders import (
    OVERDUE_EXAMPLE_TODAY,
    TODAY,
    arrears,
    balances,
    family,
    fees,
    interests,
    loan,
    payments,
    restructured,
    three_loan_overdue_example,
    usd,
)


def income(
    name: str,
    amount: int,
    frequency: Frequency = Frequency.MONTHLY,
    *,
    start: date | None = None,
    end: date | None = None,
    for_loan: str | None = None,
    kind: IncomeKind = IncomeKind.REGULAR,
) -> IncomeSource:
    return IncomeSource(name, kind, usd(amount), frequency, start, end, for_loan=for_loan)


def household(*sources: IncomeSource, spent: int = 0, buffer: int = 0) -> Household:
    return Household(
        settings=Settings(safety_buffer=usd(buffer)),
        income=sources,
        expenses=(Expense("Living", usd(spent), essential=True),) if spent else (),
    )


def overdue_card(
    *,
    balance: int = 100000,
    minimum: int = 5000,
    late_fee: int | None = 2500,
    since: date | None = date(2026, 9, 20),
    **extra: object,
) -> Loan:
    """A card at 12 %, 24 % while behind."""
    return loan(
        "Card",
        balance,
        12,
        minimum,
        kind=LoanKind.CREDIT_CARD,
        penalty_apr=Decimal(24),
        late_fee=None if late_fee is None else usd(late_fee),
        overdue_since=since,
        **extra,
    )


# ---------------------------------------------------------------------------- arrears at the start


def test_arrears_are_months_overdue_rounded_up_times_minimum_and_late_fee() -> None:
    card = overdue_card(balance=300000, minimum=9000, since=date(2026, 10, 5))
    # 2026-10-05 → 2026-12-01 is 1 month 27 days: 2 started months × (90.00 + 25.00)
    assert loan_arrears(card, date(2026, 12, 1)) == usd(23000)
    assert loan_arrears(card, date(2026, 12, 5)) == usd(23000)  # exactly 2 months
    assert loan_arrears(card, date(2026, 12, 6)) == usd(34500)  # a 3rd month has started
    assert loan_arrears(overdue_card(arrears=usd(1234)), TODAY) == usd(1234)  # entered wins
    assert loan_arrears(overdue_card(since=None, status=LoanStatus.OVERDUE), TODAY) == usd(0)


def test_a_loan_overdue_at_the_start_carries_its_arrears_capped_at_the_balance() -> None:
    # Entered arrears 5000.00 on a 1000.00 balance: the plan starts with 1000.00 past due.
    # At 0 %, no minimum, no late fee and no budget nothing moves, so month 1 shows the cap.
    item = loan("L", 100000, 0, 0, overdue_since=date(2026, 9, 1), arrears=usd(500000))
    plan = simulate_payoff([item], [], usd(0), TODAY, max_months=2)
    assert arrears(plan) == [{"L": 100000}, {"L": 100000}]
    # 2026-09-20 → 2026-11-15: 2 started months × (50.00 + 25.00) = 150.00
    assert loan_arrears(overdue_card(), TODAY) == usd(15000)


def test_a_loan_that_is_not_overdue_is_never_behind() -> None:
    plan = simulate_payoff([loan("L", 100000, 12, 5000, late_fee=usd(2500))], [], usd(5000), TODAY)
    assert all(m.fees == {} and m.arrears == {} for m in plan.schedule)
    assert plan.total_fees == usd(0)
    outcome = plan.debt("L")
    assert outcome is not None and outcome.caught_up_month is None


def test_an_agreed_restructure_is_not_behind_even_with_an_overdue_date() -> None:
    agreed, quote = restructured(overdue_card(), 3)
    plan = simulate_payoff([agreed], [], quote.last_installment, TODAY)
    assert interests(plan)[0] == {"Card": 1000}  # 1000.00 at 12 %, not the 24 % penalty
    assert fees(plan) == [{}, {}, {}] and arrears(plan) == [{}, {}, {}]
    assert plan.total_fees == usd(0)


# ---------------------------------------------------------------------------- late fees, catch-up


def test_overdue_card_month_by_month_until_it_has_caught_up() -> None:
    # Card 1000.00 at 12 %, 24 % penalty, min 50.00, late fee 25.00, 2 months behind:
    # arrears 2 × (50.00 + 25.00) = 150.00. Budget 150.00.
    # m1 2026-12: behind → 24 %: 1000.00 × 2 % = 20.00 → 1020.00; late fee 25.00 → fees 25.00,
    #   arrears 175.00; the minimum 50.00 pays the 25.00 fee first, then 25.00 → 995.00 (the
    #   minimum is this month's, arrears stay 175.00); catch-up 100.00 → 895.00, arrears 75.00
    # m2 2027-01: still behind: 895.00 × 2 % = 17.90 → 912.90; late fee → arrears 100.00;
    #   minimum: 25.00 fee + 25.00 → 887.90; catch-up 100.00 → 787.90, arrears 0: caught up
    # m3 2027-02: 12 %, no late fee: 787.90 × 1 % = 7.879 → 7.88 → 795.78 − 150.00 = 645.78
    plan = simulate_payoff([overdue_card()], [], usd(15000), TODAY)
    assert payments(plan)[:3] == [{"Card": 15000}] * 3
    assert balances(plan)[:3] == [{"Card": 89500}, {"Card": 78790}, {"Card": 64578}]
    assert interests(plan)[:3] == [{"Card": 2000}, {"Card": 1790}, {"Card": 788}]
    assert fees(plan)[:3] == [{"Card": 2500}, {"Card": 2500}, {}]
    assert arrears(plan)[:3] == [{"Card": 7500}, {"Card": 0}, {}]
    card = plan.debt("Card")
    assert card is not None
    assert (card.caught_up_month, card.caught_up_date) == (2, "2027-01")
    assert card.fees == plan.total_fees == usd(5000)
    # fees are apart from interest, and everything paid is balance + interest + fees
    assert plan.pays_off
    assert (
        plan.total_interest == card.interest == usd(sum(sum(i.values()) for i in interests(plan)))
    )
    assert plan.total_paid == usd(100000) + plan.total_interest + plan.total_fees


def test_paying_only_the_minimum_never_reduces_arrears() -> None:
    # The same card with a budget of exactly its minimum: every month behind, at 24 %,
    # another 25.00 late fee on the arrears.
    # m1: 1020.00 − 50.00 (25.00 fee, 25.00 balance) → 995.00, arrears 150 + 25 = 175.00
    # m2: 995.00 + 19.90 = 1014.90 − 25.00 → 989.90, arrears 200.00
    # m3: 989.90 + 19.798 → 19.80 = 1009.70 − 25.00 → 984.70, arrears 225.00
    plan = simulate_payoff([overdue_card()], [], usd(5000), TODAY, max_months=3)
    assert balances(plan) == [{"Card": 99500}, {"Card": 98990}, {"Card": 98470}]
    assert interests(plan) == [{"Card": 2000}, {"Card": 1990}, {"Card": 1980}]
    assert arrears(plan) == [{"Card": 17500}, {"Card": 20000}, {"Card": 22500}]
    assert plan.total_fees == usd(7500)


def test_fees_are_paid_first_and_bear_no_interest() -> None:
    # A minimum (10.00) below the late fee (25.00): fees pile up. 1000.00 at 12 % (penalty 12).
    # m1: 1000.00 + 10.00 = 1010.00; fee → fees 25.00; 10.00 pays fees → fees 15.00, owed 1025.00
    # m2: interest on the balance 1010.00 only: 10.10 (not 10.25) → 1020.10; fees 40.00 − 10.00
    #   = 30.00; owed 1050.10; arrears 25.00 → 50.00
    card = loan(
        "Card",
        100000,
        12,
        1000,
        overdue_since=date(2026, 11, 1),
        arrears=usd(0),
        late_fee=usd(2500),
    )
    plan = simulate_payoff([card], [], usd(1000), TODAY, max_months=2)
    assert interests(plan) == [{"Card": 1000}, {"Card": 1010}]
    assert balances(plan) == [{"Card": 102500}, {"Card": 105010}]
    assert arrears(plan) == [{"Card": 2500}, {"Card": 5000}]


def test_catch_up_goes_to_the_longest_overdue_first_before_any_strategy_extra() -> None:
    # 0 % everywhere except Hot (30 %, current). Arrears entered 100.00 each, minimums 10.00.
    # Budget 190.00: minimums 40.00, 150.00 left.
    # m1: catch-up Old (since 2026-06) 100.00, then New (since 2026-10) 50.00; Undated (no date)
    #   comes last and gets nothing; Hot, the avalanche choice, gets nothing extra.
    # m2: Old has caught up; New 50.00, Undated 100.00.  m3: all caught up: the 150.00 to Hot.
    loans = [
        loan("Undated", 100000, 0, 1000, status=LoanStatus.OVERDUE, arrears=usd(10000)),
        loan("New", 100000, 0, 1000, overdue_since=date(2026, 10, 1), arrears=usd(10000)),
        loan("Hot", 500000, 30, 1000),
        loan("Old", 100000, 0, 1000, overdue_since=date(2026, 6, 1), arrears=usd(10000)),
    ]
    plan = simulate_payoff(loans, [], usd(19000), TODAY)
    assert payments(plan)[:3] == [
        {"Undated": 1000, "New": 6000, "Hot": 1000, "Old": 11000},
        {"Undated": 11000, "New": 6000, "Hot": 1000, "Old": 1000},
        {"Undated": 1000, "New": 1000, "Hot": 16000, "Old": 1000},
    ]
    assert arrears(plan)[:3] == [
        {"Undated": 10000, "New": 5000, "Old": 0},
        {"Undated": 0, "New": 0},
        {},
    ]
    caught = {d.name: d.caught_up_month for d in plan.debts}
    assert caught == {"Undated": 2, "New": 2, "Hot": None, "Old": 1}


def test_catch_up_ties_on_the_overdue_date_follow_the_strategy() -> None:
    # Same overdue date, arrears 100.00 each, minimums 10.00, budget 120.00: 100.00 to share.
    # Avalanche: B (24 %) before A (12 %). Snowball: A (owes less) before B.
    since = date(2026, 9, 1)
    loans = [
        loan("A", 200000, 12, 1000, overdue_since=since, arrears=usd(10000)),
        loan("B", 300000, 24, 1000, overdue_since=since, arrears=usd(10000)),
    ]
    avalanche = simulate_payoff(loans, [], usd(12000), TODAY, Strategy.AVALANCHE)
    snowball = simulate_payoff(loans, [], usd(12000), TODAY, Strategy.SNOWBALL)
    assert payments(avalanche)[0] == {"A": 1000, "B": 11000}
    assert payments(snowball)[0] == {"A": 11000, "B": 1000}
    custom = simulate_payoff(loans, [], usd(12000), TODAY, Strategy.CUSTOM, ["A", "B"])
    assert payments(custom)[0] == {"A": 11000, "B": 1000}


def test_a_loan_behind_with_no_arrears_known_pays_one_month_of_penalty() -> None:
    # Marked overdue with no date and no amount: 0 arrears, behind in month 1 only.
    # m1: 1000.00 × 3 % (36 % penalty) = 30.00 → 1030.00 − 50.00 = 980.00; caught up at its end
    # m2: 12 %: 980.00 × 1 % = 9.80
    item = loan("L", 100000, 12, 5000, penalty_apr=Decimal(36), status=LoanStatus.OVERDUE)
    plan = simulate_payoff([item], [], usd(5000), TODAY, max_months=2)
    assert interests(plan) == [{"L": 3000}, {"L": 980}]
    assert arrears(plan) == [{"L": 0}, {}]
    outcome = plan.debt("L")
    assert outcome is not None and outcome.caught_up_date == "2026-12"


# ---------------------------------------------------------------------------- promotional APR


def test_promotional_rate_up_to_and_including_the_month_it_ends() -> None:
    # Platform 1000.00 at 24 %, 0 % until 2027-01-15 (so all of January), min 100.00;
    # Bank 1000.00 at 12 %, min 50.00. Budget 250.00, avalanche on the rate in force.
    # m1 2026-12: Platform 0.00; Bank 10.00 → 1010.00. Minimums → Platform 900.00, Bank 960.00;
    #   the 100.00 extra to Bank (12 % > 0 %) → 860.00
    # m2 2027-01: Platform 0.00 → 800.00; Bank 8.60 → 868.60 − 50 − 100 → 718.60
    # m3 2027-02: the promotion is over: Platform 800.00 × 2 % = 16.00 → 816.00 − 100 = 716.00,
    #   and now it is the highest rate: the 100.00 extra → 616.00;
    #   Bank 718.60 × 1 % = 7.186 → 7.19 → 725.79 − 50 = 675.79
    loans = [
        loan("Platform", 100000, 24, 10000, promo_apr=Decimal(0), promo_until=date(2027, 1, 15)),
        loan("Bank", 100000, 12, 5000),
    ]
    plan = simulate_payoff(loans, [], usd(25000), TODAY)
    assert interests(plan)[:3] == [{"Bank": 1000}, {"Bank": 860}, {"Platform": 1600, "Bank": 719}]
    assert payments(plan)[:3] == [
        {"Platform": 10000, "Bank": 15000},
        {"Platform": 10000, "Bank": 15000},
        {"Platform": 20000, "Bank": 5000},
    ]
    assert balances(plan)[:3] == [
        {"Platform": 90000, "Bank": 86000},
        {"Platform": 80000, "Bank": 71860},
        {"Platform": 61600, "Bank": 67579},
    ]


def test_a_promotion_that_ended_before_the_plan_changes_nothing() -> None:
    ended = loan("P", 100000, 24, 10000, promo_apr=Decimal(0), promo_until=date(2026, 11, 30))
    plain = loan("P", 100000, 24, 10000)
    assert simulate_payoff([ended], [], usd(20000), TODAY) == simulate_payoff(
        [plain], [], usd(20000), TODAY
    )


def test_the_penalty_rate_wins_over_a_promotion_until_caught_up() -> None:
    # 1000.00 at 24 %, 36 % while behind, 0 % until 2027-02-28; arrears 50.00, min 100.00.
    # m1: behind: 30.00 → 1030.00 − 100.00 → 930.00; catch-up 50.00 → 880.00: caught up
    # m2 2027-01, m3 2027-02: the promotion: 0 interest; 150.00 a month → 730.00, 580.00
    # m4 2027-03: 24 %: 580.00 × 2 % = 11.60 → 591.60 − 150.00 = 441.60
    item = loan(
        "P",
        100000,
        24,
        10000,
        penalty_apr=Decimal(36),
        overdue_since=date(2026, 10, 1),
        arrears=usd(5000),
        promo_apr=Decimal(0),
        promo_until=date(2027, 2, 28),
    )
    plan = simulate_payoff([item], [], usd(15000), TODAY)
    assert interests(plan)[:4] == [{"P": 3000}, {}, {}, {"P": 1160}]
    assert balances(plan)[:4] == [{"P": 88000}, {"P": 73000}, {"P": 58000}, {"P": 44160}]


# ---------------------------------------------------------------------------- the budget by month


def test_plan_budget_counts_income_in_the_months_it_is_active() -> None:
    # Month 1 is 2026-12. Expenses 1500.00.
    # Salary 2000.00 always; Old job 500.00 ending 2027-01-01 (active in January, its first day);
    # Weekend 100.00 weekly from 2027-02-28 (active in February, its last day): 100 × 52/12
    # = 433.33; Summer 1200.00 yearly that ended in 2026-08 is history.
    # Dec, Jan: 2000 + 500 − 1500 = 1000.00; from Feb: 2000 + 433.33 − 1500 = 933.33
    h = household(
        income("Salary", 200000),
        income("Old job", 50000, end=date(2027, 1, 1)),
        income("Weekend", 10000, Frequency.WEEKLY, start=date(2027, 2, 28), kind=IncomeKind.SIDE),
        income("Summer", 120000, Frequency.YEARLY, end=date(2026, 8, 31)),
        spent=150000,
    )
    budget = plan_budget(h, TODAY)
    assert budget.recurring == ((1, usd(100000)), (3, usd(93333)))
    assert [budget.recurring_in(m).minor for m in (1, 2, 3, 4, 600)] == [
        100000,
        100000,
        93333,
        93333,
        93333,
    ]
    assert budget.first_month == usd(100000)
    # "this month" is unchanged: what is active today (the weekend job has not started)
    assert budget_breakdown(h, TODAY).debt_budget == usd(100000)
    # the safety buffer comes off every month
    buffered = replace(h, settings=Settings(safety_buffer=usd(3333)))
    assert plan_budget(buffered, TODAY).recurring == ((1, usd(96667)), (3, usd(90000)))


def test_one_offs_count_in_the_month_of_their_date_and_earmarked_ones_apart() -> None:
    # Bonus 400.00 on 2027-01-15 (month 2); Gift 100.00 on 2026-11-20 (this month, before
    # month 1: history); Refund 250.00 on 2027-03-01 earmarked for Card (month 4).
    h = household(
        income("Salary", 100000),
        income("Bonus", 40000, Frequency.ONE_OFF, start=date(2027, 1, 15)),
        income("Gift", 10000, Frequency.ONE_OFF, start=date(2026, 11, 20)),
        income("Refund", 25000, Frequency.ONE_OFF, start=date(2027, 3, 1), for_loan="Card"),
        spent=70000,
    )
    budget = plan_budget(h, TODAY)
    assert budget.recurring == ((1, usd(30000)),)  # a one-off is not monthly income
    assert budget.one_offs == (
        OneOff("Bonus", 2, usd(40000)),
        OneOff("Refund", 4, usd(25000), "Card"),
    )
    assert [budget.available_in(m).minor for m in (1, 2, 3, 4)] == [30000, 70000, 30000, 30000]
    assert budget.one_offs_in(4) == (OneOff("Refund", 4, usd(25000), "Card"),)
    # --budget replaces the recurring part in every month; the one-offs still come
    override = plan_budget(h, TODAY, override=usd(50000))
    assert override == PlanBudget(((1, usd(50000)),), budget.one_offs)
    assert override == budget.with_recurring(usd(50000))
    assert [override.available_in(m).minor for m in (1, 2, 3)] == [50000, 90000, 50000]


def test_a_plan_budget_starts_at_month_1_in_month_order_and_one_currency() -> None:
    for recurring in [(), ((2, usd(1)),), ((1, usd(1)), (3, usd(2)), (2, usd(3)))]:
        with pytest.raises(ValueError, match="month 1, in month order"):
            PlanBudget(recurring)
    with pytest.raises(ValueError, match="one currency"):
        PlanBudget(((1, usd(1)),), (OneOff("Gift", 1, Money(1, "CNY")),))


def test_a_plain_money_budget_is_the_same_every_month() -> None:
    loans = [loan("Visa", 100000, 24, 10000), loan("Car", 50000, 12, 5000)]
    assert simulate_payoff(loans, [], usd(40000), TODAY) == simulate_payoff(
        loans, [], PlanBudget.constant(usd(40000)), TODAY
    )


def test_income_that_starts_later_raises_the_payments_from_its_month() -> None:
    # 1000.00 at 0 %, min 100.00. Pay 300.00 a month; Side 200.00 a month from 2027-01-01.
    # m1: 300.00 → 700.00; m2: 500.00 → 200.00; m3: 200.00 → 0
    h = household(
        income("Pay", 30000), income("Side", 20000, start=date(2027, 1, 1), kind=IncomeKind.SIDE)
    )
    plan = simulate_payoff([loan("L", 100000, 0, 10000)], [], plan_budget(h, TODAY), TODAY)
    assert payments(plan) == [{"L": 30000}, {"L": 50000}, {"L": 20000}]
    assert plan.months == 3 and plan.budget == usd(30000)


def test_a_one_off_adds_to_its_month_only() -> None:
    # 1000.00 at 0 %, min 100.00, 200.00 a month and 300.00 once in 2027-01.
    # m1 200.00 → 800.00; m2 500.00 → 300.00; m3 200.00 → 100.00; m4 100.00 → 0
    budget = PlanBudget.constant(usd(20000))
    budget = replace(budget, one_offs=(OneOff("Bonus", 2, usd(30000)),))
    plan = simulate_payoff([loan("L", 100000, 0, 10000)], [], budget, TODAY)
    assert payments(plan) == [{"L": 20000}, {"L": 50000}, {"L": 20000}, {"L": 10000}]
    assert plan.total_paid == usd(100000)


# ---------------------------------------------------------------------------- earmarked one-offs


def earmarked(amount: int, loan_name: str, month: int = 1) -> PlanBudget:
    return PlanBudget(((1, usd(15000)),), (OneOff("Gift", month, usd(amount), loan_name),))


TWO = [loan("High", 100000, 24, 5000), loan("Low", 50000, 6, 5000)]


def test_an_earmarked_one_off_goes_to_its_loan_first() -> None:
    # High 1000.00 at 24 %, Low 500.00 at 6 %, minimums 50.00, budget 150.00; 200.00 for Low.
    # m1: High 1000 + 20.00 = 1020.00 − 50 = 970.00; Low 500 + 2.50 = 502.50 − 50 = 452.50;
    #   the 200.00 to Low → 252.50; the 50.00 left by avalanche to High → 920.00
    plan = simulate_payoff(TWO, [], earmarked(20000, "Low"), TODAY)
    assert payments(plan)[0] == {"High": 10000, "Low": 25000}
    assert balances(plan)[0] == {"High": 92000, "Low": 25250}


def test_what_the_earmarked_loan_does_not_need_joins_the_remainder() -> None:
    # 1000.00 for Low: it takes the 452.50 it still owes after its minimum; the 547.50 left
    # joins the 50.00 remainder: High 970.00 − 597.50 = 372.50
    plan = simulate_payoff(TWO, [], earmarked(100000, "Low"), TODAY)
    assert payments(plan)[0] == {"High": 64750, "Low": 50250}
    assert balances(plan)[0] == {"High": 37250, "Low": 0}
    # earmarked for a loan that is not open: all of it joins the remainder → High 720.00
    plan = simulate_payoff(TWO, [], earmarked(20000, "Gone"), TODAY)
    assert payments(plan)[0] == {"High": 30000, "Low": 5000}


def test_earmarked_money_does_not_count_towards_the_minimums() -> None:
    # Minimums 100.00 against a budget of 90.00: short by 10.00, whatever is earmarked.
    budget = PlanBudget(((1, usd(9000)),), (OneOff("Gift", 1, usd(100000), "Low"),))
    plan = simulate_payoff(TWO, [], budget, TODAY)
    assert not plan.feasible and plan.shortfall == usd(1000) and plan.short_from == "2026-12"


def test_an_earmarked_one_off_clears_arrears() -> None:
    # The overdue card (arrears 150.00) with a budget of its minimum and 200.00 earmarked in m1:
    # m1: 1020.00, fee → arrears 175.00, minimum → 995.00; the 200.00 → 795.00, arrears 0
    # m2: caught up: 12 %, 795.00 × 1 % = 7.95, no late fee
    budget = PlanBudget(((1, usd(5000)),), (OneOff("Gift", 1, usd(20000), "Card"),))
    plan = simulate_payoff([overdue_card()], [], budget, TODAY, max_months=2)
    assert payments(plan) == [{"Card": 25000}, {"Card": 5000}]
    assert arrears(plan) == [{"Card": 0}, {}]
    assert interests(plan) == [{"Card": 2000}, {"Card": 795}]
    assert fees(plan) == [{"Card": 2500}, {}]


# ---------------------------------------------------------------------------- infeasible later


def test_infeasible_in_the_month_the_budget_falls_below_the_minimums() -> None:
    # 2000.00 at 0 %, min 100.00. Salary 2000.00; Overtime 240.00 until 2027-02-15; expenses
    # 1940.00: 300.00 a month in Dec–Feb, 60.00 from March. Dec–Feb pay 900.00 → 1100.00 left,
    # then March's minimum 100.00 is 40.00 more than its 60.00.
    h = household(
        income("Salary", 200000), income("Overtime", 24000, end=date(2027, 2, 15)), spent=194000
    )
    plan = simulate_payoff([loan("L", 200000, 0, 10000)], [], plan_budget(h, TODAY), TODAY)
    assert not plan.feasible and not plan.pays_off
    assert (plan.shortfall, plan.short_from, plan.short_minimums) == (
        usd(4000),
        "2027-03",
        usd(10000),
    )
    assert plan.month_one_minimums == usd(10000)
    assert plan.budget == usd(30000)  # month 1's
    assert plan.months is None and plan.debt_free is None and plan.schedule == ()
    # A 40.00 one-off in March covers March (1000.00 left), and then April is short;
    # earmarked for the loan it would not count towards March's minimum.
    refund = income("Refund", 4000, Frequency.ONE_OFF, start=date(2027, 3, 10))
    covered = replace(h, income=(*h.income, refund))
    plan = simulate_payoff([loan("L", 200000, 0, 10000)], [], plan_budget(covered, TODAY), TODAY)
    assert not plan.feasible and (plan.short_from, plan.shortfall) == ("2027-04", usd(4000))
    earmark = replace(refund, for_loan="L")
    marked = replace(h, income=(*h.income, earmark))
    plan = simulate_payoff([loan("L", 200000, 0, 10000)], [], plan_budget(marked, TODAY), TODAY)
    assert not plan.feasible and plan.short_from == "2027-03"


def test_a_month_with_no_institutional_loan_open_is_never_infeasible() -> None:
    # L 250.00 is cleared in month 1; Mum gets 250.00 of her 500.00 in month 2; from month 3
    # the budget is −50.00: nothing to pay an institution, so not infeasible, just no money.
    h = household(income("Pay", 30000, end=date(2027, 1, 31)), spent=5000)
    budget = plan_budget(h, TODAY)
    assert budget.recurring == ((1, usd(25000)), (3, usd(-5000)))
    plan = simulate_payoff([loan("L", 25000, 0, 10000)], [family("Mum", 50000)], budget, TODAY)
    assert plan.feasible and plan.months is None
    assert payments(plan)[:3] == [{"L": 25000}, {"Mum": 25000}, {}]
    assert simulate_payoff([], [family("Mum", 50000)], usd(-100), TODAY).feasible


# ---------------------------------------------------------------------------- minimum-only baseline


def test_minimum_only_baseline_by_hand() -> None:
    # Card 200.00, 24 % while behind, min 60.00, late fee 10.00, arrears entered 60.00.
    # m1: 200.00 + 4.00 = 204.00; fee → arrears 70.00; 60.00: 10.00 fee + 50.00 → 154.00
    # m2: + 3.08 = 157.08; arrears 80.00; → 107.08
    # m3: + 2.1416 → 2.14 = 109.22; arrears 90.00; → 59.22, arrears capped at 59.22
    # m4: + 1.1844 → 1.18 = 60.40; fee → 70.40 owed; 60.00 → 10.40 (arrears 10.40)
    # m5: + 0.208 → 0.21 = 10.61; fee → 20.61 owed, paid in full: current only when paid off
    # Interest 4.00 + 3.08 + 2.14 + 1.18 + 0.21 = 10.61; fees 5 × 10.00 = 50.00
    card = overdue_card(balance=20000, minimum=6000, late_fee=1000, arrears=usd(6000))
    baseline = simulate_minimum_only([card], TODAY, "USD")
    assert (baseline.months, baseline.debt_free) == (5, "2027-04")
    assert (baseline.total_interest, baseline.total_fees) == (usd(1061), usd(5000))
    (outcome,) = baseline.debts
    assert outcome.payoff_month == outcome.caught_up_month == 5
    assert outcome.paid == usd(20000 + 1061 + 5000)


def test_paying_only_the_minimum_never_brings_an_overdue_card_current() -> None:
    # Card 1000.00 at 24 % while behind, min 45.00, late fee 25.00: each month 20.00 interest
    # and 25.00 fee eat the whole 45.00. Never paid off, never current within 600 months.
    card = overdue_card(minimum=4500)
    baseline = simulate_minimum_only([card], TODAY, "USD")
    assert baseline.months is None and baseline.debt_free is None and not baseline.pays_off
    assert baseline.total_interest == usd(600 * 2000)
    assert baseline.total_fees == usd(600 * 2500)
    (outcome,) = baseline.debts
    assert outcome.caught_up_month is None and outcome.payoff_month is None
    # The plan with 210.00 a month catches up in month 1 (arrears 2 × 70.00 + 25.00 = 165.00
    # after the minimum) and pays it off.
    plan = simulate_payoff([card], [], usd(21000), TODAY)
    planned = plan.debt("Card")
    assert planned is not None and planned.caught_up_month == 1 and plan.pays_off


def test_minimum_only_baseline_ignores_family_and_nothing_owed_is_this_month() -> None:
    baseline = simulate_minimum_only([], TODAY, "USD")
    assert (baseline.months, baseline.debt_free) == (0, "2026-11")
    assert baseline.total_interest == baseline.total_fees == usd(0)
    # two current loans at 0 %: 300.00 at 100.00 a month, 50.00 at 100.00 (capped: 50.00)
    baseline = simulate_minimum_only(
        [loan("A", 30000, 0, 10000), loan("B", 5000, 0, 10000)], TODAY, "USD"
    )
    assert baseline.months == 3
    assert [d.payoff_month for d in baseline.debts] == [3, 1]


# ---------------------------------------------------------------------------- the README example


def test_readme_example_first_four_months_by_hand() -> None:
    # Today 2026-12-01, month 1 = 2027-01. Budget 300.00 (2000 − 1700), 600.00 from 2027-03
    # (Tutoring). Card 3000.00 at 18 %, 30 % while behind, min 90.00, fee 25.00, arrears 230.00.
    # Platform 1200.00 at 24 %, 0 % until 2027-02-28, min 100.00. Bonus 400.00 in 2027-01 for Card.
    # m1 2027-01: Card behind: 3000.00 × 2.5 % = 75.00 → 3075.00; fee 25.00 → arrears 255.00;
    #   Platform 0 %. Minimums 90.00 + 100.00 = 190.00 ≤ 300.00: Card 3010.00 (fee paid first),
    #   Platform 1100.00. The Bonus to Card → 2610.00, arrears 0. Avalanche (Card 30 % > 0 %):
    #   the 110.00 left → Card 2500.00. Card has caught up.
    # m2 2027-02: Card 18 %: 2500.00 × 1.5 % = 37.50 → 2537.50; Platform 0 %. 190.00 of
    #   minimums; 110.00 to Card (18 % > 0 %) → Card 2337.50, Platform 1000.00
    # m3 2027-03: budget 600.00. Card 2337.50 × 1.5 % = 35.0625 → 35.06 → 2372.56 − 90.00 =
    #   2282.56; Platform 24 %: 1000.00 × 2 % = 20.00 → 1020.00 − 100.00 = 920.00; the 410.00
    #   left to Platform (24 % > 18 %) → 510.00
    # m4 2027-04: Card 2282.56 × 1.5 % = 34.2384 → 34.24 → 2316.80 − 90.00 = 2226.80;
    #   Platform 510.00 × 2 % = 10.20 → 520.20 − 100.00 − 410.00 = 10.20
    h = three_loan_overdue_example()
    budget = plan_budget(h, OVERDUE_EXAMPLE_TODAY)
    assert budget.recurring == ((1, usd(30000)), (3, usd(60000)))
    assert budget.one_offs == (OneOff("Bonus", 1, usd(40000), "Card"),)
    card = h.loan("Card")
    assert card is not None and loan_arrears(card, OVERDUE_EXAMPLE_TODAY) == usd(23000)
    plan = simulate_payoff(h.loans, h.family_loans, budget, OVERDUE_EXAMPLE_TODAY)
    assert [m.date for m in plan.schedule[:4]] == ["2027-01", "2027-02", "2027-03", "2027-04"]
    assert payments(plan)[:4] == [
        {"Card": 60000, "Platform": 10000},
        {"Card": 20000, "Platform": 10000},
        {"Card": 9000, "Platform": 51000},
        {"Card": 9000, "Platform": 51000},
    ]
    assert interests(plan)[:4] == [
        {"Card": 7500},
        {"Card": 3750},
        {"Card": 3506, "Platform": 2000},
        {"Card": 3424, "Platform": 1020},
    ]
    assert fees(plan)[:4] == [{"Card": 2500}, {}, {}, {}]
    assert arrears(plan)[:4] == [{"Card": 0}, {}, {}, {}]
    assert balances(plan)[:4] == [
        {"Card": 250000, "Platform": 110000},
        {"Card": 233750, "Platform": 100000},
        {"Card": 228256, "Platform": 51000},
        {"Card": 222680, "Platform": 1020},
    ]
    outcome = plan.debt("Card")
    assert outcome is not None
    assert (outcome.caught_up_month, outcome.caught_up_date, outcome.fees) == (
        1,
        "2027-01",
        usd(2500),
    )
    assert plan.total_fees == usd(2500)
    assert plan.total_paid == usd(300000 + 120000) + plan.total_interest + plan.total_fees
    # Only the minimums: the card's 90.00 never covers its 75.00 of interest and 25.00 fee.
    baseline = simulate_minimum_only(h.loans, OVERDUE_EXAMPLE_TODAY, "USD")
    assert baseline.months is None
    assert [(d.name, d.caught_up_month) for d in baseline.debts] == [
        ("Card", None),
        ("Platform", None),
    ]


def test_plan_money_stays_in_the_budget_currency() -> None:
    item = replace(
        overdue_card(),
        balance=Money(100000, "CNY"),
        min_payment=Money(5000, "CNY"),
        late_fee=Money(2500, "CNY"),
    )
    plan = simulate_payoff([item], [], Money(20000, "CNY"), TODAY)
    assert plan.total_fees.currency == "CNY"
    assert all(v.currency == "CNY" for m in plan.schedule for v in m.fees.values())
