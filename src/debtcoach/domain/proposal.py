"""A repayment proposal to one lender, built only from the user's own data.

The guidance's first advice: take the initiative, explain the shortage of funds, say you are
willing to repay and propose a longer plan ("changing time for space"). `build_proposal` gathers
the facts (every figure comes from the household or from the restructure quote, never invented);
`render_letter` writes them as Markdown. Placeholders in square brackets stand only for what the
data does not hold (the user's name, address, account number).

`apply_proposal_state` is the one rule for what marking a proposal does to a loan:
- proposed: the terms are saved as proposed; an overdue or current loan becomes `negotiating`
  (an overdue date keeps the penalty rate in force);
- agreed: the terms are saved as agreed and the loan becomes `restructured`, so the payoff plan
  follows the installments from then on;
- refused: the terms are kept as refused history; the loan goes back to `overdue` if it has an
  overdue date, else `current`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from debtcoach.domain.budget import BudgetBreakdown, budget_breakdown, monthly_amount
from debtcoach.domain.calendar import first_plan_month, iso_week
from debtcoach.domain.models import (
    Contact,
    Expense,
    Household,
    IncomeKind,
    Loan,
    LoanKind,
    LoanStatus,
    ProposalState,
    RestructureMode,
)
from debtcoach.domain.money import Money, format_money
from debtcoach.domain.restructure import RestructureError, RestructureQuote
from debtcoach.domain.text_rules import printable
from debtcoach.domain.wording import names, plural

PLACEHOLDER_NAME = "[your name]"
PLACEHOLDER_ADDRESS = "[your address]"
PLACEHOLDER_REACH = "[your phone or email]"
PLACEHOLDER_ACCOUNT = "[account number]"
PLACEHOLDER_LENDER = "[lender's name]"

_KIND_WORDS = {
    LoanKind.CREDIT_CARD: "credit card",
    LoanKind.CONSUMER_LOAN: "loan",
    LoanKind.ONLINE_PLATFORM: "loan",
    LoanKind.MORTGAGE: "mortgage",
    LoanKind.CAR: "car loan",
    LoanKind.STUDENT: "student loan",
    LoanKind.OTHER: "loan",
}


@dataclass(frozen=True, slots=True)
class OtherDebt:
    name: str
    lender: str
    payment: Money


@dataclass(frozen=True, slots=True)
class Cut:
    name: str
    before: Money
    after: Money


@dataclass(frozen=True, slots=True)
class Proposal:
    """Everything the letter says, as data (tests compare these with the calculator)."""

    loan: Loan
    quote: RestructureQuote
    today: date
    locale: str
    budget: BudgetBreakdown
    other_debts: tuple[OtherDebt, ...]
    side_income: tuple[tuple[str, Money], ...]
    cuts: tuple[Cut, ...]
    no_new_borrowing: bool
    earlier_contacts: tuple[Contact, ...]

    @property
    def currency(self) -> str:
        return self.loan.balance.currency

    @property
    def other_minimums(self) -> Money:
        total = Money.zero(self.currency)
        for debt in self.other_debts:
            total = total + debt.payment
        return total

    @property
    def left_for_this_loan(self) -> Money:
        """What the debt budget leaves for this loan after the other lenders' minimums."""
        return self.budget.debt_budget - self.other_minimums

    @property
    def payment_due_now(self) -> Money:
        """This loan's scheduled payment today, capped at what is owed (as the plan counts it)."""
        due = self.loan.scheduled_payment
        return due if due.minor <= self.loan.balance.minor else self.loan.balance

    @property
    def shortfall(self) -> Money:
        """Sum of minimums − debt budget when positive, else zero (see `remaining`)."""
        gap = self.payment_due_now - self.left_for_this_loan
        return gap if gap.minor > 0 else Money.zero(self.currency)

    @property
    def remaining(self) -> Money:
        """Debt budget − sum of minimums when positive, else zero."""
        left = self.left_for_this_loan - self.payment_due_now
        return left if left.minor > 0 else Money.zero(self.currency)

    @property
    def first_month(self) -> date:
        return first_plan_month(self.today)

    @property
    def last_month(self) -> date:
        return first_plan_month(self.today).add(months=self.quote.installments - 1)


