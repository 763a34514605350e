"""Numbers and text leave the store in a form that reads back: plain rates, escaped controls."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from debtcoach.domain.models import FamilyLoan, Household, Loan, LoanKind
from debtcoach.domain.money import Money
from debtcoach.domain.text_rules import is_control
from debtcoach.store.exchange import household_from_json, household_to_json, json_text


def test_a_rate_stored_with_an_exponent_is_exported_plain_and_imports_again() -> None:
    # Files written before exponents were refused may hold 1E+2 (typed as 1e2) or 0E-7.
    loan = Loan(
        "Visa", LoanKind.CREDIT_CARD, Money(10000, "USD"), Decimal("1E+2"), Money(1000, "USD"),
        penalty_apr=Decimal("0E-7"),
    )  # fmt: skip
    family = FamilyLoan("Mom", Money(5000, "USD"), date(2026, 1, 1), apr=Decimal("1E+1"))
    data = household_to_json(Household(loans=(loan,), family_loans=(family,)))
    assert data["loans"][0]["apr"] == "100"
    assert data["loans"][0]["penalty_apr"] == "0.0000000"
    assert data["family"][0]["apr"] == "10"
    back = household_from_json(data)
    assert str(back.loans[0].apr) == "100"
    assert str(back.loans[0].penalty_apr) == "0.000000"
    assert str(back.family_loans[0].apr) == "10"


def test_json_text_holds_no_raw_control_and_reads_back_the_same() -> None:
    data = {"lender\x9b": "Bank\x1b]0;x\x07 \x85\x7f \udcff 招商银行 👩‍👧", "n": [1, "2"]}
    text = json_text(data)
    assert not any(is_control(c) and c != "\n" for c in text)
    text.encode("utf-8")
    assert "招商银行 👩‍👧" in text
    assert json.loads(text) == data
