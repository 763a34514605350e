"""Years of weekly check-ins as the check-in path leaves them behind (seeded, repeatable).

The household starts `years` before TODAY with 12 loans, 6 income sources, 20 expense categories,
4 family loans and 200 lender contacts; then every week gets its check-in through
`domain.checkin.apply_checkin`, the code `debtcoach checkin add` runs (it pays three open debts,
a relative every fourth week, records income and spending), so the balance history holds one point
per open debt per week, as ten real years of `checkin add` do. The whole result is written once
with `Repository.replace_all`: the same rows, in the same order, as 520 saves one after the other
(a test checks this on a few weeks against `services.checkin.save_checkin`).

`never_ends` makes the worst case for the plan: one loan grows faster than the budget can pay, so
the plan runs all 600 months and never ends.

    python benchmarks/ten_years.py /tmp/ten-years.json [--years 10] [--never-ends]
"""

from __future__ import annotations

import argparse
import random
from decimal import Decimal
from pathlib import Path

import pendulum
from msgspec.structs import replace

from debtcoach.domain.calendar import iso_week
from debtcoach.domain.checkin import apply_checkin
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
    Settings,
)
from debtcoach.domain.money import Money
from debtcoach.store.repository import Repository

TODAY = pendulum.date(2026, 11, 23)
WEEKS_PER_YEAR = 52
LOANS = 12
FAMILY_LOANS = 4
CONTACTS = 200


def usd(cents: int) -> Money:
    return Money(cents, "USD")


def starting_household(weeks: int, seed: int = 2026) -> Household:
    """The household as it was `weeks` weeks before TODAY, before its first check-in."""
    rng = random.Random(seed)
    kinds = list(LoanKind)
    start = TODAY.start_of("week").subtract(weeks=max(weeks, 1))
    loans = []
    for i in range(LOANS):
        balance = rng.randrange(2_000_000, 6_000_000)
        overdue = i % 4 == 0
        loans.append(
            Loan(
                name=f"Loan {i + 1:02d}",
                lender=f"Lender {i + 1}",
                kind=kinds[i % len(kinds)],
                balance=usd(balance),
                apr=Decimal(rng.randrange(0, 3600)) / 100,
                penalty_apr=Decimal(rng.randrange(2000, 4000)) / 100 if overdue else None,
                min_payment=usd(max(2_500, balance // 60)),
                due_day=rng.randrange(1, 29),
                overdue_since=TODAY.subtract(days=rng.randrange(20, 200)) if overdue else None,
                opened_on=start.subtract(weeks=rng.randrange(1, 100)),
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
            amount=usd(rng.randrange(1_500_000, 3_000_000)),
            borrowed_on=start.subtract(weeks=rng.randrange(1, 50)),
            promised=TODAY.add(months=rng.randrange(3, 36)),
        )
        for i in range(FAMILY_LOANS)
    ]
    contacts = [
        Contact(
            loan=loans[i % LOANS].name,
            on=start.add(days=rng.randrange(0, max(weeks, 1) * 7)),
            channel=list(Channel)[i % len(Channel)],
            who="agent",
            asked="a longer plan",
            outcome="pending",
            follow_up=None,
        )
        for i in range(CONTACTS if weeks else 0)
    ]
    contacts.sort(key=lambda c: c.on)
    return Household(
        settings=Settings(safety_buffer=usd(10_000)),
        loans=tuple(loans),
        income=tuple(income),
        expenses=tuple(expenses),
        family_loans=tuple(family),
        contacts=tuple(contacts),
    )


def week_checkin(household: Household, week_number: int, rng: random.Random) -> CheckIn:
    """What one week's `checkin add` records: three open loans paid, a relative every fourth
    week, the salary received and one expense spent."""
    start = TODAY.start_of("week").subtract(weeks=week_number)
    sunday = start.add(days=6)
    open_loans = [loan for loan in household.loans if loan.balance.minor > 0]
    paid: dict[str, Money] = {}
    for loan in rng.sample(open_loans, min(3, len(open_loans))):
        paid[loan.name] = usd(min(rng.randrange(1_000, 20_000), loan.balance.minor))
    if week_number % 4 == 0:
        owing = [item for item in household.family_loans if item.balance.minor > 0]
        if owing:
            item = owing[week_number // 4 % len(owing)]
            paid[item.lender] = usd(min(5_000, item.balance.minor))
    return CheckIn(
        week=iso_week(start),
        on=sunday,
        paid=paid,
        received={household.income[0].name: usd(rng.randrange(50_000, 90_000))},
        spent={household.expenses[1].name: usd(rng.randrange(5_000, 20_000))},
        borrowed=False,
        note=f"week {week_number}",
    )


def build_household(years: float = 10, seed: int = 2026, *, never_ends: bool = False) -> Household:
    """`years` of weekly check-ins (0: the household on its first day)."""
    weeks = round(years * WEEKS_PER_YEAR)
    household = starting_household(weeks, seed)
    rng = random.Random(seed + 1)
    for back in range(weeks, 0, -1):
        household, _ = apply_checkin(household, week_checkin(household, back, rng))
    if never_ends:
        household = never_ending(household)
    return household


def never_ending(household: Household) -> Household:
    """The worst case for the plan: one loan's interest (45 % on $500,000) outgrows the whole
    budget, so the plan runs all 600 months and never pays it off."""
    first, *others = household.loans
    huge = replace(first, balance=usd(50_000_000), apr=Decimal(45), penalty_apr=None)
    return replace(household, loans=(huge, *others))


def write_household(
    path: Path, years: float = 10, seed: int = 2026, *, never_ends: bool = False
) -> Path:
    if path.exists():
        path.unlink()
    Repository(path).replace_all(build_household(years, seed, never_ends=never_ends))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path, help="the data file to write")
    parser.add_argument("--years", type=float, default=10, help="years of weekly check-ins")
    parser.add_argument("--never-ends", action="store_true", help="a plan that never ends")
    args = parser.parse_args()
    write_household(args.target, args.years, never_ends=args.never_ends)
    print(f"wrote {args.target} ({args.target.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
