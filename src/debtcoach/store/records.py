"""Domain models <-> the JSON documents kept in TinyDB tables.

The stored form is for exactness, not for people (that is the export's job): money is an integer
count of minor units (the currency is kept once, in meta, because a household has one currency),
dates are ISO strings, Decimals are strings (a float would round an APR), enums are their values.
`from_record(type(x), to_record(x, c), c) == x` holds for every model.

Reading is strict: a document with a missing or mistyped field raises `RecordError`, which the
repository reports as a damaged file instead of letting a half-built model reach a plan.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar, cast

from debtcoach.domain.models import (
    BalanceEntry,
    BalanceGroup,
    BalanceHistory,
    Channel,
    CheckIn,
    Contact,
    Expense,
    FamilyLoan,
    FamilyRepayment,
    Frequency,
    IncomeKind,
    IncomeSource,
    Loan,
    LoanKind,
    LoanStatus,
    ProposalState,
    RestructureMode,
    RestructureTerms,
    Settings,
    Strategy,
)
from debtcoach.domain.money import Money
from debtcoach.domain.wording import _
from debtcoach.store.errors import CurrencyMismatch

Record = dict[str, Any]
Model = (
    Loan
    | IncomeSource
    | Expense
    | FamilyLoan
    | Contact
    | CheckIn
    | BalanceEntry
    | BalanceGroup
    | RestructureTerms
    | Settings
)
M = TypeVar("M", bound=Model)
E = TypeVar("E", bound=StrEnum)

# Table names in the data file, and the field that identifies a row where there is one.
LOANS = "loans"
INCOME = "income"
EXPENSES = "expenses"
FAMILY_LOANS = "family_loans"
CONTACTS = "contacts"
CHECKINS = "checkins"
BALANCES = "balances"
KEY_FIELDS: dict[str, str] = {
    LOANS: "name",
    INCOME: "name",
    EXPENSES: "name",
    FAMILY_LOANS: "lender",
    CHECKINS: "week",
}


class RecordError(ValueError):
    """A stored document that cannot be turned back into a model; the message says which field."""


# -- writing -------------------------------------------------------------------------------


def _minor(amount: Money, currency: str) -> int:
    if amount.currency != currency:
        raise CurrencyMismatch(amount.currency, currency)
    return amount.minor


def _opt_minor(amount: Money | None, currency: str) -> int | None:
    return None if amount is None else _minor(amount, currency)


def _iso(value: date | None) -> str | None:
    return None if value is None else date(value.year, value.month, value.day).isoformat()


def _amounts(amounts: Mapping[str, Money], currency: str) -> dict[str, int]:
    return {name: _minor(amount, currency) for name, amount in amounts.items()}


def restructure_to_record(terms: RestructureTerms, currency: str) -> Record:
    return {
        "mode": terms.mode.value,
        "installments": terms.installments,
        "installment": _minor(terms.installment, currency),
        "last_installment": _minor(terms.last_installment, currency),
        "balance": _minor(terms.balance, currency),
        "fee_rate": str(terms.fee_rate),
        "state": terms.state.value,
        "agreed_on": _iso(terms.agreed_on),
    }


def loan_to_record(loan: Loan, currency: str) -> Record:
    return {
        "name": loan.name,
        "kind": loan.kind.value,
        "balance": _minor(loan.balance, currency),
        "apr": str(loan.apr),
        "min_payment": _minor(loan.min_payment, currency),
        "lender": loan.lender,
        "penalty_apr": None if loan.penalty_apr is None else str(loan.penalty_apr),
        "due_day": loan.due_day,
        "overdue_since": _iso(loan.overdue_since),
        "arrears": _opt_minor(loan.arrears, currency),
        "late_fee": _opt_minor(loan.late_fee, currency),
        "opened_on": _iso(loan.opened_on),
        "purpose": loan.purpose,
        "to_repay_other_debt": loan.to_repay_other_debt,
        "status": loan.status.value,
        "restructure": (
            None if loan.restructure is None else restructure_to_record(loan.restructure, currency)
        ),
        "promo_apr": None if loan.promo_apr is None else str(loan.promo_apr),
        "promo_until": _iso(loan.promo_until),
    }


def income_to_record(source: IncomeSource, currency: str) -> Record:
    return {
        "name": source.name,
        "kind": source.kind.value,
        "amount": _minor(source.amount, currency),
        "frequency": source.frequency.value,
        "start": _iso(source.start),
        "end": _iso(source.end),
        "notes": source.notes,
        "for_loan": source.for_loan,
    }


def expense_to_record(expense: Expense, currency: str) -> Record:
    return {
        "name": expense.name,
        "current": _minor(expense.current, currency),
        "target": _opt_minor(expense.target, currency),
        "essential": expense.essential,
        "cut_active": expense.cut_active,
    }


def family_loan_to_record(loan: FamilyLoan, currency: str) -> Record:
    return {
        "lender": loan.lender,
        "amount": _minor(loan.amount, currency),
        "borrowed_on": _iso(loan.borrowed_on),
        "relationship": loan.relationship,
        "promised": _iso(loan.promised),
        "apr": str(loan.apr),
        "repayments": [
            {"on": _iso(item.on), "amount": _minor(item.amount, currency)}
            for item in loan.repayments
        ],
        "notes": loan.notes,
    }


def contact_to_record(contact: Contact, currency: str) -> Record:
    del currency  # contacts carry no money; the parameter keeps every writer the same shape
    return {
        "loan": contact.loan,
        "on": _iso(contact.on),
        "channel": contact.channel.value,
        "who": contact.who,
        "asked": contact.asked,
        "outcome": contact.outcome,
        "follow_up": _iso(contact.follow_up),
    }


def checkin_to_record(checkin: CheckIn, currency: str) -> Record:
    return {
        "week": checkin.week,
        "on": _iso(checkin.on),
        "paid": _amounts(checkin.paid, currency),
        "received": _amounts(checkin.received, currency),
        "spent": _amounts(checkin.spent, currency),
        "borrowed": checkin.borrowed,
        "note": checkin.note,
        "closed": {name: status.value for name, status in checkin.closed.items()},
    }


def balance_to_record(entry: BalanceEntry, currency: str) -> Record:
    """One point alone as a history document (see `balances_to_records`)."""
    return balances_to_records((entry,), currency)[0]


def balances_to_records(entries: Sequence[BalanceEntry], currency: str) -> list[Record]:
    """History points as documents, one per run of points with the same source and date:
    {"source", "on", "loans": {name: minor}, "family": {lender: minor}}.

    A week's check-in is one document instead of one per debt. Reading the documents back in
    order gives exactly these points in this order: a run is split wherever keeping it whole
    would reorder it (a loan after a family lender, a name twice).
    """
    if isinstance(entries, BalanceHistory) and all(
        group.currency == currency for group in entries.groups
    ):
        return [_group_record(group) for group in entries.groups]
    records: list[Record] = []
    current: Record | None = None
    for entry in entries:
        minor = _minor(entry.balance, currency)
        on = _iso(entry.on)
        side = "family" if entry.family else "loans"
        fits = (
            current is not None
            and current["source"] == entry.source
            and current["on"] == on
            and not (side == "loans" and current["family"])
            and entry.name not in current[side]
        )
        if not fits:
            current = {"source": entry.source, "on": on, "loans": {}, "family": {}}
            records.append(current)
        assert current is not None
        current[side][entry.name] = minor
    return records


def _group_record(group: BalanceGroup) -> Record:
    return {
        "source": group.source,
        "on": _iso(group.on),
        "loans": dict(group.loans),
        "family": dict(group.family),
    }


def settings_to_record(settings: Settings, currency: str | None = None) -> Record:
    """The meta fields that hold the settings (a zero safety buffer may carry any currency).

    Settings name their own currency, so `currency` is only there to match the other writers.
    """
    del currency
    own = settings.currency
    buffer = settings.safety_buffer
    return {
        "currency": settings.currency,
        "locale": settings.locale,
        "settings": {
            "safety_buffer": buffer.minor if buffer.minor == 0 else _minor(buffer, own),
            "strategy": settings.strategy.value,
            "custom_order": list(settings.custom_order),
            "theme": settings.theme,
            "language": settings.language or None,
        },
    }


# -- reading -------------------------------------------------------------------------------


def _field(record: Mapping[str, Any], key: str) -> Any:
    try:
        return record[key]
    except KeyError:
        raise RecordError(_("field {key!r} is missing").format(key=key)) from None


def _int(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(
            _("field {key!r} must be a whole number, not {value!r}").format(key=key, value=value)
        )
    return value


def _str(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise RecordError(
            _("field {key!r} must be text, not {value!r}").format(key=key, value=value)
        )
    return value


def _bool(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise RecordError(
            _("field {key!r} must be true or false, not {value!r}").format(key=key, value=value)
        )
    return value


def _date(value: Any, key: str) -> date:
    try:
        return date.fromisoformat(_str(value, key))
    except ValueError:
        raise RecordError(
            _("field {key!r} is not a date: {value!r}").format(key=key, value=value)
        ) from None


def _decimal(value: Any, key: str) -> Decimal:
    try:
        number = Decimal(_str(value, key))
    except InvalidOperation:
        raise RecordError(
            _("field {key!r} is not a number: {value!r}").format(key=key, value=value)
        ) from None
    if not number.is_finite():
        raise RecordError(
            _("field {key!r} is not a finite number: {value!r}").format(key=key, value=value)
        )
    return number


def _enum(kind: type[E], value: Any, key: str) -> E:
    try:
        return kind(_str(value, key))
    except ValueError:
        raise RecordError(
            _("field {key!r} has an unknown value {value!r}").format(key=key, value=value)
        ) from None


def _money(value: Any, key: str, currency: str) -> Money:
    return Money(_int(value, key), currency)


def _optional(
    record: Mapping[str, Any], key: str, read: Callable[[Any, str], Any], default: Any = None
) -> Any:
    value = record.get(key)
    return default if value is None else read(value, key)


_JUST_INT = frozenset({int})
_JUST_STR = frozenset({str})


def _amount_map(value: Any, key: str, currency: str) -> dict[str, Money]:
    if not isinstance(value, dict):
        raise RecordError(_("field {key!r} must be an object of amounts").format(key=key))
    if not _whole_numbers(value):
        for name, minor in value.items():
            _str(name, key)
            _int(minor, key)  # says which amount is not a whole number
    return {name: Money(minor, currency) for name, minor in value.items()}


def _whole_numbers(value: dict[Any, Any], *, text_keys: bool = True) -> bool:
    """Whether every value is an int (not a bool) and, with `text_keys`, every key text: the
    check of every amount of ten years of history, in C (`map`), not one call per amount."""
    ints = set(map(type, value.values())) <= _JUST_INT
    return ints and (not text_keys or set(map(type, value)) <= _JUST_STR)


def restructure_from_record(record: Mapping[str, Any], currency: str) -> RestructureTerms:
    return RestructureTerms(
        mode=_enum(RestructureMode, _field(record, "mode"), "mode"),
        installments=_int(_field(record, "installments"), "installments"),
        installment=_money(_field(record, "installment"), "installment", currency),
        last_installment=_money(_field(record, "last_installment"), "last_installment", currency),
        balance=_money(_field(record, "balance"), "balance", currency),
        fee_rate=_optional(record, "fee_rate", _decimal, Decimal(0)),
        state=_optional(
            record, "state", lambda v, k: _enum(ProposalState, v, k), ProposalState.PROPOSED
        ),
        agreed_on=_optional(record, "agreed_on", _date),
    )


def loan_from_record(record: Mapping[str, Any], currency: str) -> Loan:
    restructure = record.get("restructure")
    if restructure is not None and not isinstance(restructure, dict):
        raise RecordError(_("field 'restructure' must be an object"))

    def money(value: Any, key: str) -> Money:
        return _money(value, key, currency)

    return Loan(
        name=_str(_field(record, "name"), "name"),
        kind=_enum(LoanKind, _field(record, "kind"), "kind"),
        balance=money(_field(record, "balance"), "balance"),
        apr=_decimal(_field(record, "apr"), "apr"),
        min_payment=money(_field(record, "min_payment"), "min_payment"),
        lender=_optional(record, "lender", _str, ""),
        penalty_apr=_optional(record, "penalty_apr", _decimal),
        due_day=_optional(record, "due_day", _int),
        overdue_since=_optional(record, "overdue_since", _date),
        arrears=_optional(record, "arrears", money),
        late_fee=_optional(record, "late_fee", money),
        opened_on=_optional(record, "opened_on", _date),
        purpose=_optional(record, "purpose", _str, ""),
        to_repay_other_debt=_optional(record, "to_repay_other_debt", _bool, False),
        status=_optional(
            record, "status", lambda v, k: _enum(LoanStatus, v, k), LoanStatus.CURRENT
        ),
        restructure=(
            None if restructure is None else restructure_from_record(restructure, currency)
        ),
        promo_apr=_optional(record, "promo_apr", _decimal),
        promo_until=_optional(record, "promo_until", _date),
    )


def income_from_record(record: Mapping[str, Any], currency: str) -> IncomeSource:
    return IncomeSource(
        name=_str(_field(record, "name"), "name"),
        kind=_enum(IncomeKind, _field(record, "kind"), "kind"),
        amount=_money(_field(record, "amount"), "amount", currency),
        frequency=_enum(Frequency, _field(record, "frequency"), "frequency"),
        start=_optional(record, "start", _date),
        end=_optional(record, "end", _date),
        notes=_optional(record, "notes", _str, ""),
        for_loan=_optional(record, "for_loan", _str),
    )


def expense_from_record(record: Mapping[str, Any], currency: str) -> Expense:
    return Expense(
        name=_str(_field(record, "name"), "name"),
        current=_money(_field(record, "current"), "current", currency),
        target=_optional(record, "target", lambda v, k: _money(v, k, currency)),
        essential=_optional(record, "essential", _bool, False),
        cut_active=_optional(record, "cut_active", _bool, False),
    )


def _repayments(value: Any, currency: str) -> tuple[FamilyRepayment, ...]:
    if not isinstance(value, list):
        raise RecordError(_("field 'repayments' must be a list"))
    items: list[FamilyRepayment] = []
    for item in value:
        if not isinstance(item, dict):
            raise RecordError(_("each repayment must be an object"))
        items.append(
            FamilyRepayment(
                on=_date(_field(item, "on"), "on"),
                amount=_money(_field(item, "amount"), "amount", currency),
            )
        )
    return tuple(items)


def family_loan_from_record(record: Mapping[str, Any], currency: str) -> FamilyLoan:
    return FamilyLoan(
        lender=_str(_field(record, "lender"), "lender"),
        amount=_money(_field(record, "amount"), "amount", currency),
        borrowed_on=_date(_field(record, "borrowed_on"), "borrowed_on"),
        relationship=_optional(record, "relationship", _str, ""),
        promised=_optional(record, "promised", _date),
        apr=_optional(record, "apr", _decimal, Decimal(0)),
        repayments=_repayments(record.get("repayments", []), currency),
        notes=_optional(record, "notes", _str, ""),
    )


def contact_from_record(record: Mapping[str, Any], currency: str) -> Contact:
    del currency
    return Contact(
        loan=_str(_field(record, "loan"), "loan"),
        on=_date(_field(record, "on"), "on"),
        channel=_enum(Channel, _field(record, "channel"), "channel"),
        who=_optional(record, "who", _str, ""),
        asked=_optional(record, "asked", _str, ""),
        outcome=_optional(record, "outcome", _str, ""),
        follow_up=_optional(record, "follow_up", _date),
    )


def checkin_from_record(record: Mapping[str, Any], currency: str) -> CheckIn:
    return CheckIn(
        week=_str(_field(record, "week"), "week"),
        on=_date(_field(record, "on"), "on"),
        paid=_amount_map(record.get("paid", {}), "paid", currency),
        received=_amount_map(record.get("received", {}), "received", currency),
        spent=_amount_map(record.get("spent", {}), "spent", currency),
        borrowed=_optional(record, "borrowed", _bool, False),
        note=_optional(record, "note", _str, ""),
        closed=_status_map(record.get("closed") or {}),
    )


def _status_map(value: Any) -> dict[str, LoanStatus]:
    if not isinstance(value, Mapping):
        raise RecordError(_("closed: must be an object of loan name: status"))
    return {str(k): _enum(LoanStatus, v, "closed") for k, v in value.items()}


def balance_group_from_record(record: Mapping[str, Any], currency: str) -> BalanceGroup:
    """A history document, checked whole (every name text, every amount a whole number)
    without building its points: `BalanceHistory` builds them when they are walked."""
    return BalanceGroup(
        source=_optional(record, "source", _str, ""),
        on=_date(_field(record, "on"), "on"),
        currency=currency,
        loans=_minor_pairs(record.get("loans") or {}, "loans"),
        family=_minor_pairs(record.get("family") or {}, "family"),
    )


def _minor_pairs(value: Any, key: str) -> tuple[tuple[str, int], ...]:
    if not isinstance(value, dict):
        raise RecordError(_("field {key!r} must be an object of name: amount").format(key=key))
    if _whole_numbers(value, text_keys=False):
        return tuple(value.items())
    for name, minor in value.items():
        if type(minor) is not int:
            raise RecordError(
                _("field {key!r}: {name!r} must be a whole number, not {minor!r}").format(
                    key=key, name=name, minor=minor
                )
            )
    return tuple(value.items())


def balance_history_from_records(
    records: Sequence[Mapping[str, Any]], currency: str
) -> BalanceHistory:
    return BalanceHistory([balance_group_from_record(record, currency) for record in records])


def balance_from_record(record: Mapping[str, Any], currency: str) -> BalanceEntry:
    """The one point of a history document that holds a single point."""
    points = list(balance_group_from_record(record, currency).entries())
    if len(points) != 1:
        raise RecordError(_("the document holds {n} points, not one").format(n=len(points)))
    return points[0]


def settings_from_record(record: Mapping[str, Any] | None, currency: str | None = None) -> Settings:
    """Settings from the meta document; a file without meta has the defaults."""
    if record is None:
        return Settings()
    defaults = Settings()
    own = _optional(record, "currency", _str, defaults.currency)
    inner = record.get("settings") or {}
    if not isinstance(inner, dict):
        raise RecordError(_("field 'settings' must be an object"))
    order = inner.get("custom_order") or []
    if not isinstance(order, list):
        raise RecordError(_("field 'custom_order' must be a list of names"))
    del currency  # the meta document names its own currency
    return Settings(
        currency=own,
        locale=_optional(record, "locale", _str, defaults.locale),
        safety_buffer=Money(_optional(inner, "safety_buffer", _int, 0), own),
        strategy=_optional(
            inner, "strategy", lambda v, k: _enum(Strategy, v, k), defaults.strategy
        ),
        custom_order=tuple(_str(name, "custom_order") for name in order),
        theme=_optional(inner, "theme", _str, defaults.theme),
        language=_optional(inner, "language", _str, defaults.language),
    )


# -- dispatch ------------------------------------------------------------------------------

_WRITERS: dict[type[Any], Callable[[Any, str], Record]] = {
    Loan: loan_to_record,
    IncomeSource: income_to_record,
    Expense: expense_to_record,
    FamilyLoan: family_loan_to_record,
    Contact: contact_to_record,
    CheckIn: checkin_to_record,
    BalanceEntry: balance_to_record,
    BalanceGroup: lambda group, currency: _group_record(group),
    RestructureTerms: restructure_to_record,
    Settings: settings_to_record,
}

_READERS: dict[type[Any], Callable[[Mapping[str, Any], str], Any]] = {
    Loan: loan_from_record,
    IncomeSource: income_from_record,
    Expense: expense_from_record,
    FamilyLoan: family_loan_from_record,
    Contact: contact_from_record,
    CheckIn: checkin_from_record,
    BalanceEntry: balance_from_record,
    BalanceGroup: balance_group_from_record,
    RestructureTerms: restructure_from_record,
    Settings: settings_from_record,
}


def to_record(model: Model, currency: str) -> Record:
    """The stored document of any model; every amount must be in `currency`."""
    return _WRITERS[type(model)](model, currency)


def from_record(model_type: type[M], record: Mapping[str, Any], currency: str) -> M:
    """Rebuild a model from its stored document, amounts in `currency`."""
    if not isinstance(record, Mapping):
        raise RecordError(_("the document is not an object"))
    return cast(M, _READERS[model_type](record, currency))
