"""The case for a lender, read from the plan: is there a hardship, what would the plan change.

A letter that asks for a longer plan must not argue against itself, and a calculator must not let
anyone believe they need one when they do not. So the hardship is not typed in: it is what the
household's own payoff plan shows for this loan, before and after the quote is agreed.

- `MINIMUMS_NOT_COVERED`: today's plan is infeasible (some month's budget is below its minimums;
  the plan's `shortfall` and `short_from`).
- `CANNOT_CATCH_UP`: the loan is behind and today's plan does not bring it current (its arrears
  to 0) within `CATCH_UP_MONTHS` months, or never does.
- `NONE`: the budget covers the payments and, for a loan behind, the catch-up within that window.

What the proposal changes: with the plan agreed the loan is restructured, so it is no longer behind
from the first installment month (`current_from`, plan month 1), and it asks `installment` a month.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from msgspec import Struct

from debtcoach.domain.calendar import plan_month_label
from debtcoach.domain.loan_facts import loan_arrears, penalty_in_force
from debtcoach.domain.models import Household
from debtcoach.domain.money import Money, format_money
from debtcoach.domain.payoff import PayoffPlan
from debtcoach.domain.restructure import RestructureError, RestructureQuote
from debtcoach.domain.wording import _, count, month_words, percent_words

CATCH_UP_MONTHS = 3
"""A loan behind that today's budget brings current within this many months shows no hardship."""


class Hardship(StrEnum):
    MINIMUMS_NOT_COVERED = "minimums_not_covered"
    CANNOT_CATCH_UP = "cannot_catch_up"
    NONE = "none"


class LenderCase(Struct, frozen=True):
    """What the numbers say about one loan, today and with the quote agreed."""

    loan: str
    hardship: Hardship
    behind: bool
    arrears: Money
    arrears_estimated: bool
    """No amount entered: months overdue × (minimum + late fee), the plan's own estimate."""
    late_fee: Money
    penalty_apr: Decimal | None
    apr: Decimal
    payment_due: Money
    shortfall: Money | None
    short_from: str | None
    caught_up_month: int | None
    caught_up_date: str | None
    fees_until_current: Money
    installment: Money
    last_installment: Money
    installments: int
    current_from: str
    plan_fits: bool
    plan_shortfall: Money | None
    cost: Money
    equivalent_apr: Decimal
    window: int = CATCH_UP_MONTHS

    @property
    def is_hardship(self) -> bool:
        return self.hardship != Hardship.NONE


def lender_case(
    household: Household,
    quote: RestructureQuote,
    today: date,
    before: PayoffPlan,
    after: PayoffPlan,
) -> LenderCase:
    """The case for `quote`'s loan from today's plan (`before`) and the plan with the quote
    agreed (`after`; `proposal.case_for` simulates both)."""
    loan = household.loan(quote.loan)
    if loan is None:
        raise RestructureError(f"there is no loan named {quote.loan!r}")
    currency = loan.balance.currency
    zero = Money.zero(currency)
    behind = loan.is_overdue
    outcome = before.debt(loan.name)
    caught = outcome.caught_up_month if outcome is not None and behind else None
    if not before.feasible:
        hardship = Hardship.MINIMUMS_NOT_COVERED
    elif behind and (caught is None or caught > CATCH_UP_MONTHS):
        hardship = Hardship.CANNOT_CATCH_UP
    else:
        hardship = Hardship.NONE
    due = loan.scheduled_payment
    return LenderCase(
        loan=loan.name,
        hardship=hardship,
        behind=behind,
        arrears=loan_arrears(loan, today),
        arrears_estimated=behind and loan.arrears is None,
        late_fee=loan.late_fee if behind and loan.late_fee is not None else zero,
        penalty_apr=penalty_in_force(loan),
        apr=loan.apr,
        payment_due=due if due.minor <= loan.balance.minor else loan.balance,
        shortfall=before.shortfall if not before.feasible else None,
        short_from=before.short_from if not before.feasible else None,
        caught_up_month=caught,
        caught_up_date=outcome.caught_up_date if caught is not None and outcome else None,
        fees_until_current=outcome.fees if outcome is not None and behind else zero,
        installment=quote.installment,
        last_installment=quote.last_installment,
        installments=quote.installments,
        current_from=plan_month_label(today, 1),
        plan_fits=after.feasible,
        plan_shortfall=after.shortfall if not after.feasible else None,
        cost=quote.cost,
        equivalent_apr=quote.equivalent_apr,
    )


def case_lines(case: LenderCase, locale: str) -> list[str]:
    """The case in a few plain sentences for the calculator (in the active language, the
    household's formats)."""

    def fmt(amount: Money) -> str:
        return format_money(amount, locale)

    lines: list[str] = []
    if case.behind:
        extra = []
        if case.late_fee.minor:
            extra.append(_("a late fee of {fee} a month").format(fee=fmt(case.late_fee)))
        if case.penalty_apr is not None:
            rate = percent_words(case.penalty_apr, locale)
            extra.append(_("the penalty rate of {rate}").format(rate=rate))
        words = {"arrears": fmt(case.arrears), "charges": _(" and ").join(extra)}
        if case.arrears_estimated:
            behind = (
                _("Behind: about {arrears} past due now, with {charges}.")
                if extra
                else _("Behind: about {arrears} past due now.")
            )
        else:
            behind = (
                _("Behind: {arrears} past due now, with {charges}.")
                if extra
                else _("Behind: {arrears} past due now.")
            )
        lines.append(behind.format(**words))
    if case.hardship == Hardship.MINIMUMS_NOT_COVERED and case.shortfall is not None:
        short = fmt(case.shortfall)
        if case.short_from:
            lines.append(
                _(
                    "Hardship: today's budget is {short} a month short of the minimum payments "
                    "from {month}."
                ).format(short=short, month=month_words(case.short_from, locale))
            )
        else:
            lines.append(
                _(
                    "Hardship: today's budget is {short} a month short of the minimum payments."
                ).format(short=short)
            )
    elif case.hardship == Hardship.CANNOT_CATCH_UP:
        if case.caught_up_date is None or case.caught_up_month is None:
            lines.append(_("Hardship: today's budget never brings this loan current."))
        else:
            lines.append(
                _(
                    "Hardship: today's budget brings this loan current only in {month} "
                    "({months}, more than {window}), with {fees} in late fees until then."
                ).format(
                    month=month_words(case.caught_up_date, locale),
                    months=count(case.caught_up_month, "month"),
                    window=case.window,
                    fees=fmt(case.fees_until_current),
                )
            )
    else:
        words = {
            "cost": fmt(case.cost),
            "rate": percent_words(case.equivalent_apr, locale),
        }
        if case.behind and case.caught_up_date is not None:
            lines.append(
                _(
                    "No hardship shown: today's budget covers the payments and brings it current "
                    "in {month}. This plan would cost {cost} over the balance ({rate} a year)."
                ).format(month=month_words(case.caught_up_date, locale), **words)
            )
        else:
            lines.append(
                _(
                    "No hardship shown: today's budget covers the payments. This plan would "
                    "cost {cost} over the balance ({rate} a year)."
                ).format(**words)
            )
    if case.is_hardship:
        words = {
            "month": month_words(case.current_from, locale),
            "installment": fmt(case.installment),
        }
        agreed = (
            _("If agreed: current again from {month}, {installment} each installment.")
            if case.plan_fits
            else _(
                "If agreed: current again from {month}, {installment} each installment "
                "(the budget is still short even then)."
            )
        )
        lines.append(agreed.format(**words))
    return lines
