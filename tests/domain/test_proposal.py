"""The proposal letter says only what the data shows, with the calculator's exact figures."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from msgspec.structs import replace

from debtcoach.domain.budget import budget_breakdown, sum_of_minimums
from debtcoach.domain.contact_log import contact_date_problems
from debtcoach.domain.letters import render_letter
from debtcoach.domain.loan_facts import loan_arrears
from debtcoach.domain.models import (
    Channel,
    CheckIn,
    Contact,
    Expense,
    FamilyLoan,
    Frequency,
    Household,
    IncomeKind,
    IncomeSource,
    Loan,
    LoanKind,
    LoanStatus,
    ProposalState,
    RestructureMode,
    Settings,
)
from debtcoach.domain.money import Money, format_money
from debtcoach.domain.proposal import (
    PLACEHOLDER_CARD,
    PLACEHOLDER_LENDER,
    PLACEHOLDER_NAME,
    build_proposal,
    hardship_reason,
    no_new_borrowing,
    time_for_space,
)
from debtcoach.domain.restructure import (
    RestructureError,
    RestructureQuote,
    apply_proposal_state,
    quote_restructure,
)

TODAY = date(2026, 11, 23)
MONEY_RE = re.compile(r"\$[\d,]+\.\d\d")


def usd(minor: int) -> Money:
    return Money(minor, "USD")


def card(**extra: object) -> Loan:
    fields: dict[str, object] = {
        "name": "Visa",
        "kind": LoanKind.CREDIT_CARD,
        "balance": usd(520000),
        "apr": Decimal("19.99"),
        "min_payment": usd(15600),
        "lender": "Harbor Bank",
        "penalty_apr": Decimal("29.99"),
        "overdue_since": date(2026, 8, 20),
        "status": LoanStatus.OVERDUE,
        "opened_on": date(2019, 3, 1),
    }
    fields.update(extra)
    return Loan(**fields)  # type: ignore[arg-type]


def household(*loans: Loan, **extra: object) -> Household:
    base = Household(
        settings=Settings(safety_buffer=usd(10000)),
        loans=loans or (card(),),
        income=(
            IncomeSource("Salary", IncomeKind.REGULAR, usd(265000), Frequency.MONTHLY),
            IncomeSource("Delivery", IncomeKind.SIDE, usd(9000), Frequency.WEEKLY),
        ),
        expenses=(
            Expense("Rent", usd(115000), essential=True),
            Expense("Eating out", usd(21000), usd(6000), cut_active=True),
            Expense("Gym", usd(4500), usd(0)),
        ),
        contacts=(
            Contact("Visa", date(2026, 10, 2), Channel.PHONE, follow_up=date(2026, 10, 16)),
            Contact("Visa", date(2026, 12, 1), Channel.PHONE),  # in the future: not "earlier"
            Contact("Car", date(2026, 10, 5), Channel.APP),
        ),
    )
    return replace(base, **extra)  # type: ignore[arg-type]


CAR = Loan("Car", LoanKind.CAR, usd(740000), Decimal("6.9"), usd(24500), lender="City Auto")


def letter_for(
    h: Household, installments: int, **quote_args: object
) -> tuple[str, RestructureQuote]:
    loan = h.loan("Visa")
    assert loan is not None
    quote = quote_restructure(loan, installments, **quote_args)  # type: ignore[arg-type]
    return render_letter(build_proposal(h, "Visa", quote, TODAY)), quote


def line_value(letter: str, label: str) -> str:
    match = re.search(rf"^- {re.escape(label)}: (\S+)", letter, re.MULTILINE)
    assert match, f"no line {label!r} in the letter"
    return match.group(1)


@pytest.mark.parametrize(
    ("installments", "quote_args"),
    [
        (36, {}),
        (60, {}),
        (12, {"mode": RestructureMode.FLAT_FEE, "fee_rate": Decimal("0.6")}),
        (7, {"mode": RestructureMode.FLAT_FEE, "fee_rate": Decimal("0")}),
    ],
)
def test_the_letter_states_the_calculators_figures(
    installments: int, quote_args: dict[str, object]
) -> None:
    letter, quote = letter_for(household(card(), CAR), installments, **quote_args)
    assert line_value(letter, "Installment") == format_money(quote.installment)
    assert line_value(letter, "Last installment") == format_money(quote.last_installment)
    assert line_value(letter, "Total repaid") == format_money(quote.total_paid)
    assert line_value(letter, "Number of months") == str(installments)


def test_every_amount_in_the_letter_comes_from_the_data_or_the_quote() -> None:
    h = household(card(), CAR)
    letter, quote = letter_for(h, 36)
    b = budget_breakdown(h, TODAY)
    allowed = {
        usd(520000), usd(15600), usd(24500),  # balance, Visa minimum, Car minimum
        b.regular_income, b.side_income, b.expenses, b.safety_buffer, b.debt_budget,
        b.debt_budget - usd(24500),  # left for the card after the other lender
        b.debt_budget - sum_of_minimums(h.loans, "USD"),  # remaining after all minimums
        usd(39000), usd(21000), usd(6000), usd(15000),  # side income, the one active cut, saving
        quote.installment, quote.last_installment, quote.total_paid,
        quote.installment - usd(15600),
        loan_arrears(card(), TODAY),  # past due: 4 months overdue × the minimum (no late fee)
    }  # fmt: skip
    shown = set(MONEY_RE.findall(letter))
    assert shown <= {format_money(m) for m in allowed}
    assert format_money(quote.installment) in shown
    assert "Gym" not in letter  # a cut that is not active is not claimed


def test_the_letter_shows_the_shortfall_when_minimums_exceed_the_budget() -> None:
    poor = household(
        card(),
        CAR,
        income=(IncomeSource("Salary", IncomeKind.REGULAR, usd(160000), Frequency.MONTHLY),),
    )
    letter, _ = letter_for(poor, 60)
    b = budget_breakdown(poor, TODAY)
    gap = sum_of_minimums(poor.loans, "USD") - b.debt_budget
    assert gap.minor > 0
    assert f"| **Shortfall each month** | **{format_money(gap)}** |" in letter
    assert "my income does not cover my minimum payments" in letter
    assert "extra work" not in letter  # no side income in the data: not claimed


def test_the_letter_says_overdue_since_and_arrears_only_when_known() -> None:
    letter, _ = letter_for(household(card(arrears=usd(46800))), 24)
    assert "overdue since August 20, 2026, with $468.00 past due" in letter
    letter, _ = letter_for(household(card()), 24)
    # none entered: the plan's estimate (4 months × $156.00), said to be one
    assert "overdue since August 20, 2026, with about $624.00 past due." in letter


def test_placeholders_only_for_what_the_data_lacks() -> None:
    letter, _ = letter_for(household(card()), 24)
    assert PLACEHOLDER_NAME in letter and PLACEHOLDER_CARD in letter
    assert PLACEHOLDER_LENDER not in letter
    assert "Dear Harbor Bank," in letter
    letter, _ = letter_for(household(card(lender="")), 24)
    assert f"Dear {PLACEHOLDER_LENDER}," in letter


def test_the_letter_states_willingness_and_earlier_contacts() -> None:
    letter, _ = letter_for(household(card()), 24)
    assert "I want to repay this debt in full" in letter
    assert "I am willing to repay everything I owe you" in letter
    assert "earlier contact with you on October 2, 2026 (phone)." in letter
    assert "December 1, 2026" not in letter  # a future entry is not an earlier contact
    assert "(December 2026 to November 2028)" in letter  # month 1 is the month after today


def test_no_new_borrowing_is_claimed_only_when_the_data_shows_it() -> None:
    clean = household(card(), CAR)
    assert no_new_borrowing(clean, TODAY)
    letter, _ = letter_for(clean, 24)
    assert "I have not taken on any new loan since August 20, 2026" in letter

    opened_after = replace(CAR, opened_on=date(2026, 9, 5))
    assert not no_new_borrowing(household(card(), opened_after), TODAY)
    flagged = replace(CAR, to_repay_other_debt=True)
    assert not no_new_borrowing(household(card(), flagged), TODAY)
    borrowed = CheckIn("2026-W40", date(2026, 10, 4), borrowed=True)
    with_checkin = household(card(), CAR, checkins=(borrowed,))
    assert not no_new_borrowing(with_checkin, TODAY)
    letter, _ = letter_for(with_checkin, 24)
    assert "new loan" not in letter
    # with nothing overdue the claim looks back 12 weeks: a check-in 5 weeks ago counts
    not_overdue = household(card(overdue_since=None, status=LoanStatus.CURRENT), CAR)
    assert no_new_borrowing(not_overdue, TODAY)
    recent = CheckIn("2026-W43", date(2026, 10, 19), borrowed=True)
    assert not no_new_borrowing(replace(not_overdue, checkins=(recent,)), TODAY)
    long_ago = CheckIn("2026-W30", date(2026, 7, 20), borrowed=True)
    assert no_new_borrowing(replace(not_overdue, checkins=(long_ago,)), TODAY)
    relatives = FamilyLoan("Mum", usd(50000), date(2026, 9, 1))
    assert not no_new_borrowing(household(card(), CAR, family_loans=(relatives,)), TODAY)


def test_the_letter_works_in_another_locale() -> None:
    h = household(card(), settings=Settings(currency="USD", locale="de_DE"))
    letter, quote = letter_for(h, 36)
    assert format_money(quote.installment, "de_DE") in letter
    assert "5.200,00" in letter and "$5,200.00" not in letter


def test_a_quote_for_another_loan_is_refused() -> None:
    h = household(card(), CAR)
    quote = quote_restructure(CAR, 12)
    with pytest.raises(RestructureError):
        build_proposal(h, "Visa", quote, TODAY)
    with pytest.raises(RestructureError):
        build_proposal(h, "Nope", quote, TODAY)


def test_marking_a_proposal_sets_terms_and_status() -> None:
    loan = card()
    quote = quote_restructure(loan, 36)
    agreed = apply_proposal_state(loan, quote, ProposalState.AGREED, TODAY)
    assert agreed.status == LoanStatus.RESTRUCTURED and agreed.is_restructured
    assert agreed.restructure == quote.as_terms(ProposalState.AGREED, agreed_on=TODAY)
    assert agreed.scheduled_payment == quote.installment

    proposed = apply_proposal_state(loan, quote, ProposalState.PROPOSED, TODAY)
    assert proposed.status == LoanStatus.NEGOTIATING and not proposed.is_restructured
    assert proposed.is_overdue  # the overdue date keeps the penalty rate in force
    assert proposed.restructure is not None
    assert proposed.restructure.state == ProposalState.PROPOSED

    refused = apply_proposal_state(agreed, quote, ProposalState.REFUSED, TODAY)
    assert refused.status == LoanStatus.OVERDUE and not refused.is_restructured
    assert refused.restructure is not None
    assert refused.restructure.state == ProposalState.REFUSED
    current = replace(CAR, status=LoanStatus.NEGOTIATING)
    car_quote = quote_restructure(CAR, 12)
    assert (
        apply_proposal_state(current, car_quote, ProposalState.REFUSED, TODAY).status
        == LoanStatus.CURRENT
    )
    undated = card(overdue_since=None)
    still = apply_proposal_state(undated, quote, ProposalState.PROPOSED, TODAY)
    assert still.status == LoanStatus.OVERDUE  # would otherwise stop counting as overdue


def test_marking_refuses_a_paid_off_loan_or_a_foreign_quote() -> None:
    quote = quote_restructure(card(), 36)
    with pytest.raises(RestructureError):
        apply_proposal_state(card(status=LoanStatus.PAID_OFF), quote, ProposalState.AGREED, TODAY)
    with pytest.raises(RestructureError):
        apply_proposal_state(CAR, quote, ProposalState.AGREED, TODAY)


def test_contact_dates() -> None:
    assert contact_date_problems(TODAY, None, TODAY) == {}
    assert contact_date_problems(TODAY, TODAY, TODAY) == {}
    problems = contact_date_problems(date(2026, 11, 24), date(2026, 11, 20), TODAY)
    assert problems["date"] == "2026-11-24 is after today (2026-11-23)"
    assert problems["follow_up"] == "2026-11-20 is before the contact date 2026-11-24"


def test_time_for_space_sets_the_quote_against_todays_path() -> None:
    loan = card()
    quote = quote_restructure(loan, 48)
    path = time_for_space(quote)
    assert quote.interest_at_current_payment is not None
    assert path.relief == quote.current_payment - quote.installment
    assert path.months_added == quote.months_added
    assert path.cost_today == quote.interest_at_current_payment
    assert path.total_today == loan.balance + quote.interest_at_current_payment
    assert path.cost_change == quote.cost - quote.interest_at_current_payment
    # a payment that never clears the balance at the penalty rate: no path to compare with
    stuck = card(min_payment=usd(12000))  # 5200 × 29.99/1200 = 129.96 of interest a month
    never = time_for_space(quote_restructure(stuck, 48))
    assert never.months_added is None and never.total_today is None and never.cost_change is None


def test_the_hardship_reason_is_one_line_within_the_free_text_rule() -> None:
    assert hardship_reason("  lost my job\n\tin  August ") == "lost my job in August"
    assert hardship_reason("") == ""
    assert hardship_reason("失业" * 250) == "失业" * 250  # 500 characters
    for bad, words in (
        ("x" * 501, "is longer than 500 characters (it has 501)"),
        ("job\x1b[31m", "must not contain control characters"),
        ("job\ud800", "is not valid UTF-8"),
    ):
        with pytest.raises(ValueError, match=re.escape(words)):
            hardship_reason(bad)
