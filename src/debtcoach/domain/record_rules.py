"""The rules a record must keep, written once for every door.

Each function returns the problems of one kind of record by field (the model's field name, which
is also the form's field key and, with dashes, the CLI option). The Ledger raises the first one as
`RecordProblem`; the CLI prints it as `--field: message` (exit 2), a form shows it under the
field, an import names the row. The messages never repeat the field's name, so each door can
put it in front in its own way.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import TypeVar

from msgspec import Struct
from msgspec.structs import fields, replace

from debtcoach.domain.calendar import DateError, parse_week
from debtcoach.domain.checkin import future_week_problem
from debtcoach.domain.contact_log import contact_date_problems
from debtcoach.domain.models import (
    CheckIn,
    Contact,
    Expense,
    FamilyLoan,
    Frequency,
    Household,
    IncomeSource,
    Loan,
    LoanKind,
    LoanStatus,
    ProposalState,
    name_key,
)
from debtcoach.domain.money import (
    MAX_MAJOR_UNITS,
    MAX_RATE_PERCENT,
    Money,
    MoneyError,
    currency_digits,
    validate_household_currency,
    validate_locale,
)
from debtcoach.domain.restructure import CREDIT_CARD_MAX_INSTALLMENTS, MAX_INSTALLMENTS
from debtcoach.domain.text_rules import NOTES_LIMIT, free_text_problem
from debtcoach.domain.wording import N_, _, label

Problems = dict[str, str]
R = TypeVar("R")

MAX_DUE_DAY = 31
RESTRUCTURED_NEEDS_TERMS = N_(
    "restructured needs agreed terms: quote them with `debtcoach restructure`"
)


class RecordProblem(ValueError):
    """A record that breaks a rule; `field` names the field it is about."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    @property
    def option(self) -> str:
        """The field as the CLI spells it (`overdue_since` → `--overdue-since`, `for_loan` →
        `--for`)."""
        return _OPTION_NAMES.get(self.field, "--" + self.field.replace("_", "-"))


_OPTION_NAMES = {"for_loan": "--for"}


def raise_first(problems: Mapping[str, str]) -> None:
    """Turn the first problem (in field order) into `RecordProblem`."""
    for field, message in problems.items():
        raise RecordProblem(field, message)


def text_problems(record: object, one_line: Sequence[str], notes: Sequence[str] = ()) -> Problems:
    """Free-text fields are only ever text: no control characters, a length limit."""
    problems: Problems = {}
    for name in one_line:
        problem = free_text_problem(getattr(record, name))
        if problem is not None:
            problems[name] = problem
    for name in notes:
        problem = free_text_problem(getattr(record, name), multiline=True, limit=NOTES_LIMIT)
        if problem is not None:
            problems[name] = problem
    return problems


def _negative(amount: Money | None) -> bool:
    return amount is not None and amount.minor < 0


def _too_large(amount: Money | None) -> bool:
    """More than any door lets in (10^12 major units): only a damaged file holds such."""
    return amount is not None and abs(amount.minor) > _largest_minor(amount.currency)


def _largest_minor(currency: str) -> int:
    """10^12 major units of `currency`, in its minor units."""
    limit: int = MAX_MAJOR_UNITS * 10 ** currency_digits(currency)
    return limit


def rate_problems(record: object, names: Sequence[str]) -> Problems:
    """Yearly rates stay in 0..1000 % (the range `parse_rate` lets in at every door)."""
    problems: Problems = {}
    for name in names:
        rate = getattr(record, name)
        if rate is not None and not 0 <= rate <= MAX_RATE_PERCENT:
            shown = f"{rate:.6g}"  # a damaged file may hold thousands of digits
            problems[name] = _("{rate}% is out of range (0 to {limit} %)").format(
                rate=shown, limit=MAX_RATE_PERCENT
            )
    return problems


def loan_problems(loan: Loan, today: date) -> Problems:
    problems = text_problems(loan, ("lender", "purpose"))
    problems.update(loan_value_problems(loan))
    if loan.overdue_since is not None and loan.overdue_since > today:
        problems["overdue_since"] = _("{overdue_since} is after today ({today})").format(
            overdue_since=loan.overdue_since, today=today
        )
    if loan.opened_on is not None and loan.opened_on > today:
        problems["opened_on"] = _("{on} is after today ({today})").format(
            on=loan.opened_on, today=today
        )
    if loan.arrears is not None and loan.arrears.minor > max(loan.balance.minor, 0):
        problems["arrears"] = _("{arrears} is more than the balance {balance}").format(
            arrears=loan.arrears, balance=loan.balance
        )
    problems.update(promotion_problems(loan))
    problems.update(restructure_problems(loan))
    terms = loan.restructure
    if terms is not None and terms.agreed_on is not None and terms.agreed_on > today:
        # `restructure --agree` dates the terms today; the first installment falls due after.
        problems.setdefault(
            "restructure",
            _("{on} is after today ({today})").format(on=terms.agreed_on, today=today),
        )
    if loan.status == LoanStatus.RESTRUCTURED and (
        terms is None or terms.state != ProposalState.AGREED
    ):
        problems["status"] = _(RESTRUCTURED_NEEDS_TERMS)
    return problems


