"""The household's financial picture as immutable values.

Frozen dataclasses so a screen or a plan can never change data behind the store's back: every
change is a new value handed to the store.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from enum import StrEnum

from msgspec import Struct, field
from msgspec.structs import force_setattr

from debtcoach.domain.money import Money
from debtcoach.domain.text_rules import has_surrogates
from debtcoach.domain.wording import N_, _, environment_locale, label, normalise_language


class LoanKind(StrEnum):
    CREDIT_CARD = "credit_card"
    CONSUMER_LOAN = "consumer_loan"
    ONLINE_PLATFORM = "online_platform"
    MORTGAGE = "mortgage"
    CAR = "car"
    STUDENT = "student"
    OTHER = "other"


class LoanStatus(StrEnum):
    CURRENT = "current"
    OVERDUE = "overdue"
    NEGOTIATING = "negotiating"
    RESTRUCTURED = "restructured"
    PAID_OFF = "paid_off"


class RestructureMode(StrEnum):
    ANNUITY = "annuity"
    FLAT_FEE = "flat_fee"


class ProposalState(StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    REFUSED = "refused"


class IncomeKind(StrEnum):
    REGULAR = "regular"
    SIDE = "side"


class Frequency(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"
    YEARLY = "yearly"
    ONE_OFF = "one-off"


class Channel(StrEnum):
    PHONE = "phone"
    APP = "app"
    BRANCH = "branch"
    LETTER = "letter"
    EMAIL = "email"


class Strategy(StrEnum):
    AVALANCHE = "avalanche"
    SNOWBALL = "snowball"
    CUSTOM = "custom"


class RestructureTerms(Struct, frozen=True):
    """A stretched repayment plan for one loan ("changing time for space").

    Only `agreed` terms change the payoff plan; `proposed` and `refused` ones are history.
    `balance` is what the installments were computed on.
    """

    mode: RestructureMode
    installments: int
    installment: Money
    last_installment: Money
    balance: Money
    fee_rate: Decimal = Decimal(0)
    state: ProposalState = ProposalState.PROPOSED
    agreed_on: date | None = None


class Loan(Struct, frozen=True):
    """An institutional loan: a bank, card issuer or online platform.

    `promo_apr` is a promotional rate in force up to and including the month of `promo_until`
    (the plan's rate; `rate_in_force` is the rate with no month in view).
    """

    name: str
    kind: LoanKind
    balance: Money
    apr: Decimal
    min_payment: Money
    lender: str = ""
    penalty_apr: Decimal | None = None
    due_day: int | None = None
    overdue_since: date | None = None
    arrears: Money | None = None
    late_fee: Money | None = None
    opened_on: date | None = None
    purpose: str = ""
    to_repay_other_debt: bool = False
    status: LoanStatus = LoanStatus.CURRENT
    restructure: RestructureTerms | None = None
    promo_apr: Decimal | None = None
    promo_until: date | None = None

    @property
    def effective_penalty_apr(self) -> Decimal:
        return self.apr if self.penalty_apr is None else self.penalty_apr

    @property
    def is_open(self) -> bool:
        return self.balance.minor > 0 and self.status != LoanStatus.PAID_OFF

    @property
    def is_restructured(self) -> bool:
        return (
            self.restructure is not None
            and self.restructure.state == ProposalState.AGREED
            and self.status == LoanStatus.RESTRUCTURED
        )

    @property
    def is_overdue(self) -> bool:
        """Overdue and not yet restructured: the penalty rate is in force."""
        if self.is_restructured or not self.is_open:
            return False
        return self.status == LoanStatus.OVERDUE or self.overdue_since is not None

    @property
    def rate_in_force(self) -> Decimal:
        return self.effective_penalty_apr if self.is_overdue else self.apr

    @property
    def scheduled_payment(self) -> Money:
        """What the lender expects monthly: the installment once restructured, else the minimum."""
        if self.is_restructured and self.restructure is not None:
            return self.restructure.installment
        return self.min_payment


class IncomeSource(Struct, frozen=True):
    """Regular pay or side income ("open source").

    A one-off (frequency one-off) comes once, on its `start` date; `for_loan` earmarks it for
    one loan, which the plan pays with it first.
    """

    name: str
    kind: IncomeKind
    amount: Money
    frequency: Frequency
    start: date | None = None
    end: date | None = None
    notes: str = ""
    for_loan: str | None = None


class Expense(Struct, frozen=True):
    """A spending category; `target` is where the cut ("throttling") brings it."""

    name: str
    current: Money
    target: Money | None = None
    essential: bool = False
    cut_active: bool = False

    @property
    def target_or_current(self) -> Money:
        return self.current if self.target is None else self.target

    @property
    def monthly(self) -> Money:
        """What this category costs per month now: the target while its cut is active."""
        return self.target_or_current if self.cut_active else self.current

    @property
    def possible_saving(self) -> Money:
        saving = self.current - self.target_or_current
        return saving if saving.minor > 0 else Money.zero(saving.currency)


class FamilyRepayment(Struct, frozen=True):
    on: date
    amount: Money


class FamilyLoan(Struct, frozen=True):
    """Money borrowed from a relative or friend; repaid after the institutions."""

    lender: str
    amount: Money
    borrowed_on: date
    relationship: str = ""
    promised: date | None = None
    apr: Decimal = Decimal(0)
    repayments: tuple[FamilyRepayment, ...] = ()
    notes: str = ""

    @property
    def repaid(self) -> Money:
        total = Money.zero(self.amount.currency)
        for repayment in self.repayments:
            total = total + repayment.amount
        return total

    @property
    def balance(self) -> Money:
        remaining = self.amount - self.repaid
        return remaining if remaining.minor > 0 else Money.zero(remaining.currency)


class Contact(Struct, frozen=True):
    """One conversation with a lender: the negotiation log."""

    loan: str
    on: date
    channel: Channel
    who: str = ""
    asked: str = ""
    outcome: str = ""
    follow_up: date | None = None


class BalanceEntry(Struct, frozen=True):
    """One point of a loan's balance history (source: check-in week, edit, import, removed)."""

    name: str
    on: date
    balance: Money
    source: str
    family: bool = False


REMOVED_SOURCE = "removed"
"""The source of the last point of a debt removed from the household: its history, check-ins
and contacts stay, and this entry (at zero, the day it was removed) says it was there."""


def removal_entry(name: str, on: date, currency: str, *, family: bool = False) -> BalanceEntry:
    return BalanceEntry(name, on, Money(0, currency), REMOVED_SOURCE, family=family)


class BalanceGroup(Struct, frozen=True):
    """History points that share a source and a date (the debts one check-in recorded), as
    (name, minor units) pairs: loans first, then family lenders, in the order they were added."""

    source: str
    on: date
    currency: str
    loans: tuple[tuple[str, int], ...] = ()
    family: tuple[tuple[str, int], ...] = ()

    def __len__(self) -> int:
        return len(self.loans) + len(self.family)

    def entries(self) -> Iterator[BalanceEntry]:
        for name, minor in self.loans:
            yield BalanceEntry(name, self.on, Money(minor, self.currency), self.source)
        for name, minor in self.family:
            yield BalanceEntry(name, self.on, Money(minor, self.currency), self.source, True)


class BalanceHistory(Sequence[BalanceEntry]):
    """The balance history as read: its points are only built when something walks them.

    Years of weekly check-ins leave thousands of points, and most of what the app shows needs
    none of them (or only their groups), so reading a file costs the same with ten weeks or ten
    years. Equal to any sequence of the same points, a tuple included.
    """

    __slots__ = ("_entries", "groups")

    def __init__(self, groups: Sequence[BalanceGroup] = ()) -> None:
        self.groups: tuple[BalanceGroup, ...] = tuple(groups)
        self._entries: tuple[BalanceEntry, ...] | None = None

    def _built(self) -> tuple[BalanceEntry, ...]:
        if self._entries is None:
            self._entries = tuple(entry for group in self.groups for entry in group.entries())
        return self._entries

    def __len__(self) -> int:
        if self._entries is not None:
            return len(self._entries)
        return sum(len(group) for group in self.groups)

    def __getitem__(self, index: int) -> BalanceEntry:  # type: ignore[override]
        return self._built()[index]

    def __iter__(self) -> Iterator[BalanceEntry]:
        return iter(self._built())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, BalanceHistory):
            return self.groups == other.groups or self._built() == other._built()
        if isinstance(other, tuple):
            return self._built() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._built())

    def __repr__(self) -> str:
        return f"BalanceHistory({len(self)} points in {len(self.groups)} groups)"


