"""`debtcoach`: the full-screen app by default, scripting subcommands otherwise.

This module must not import Textual (scripts and cron mails stay fast): the TUI is imported only
when it is launched. Exit codes: 0 done, 2 bad input (nothing written), 1 any other failure.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import json
import os
import shutil
import sys
import tempfile
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

import pendulum

from debtcoach import __version__
from debtcoach.bundled import sample_data_file
from debtcoach.domain.budget import monthly_amount
from debtcoach.domain.calendar import DateError, iso_week, parse_date, parse_week
from debtcoach.domain.contact_log import contact_date_problems
from debtcoach.domain.models import (
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
    InvalidName,
    Loan,
    LoanKind,
    LoanStatus,
    ProposalState,
    RestructureMode,
    Strategy,
    validate_name,
)
from debtcoach.domain.money import (
    Money,
    MoneyError,
    currency_digits,
    format_money,
    parse_money,
    parse_rate,
    validate_household_currency,
    validate_locale,
)
from debtcoach.domain.payoff import PayoffPlan, PlanInputError
from debtcoach.domain.restructure import RestructureError, RestructureQuote
from debtcoach.services import Ledger
from debtcoach.store.errors import StorageCorrupt, StorageTooNew, StoreError, StoreInputError
from debtcoach.store.exchange import (
    ExchangeError,
    checkin_to_json,
    contact_to_json,
    expense_to_json,
    family_to_json,
    household_from_json,
    household_to_csv,
    household_to_json,
    income_to_json,
    loan_to_json,
)
from debtcoach.store.files import atomic_write_bytes
from debtcoach.store.paths import resolve_data_path

Handler = Callable[["Context", argparse.Namespace], int]


class InputError(Exception):
    """Bad input from the command line: exit 2 with this one line, nothing written."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one clear line (exit 2), never a usage dump."""

    def error(self, message: str) -> NoReturn:
        # main() already starts the line with "debtcoach: "; name only the subcommand here.
        where = self.prog.removeprefix("debtcoach").strip()
        raise InputError(f"{where}: {message}" if where else message)


# --- typed argument parsers: each turns text into a value or one clear sentence -----------------


def _arg(parse: Callable[[str], Any], what: str, *, named: bool = False) -> Callable[[str], Any]:
    """Wrap a parser so its error becomes one InputError line naming the option."""

    def convert(text: str) -> Any:
        try:
            return parse(text)
        except (MoneyError, DateError, InvalidName, ValueError) as exc:
            raise InputError(str(exc) if named else f"--{what}: {exc}") from None

    convert.__name__ = what
    return convert


# A 600-month plan from "today" must stay inside the calendar (year 9999 overflowed it).
_YEARS = (1900, 2999)


def _in_years(value: Any, what: str) -> Any:
    year = int(str(value)[:4])
    if not _YEARS[0] <= year <= _YEARS[1]:
        raise DateError(f"{what} {value} is out of range (years {_YEARS[0]} to {_YEARS[1]})")
    return value


def _date_arg(what: str) -> Callable[[str], Any]:
    return _arg(lambda s: _in_years(parse_date(s, what=f"--{what}"), f"--{what}"), what, named=True)


def _rate_arg(what: str) -> Callable[[str], Any]:
    return _arg(lambda s: parse_rate(s, what=f"--{what}"), what, named=True)


def _name_arg(what: str) -> Callable[[str], Any]:
    return _arg(lambda s: validate_name(s, what=f"--{what}"), what, named=True)


def _choice_arg(enum: Any, what: str) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        try:
            return enum(text.strip().lower())
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            raise ValueError(f"{text!r} is not one of {allowed}") from None

    return _arg(parse, what)


def _int_arg(what: str, low: int, high: int | None = None) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise ValueError(f"{text!r} is not a whole number") from None
        if value < low or (high is not None and value > high):
            bound = f"from {low} to {high}" if high is not None else f"at least {low}"
            raise ValueError(f"{value} is out of range (must be {bound})")
        return value

    return _arg(parse, what)


class Context:
    """What every command needs: the data file and "today"."""

    def __init__(self, path: Path, today: date) -> None:
        self.path = path
        self.today = today
        self._ledger: Ledger | None = None

    @property
    def ledger(self) -> Ledger:
        if self._ledger is None:
            self._ledger = Ledger(self.path, self.today)
        return self._ledger

    def household(self) -> Household:
        return self.ledger.household()

    def money(self, text: str, what: str, *, allow_zero: bool = True) -> Money:
        currency = self.ledger.repository.settings().currency
        try:
            return parse_money(text, currency, what=f"--{what}", allow_zero=allow_zero)
        except MoneyError as exc:
            raise InputError(str(exc)) from None


def _output_path(text: str, command: str) -> Path:
    """`-o FILE`: its folder must exist already (a typo must not create folders)."""
    path = Path(text)
    folder = path.parent
    if not folder.is_dir():
        raise InputError(f"{command} -o: folder {folder} does not exist; nothing was written")
    return path


def _print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _table(rows: Sequence[Sequence[str]], headers: Sequence[str], right: set[int]) -> str:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def _print_rows(
    args: argparse.Namespace,
    as_json: list[dict[str, Any]],
    rows: list[list[str]],
    headers: Sequence[str],
    right: set[int],
    empty_hint: str,
) -> int:
    """The shape every `list` command shares: JSON, a calm hint when empty, or a table."""
    if args.json:
        _print_json(as_json)
    elif not rows:
        print(empty_hint)
    else:
        print(_table(rows, headers, right))
    return 0


