"""Restructuring one loan into installments: "changing time for space".

The quote shows both sides honestly: the monthly relief (space) and the extra cost and months
(time). Installments are rounded half-up; the last one absorbs the rounding so the total clears
the balance exactly.

`apply_proposal_state` is the one rule for what marking a proposal does to a loan:
- proposed: the terms are saved as proposed; an overdue or current loan becomes `negotiating`
  (an overdue date keeps the penalty rate in force);
- agreed: the terms are saved as agreed and the loan becomes `restructured`, so the payoff plan
  follows the installments from then on;
- refused: the terms are kept as refused history; the loan goes back to `overdue` if it has an
  overdue date, else `current`.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from msgspec import Struct
from msgspec.structs import replace

from debtcoach.domain.models import (
    Loan,
    LoanKind,
    LoanStatus,
    ProposalState,
    RestructureMode,
    RestructureTerms,
)
from debtcoach.domain.money import Money, round_fraction_half_up, round_half_up
from debtcoach.domain.payoff import MAX_MONTHS, monthly_interest
from debtcoach.domain.text_rules import printable
from debtcoach.domain.wording import N_, _

CREDIT_CARD_MAX_INSTALLMENTS = 60
MAX_INSTALLMENTS = 600

CREDIT_CARD_LIMIT_REASON = N_(
    "credit cards can be divided into 60 installments at the longest "
    "(the credit card management regulations of commercial banks)"
)


class RestructureError(ValueError):
    """A restructure request that cannot be honoured; the message says why."""


class RestructureQuote(Struct, frozen=True):
    loan: str
    mode: RestructureMode
    installments: int
    fee_rate: Decimal
    balance: Money
    installment: Money
    last_installment: Money
    total_paid: Money
    current_payment: Money
    months_at_current_payment: int | None
    interest_at_current_payment: Money | None

    @property
    def cost(self) -> Money:
        """The extra paid over the balance: the price of the time bought."""
        return self.total_paid - self.balance

    @property
    def monthly_relief(self) -> Money:
        """How much less is due each month (negative if the new installment is higher)."""
        return self.current_payment - self.installment

    @property
    def months_added(self) -> int | None:
        if self.months_at_current_payment is None:
            return None
        return self.installments - self.months_at_current_payment

    @property
    def equivalent_apr(self) -> Decimal:
        """The true yearly price of the time bought (README, "Restructuring")."""
        return equivalent_apr(
            self.balance.minor,
            self.installment.minor,
            self.last_installment.minor,
            self.installments,
        )

    def as_terms(self, state: ProposalState, agreed_on: date | None = None) -> RestructureTerms:
        return RestructureTerms(
            mode=self.mode,
            installments=self.installments,
            installment=self.installment,
            last_installment=self.last_installment,
            balance=self.balance,
            fee_rate=self.fee_rate,
            state=state,
            agreed_on=agreed_on,
        )


_RATE_STEPS = 200


def equivalent_apr(balance_minor: int, installment: int, last: int, installments: int) -> Decimal:
    """The nominal APR (12 × i × 100, two decimals, half-up) at whose monthly rate `i` the present
    value of the installments, the first one month from now, equals the balance.

    A flat fee of 0.6 % a month over 12 installments quotes as 7.2 % a year but costs 13.03 %:
    this is the figure to hold against the rate the loan pays now. Found by bisection in exact
    decimals (the present value falls as the rate rises), so it never depends on a float.
    """
    if balance_minor <= 0 or installments < 1:
        return Decimal(0)
    payments = [Decimal(installment)] * (installments - 1) + [Decimal(last)]
    target = Decimal(balance_minor)
    with localcontext() as ctx:
        ctx.prec = 40

        def present_value(rate: Decimal) -> Decimal:
            total, discount = Decimal(0), Decimal(1)
            for payment in payments:
                discount /= 1 + rate
                total += payment * discount
            return total

        if present_value(Decimal(0)) <= target:
            return Decimal("0.00")
        low, high = Decimal(0), Decimal(1)
        while present_value(high) > target:
            high *= 2
        for _ in range(_RATE_STEPS):
            middle = (low + high) / 2
            if present_value(middle) > target:
                low = middle
            else:
                high = middle
        nominal = (low + high) / 2 * 1200
    return nominal.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def check_installments(loan: Loan, installments: int) -> None:
    if installments < 1:
        raise RestructureError(
            _("installments must be at least 1 (got {n})").format(n=installments)
        )
    if loan.kind == LoanKind.CREDIT_CARD and installments > CREDIT_CARD_MAX_INSTALLMENTS:
        raise RestructureError(
            _("{n} installments is too many for a credit card: {reason}").format(
                n=installments, reason=_(CREDIT_CARD_LIMIT_REASON)
            )
        )
    if installments > MAX_INSTALLMENTS:
        raise RestructureError(
            _("installments must be at most {most} (got {n})").format(
                most=MAX_INSTALLMENTS, n=installments
            )
        )


def annuity_payment(balance_minor: int, apr: Decimal, installments: int) -> int:
    """P = B·r / (1 − (1+r)^−n), r = apr/12/100; P = B/n at 0 %; rounded half-up.

    Computed exactly (as fractions): in 50-digit decimals 1,500.00 at 1.22 % over one month
    came to 1,501.524999… and rounded down, where the exact 1,501.525 rounds up."""
    if apr == 0:
        return round_fraction_half_up(Fraction(balance_minor, installments))
    r = Fraction(apr) / 1200
    growth = (1 + r) ** installments
    return round_fraction_half_up(balance_minor * r * growth / (growth - 1))


def flat_fee_payment(balance_minor: int, fee_rate: Decimal, installments: int) -> int:
    """P = B/n + B·fee_rate/100 per period, rounded half-up."""
    with localcontext() as ctx:
        ctx.prec = 50
        return round_half_up(
            Decimal(balance_minor) / installments + Decimal(balance_minor) * fee_rate / 100
        )


def quote_restructure(
    loan: Loan,
    installments: int,
    mode: RestructureMode = RestructureMode.ANNUITY,
    fee_rate: Decimal = Decimal(0),
) -> RestructureQuote:
    """Quote spreading the loan's current balance over `installments` months."""
    check_installments(loan, installments)
    if loan.balance.minor <= 0:
        raise RestructureError(
            _("loan {name} has nothing left to restructure").format(name=repr(loan.name))
        )
    if fee_rate < 0:
        raise RestructureError(_("fee rate must not be negative"))
    balance = loan.balance.minor
    currency = loan.balance.currency
    if mode == RestructureMode.ANNUITY:
        payment = annuity_payment(balance, loan.apr, installments)
        owed = balance
        for _month in range(installments - 1):
            owed += monthly_interest(owed, loan.apr) - payment
        last = owed + monthly_interest(owed, loan.apr)
        total = payment * (installments - 1) + last
    else:
        payment = flat_fee_payment(balance, fee_rate, installments)
        fee = round_half_up(Decimal(balance) * fee_rate / 100)
        total = balance + fee * installments
        last = total - payment * (installments - 1)
    if payment <= 0 or last <= 0:
        raise RestructureError(
            _("{n} installments is more than a balance of {balance} needs").format(
                n=installments, balance=loan.balance
            )
        )
    months, interest = months_to_repay(balance, loan.rate_in_force, loan.scheduled_payment.minor)
    return RestructureQuote(
        loan=loan.name,
        mode=mode,
        installments=installments,
        fee_rate=fee_rate if mode == RestructureMode.FLAT_FEE else Decimal(0),
        balance=loan.balance,
        installment=Money(payment, currency),
        last_installment=Money(last, currency),
        total_paid=Money(total, currency),
        current_payment=loan.scheduled_payment,
        months_at_current_payment=months,
        interest_at_current_payment=None if interest is None else Money(interest, currency),
    )


