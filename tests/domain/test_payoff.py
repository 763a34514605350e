"""The payoff simulation, checked to the cent against numbers worked out by hand.

Every plan below starts "today" = 2026-11-15, so month 1 is 2026-12 (convention 7).
Amounts are in cents: 100000 = 1000.00.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st
from msgspec.structs import replace

from debtcoach.domain.models import (
    Loan,
    LoanKind,
    LoanStatus,
    ProposalState,
    RestructureMode,
    Strategy,
)
from debtcoach.domain.money import Money, round_half_up
from debtcoach.domain.payoff import (
    MAX_MONTHS,
    PayoffPlan,
    PlanInputError,
    monthly_interest,
    simulate_payoff,
    validate_custom_order,
)

from .builders import TODAY, balances, family, interests, loan, payments, restructured, usd

# ---------------------------------------------------------------------------- monthly interest


@pytest.mark.parametrize(
    ("balance", "apr", "interest"),
    [
        (500000, "18", 7500),  # 5000.00 × 18 / 12 / 100 = 75.00
        (100000, "24", 2000),  # 1000.00 × 2 % = 20.00
        (33340, "24", 667),  # 333.40 × 2 % = 6.668 → 6.67
        (40955, "12", 410),  # 409.55 × 1 % = 4.0955 → 4.10
        (1250, "12", 13),  # 12.50 × 1 % = 0.125 → exactly half a cent → 0.13 (half-up)
        (1249, "12", 12),  # 0.1249 → 0.12
        (1150, "12", 12),  # 0.115 → 0.12 (half-even would give 0.12 too) …
        (1050, "12", 11),  # … but 0.105 → 0.11 where half-even gives 0.10
        (100000, "19.99", 1666),  # 1000 × 19.99 / 1200 = 16.658333… → 16.66
        (100000, "0", 0),
        (0, "24", 0),
        (-100, "24", 0),  # nothing owed, nothing charged
    ],
)
def test_monthly_interest(balance: int, apr: str, interest: int) -> None:
    assert monthly_interest(balance, Decimal(apr)) == interest


@given(
    balance=st.one_of(st.integers(1, 10**9), st.integers(1, 10**60)),
    apr=st.decimals(min_value=0, max_value=1000, places=6, allow_nan=False),
)
def test_monthly_interest_is_the_decimal_rounding_at_any_balance(
    balance: int, apr: Decimal
) -> None:
    """Exact integers give the cents that Decimal arithmetic wide enough to be exact gives."""
    with localcontext() as ctx:
        ctx.prec = len(str(balance)) + 40
        expected = round_half_up(Decimal(balance) * apr / 1200)
    assert monthly_interest(balance, apr) == expected


# ---------------------------------------------------------------------------- the full small plan
#
# Visa: credit card, 1000.00 at 24 % (2 %/month), minimum 100.00
# Car:  car loan,     500.00 at 12 % (1 %/month), minimum  50.00
# Mom:  family,       300.00 at 0 %, promised 2027-06-30
# Budget 400.00 a month.


def small_plan(strategy: Strategy) -> PayoffPlan:
    return simulate_payoff(
        [
            loan("Visa", 100000, 24, 10000, kind=LoanKind.CREDIT_CARD),
            loan("Car", 50000, 12, 5000, kind=LoanKind.CAR),
        ],
        [family("Mom", 30000, promised=date(2027, 6, 30))],
        usd(40000),
        TODAY,
        strategy,
    )


def test_full_small_plan_avalanche_by_hand() -> None:
    plan = small_plan(Strategy.AVALANCHE)
    # Month 1 (2026-12):
    #   interest Visa 1000.00 × 2 % = 20.00 → 1020.00; Car 500.00 × 1 % = 5.00 → 505.00
    #   minimums 100 + 50 = 150 ≤ 400 → feasible; Visa 920.00, Car 455.00; 250.00 left
    #   avalanche: Visa (24 %) first → Visa 670.00.  Paid: Visa 350.00, Car 50.00
    # Month 2 (2027-01):
    #   Visa 670.00 × 2 % = 13.40 → 683.40; Car 455.00 × 1 % = 4.55 → 459.55
    #   minimums → Visa 583.40, Car 409.55; 250.00 to Visa → 333.40
    # Month 3 (2027-02):
    #   Visa 333.40 × 2 % = 6.668 → 6.67 → 340.07; Car 409.55 × 1 % = 4.0955 → 4.10 → 413.65
    #   minimums → Visa 240.07, Car 363.65; 250.00 left: Visa takes 240.07 → 0 (paid off),
    #   the 9.93 still left goes to Car → 353.72.  Paid: Visa 340.07, Car 59.93
    # Month 4 (2027-03):
    #   Car 353.72 × 1 % = 3.5372 → 3.54 → 357.26; Visa's freed minimum rolls over: the whole
    #   400.00 is available; Car takes 357.26 → 0 (last institutional loan cleared), and that
    #   month's remainder 42.74 goes to Mom → 257.26
    # Month 5 (2027-04): Mom takes 257.26 → 0. Debt-free.
    assert plan.feasible and plan.pays_off
    assert plan.shortfall is None
    assert plan.months == 5
    assert plan.debt_free == "2027-04"
    assert [m.date for m in plan.schedule] == [
        "2026-12",
        "2027-01",
        "2027-02",
        "2027-03",
        "2027-04",
    ]
    assert [m.month for m in plan.schedule] == [1, 2, 3, 4, 5]
    assert payments(plan) == [
        {"Visa": 35000, "Car": 5000},
        {"Visa": 35000, "Car": 5000},
        {"Visa": 34007, "Car": 5993},
        {"Car": 35726, "Mom": 4274},
        {"Mom": 25726},
    ]
    assert balances(plan) == [
        {"Visa": 67000, "Car": 45500, "Mom": 30000},
        {"Visa": 33340, "Car": 40955, "Mom": 30000},
        {"Visa": 0, "Car": 35372, "Mom": 30000},
        {"Visa": 0, "Car": 0, "Mom": 25726},
        {"Visa": 0, "Car": 0, "Mom": 0},
    ]
    assert interests(plan) == [
        {"Visa": 2000, "Car": 500},
        {"Visa": 1340, "Car": 455},
        {"Visa": 667, "Car": 410},
        {"Car": 354},
        {},
    ]
    # Interest: Visa 20.00 + 13.40 + 6.67 = 40.07; Car 5.00 + 4.55 + 4.10 + 3.54 = 17.19
    assert plan.total_interest == usd(5726)
    # Paid: 1000 + 500 + 300 + 57.26 = 1857.26
    assert plan.total_paid == usd(185726)
    assert plan.month_one_minimums == usd(15000)
    visa, car, mom = plan.debt("Visa"), plan.debt("Car"), plan.debt("Mom", family=True)
    assert visa is not None and car is not None and mom is not None
    assert (visa.payoff_month, visa.payoff_date, visa.interest, visa.paid) == (
        3,
        "2027-02",
        usd(4007),
        usd(104007),
    )
    assert (car.payoff_month, car.payoff_date, car.interest, car.paid) == (
        4,
        "2027-03",
        usd(1719),
        usd(51719),
    )
    assert (mom.payoff_month, mom.payoff_date, mom.paid, mom.family) == (
        5,
        "2027-04",
        usd(30000),
        True,
    )
    assert not mom.at_risk  # repaid in 2027-04, promised 2027-06-30
    assert plan.debt("Mom") is None  # family debts are looked up as family
    assert [m.minor for m in plan.total_balance_by_month()] == [142500, 104295, 65372, 25726, 0]


def test_full_small_plan_snowball_by_hand() -> None:
    plan = small_plan(Strategy.SNOWBALL)
    # Month 1: same interest and minimums as avalanche (Visa 920.00, Car 455.00); snowball sends
    #   the 250.00 to the smaller balance, Car → 205.00.  Paid: Visa 100.00, Car 300.00
    # Month 2: Visa 920.00 × 2 % = 18.40 → 938.40 − 100 → 838.40;
    #   Car 205.00 × 1 % = 2.05 → 207.05 − 50 → 157.05; 250.00 left: Car 157.05 → 0,
    #   the 92.95 left goes to Visa → 745.45.  Paid: Visa 192.95, Car 207.05
    # Month 3: Visa 745.45 × 2 % = 14.909 → 14.91 → 760.36; all 400.00 to Visa → 360.36
    # Month 4: Visa 360.36 × 2 % = 7.2072 → 7.21 → 367.57 → paid off; the remainder
    #   400.00 − 367.57 = 32.43 goes to Mom → 267.57
    # Month 5: Mom 267.57 → 0.
    assert plan.months == 5
    assert plan.debt_free == "2027-04"
    assert payments(plan) == [
        {"Visa": 10000, "Car": 30000},
        {"Visa": 19295, "Car": 20705},
        {"Visa": 40000},
        {"Visa": 36757, "Mom": 3243},
        {"Mom": 26757},
    ]
    assert balances(plan) == [
        {"Visa": 92000, "Car": 20500, "Mom": 30000},
        {"Visa": 74545, "Car": 0, "Mom": 30000},
        {"Visa": 36036, "Car": 0, "Mom": 30000},
        {"Visa": 0, "Car": 0, "Mom": 26757},
        {"Visa": 0, "Car": 0, "Mom": 0},
    ]
    # Interest: Visa 20.00 + 18.40 + 14.91 + 7.21 = 60.52; Car 5.00 + 2.05 = 7.05 → 67.57
    assert plan.total_interest == usd(6757)
    assert plan.total_paid == usd(186757)
    car = plan.debt("Car")
    assert car is not None and (car.payoff_month, car.paid) == (2, usd(50705))
    # Avalanche is cheaper here: 57.26 < 67.57
    assert small_plan(Strategy.AVALANCHE).total_interest < plan.total_interest


def test_custom_order_sends_extra_to_the_users_first_choice() -> None:
    plan = simulate_payoff(
        [loan("Visa", 100000, 24, 10000), loan("Car", 50000, 12, 5000)],
        [],
        usd(40000),
        TODAY,
        Strategy.CUSTOM,
        ["Car", "Visa"],
    )
    # Month 1: after interest and minimums Visa 920.00, Car 455.00; the 250.00 goes to Car
    assert payments(plan)[0] == {"Visa": 10000, "Car": 30000}
    assert plan.strategy == Strategy.CUSTOM


# ---------------------------------------------------------------------------- ordering


def first_month_payments(loans: list[Loan], strategy: Strategy, budget: int) -> dict[str, int]:
    return payments(simulate_payoff(loans, [], usd(budget), TODAY, strategy))[0]


def test_avalanche_highest_rate_first() -> None:
    # Low 1000.00 at 5 %: +4.17 (4.1666…); High 5000.00 at 20 %: +83.33 (83.333…)
    # minimums 10 + 10, budget 120 → 100.00 extra to High
    loans = [loan("Low", 100000, 5, 1000), loan("High", 500000, 20, 1000)]
    assert first_month_payments(loans, Strategy.AVALANCHE, 12000) == {"Low": 1000, "High": 11000}
    # snowball prefers the smaller balance instead
    assert first_month_payments(loans, Strategy.SNOWBALL, 12000) == {"Low": 11000, "High": 1000}


def test_avalanche_tie_on_rate_goes_to_smaller_balance_then_name() -> None:
    # Same 10 %: Bravo 1000.00 (+8.33 − 10 → 998.33) is smaller than Alpha 2000.00 (→ 2006.67)
    loans = [loan("Alpha", 200000, 10, 1000), loan("Bravo", 100000, 10, 1000)]
    assert first_month_payments(loans, Strategy.AVALANCHE, 12000) == {"Alpha": 1000, "Bravo": 11000}
    # Same rate and balance: by name, Alpha before Bravo (input order must not matter)
    loans = [loan("Bravo", 100000, 10, 1000), loan("Alpha", 100000, 10, 1000)]
    assert first_month_payments(loans, Strategy.AVALANCHE, 12000) == {"Alpha": 11000, "Bravo": 1000}


def test_snowball_tie_on_balance_goes_to_higher_rate_then_name() -> None:
    # X 1000.00 at 12 %: +10.00 − min 20.00 → 990.00
    # Y 1000.00 at 24 %: +20.00 − min 30.00 → 990.00   tie on balance → higher rate (Y) first
    loans = [loan("X", 100000, 12, 2000), loan("Y", 100000, 24, 3000)]
    assert first_month_payments(loans, Strategy.SNOWBALL, 15000) == {"X": 2000, "Y": 13000}
    # Same balance and rate: by name
    loans = [loan("Zed", 100000, 12, 2000), loan("Ann", 100000, 12, 2000)]
    assert first_month_payments(loans, Strategy.SNOWBALL, 15000) == {"Zed": 2000, "Ann": 13000}


def test_order_uses_balances_after_this_months_minimums() -> None:
    # Reading chosen for "re-evaluated every month on current balances": the balances at the
    # moment the extra is shared out (after interest and minimums).
    # A 300.00 with minimum 200.00 → 100.00; B 200.00 with minimum 10.00 → 190.00 (0 %)
    # → A is now the smaller one and gets the 50.00 extra (budget 260.00).
    loans = [loan("A", 30000, 0, 20000), loan("B", 20000, 0, 1000)]
    assert first_month_payments(loans, Strategy.SNOWBALL, 26000) == {"A": 25000, "B": 1000}


def test_avalanche_rate_tie_follows_the_smaller_balance_month_by_month() -> None:
    # Both 0 %, so every month the tie on rate is broken by the current smaller balance.
    # P 100.00 min 0, Q 80.00 min 0, budget 30.00:
    # m1: Q smaller → Q 50.00; m2: Q 50 smaller → 20.00; m3: Q 20 → 0, 10.00 left → P 90.00;
    # m4: P 60.00; m5: 30.00; m6: 0.
    plan = simulate_payoff(
        [loan("P", 10000, 0, 0), loan("Q", 8000, 0, 0)], [], usd(3000), TODAY, Strategy.AVALANCHE
    )
    assert payments(plan) == [
        {"Q": 3000},
        {"Q": 3000},
        {"Q": 2000, "P": 1000},
        {"P": 3000},
        {"P": 3000},
        {"P": 3000},
    ]
    assert plan.months == 6 and plan.debt_free == "2027-05"


# ---------------------------------------------------------------------------- rates in force


def test_penalty_apr_applies_to_an_overdue_loan() -> None:
    # 1000.00 at 12 % normally (10.00 a month) but 36 % once overdue (30.00 a month)
    current = loan("L", 100000, 12, 5000, penalty_apr=Decimal(36))
    overdue = loan("L", 100000, 12, 5000, penalty_apr=Decimal(36), overdue_since=date(2026, 9, 1))
    status_only = loan("L", 100000, 12, 5000, penalty_apr=Decimal(36), status=LoanStatus.OVERDUE)
    no_penalty_given = loan("L", 100000, 12, 5000, overdue_since=date(2026, 9, 1))
    for item, charge in [(current, 1000), (overdue, 3000), (status_only, 3000)]:
        plan = simulate_payoff([item], [], usd(5000), TODAY)
        assert interests(plan)[0] == {"L": charge}
    # penalty_apr defaults to apr
    plan = simulate_payoff([no_penalty_given], [], usd(5000), TODAY)
    assert interests(plan)[0] == {"L": 1000}


def test_restructured_overdue_loan_uses_agreed_terms_not_the_penalty() -> None:
    base = loan("L", 100000, 12, 5000, penalty_apr=Decimal(36), overdue_since=date(2026, 9, 1))
    agreed, _ = restructured(base, 3)
    plan = simulate_payoff([agreed], [], usd(50000), TODAY, Strategy.CUSTOM, ["L"])
    assert interests(plan)[0] == {"L": 1000}  # 12 %, not 36 %
    # a merely proposed restructure changes nothing: penalty rate and the old minimum
    proposed, _ = restructured(base, 3, state=ProposalState.PROPOSED)
    plan = simulate_payoff([proposed], [], usd(5000), TODAY)
    assert interests(plan)[0] == {"L": 3000}
    assert payments(plan)[0] == {"L": 5000}


# ---------------------------------------------------------------------------- restructured loans


def test_restructured_annuity_pays_its_installments_and_clears_exactly() -> None:
    # 1000.00 at 12 %, 3 installments: r = 0.01, P = 10.00 / (1 − 1.01^−3)
    #   1.01^3 = 1.030301; 1.01^−3 = 0.97059015; 1 − that = 0.02940985; 10 / 0.02940985
    #   = 340.0221… → P = 340.02
    # m1: 1000.00 + 10.00 = 1010.00 − 340.02 = 669.98
    # m2: + 6.6998 → 6.70 = 676.68 − 340.02 = 336.66
    # m3: + 3.3666 → 3.37 = 340.03: the last installment absorbs the rounding
    base = loan("Loan", 100000, 12, 15000)
    agreed, quote = restructured(base, 3)
    assert (quote.installment, quote.last_installment, quote.total_paid) == (
        usd(34002),
        usd(34003),
        usd(102007),
    )
    # A second loan listed first takes any extra, so the restructured loan gets exactly its
    # installments. Budget: 340.02 + 10.00 + the 0.01 the last installment needs more.
    other = loan("Other", 1000000, 0, 1000)
    plan = simulate_payoff(
        [agreed, other], [], usd(34002 + 1000 + 1), TODAY, Strategy.CUSTOM, ["Other", "Loan"]
    )
    assert [p["Loan"] for p in payments(plan)[:3]] == [34002, 34002, 34003]
    assert [b["Loan"] for b in balances(plan)[:3]] == [66998, 33666, 0]
    assert [i["Loan"] for i in interests(plan)[:3]] == [1000, 670, 337]
    outcome = plan.debt("Loan")
    assert outcome is not None
    assert outcome.payoff_month == 3  # was 4 before the fix: 0.01 was left over for month 4
    assert outcome.paid == quote.total_paid
    assert outcome.interest == quote.cost


@pytest.mark.parametrize(
    ("mode", "apr", "fee_rate", "installment", "last", "total", "charges"),
    [
        # flat fee 0.6 % on 1000.00 over 3: fee 6.00, P = 333.333… + 6.00 = 339.33,
        # total 1000 + 3 × 6 = 1018.00, last = 1018.00 − 2 × 339.33 = 339.34
        (RestructureMode.FLAT_FEE, "18", "0.6", 33933, 33934, 101800, [600, 600, 600]),
        # annuity at 0 %: P = 1000.00 / 3 = 333.33, last 333.34
        (RestructureMode.ANNUITY, "0", "0", 33333, 33334, 100000, [0, 0, 0]),
    ],
)
def test_restructured_loan_last_installment_clears_exactly(
    mode: RestructureMode,
    apr: str,
    fee_rate: str,
    installment: int,
    last: int,
    total: int,
    charges: list[int],
) -> None:
    # Bug fixed: the plan capped every month at the regular installment, so when the last
    # installment is a cent above it, one cent was carried into a 4th month (and for the flat
    # fee a whole extra 6.00 fee was charged on it: 1024.00 paid instead of the quoted 1018.00).
    agreed, quote = restructured(loan("Card", 100000, apr, 5000), 3, mode, fee_rate)
    assert (quote.installment.minor, quote.last_installment.minor) == (installment, last)
    assert quote.total_paid.minor == total
    other = loan("Other", 1000000, 0, 1000)
    budget = installment + 1000 + (last - installment)
    plan = simulate_payoff(
        [agreed, other], [], usd(budget), TODAY, Strategy.CUSTOM, ["Other", "Card"]
    )
    assert [p.get("Card", 0) for p in payments(plan)[:4]] == [installment, installment, last, 0]
    assert [i.get("Card", 0) for i in interests(plan)[:4]] == [*charges, 0]
    outcome = plan.debt("Card")
    assert outcome is not None
    assert (outcome.payoff_month, outcome.paid) == (3, usd(total))


def test_restructured_loan_alone_with_budget_equal_to_installment() -> None:
    # 1000.00 at 18 % over 12: P = 91.68, and here the last installment (91.66) is below P,
    # so a budget of exactly P clears it in 12 months for exactly the quoted total.
    agreed, quote = restructured(loan("Card", 100000, 18, 5000, kind=LoanKind.CREDIT_CARD), 12)
    assert (quote.installment, quote.last_installment) == (usd(9168), usd(9166))
    plan = simulate_payoff([agreed], [], quote.installment, TODAY)
    assert plan.months == 12
    assert plan.total_paid == quote.total_paid == usd(110014)
    assert all(p == {"Card": 9168} for p in payments(plan)[:11])
    assert payments(plan)[11] == {"Card": 9166}


def test_restructured_installment_is_the_minimum_for_feasibility() -> None:
    # min payment 150.00 but the agreed installment is 340.02: 340.01 is not enough
    agreed, _ = restructured(loan("Loan", 100000, 12, 15000), 3)
    plan = simulate_payoff([agreed], [], usd(34001), TODAY)
    assert not plan.feasible
    assert plan.shortfall == usd(1)


# ---------------------------------------------------------------------------- infeasible


def test_infeasible_reports_shortfall_and_never_pretends() -> None:
    # minimums 100.00 + 50.00 = 150.00; budget 149.99 → short by 0.01
    loans = [loan("Visa", 100000, 24, 10000), loan("Car", 50000, 12, 5000)]
    promised = family("Mom", 30000, promised=date(2027, 6, 30))
    unpromised = family("Uncle", 10000)
    plan = simulate_payoff(loans, [promised, unpromised], usd(14999), TODAY)
    assert not plan.feasible
    assert not plan.pays_off
    assert plan.shortfall == usd(1)
    assert plan.months is None
    assert plan.debt_free is None
    assert plan.schedule == ()
    assert plan.total_paid == usd(0)
    assert plan.month_one_minimums == usd(15000)
    mom = plan.debt("Mom", family=True)
    uncle = plan.debt("Uncle", family=True)
    assert mom is not None and mom.at_risk  # a promise the plan cannot reach
    assert uncle is not None and not uncle.at_risk
    # one cent more and it is feasible
    assert simulate_payoff(loans, [], usd(15000), TODAY).feasible


def test_infeasible_uses_month_one_minimums_capped_after_interest() -> None:
    # Tiny: 30.00 at 12 % → 30.30 in month 1, minimum 50.00 capped at 30.30;
    # Visa minimum 100.00 → month-1 minimums 130.30
    loans = [loan("Visa", 100000, 24, 10000), loan("Tiny", 3000, 12, 5000)]
    plan = simulate_payoff(loans, [], usd(13029), TODAY)
    assert not plan.feasible and plan.shortfall == usd(1)
    plan = simulate_payoff(loans, [], usd(13030), TODAY)
    assert plan.feasible
    assert payments(plan)[0] == {"Visa": 10000, "Tiny": 3030}
    assert plan.month_one_minimums == usd(13030)


def test_negative_budget_is_infeasible_by_the_whole_gap() -> None:
    plan = simulate_payoff([loan("L", 100000, 0, 5000)], [], usd(-2000), TODAY)
    assert not plan.feasible
    assert plan.shortfall == usd(7000)  # 50.00 − (−20.00)


# ---------------------------------------------------------------------------- never pays off


def test_never_pays_off_within_600_months() -> None:
    # 10000.00 at 24 %: 200.00 interest a month; paying 200.00 never reduces the balance
    plan = simulate_payoff([loan("L", 1000000, 24, 15000)], [], usd(20000), TODAY)
    assert plan.feasible
    assert not plan.pays_off
    assert plan.months is None
    assert plan.debt_free is None
    assert len(plan.schedule) == MAX_MONTHS == 600
    assert plan.schedule[-1].date == "2076-11"  # month 600 = 2026-12 + 599 months
    assert plan.schedule[-1].balances == {"L": usd(1000000)}
    assert plan.total_interest == usd(600 * 20000)
    outcome = plan.debt("L")
    assert outcome is not None and outcome.payoff_month is None and outcome.payoff_date is None


def test_pays_off_in_month_600_is_still_a_plan() -> None:
    # 0 %: 600.00 at 1.00 a month takes exactly 600 months
    plan = simulate_payoff([loan("L", 60000, 0, 100)], [], usd(100), TODAY)
    assert plan.months == 600
    assert plan.debt_free == "2076-11"
    # one cent more owed and it no longer pays off within the horizon
    plan = simulate_payoff([loan("L", 60001, 0, 100)], [], usd(100), TODAY)
    assert plan.months is None


# ---------------------------------------------------------------------------- the start month


def test_month_one_is_the_calendar_month_after_today() -> None:
    plan = simulate_payoff([loan("L", 20000, 0, 10000)], [], usd(10000), date(2026, 12, 31))
    assert [m.date for m in plan.schedule] == ["2027-01", "2027-02"]
    assert plan.debt_free == "2027-02"
    plan = simulate_payoff([loan("L", 20000, 0, 10000)], [], usd(10000), date(2026, 1, 31))
    assert [m.date for m in plan.schedule] == ["2026-02", "2026-03"]


def test_zero_balance_and_paid_off_loans_are_ignored() -> None:
    loans = [
        loan("Live", 10000, 0, 5000),
        loan("Zero", 0, 24, 99999),  # would make the plan infeasible if it counted
        loan("Done", 50000, 24, 99999, status=LoanStatus.PAID_OFF),
    ]
    plan = simulate_payoff(loans, [family("Nobody", 0)], usd(5000), TODAY)
    assert plan.feasible and plan.months == 2
    assert [d.name for d in plan.debts] == ["Live"]
    assert all(set(b) == {"Live"} for b in balances(plan))


def test_nothing_owed_is_debt_free_this_month() -> None:
    plan = simulate_payoff([], [], usd(0), TODAY)
    assert plan.feasible and plan.months == 0
    assert plan.debt_free == "2026-11"
    assert plan.schedule == ()


def test_minimum_is_capped_at_the_balance_and_freed_minimum_rolls_over() -> None:
    # Small 30.00 at 0 % with minimum 50.00 is paid 30.00 only; Big 1000.00 at 0 %, min 10.00.
    # Budget 100.00 snowball: m1 Small 30.00 (cleared), Big 10.00 + 60.00 = 70.00 → 930.00
    # m2: Small's minimum has rolled over: Big gets all 100.00 → 830.00
    plan = simulate_payoff(
        [loan("Small", 3000, 0, 5000), loan("Big", 100000, 0, 1000)],
        [],
        usd(10000),
        TODAY,
        Strategy.SNOWBALL,
    )
    assert payments(plan)[:2] == [{"Small": 3000, "Big": 7000}, {"Big": 10000}]
    assert balances(plan)[1] == {"Small": 0, "Big": 83000}


# ---------------------------------------------------------------------------- family loans


def test_family_waits_for_institutions_then_gets_that_months_remainder() -> None:
    # X 100.00 at 0 %, minimum 10.00; budget 60.00; Fam 1000.00 at 12 % (1 % a month)
    # m1: Fam accrues 10.00 → 1010.00 (it has a rate); X takes all 60.00 → 40.00; Fam nothing
    # m2: Fam 1010.00 × 1 % = 10.10 → 1020.10; X 40.00 → 0 (cleared this month);
    #     the remainder 20.00 goes to Fam → 1000.10
    # m3: Fam 1000.10 × 1 % = 10.001 → 10.00 → 1010.10; full budget 60.00 → 950.10
    plan = simulate_payoff(
        [loan("X", 10000, 0, 1000)], [family("Fam", 100000, apr=12)], usd(6000), TODAY
    )
    assert payments(plan)[:3] == [{"X": 6000}, {"X": 4000, "Fam": 2000}, {"Fam": 6000}]
    assert interests(plan)[:3] == [{"Fam": 1000}, {"Fam": 1010}, {"Fam": 1000}]
    assert [b["Fam"] for b in balances(plan)[:3]] == [101000, 100010, 95010]
    fam = plan.debt("Fam", family=True)
    assert fam is not None and fam.family and fam.payoff_month is not None
    assert fam.paid == fam.start_balance + fam.interest


def test_family_without_rate_accrues_nothing() -> None:
    plan = simulate_payoff([], [family("Mom", 25000)], usd(10000), TODAY)
    assert payments(plan) == [{"Mom": 10000}, {"Mom": 10000}, {"Mom": 5000}]
    assert plan.total_interest == usd(0)


def test_family_order_promised_date_then_balance_then_name() -> None:
    # Budget 100.00, no institutional loans, nobody charges interest.
    # Order: Dee (promised 2026-12-31), then Cat and Ann (both 2027-01-01: smaller balance
    # first → Cat 300 before Ann 500), then the ones without a promise: Aunt and Bob (both
    # 100.00 → by name).  Dee 10 months (1–10), Cat 3 (11–13), Ann 5 (14–18), Aunt 19, Bob 20.
    relatives = [
        family("Bob", 10000),
        family("Ann", 50000, promised=date(2027, 1, 1)),
        family("Aunt", 10000),
        family("Cat", 30000, promised=date(2027, 1, 1)),
        family("Dee", 100000, promised=date(2026, 12, 31)),
    ]
    plan = simulate_payoff([], relatives, usd(10000), TODAY)
    assert plan.months == 20
    payoff = {d.name: d.payoff_month for d in plan.debts}
    assert payoff == {"Dee": 10, "Cat": 13, "Ann": 18, "Aunt": 19, "Bob": 20}
    assert payments(plan)[10] == {"Cat": 10000}  # month 11
    risk = {d.name: d.at_risk for d in plan.debts}
    # Dee repaid 2027-09 > 2026-12-31; Cat 2027-12 and Ann 2028-05 after 2027-01-01;
    # no promise, no risk.
    assert risk == {"Dee": True, "Cat": True, "Ann": True, "Aunt": False, "Bob": False}


def test_promise_at_risk_only_when_the_payoff_month_ends_after_it() -> None:
    # Reading: a family loan repaid in month M keeps its promise if the promise is on/after the
    # last day of M (the plan does not say on which day of M the money goes out).
    # Mom 100.00, budget 100.00 → repaid in month 1 = 2026-12.
    for promised, at_risk in [
        (date(2026, 12, 31), False),
        (date(2027, 3, 1), False),
        (date(2026, 12, 30), True),
        (date(2026, 11, 30), True),
    ]:
        plan = simulate_payoff([], [family("Mom", 10000, promised=promised)], usd(10000), TODAY)
        mom = plan.debt("Mom", family=True)
        assert mom is not None and mom.at_risk is at_risk, promised


def test_promise_never_reached_is_at_risk() -> None:
    # the institutional loan never clears, so the family loan is never reached
    plan = simulate_payoff(
        [loan("L", 1000000, 24, 20000)],
        [family("Mom", 10000, promised=date(2090, 1, 1)), family("Dad", 10000)],
        usd(20000),
        TODAY,
    )
    assert plan.months is None
    mom, dad = plan.debt("Mom", family=True), plan.debt("Dad", family=True)
    assert mom is not None and mom.at_risk and mom.paid == usd(0)
    assert dad is not None and not dad.at_risk


# ---------------------------------------------------------------------------- custom order


def test_custom_order_validation() -> None:
    loans = [
        loan("Visa", 100000, 24, 10000),
        loan("Car", 50000, 12, 5000),
        loan("Old", 0, 12, 5000),  # closed: may be named, need not be
    ]
    assert validate_custom_order(loans, ["Car", "Visa"]) == ("Car", "Visa")
    assert validate_custom_order(loans, ["Old", "Car", "Visa"]) == ("Old", "Car", "Visa")
    with pytest.raises(PlanInputError, match="missing Visa"):
        validate_custom_order(loans, ["Car"])
    with pytest.raises(PlanInputError, match="missing Visa, Car"):
        validate_custom_order(loans, [])
    with pytest.raises(PlanInputError, match="'Boat', which is not a loan"):
        validate_custom_order(loans, ["Car", "Visa", "Boat"])
    with pytest.raises(PlanInputError, match="'Car' twice"):
        validate_custom_order(loans, ["Car", "Car", "Visa"])


@pytest.mark.parametrize("order", [["Car"], ["Car", "Visa", "Boat"], ["Visa", "Visa", "Car"]])
def test_simulate_refuses_a_bad_custom_order(order: list[str]) -> None:
    loans = [loan("Visa", 100000, 24, 10000), loan("Car", 50000, 12, 5000)]
    with pytest.raises(PlanInputError):
        simulate_payoff(loans, [], usd(40000), TODAY, Strategy.CUSTOM, order)


def test_custom_order_is_ignored_for_other_strategies() -> None:
    loans = [loan("Visa", 100000, 24, 10000), loan("Car", 50000, 12, 5000)]
    plan = simulate_payoff(loans, [], usd(40000), TODAY, Strategy.AVALANCHE, ["nonsense"])
    assert plan.feasible


def test_plan_money_is_in_the_budget_currency() -> None:
    plan = simulate_payoff(
        [loan("L", 10000, 0, 5000)], [], Money(5000, "CNY"), TODAY, keep_schedule=False
    )
    assert plan.currency == "CNY"
    assert plan.total_paid == Money(10000, "CNY")
    assert plan.schedule == ()  # keep_schedule=False
    assert plan.months == 2


@pytest.mark.parametrize("kept", [1, 2, 5, 9])
def test_a_plan_can_keep_only_its_first_months(kept: int) -> None:
    """The state's plan keeps next month's figures only; everything else is the full plan's."""
    full = small_plan(Strategy.AVALANCHE)
    cut = simulate_payoff(
        [
            loan("Visa", 100000, 24, 10000, kind=LoanKind.CREDIT_CARD),
            loan("Car", 50000, 12, 5000, kind=LoanKind.CAR),
        ],
        [family("Mom", 30000, promised=date(2027, 6, 30))],
        usd(40000),
        TODAY,
        Strategy.AVALANCHE,
        schedule_months=kept,
    )
    assert cut.schedule == full.schedule[:kept]
    assert cut.schedule_cut == (kept < full.months)  # type: ignore[operator]
    assert not full.schedule_cut
    assert replace(cut, schedule=full.schedule, schedule_cut=False) == full
