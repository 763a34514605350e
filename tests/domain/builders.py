"""Small builders shared by the domain tests (amounts are written in cents to stay exact)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from msgspec.structs import replace

from debtcoach.domain.models import (
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
)
from debtcoach.domain.money import Money
from debtcoach.domain.payoff import PayoffPlan
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
    return replace(base, status=LoanStatus.RESTRUCTURED, restructure=terms), quote


OVERDUE_EXAMPLE_TODAY = date(2026, 12, 1)  # month 1 of the example's plan is 2027-01


def three_loan_overdue_example() -> Household:
    """The README's overdue household (today = OVERDUE_EXAMPLE_TODAY).

    Card: 3000.00 card at 18 % (30 % penalty), minimum 90.00, late fee 25.00, overdue since
    2026-10-05 (2 months, rounded up: arrears 2 × (90.00 + 25.00) = 230.00).
    Platform: 1200.00 at 24 %, promotional 0 % until 2027-02-28, minimum 100.00.
    Salary 2000.00 a month; Tutoring 300.00 a month from 2027-03-01; a 400.00 Bonus on
    2027-01-15 earmarked for Card; 1700.00 of essential expenses. Recurring debt budget
    300.00 a month, 600.00 from 2027-03.
    """
    return Household(
        loans=(
            Loan(
                name="Card",
                kind=LoanKind.CREDIT_CARD,
                balance=usd(300000),
                apr=Decimal(18),
                min_payment=usd(9000),
                penalty_apr=Decimal(30),
                late_fee=usd(2500),
                overdue_since=date(2026, 10, 5),
                status=LoanStatus.OVERDUE,
            ),
            Loan(
                name="Platform",
                kind=LoanKind.ONLINE_PLATFORM,
                balance=usd(120000),
                apr=Decimal(24),
                min_payment=usd(10000),
                promo_apr=Decimal(0),
                promo_until=date(2027, 2, 28),
            ),
        ),
        income=(
            IncomeSource("Salary", IncomeKind.REGULAR, usd(200000), Frequency.MONTHLY),
            IncomeSource(
                "Tutoring", IncomeKind.SIDE, usd(30000), Frequency.MONTHLY, start=date(2027, 3, 1)
            ),
            IncomeSource(
                "Bonus",
                IncomeKind.REGULAR,
                usd(40000),
                Frequency.ONE_OFF,
                start=date(2027, 1, 15),
                for_loan="Card",
            ),
        ),
        expenses=(Expense("Essentials", usd(170000), essential=True),),
    )


def minor_by_month(plan: PayoffPlan, column: str) -> list[dict[str, int]]:
    """One column of the plan's schedule (payments, balances, interest, fees, arrears) in cents."""
    return [{k: v.minor for k, v in getattr(m, column).items()} for m in plan.schedule]


def payments(plan: PayoffPlan) -> list[dict[str, int]]:
    return minor_by_month(plan, "payments")


def balances(plan: PayoffPlan) -> list[dict[str, int]]:
    return minor_by_month(plan, "balances")


def interests(plan: PayoffPlan) -> list[dict[str, int]]:
    return minor_by_month(plan, "interest")


def fees(plan: PayoffPlan) -> list[dict[str, int]]:
    return minor_by_month(plan, "fees")


def arrears(plan: PayoffPlan) -> list[dict[str, int]]:
    return minor_by_month(plan, "arrears")