def months_to_repay(
    balance_minor: int, apr: Decimal, payment_minor: int
) -> tuple[int | None, int | None]:
    """Months and interest to clear a balance at a fixed payment; (None, None) if never."""
    owed, months, interest = balance_minor, 0, 0
    while owed > 0:
        if months >= MAX_MONTHS:
            return None, None
        charge = monthly_interest(owed, apr)
        owed += charge
        interest += charge
        owed -= min(payment_minor, owed)
        months += 1
    return months, interest


def installments_to_relieve(
    loan: Loan,
    gap: Money,
    mode: RestructureMode = RestructureMode.ANNUITY,
    fee_rate: Decimal = Decimal(0),
) -> RestructureQuote | None:
    """The fewest installments whose monthly relief closes `gap`; None if even the longest allowed
    plan does not (the caller then reports the longest plan and what remains)."""
    limit = CREDIT_CARD_MAX_INSTALLMENTS if loan.kind == LoanKind.CREDIT_CARD else MAX_INSTALLMENTS

    def relief_enough(n: int) -> RestructureQuote | None:
        try:
            quote = quote_restructure(loan, n, mode, fee_rate)
        except RestructureError:
            return None
        return quote if quote.monthly_relief.minor >= gap.minor else None

    def payment(n: int) -> int:
        if mode == RestructureMode.ANNUITY:
            return annuity_payment(loan.balance.minor, loan.apr, n)
        return flat_fee_payment(loan.balance.minor, fee_rate, n)

    # Bisect on the installment formula, which falls as n grows (the relief rises). Not on whole
    # quotes: a very long plan can be refused (its last installment rounds to <= 0) while shorter
    # ones close the gap, which made the old bisect answer None for loans it could relieve.
    needed = loan.scheduled_payment.minor - gap.minor  # the largest installment that closes it
    if payment(limit) > needed:
        return None
    low, high = 1, limit
    while low < high:
        middle = (low + high) // 2
        if payment(middle) <= needed:
            high = middle
        else:
            low = middle + 1
    for n in range(low, limit + 1):
        quote = relief_enough(n)
        if quote is not None:
            return quote
    return None