def earliest_point(balances: Sequence[BalanceEntry]) -> date | None:
    """The date of the oldest history point (from the groups alone when they are at hand)."""
    if isinstance(balances, BalanceHistory):
        return min((group.on for group in balances.groups if len(group)), default=None)
    return min((entry.on for entry in balances), default=None)


class CheckIn(Struct, frozen=True):
    """The weekly ritual's record for one ISO week."""

    week: str
    on: date
    paid: dict[str, Money] = field(default_factory=dict)
    received: dict[str, Money] = field(default_factory=dict)
    spent: dict[str, Money] = field(default_factory=dict)
    borrowed: bool = False
    note: str = ""
    # Loans this check-in paid off, with the status each had before, so a correction that
    # reopens one restores it exactly (see domain/checkin.py).
    closed: dict[str, LoanStatus] = field(default_factory=dict)


_NO_BUFFER = Money(0, "USD")


class Settings(Struct, frozen=True):
    currency: str = "USD"
    locale: str = "en_US"
    safety_buffer: Money = _NO_BUFFER
    strategy: Strategy = Strategy.AVALANCHE
    custom_order: tuple[str, ...] = ()
    theme: str = "debtcoach-dark"
    # The interface language ("en", "zh_CN"); empty: follow LANG / LC_ALL.
    language: str = ""

    def __post_init__(self) -> None:
        # The buffer is always in the household currency, whatever default was used.
        if self.safety_buffer.currency != self.currency:
            force_setattr(self, "safety_buffer", Money(self.safety_buffer.minor, self.currency))