# --- loans ---------------------------------------------------------------------------------------


def loan_add(ctx: Context, args: argparse.Namespace) -> int:
    balance = ctx.money(args.balance, "balance")
    if args.overdue_since is not None and args.overdue_since > ctx.today:
        raise InputError(f"--overdue-since: {args.overdue_since} is after today ({ctx.today})")
    status = args.status or (LoanStatus.OVERDUE if args.overdue_since else LoanStatus.CURRENT)
    loan = Loan(
        name=args.name,
        kind=args.kind,
        balance=balance,
        apr=args.apr,
        min_payment=ctx.money(args.min_payment, "min-payment"),
        lender=args.lender or "",
        penalty_apr=args.penalty_apr,
        due_day=args.due_day,
        overdue_since=args.overdue_since,
        arrears=None if args.arrears is None else ctx.money(args.arrears, "arrears"),
        late_fee=None if args.late_fee is None else ctx.money(args.late_fee, "late-fee"),
        opened_on=args.opened_on,
        purpose=args.purpose or "",
        to_repay_other_debt=args.to_repay_other_debt,
        status=LoanStatus.PAID_OFF if balance.minor == 0 else status,
    )
    ctx.ledger.repository.add_loan(loan)
    print(f"Added loan {loan.name}.")
    return 0