def borrowed_loan_problems(loan: Loan, today: date) -> Problems:
    """A loan recorded as new borrowing (the check-in's borrowing step, `checkin add
    --new-loan`) must be complete enough to plan with: what is owed now, its payment each month,
    the day of the month it falls due and the day it was borrowed. Whether it was taken to repay
    another debt is its `to_repay_other_debt` flag (the coach's stop-lending names it)."""
    problems = loan_problems(loan, today)
    if loan.balance.minor <= 0:
        problems.setdefault("balance", _("must be more than 0: what you owe on it now"))
    if loan.min_payment.minor <= 0:
        problems.setdefault("min_payment", _("must be more than 0: what it asks each month"))
    if loan.due_day is None:
        problems.setdefault(
            "due_day",
            _("is needed: the day of the month (1 to {max_due_day})").format(
                max_due_day=MAX_DUE_DAY
            ),
        )
    if loan.opened_on is None:
        problems.setdefault("opened_on", _("is needed: the day it was borrowed"))
    return problems


def loan_value_problems(loan: Loan) -> Problems:
    """Amounts not negative nor past 10^12, rates in 0..1000 %, a due day of the month: what
    every door refuses and no version ever wrote (a file holding one is damaged)."""
    problems = _amount_problems(loan, ("balance", "min_payment", "arrears", "late_fee"))
    problems.update(rate_problems(loan, ("apr", "penalty_apr", "promo_apr")))
    if loan.due_day is not None and not 1 <= loan.due_day <= MAX_DUE_DAY:
        problems["due_day"] = _(
            "{due_day} is out of range (must be from 1 to {max_due_day})"
        ).format(due_day=loan.due_day, max_due_day=MAX_DUE_DAY)
    return problems


def restructure_problems(loan: Loan) -> Problems:
    """Saved installment terms that could be a plan: a real installment, a card's 60 at most."""
    terms = loan.restructure
    if terms is None:
        return {}
    limit = CREDIT_CARD_MAX_INSTALLMENTS if loan.kind == LoanKind.CREDIT_CARD else MAX_INSTALLMENTS
    if not 1 <= terms.installments <= limit:
        return {
            "restructure": _("{installments} installments is out of range (1 to {limit})").format(
                installments=terms.installments, limit=limit
            )
        }
    if terms.balance.minor > 0 and (
        terms.installment.minor <= 0 or terms.last_installment.minor < 0
    ):
        return {
            "restructure": _("an installment of {installment} never repays {balance}").format(
                installment=terms.installment, balance=terms.balance
            )
        }
    return {}


def promotion_problems(loan: Loan) -> Problems:
    """A promotional rate is only in force until a date: the two come together, and the
    promotion is not dearer than the loan's own rate."""
    if loan.promo_apr is not None and loan.promo_until is None:
        return {"promo_until": _("a promotional APR needs the day it ends")}
    if loan.promo_until is not None and loan.promo_apr is None:
        return {"promo_apr": _("a promotion's end date needs the promotional APR")}
    if loan.promo_apr is not None and loan.promo_apr > loan.apr:
        return {
            "promo_apr": _("{promo_apr}% is above the loan's APR of {apr}%").format(
                promo_apr=loan.promo_apr, apr=loan.apr
            )
        }
    return {}


def income_problems(source: IncomeSource, loan_names: Collection[str] | None = None) -> Problems:
    """A one-off comes on one day, its `start`; only a one-off can be earmarked, and only for
    one of `loan_names` (the open institutional loans when adding; every loan on import)."""
    problems = text_problems(source, (), ("notes",))
    if source.amount.minor <= 0:
        problems["amount"] = _("must be more than zero")
    if source.start is not None and source.end is not None and source.end < source.start:
        problems["end"] = _("{end} is before start {start}").format(
            end=source.end, start=source.start
        )
    one_off = source.frequency == Frequency.ONE_OFF
    if one_off and source.start is None:
        problems["start"] = _("a one-off needs its date")
    if source.for_loan is not None:
        if not one_off:
            problems["for_loan"] = _("only a one-off can be earmarked for a loan")
        elif loan_names is not None and source.for_loan not in loan_names:
            problems["for_loan"] = _("{for_loan!r} is not an open loan").format(
                for_loan=source.for_loan
            )
    return problems


