"""Store tests run against real data files in pytest's tmp_path: nothing here mocks storage."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from debtcoach.domain.models import (
    Channel,
    CheckIn,
    Contact,
    Expense,
    FamilyLoan,
    Frequency,
    IncomeKind,
    IncomeSource,
    Loan,
    LoanKind,
)
from debtcoach.domain.money import Money
from debtcoach.store import Repository


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "debtcoach.json"


@pytest.fixture
def repo(db_path: Path) -> Repository:
    return Repository(db_path)


class Samples:
    """Small valid rows for tests; the `make` fixture hands them out."""

    @staticmethod
    def usd(major: str) -> Money:
        return Money(int(Decimal(major) * 100), "USD")

    @staticmethod
    def loan(name: str = "Visa", balance: str = "5000.00") -> Loan:
        return Loan(
            name=name,
            kind=LoanKind.CREDIT_CARD,
            balance=Samples.usd(balance),
            apr=Decimal("19.99"),
            min_payment=Samples.usd("150.00"),
            overdue_since=date(2026, 9, 1),
        )

    @staticmethod
    def income(name: str = "Salary") -> IncomeSource:
        return IncomeSource(name, IncomeKind.REGULAR, Samples.usd("3000.00"), Frequency.MONTHLY)

    @staticmethod
    def expense(name: str = "Takeaway") -> Expense:
        return Expense(name, current=Samples.usd("300.00"), target=Samples.usd("100.00"))

    @staticmethod
    def family_loan(lender: str = "Mom") -> FamilyLoan:
        return FamilyLoan(
            lender=lender, amount=Samples.usd("2000.00"), borrowed_on=date(2026, 3, 1)
        )

    @staticmethod
    def contact(loan: str = "Visa", day: int = 2) -> Contact:
        return Contact(
            loan=loan, on=date(2026, 11, day), channel=Channel.PHONE, asked="installments"
        )

    @staticmethod
    def checkin(week: str = "2026-W48", paid: str = "150.00") -> CheckIn:
        return CheckIn(week=week, on=date(2026, 11, 23), paid={"Visa": Samples.usd(paid)})


@pytest.fixture
def make() -> type[Samples]:
    return Samples
