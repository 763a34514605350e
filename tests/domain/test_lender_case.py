"""The case for a lender (hardship or not, from the plan), the plain-text wrap of the letter, and
the record rule for a loan recorded as new borrowing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from msgspec.structs import replace

from debtcoach.domain.lender_case import CATCH_UP_MONTHS, Hardship, case_lines
from debtcoach.domain.letter_layout import cell_width, wrap
from debtcoach.domain.models import (
    Frequency,
    Household,
    IncomeKind,
    IncomeSource,
    LoanStatus,
)
from debtcoach.domain.proposal import case_for
from debtcoach.domain.record_rules import borrowed_loan_problems
from debtcoach.domain.restructure import quote_restructure
from tests.domain.builders import TODAY, loan, usd


def behind_by(arrears: int, salary: int = 20_000) -> Household:
    """One interest-free loan, 100.00 a month due, behind by `arrears`; 100.00 a month over."""
    debt = loan(
        "Card",
        1_000_000,
        0,
        10_000,
        status=LoanStatus.OVERDUE,
        overdue_since=date(2026, 9, 1),
        arrears=usd(arrears),
    )
    pay = IncomeSource("Pay", IncomeKind.REGULAR, usd(salary), Frequency.MONTHLY)
    return Household(loans=(debt,), income=(pay,))


def case(h: Household, installments: int = 24):  # type: ignore[no-untyped-def]
    quote = quote_restructure(h.loans[0], installments)
    return case_for(h, quote, TODAY)


def test_caught_up_within_the_window_is_no_hardship() -> None:
    within = case(behind_by(10_000 * CATCH_UP_MONTHS))
    assert (within.hardship, within.caught_up_month) == (Hardship.NONE, 3)
    assert within.behind and within.caught_up_date == "2027-02"
    beyond = case(behind_by(10_000 * CATCH_UP_MONTHS + 1))
    assert (beyond.hardship, beyond.caught_up_month) == (Hardship.CANNOT_CATCH_UP, 4)


def test_minimums_not_covered_is_hardship_with_the_plans_shortfall() -> None:
    short = case(behind_by(5_000, salary=7_500))
    assert short.hardship == Hardship.MINIMUMS_NOT_COVERED
    assert short.shortfall == usd(2_500) and short.short_from == "2026-12"
    assert short.installment == usd(41_667)  # 10,000.00 / 24, half-up
    assert short.current_from == "2026-12"  # agreed: installment 1 is a month in order


def test_the_calculator_says_the_minimums_are_short_and_whether_the_plan_mends_it() -> None:
    # 75.00 a month against the 100.00 due: 25.00 short from the plan's first month. Over 24
    # installments 10,000.00 / 24 = 416.67 is still more than 75.00; over 240 it is 41.67.
    household = behind_by(5_000, salary=7_500)
    assert case_lines(case(household, 24), "en_US") == [
        "Behind: $50.00 past due now.",
        "Hardship: today's budget is $25.00 a month short of the minimum payments from "
        "December 2026.",
        "If agreed: current again from December 2026, $416.67 each installment (the budget is "
        "still short even then).",
    ]
    assert case_lines(case(household, 240), "en_US")[-1] == (
        "If agreed: current again from December 2026, $41.67 each installment."
    )


def test_a_loan_not_behind_claims_nothing() -> None:
    h = behind_by(0)
    h = replace(h, loans=(replace(h.loans[0], status=LoanStatus.CURRENT, overdue_since=None),))
    fine = case(h)
    assert fine.hardship == Hardship.NONE and not fine.behind and fine.arrears == usd(0)


def test_estimated_arrears_are_marked_as_an_estimate() -> None:
    h = behind_by(0)
    h = replace(h, loans=(replace(h.loans[0], arrears=None),))
    estimated = case(h)
    assert estimated.arrears_estimated and estimated.arrears == usd(30_000)  # 3 months × 100.00


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("one two three", 7, ["one two", "three"]),
        ("本人一直有还款意愿。", 6, ["本人一", "直有还", "款意", "愿。"]),  # 。never starts a line
        ("截至2026年11月23日", 12, ["截至2026年", "11月23日"]),  # a date breaks between its parts
        ("Tutoring（每月", 10, ["Tutoring", "（每月"]),  # （ never ends a line
    ],
)
def test_wrap_by_columns(text: str, width: int, lines: list[str]) -> None:
    assert wrap(text, width) == lines


@given(st.text(alphabet="ab 本人，。（）12年", max_size=200), st.integers(8, 80))
def test_wrapped_lines_fit_and_keep_every_character(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cell_width(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == "".join(text.split()).replace(" ", "")


def test_new_borrowing_must_be_complete_enough_to_plan_with() -> None:
    bare = loan("Payday", 30_000, Decimal(0), 0)
    problems = borrowed_loan_problems(bare, TODAY)
    assert set(problems) == {"min_payment", "due_day", "opened_on"}
    assert problems["due_day"] == "is needed: the day of the month (1 to 31)"
    whole = replace(bare, min_payment=usd(6_000), due_day=15, opened_on=TODAY)
    assert borrowed_loan_problems(whole, TODAY) == {}
    assert set(borrowed_loan_problems(replace(whole, due_day=32), TODAY)) == {"due_day"}
