"""Round trips: every model survives to_record -> JSON -> from_record, and a household survives
replace_all -> file -> load, exactly (Money, Decimal, dates, nested terms and lists).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debtcoach.domain.calendar import iso_week
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
    Loan,
    LoanKind,
    LoanStatus,
    ProposalState,
    RestructureMode,
    RestructureTerms,
    Settings,
    Strategy,
    name_key,
)
from debtcoach.domain.money import Money
from debtcoach.store import RecordError, Repository, from_record, to_record

T = TypeVar("T")

CURRENCIES = st.sampled_from(["USD", "JPY", "CNY", "EUR", "KWD"])
TEXT = st.text(max_size=20)
NAMES = st.text(min_size=1, max_size=12)
DATES = st.dates()
OPT_DATES = st.none() | DATES
DECIMALS = st.decimals(allow_nan=False, allow_infinity=False)
# What a file may hold when it is read (`stored_household_problems`): rates in 0..1000 %,
# amounts not negative and at most 10^12 major units (here in a currency of 2 decimals or 0).
RATES = st.decimals(min_value=0, max_value=1000, allow_nan=False, allow_infinity=False)
WEEKS = DATES.map(iso_week)


def money(currency: str) -> st.SearchStrategy[Money]:
    return st.integers(min_value=0, max_value=10**12).map(lambda m: Money(m, currency))


def terms(c: str) -> st.SearchStrategy[RestructureTerms]:
    return st.builds(
        RestructureTerms,
        mode=st.sampled_from(RestructureMode),
        installments=st.integers(1, 600),
        installment=money(c),
        last_installment=money(c),
        balance=money(c),
        fee_rate=DECIMALS,
        state=st.sampled_from(ProposalState),
        agreed_on=OPT_DATES,
    )


def loans(c: str, name: st.SearchStrategy[str] = NAMES) -> st.SearchStrategy[Loan]:
    return st.builds(
        Loan,
        name=name,
        kind=st.sampled_from(LoanKind),
        balance=money(c),
        apr=RATES,
        min_payment=money(c),
        lender=TEXT,
        penalty_apr=st.none() | RATES,
        due_day=st.none() | st.integers(1, 31),
        overdue_since=OPT_DATES,
        arrears=st.none() | money(c),
        late_fee=st.none() | money(c),
        opened_on=OPT_DATES,
        purpose=TEXT,
        to_repay_other_debt=st.booleans(),
        status=st.sampled_from(LoanStatus),
        restructure=st.none() | terms(c),
        promo_apr=st.none() | RATES,
        promo_until=OPT_DATES,
    )


def incomes(c: str) -> st.SearchStrategy[IncomeSource]:
    return st.builds(
        IncomeSource,
        name=NAMES,
        kind=st.sampled_from(IncomeKind),
        amount=money(c),
        frequency=st.sampled_from(Frequency),
        start=OPT_DATES,
        end=OPT_DATES,
        notes=TEXT,
        for_loan=st.none() | NAMES,
    )


def expenses(c: str) -> st.SearchStrategy[Expense]:
    return st.builds(
        Expense,
        name=NAMES,
        current=money(c),
        target=st.none() | money(c),
        essential=st.booleans(),
        cut_active=st.booleans(),
    )


def family_loans(c: str) -> st.SearchStrategy[FamilyLoan]:
    repayments = st.lists(st.builds(FamilyRepayment, on=DATES, amount=money(c)), max_size=4)
    return st.builds(
        FamilyLoan,
        lender=NAMES,
        amount=money(c),
        borrowed_on=DATES,
        relationship=TEXT,
        promised=OPT_DATES,
        apr=RATES,
        repayments=repayments.map(tuple),
        notes=TEXT,
    )


def contacts(c: str) -> st.SearchStrategy[Contact]:
    del c
    return st.builds(
        Contact,
        loan=NAMES,
        on=DATES,
        channel=st.sampled_from(Channel),
        who=TEXT,
        asked=TEXT,
        outcome=TEXT,
        follow_up=OPT_DATES,
    )


def checkins(c: str) -> st.SearchStrategy[CheckIn]:
    amounts = st.dictionaries(NAMES, money(c), max_size=4)
    return st.builds(
        CheckIn,
        week=WEEKS,
        on=DATES,
        paid=amounts,
        received=amounts,
        spent=amounts,
        borrowed=st.booleans(),
        note=TEXT,
    )


def balances(c: str) -> st.SearchStrategy[BalanceEntry]:
    return st.builds(
        BalanceEntry, name=NAMES, on=DATES, balance=money(c), source=TEXT, family=st.booleans()
    )


def settings_for(c: str) -> st.SearchStrategy[Settings]:
    return st.builds(
        Settings,
        currency=st.just(c),
        locale=st.sampled_from(["en_US", "zh_CN", "de_DE"]),
        safety_buffer=money(c),
        strategy=st.sampled_from(Strategy),
        custom_order=st.lists(NAMES, max_size=4).map(tuple),
        theme=TEXT,
    )


MODEL_STRATEGIES: list[Callable[[str], st.SearchStrategy[Any]]] = [
    terms,
    loans,
    incomes,
    expenses,
    family_loans,
    contacts,
    checkins,
    balances,
    settings_for,
]


@pytest.mark.parametrize("strategy", MODEL_STRATEGIES, ids=lambda s: s.__name__)
@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_every_model_round_trips_through_json(
    strategy: Callable[[str], st.SearchStrategy[Any]], data: st.DataObject
) -> None:
    currency = data.draw(CURRENCIES)
    model = data.draw(strategy(currency))
    record = to_record(model, currency)
    stored = json.loads(json.dumps(record, ensure_ascii=False))
    assert stored == record  # plain JSON types only
    assert from_record(type(model), stored, currency) == model


def unique_by(
    strategy: st.SearchStrategy[T], key: Callable[[T], str], max_size: int = 3
) -> st.SearchStrategy[tuple[T, ...]]:
    return st.lists(strategy, max_size=max_size, unique_by=key).map(tuple)


@st.composite
def households(draw: st.DrawFn) -> Household:
    c = draw(CURRENCIES)
    weekly = draw(unique_by(checkins(c), lambda item: item.week))
    # Names are unique as the store compares them, and no family lender is named like a loan.
    debts = draw(unique_by(loans(c), lambda item: name_key(item.name)))
    loan_names = {name_key(loan.name) for loan in debts}
    lenders = unique_by(family_loans(c), lambda item: name_key(item.lender))
    return Household(
        settings=draw(settings_for(c)),
        loans=debts,
        income=draw(unique_by(incomes(c), lambda item: name_key(item.name))),
        expenses=draw(unique_by(expenses(c), lambda item: name_key(item.name))),
        family_loans=tuple(
            item for item in draw(lenders) if name_key(item.lender) not in loan_names
        ),
        contacts=tuple(draw(st.lists(contacts(c), max_size=3))),
        checkins=tuple(sorted(weekly, key=lambda item: item.week)),
        balances=tuple(draw(st.lists(balances(c), max_size=3))),
    )


@settings(max_examples=30, deadline=None)
@given(household=households())
def test_household_round_trips_through_the_file(household: Household) -> None:
    with tempfile.TemporaryDirectory() as folder:
        repo = Repository(Path(folder) / "debtcoach.json")
        repo.replace_all(household)
        assert repo.load() == household
        # A second, fresh repository reads the same thing from disk.
        assert Repository(Path(folder) / "debtcoach.json").load() == household


@settings(max_examples=50, deadline=None)
@given(c=CURRENCIES, loan=st.data())
def test_loan_edits_round_trip_through_the_file(c: str, loan: st.DataObject) -> None:
    first = loan.draw(loans(c, name=st.just("A")))
    second = loan.draw(loans(c, name=st.just("A")))
    with tempfile.TemporaryDirectory() as folder:
        repo = Repository(Path(folder) / "debtcoach.json")
        repo.save_settings(Settings(currency=c, safety_buffer=Money(0, c)))
        repo.add_loan(first)
        assert repo.load().loans == (first,)
        repo.update_loan("A", second)
        assert repo.load().loans == (second,)


# -- strict reading --------------------------------------------------------------------------


GOOD_LOAN: dict[str, Any] = {
    "name": "Visa",
    "kind": "credit_card",
    "balance": 100,
    "apr": "19.99",
    "min_payment": 10,
}


def test_optional_fields_may_be_absent() -> None:
    loan = from_record(Loan, GOOD_LOAN, "USD")
    assert loan == Loan("Visa", LoanKind.CREDIT_CARD, Money(100), Decimal("19.99"), Money(10))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("balance", 1.5, "'balance' must be a whole number"),
        ("balance", True, "'balance' must be a whole number"),
        ("balance", "100", "'balance' must be a whole number"),
        ("apr", 19.99, "'apr' must be text"),
        ("apr", "NaN", "'apr' is not a finite number"),
        ("apr", "lots", "'apr' is not a number"),
        ("kind", "payday", "'kind' has an unknown value"),
        ("overdue_since", "2026-02-30", "'overdue_since' is not a date"),
        ("to_repay_other_debt", "yes", "must be true or false"),
        ("restructure", [], "'restructure' must be an object"),
        ("name", None, "'name' must be text"),
        ("promo_apr", 0, "'promo_apr' must be text"),
        ("promo_apr", "Infinity", "'promo_apr' is not a finite number"),
        ("promo_until", "2027-02-29", "'promo_until' is not a date"),
    ],
)
def test_mistyped_fields_raise_record_error(field: str, value: Any, message: str) -> None:
    with pytest.raises(RecordError, match=message):
        from_record(Loan, {**GOOD_LOAN, field: value}, "USD")


def test_missing_required_field_raises_record_error() -> None:
    record = dict(GOOD_LOAN)
    del record["min_payment"]
    with pytest.raises(RecordError, match="'min_payment' is missing"):
        from_record(Loan, record, "USD")
