"""The coach names what a move would do, in the user's numbers, where a rule fires and the move
would help; and names a promise to a relative the plan cannot keep, with the month it can.

Every figure is worked out by hand below (DESIGN.md, version-2 conventions)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from msgspec.structs import replace

from debtcoach.domain.coach import find_triggers
from debtcoach.domain.models import (
    FamilyLoan,
    Frequency,
    Household,
    IncomeKind,
    IncomeSource,
    Loan,
    LoanKind,
    LoanStatus,
)
from debtcoach.domain.money import Money
from debtcoach.domain.wording import months_apart_words

TODAY = date(2026, 11, 15)  # month 1 is 2026-12


def usd(minor: int) -> Money:
    return Money(minor, "USD")


def pay(minor: int) -> IncomeSource:
    return IncomeSource("Pay", IncomeKind.REGULAR, usd(minor), Frequency.MONTHLY)


BEHIND = Loan(
    name="Card",
    kind=LoanKind.CREDIT_CARD,
    balance=usd(30_000),
    apr=Decimal(12),
    penalty_apr=Decimal(24),
    min_payment=usd(10_000),
    late_fee=usd(1_000),
    arrears=usd(10_000),
    overdue_since=date(2026, 10, 1),
    status=LoanStatus.OVERDUE,
)
"""300.00 at 12 % (24 % while behind), minimum 100.00, late fee 10.00, 100.00 past due.