_CURRENCY_BY_TERRITORY = {"CN": "CNY", "US": "USD", "GB": "GBP", "JP": "JPY", "HK": "HKD",
                          "TW": "TWD", "SG": "SGD", "CA": "CAD", "AU": "AUD"}  # fmt: skip


def settings_for_environment(environ: Mapping[str, str]) -> Settings:
    """What a new file starts with: language, locale and currency of the shell (zh_CN -> CNY)."""
    locale = environment_locale(environ)
    if locale is None:
        return Settings()
    territory = locale.partition("_")[2]
    currency = _CURRENCY_BY_TERRITORY.get(territory, Settings().currency)
    return Settings(currency=currency, locale=locale, language=normalise_language(locale) or "")


class Household(Struct, frozen=True):
    """Everything the domain needs to plan and coach, read from the store in one piece."""

    settings: Settings = field(default_factory=Settings)
    loans: tuple[Loan, ...] = ()
    income: tuple[IncomeSource, ...] = ()
    expenses: tuple[Expense, ...] = ()
    family_loans: tuple[FamilyLoan, ...] = ()
    contacts: tuple[Contact, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    balances: Sequence[BalanceEntry] = ()

    @property
    def currency(self) -> str:
        return self.settings.currency

    @property
    def open_loans(self) -> tuple[Loan, ...]:
        return tuple(loan for loan in self.loans if loan.is_open)

    def loan(self, name: str) -> Loan | None:
        """The loan of exactly this name. Not by `name_key`: the check-in maps payments by exact
        name, and a file from before names were compared that way may hold `Visa` and `visa`."""
        return next((loan for loan in self.loans if loan.name == name), None)

    def family_loan(self, lender: str) -> FamilyLoan | None:
        """The loan from exactly this lender (exact, as `loan`)."""
        return next((item for item in self.family_loans if item.lender == lender), None)


class InvalidName(ValueError):
    """A name that cannot identify a row; the message says why."""


_FORBIDDEN_NAME_CHARS = {"=", ","}


def validate_name(text: str, *, what: str = N_("name")) -> str:
    """Names identify rows in scripts (`--paid Visa=150`, `--order A,B`), so keep them plain."""
    if has_surrogates(text):
        raise InvalidName(_("{what} is not valid UTF-8").format(what=label(what)))
    name = text.strip()
    if not name:
        raise InvalidName(_("{what} is empty").format(what=label(what)))
    if len(name) > 60:
        raise InvalidName(
            _("{what} {start!r}… is longer than 60 characters").format(
                what=label(what), start=name[:20]
            )
        )
    bad = sorted(ch for ch in set(name) if ch in _FORBIDDEN_NAME_CHARS or not ch.isprintable())
    if bad:
        raise InvalidName(
            _("{what} {name!r} must not contain {characters}").format(
                what=label(what), name=name, characters=_(" or ").join(repr(c) for c in bad)
            )
        )
    return name


def name_key(name: str) -> str:
    """What two names must differ in to be two names: not case (`visa`, `Visa`) and not how
    Unicode encodes the same letters (an NFC and an NFD `Café`), which nobody reading a list or
    typing `--paid` can tell apart. Unicode's canonical caseless match, in NFC.
    """
    decomposed = unicodedata.normalize("NFD", name.strip())
    return unicodedata.normalize("NFC", decomposed.casefold())
