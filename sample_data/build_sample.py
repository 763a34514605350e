"""Build `sample_data/debtcoach.json`: a realistic household in trouble, through our own API.

Run from the repository root: `python sample_data/build_sample.py`. The data is dated around
2026-11-23 (ISO week 2026-W48), the date the tests and demo screenshots are fixed to.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pendulum

from debtcoach.domain.calendar import iso_week
from debtcoach.domain.models import (
    BalanceEntry,
    Channel,
    CheckIn,
    Contact,
    Expense,
    FamilyLoan,
    FamilyRepayment,
    Frequency,
    Household,
    IncomeKind,
    IncomeSource,
    Loan,
    LoanKind,
    LoanStatus,
    Settings,
    Strategy,
)
from debtcoach.domain.money import Money
from debtcoach.store.repository import Repository

TODAY = pendulum.date(2026, 11, 23)


def usd(amount: str) -> Money:
    return Money(int(Decimal(amount) * 100), "USD")


def d(text: str) -> pendulum.Date:
    return pendulum.parse(text).date()  # type: ignore[union-attr,no-any-return]


LOANS = (
    Loan(
        name="Visa",
        lender="Harbor Bank",
        kind=LoanKind.CREDIT_CARD,
        balance=usd("5200.00"),
        apr=Decimal("19.99"),
        penalty_apr=Decimal("29.99"),
        min_payment=usd("156.00"),
        due_day=20,
        overdue_since=d("2026-08-20"),
        late_fee=usd("35.00"),
        opened_on=d("2019-03-01"),
        purpose="everyday spending",
        status=LoanStatus.OVERDUE,
    ),
    Loan(
        name="QuickCash",
        lender="QuickCash online lending",
        kind=LoanKind.ONLINE_PLATFORM,
        balance=usd("1800.00"),
        apr=Decimal("35.9"),
        min_payment=usd("180.00"),
        due_day=5,
        opened_on=d("2026-09-05"),
        purpose="to cover the Visa minimum payment",
        to_repay_other_debt=True,
        status=LoanStatus.CURRENT,
    ),
    Loan(
        name="Car loan",
        lender="City Auto Finance",
        kind=LoanKind.CAR,
        balance=usd("7400.00"),
        apr=Decimal("6.9"),
        min_payment=usd("245.00"),
        due_day=12,
        opened_on=d("2023-05-15"),
        purpose="car for commuting",
        status=LoanStatus.CURRENT,
    ),
    Loan(
        name="Sofa loan",
        lender="HomeStore Credit",
        kind=LoanKind.CONSUMER_LOAN,
        balance=usd("2300.00"),
        apr=Decimal("14.5"),
        min_payment=usd("95.00"),
        due_day=28,
        opened_on=d("2025-11-02"),
        purpose="furniture",
        status=LoanStatus.CURRENT,
    ),
)

INCOME = (
    IncomeSource("Salary", IncomeKind.REGULAR, usd("2650.00"), Frequency.MONTHLY),
    IncomeSource(
        "Weekend delivery", IncomeKind.SIDE, usd("90.00"), Frequency.WEEKLY, notes="Saturdays"
    ),
    IncomeSource(
        "Tutoring", IncomeKind.SIDE, usd("160.00"), Frequency.BIWEEKLY, notes="maths, two pupils"
    ),
)

EXPENSES = (
    Expense("Rent", usd("1150.00"), essential=True),
    Expense("Groceries", usd("520.00"), usd("420.00"), essential=True, cut_active=True),
    Expense("Utilities", usd("160.00"), essential=True),
    Expense("Phone & internet", usd("95.00"), usd("55.00"), cut_active=True),
    Expense("Transport", usd("180.00"), essential=True),
    Expense("Eating out", usd("210.00"), usd("60.00"), cut_active=True),
    Expense("Streaming", usd("42.00"), usd("12.00")),
    Expense("Clothing", usd("90.00"), usd("30.00")),
    Expense("Gym", usd("45.00"), usd("0.00")),
    Expense("Insurance", usd("120.00"), essential=True),
)

FAMILY = (
    FamilyLoan(
        lender="Mum",
        relationship="mother",
        amount=usd("1500.00"),
        borrowed_on=d("2026-09-10"),
        promised=d("2027-06-30"),
        repayments=(FamilyRepayment(d("2026-11-01"), usd("100.00")),),
        notes="for the September rent",
    ),
    FamilyLoan(
        lender="Li Wei",
        relationship="friend",
        amount=usd("600.00"),
        borrowed_on=d("2026-10-01"),
        promised=d("2027-03-31"),
    ),
)

CONTACTS = (
    Contact(
        loan="Visa",
        on=d("2026-10-02"),
        channel=Channel.PHONE,
        who="Harbor Bank collections",
        asked="an installment plan for the overdue balance",
        outcome="asked for proof of income",
        follow_up=d("2026-10-16"),
    ),
    Contact(
        loan="Visa",
        on=d("2026-10-20"),
        channel=Channel.LETTER,
        who="Harbor Bank hardship team",
        asked="36 installments, sent payslips",
        outcome="waiting for an answer",
        follow_up=d("2026-11-27"),
    ),
    Contact(
        loan="QuickCash",
        on=d("2026-11-02"),
        channel=Channel.APP,
        who="support chat",
        asked="whether the due date can move to the 25th",
        outcome="refused",
    ),
)


def checkins_and_history() -> tuple[list[CheckIn], list[BalanceEntry]]:
    """Twelve past weeks (2026-W36 … 2026-W47): payments recorded, balances falling slowly."""
    checkins: list[CheckIn] = []
    history: list[BalanceEntry] = []
    first_monday = TODAY.start_of("week").subtract(weeks=12)
    balances = {loan.name: loan.balance.minor + 12 * 6000 // 4 for loan in LOANS}
    for i in range(12):
        monday = first_monday.add(weeks=i)
        week = iso_week(monday)
        paid: dict[str, Money] = {}
        if i % 4 == 0:
            paid = {"Car loan": usd("245.00"), "Sofa loan": usd("95.00")}
        elif i % 4 == 1:
            paid = {"QuickCash": usd("180.00")} if i > 1 else {}
        elif i % 4 == 2:
            paid = {"Visa": usd("100.00")}
        received = {"Weekend delivery": usd("90.00")}
        if i % 2 == 0:
            received["Tutoring"] = usd("160.00")
        if i % 4 == 3:
            received["Salary"] = usd("2650.00")
        spent = {"Groceries": usd("105.00") if i % 3 else usd("96.50"), "Eating out": usd("15.00")}
        checkins.append(
            CheckIn(
                week=week,
                on=monday.add(days=6),
                paid=paid,
                received=received,
                spent=spent,
                borrowed=i == 0,
                note="Borrowed from QuickCash to cover the Visa." if i == 0 else "",
            )
        )
        for loan in LOANS:
            step = (balances[loan.name] - loan.balance.minor) // (12 - i)
            balances[loan.name] -= step
            history.append(
                BalanceEntry(loan.name, monday.add(days=6), Money(balances[loan.name], "USD"), week)
            )
    return checkins, history


def build(path: Path) -> None:
    checkins, history = checkins_and_history()
    household = Household(
        settings=Settings(
            currency="USD",
            locale="en_US",
            safety_buffer=usd("100.00"),
            strategy=Strategy.AVALANCHE,
            custom_order=("QuickCash", "Visa", "Sofa loan", "Car loan"),
        ),
        loans=LOANS,
        income=INCOME,
        expenses=EXPENSES,
        family_loans=FAMILY,
        contacts=CONTACTS,
        checkins=tuple(checkins),
        balances=tuple(history),
    )
    if path.exists():
        path.unlink()
    Repository(path).replace_all(household)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("debtcoach.json")
    build(target)
    print(f"wrote {target}")
