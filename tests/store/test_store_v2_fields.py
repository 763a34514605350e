"""Schema 2: a loan's promotional rate (`promo_apr`, `promo_until`) and a one-off's earmark
(`for_loan`), in real data files, in the export and back through import."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from msgspec.structs import replace

from debtcoach.domain.models import Frequency, IncomeKind, IncomeSource
from debtcoach.domain.money import Money
from debtcoach.store import MIGRATIONS, SCHEMA_VERSION, Repository, StorageCorrupt
from debtcoach.store.backups import BackupSet
from debtcoach.store.exchange import (
    ExchangeError,
    household_from_json,
    household_to_csv,
    household_to_json,
    income_to_json,
    loan_to_json,
)
from tests.domain.builders import three_loan_overdue_example


def raw(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_schema_2_is_known_and_migrated_forward() -> None:
    assert SCHEMA_VERSION >= 2
    assert {1, 2} <= set(MIGRATIONS)


def test_promotion_and_earmark_round_trip_through_the_file(db_path: Path) -> None:
    example = three_loan_overdue_example()
    repo = Repository(db_path)
    repo.replace_all(example)
    assert Repository(db_path).load() == example
    stored = raw(db_path)
    platform = next(doc for doc in stored["loans"].values() if doc["name"] == "Platform")
    assert (platform["promo_apr"], platform["promo_until"]) == ("0", "2027-02-28")
    card = next(doc for doc in stored["loans"].values() if doc["name"] == "Card")
    assert (card["promo_apr"], card["promo_until"]) == (None, None)
    bonus = next(doc for doc in stored["income"].values() if doc["name"] == "Bonus")
    assert bonus["for_loan"] == "Card"
    salary = next(doc for doc in stored["income"].values() if doc["name"] == "Salary")
    assert salary["for_loan"] is None
    assert stored["meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_editing_a_loan_keeps_or_clears_its_promotion(db_path: Path, make: Any) -> None:
    repo = Repository(db_path)
    promoted = replace(make.loan(), promo_apr=Decimal("4.9"), promo_until=date(2027, 6, 30))
    repo.add_loan(promoted)
    assert repo.load().loans == (promoted,)
    cleared = replace(promoted, promo_apr=None, promo_until=None)
    repo.update_loan(promoted.name, cleared)
    assert repo.load().loans == (cleared,)


def test_an_earmarked_one_off_is_added_and_read_back(db_path: Path, make: Any) -> None:
    repo = Repository(db_path)
    repo.add_loan(make.loan("Visa"))
    gift = IncomeSource(
        "Gift",
        IncomeKind.SIDE,
        make.usd("250.00"),
        Frequency.ONE_OFF,
        start=date(2027, 1, 10),
        for_loan="Visa",
    )
    repo.add_income(gift)
    assert Repository(db_path).load().income == (gift,)


VERSION_1_FILE: dict[str, Any] = {
    "meta": {"1": {"schema_version": 1, "created_at": "2026-01-01T00:00:00+00:00"}},
    "loans": {
        "1": {"name": "Visa", "kind": "credit_card", "balance": 100000, "apr": "19.99"}
        | {"min_payment": 5000, "overdue_since": "2026-09-01", "late_fee": 2500}
    },
    "income": {"1": {"name": "Pay", "kind": "regular", "amount": 300000, "frequency": "monthly"}},
}


def test_a_version_1_file_loads_unchanged_and_is_not_rewritten_by_reading(
    db_path: Path,
) -> None:
    db_path.parent.mkdir(parents=True)
    content = json.dumps(VERSION_1_FILE).encode()
    db_path.write_bytes(content)
    household = Repository(db_path).load()
    (visa,) = household.loans
    assert (visa.balance, visa.late_fee) == (Money(100000), Money(2500))
    assert (visa.promo_apr, visa.promo_until) == (None, None)
    assert visa.overdue_since == date(2026, 9, 1)
    (pay,) = household.income
    assert pay.for_loan is None
    assert db_path.read_bytes() == content


def test_the_first_write_to_a_version_1_file_stores_the_current_schema_and_backs_up_the_old_bytes(
    db_path: Path, make: Any
) -> None:
    db_path.parent.mkdir(parents=True)
    content = json.dumps(VERSION_1_FILE).encode()
    db_path.write_bytes(content)
    repo = Repository(db_path)
    before = repo.load()
    repo.add_expense(make.expense())
    stored = raw(db_path)
    assert stored["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert stored["meta"]["1"]["created_at"] == "2026-01-01T00:00:00+00:00"
    assert stored["loans"]["1"]["promo_apr"] is None and stored["loans"]["1"]["promo_until"] is None
    assert stored["income"]["1"]["for_loan"] is None
    (backup,) = BackupSet(db_path).all()
    assert backup.path.read_bytes() == content
    after = repo.load()
    assert (after.loans, after.income) == (before.loans, before.income)


@pytest.mark.parametrize(
    ("table", "field", "value", "message"),
    [
        ("loans", "promo_apr", 4.9, "'promo_apr' must be text"),
        ("loans", "promo_until", "someday", "'promo_until' is not a date"),
        ("income", "for_loan", 7, "'for_loan' must be text"),
    ],
)
def test_a_mistyped_new_field_is_a_damaged_file(
    db_path: Path, table: str, field: str, value: object, message: str
) -> None:
    data = json.loads(json.dumps(VERSION_1_FILE))
    data["meta"]["1"]["schema_version"] = 2
    data[table]["1"][field] = value
    db_path.parent.mkdir(parents=True)
    content = json.dumps(data).encode()
    db_path.write_bytes(content)
    with pytest.raises(StorageCorrupt, match=message):
        Repository(db_path).load()
    assert db_path.read_bytes() == content


# -- the export and import ------------------------------------------------------------------


def test_export_names_the_new_fields_and_import_reads_them_back() -> None:
    example = three_loan_overdue_example()
    card, platform = example.loans
    assert loan_to_json(platform)["promo_apr"] == "0"
    assert loan_to_json(platform)["promo_until"] == "2027-02-28"
    assert (loan_to_json(card)["promo_apr"], loan_to_json(card)["promo_until"]) == (None, None)
    salary, _tutoring, bonus = example.income
    assert income_to_json(bonus)["for_loan"] == "Card"
    assert income_to_json(salary)["for_loan"] is None
    exported = json.loads(json.dumps(household_to_json(example)))
    assert household_from_json(exported) == example


def test_csv_export_has_a_row_for_each_new_field() -> None:
    rows = list(csv.reader(io.StringIO(household_to_csv(three_loan_overdue_example()))))
    assert ["loans", "Platform", "promo_apr", "0"] in rows
    assert ["loans", "Platform", "promo_until", "2027-02-28"] in rows
    assert ["loans", "Card", "promo_until", ""] in rows
    assert ["income", "Bonus", "for_loan", "Card"] in rows
    assert ["income", "Salary", "for_loan", ""] in rows


def test_an_export_without_the_new_fields_still_imports() -> None:
    exported = household_to_json(three_loan_overdue_example())
    for row in exported["loans"]:
        del row["promo_apr"], row["promo_until"]
    for row in exported["income"]:
        del row["for_loan"]
    household = household_from_json(exported)
    assert all(x.promo_apr is None and x.promo_until is None for x in household.loans)
    assert all(x.for_loan is None for x in household.income)


@pytest.mark.parametrize(
    ("table", "index", "field", "value", "message"),
    [
        ("loans", 1, "promo_apr", "-1", r"loans\[1\]\.promo_apr: .*must not be negative"),
        ("loans", 1, "promo_apr", "lots", r"loans\[1\]\.promo_apr: .*is not a number"),
        ("loans", 1, "promo_until", "2027-02-30", r"loans\[1\]\.promo_until: .*does not exist"),
        ("income", 2, "for_loan", "A,B", r"income\[2\]\.for_loan: .*must not contain"),
        ("income", 2, "for_loan", 3, r"income\[2\]\.for_loan: must be text"),
    ],
)
def test_import_refuses_a_bad_new_field_and_names_its_place(
    table: str, index: int, field: str, value: object, message: str
) -> None:
    exported = json.loads(json.dumps(household_to_json(three_loan_overdue_example())))
    exported[table][index][field] = value
    with pytest.raises(ExchangeError, match=message):
        household_from_json(exported)