def loan_list(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household()
    locale = household.settings.locale
    rows = [
        [
            loan.name,
            loan.kind.value,
            loan.status.value,
            f"{loan.rate_in_force}%",
            format_money(loan.scheduled_payment, locale),
            format_money(loan.balance, locale),
        ]
        for loan in household.loans
    ]
    return _print_rows(
        args,
        [loan_to_json(loan) for loan in household.loans],
        rows,
        ["name", "kind", "status", "rate", "payment", "balance"],
        {3, 4, 5},
        "No loans yet. Add one with: debtcoach loan add --name … --kind … --balance …",
    )


def loan_remove(ctx: Context, args: argparse.Namespace) -> int:
    ctx.ledger.repository.remove_loan(args.name)
    print(f"Removed loan {args.name}.")
    return 0


# --- income, expenses, family, contacts ----------------------------------------------------------


def income_add(ctx: Context, args: argparse.Namespace) -> int:
    if args.start and args.end and args.end < args.start:
        raise InputError(f"--end: {args.end} is before --start {args.start}")
    source = IncomeSource(
        name=args.name,
        kind=args.kind,
        amount=ctx.money(args.amount, "amount", allow_zero=False),
        frequency=args.frequency,
        start=args.start,
        end=args.end,
        notes=args.notes or "",
    )
    ctx.ledger.repository.add_income(source)
    print(f"Added income {source.name}.")
    return 0


def income_list(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household()
    locale = household.settings.locale
    rows = [
        [
            x.name,
            x.kind.value,
            x.frequency.value,
            format_money(x.amount, locale),
            format_money(monthly_amount(x.amount, x.frequency), locale),
        ]
        for x in household.income
    ]
    return _print_rows(
        args,
        [income_to_json(x) for x in household.income],
        rows,
        ["name", "kind", "frequency", "amount", "per month"],
        {3, 4},
        "No income yet. Add one with: debtcoach income add --name … --kind regular …",
    )


def income_remove(ctx: Context, args: argparse.Namespace) -> int:
    ctx.ledger.repository.remove_income(args.name)
    print(f"Removed income {args.name}.")
    return 0


def expense_add(ctx: Context, args: argparse.Namespace) -> int:
    current = ctx.money(args.current, "current")
    target = None if args.target is None else ctx.money(args.target, "target")
    if target is not None and target.minor > current.minor:
        raise InputError(f"--target: {target} is above the current amount {current}")
    expense = Expense(
        name=args.name,
        current=current,
        target=target,
        essential=args.essential,
        cut_active=args.cut,
    )
    ctx.ledger.repository.add_expense(expense)
    print(f"Added expense {expense.name}.")
    return 0


def expense_list(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household()
    locale = household.settings.locale
    rows = [
        [
            x.name,
            format_money(x.current, locale),
            format_money(x.target_or_current, locale),
            "yes" if x.essential else "no",
            "on" if x.cut_active else "off",
        ]
        for x in household.expenses
    ]
    return _print_rows(
        args,
        [expense_to_json(x) for x in household.expenses],
        rows,
        ["name", "current", "target", "essential", "cut"],
        {1, 2},
        "No expenses yet. Add one with: debtcoach expense add --name … --current …",
    )


def expense_remove(ctx: Context, args: argparse.Namespace) -> int:
    ctx.ledger.repository.remove_expense(args.name)
    print(f"Removed expense {args.name}.")
    return 0


def family_add(ctx: Context, args: argparse.Namespace) -> int:
    if args.borrowed_on > ctx.today:
        raise InputError(f"--borrowed-on: {args.borrowed_on} is after today ({ctx.today})")
    loan = FamilyLoan(
        lender=args.lender,
        amount=ctx.money(args.amount, "amount", allow_zero=False),
        borrowed_on=args.borrowed_on,
        relationship=args.relationship or "",
        promised=args.promised,
        apr=args.apr if args.apr is not None else Decimal(0),
        notes=args.notes or "",
    )
    ctx.ledger.repository.add_family_loan(loan)
    print(f"Added family loan from {loan.lender}.")
    return 0


def family_repay(ctx: Context, args: argparse.Namespace) -> int:
    repository = ctx.ledger.repository
    amount = ctx.money(args.amount, "amount", allow_zero=False)
    on = args.date or ctx.today
    with repository.transaction():
        loan = repository.load().family_loan(args.lender)
        if loan is None:
            raise InputError(f"--lender: no family loan from {args.lender!r}")
        if amount.minor > loan.balance.minor:
            raise InputError(
                f"--amount: {amount} is more than the {loan.balance} still owed to {loan.lender}"
            )
        updated = replace(loan, repayments=(*loan.repayments, FamilyRepayment(on, amount)))
        repository.update_family_loan(loan.lender, updated)
    print(f"Recorded {amount} repaid to {args.lender}; {updated.balance} still owed.")
    return 0


def family_list(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household()
    locale = household.settings.locale
    rows = [
        [
            x.lender,
            x.relationship,
            format_money(x.amount, locale),
            format_money(x.balance, locale),
            x.promised.isoformat() if x.promised else "-",
        ]
        for x in household.family_loans
    ]
    return _print_rows(
        args,
        [family_to_json(x) for x in household.family_loans],
        rows,
        ["lender", "relationship", "borrowed", "owed", "promised"],
        {2, 3},
        "No family loans. Add one with: debtcoach family add --lender … --amount …",
    )


def family_remove(ctx: Context, args: argparse.Namespace) -> int:
    ctx.ledger.repository.remove_family_loan(args.lender)
    print(f"Removed family loan from {args.lender}.")
    return 0


def contact_add(ctx: Context, args: argparse.Namespace) -> int:
    problems = contact_date_problems(args.date, args.follow_up, ctx.today)
    for field, problem in problems.items():  # the same rules as the app's contact form
        raise InputError(f"--{field.replace('_', '-')}: {problem}")
    contact = Contact(
        loan=args.loan,
        on=args.date,
        channel=args.channel,
        who=args.who or "",
        asked=args.asked or "",
        outcome=args.outcome or "",
        follow_up=args.follow_up,
    )
    ctx.ledger.repository.add_contact(contact)  # refuses an unknown loan (exit 2)
    print(f"Logged a {contact.channel.value} contact about {contact.loan}.")
    return 0


def contact_list(ctx: Context, args: argparse.Namespace) -> int:
    contacts = list(ctx.ledger.repository.contacts_with_ids())
    if args.loan:
        contacts = [(i, c) for i, c in contacts if c.loan == args.loan]
    rows = [
        [
            str(i),
            c.on.isoformat(),
            c.loan,
            c.channel.value,
            c.outcome,
            c.follow_up.isoformat() if c.follow_up else "-",
        ]
        for i, c in contacts
    ]
    return _print_rows(
        args,
        [{"id": i, **contact_to_json(c)} for i, c in contacts],
        rows,
        ["id", "date", "loan", "channel", "outcome", "follow-up"],
        {0},
        "No contacts logged. Log one with: debtcoach contact add --loan … --channel phone",
    )


def contact_remove(ctx: Context, args: argparse.Namespace) -> int:
    ctx.ledger.repository.remove_contact(args.id)
    print(f"Removed contact {args.id}.")
    return 0


# --- plan and restructure ------------------------------------------------------------------------


def plan_to_json(plan: PayoffPlan) -> dict[str, Any]:
    """The JSON shape of the scripting contract (DESIGN.md, "plan --json")."""
    return {
        "feasible": plan.feasible,
        "shortfall": None if plan.shortfall is None else str(plan.shortfall),
        "strategy": plan.strategy.value,
        "budget": str(plan.budget),
        "currency": plan.currency,
        "months": plan.months,
        "debt_free": plan.debt_free,
        "total_interest": str(plan.total_interest) if plan.feasible else None,
        "total_paid": str(plan.total_paid) if plan.feasible else None,
        "loans": [
            {
                "name": d.name,
                "family": d.family,
                "payoff_month": d.payoff_month,
                "payoff_date": d.payoff_date,
                "interest": str(d.interest),
                "paid": str(d.paid),
            }
            for d in plan.debts
        ],
        "schedule": [
            {
                "month": m.month,
                "date": m.date,
                "payments": {k: str(v) for k, v in m.payments.items()},
                "balances": {k: str(v) for k, v in m.balances.items()},
            }
            for m in plan.schedule
        ],
    }


def plan(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household()
    budget = None if args.budget is None else ctx.money(args.budget, "budget")
    order = None
    if args.order is not None:
        order = [part.strip() for part in args.order.split(",") if part.strip()]
        if not order:
            raise InputError(f"--order: {args.order!r} names no loan (write --order NAME1,NAME2,…)")
        if args.strategy not in (None, Strategy.CUSTOM):
            raise InputError("--order: only makes sense with --strategy custom")
    result = ctx.ledger.plan(household, strategy=args.strategy, order=order, budget=budget)
    if args.json:
        _print_json(plan_to_json(result))
        return 0
    print(describe_plan(result, household.settings.locale))
    return 0


def describe_plan(plan: PayoffPlan, locale: str) -> str:
    def fmt(amount: Money) -> str:
        return format_money(amount, locale)

    lines = [f"Strategy: {plan.strategy.value}    Monthly debt budget: {fmt(plan.budget)}"]
    if not plan.feasible:
        assert plan.shortfall is not None and plan.month_one_minimums is not None
        lines.append(
            f"Not feasible: the minimum payments need {fmt(plan.month_one_minimums)} a month, "
            f"{fmt(plan.shortfall)} more than the budget."
        )
        lines.append("Talk to your lenders about stretching the plan: debtcoach coach")
        return "\n".join(lines)
    if plan.months is None:
        lines.append("At this budget the debts do not get paid off within 50 years.")
    elif plan.months == 0:
        lines.append("Nothing is owed. You are debt-free.")
        return "\n".join(lines)
    else:
        lines.append(f"Debt-free in {plan.months} months: {plan.debt_free}.")
    lines.append(
        f"Total interest: {fmt(plan.total_interest)}    Total paid: {fmt(plan.total_paid)}"
    )
    rows = [
        [
            d.name + (" (family)" if d.family else ""),
            fmt(d.start_balance),
            d.payoff_date or "never",
            fmt(d.interest),
            "at risk" if d.at_risk else "",
        ]
        for d in plan.debts
    ]
    lines += ["", _table(rows, ["debt", "owed now", "paid off", "interest", ""], {1, 3})]
    return "\n".join(lines)


def quote_to_json(quote: RestructureQuote) -> dict[str, Any]:
    return {
        "loan": quote.loan,
        "mode": quote.mode.value,
        "installments": quote.installments,
        "installment": str(quote.installment),
        "last_installment": str(quote.last_installment),
        "total_paid": str(quote.total_paid),
        "cost": str(quote.cost),
        "current_payment": str(quote.current_payment),
        "monthly_relief": str(quote.monthly_relief),
    }


def restructure(ctx: Context, args: argparse.Namespace) -> int:
    fee_rate = args.fee_rate if args.fee_rate is not None else Decimal(0)
    if args.fee_rate is not None and args.mode != RestructureMode.FLAT_FEE:
        raise InputError("--fee-rate: only applies with --mode flat_fee")
    household = ctx.household()
    quote = ctx.ledger.restructure_quote(
        args.name, args.installments, args.mode, fee_rate, household
    )
    _mark_proposal(ctx, args, quote)
    if args.json:
        _print_json(quote_to_json(quote))
        return 0

    def fmt(amount: Money) -> str:
        return format_money(amount, household.settings.locale)

    relief = quote.monthly_relief
    print(
        f"{quote.loan}: {fmt(quote.balance)} over {quote.installments} installments "
        f"({quote.mode.value})"
    )
    print(f"  Today's payment:   {fmt(quote.current_payment)} a month")
    print(
        f"  New installment:   {fmt(quote.installment)} a month "
        f"(last {fmt(quote.last_installment)})"
    )
    word = "less" if relief.minor >= 0 else "more"
    print(
        f"  Space:             {fmt(Money(abs(relief.minor), relief.currency))} {word} each month"
    )
    if quote.months_added is None:
        print("  Time:              at today's payment this loan never clears")
    else:
        added = quote.months_added
        when = "longer" if added >= 0 else "sooner"
        print(f"  Time:              {abs(added)} months {when} than at today's payment")
    print(f"  Total paid:        {fmt(quote.total_paid)} (cost {fmt(quote.cost)})")
    return 0


# --- proposal letter and proposal state -------------------------------------------------------


def _mark_proposal(ctx: Context, args: argparse.Namespace, quote: RestructureQuote) -> None:
    """`restructure … --propose/--agree/--refuse`: save the quote on the loan in that state."""
    state: ProposalState | None = getattr(args, "state", None)
    if state is None:
        return
    ctx.ledger.set_proposal_state(quote, state)
    follows = " (the plan now follows its installments)" if state == ProposalState.AGREED else ""
    print(f"Marked the {quote.installments}-installment plan for {quote.loan} as {state.value}"
          f"{follows}.", file=sys.stderr)  # fmt: skip


def proposal(ctx: Context, args: argparse.Namespace) -> int:
    """A Markdown repayment proposal to the loan's lender, from the saved data only."""
    fee_rate = args.fee_rate if args.fee_rate is not None else Decimal(0)
    if args.fee_rate is not None and args.mode != RestructureMode.FLAT_FEE:
        raise InputError("--fee-rate: only applies with --mode flat_fee")
    output = _output_path(args.output, "proposal") if args.output else None
    household = ctx.household()
    if household.loan(args.name) is None:
        raise InputError(f"proposal: there is no loan named {args.name!r}")
    quote = ctx.ledger.restructure_quote(
        args.name, args.installments, args.mode, fee_rate, household
    )
    if output is not None:
        ctx.ledger.write_proposal_letter(quote, output, household)
        print(f"Wrote the proposal to {args.output}.", file=sys.stderr)
    else:
        sys.stdout.write(ctx.ledger.proposal_letter(quote, household))
    return 0


# --- coach ----------------------------------------------------------------------------------------


SCREEN_NAMES = {
    "d": "dashboard",
    "l": "loans",
    "o": "open source",
    "t": "throttling",
    "f": "family",
    "p": "payoff",
    "w": "check-in",
}


def coach(ctx: Context, args: argparse.Namespace) -> int:
    from debtcoach.guidance import coach_advice, on_track_message

    household = ctx.household()
    advice = coach_advice(household, ctx.today)
    if args.json:
        _print_json([item.as_dict() for item in advice])
        return 0
    if not advice:
        print(on_track_message(household, ctx.today))
        return 0
    for number, item in enumerate(advice, start=1):
        screen = SCREEN_NAMES.get(item.key, item.key)
        print(f"{number}. {item.title}")
        print(textwrap.fill(item.why, width=78, initial_indent="   ", subsequent_indent="   "))
        paragraphs = item.quote.split("\n")
        for index, paragraph in enumerate(paragraphs):
            opening = "\u201c" if index == 0 else " "
            closing = "\u201d" if index == len(paragraphs) - 1 else ""
            print(textwrap.fill(f"{opening}{paragraph}{closing}", width=78,
                                initial_indent="   ", subsequent_indent="    "))  # fmt: skip
        print(f"   Act on it: press {item.key} ({screen}) in the app.")
        print()
    print(on_track_message(household, ctx.today))
    return 0


# --- weekly check-in -----------------------------------------------------------------------------


def _amount_pairs(ctx: Context, pairs: Sequence[str] | None, what: str) -> dict[str, Money]:
    """`--paid Visa=150 --paid Mum=20` → {"Visa": 150.00, "Mum": 20.00}."""
    amounts: dict[str, Money] = {}
    for text in pairs or ():
        name, sep, amount = text.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(f"--{what}: {text!r} is not NAME=AMOUNT")
        if name in amounts:
            raise InputError(f"--{what}: {name} is given twice")
        amounts[name] = ctx.money(amount, f"{what} {name}")
    return amounts


def checkin_add(ctx: Context, args: argparse.Namespace) -> int:
    from debtcoach.checkin_service import save_checkin
    from debtcoach.domain.checkin import CheckInError, checkin_date, summary_lines

    household = ctx.household()
    week = args.week or iso_week(ctx.today)
    previous = next((c for c in household.checkins if c.week == week), None)
    try:
        on = checkin_date(week, ctx.today, previous)
        checkin = CheckIn(
            week=week,
            on=on,
            paid=_amount_pairs(ctx, args.paid, "paid"),
            received=_amount_pairs(ctx, args.received, "received"),
            spent=_amount_pairs(ctx, args.spent, "spent"),
            borrowed=args.borrowed == "yes",
            note=(args.note or "").strip(),
        )
        summary = save_checkin(ctx.ledger, checkin)
    except CheckInError as exc:
        raise InputError(f"checkin add: {exc}") from None
    print("\n".join(summary_lines(summary, household.settings.locale)))
    return 0


def checkin_list(ctx: Context, args: argparse.Namespace) -> int:
    household = ctx.household()
    if args.json:
        _print_json([checkin_to_json(c) for c in household.checkins])
        return 0
    if not household.checkins:
        print("No check-ins yet. Do this week's with: debtcoach checkin add --paid NAME=AMT …")
        return 0
    locale = household.settings.locale

    def total(amounts: dict[str, Money]) -> str:
        amount = Money(sum(a.minor for a in amounts.values()), household.currency)
        return format_money(amount, locale)

    rows = [
        [
            c.week,
            c.on.isoformat(),
            total(c.paid),
            total(c.received),
            total(c.spent),
            "yes" if c.borrowed else "no",
            " \u23ce ".join(c.note.splitlines()),  # one line per week; JSON keeps the note
        ]
        for c in household.checkins
    ]
    headers = ["week", "date", "paid", "received", "spent", "borrowed", "note"]
    print(_table(rows, headers, {2, 3, 4}))
    return 0


def _add_checkin_commands(commands: Any) -> None:
    checkin = commands.add_parser("checkin", help="the weekly check-in").add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=_Parser
    )
    p = checkin.add_parser("add", help="record a week (replaces that week's earlier check-in)")
    p.add_argument(
        "--week",
        type=_arg(lambda s: _in_years(parse_week(s, what="--week"), "--week"), "week", named=True),
        metavar="YYYY-Www",
        help="default: this week",
    )
    for option, text in (
        ("--paid", "paid to a loan or a family lender"),
        ("--received", "income received"),
        ("--spent", "spent in an expense category"),
    ):
        p.add_argument(option, action="append", metavar="NAME=AMT", help=text)
    p.add_argument("--borrowed", choices=["yes", "no"], default="no", help="borrowed anything new")
    p.add_argument("--note")
    p.set_defaults(handler=checkin_add)
    p = checkin.add_parser("list", help="list the weekly check-ins")
    p.add_argument("--json", action="store_true", help="print JSON (money as decimal strings)")
    p.set_defaults(handler=checkin_list)


# --- settings, export, import --------------------------------------------------------------------


SETTING_KEYS = ("currency", "locale", "safety_buffer", "strategy", "theme", "custom_order")


def settings_set(ctx: Context, args: argparse.Namespace) -> int:
    repository = ctx.ledger.repository
    key = args.key.strip().lower().replace("-", "_")
    value = args.value.strip()
    with repository.transaction():
        household = repository.load()
        settings = household.settings
        try:
            if key == "currency":
                code = validate_household_currency(value)
                has_money = bool(
                    household.loans
                    or household.income
                    or household.expenses
                    or household.family_loans
                )
                if has_money and currency_digits(code) != currency_digits(settings.currency):
                    raise InputError(
                        f"currency: {code} has a different number of decimals than "
                        f"{settings.currency}; "
                        "export, change and re-enter the amounts instead"
                    )
                settings = replace(
                    settings, currency=code, safety_buffer=Money(settings.safety_buffer.minor, code)
                )
            elif key == "locale":
                settings = replace(settings, locale=validate_locale(value))
            elif key == "safety_buffer":
                settings = replace(
                    settings,
                    safety_buffer=parse_money(value, settings.currency, what="safety_buffer"),
                )
            elif key == "strategy":
                strategy = _choice_arg(Strategy, "strategy")(value)
                if strategy == Strategy.CUSTOM and not settings.custom_order:
                    raise InputError("strategy: set custom_order first (names separated by commas)")
                settings = replace(settings, strategy=strategy)
            elif key == "custom_order":
                from debtcoach.domain.payoff import validate_custom_order

                names = [part.strip() for part in value.split(",") if part.strip()]
                settings = replace(
                    settings, custom_order=validate_custom_order(household.loans, names)
                )
            elif key == "theme":
                settings = replace(settings, theme=_valid_theme(value))
            else:
                raise InputError(
                    f"settings set: unknown key {args.key!r} (one of {', '.join(SETTING_KEYS)})"
                )
        except (MoneyError, PlanInputError) as exc:
            raise InputError(f"{key}: {exc}") from None
        repository.save_settings(settings)
    print(f"Set {key} to {value}.")
    return 0


def _valid_theme(name: str) -> str:
    from debtcoach.bundled import themes_dir

    available = sorted(p.stem for p in themes_dir().glob("*.toml"))
    if available and name not in available:
        raise InputError(f"theme: unknown theme {name!r} (one of {', '.join(available)})")
    return name


def settings_show(ctx: Context, args: argparse.Namespace) -> int:
    from debtcoach.store.exchange import settings_to_json

    data = settings_to_json(ctx.ledger.repository.settings())
    if args.json:
        _print_json(data)
    else:
        for key, value in data.items():
            print(f"{key}: {','.join(value) if isinstance(value, list) else value}")
    return 0


def export(ctx: Context, args: argparse.Namespace) -> int:
    output = _output_path(args.output, "export") if args.output else None
    household = ctx.household()
    if args.format == "csv":
        text = household_to_csv(household)
    else:
        text = json.dumps(household_to_json(household), indent=2, ensure_ascii=False) + "\n"
    if output is not None:
        # All of someone's finances: private (0600) and never half-written.
        atomic_write_bytes(output, text.encode("utf-8"), action="export to")
        print(f"Exported to {args.output}.", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def import_file(ctx: Context, args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"import: {path} does not exist") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"import: {path} is not valid JSON ({exc})") from None
    except RecursionError:
        raise InputError(f"import: {path} is nested too deeply to be an export") from None
    except IsADirectoryError:
        raise InputError(f"import: {path} is a folder, not an export file") from None
    try:
        household = household_from_json(data)
    except ExchangeError as exc:
        raise InputError(f"import: {path}: {exc}") from None
    ctx.ledger.repository.replace_all(household)
    print(
        f"Imported {len(household.loans)} loans, {len(household.income)} incomes, "
        f"{len(household.expenses)} expenses, {len(household.family_loans)} family loans, "
        f"{len(household.contacts)} contacts, {len(household.checkins)} check-ins."
    )
    return 0


# --- backups and restore -------------------------------------------------------------------------


def backup_list(ctx: Context, args: argparse.Namespace) -> int:
    backups = ctx.ledger.repository.backups()
    if args.json:
        _print_json(
            [
                {
                    "name": item.name,
                    "path": str(item.path),
                    "time": item.taken_at.isoformat(timespec="seconds"),
                    "size": item.size,
                    "loads": item.loads,
                    "problem": item.problem,
                }
                for item in backups
            ]
        )
        return 0
    if not backups:
        print(f"No backups yet for {ctx.path} (one is kept before every save).")
        return 0
    rows = [
        [
            item.name,
            item.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
            f"{item.size:,}",
            "yes" if item.loads else "NO",
        ]
        for item in backups
    ]
    print(_table(rows, ["BACKUP", "TAKEN (LOCAL TIME)", "BYTES", "LOADS"], right={2}))
    return 0


def restore_backup(ctx: Context, args: argparse.Namespace) -> int:
    result = ctx.ledger.repository.restore(args.backup)
    print(f"Restored {ctx.path} from {result.restored_from}.")
    if result.previous_saved_as is not None:
        print(f"The file it replaced was kept as {result.previous_saved_as}.")
    return 0


# --- the parser ----------------------------------------------------------------------------------


def _list_remove(
    sub: Any, table: str, list_fn: Handler, remove_fn: Handler, key: str = "name"
) -> None:
    p = sub.add_parser("list", help=f"list {table}")
    p.add_argument("--json", action="store_true", help="print JSON (money as decimal strings)")
    p.set_defaults(handler=list_fn)
    p = sub.add_parser("remove", help=f"remove one of the {table}")
    p.add_argument(key, type=_name_arg(key))
    p.set_defaults(handler=remove_fn)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="debtcoach",
        description="A calm terminal coach for overdue loans. No subcommand: open the app.",
    )
    parser.add_argument("--version", action="version", version=f"debtcoach {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help="data file (default: $DEBTCOACH_DB or the user data folder)"
    )
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", type=_date_arg("today"), help="pretend today is this date"
    )
    parser.add_argument("--theme", metavar="NAME", help="colour theme for the app")
    parser.add_argument(
        "--demo", action="store_true", help="open a temporary copy of the sample household"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    loan = commands.add_parser("loan", help="institutional loans").add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=_Parser
    )
    p = loan.add_parser("add", help="add a loan")
    p.add_argument("--name", required=True, type=_name_arg("name"))
    p.add_argument("--kind", required=True, type=_choice_arg(LoanKind, "kind"))
    p.add_argument("--balance", required=True, metavar="AMT", help="still owed, e.g. 1234.56")
    p.add_argument("--apr", required=True, type=_rate_arg("apr"), metavar="PCT")
    p.add_argument("--min-payment", required=True, metavar="AMT")
    p.add_argument("--lender")
    p.add_argument("--penalty-apr", type=_rate_arg("penalty-apr"), metavar="PCT")
    p.add_argument("--due-day", type=_int_arg("due-day", 1, 31), metavar="D")
    p.add_argument("--overdue-since", type=_date_arg("overdue-since"), metavar="DATE")
    p.add_argument("--opened-on", type=_date_arg("opened-on"), metavar="DATE")
    p.add_argument("--late-fee", metavar="AMT")
    p.add_argument("--arrears", metavar="AMT")
    p.add_argument("--purpose")
    p.add_argument("--to-repay-other-debt", action="store_true")
    p.add_argument("--status", type=_choice_arg(LoanStatus, "status"))
    p.set_defaults(handler=loan_add)
    _list_remove(loan, "loans", loan_list, loan_remove)

    income = commands.add_parser(
        "income", help="income: regular and side (open source)"
    ).add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    p = income.add_parser("add", help="add an income source")
    p.add_argument("--name", required=True, type=_name_arg("name"))
    p.add_argument("--kind", required=True, type=_choice_arg(IncomeKind, "kind"))
    p.add_argument("--amount", required=True, metavar="AMT")
    p.add_argument("--frequency", required=True, type=_choice_arg(Frequency, "frequency"))
    p.add_argument("--start", type=_date_arg("start"), metavar="DATE")
    p.add_argument("--end", type=_date_arg("end"), metavar="DATE")
    p.add_argument("--notes")
    p.set_defaults(handler=income_add)
    _list_remove(income, "income sources", income_list, income_remove)

    expense = commands.add_parser("expense", help="expenses and cuts (throttling)").add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=_Parser
    )
    p = expense.add_parser("add", help="add an expense category")
    p.add_argument("--name", required=True, type=_name_arg("name"))
    p.add_argument("--current", required=True, metavar="AMT", help="monthly amount now")
    p.add_argument("--target", metavar="AMT", help="monthly amount after the cut")
    p.add_argument("--essential", action="store_true")
    p.add_argument("--cut", action="store_true", help="the cut to the target is active")
    p.set_defaults(handler=expense_add)
    _list_remove(expense, "expenses", expense_list, expense_remove)

    family = commands.add_parser(
        "family", help="money borrowed from family and friends"
    ).add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    p = family.add_parser("add", help="add a family loan")
    p.add_argument("--lender", required=True, type=_name_arg("lender"))
    p.add_argument("--amount", required=True, metavar="AMT")
    p.add_argument("--borrowed-on", required=True, type=_date_arg("borrowed-on"), metavar="DATE")
    p.add_argument("--relationship")
    p.add_argument("--promised", type=_date_arg("promised"), metavar="DATE")
    p.add_argument("--apr", type=_rate_arg("apr"), metavar="PCT")
    p.add_argument("--notes")
    p.set_defaults(handler=family_add)
    p = family.add_parser("repay", help="record a repayment to a relative")
    p.add_argument("--lender", required=True, type=_name_arg("lender"))
    p.add_argument("--amount", required=True, metavar="AMT")
    p.add_argument("--date", type=_date_arg("date"), metavar="DATE", help="default: today")
    p.set_defaults(handler=family_repay)
    _list_remove(family, "family loans", family_list, family_remove, key="lender")

    contact = commands.add_parser("contact", help="the log of talks with lenders").add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=_Parser
    )
    p = contact.add_parser("add", help="log a contact with a lender")
    p.add_argument("--loan", required=True, type=_name_arg("loan"))
    p.add_argument("--date", required=True, type=_date_arg("date"), metavar="DATE")
    p.add_argument("--channel", required=True, type=_choice_arg(Channel, "channel"))
    p.add_argument("--who")
    p.add_argument("--asked")
    p.add_argument("--outcome")
    p.add_argument("--follow-up", type=_date_arg("follow-up"), metavar="DATE")
    p.set_defaults(handler=contact_add)
    p = contact.add_parser("list", help="list contacts (numbered)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--loan", type=_name_arg("loan"), help="only this loan's contacts")
    p.set_defaults(handler=contact_list)
    p = contact.add_parser("remove", help="remove a contact by its id in `contact list`")
    p.add_argument("id", type=_int_arg("id", 1))
    p.set_defaults(handler=contact_remove)

    p = commands.add_parser("plan", help="the payoff plan")
    p.add_argument("--strategy", type=_choice_arg(Strategy, "strategy"))
    p.add_argument("--order", metavar="N1,N2,..", help="custom order of loan names")
    p.add_argument(
        "--budget", metavar="AMT", help="monthly debt budget instead of the computed one"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=plan)

    p = commands.add_parser("restructure", help="quote stretching one loan into installments")
    p.add_argument("name", type=_name_arg("name"))
    p.add_argument("--installments", required=True, type=_int_arg("installments", 1), metavar="K")
    p.add_argument(
        "--mode", type=_choice_arg(RestructureMode, "mode"), default=RestructureMode.ANNUITY
    )
    p.add_argument(
        "--fee-rate", type=_rate_arg("fee-rate"), metavar="PCT", help="monthly fee rate (flat_fee)"
    )
    p.add_argument("--json", action="store_true")
    marks = p.add_mutually_exclusive_group()
    for flag, state in (
        ("--propose", ProposalState.PROPOSED),
        ("--agree", ProposalState.AGREED),
        ("--refuse", ProposalState.REFUSED),
    ):
        marks.add_argument(
            flag,
            dest="state",
            action="store_const",
            const=state,
            help=f"save this plan on the loan as {state.value}",
        )
    p.set_defaults(handler=restructure)

    p = commands.add_parser("proposal", help="write a repayment proposal letter to a lender")
    p.add_argument("name", type=_name_arg("name"))
    p.add_argument("--installments", required=True, type=_int_arg("installments", 1), metavar="K")
    p.add_argument(
        "--mode", type=_choice_arg(RestructureMode, "mode"), default=RestructureMode.ANNUITY
    )
    p.add_argument(
        "--fee-rate", type=_rate_arg("fee-rate"), metavar="PCT", help="monthly fee rate (flat_fee)"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the letter here (default stdout)")
    p.set_defaults(handler=proposal)

    settings = commands.add_parser(
        "settings", help="currency, locale, safety buffer, strategy, theme"
    ).add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    p = settings.add_parser("set", help=f"set one of: {', '.join(SETTING_KEYS)}")
    p.add_argument("key")
    p.add_argument("value")
    p.set_defaults(handler=settings_set)
    p = settings.add_parser("show", help="show the settings")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=settings_show)

    p = commands.add_parser("coach", help="what the guidance says about your situation now")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=coach)

    _add_checkin_commands(commands)

    p = commands.add_parser("export", help="write all data as JSON or CSV")
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(handler=export)

    p = commands.add_parser("import", help="replace all data with an export file (all or nothing)")
    p.add_argument("file")
    p.set_defaults(handler=import_file)
    p = commands.add_parser("backup", help="the rotating backups of the data file")
    backup = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    p = backup.add_parser("list", help="list backups, newest first, and whether each one loads")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=backup_list)
    p = commands.add_parser(
        "restore", help="put a backup back (the current file is backed up first)"
    )
    p.add_argument("backup", metavar="BACKUP", help="a name from `backup list`, or a path")
    p.set_defaults(handler=restore_backup)
    return parser