def expense_problems(expense: Expense) -> Problems:
    problems: Problems = {}
    if _negative(expense.current):
        problems["current"] = _("must not be negative")
    target = expense.target
    if target is not None and _negative(target):
        problems["target"] = _("must not be negative")
    elif target is not None and target.minor > expense.current.minor:
        problems["target"] = _("{target} is above the current amount {current}").format(
            target=target, current=expense.current
        )
    return problems


def family_loan_problems(loan: FamilyLoan, today: date) -> Problems:
    problems = text_problems(loan, ("relationship",), ("notes",))
    if loan.amount.minor <= 0:
        problems["amount"] = _("must be more than zero")
    elif loan.repaid.minor > loan.amount.minor:
        problems["amount"] = _("{amount} is less than the {repaid} already repaid").format(
            amount=loan.amount, repaid=loan.repaid
        )
    if loan.borrowed_on > today:
        problems["borrowed_on"] = _("{borrowed_on} is after today ({today})").format(
            borrowed_on=loan.borrowed_on, today=today
        )
    if loan.promised is not None and loan.promised < loan.borrowed_on:
        problems["promised"] = _(
            "{promised} is before the day it was borrowed ({borrowed_on})"
        ).format(promised=loan.promised, borrowed_on=loan.borrowed_on)
    for repayment in loan.repayments:
        problem = _repayment_date_problem(loan, repayment.on, today)
        if problem is None and repayment.amount.minor <= 0:
            problem = _("a repayment must be more than zero")
        if problem is not None:
            problems.setdefault("repayments", problem)
    return problems


def _repayment_date_problem(loan: FamilyLoan, on: date, today: date) -> str | None:
    if on < loan.borrowed_on:
        return _("{on} is before the day it was borrowed ({borrowed_on})").format(
            on=on, borrowed_on=loan.borrowed_on
        )
    if on > today:
        return _("{on} is after today ({today})").format(on=on, today=today)
    return None


def repayment_problems(loan: FamilyLoan, amount: Money, on: date, today: date) -> Problems:
    """A new repayment to a relative: fields `amount` and `date`."""
    problems: Problems = {}
    if amount.minor <= 0:
        problems["amount"] = _("must be more than zero")
    elif amount.minor > loan.balance.minor:
        problems["amount"] = _("{amount} is more than the {balance} still owed to {lender}").format(
            amount=amount, balance=loan.balance, lender=loan.lender
        )
    problem = _repayment_date_problem(loan, on, today)
    if problem is not None:
        problems["date"] = problem
    return problems


def contact_problems(
    contact: Contact, today: date, household: Household, *, history: bool = False
) -> Problems:
    """`history`: a whole household's contacts may be about a loan removed since (its balance
    history knows it); a new contact is about a loan that is there."""
    problems = text_problems(contact, ("who", "asked", "outcome"))
    known = history and contact.loan in recorded_names(household)
    if household.loan(contact.loan) is None and not known:
        problems["loan"] = _("there is no loan called {loan!r}").format(loan=contact.loan)
    problems.update(contact_date_problems(contact.on, contact.follow_up, today))
    return problems


def recorded_names(household: Household) -> set[str]:
    """Names the household's history knows: a removed loan keeps its check-ins and contacts,
    and its balance history (ended by a "removed" entry) says it was there."""
    return {entry.name for entry in household.balances}


def checkin_problems(checkin: CheckIn, household: Household, today: date) -> Problems:
    """A check-in names a week that has begun, is dated no later than today, and pays only
    loans and family lenders (or, in a whole household, a loan its history knows and that has
    since been removed)."""
    problems = text_problems(checkin, (), ("note",))
    try:
        week = parse_week(checkin.week)
    except DateError as exc:
        problems["week"] = str(exc)
    else:
        future = future_week_problem(week, today)
        if future is not None:
            problems["week"] = future
    if checkin.on > today:
        problems["date"] = _("{on} is after today ({today})").format(on=checkin.on, today=today)
    payees = {loan.name for loan in household.loans} | {f.lender for f in household.family_loans}
    payees |= recorded_names(household)
    unknown = sorted(name for name in checkin.paid if name not in payees)
    if unknown:
        problems["paid"] = _("names {names}, not a loan or lender").format(
            names=", ".join(repr(n) for n in unknown)
        )
    return problems