@dataclass(frozen=True, slots=True)
class TimeForSpace:
    """A quote set against today's path: the monthly relief (space) and what it costs (time).

    "Today's path" pays the loan's scheduled payment at the rate in force until it is cleared
    (`RestructureQuote.months_at_current_payment`); None where that path never clears it.
    """

    relief: Money
    months_added: int | None
    total_today: Money | None
    cost_today: Money | None
    cost_change: Money | None  # the plan's cost − today's path's cost (negative: cheaper)


def time_for_space(quote: RestructureQuote) -> TimeForSpace:
    interest = quote.interest_at_current_payment
    return TimeForSpace(
        relief=quote.monthly_relief,
        months_added=quote.months_added,
        total_today=None if interest is None else quote.balance + interest,
        cost_today=interest,
        cost_change=None if interest is None else quote.cost - interest,
    )


def _is_other_open(loan: Loan, name: str) -> bool:
    return loan.name != name and loan.is_open


def no_new_borrowing(household: Household, today: date) -> bool:
    """True only if the data shows no new borrowing since the first overdue date.

    No loan opened on or after the earliest overdue date, no open loan flagged as taken to repay
    other debt, and no check-in from that date until today answered "borrowed: yes". With no
    overdue date at all there is no "since", so nothing is claimed.
    """
    overdue_dates = [loan.overdue_since for loan in household.loans if loan.overdue_since]
    if not overdue_dates:
        return False
    since = min(overdue_dates)
    for loan in household.loans:
        if loan.opened_on is not None and loan.opened_on >= since:
            return False
        if loan.to_repay_other_debt and loan.is_open:
            return False
    since_week = iso_week(since)
    return not any(
        c.borrowed and (c.on >= since or c.week >= since_week) for c in household.checkins
    )


def _active_cuts(expenses: tuple[Expense, ...]) -> tuple[Cut, ...]:
    return tuple(
        Cut(e.name, e.current, e.monthly)
        for e in expenses
        if e.cut_active and e.monthly.minor < e.current.minor
    )


def build_proposal(
    household: Household, loan_name: str, quote: RestructureQuote, today: date
) -> Proposal:
    """Collect the letter's facts; the quote must be for this loan (from `quote_restructure`)."""
    loan = household.loan(loan_name)
    if loan is None:
        raise RestructureError(f"there is no loan named {loan_name!r}")
    if quote.loan != loan.name:
        raise RestructureError(f"the quote is for {quote.loan!r}, not {loan.name!r}")
    currency = household.currency
    others = tuple(
        OtherDebt(
            other.name,
            other.lender,
            Money(min(other.scheduled_payment.minor, other.balance.minor), currency),
        )
        for other in household.loans
        if _is_other_open(other, loan.name)
    )
    side = tuple(
        (source.name, monthly_amount(source.amount, source.frequency))
        for source in household.income
        if source.kind == IncomeKind.SIDE
        and (source.start is None or source.start <= today)
        and (source.end is None or source.end >= today)
        and monthly_amount(source.amount, source.frequency).minor > 0
    )
    contacts = tuple(
        sorted(
            (c for c in household.contacts if c.loan == loan.name and c.on <= today),
            key=lambda c: c.on,
        )
    )
    return Proposal(
        loan=loan,
        quote=quote,
        today=today,
        locale=household.settings.locale,
        budget=budget_breakdown(household, today),
        other_debts=others,
        side_income=side,
        cuts=_active_cuts(household.expenses),
        no_new_borrowing=no_new_borrowing(household, today),
        earlier_contacts=contacts,
    )


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


# --- the letter ----------------------------------------------------------------------------------


class _Words:
    def __init__(self, locale: str) -> None:
        self.locale = locale

    def money(self, amount: Money) -> str:
        return format_money(amount, self.locale)

    def day(self, value: date) -> str:
        return str(format_date(value, "long", locale=self.locale))

    def month(self, value: date) -> str:
        return str(format_skeleton("yMMMM", value, locale=self.locale))

    def percent(self, value: Decimal) -> str:
        return f"{format_decimal(value, locale=self.locale)}%"


_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MARKDOWN_PUNCTUATION = frozenset("\\`*_[]|!")
_BLOCK_START = re.compile(r"^(?:[#+-]|[0-9]+[.)])")