def longest_restructure(
    loan: Loan, mode: RestructureMode = RestructureMode.ANNUITY, fee_rate: Decimal = Decimal(0)
) -> RestructureQuote:
    limit = CREDIT_CARD_MAX_INSTALLMENTS if loan.kind == LoanKind.CREDIT_CARD else 120
    return quote_restructure(loan, limit, mode, fee_rate)


def apply_proposal_state(
    loan: Loan, quote: RestructureQuote, state: ProposalState, today: date
) -> Loan:
    """The loan after marking this quote as proposed, agreed or refused (see the module doc)."""
    if quote.loan != loan.name:
        raise RestructureError(f"the quote is for {quote.loan!r}, not {loan.name!r}")
    if not loan.is_open:
        raise RestructureError(
            f"{printable(loan.name)} is paid off: there is nothing to restructure"
        )
    if state == ProposalState.AGREED:
        return replace(
            loan, restructure=quote.as_terms(state, agreed_on=today), status=LoanStatus.RESTRUCTURED
        )
    if state == ProposalState.PROPOSED:
        status = loan.status
        keeps_overdue = loan.status == LoanStatus.OVERDUE and loan.overdue_since is None
        if not keeps_overdue:
            status = LoanStatus.NEGOTIATING
        return replace(loan, restructure=quote.as_terms(state), status=status)
    status = LoanStatus.OVERDUE if loan.overdue_since is not None else LoanStatus.CURRENT
    if loan.status == LoanStatus.OVERDUE:
        status = LoanStatus.OVERDUE
    return replace(loan, restructure=quote.as_terms(state), status=status)
