"""Hand-checked plans and trigger readings (README, "How the numbers are worked out")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from debtcoach.domain.budget import expenses_with_every_cut
from debtcoach.domain.coach import find_triggers
from debtcoach.domain.models import (
    Expense,
    FamilyLoan,
    Frequency,
    Household,
    IncomeKind,
    IncomeSource,
    Loan,
    LoanKind,
)
from debtcoach.domain.money import Money
from debtcoach.domain.payoff import simulate_payoff

TODAY = date(2026, 11, 23)


def usd(text: str) -> Money:
    return Money(int(Decimal(text) * 100), "USD")


def test_ask_relatives_cuts_a_non_essential_without_target_to_zero() -> None:
    # The ask-relatives rule: "with every non-essential expense cut to its target (0 if none)".
    # Income 1500, rent 1000 (essential), hobby 300 with no target: cut to 0 → budget 500,
    # which covers the 400 minimum, so ask-relatives stays quiet (extend-plan still fires:
    # today's budget is 1500 − 1000 − 300 = 200 < 400).
    expenses = (Expense("Rent", usd("1000"), essential=True), Expense("Hobby", usd("300")))
    assert expenses_with_every_cut(expenses, "USD", no_target_is_zero=True) == usd("1000")
    assert expenses_with_every_cut(expenses, "USD") == usd("1300")  # the default is unchanged
    h = Household(
        loans=(Loan("Bank", LoanKind.CONSUMER_LOAN, usd("5000"), Decimal(10), usd("400")),),
        income=(
            IncomeSource("Pay", IncomeKind.REGULAR, usd("1300"), Frequency.MONTHLY),
            IncomeSource("Side", IncomeKind.SIDE, usd("200"), Frequency.MONTHLY),
        ),
        expenses=expenses,
    )
    rules = {f.rule for f in find_triggers(h, TODAY)}
    assert "extend-plan" in rules
    assert "ask-relatives" not in rules
    # One cent more of minimums than that best case: now it fires.
    tight = Household(
        loans=(Loan("Bank", LoanKind.CONSUMER_LOAN, usd("5000"), Decimal(10), usd("500.01")),),
        income=h.income,
        expenses=expenses,
    )
    assert "ask-relatives" in {f.rule for f in find_triggers(tight, TODAY)}


def test_hand_checked_plan_two_loans_and_a_relative() -> None:
    """Worked by hand month by month (README, "How the numbers are worked out", steps 1-10), budget 200.00, today 2026-11-23.

    A: 1000.00 card, apr 12 but overdue since 2026-10-01 → behind: penalty 24 % until caught up,
       min 50, no late fee; arrears 2 months (1 month 22 days, rounded up) × 50.00 = 100.00.
    B: 500.00 at 24 %, min 30.
    Mum: 300.00, promised 2027-03-01 (repaid after both loans, so at risk).
    m1 2026-12: A 1000 + 20.00 (24 %) − 50 = 970.00; B 500 + 10.00 − 30 = 480.00; 120.00 left:
        catch-up A 100.00 → 870.00, arrears 0; the last 20.00 by avalanche (24 % tie, smaller
        owed): B → 460.00. A has caught up: 12 % from m2.
    m2: A 870 + 8.70 − 50 = 828.70; B 460 + 9.20 − 150 = 319.20
    m3: A + 8.29 (8.287) → 786.99; B + 6.38 (6.384) → 175.58
    m4: A + 7.87 (7.8699) → 744.86; B + 3.51 (3.5116) → 29.09
    m5: B 29.09 + 0.58 = 29.67, its capped minimum pays it off; A 744.86 + 7.45 = 752.31 − 50
        − the 120.33 left = 581.98
    m6, m7: A + 5.82 → 387.80; + 3.88 → 191.68
    m8 2027-07: A 191.68 + 1.92 = 193.60 paid off; the 6.40 left goes to Mum → 293.60
    m9: Mum 93.60; m10 2027-09: Mum paid off.
    Interest A 63.93 + B 29.67 = 93.60; paid 1500 + 300 + 93.60 = 1893.60.
    (Version 1 kept A at 24 % for good: 10 months too, but 141.71 interest.)
    """
    a = Loan(
        "A", LoanKind.CREDIT_CARD, usd("1000"), Decimal(12), usd("50"),
        penalty_apr=Decimal(24), overdue_since=date(2026, 10, 1),
    )  # fmt: skip
    b = Loan("B", LoanKind.OTHER, usd("500"), Decimal(24), usd("30"))
    mum = FamilyLoan("Mum", usd("300"), date(2026, 6, 1), promised=date(2027, 3, 1))
    plan = simulate_payoff([a, b], [mum], usd("200"), TODAY)
    assert plan.feasible and plan.months == 10 and plan.debt_free == "2027-09"
    assert plan.schedule[0].date == "2026-12"
    assert [str(m.balances["A"]) for m in plan.schedule] == [
        "870.00", "828.70", "786.99", "744.86", "581.98", "387.80", "191.68", "0.00",
        "0.00", "0.00",
    ]  # fmt: skip
    assert [str(m.balances["B"]) for m in plan.schedule[:5]] == [
        "460.00", "319.20", "175.58", "29.09", "0.00",
    ]  # fmt: skip
    assert plan.schedule[0].payments == {"A": usd("150.00"), "B": usd("50.00")}
    assert plan.schedule[0].arrears == {"A": usd("0.00")}
    assert plan.schedule[1].arrears == {}
    assert [str(m.interest["A"]) for m in plan.schedule[:2]] == ["20.00", "8.70"]
    assert plan.schedule[4].payments == {"A": usd("170.33"), "B": usd("29.67")}
    assert plan.schedule[7].payments == {"A": usd("193.60"), "Mum": usd("6.40")}
    assert plan.schedule[9].payments == {"Mum": usd("93.60")}
    assert (str(plan.total_interest), str(plan.total_paid)) == ("93.60", "1893.60")
    outcome = {d.name: d for d in plan.debts}
    assert (outcome["A"].payoff_month, str(outcome["A"].interest)) == (8, "63.93")
    assert (outcome["A"].caught_up_month, outcome["A"].caught_up_date) == (1, "2026-12")
    assert (outcome["B"].payoff_month, str(outcome["B"].interest)) == (5, "29.67")
    assert outcome["Mum"].payoff_date == "2027-09" and outcome["Mum"].at_risk


def test_interest_rounds_half_up() -> None:
    # 1000.50 at 12 %: 100050 × 12 / 1200 = 1000.5 cents → 10.01 (half-even would give 10.00).
    loan = Loan("L", LoanKind.OTHER, usd("1000.50"), Decimal(12), usd("100"))
    plan = simulate_payoff([loan], [], usd("100"), date(2026, 12, 31))
    assert plan.schedule[0].date == "2027-01"
    assert plan.schedule[0].balances["L"] == usd("910.51")


def test_fit_custom_order_drops_gone_names_and_appends_new_open_loans() -> None:
    from debtcoach.domain.models import LoanStatus
    from debtcoach.domain.payoff import fit_custom_order

    loans = [
        Loan("Car", LoanKind.CAR, usd("100"), Decimal(5), usd("10")),
        Loan("New", LoanKind.OTHER, usd("100"), Decimal(5), usd("10")),
        Loan("Done", LoanKind.OTHER, usd("0"), Decimal(5), usd("10"), status=LoanStatus.PAID_OFF),
        Loan("Visa", LoanKind.CREDIT_CARD, usd("100"), Decimal(5), usd("10")),
    ]
    assert fit_custom_order(loans, ("Visa", "Gone", "Done", "Car")) == (
        "Visa",
        "Done",
        "Car",
        "New",
    )
    assert fit_custom_order(loans, ()) == ("Car", "New", "Visa")


def test_a_never_ending_plan_at_a_high_rate_stays_exact() -> None:
    # 400 % APR with a 10.00 payment: interest (333.33 in month 1) outgrows the payment, and over
    # 600 months the balance passed Decimal's 28 digits: InvalidOperation (a traceback) before.
    from debtcoach.domain.money import format_money
    from debtcoach.domain.payoff import monthly_interest

    payday = Loan("Payday", LoanKind.ONLINE_PLATFORM, usd("1000"), Decimal(400), usd("10"))
    plan = simulate_payoff([payday], [], usd("10"), TODAY)
    assert plan.feasible and plan.months is None and plan.debt_free is None
    last = plan.schedule[-1].balances["Payday"]
    assert last.minor > 10**60
    assert str(last).endswith(f"{last.minor % 100:02d}") and "E" not in str(last)
    assert format_money(last).startswith("$") and "E" not in format_money(last)
    # Half-up stays exact on huge balances: (10^30 + 50) × 12 / 1200 = 10^28 + 0.5 → 10^28 + 1.
    assert monthly_interest(10**30 + 50, Decimal(12)) == 10**28 + 1
    assert monthly_interest(10**30 + 49, Decimal(12)) == 10**28