def settings_problems(household: Household) -> Problems:
    """A real currency and locale; a saved custom order names loans of this household."""
    problems: Problems = {}
    settings = household.settings
    try:
        validate_household_currency(settings.currency)
    except MoneyError as exc:
        problems["currency"] = str(exc)
    try:
        validate_locale(settings.locale)
    except MoneyError as exc:
        problems["locale"] = str(exc)
    names = {loan.name for loan in household.loans}
    unknown = [name for name in settings.custom_order if name not in names]
    if unknown:
        problems["custom_order"] = _("names {names}, not a loan").format(
            names=", ".join(repr(n) for n in unknown)
        )
    return problems


class HouseholdProblem(Struct, frozen=True):
    """One broken rule inside a whole household (an import, a file on load)."""

    table: str
    row: str
    field: str
    message: str

    def __str__(self) -> str:
        return _("{table} {row!r}: {field}: {message}").format(
            table=label(self.table),
            row=self.row,
            field=label(stored_name(self.field)),
            message=self.message,
        )


STORED_NAMES = (
    N_("loans"),
    N_("income"),
    N_("expenses"),
    N_("family_loans"),
    N_("checkins"),
    N_("settings"),
    N_("contacts"),
    N_("name"),
    N_("balance"),
    N_("min_payment"),
    N_("arrears"),
    N_("late_fee"),
    N_("apr"),
    N_("penalty_apr"),
    N_("promo_apr"),
    N_("promo_until"),
    N_("due_day"),
    N_("overdue_since"),
    N_("opened_on"),
    N_("status"),
    N_("restructure"),
    N_("lender"),
    N_("purpose"),
    N_("amount"),
    N_("start"),
    N_("end"),
    N_("for_loan"),
    N_("notes"),
    N_("current amount"),
    N_("target"),
    N_("relationship"),
    N_("borrowed_on"),
    N_("promised"),
    N_("repayments"),
    N_("week"),
    N_("paid"),
    N_("currency"),
    N_("locale"),
    N_("custom_order"),
    N_("safety_buffer"),
    N_("loan"),
    N_("date"),
)
"""The tables and fields of a household as the file and the JSON name them: a message about a
stored value names them so in English and translated in another language ("balance" → 余额)."""

_SAID_AS = {"current": "current amount"}
"""Stored names a message says otherwise: "current" alone is also a loan's status (正常)."""


def stored_name(key: str) -> str:
    """A stored table or field as a message names it, in English (`label` translates it)."""
    return _SAID_AS.get(key, key)


def household_problems(household: Household, today: date) -> list[HouseholdProblem]:
    """Every record rule over a whole household, row by row (import and load use this)."""
    found: list[HouseholdProblem] = []

    def add(table: str, row: str, problems: Problems) -> None:
        found.extend(HouseholdProblem(table, row, f, m) for f, m in problems.items())

    loan_names = {loan.name for loan in household.loans}
    for loan in household.loans:
        add("loans", loan.name, loan_problems(loan, today))
    for source in household.income:
        add("income", source.name, income_problems(source, loan_names))
    for expense in household.expenses:
        add("expenses", expense.name, expense_problems(expense))
    for item in household.family_loans:
        add("family_loans", item.lender, family_loan_problems(item, today))
    for checkin in household.checkins:
        add("checkins", checkin.week, checkin_problems(checkin, household, today))
    add("settings", "settings", settings_problems(household))
    for contact in household.contacts:
        problems = contact_problems(contact, today, household, history=True)
        add("contacts", f"{contact.loan} {contact.on}", problems)
    for table, name, message in name_problems(household):
        found.append(HouseholdProblem(table, name, "name", message))
    return found


def name_problems(household: Household) -> list[tuple[str, str, str]]:
    """(table, name, message) for names that clash: names are unique within a table, compared
    case-folded and NFC-normalised, and a loan and a family lender never share one (a
    check-in's `Mum=10` would pay the wrong debt)."""
    problems: list[tuple[str, str, str]] = []
    tables = {
        "loans": [loan.name for loan in household.loans],
        "income": [source.name for source in household.income],
        "expenses": [expense.name for expense in household.expenses],
        "family_loans": [item.lender for item in household.family_loans],
    }
    for table, names in tables.items():
        seen: dict[str, str] = {}
        for name in names:
            if name_key(name) in seen:
                problems.append(
                    (
                        table,
                        name,
                        _("the same name as {other!r}").format(other=seen[name_key(name)]),
                    )
                )
            seen[name_key(name)] = name
    loans = {name_key(name) for name in tables["loans"]}
    for name in tables["family_loans"]:
        if name_key(name) in loans:
            problems.append(("family_loans", name, _("is also the name of a loan")))
    return problems


