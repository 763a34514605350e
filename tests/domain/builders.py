"""Small builders shared by the domain tests (amounts are written in cents to stay exact)."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

from debtcoach.domain.models import (
    FamilyLoan,
    Loan,
    LoanKind,
    LoanStatus,
    ProposalState,
    RestructureMode,
)
from debtcoach.domain.money import Money
from debtcoach.domain.restructure import RestructureQuote, quote_restructure

TODAY = date(2026, 11, 15)  # month 1 of every plan below is 2026-12


def usd(minor: int) -> Money:
    return Money(minor, "USD")


def loan(
    name: str,
    balance: int,
    apr: str | int | Decimal,
    min_payment: int,
    *,
    kind: LoanKind = LoanKind.CONSUMER_LOAN,
    **extra: object,
) -> Loan:
    return Loan(
        name=name,
        kind=kind,
        balance=usd(balance),
        apr=Decimal(apr),
        min_payment=usd(min_payment),
        **extra,  # type: ignore[arg-type]
    )


def family(
    lender: str,
    amount: int,
    *,
    promised: date | None = None,
    apr: str | int | Decimal = 0,
) -> FamilyLoan:
    return FamilyLoan(
        lender=lender,
        amount=usd(amount),
        borrowed_on=date(2025, 1, 1),
        promised=promised,
        apr=Decimal(apr),
    )


def restructured(
    base: Loan,
    installments: int,
    mode: RestructureMode = RestructureMode.ANNUITY,
    fee_rate: str | int | Decimal = 0,
    state: ProposalState = ProposalState.AGREED,
) -> tuple[Loan, RestructureQuote]:
    """The loan with agreed terms in force, and the quote they came from."""
    quote = quote_restructure(base, installments, mode, Decimal(fee_rate))
    terms = quote.as_terms(state, agreed_on=TODAY)
    return dataclasses.replace(base, status=LoanStatus.RESTRUCTURED, restructure=terms), quote