def letter_text(value: str) -> str:
    """A user's value as one line of plain text inside the Markdown letter.

    A lender's name must not add a heading, a link, an image or HTML to a letter sent in the
    user's name: whitespace runs (newlines too) become one space, control characters are shown
    visibly, Markdown punctuation is backslash-escaped and `< > &` become HTML entities.
    """
    line = printable(" ".join(value.split()))
    start = _BLOCK_START.match(line)
    cut = start.end() - 1 if start else 0
    out: list[str] = []
    for position, char in enumerate(line):
        if char in _HTML_ENTITIES:
            out.append(_HTML_ENTITIES[char])
        elif char in _MARKDOWN_PUNCTUATION or (start and position == cut):
            out.append("\\" + char)
        elif char == "(" and position > 0 and line[position - 1] == "]":
            out.append("\\(")
        else:
            out.append(char)
    return "".join(out)


def render_letter(proposal: Proposal) -> str:
    """The proposal as a Markdown letter the user can edit and send."""
    w = _Words(proposal.locale)
    loan, quote, budget = proposal.loan, proposal.quote, proposal.budget
    lender = letter_text(loan.lender) or PLACEHOLDER_LENDER
    name = letter_text(loan.name)
    kind = _KIND_WORDS[loan.kind]
    account = f"{name} ({kind}), account {PLACEHOLDER_ACCOUNT}"
    lines: list[str] = [
        PLACEHOLDER_NAME,
        PLACEHOLDER_ADDRESS,
        PLACEHOLDER_REACH,
        "",
        w.day(proposal.today),
        "",
        f"To: {lender}",
        f"Re: {account}",
        "",
        f"# Proposal to repay my {kind} balance in {quote.installments} monthly installments",
        "",
        f"Dear {lender},",
        "",
    ]
    opening = (
        f"I am writing to you about my {kind} ({name}), on which I owe {w.money(loan.balance)}."
    )
    if loan.overdue_since is not None and loan.is_overdue:
        opening += f" It has been overdue since {w.day(loan.overdue_since)}"
        if loan.arrears is not None:
            opening += f", with {w.money(loan.arrears)} past due"
        opening += "."
    elif loan.arrears is not None and loan.arrears.minor > 0:
        opening += f" {w.money(loan.arrears)} of it is past due."
    lines.append(opening)
    if proposal.earlier_contacts:
        talks = [f"{w.day(c.on)} ({c.channel.value})" for c in proposal.earlier_contacts]
        word = plural(len(talks), "contact")
        lines.append(f"This letter follows my earlier {word} with you on {names(talks)}.")
    lines += [
        "",
        _situation(proposal, w, kind),
        "",
        "## My monthly budget",
        "",
        "| | per month |",
        "|---|---:|",
        f"| Regular income | {w.money(budget.regular_income)} |",
        f"| Side income | {w.money(budget.side_income)} |",
        f"| Living expenses{' (after the cuts below)' if proposal.cuts else ''} "
        f"| {w.money(budget.expenses)} |",
    ]
    if budget.safety_buffer.minor:
        lines.append(f"| Small reserve for emergencies | {w.money(budget.safety_buffer)} |")
    lines += [
        f"| Left for all my debts | {w.money(budget.debt_budget)} |",
        f"| Minimum payments to my other lenders | {w.money(proposal.other_minimums)} |",
        f"| Left for this {kind} | {w.money(proposal.left_for_this_loan)} |",
        f"| Payment due on this {kind} now | {w.money(proposal.payment_due_now)} |",
    ]
    if proposal.shortfall.minor > 0:
        lines.append(f"| **Shortfall each month** | **{w.money(proposal.shortfall)}** |")
    else:
        lines.append(f"| Remaining each month | {w.money(proposal.remaining)} |")
    lines.append("")
    if proposal.other_debts:
        lines += ["My other lenders' minimum payments each month:", ""]
        for debt in proposal.other_debts:
            debt_lender = letter_text(debt.lender)
            who = f" ({debt_lender})" if debt_lender else ""
            lines.append(f"- {letter_text(debt.name)}{who}: {w.money(debt.payment)}")
        lines.append("")
    lines += _doing_now(proposal, w)
    lines += _the_plan(proposal, w, kind)
    efforts = ""
    if proposal.side_income and proposal.cuts:
        efforts = " keep up the extra work and the spending cuts,"
    elif proposal.side_income:
        efforts = " keep up the extra work,"
    elif proposal.cuts:
        efforts = " keep to the spending cuts,"
    lines += [
        "## My commitment",
        "",
        f"I am willing to repay everything I owe you. I will keep to the agreed installments,"
        f"{efforts} and tell you at once if my situation changes. I would be grateful if you "
        "could consider this proposal and let me know whether you can accept it, or what "
        "alternative you can offer.",
        "",
        "Yours sincerely,",
        "",
        PLACEHOLDER_NAME,
        "",
    ]
    return "\n".join(lines)


