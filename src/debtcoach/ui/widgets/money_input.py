"""Field parsers for the forms: the very functions the CLI uses, wrapped for an input box.

Each factory returns `parse(text) -> value` that raises `ValueError` (MoneyError, DateError,
InvalidName are all ValueErrors) with one sentence naming the field. Because the forms call the
same `parse_money` / `parse_rate` / `parse_date` / `validate_name` as `debtcoach … add`, the app
and the scripts accept exactly the same input.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from debtcoach.domain.calendar import parse_date
from debtcoach.domain.models import validate_name
from debtcoach.domain.money import Money, parse_money, parse_rate
from debtcoach.domain.text_rules import NOTES_LIMIT, free_text_problem
from debtcoach.domain.wording import _, label

Parser = Callable[[str], object]


def name_field(what: str = "name") -> Callable[[str], str]:
    def parse(text: str) -> str:
        return validate_name(text, what=what)

    return parse


def text_field(*, notes: bool = False) -> Callable[[str], str]:
    """Free text (lender, purpose; `notes` for a note): stripped, then held to the record rules
    the Ledger applies on save (no control characters, a length limit; a note may hold line
    breaks and is longer), so the form says what is wrong under the field as it is typed."""

    def parse(text: str) -> str:
        cleaned = text.strip()
        if notes:
            problem = free_text_problem(cleaned, multiline=True, limit=NOTES_LIMIT)
        else:
            problem = free_text_problem(cleaned)
        if problem is not None:
            raise ValueError(problem)
        return cleaned

    return parse


def money_field(currency: str, what: str, *, allow_zero: bool = True) -> Callable[[str], Money]:
    def parse(text: str) -> Money:
        return parse_money(text, currency, what=what, allow_zero=allow_zero)

    return parse


def optional_money_field(currency: str, what: str) -> Callable[[str], Money | None]:
    def parse(text: str) -> Money | None:
        if not text.strip():
            return None
        return parse_money(text, currency, what=what)

    return parse


def rate_field(what: str) -> Callable[[str], Decimal]:
    def parse(text: str) -> Decimal:
        return parse_rate(text, what=what)

    return parse


def optional_rate_field(what: str) -> Callable[[str], Decimal | None]:
    def parse(text: str) -> Decimal | None:
        return parse_rate(text, what=what) if text.strip() else None

    return parse


def date_field(what: str, *, not_after: date | None = None) -> Callable[[str], date]:
    def parse(text: str) -> date:
        value = parse_date(text, what=what)
        if not_after is not None and value > not_after:
            raise ValueError(
                _("{what} {day} is after today ({today})").format(
                    what=label(what), day=value.isoformat(), today=not_after.isoformat()
                )
            )
        return value

    return parse


def optional_date_field(
    what: str, *, not_after: date | None = None
) -> Callable[[str], date | None]:
    required = date_field(what, not_after=not_after)

    def parse(text: str) -> date | None:
        return required(text) if text.strip() else None

    return parse


def optional_int_field(what: str, low: int, high: int) -> Callable[[str], int | None]:
    """A whole number in low..high, or nothing (the CLI's --due-day)."""

    def parse(text: str) -> int | None:
        cleaned = text.strip()
        if not cleaned:
            return None
        try:
            value = int(cleaned)
        except ValueError:
            raise ValueError(
                _("{what} {text!r} is not a whole number").format(what=label(what), text=cleaned)
            ) from None
        if not low <= value <= high:
            raise ValueError(
                _("{what} {value} is out of range (must be from {low} to {high})").format(
                    what=label(what), value=value, low=low, high=high
                )
            )
        return value

    return parse


def money_text(amount: Money | None) -> str:
    """How an amount is pre-filled in a form: plain major units ("1234.56"), "" for none."""
    return "" if amount is None else str(amount)


def rate_text(rate: Decimal | None) -> str:
    return "" if rate is None else str(rate)


def date_text(value: date | None) -> str:
    return "" if value is None else value.isoformat()