The plan at 250.00 a month: m1 2026-12: 2 % interest 6.00 → 306.00, fee 10.00 (arrears
110.00); the minimum pays the fee and 90.00 → 216.00; catch-up 110.00 → 106.00, current; 40.00
more → 66.00. m2: 1 % 0.66 → 66.66, paid. 2 months, interest 6.66, fees 10.00."""

PLAIN = Loan(
    name="Card",
    kind=LoanKind.CONSUMER_LOAN,
    balance=usd(30_000),
    apr=Decimal(12),
    min_payment=usd(10_000),
)


def why(household: Household, rule: str) -> str:
    found = {f.rule: f.why for f in find_triggers(household, TODAY)}
    assert rule in found, list(found)
    return found[rule]


def test_negotiate_card_names_60_installments_in_the_users_numbers() -> None:
    # 60 installments at 12 %: P = 3.00 / (1 − 1.01^−60) = 6.67, agreed, so current from its
    # first installment and no late fee. m1: 1 % 3.00 → 303.00, 6.67 → 296.33, the rest of the
    # 250.00 (243.33) → 53.00; m2: 0.53 → 53.53, paid. Interest 3.53, fees 0: against the
    # plan's 6.66 + 10.00, 13.13 less; 2 months both ways.
    text = why(Household(loans=(BEHIND,), income=(pay(25_000),)), "negotiate-card")
    assert text.endswith(
        "(the minimum now is $100.00). Card over 60 installments: current again in December "
        "2026, debt-free in the same month as now, $13.13 less in interest and fees."
    )


def test_act_early_names_relatives_covering_the_arrears() -> None:
    # Borrowed: the 100.00 past due and December's 10.00 fee = 110.00, so December has 360.00.
    # m1: 306.00, fee 10.00, the minimum → 216.00, catch-up 110.00 → 106.00, the strategy pays
    # it off; 360.00 − 100.00 − 110.00 − 106.00 = 44.00 to the relatives (66.00 left), repaid
    # in m2. Interest 6.00 against 6.66: 0.66 less, fees 10.00 both; 2 months both ways.
    text = why(Household(loans=(BEHIND,), income=(pay(25_000),)), "act-early")
    assert text.endswith(
        "after $10.00 of late fees. Borrowing $110.00 from relatives in December 2026 for the "
        "loans behind: current again in December 2026, debt-free in the same month as now, "
        "$0.66 less in interest and fees."
    )


def test_extend_plan_names_when_the_stretched_plan_is_debt_free() -> None:
    # 80.00 a month against a 100.00 minimum: 4 installments at 12 % are 3.00 / (1 − 1.01^−4)
    # = 76.88 (3 would be 102.00). m1: 3.00 → 303.00, 76.88 + 3.12 → 223.00; m2: 2.23 →
    # 225.23 → 145.23; m3: 1.45 → 146.68 → 66.68; m4: 0.67 → 67.35, paid: March 2027.
    household = Household(loans=(PLAIN,), income=(pay(8_000),))
    assert why(household, "extend-plan") == (
        "The debt budget is $80.00 a month and the minimum payments add up to $100.00: $20.00 "
        "short each month. Spreading Card, the largest loan, over 4 installments would lower "
        "its payment from $100.00 to $76.88 and close the gap: debt-free in March 2027 "
        "(4 months)."
    )


def test_no_move_named_where_none_would_help() -> None:
    # Nothing is past due: there are no arrears for relatives to cover.
    household = Household(loans=(PLAIN,), income=(pay(8_000),))
    assert why(household, "ask-relatives") == (
        "Even with every non-essential expense cut to its target, the debt budget would be "
        "$80.00 a month, $20.00 less than the $100.00 of minimum payments."
    )


def test_no_price_is_named_for_a_plan_that_never_ends() -> None:
    # 10,000.00 at 200 %: 1,666.67 of interest a month against a budget of 1,000.00, so the plan
    # never clears the card, with relatives' 110.00 or without; the plan brings it current in
    # December as the relatives would: their money changes nothing worth naming.
    never = replace(BEHIND, balance=usd(1_000_000), apr=Decimal(200), penalty_apr=Decimal(200))
    household = Household(loans=(never,), income=(pay(100_000),))
    text = why(household, "act-early")
    assert text.endswith(
        "the plan brings Card current in December 2026, after $10.00 of late fees."
    )
    assert "interest and fees" not in text
    # 950.00 behind: the plan is current only in January, the relatives' 960.00 make it December
    # (named), and still no price beside a plan that never ends
    far_behind = replace(never, arrears=usd(95_000))
    assert why(Household(loans=(far_behind,), income=(pay(100_000),)), "act-early").endswith(
        "Borrowing $960.00 from relatives in December 2026 for the loans behind: current again "
        "in December 2026."
    )
    # with 3,000.00 a month the plan ends: what the relatives save is named again
    rich = Household(loans=(never,), income=(pay(300_000),))
    assert "less in interest and fees" in why(rich, "act-early")


def test_a_promise_the_plan_cannot_keep_is_named_with_the_month_it_can() -> None:
    # At 250.00: m1 3.00 → 303.00, 100.00 + 150.00 → 53.00; m2 0.53 → 53.53 paid, 196.47 to
    # Mum; m3 the last 3.53: Mum is repaid in February 2027, after the promised Dec 31, 2026.
    mum = FamilyLoan("Mum", usd(20_000), date(2025, 1, 1), promised=date(2026, 12, 31))
    household = Household(loans=(PLAIN,), income=(pay(25_000),), family_loans=(mum,))
    assert why(household, "repay-relatives") == (
        "The plan clears the institutional loans by January 2027 (in 2 months); after that the "
        "debt budget goes to Mum ($200.00). Mum was promised repayment by Dec 31, 2026: the "
        "plan can keep that promise in February 2027. Telling them early keeps their trust."
    )


def test_a_broken_promise_is_named_even_when_the_banks_take_longer_than_a_year() -> None:
    # 3,000.00 at 0 % with 150.00 a month: the bank takes 20 months (to 2028-07, nothing left
    # over), then Mum's 200.00: 150.00 in 2028-08 and 50.00 in 2028-09, long after the
    # promised Dec 31, 2026.
    bank = Loan("Bank", LoanKind.CONSUMER_LOAN, usd(300_000), Decimal(0), usd(15_000))
    mum = FamilyLoan("Mum", usd(20_000), date(2025, 1, 1), promised=date(2026, 12, 31))
    household = Household(loans=(bank,), income=(pay(15_000),), family_loans=(mum,))
    assert why(household, "repay-relatives") == (
        "Mum was promised repayment by Dec 31, 2026: the plan can keep that promise in "
        "September 2028. Telling them early keeps their trust."
    )
    kept = FamilyLoan("Mum", usd(20_000), date(2025, 1, 1), promised=date(2028, 9, 30))
    quiet = Household(loans=(bank,), income=(pay(15_000),), family_loans=(kept,))
    assert "repay-relatives" not in {f.rule for f in find_triggers(quiet, TODAY)}


def test_months_apart_in_words() -> None:
    assert months_apart_words(8) == "debt-free 8 months later"
    assert months_apart_words(-1) == "debt-free 1 month sooner"
    assert months_apart_words(0) == "debt-free in the same month as now"