def _situation(proposal: Proposal, w: _Words, kind: str) -> str:
    """The guidance's first paragraph in the user's voice, claiming only what the data shows."""
    if proposal.shortfall.minor > 0:
        funds = (
            f"At present my funds are not enough: after living costs and my other lenders' "
            f"minimum payments I have {w.money(proposal.left_for_this_loan)} a month for this "
            f"{kind}, {w.money(proposal.shortfall)} less than the "
            f"{w.money(proposal.payment_due_now)} due."
        )
    else:
        funds = "At present my funds are tight."
    return (
        f"I want to repay this debt in full. {funds} I am writing to you to explain my "
        "situation honestly and to ask for your understanding and support: I propose to adjust "
        "the repayment plan and extend the repayment period, so that each installment is one I "
        "can pay every month until the debt is cleared."
    )


def _doing_now(proposal: Proposal, w: _Words) -> list[str]:
    items: list[str] = []
    if proposal.side_income:
        parts = [
            f"{letter_text(name)} ({w.money(amount)} a month)"
            for name, amount in proposal.side_income
        ]
        items.append(f"I have taken on extra work to raise my income: {names(parts)}.")
    if proposal.cuts:
        saved = Money.zero(proposal.currency)
        parts = []
        for cut in proposal.cuts:
            saved = saved + (cut.before - cut.after)
            parts.append(
                f"{letter_text(cut.name)} from {w.money(cut.before)} to {w.money(cut.after)}"
            )
        items.append(
            f"I have cut my spending: {names(parts)} — {w.money(saved)} a month less in total."
        )
    if proposal.no_new_borrowing:
        overdue = [loan.overdue_since for loan in [proposal.loan] if loan.overdue_since]
        since = f" since {w.day(overdue[0])}" if overdue else ""
        items.append(f"I have not taken on any new loan{since}, and I will not borrow to repay.")
    if not items:
        return []
    return ["## What I am already doing", "", *(f"- {item}" for item in items), ""]


def _the_plan(proposal: Proposal, w: _Words, kind: str) -> list[str]:
    quote = proposal.quote
    if quote.mode == RestructureMode.ANNUITY:
        how = f"with interest at the {kind}'s rate of {w.percent(proposal.loan.apr)} a year"
        if proposal.loan.apr == 0:
            how = "without interest"
    else:
        how = f"with a monthly fee of {w.percent(quote.fee_rate)} of the balance"
    lines = [
        "## My proposal",
        "",
        f"I propose to repay the balance of {w.money(quote.balance)} in "
        f"{quote.installments} monthly installments {how}:",
        "",
        f"- Installment: {w.money(quote.installment)} a month",
        f"- Last installment: {w.money(quote.last_installment)}",
        f"- Number of months: {quote.installments} "
        f"({w.month(proposal.first_month)} to {w.month(proposal.last_month)})",
        f"- Total repaid: {w.money(quote.total_paid)}",
        f"- Equivalent yearly rate: {w.percent(quote.equivalent_apr)}",
        "",
    ]
    now, new = proposal.payment_due_now, quote.installment
    left = proposal.left_for_this_loan
    if new.minor < now.minor:
        lines.append(
            f"This lowers my monthly payment on this {kind} from {w.money(now)} to {w.money(new)}."
        )
    elif new.minor > now.minor:
        lines.append(
            f"This is {w.money(new - now)} a month more than the {w.money(now)} due now, "
            "so that the balance is cleared on a fixed date."
        )
    if left.minor >= max(new.minor, quote.last_installment.minor):
        lines.append(
            f"It fits within the {w.money(left)} a month I have left for this {kind}, "
            "so I can pay it every month."
        )
    lines.append("")
    return lines
