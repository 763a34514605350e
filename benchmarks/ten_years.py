"""Generate ten years of weekly check-ins through the project's own API (seeded, repeatable).

12 loans, 6 income sources, 20 expense categories, 4 family loans, 520 weekly check-ins with
payments (and the balance history they leave), 200 lender contacts.

    python benchmarks/ten_years.py /tmp/ten-years.json
"""

from __future__ import annotations

import random
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
)
from debtcoach.domain.money import Money
from debtcoach.store.repository import Repository

TODAY = pendulum.date(2026, 11, 23)
WEEKS = 520


def usd(cents: int) -> Money:
    return Money(cents, "USD")


def build_household(seed: int = 2026) -> Household:
    rng = random.Random(seed)
    kinds = list(LoanKind)
    start = TODAY.start_of("week").subtract(weeks=WEEKS)
    loans = []
    for i in range(12):
        balance = rng.randrange(50_000, 2_500_000)
        overdue = i % 4 == 0
        loans.append(
            Loan(
                name=f"Loan {i + 1:02d}",
                lender=f"Lender {i + 1}",
                kind=kinds[i % len(kinds)],
                balance=usd(balance),
                apr=Decimal(rng.randrange(0, 3600)) / 100,
                penalty_apr=Decimal(rng.randrange(2000, 4000)) / 100 if overdue else None,
                min_payment=usd(max(2_500, balance // 40)),
                due_day=rng.randrange(1, 29),
                overdue_since=TODAY.subtract(days=rng.randrange(20, 200)) if overdue else None,
                opened_on=start.add(weeks=rng.randrange(0, 100)),
                status=LoanStatus.OVERDUE if overdue else LoanStatus.CURRENT,
            )
        )
    frequencies = [Frequency.MONTHLY, Frequency.WEEKLY, Frequency.BIWEEKLY, Frequency.YEARLY]
    income = [
        IncomeSource(
            name=f"Income {i + 1}",
            kind=IncomeKind.REGULAR if i < 2 else IncomeKind.SIDE,
            amount=usd(rng.randrange(10_000, 400_000)),
            frequency=frequencies[i % len(frequencies)],
        )
        for i in range(6)
    ]
    expenses = []
    for i in range(20):
        current = rng.randrange(2_000, 150_000)
        expenses.append(
            Expense(
                name=f"Expense {i + 1:02d}",
                current=usd(current),
                target=usd(current * rng.randrange(40, 100) // 100),
                essential=i % 3 == 0,
                cut_active=i % 2 == 0,
            )
        )
    family = [
        FamilyLoan(
            lender=f"Relative {i + 1}",
            amount=usd(rng.randrange(50_000, 500_000)),
            borrowed_on=start.add(weeks=rng.randrange(0, 400)),
            promised=TODAY.add(months=rng.randrange(3, 36)),
            repayments=tuple(
                FamilyRepayment(start.add(weeks=w), usd(1_000)) for w in range(10, 500, 50)
            ),
        )
        for i in range(4)
    ]
    contacts = [
        Contact(
            loan=loans[i % 12].name,
            on=start.add(days=rng.randrange(0, WEEKS * 7)),
            channel=list(Channel)[i % len(Channel)],
            who="agent",
            asked="a longer plan",
            outcome="pending",
            follow_up=None,
        )
        for i in range(200)
    ]
    contacts.sort(key=lambda c: c.on)
    checkins: list[CheckIn] = []
    history: list[BalanceEntry] = []
    for week_number in range(WEEKS):
        monday = start.add(weeks=week_number)
        week = iso_week(monday)
        paid = {loan.name: usd(rng.randrange(1_000, 20_000)) for loan in rng.sample(loans, 3)}
        checkins.append(
            CheckIn(
                week=week,
                on=monday.add(days=6),
                paid=paid,
                received={income[0].name: usd(rng.randrange(50_000, 90_000))},
                spent={expenses[1].name: usd(rng.randrange(5_000, 20_000))},
                borrowed=False,
                note=f"week {week_number + 1}",
            )
        )
        for name, amount in paid.items():
            history.append(
                BalanceEntry(name, monday.add(days=6), usd(amount.minor * 20), f"checkin:{week}")
            )
    return Household(
        settings=Settings(safety_buffer=usd(10_000)),
        loans=tuple(loans),
        income=tuple(income),
        expenses=tuple(expenses),
        family_loans=tuple(family),
        contacts=tuple(contacts),
        checkins=tuple(checkins),
        balances=tuple(history),
    )


def write_ten_years(path: Path, seed: int = 2026) -> Path:
    if path.exists():
        path.unlink()
    Repository(path).replace_all(build_household(seed))
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("ten-years.json")
    write_ten_years(target)
    print(f"wrote {target} ({target.stat().st_size // 1024} KiB)")
