"""A repayment proposal to one lender, built only from the user's own data.

The guidance's first advice: take the initiative, explain the shortage of funds, say you are
willing to repay and propose a longer plan ("changing time for space"). `build_proposal` gathers
the facts (every figure comes from the household or from the restructure quote, never invented);
`english_letter` lays them out as a letter (`letters.render_letter` picks the language and the
format). Placeholders in square brackets stand only for what the data does not hold (the user's
name, ID number, address, card or account number).

The letter argues only what the numbers show (`lender_case`): a hardship when today's plan cannot
pay the minimums or cannot bring the loan current within a few months; otherwise it asks for the
plan without claiming one.

Marking a proposal (proposed, agreed, refused) is `restructure.apply_proposal_state`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from msgspec import Struct
from msgspec.structs import replace

from debtcoach.domain.budget import BudgetBreakdown, budget_breakdown, monthly_amount
from debtcoach.domain.calendar import as_pendulum, first_plan_month, iso_week
from debtcoach.domain.household_plan import saved_plan
from debtcoach.domain.lender_case import Hardship, LenderCase, lender_case
from debtcoach.domain.letter_format import LetterFormat
from debtcoach.domain.letter_layout import (
    Block,
    Heading,
    Items,
    Letter,
    Lines,
    Paragraph,
    Table,
    one_line,
)
from debtcoach.domain.models import (
    Contact,
    Expense,
    Household,
    IncomeKind,
    Loan,
    LoanKind,
    ProposalState,
    RestructureMode,
)
from debtcoach.domain.money import Money, format_money
from debtcoach.domain.restructure import RestructureError, RestructureQuote, apply_proposal_state
from debtcoach.domain.text_rules import free_text_problem
from debtcoach.domain.wording import names, plural

PLACEHOLDER_NAME = "[your name]"
PLACEHOLDER_ID = "[your ID number]"
PLACEHOLDER_ADDRESS = "[your address]"
PLACEHOLDER_REACH = "[your phone or email]"
PLACEHOLDER_ACCOUNT = "[account number]"
PLACEHOLDER_CARD = "[card number]"
PLACEHOLDER_LENDER = "[lender's name]"
PLACEHOLDER_SIGNATURE = "[signature]"
PLACEHOLDERS = (
    PLACEHOLDER_NAME,
    PLACEHOLDER_ID,
    PLACEHOLDER_ADDRESS,
    PLACEHOLDER_REACH,
    PLACEHOLDER_ACCOUNT,
    PLACEHOLDER_CARD,
    PLACEHOLDER_LENDER,
    PLACEHOLDER_SIGNATURE,
)
NO_BORROWING_WINDOW_DAYS = 84
"""With no loan overdue, "no new borrowing" looks back this many days (12 weeks)."""

_KIND_WORDS = {
    LoanKind.CREDIT_CARD: "credit card",
    LoanKind.CONSUMER_LOAN: "loan",
    LoanKind.ONLINE_PLATFORM: "loan",
    LoanKind.MORTGAGE: "mortgage",
    LoanKind.CAR: "car loan",
    LoanKind.STUDENT: "student loan",
    LoanKind.OTHER: "loan",
}


class OtherDebt(Struct, frozen=True):
    name: str
    lender: str
    payment: Money


class Cut(Struct, frozen=True):
    name: str
    before: Money
    after: Money


class LetterOptions(Struct, frozen=True):
    """What the user chose to ask and to show (CLI flags, the calculator's checkboxes)."""

    stop_penalty_interest: bool = False
    reduce_fees: bool = False
    reason: str = ""
    name_other_lenders: bool = False
    language: str = "en"
    fmt: LetterFormat = LetterFormat.MD


def hardship_reason(text: str) -> str:
    """The reason as the letter says it, on one line (each run of whitespace one space).

    The same rule at every door (`proposal --reason`, the calculator's `h`): a control character
    or more than 500 characters raises ValueError with the rule's words, never cut silently.
    """
    reason = " ".join(text.split())
    problem = free_text_problem(reason)
    if problem is not None:
        raise ValueError(problem)
    return reason


def default_language(locale: str) -> str:
    """The letter's language when none is chosen: Chinese for a Chinese locale, else English."""
    return "zh_CN" if locale.lower().startswith("zh") else "en"


class Proposal(Struct, frozen=True):
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
    case: LenderCase
    options: LetterOptions = LetterOptions()
    borrowing_since: date | None = None

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


class TimeForSpace(Struct, frozen=True):
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


def plan_fits(proposal: Proposal) -> bool:
    """The budget pays the plan with the quote agreed, and every installment out of what is left
    for this loan: only then may the letter say the installments can be paid every month."""
    left = proposal.left_for_this_loan.minor
    quote = proposal.quote
    return proposal.case.plan_fits and left >= max(
        quote.installment.minor, quote.last_installment.minor
    )


def _is_other_open(loan: Loan, name: str) -> bool:
    return loan.name != name and loan.is_open


def borrowing_window_start(household: Household, today: date) -> date:
    """Where "no new borrowing" looks from: the earliest overdue date, else 12 weeks ago."""
    overdue_dates = [loan.overdue_since for loan in household.loans if loan.overdue_since]
    if overdue_dates:
        return min(overdue_dates)
    return as_pendulum(today).subtract(days=NO_BORROWING_WINDOW_DAYS)


def no_new_borrowing(household: Household, today: date) -> bool:
    """True only if the data shows no new borrowing since `borrowing_window_start`.

    No loan opened on or after that date, no open loan flagged as taken to repay other debt, no
    family loan borrowed on or after it, and no check-in from that date until today answered
    "borrowed: yes". The letter says "I have not taken on any new loan" only when this holds.
    """
    since = borrowing_window_start(household, today)
    for loan in household.loans:
        if loan.opened_on is not None and loan.opened_on >= since:
            return False
        if loan.to_repay_other_debt and loan.is_open:
            return False
    if any(family.borrowed_on >= since for family in household.family_loans):
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


def agreed_household(household: Household, quote: RestructureQuote, today: date) -> Household:
    """The household as if the lender agreed to `quote` today."""
    loans = tuple(
        apply_proposal_state(loan, quote, ProposalState.AGREED, today)
        if loan.name == quote.loan
        else loan
        for loan in household.loans
    )
    return replace(household, loans=loans)


def case_for(household: Household, quote: RestructureQuote, today: date) -> LenderCase:
    """The case for `quote` from today's plan and the plan with it agreed (the saved settings)."""
    before = saved_plan(household, today, keep_schedule=False).plan
    after = saved_plan(agreed_household(household, quote, today), today, keep_schedule=False).plan
    return lender_case(household, quote, today, before, after)


def build_proposal(
    household: Household,
    loan_name: str,
    quote: RestructureQuote,
    today: date,
    options: LetterOptions | None = None,
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
    options = options or LetterOptions(language=default_language(household.settings.locale))
    if not loan.is_overdue:
        # Up to date: no penalty interest or late fee to stop, and the letter says none is owed.
        options = replace(options, stop_penalty_interest=False, reduce_fees=False)
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
        case=case_for(household, quote, today),
        options=options,
        borrowing_since=borrowing_window_start(household, today),
    )


# --- the letter in English -----------------------------------------------------------------------


class LetterWords:
    def __init__(self, locale: str) -> None:
        self.locale = locale

    def money(self, amount: Money) -> str:
        return format_money(amount, self.locale)

    def day(self, value: date) -> str:
        return str(format_date(value, "long", locale=self.locale))

    def month(self, value: date) -> str:
        return str(format_skeleton("yMMMM", value, locale=self.locale))

    def label(self, label: str) -> str:
        """A plan month label (YYYY-MM) in words."""
        return self.month(as_pendulum(date.fromisoformat(f"{label}-01")))

    def percent(self, value: Decimal) -> str:
        return f"{format_decimal(value, locale=self.locale)}%"


def letter_locale(household_locale: str, language: str) -> str:
    """The household's formats, except across Chinese and another language: a Chinese letter
    writes 2026年12月1日 and ¥38,600.00 (zh_CN), an English one never does (en_US)."""
    chinese = household_locale.lower().startswith("zh")
    if language.startswith("zh"):
        return household_locale if chinese else "zh_CN"
    return "en_US" if chinese else household_locale


def english_letter(proposal: Proposal) -> Letter:
    """The proposal as an English letter, claiming only what the numbers show."""
    w = LetterWords(letter_locale(proposal.locale, "en"))
    loan, quote = proposal.loan, proposal.quote
    lender = one_line(loan.lender) or PLACEHOLDER_LENDER
    kind = _KIND_WORDS[loan.kind]
    number = PLACEHOLDER_CARD if loan.kind == LoanKind.CREDIT_CARD else PLACEHOLDER_ACCOUNT
    title = f"Proposal to repay my {kind} balance in {quote.installments} monthly installments"
    blocks: list[Block] = [
        Lines(
            (
                PLACEHOLDER_NAME,
                f"ID number: {PLACEHOLDER_ID}",
                PLACEHOLDER_ADDRESS,
                PLACEHOLDER_REACH,
            )
        ),
        Lines((w.day(proposal.today),)),
        Lines((f"To: {lender}", f"Re: {loan.name} ({kind}), {kind} number {number}")),
        Heading(title, 1),
        Paragraph(f"Dear {lender},"),
        Paragraph(_opening(proposal, w, kind)),
        Paragraph(_situation(proposal, w, kind)),
    ]
    if proposal.options.reason.strip():
        blocks.append(Paragraph(f"What happened: {proposal.options.reason.strip()}"))
    blocks += _budget_blocks(proposal, w, kind)
    blocks += _doing_now(proposal, w)
    blocks += _the_plan(proposal, w, kind)
    blocks += _the_ask(proposal, w, kind)
    efforts = ""
    if proposal.side_income and proposal.cuts:
        efforts = " keep up the extra work and the spending cuts,"
    elif proposal.side_income:
        efforts = " keep up the extra work,"
    elif proposal.cuts:
        efforts = " keep to the spending cuts,"
    commitment = (
        "I am willing to repay everything I owe you. I will pay every installment on time,"
        f"{efforts} and tell you at once if my situation changes."
    )
    if proposal.no_new_borrowing and proposal.borrowing_since is not None:
        commitment += (
            f" I have not taken on any new loan since {w.day(proposal.borrowing_since)}, "
            "and I will not borrow to repay."
        )
    blocks += [
        Heading("My commitment"),
        Paragraph(commitment),
        Paragraph(
            "I would be grateful if you could consider this proposal and let me know whether "
            "you can accept it, or what alternative you can offer."
        ),
        Heading("Documents attached"),
        Items(_documents(proposal), "check"),
        Lines(("Yours sincerely,",)),
        Lines((PLACEHOLDER_SIGNATURE, PLACEHOLDER_NAME)),
    ]
    return Letter(title, tuple(blocks), "en", PLACEHOLDERS)


def _opening(proposal: Proposal, w: LetterWords, kind: str) -> str:
    loan = proposal.loan
    owed = w.money(loan.balance)
    text = f"I am writing to you about my {kind} ({loan.name}), on which I owe {owed}."
    case = proposal.case
    if loan.overdue_since is not None and loan.is_overdue:
        text += f" It has been overdue since {w.day(loan.overdue_since)}"
        if case.arrears.minor:
            about = "about " if case.arrears_estimated else ""
            text += f", with {about}{w.money(case.arrears)} past due"
        text += "."
    elif case.arrears.minor > 0:
        text += f" {w.money(case.arrears)} of it is past due."
    if proposal.earlier_contacts:
        talks = [f"{w.day(c.on)} ({c.channel.value})" for c in proposal.earlier_contacts]
        word = plural(len(talks), "contact")
        text += f" This letter follows my earlier {word} with you on {names(talks)}."
    return text


def _costs_while_behind(case: LenderCase, w: LetterWords) -> str:
    parts = []
    if case.late_fee.minor:
        parts.append(f"a late fee of {w.money(case.late_fee)} a month")
    if case.penalty_apr is not None:
        parts.append(f"interest at the penalty rate of {w.percent(case.penalty_apr)}")
    return " and ".join(parts)


def _situation(proposal: Proposal, w: LetterWords, kind: str) -> str:
    """The guidance's first paragraph in the user's voice, claiming only what the data shows."""
    case = proposal.case
    if proposal.quote.installment.minor < proposal.payment_due_now.minor:
        plan = "a repayment plan with a longer period and a lower installment"
    else:
        plan = "a repayment plan of fixed installments that brings the account up to date now"
    payable = ", one I can pay every month until the debt is cleared" if plan_fits(proposal) else ""
    honest = (
        "I am writing to explain my situation honestly and to ask for your understanding and "
        f"support: I propose {plan}{payable}."
    )
    if case.hardship == Hardship.MINIMUMS_NOT_COVERED and case.shortfall is not None:
        when = ""
        if case.short_from is not None and case.short_from != case.current_from:
            when = f" from {w.label(case.short_from)}"
        reserve = " and a small reserve" if proposal.budget.safety_buffer.minor else ""
        return (
            "I want to repay this debt in full, but at present my income does not cover my "
            f"minimum payments: after living costs{reserve} I have "
            f"{w.money(proposal.budget.debt_budget)} a month for all my debts, "
            f"{w.money(case.shortfall)} less than the minimum payments due{when}. {honest}"
        )
    if case.hardship == Hardship.CANNOT_CATCH_UP:
        costs = _costs_while_behind(case, w)
        costs_text = f", and until then it keeps costing me {costs}" if costs else ""
        if case.caught_up_date is None or case.caught_up_month is None:
            catch = (
                f"leaves too little over ever to pay off the {w.money(case.arrears)} past due"
                f"{', while it keeps costing me ' + costs if costs else ''}"
            )
        else:
            catch = (
                f"leaves too little over to pay off the {w.money(case.arrears)} past due "
                f"quickly: at this rate the {kind} would be up to date again only in "
                f"{w.label(case.caught_up_date)}, {case.caught_up_month} months from now"
                f"{costs_text}"
            )
        return (
            f"I want to repay this debt in full. My budget covers the payment due each month, "
            f"but it {catch}. {honest}"
        )
    if case.behind and case.caught_up_date is not None:
        return (
            f"I want to repay this debt in full. My budget covers the payments due and brings "
            f"the {kind} up to date by "
            f"{w.label(case.caught_up_date)}. I am writing to ask whether you would agree to the "
            "repayment plan below."
        )
    return (
        "I want to repay this debt in full, and my payments are up to date. I am writing to ask "
        "whether you would agree to the repayment plan below."
    )


def _budget_blocks(proposal: Proposal, w: LetterWords, kind: str) -> list[Block]:
    budget = proposal.budget
    others = len(proposal.other_debts)
    rows: list[tuple[str, str, bool]] = [
        ("Regular income", w.money(budget.regular_income), False),
        ("Side income", w.money(budget.side_income), False),
        (
            f"Living expenses{' (after the cuts below)' if proposal.cuts else ''}",
            w.money(budget.expenses),
            False,
        ),
    ]
    if budget.safety_buffer.minor:
        rows.append(("Small reserve for emergencies", w.money(budget.safety_buffer), False))
    lenders = "my other lenders" if others != 1 else "my other lender"
    if not proposal.options.name_other_lenders and others:
        lenders = f"my {others} other {plural(others, 'lender')}"
    rows += [
        ("Left for all my debts", w.money(budget.debt_budget), False),
        (f"Minimum payments to {lenders}", w.money(proposal.other_minimums), False),
        (f"Left for this {kind}", w.money(proposal.left_for_this_loan), False),
        (f"Payment due on this {kind} now", w.money(proposal.payment_due_now), False),
    ]
    if proposal.shortfall.minor > 0:
        rows.append(("Shortfall each month", w.money(proposal.shortfall), True))
    else:
        rows.append(("Remaining each month", w.money(proposal.remaining), False))
    blocks: list[Block] = [Heading("My monthly budget"), Table(("", "per month"), tuple(rows))]
    if proposal.other_debts and proposal.options.name_other_lenders:
        items = []
        for debt in proposal.other_debts:
            who = f" ({debt.lender.strip()})" if debt.lender.strip() else ""
            items.append(f"{debt.name}{who}: {w.money(debt.payment)}")
        blocks += [
            Paragraph("My other lenders' minimum payments each month:"),
            Items(tuple(items)),
        ]
    return blocks


def _doing_now(proposal: Proposal, w: LetterWords) -> list[Block]:
    items: list[str] = []
    if proposal.side_income:
        parts = [f"{name} ({w.money(amount)} a month)" for name, amount in proposal.side_income]
        items.append(f"I have taken on extra work to raise my income: {names(parts)}.")
    if proposal.cuts:
        saved = Money.zero(proposal.currency)
        parts = []
        for cut in proposal.cuts:
            saved = saved + (cut.before - cut.after)
            parts.append(f"{cut.name} from {w.money(cut.before)} to {w.money(cut.after)}")
        items.append(
            f"I have cut my spending: {names(parts)} — {w.money(saved)} a month less in total."
        )
    if not items:
        return []
    return [Heading("What I am already doing"), Items(tuple(items))]


def _the_plan(proposal: Proposal, w: LetterWords, kind: str) -> list[Block]:
    quote, case = proposal.quote, proposal.case
    if quote.mode == RestructureMode.ANNUITY:
        how = f"with interest at the {kind}'s rate of {w.percent(proposal.loan.apr)} a year"
        if proposal.loan.apr == 0:
            how = "without interest"
    else:
        how = f"with a monthly fee of {w.percent(quote.fee_rate)} of the balance"
    rate_now = proposal.loan.rate_in_force
    items = (
        f"Installment: {w.money(quote.installment)} a month",
        f"Last installment: {w.money(quote.last_installment)}",
        f"Number of months: {quote.installments} "
        f"({w.month(proposal.first_month)} to {w.month(proposal.last_month)})",
        f"Total repaid: {w.money(quote.total_paid)}",
        f"Equivalent yearly rate: {w.percent(quote.equivalent_apr)} "
        f"(the rate I pay now: {w.percent(rate_now)})",
    )
    blocks: list[Block] = [
        Heading("My proposal"),
        Paragraph(
            f"I propose to repay the balance of {w.money(quote.balance)} in "
            f"{quote.installments} monthly installments {how}:"
        ),
        Items(items),
    ]
    sentences: list[str] = []
    now, new = proposal.payment_due_now, quote.installment
    if new.minor < now.minor:
        sentences.append(
            f"This lowers my monthly payment on this {kind} from {w.money(now)} to {w.money(new)}."
        )
    elif new.minor > now.minor:
        sentences.append(
            f"This is {w.money(new - now)} a month more than the {w.money(now)} due now, "
            "so that the balance is cleared on a fixed date."
        )
    if case.behind:
        sentences.append(
            f"With it my {kind} is up to date again from {w.label(case.current_from)}."
        )
    left = proposal.left_for_this_loan
    if plan_fits(proposal):
        sentences.append(
            f"It fits within the {w.money(left)} a month I have left for this {kind}, "
            "so I can pay it every month."
        )
    elif left.minor < new.minor:
        sentences.append(
            f"Even so, it is {w.money(new - left)} a month more than the {w.money(left)} "
            f"I have left for this {kind}."
        )
    elif case.plan_shortfall is not None:
        sentences.append(
            f"Even so, my budget would still be {w.money(case.plan_shortfall)} a month short "
            "of my payments."
        )
    if sentences:
        blocks.append(Paragraph(" ".join(sentences)))
    return blocks


def _the_ask(proposal: Proposal, w: LetterWords, kind: str) -> list[Block]:
    quote, options = proposal.quote, proposal.options
    if quote.installment.minor < proposal.payment_due_now.minor:
        first = (
            f"Extend the repayment period to {quote.installments} months and lower each "
            f"installment to {w.money(quote.installment)}."
        )
    else:
        first = (
            f"Let me repay the balance in {quote.installments} monthly installments of "
            f"{w.money(quote.installment)}."
        )
    items = [first]
    if options.stop_penalty_interest:
        items.append("Stop or reduce the penalty interest while I keep to this plan.")
    if options.reduce_fees:
        items.append("Stop or reduce the late fees and other charges while I keep to this plan.")
    return [Heading("What I ask"), Items(tuple(items), "number")]


def _documents(proposal: Proposal) -> tuple[str, ...]:
    docs = [
        "Proof of income (payslips or bank statements for the last three months)",
        "Proof of my monthly expenses (bills, rent, statements)",
    ]
    if proposal.case.is_hardship or proposal.options.reason.strip():
        docs.append("Proof of the hardship (for example a termination letter or medical bills)")
    return tuple(docs)
