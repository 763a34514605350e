"""First-use progress, and the currencies a household can keep accounts in."""

from __future__ import annotations

from datetime import date

import pytest

from debtcoach.domain.checkin import apply_checkin, undo_checkin
from debtcoach.domain.dashboard import payoff_progress
from debtcoach.domain.models import BalanceEntry, CheckIn, FamilyLoan, FamilyRepayment, Household
from debtcoach.domain.money import MoneyError, validate_household_currency

from .builders import loan, usd

WEEK = "2026-W48"


def fresh() -> Household:
    return Household(
        loans=(loan("Visa", 5000_00, "24", 100_00),),
        family_loans=(FamilyLoan("Aunt", usd(994_00), date(2026, 1, 10)),),
    )


def checkin(visa: int, aunt: int) -> CheckIn:
    return CheckIn(week=WEEK, on=date(2026, 11, 23), paid={"Visa": usd(visa), "Aunt": usd(aunt)})


def test_the_first_checkin_on_a_new_file_counts_as_progress() -> None:
    after, _ = apply_checkin(fresh(), checkin(156_00, 50_00))
    progress = payoff_progress(after)
    assert progress.start == usd(5994_00)
    assert progress.now == usd(5788_00)
    assert progress.paid == usd(206_00)


def test_correcting_the_first_week_keeps_the_start_and_undo_is_exact() -> None:
    once, _ = apply_checkin(fresh(), checkin(156_00, 50_00))
    corrected, _ = apply_checkin(once, checkin(100_00, 20_00))
    again, _ = apply_checkin(corrected, checkin(100_00, 20_00))
    assert again == corrected
    progress = payoff_progress(corrected)
    assert (progress.start, progress.paid) == (usd(5994_00), usd(120_00))
    assert undo_checkin(corrected, WEEK) == fresh()


def test_a_family_loan_starts_at_the_amount_borrowed_whatever_its_history() -> None:
    household = Household(
        family_loans=(
            FamilyLoan(
                "Mum",
                usd(500_00),
                date(2026, 1, 1),
                repayments=(FamilyRepayment(date(2026, 2, 1), usd(100_00)),),
            ),
        ),
        balances=(BalanceEntry("Mum", date(2026, 2, 1), usd(400_00), "edit", family=True),),
    )
    progress = payoff_progress(household)
    assert (progress.start, progress.paid) == (usd(500_00), usd(100_00))


@pytest.mark.parametrize("code", ["XXX", "XTS", "xau", "XDR", "XSU"])
def test_codes_that_are_not_money_for_people_are_refused(code: str) -> None:
    with pytest.raises(MoneyError, match="not money people pay debts in"):
        validate_household_currency(code)


@pytest.mark.parametrize("code", ["XAF", "XOF", "XPF", "XCD", "USD", "eur"])
def test_real_currencies_including_real_x_codes_are_kept(code: str) -> None:
    assert validate_household_currency(code) == code.upper()