def stored_household_problems(household: Household) -> list[HouseholdProblem]:
    """The values a data file may not hold when it is read: what no version of debtcoach ever
    wrote (a negative amount, a rate outside 0–1000 %, a due day 99, an amount past 10^12, two
    rows of one name, a week that is no week, an unknown currency or locale).

    Narrower than the rules of input on purpose: an older file may hold what was allowed then
    (a control character in a lender, shown as an escape; names that differ only in case; a
    check-in paying a loan removed since; a custom order naming it), and it must still open.
    """
    found: list[HouseholdProblem] = []

    def add(table: str, row: str, problems: Problems) -> None:
        found.extend(HouseholdProblem(table, row, f, m) for f, m in problems.items())

    for loan in household.loans:
        problems = loan_value_problems(loan)
        add("loans", loan.name, problems)
    for source in household.income:
        add("income", source.name, _amount_problems(source, ("amount",)))
    for expense in household.expenses:
        add("expenses", expense.name, _amount_problems(expense, ("current", "target")))
    for item in household.family_loans:
        problems = _amount_problems(item, ("amount",))
        if any(_negative(r.amount) or _too_large(r.amount) for r in item.repayments):
            problems["repayments"] = _("a repayment is negative or too large")
        add("family_loans", item.lender, problems)
    out_of_range = _checkins_out_of_range(household.checkins)
    for checkin in household.checkins:
        week: Problems = {}
        try:
            parse_week(checkin.week)
        except DateError as exc:
            week["week"] = str(exc)
        if checkin.week in out_of_range:
            week["paid"] = _("an amount is negative or too large")
        if week:
            add("checkins", checkin.week, week)
    settings = settings_problems(household)
    settings.pop("custom_order", None)
    add("settings", "settings", settings)
    for table, rows in (
        ("loans", [loan.name for loan in household.loans]),
        ("income", [source.name for source in household.income]),
        ("expenses", [expense.name for expense in household.expenses]),
        ("family_loans", [item.lender for item in household.family_loans]),
    ):
        for name in sorted({name for name in rows if rows.count(name) > 1}):
            found.append(HouseholdProblem(table, name, "name", _("two rows have this name")))
    return found


def _checkins_out_of_range(checkins: Sequence[CheckIn]) -> set[str]:
    """The weeks with an amount negative or too large (`_too_large`). Ten years of check-ins
    are checked on every read, so the common case (one currency, all in range) is decided by
    one `min` and one `max` over every minor unit, not by two calls per amount."""
    amounts = [
        amount
        for checkin in checkins
        for amounts in (checkin.paid, checkin.received, checkin.spent)
        for amount in amounts.values()
    ]
    currencies = {amount.currency for amount in amounts}
    if len(currencies) == 1:
        minors = [amount.minor for amount in amounts]
        if min(minors) >= 0 and max(minors) <= _largest_minor(currencies.pop()):
            return set()
    return {
        checkin.week
        for checkin in checkins
        for amounts in (checkin.paid, checkin.received, checkin.spent)
        if any(_negative(amount) or _too_large(amount) for amount in amounts.values())
    }


def _amount_problems(record: object, names: Sequence[str]) -> Problems:
    problems: Problems = {}
    for name in names:
        amount = getattr(record, name)
        if _negative(amount):
            problems[name] = _("must not be negative")
        elif _too_large(amount):
            problems[name] = _("is too large (at most 10^12)")
    return problems


def merge_edit(was: R, edited: R, fresh: R) -> tuple[R, list[str]]:
    """A form's edit applied onto the row as it is now.

    Fields the form changed (edited ≠ was) take the form's value; the others keep the fresh
    row's, so a repayment or a check-in recorded while the form was open is never undone. A
    field both changed, to different values, is a clash (returned, by name).
    """
    changes: dict[str, object] = {}
    clashes: list[str] = []
    for item in fields(was):  # type: ignore[arg-type]
        name = item.name
        old, new, now = getattr(was, name), getattr(edited, name), getattr(fresh, name)
        if new == old:
            continue
        if now != old and now != new:
            clashes.append(name)
        changes[name] = new
    return replace(fresh, **changes), clashes  # type: ignore[type-var]


def reverted_edit(was: R, edited: R, saved: R) -> R:
    """The row `saved` with the fields an edit changed (was → edited) as they were before it:
    what taking the edit back writes (through `merge_edit`, so nothing changed since is lost)."""
    changes = {
        item.name: getattr(was, item.name)
        for item in fields(was)  # type: ignore[arg-type]
        if getattr(edited, item.name) != getattr(was, item.name)
    }
    return replace(saved, **changes)  # type: ignore[type-var]
