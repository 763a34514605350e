"""Restructuring one loan ("changing time for space"), checked by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from debtcoach.domain.models import Loan, LoanKind, LoanStatus, ProposalState, RestructureMode
from debtcoach.domain.money import Money, round_fraction_half_up
from debtcoach.domain.restructure import (
    CREDIT_CARD_MAX_INSTALLMENTS,
    RestructureError,
    annuity_payment,
    check_installments,
    flat_fee_payment,
    installments_to_relieve,
    longest_restructure,
    months_to_repay,
    quote_restructure,
)

from .builders import TODAY, loan, restructured, usd


@pytest.mark.parametrize(
    ("balance", "apr", "n", "payment"),
    [
        # 1000.00 at 12 % over 3: r = 0.01; 1.01^3 = 1.030301; 1 − 1/1.030301 = 0.02940985…;
        # 10.00 / 0.02940985 = 340.0221… → 340.02
        (100000, "12", 3, 34002),
        # 1200.00 at 12 % over 12: 1.01^12 = 1.12682503; 1 − 1/1.12682503 = 0.11255077…;
        # 12.00 / 0.11255077 = 106.6185… → 106.62
        (120000, "12", 12, 10662),
        # 1000.00 at 18 % over 12: r = 0.015; 1.015^12 = 1.19561817; 1 − 1/that = 0.16360702…;
        # 15.00 / 0.16360702 = 91.6799… → 91.68
        (100000, "18", 12, 9168),
        # one installment: P = B(1 + r) = 1000.00 × 1.01 = 1010.00
        (100000, "12", 1, 101000),
        # 0 %: P = B / n
        (100000, "0", 3, 33333),  # 333.333… → 333.33
        (100000, "0", 6, 16667),  # 166.666… → 166.67
        (100001, "0", 2, 50001),  # 500.005 exactly → half-up 500.01 (half-even: 500.00)
        (120000, "0", 12, 10000),
    ],
)
def test_annuity_payment(balance: int, apr: str, n: int, payment: int) -> None:
    assert annuity_payment(balance, Decimal(apr), n) == payment


@pytest.mark.parametrize(
    ("balance", "fee_rate", "n", "payment"),
    [
        (100000, "0.6", 3, 33933),  # 333.333… + 6.00 = 339.333… → 339.33
        (120000, "0.5", 12, 10600),  # 100.00 + 6.00
        (100001, "0", 2, 50001),  # 500.005 → 500.01 (half-up)
        (100000, "0.75", 1, 100750),  # 1000.00 + 7.50
        (33333, "0.65", 6, 5772),  # 55.555 + 2.166645 = 57.721645 → 57.72
    ],
)
def test_flat_fee_payment(balance: int, fee_rate: str, n: int, payment: int) -> None:
    assert flat_fee_payment(balance, Decimal(fee_rate), n) == payment


def test_quote_annuity_by_hand() -> None:
    # schedule at P = 340.02: 1000.00 +10.00 −340.02 = 669.98; +6.70 −340.02 = 336.66;
    # +3.37 (3.3666) = 340.03 → the last installment; total 680.04 + 340.03 = 1020.07
    quote = quote_restructure(loan("Loan", 100000, 12, 15000), 3)
    assert quote.mode == RestructureMode.ANNUITY
    assert quote.installments == 3
    assert quote.installment == usd(34002)
    assert quote.last_installment == usd(34003)
    assert quote.total_paid == usd(102007)
    assert quote.cost == usd(2007)
    assert quote.current_payment == usd(15000)
    assert quote.monthly_relief == usd(15000 - 34002)  # negative: the new payment is higher
    assert quote.fee_rate == Decimal(0)


def test_quote_flat_fee_by_hand() -> None:
    # fee 1000.00 × 0.6 % = 6.00 each period; P = 333.333… + 6.00 → 339.33;
    # total = 1000.00 + 3 × 6.00 = 1018.00; last = 1018.00 − 2 × 339.33 = 339.34
    quote = quote_restructure(
        loan("Card", 100000, 18, 5000, kind=LoanKind.CREDIT_CARD),
        3,
        RestructureMode.FLAT_FEE,
        Decimal("0.6"),
    )
    assert quote.installment == usd(33933)
    assert quote.last_installment == usd(33934)
    assert quote.total_paid == usd(101800)
    assert quote.cost == usd(1800)
    assert quote.fee_rate == Decimal("0.6")
    assert quote.monthly_relief == usd(5000 - 33933)


def test_quote_space_and_time_at_zero_percent() -> None:
    # 1200.00 card at 0 %, paying 150.00 today: 8 months. Over 12 installments of 100.00:
    # relief 50.00 a month (space), 4 months more (time), no extra cost.
    card = loan("Card", 120000, 0, 15000, kind=LoanKind.CREDIT_CARD)
    quote = quote_restructure(card, 12)
    assert quote.installment == quote.last_installment == usd(10000)
    assert quote.total_paid == usd(120000)
    assert quote.cost == usd(0)
    assert quote.monthly_relief == usd(5000)
    assert quote.months_at_current_payment == 8
    assert quote.interest_at_current_payment == usd(0)
    assert quote.months_added == 4


def test_quote_annuity_uses_apr_but_today_uses_the_rate_in_force() -> None:
    overdue = loan("L", 100000, 12, 15000, penalty_apr=Decimal(36), overdue_since=date(2026, 9, 1))
    quote = quote_restructure(overdue, 3)
    assert quote.installment == usd(34002)  # at the 12 % APR
    assert (quote.months_at_current_payment, quote.interest_at_current_payment) == (
        months_to_repay(100000, Decimal(36), 15000)[0],
        usd(months_to_repay(100000, Decimal(36), 15000)[1] or 0),
    )
    # at 36 % today's 150.00 takes longer than at 12 %
    assert (quote.months_at_current_payment or 0) > (
        months_to_repay(100000, Decimal(12), 15000)[0] or 0
    )


def test_quote_of_a_restructured_loan_compares_with_its_installment() -> None:
    agreed, _ = restructured(loan("L", 100000, 12, 15000), 3)
    quote = quote_restructure(agreed, 6)
    assert quote.current_payment == usd(34002)


def test_as_terms() -> None:
    quote = quote_restructure(loan("L", 100000, 12, 15000), 3)
    terms = quote.as_terms(ProposalState.AGREED, TODAY)
    assert (terms.installment, terms.last_installment, terms.balance) == (
        usd(34002),
        usd(34003),
        usd(100000),
    )
    assert terms.state == ProposalState.AGREED and terms.agreed_on == TODAY
    agreed, _ = restructured(loan("L", 100000, 12, 15000), 3)
    assert agreed.is_restructured and agreed.scheduled_payment == usd(34002)
    assert agreed.status == LoanStatus.RESTRUCTURED


# ---------------------------------------------------------------------------- limits


def test_credit_card_allows_at_most_60_installments() -> None:
    card = loan("Card", 500000, 18, 15000, kind=LoanKind.CREDIT_CARD)
    assert quote_restructure(card, 60).installments == 60
    with pytest.raises(RestructureError, match=r"61 installments is too many for a credit card"):
        quote_restructure(card, 61)
    with pytest.raises(RestructureError, match="60 installments at the longest"):
        check_installments(card, 61)
    assert CREDIT_CARD_MAX_INSTALLMENTS == 60
    # other loans may go longer
    assert quote_restructure(loan("Bank", 500000, 18, 15000), 61).installments == 61
    assert quote_restructure(loan("Bank", 500000, 18, 15000), 600).installments == 600
    with pytest.raises(RestructureError, match="at most 600"):
        quote_restructure(loan("Bank", 500000, 18, 15000), 601)


@pytest.mark.parametrize("n", [0, -1, -60])
def test_installments_below_one_refused(n: int) -> None:
    with pytest.raises(RestructureError, match="at least 1"):
        quote_restructure(loan("L", 100000, 12, 5000), n)


def test_nothing_to_restructure_or_bad_fee_refused() -> None:
    with pytest.raises(RestructureError, match="nothing left"):
        quote_restructure(loan("L", 0, 12, 5000), 3)
    with pytest.raises(RestructureError, match="must not be negative"):
        quote_restructure(loan("L", 100000, 12, 5000), 3, RestructureMode.FLAT_FEE, Decimal(-1))


def test_more_installments_than_the_balance_needs_refused() -> None:
    # 1.00 over 600 at 0 %: P = 0.1666… cents → 0 → refused rather than a plan of zeros
    with pytest.raises(RestructureError, match=r"more than a balance of 1\.00 needs"):
        quote_restructure(loan("L", 100, 0, 100), 600)


def test_longest_restructure() -> None:
    assert (
        longest_restructure(loan("C", 500000, 18, 1, kind=LoanKind.CREDIT_CARD)).installments == 60
    )
    assert longest_restructure(loan("B", 500000, 18, 1)).installments == 120


# ---------------------------------------------------------------------------- months at today's pay


def test_months_to_repay_by_hand() -> None:
    # 1000.00 at 12 % paying 340.02: 669.98, 336.66, then 340.03 − 340.02 = 0.01,
    # month 4: interest on 0.01 = 0.0001 → 0, pays 0.01 → 4 months, interest 10.00+6.70+3.37
    assert months_to_repay(100000, Decimal(12), 34002) == (4, 2007)
    assert months_to_repay(100000, Decimal(0), 25000) == (4, 0)
    assert months_to_repay(0, Decimal(12), 100) == (0, 0)
    # 10000.00 at 24 %: 200.00 interest a month; paying 200.00 never ends
    assert months_to_repay(1000000, Decimal(24), 20000) == (None, None)


# ---------------------------------------------------------------------------- gap closing


@pytest.mark.parametrize(
    ("gap", "installments"),
    [
        # 1200.00 card at 0 %, paying 150.00. Relief of n installments = 150.00 − 1200.00/n.
        (0, 8),  # 150.00: relief 0
        (5000, 12),  # 100.00: relief exactly 50.00
        (5001, 13),  # 92.307… → 92.31: relief 57.69 (12 gives only 50.00)
        (13000, 60),  # 20.00 at the card limit: relief 130.00
    ],
)
def test_installments_to_relieve(gap: int, installments: int) -> None:
    card = loan("Card", 120000, 0, 15000, kind=LoanKind.CREDIT_CARD)
    quote = installments_to_relieve(card, usd(gap))
    assert quote is not None
    assert quote.installments == installments
    assert quote.monthly_relief.minor >= gap


def test_installments_to_relieve_none_beyond_the_card_limit() -> None:
    card = loan("Card", 120000, 0, 15000, kind=LoanKind.CREDIT_CARD)
    assert installments_to_relieve(card, usd(13001)) is None  # 60 installments relieve 130.00


def test_installments_to_relieve_is_the_fewest() -> None:
    bank = loan("Bank", 1500000, "16.5", 60000)
    quote = installments_to_relieve(bank, usd(25000))
    assert quote is not None
    assert quote.monthly_relief >= usd(25000)
    fewer = quote_restructure(bank, quote.installments - 1)
    assert fewer.monthly_relief < usd(25000)


# --- the true price of the time (README, "Restructuring") -------------------------------------


@pytest.mark.parametrize(
    ("fee_rate", "installments", "expected"),
    [
        # 10,000.00 over 12: 833.33 + 60.00 = 893.33 a month (last 893.37); the monthly rate at
        # which 11 × 893.33 + 893.37 discounted one month apart equals 10,000.00 is 1.0858 %.
        ("0.6", 12, "13.03"),
        ("0.68", 24, "14.96"),
    ],
)
def test_a_flat_fee_costs_far_more_a_year_than_it_says(
    fee_rate: str, installments: int, expected: str
) -> None:
    loan = Loan(
        "Card", LoanKind.CREDIT_CARD, Money(1_000_000, "CNY"), Decimal(18), Money(5000, "CNY")
    )
    quote = quote_restructure(loan, installments, RestructureMode.FLAT_FEE, Decimal(fee_rate))
    assert quote.equivalent_apr == Decimal(expected)


@pytest.mark.parametrize("installments", [12, 36, 60])
def test_an_annuity_costs_its_own_rate(installments: int) -> None:
    loan = Loan(
        "Card", LoanKind.CREDIT_CARD, Money(1_000_000, "CNY"), Decimal(18), Money(5000, "CNY")
    )
    assert quote_restructure(loan, installments).equivalent_apr == Decimal("18.00")


def test_a_plan_without_a_price_costs_nothing() -> None:
    loan = Loan("Card", LoanKind.OTHER, Money(120_000, "USD"), Decimal(0), Money(5000, "USD"))
    assert quote_restructure(loan, 12).equivalent_apr == Decimal("0.00")


def test_an_installment_of_exactly_half_a_cent_rounds_up() -> None:
    """1,500.00 at 1.22 % in one installment: 1,500.00 + 1,500.00 x 1.22 % / 12 = 1,501.525
    exactly, so 1,501.53 (50-digit decimals made it 1,501.52499… and 1,501.52)."""
    assert annuity_payment(150_000, Decimal("1.22"), 1) == 150_153


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        (Fraction(5, 2), 3),
        (Fraction(-5, 2), -3),
        (Fraction(249_999, 100_000), 2),
        (Fraction(7, 3), 2),
        (Fraction(-7, 3), -2),
        (Fraction(0), 0),
    ],
)
def test_a_rational_amount_rounds_half_away_from_zero(value: Fraction, rounded: int) -> None:
    assert round_fraction_half_up(value) == rounded