# --- entry point ---------------------------------------------------------------------------------


def _today(args: argparse.Namespace) -> date:
    if args.today is not None:
        return args.today  # type: ignore[no-any-return]
    return pendulum.today().date()


def _launch_tui(path: Path, today: date, theme: str | None, demo: bool) -> int:
    # Start-up allocates a lot (Textual, the data file) and frees almost nothing: no collector
    # passes until it is done (`ui.app.run` turns the collector back on before the first frame).
    gc.disable()
    try:
        return _start_tui(path, today, theme, demo)
    finally:
        gc.enable()


def _start_tui(path: Path, today: date, theme: str | None, demo: bool) -> int:
    # Imported by name so that scripts never load Textual (an import contract checks the rest).
    app_module = importlib.import_module("debtcoach.ui.app")
    run: Callable[..., int] = app_module.run
    try:
        return run(path=path, today=today, theme=theme, demo=demo)
    except (StorageCorrupt, StorageTooNew) as exc:
        # The file is left untouched; the error screen offers to restore the newest good backup.
        screen = importlib.import_module("debtcoach.ui.screens.storage_error")
        if not screen.recover_interactively(path, exc):
            raise
    return run(path=path, today=today, theme=theme, demo=demo)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        path = resolve_data_path(args.db, os.environ)
        today = _today(args)
        handler: Handler | None = getattr(args, "handler", None)
        if args.demo:
            # Never the user's own file: a command after --demo runs on the throwaway copy too.
            with tempfile.TemporaryDirectory(prefix="debtcoach-demo-") as folder:
                demo_path = Path(folder) / "debtcoach.json"
                shutil.copyfile(sample_data_file(), demo_path)
                os.chmod(demo_path, 0o600)
                if handler is not None:
                    return handler(Context(demo_path, today), args)
                return _launch_tui(demo_path, today, args.theme, demo=True)
        if handler is None:
            return _launch_tui(path, today, args.theme, demo=False)
        code = handler(Context(path, today), args)
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        return code
    except BrokenPipeError:
        return _stdout_closed()
    except InputError as exc:
        print(f"debtcoach: {exc}", file=sys.stderr)
        return 2
    except (
        StoreInputError,
        MoneyError,
        DateError,
        InvalidName,
        PlanInputError,
        RestructureError,
    ) as exc:
        print(f"debtcoach: {exc}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"debtcoach: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(
            f"debtcoach: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr
        )
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the contract: never a traceback, one line, exit 1
        print(f"debtcoach: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def _stdout_closed() -> int:
    """The reader went away (`debtcoach loan list | head -1`): stop quietly, as `cat` would.

    Whatever is still buffered goes to /dev/null so the exit flush cannot fail again; the exit
    code is the shell's for a pipe writer stopped by SIGPIPE (128 + 13).
    """
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return 141


def run() -> NoReturn:
    sys.exit(main())


if __name__ == "__main__":
    run()
