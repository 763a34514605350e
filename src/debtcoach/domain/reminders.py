"""What falls due between check-ins: for `debtcoach due` and the calendar file.

Loan payments not yet paid this cycle (`upcoming_due_dates`), installments of agreed
restructurings, lenders' follow-ups (`follow_ups_due`), dates promised to relatives and this
week's check-in. Pure functions over a `Household` and an injectable `today`; the words come
from here too, so the terminal, the JSON and the calendar say the same thing.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from msgspec import Struct

from debtcoach.domain.calendar import add_months, as_pendulum, days_between, iso_week, week_monday
from debtcoach.domain.checkin import paid_this_cycle, still_due
from debtcoach.domain.dashboard import (
    checkin_done,
    follow_ups_due,
    in_days,
    next_due_date,
    upcoming_due_dates,
)
from debtcoach.domain.loan_facts import loan_arrears
from debtcoach.domain.models import Household, Loan, name_key
from debtcoach.domain.money import Money
from debtcoach.domain.wording import _, day_words

DUE_DAYS = 7
CALENDAR_MONTHS = 3


class DueKind(StrEnum):
    OVERDUE = "overdue"
    PAYMENT = "payment"
    INSTALLMENT = "installment"
    FOLLOW_UP = "follow_up"
    PROMISE = "promise"
    CHECKIN = "checkin"


_KIND_ORDER = {kind: index for index, kind in enumerate(DueKind)}


class DueItem(Struct, frozen=True):
    """One thing that falls due: on `on`, `days` from today (negative: already late).

    `name` is the loan (payments, installments, follow-ups) or the relative (promises);
    `amount` what is still to pay (None for a follow-up or the check-in); `arrears` what is past
    due on a loan that is behind; `installment` is (number, of how many) for a restructuring.
    """

    kind: DueKind
    name: str
    on: date
    days: int
    amount: Money | None = None
    arrears: Money | None = None
    installment: tuple[int, int] | None = None
    who: str = ""
    asked: str = ""

    @property
    def uid(self) -> str:
        """Stable across exports: the record's identity and the date, so re-importing updates."""
        return event_uid(self.kind, self.name, self.on)

    def summary(self, locale: str) -> str:
        """A short title (the calendar event's, the start of the `due` line)."""
        if self.kind == DueKind.CHECKIN:
            return _("Weekly check-in")
        if self.kind == DueKind.OVERDUE:
            if self.arrears is None:
                return _("{name} fell behind").format(name=self.name)
            return _("{name} fell behind, {arrears} past due now").format(
                name=self.name, arrears=self.arrears.format(locale)
            )
        if self.kind == DueKind.FOLLOW_UP:
            if self.who:
                return _("Follow up with {name} ({who})").format(name=self.name, who=self.who)
            return _("Follow up with {name}").format(name=self.name)
        amount = "" if self.amount is None else self.amount.format(locale)
        if self.kind == DueKind.PROMISE:
            return (
                _("Promised to repay {name} {amount}")
                .format(name=self.name, amount=amount)
                .rstrip()
            )
        if self.kind == DueKind.INSTALLMENT:
            if self.installment is None:
                return (
                    _("{name}: installment {amount}").format(name=self.name, amount=amount).rstrip()
                )
            number, total = self.installment
            return (
                _("{name}: installment {number} of {total} {amount}")
                .format(name=self.name, number=number, total=total, amount=amount)
                .rstrip()
            )
        return _("{name}: pay {amount}").format(name=self.name, amount=amount).rstrip()

    def line(self, locale: str) -> str:
        """One line of `debtcoach due`: the date, how far it is, what."""
        when = _("{day} ({distance})").format(
            day=day_words(self.on, locale), distance=in_days(self.days)
        )
        if self.kind == DueKind.CHECKIN:
            return _("{when}: this week's check-in ({week}) is not done yet").format(
                when=when, week=iso_week(self.on)
            )
        if self.kind == DueKind.OVERDUE:
            return _("{when}: {what} — call the lender before the next due date").format(
                when=when, what=self.summary(locale)
            )
        text = _("{when}: {what}").format(when=when, what=self.summary(locale))
        if self.arrears is not None and self.arrears.minor > 0:
            text += _("; {arrears} past due").format(arrears=self.arrears.format(locale))
        if self.kind == DueKind.FOLLOW_UP and self.asked:
            text += _(" — asked: {asked}").format(asked=self.asked)
        return text


def event_uid(kind: DueKind, name: str, on: date) -> str:
    """`debtcoach-<kind>-<hash of the name>-<YYYYMMDD>@debtcoach`: the name hashed so that any
    name (spaces, Unicode, `@`) gives a plain UID, compared as names are (`name_key`)."""
    import hashlib  # OpenSSL's, only once a calendar is written (not before the first frame)

    digest = hashlib.sha256(name_key(name).encode("utf-8")).hexdigest()[:12]
    return f"debtcoach-{kind.value}-{digest}-{on:%Y%m%d}@debtcoach"


def installment_number(loan: Loan, on: date) -> tuple[int, int] | None:
    """Which installment of an agreed restructuring falls due on `on`: (number, of how many).

    The first one is the first due date after the day the terms were agreed; None when the loan
    is not restructured, has no due day or agreement date, or `on` is past the last one.
    """
    terms = loan.restructure
    if not loan.is_restructured or terms is None or terms.agreed_on is None:
        return None
    if loan.due_day is None:
        return None
    first = next_due_date(loan.due_day, as_pendulum(terms.agreed_on).add(days=1))
    day = as_pendulum(on)
    number = (day.year - first.year) * 12 + day.month - first.month + 1
    if number < 1 or number > terms.installments:
        return None
    return number, terms.installments


