"""The user-facing JSON form of the data: `list --json`, `export` and `import`.

Money is a decimal string in major units ("1234.56") so a person or a spreadsheet can read it;
reading it back goes through the same strict parsers as typed input, so an import can never
smuggle in what the CLI would refuse.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from debtcoach.domain.calendar import DateError, parse_date, parse_week
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
    InvalidName,
    Loan,
    LoanKind,
    LoanStatus,
    ProposalState,
    RestructureMode,
    RestructureTerms,
    Settings,
    Strategy,
    validate_name,
)
from debtcoach.domain.money import (
    Money,
    MoneyError,
    parse_money,
    parse_rate,
    validate_household_currency,
    validate_locale,
)
from debtcoach.domain.record_rules import stored_name
from debtcoach.domain.text_rules import printable
from debtcoach.domain.wording import _

EXPORT_FORMAT = 1
TABLES = ("loans", "income", "expenses", "family", "contacts", "checkins", "balances")

JSONDict = dict[str, Any]
E = TypeVar("E", bound=StrEnum)


class ExchangeError(ValueError):
    """An import file that cannot be taken as a whole; the message names the place and why.

    The place may be a key from the file, so the message goes through `printable`.
    """

    def __init__(self, message: str) -> None:
        super().__init__(printable(message))


def _d(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _m(value: Money | None) -> str | None:
    return None if value is None else str(value)


def _rate(value: Decimal) -> str:
    """A rate in plain notation: a file written before exponents were refused may hold 1E+2,
    which is exported as 100 so that importing the export reads it back."""
    return f"{value:f}"


def loan_to_json(loan: Loan) -> JSONDict:
    terms = loan.restructure
    return {
        "name": loan.name,
        "lender": loan.lender,
        "kind": loan.kind.value,
        "status": loan.status.value,
        "balance": str(loan.balance),
        "apr": _rate(loan.apr),
        "penalty_apr": None if loan.penalty_apr is None else _rate(loan.penalty_apr),
        "rate_in_force": _rate(loan.rate_in_force),
        "min_payment": str(loan.min_payment),
        "due_day": loan.due_day,
        "overdue_since": _d(loan.overdue_since),
        "arrears": _m(loan.arrears),
        "late_fee": _m(loan.late_fee),
        "opened_on": _d(loan.opened_on),
        "purpose": loan.purpose,
        "to_repay_other_debt": loan.to_repay_other_debt,
        "restructure": None
        if terms is None
        else {
            "mode": terms.mode.value,
            "installments": terms.installments,
            "installment": str(terms.installment),
            "last_installment": str(terms.last_installment),
            "balance": str(terms.balance),
            "fee_rate": _rate(terms.fee_rate),
            "state": terms.state.value,
            "agreed_on": _d(terms.agreed_on),
        },
        "promo_apr": None if loan.promo_apr is None else str(loan.promo_apr),
        "promo_until": _d(loan.promo_until),
    }


def income_to_json(source: IncomeSource) -> JSONDict:
    return {
        "name": source.name,
        "kind": source.kind.value,
        "amount": str(source.amount),
        "frequency": source.frequency.value,
        "start": _d(source.start),
        "end": _d(source.end),
        "notes": source.notes,
        "for_loan": source.for_loan,
    }


def expense_to_json(expense: Expense) -> JSONDict:
    return {
        "name": expense.name,
        "current": str(expense.current),
        "target": _m(expense.target),
        "essential": expense.essential,
        "cut_active": expense.cut_active,
    }


def family_to_json(loan: FamilyLoan) -> JSONDict:
    return {
        "lender": loan.lender,
        "relationship": loan.relationship,
        "amount": str(loan.amount),
        "balance": str(loan.balance),
        "borrowed_on": loan.borrowed_on.isoformat(),
        "promised": _d(loan.promised),
        "apr": _rate(loan.apr),
        "repayments": [
            {"date": r.on.isoformat(), "amount": str(r.amount)} for r in loan.repayments
        ],
        "notes": loan.notes,
    }


def contact_to_json(contact: Contact) -> JSONDict:
    return {
        "loan": contact.loan,
        "date": contact.on.isoformat(),
        "channel": contact.channel.value,
        "who": contact.who,
        "asked": contact.asked,
        "outcome": contact.outcome,
        "follow_up": _d(contact.follow_up),
    }


def checkin_to_json(checkin: CheckIn) -> JSONDict:
    return {
        "week": checkin.week,
        "date": checkin.on.isoformat(),
        "paid": {k: str(v) for k, v in checkin.paid.items()},
        "received": {k: str(v) for k, v in checkin.received.items()},
        "spent": {k: str(v) for k, v in checkin.spent.items()},
        "borrowed": checkin.borrowed,
        "note": checkin.note,
        **({"closed": {k: v.value for k, v in checkin.closed.items()}} if checkin.closed else {}),
    }


def balance_to_json(entry: BalanceEntry) -> JSONDict:
    return {
        "name": entry.name,
        "family": entry.family,
        "date": entry.on.isoformat(),
        "balance": str(entry.balance),
        "source": entry.source,
    }


def settings_to_json(settings: Settings) -> JSONDict:
    return {
        "currency": settings.currency,
        "locale": settings.locale,
        "safety_buffer": str(settings.safety_buffer),
        "strategy": settings.strategy.value,
        "custom_order": list(settings.custom_order),
        "theme": settings.theme,
    }


def household_to_json(household: Household) -> JSONDict:
    return {
        "debtcoach_export": EXPORT_FORMAT,
        "settings": settings_to_json(household.settings),
        "loans": [loan_to_json(x) for x in household.loans],
        "income": [income_to_json(x) for x in household.income],
        "expenses": [expense_to_json(x) for x in household.expenses],
        "family": [family_to_json(x) for x in household.family_loans],
        "contacts": [contact_to_json(x) for x in household.contacts],
        "checkins": [checkin_to_json(x) for x in household.checkins],
        "balances": [balance_to_json(x) for x in household.balances],
    }


# What json.dumps(ensure_ascii=False) leaves raw: DEL, the C1 controls and lone surrogates.
_JSON_RAW_CONTROLS = re.compile("[\x7f-\x9f\ud800-\udfff]")


def json_text(data: object, *, indent: int | None = 2) -> str:
    """JSON that keeps every script readable but holds no raw control character.

    `ensure_ascii=False` writes C1 controls (U+009B starts a terminal escape) and lone surrogates
    (they cannot even be encoded) as they are; here they become JSON's own escapes (U+009B is
    written as backslash-u009b), which read back to the same text.
    """
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return _JSON_RAW_CONTROLS.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def household_to_csv(household: Household) -> str:
    """One long table (table, key, field, value) that any spreadsheet opens as plain data.

    Rows end in CRLF (RFC 4180), so the csv module quotes every field holding a CR or LF and a
    line break in a note never splits a row. Every cell is made safe with `_csv_cell`.
    """
    import csv  # only for an export, not before the first frame

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["table", "key", "field", "value"])
    data = household_to_json(household)
    for field, value in data["settings"].items():
        writer.writerow(_csv_row("settings", "", field, value))
    keys = {"family": "lender", "contacts": "loan", "checkins": "week", "balances": "name"}
    for table in TABLES:
        for row in data[table]:
            key = str(row.get(keys.get(table, "name"), ""))
            for field, value in row.items():
                writer.writerow(_csv_row(table, key, field, value))
    return out.getvalue()


# Fields whose value is always a number debtcoach wrote (an amount, a rate, a day of the month),
# never a person's text.
_CSV_NUMBER_FIELDS = frozenset(
    {
        "amount",
        "apr",
        "arrears",
        "balance",
        "current",
        "due_day",
        "late_fee",
        "min_payment",
        "penalty_apr",
        "rate_in_force",
        "safety_buffer",
        "target",
    }
)
_PLAIN_NUMBER_RE = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
# What makes a spreadsheet read a cell as a formula (OWASP "CSV Injection").
_FORMULA_START = frozenset("=+-@\t\r")


def _csv_row(table: str, key: str, field: str, value: object) -> list[str]:
    number = field in _CSV_NUMBER_FIELDS
    return [
        _csv_cell(table),
        _csv_cell(key),
        _csv_cell(field),
        _csv_cell(_csv_value(value), number),
    ]


def _csv_cell(text: str, number: bool = False) -> str:
    """A cell a spreadsheet shows as the text it is, never runs as a formula.

    Control characters are written visibly (`printable`; line breaks stay, quoted). A cell that
    starts with = + - @ TAB or CR, also after leading blanks, gets a leading single quote, as
    OWASP recommends. The one exception is a plain number in a number field (`-12.50` must stay
    a number): debtcoach wrote it, and a plain number cannot carry a formula. Amounts are never
    negative today, so in practice no number starts with a formula character anyway.
    """
    if number and _PLAIN_NUMBER_RE.fullmatch(text):
        return text
    shown = printable(text, multiline=True)
    if shown[:1] in _FORMULA_START or shown.lstrip()[:1] in _FORMULA_START:
        return "'" + shown
    return shown


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# --- reading back -------------------------------------------------------------------------------


class _Reader:
    """Reads one JSON object field by field, naming the exact place of any problem."""

    def __init__(self, data: object, where: str, currency: str) -> None:
        if not isinstance(data, Mapping):
            raise ExchangeError(_("{where}: expected an object").format(where=where))
        self.data = data
        self.where = where
        self.currency = currency

    def _fail(self, key: str, reason: str) -> ExchangeError:
        return ExchangeError(f"{self.where}.{key}: {reason}")

    def _raw(self, key: str, required: bool) -> object:
        if key not in self.data or self.data[key] is None:
            if required:
                raise self._fail(key, _("is missing"))
            return None
        return self.data[key]

    def text(self, key: str, default: str = "") -> str:
        value = self._raw(key, False)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self._fail(key, _("must be text"))
        return value

    def name(self, key: str) -> str:
        try:
            return validate_name(self.text(key), what=stored_name(key))
        except InvalidName as exc:
            raise self._fail(key, str(exc)) from None

    def optional_name(self, key: str) -> str | None:
        return None if self._raw(key, False) is None else self.name(key)

    def _parsed(self, key: str, required: bool, parse: Callable[[str], Any]) -> Any:
        value = self._raw(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self._fail(key, _("must be a decimal string"))
        try:
            return parse(str(value))
        except (MoneyError, DateError, ValueError) as exc:
            raise self._fail(key, str(exc)) from None

    def money(self, key: str, required: bool = True) -> Money | None:
        what = stored_name(key)
        return self._parsed(key, required, lambda s: parse_money(s, self.currency, what=what))  # type: ignore[no-any-return]

    def money_required(self, key: str) -> Money:
        value = self.money(key, True)
        assert value is not None
        return value

    def rate(self, key: str, required: bool = True) -> Decimal | None:
        return self._parsed(key, required, lambda s: parse_rate(s, what=stored_name(key)))  # type: ignore[no-any-return]

    def when(self, key: str, required: bool = False) -> date | None:
        return self._parsed(key, required, lambda s: parse_date(s, what=stored_name(key)))  # type: ignore[no-any-return]

    def when_required(self, key: str) -> date:
        value = self.when(key, True)
        assert value is not None
        return value

    def flag(self, key: str) -> bool:
        value = self._raw(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            raise self._fail(key, _("must be true or false"))
        return value

    def choice(self, key: str, enum: type[E], default: E | None = None) -> E:
        value = self._raw(key, default is None)
        if value is None and default is not None:
            return default
        try:
            return enum(str(value))
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            raise self._fail(
                key, _("{value!r} is not one of {allowed}").format(value=value, allowed=allowed)
            ) from None

    def integer(self, key: str, low: int, high: int) -> int | None:
        value = self._raw(key, False)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self._fail(
                key, _("must be a whole number from {low} to {high}").format(low=low, high=high)
            )
        return value

    def amounts(self, key: str) -> dict[str, Money]:
        value = self._raw(key, False) or {}
        if not isinstance(value, Mapping):
            raise self._fail(key, _("must be an object of name: amount"))
        inner = _Reader(value, f"{self.where}.{key}", self.currency)
        return {str(k): inner.money_required(str(k)) for k in value}


def loan_from_json(data: object, where: str, currency: str) -> Loan:
    r = _Reader(data, where, currency)
    terms_data = r._raw("restructure", False)
    terms = None
    if terms_data is not None:
        t = _Reader(terms_data, f"{where}.restructure", currency)
        terms = RestructureTerms(
            mode=t.choice("mode", RestructureMode),
            installments=t.integer("installments", 1, 600) or 1,
            installment=t.money_required("installment"),
            last_installment=t.money_required("last_installment"),
            balance=t.money_required("balance"),
            fee_rate=t.rate("fee_rate", False) or Decimal(0),
            state=t.choice("state", ProposalState, ProposalState.PROPOSED),
            agreed_on=t.when("agreed_on"),
        )
    apr = r.rate("apr")
    assert apr is not None
    return Loan(
        name=r.name("name"),
        lender=r.text("lender"),
        kind=r.choice("kind", LoanKind),
        status=r.choice("status", LoanStatus, LoanStatus.CURRENT),
        balance=r.money_required("balance"),
        apr=apr,
        penalty_apr=r.rate("penalty_apr", False),
        min_payment=r.money_required("min_payment"),
        due_day=r.integer("due_day", 1, 31),
        overdue_since=r.when("overdue_since"),
        arrears=r.money("arrears", False),
        late_fee=r.money("late_fee", False),
        opened_on=r.when("opened_on"),
        purpose=r.text("purpose"),
        to_repay_other_debt=r.flag("to_repay_other_debt"),
        restructure=terms,
        promo_apr=r.rate("promo_apr", False),
        promo_until=r.when("promo_until"),
    )


def income_from_json(data: object, where: str, currency: str) -> IncomeSource:
    r = _Reader(data, where, currency)
    return IncomeSource(
        name=r.name("name"),
        kind=r.choice("kind", IncomeKind),
        amount=r.money_required("amount"),
        frequency=r.choice("frequency", Frequency),
        start=r.when("start"),
        end=r.when("end"),
        notes=r.text("notes"),
        for_loan=r.optional_name("for_loan"),
    )


def expense_from_json(data: object, where: str, currency: str) -> Expense:
    r = _Reader(data, where, currency)
    return Expense(
        name=r.name("name"),
        current=r.money_required("current"),
        target=r.money("target", False),
        essential=r.flag("essential"),
        cut_active=r.flag("cut_active"),
    )


def family_from_json(data: object, where: str, currency: str) -> FamilyLoan:
    r = _Reader(data, where, currency)
    raw_repayments = r._raw("repayments", False) or []
    if not isinstance(raw_repayments, list):
        raise ExchangeError(_("{where}.repayments: must be a list").format(where=where))
    repayments = []
    for i, item in enumerate(raw_repayments):
        rr = _Reader(item, f"{where}.repayments[{i}]", currency)
        repayments.append(FamilyRepayment(rr.when_required("date"), rr.money_required("amount")))
    return FamilyLoan(
        lender=r.name("lender"),
        relationship=r.text("relationship"),
        amount=r.money_required("amount"),
        borrowed_on=r.when_required("borrowed_on"),
        promised=r.when("promised"),
        apr=r.rate("apr", False) or Decimal(0),
        repayments=tuple(repayments),
        notes=r.text("notes"),
    )


def contact_from_json(data: object, where: str, currency: str) -> Contact:
    r = _Reader(data, where, currency)
    return Contact(
        loan=r.name("loan"),
        on=r.when_required("date"),
        channel=r.choice("channel", Channel),
        who=r.text("who"),
        asked=r.text("asked"),
        outcome=r.text("outcome"),
        follow_up=r.when("follow_up"),
    )


def checkin_from_json(data: object, where: str, currency: str) -> CheckIn:
    r = _Reader(data, where, currency)
    try:
        week = parse_week(r.text("week"))
    except DateError as exc:
        raise ExchangeError(f"{where}.week: {exc}") from None
    return CheckIn(
        week=week,
        on=r.when_required("date"),
        paid=r.amounts("paid"),
        received=r.amounts("received"),
        spent=r.amounts("spent"),
        borrowed=r.flag("borrowed"),
        note=r.text("note"),
        closed=_closed_from_json(data, where),
    )


def _closed_from_json(data: object, where: str) -> dict[str, LoanStatus]:
    value = data.get("closed") if isinstance(data, Mapping) else None
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ExchangeError(
            _("{where}.closed: must be an object of loan name: status").format(where=where)
        )
    closed: dict[str, LoanStatus] = {}
    for name, status in value.items():
        try:
            closed[str(name)] = LoanStatus(str(status))
        except ValueError:
            raise ExchangeError(
                _("{where}.closed.{name}: {status!r} is not a loan status").format(
                    where=where, name=name, status=status
                )
            ) from None
    return closed


def balance_from_json(data: object, where: str, currency: str) -> BalanceEntry:
    r = _Reader(data, where, currency)
    return BalanceEntry(
        name=r.name("name"),
        on=r.when_required("date"),
        balance=r.money_required("balance"),
        source=r.text("source"),
        family=r.flag("family"),
    )


def settings_from_json(data: object) -> Settings:
    where = "settings"
    if not isinstance(data, Mapping):
        raise ExchangeError(_("{where}: expected an object").format(where=where))
    try:
        currency = validate_household_currency(str(data.get("currency") or "USD"))
        locale = validate_locale(str(data.get("locale") or "en_US"))
    except MoneyError as exc:
        raise ExchangeError(f"{where}: {exc}") from None
    r = _Reader(data, where, currency)
    order = data.get("custom_order") or []
    if not isinstance(order, list) or not all(isinstance(x, str) for x in order):
        raise ExchangeError(
            _("{where}.custom_order: must be a list of loan names").format(where=where)
        )
    return Settings(
        currency=currency,
        locale=locale,
        safety_buffer=r.money("safety_buffer", False) or Money.zero(currency),
        strategy=r.choice("strategy", Strategy, Strategy.AVALANCHE),
        custom_order=tuple(order),
        theme=r.text("theme", Settings().theme) or Settings().theme,
    )


_READERS: dict[str, Callable[[object, str, str], Any]] = {
    "loans": loan_from_json,
    "income": income_from_json,
    "expenses": expense_from_json,
    "family": family_from_json,
    "contacts": contact_from_json,
    "checkins": checkin_from_json,
    "balances": balance_from_json,
}
_UNIQUE = {"loans": "name", "income": "name", "expenses": "name", "family": "lender"}


def household_from_json(data: object) -> Household:
    """Validate a whole export before anything is written; the first problem is reported."""
    if not isinstance(data, Mapping):
        raise ExchangeError(_("the file is not a debtcoach export (expected a JSON object)"))
    version = data.get("debtcoach_export")
    if version != EXPORT_FORMAT:
        raise ExchangeError(
            f"the file is not a debtcoach export of format {EXPORT_FORMAT} "
            f"(debtcoach_export is {version!r})"
        )
    settings = settings_from_json(data.get("settings") or {})
    tables: dict[str, list[Any]] = {}
    for table in TABLES:
        rows = data.get(table) or []
        if not isinstance(rows, list):
            raise ExchangeError(_("{table}: must be a list").format(table=table))
        tables[table] = [
            _READERS[table](row, f"{table}[{i}]", settings.currency) for i, row in enumerate(rows)
        ]
        key = _UNIQUE.get(table)
        if key is not None:
            seen: set[str] = set()
            for i, item in enumerate(tables[table]):
                value = getattr(item, key)
                if value in seen:
                    raise ExchangeError(
                        _("{table}[{i}].{key}: {value!r} appears twice").format(
                            table=table, i=i, key=key, value=value
                        )
                    )
                seen.add(value)
    weeks = [c.week for c in tables["checkins"]]
    if len(weeks) != len(set(weeks)):
        raise ExchangeError(_("checkins: a week appears twice"))
    return Household(
        settings=settings,
        loans=tuple(tables["loans"]),
        income=tuple(tables["income"]),
        expenses=tuple(tables["expenses"]),
        family_loans=tuple(tables["family"]),
        contacts=tuple(tables["contacts"]),
        checkins=tuple(tables["checkins"]),
        balances=tuple(tables["balances"]),
    )