def past_last_installment(loan: Loan, on: date) -> bool:
    """Whether every installment of an agreed restructuring falls before the due date `on`."""
    terms = loan.restructure
    if not loan.is_restructured or terms is None or terms.agreed_on is None:
        return False
    return on > terms.agreed_on and installment_number(loan, on) is None


def _loan_item(loan: Loan, on: date, days: int, amount: Money, today: date) -> DueItem:
    arrears = loan_arrears(loan, today) if loan.is_overdue else None
    number = installment_number(loan, on)
    if loan.is_restructured:
        if number is not None and number[0] == number[1] and loan.restructure is not None:
            amount = min(amount, loan.restructure.last_installment, key=lambda m: m.minor)
        return DueItem(DueKind.INSTALLMENT, loan.name, on, days, amount, None, number)
    return DueItem(DueKind.PAYMENT, loan.name, on, days, amount, arrears)


def due_within(household: Household, today: date, days: int = DUE_DAYS) -> tuple[DueItem, ...]:
    """Everything due from today up to `days` days ahead, and what is already late (a missed
    follow-up or promise), most urgent first: the earliest date, then payments before
    follow-ups, promises and the check-in. Payments already made this cycle are left out."""
    items: list[DueItem] = []
    for due in upcoming_due_dates(household.loans, today, days, checkins=household.checkins):
        loan = household.loan(due.name)
        if loan is None or due.amount.minor == 0 or past_last_installment(loan, due.on):
            continue
        items.append(_loan_item(loan, due.on, due.days, due.amount, today))
    with_payment = {item.name for item in items}
    items.extend(_behind(household, today, with_payment))
    items.extend(_follow_ups(household, today, days, late=True))
    items.extend(_promises(household, today, date.min, today + timedelta(days=days)))
    if _has_debts(household) and not checkin_done(household, today):
        items.append(DueItem(DueKind.CHECKIN, "check-in", today, 0))
    return tuple(sorted(items, key=_urgency))


def _follow_ups(household: Household, today: date, days: int, *, late: bool) -> list[DueItem]:
    """Lenders' follow-ups up to `days` ahead; with `late`, also those whose day has passed."""
    return [
        DueItem(DueKind.FOLLOW_UP, f.loan, f.on, f.days, who=f.who, asked=f.asked)
        for f in follow_ups_due(household.contacts, today, days)
        if late or f.days >= 0
    ]


def _promises(household: Household, today: date, start: date, until: date) -> list[DueItem]:
    """Dates promised to relatives still owed, from `start` to `until` (both included)."""
    return [
        DueItem(
            DueKind.PROMISE,
            item.lender,
            item.promised,
            days_between(today, item.promised),
            item.balance,
        )
        for item in household.family_loans
        if item.promised is not None and item.balance.minor > 0 and start <= item.promised <= until
    ]


def _behind(household: Household, today: date, with_payment: set[str]) -> list[DueItem]:
    """A loan that is behind is the most urgent thing there is, even when its next due date is
    weeks away (its payment line, when there is one, already says what is past due)."""
    items = []
    for loan in household.open_loans:
        if not loan.is_overdue or loan.name in with_payment:
            continue
        arrears = loan_arrears(loan, today)
        since = loan.overdue_since
        if arrears.minor == 0 or since is None or since > today:
            continue
        items.append(DueItem(DueKind.OVERDUE, loan.name, since, days_between(today, since),
                             arrears=arrears))  # fmt: skip
    return items


def _urgency(item: DueItem) -> tuple[date, int, str]:
    return (item.on, _KIND_ORDER[item.kind], name_key(item.name))


def _has_debts(household: Household) -> bool:
    return bool(household.open_loans) or any(i.balance.minor > 0 for i in household.family_loans)


class CalendarPlan(Struct, frozen=True):
    """What the calendar file holds: dated items from today to `until` (inclusive), and the
    weekly check-in, every Monday from `checkin_from` to `until` (None: nothing is owed)."""

    items: tuple[DueItem, ...]
    until: date
    checkin_from: date | None

    @property
    def checkin_uid(self) -> str:
        return "debtcoach-checkin-weekly@debtcoach"


def calendar_plan(household: Household, today: date, months: int = CALENDAR_MONTHS) -> CalendarPlan:
    """Every due date of the next `months` months: each open loan's payment (the first one less
    what this cycle already paid, one already paid left out; later ones the scheduled payment,
    never more than the balance), each installment of an agreed restructuring (none after the
    last), each follow-up still waiting and each promise to a relative on or after today."""
    until = add_months(today, months)
    items: list[DueItem] = []
    for loan in household.open_loans:
        if loan.due_day is None:
            continue
        first = True
        on = next_due_date(loan.due_day, today)
        while on <= until:
            if first:
                amount = still_due(loan, paid_this_cycle(loan, on, household.checkins))
            else:
                amount = still_due(loan, Money.zero(loan.balance.currency))
            first = False
            if amount.minor > 0 and not past_last_installment(loan, on):
                items.append(_loan_item(loan, on, days_between(today, on), amount, today))
            on = next_due_date(loan.due_day, on.add(days=1))
    items.extend(_follow_ups(household, today, days_between(today, until), late=False))
    items.extend(_promises(household, today, today, until))
    checkin_from = None
    if _has_debts(household):
        monday = week_monday(iso_week(today))
        checkin_from = monday.add(weeks=1) if checkin_done(household, today) else monday
    return CalendarPlan(tuple(sorted(items, key=_urgency)), until, checkin_from)
