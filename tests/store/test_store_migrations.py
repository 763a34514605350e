"""Forward migrations, tested on a real old-format file (tests/store/fixtures/schema0.json)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from debtcoach.domain.models import LoanStatus, RestructureMode, Strategy
from debtcoach.domain.money import Money
from debtcoach.store import MIGRATIONS, SCHEMA_VERSION, Repository, StorageCorrupt, migrate
from debtcoach.store.backups import BackupSet

from .writers import run_cli

FIXTURE = Path(__file__).parent / "fixtures" / "schema0.json"


def usd(minor: int) -> Money:
    return Money(minor, "USD")


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    target = tmp_path / "data" / "debtcoach.json"
    target.parent.mkdir(mode=0o700)
    shutil.copyfile(FIXTURE, target)
    return target


def test_there_is_a_migration_from_every_older_version() -> None:
    assert sorted(MIGRATIONS) == list(range(SCHEMA_VERSION))


def test_a_schema0_file_loads_with_every_value_converted(old_file: Path) -> None:
    household = Repository(old_file).load()
    settings = household.settings
    assert settings.safety_buffer == usd(15000)
    assert settings.strategy == Strategy.SNOWBALL
    visa, car = household.loans
    assert visa.balance == usd(520000)
    assert visa.apr == Decimal("19.99")
    assert visa.penalty_apr == Decimal("29.99")
    assert visa.min_payment == usd(15600)
    assert visa.late_fee == usd(3500)
    assert visa.status == LoanStatus.OVERDUE
    assert car.balance == usd(840050)
    assert car.apr == Decimal("6")
    terms = car.restructure
    assert terms is not None
    assert terms.mode == RestructureMode.FLAT_FEE
    assert (terms.installment, terms.last_installment) == (usd(37169), usd(37163))
    assert terms.balance == usd(840050)
    assert terms.fee_rate == Decimal("0.6")
    assert [(i.name, i.amount) for i in household.income] == [
        ("Salary", usd(280000)),
        ("Tutoring", usd(6000)),
    ]
    assert [(e.name, e.current, e.target) for e in household.expenses] == [
        ("Rent", usd(110000), None),
        ("Takeaway", usd(24000), usd(8000)),
    ]
    (mom,) = household.family_loans
    assert mom.amount == usd(200000)
    assert [(r.on, r.amount) for r in mom.repayments] == [(date(2026, 1, 31), usd(10000))]
    (week,) = household.checkins
    assert week.paid == {"Visa": usd(15600), "Mom": usd(10000)}
    assert week.spent == {"Takeaway": usd(7550)}
    assert household.balances[0].balance == usd(504400)
    assert household.contacts[0].follow_up == date(2026, 2, 17)


def test_reading_an_old_file_does_not_rewrite_it(old_file: Path) -> None:
    before = old_file.read_bytes()
    Repository(old_file).load()
    assert old_file.read_bytes() == before


def test_the_first_write_stores_the_new_form_and_backs_up_the_old_bytes(
    old_file: Path, make: Any
) -> None:
    before = old_file.read_bytes()
    repo = Repository(old_file)
    migrated = repo.load()
    repo.add_loan(make.loan("New"))
    raw = json.loads(old_file.read_text())
    assert raw["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert raw["meta"]["1"]["created_at"] == "2026-02-14T19:02:11+00:00"
    assert "family" not in raw and raw["family_loans"]["1"]["amount"] == 200000
    assert raw["loans"]["1"]["balance"] == 520000
    (backup,) = BackupSet(old_file).all()
    assert backup.path.read_bytes() == before  # the pre-release file, byte for byte
    after = repo.load()
    assert after.loans[:2] == migrated.loans
    assert after.family_loans == migrated.family_loans
    assert after.checkins == migrated.checkins


@pytest.mark.parametrize(
    ("table", "doc", "problem"),
    [
        ("loans", {"balance": "12.345"}, "more decimals"),
        ("loans", {"balance": "lots"}, "not an amount"),
        ("loans", {"balance": "NaN"}, "not a finite amount"),
        ("loans", {"balance": [1]}, "not an amount"),
        ("loans", {"apr": [19.99]}, "not a rate"),
        ("income", {"amount": True}, "not an amount"),
    ],
)
def test_a_damaged_old_file_is_reported_not_guessed(
    tmp_path: Path, table: str, doc: dict[str, Any], problem: str
) -> None:
    raw = json.loads(FIXTURE.read_text())
    raw[table]["1"].update(doc)
    path = tmp_path / "old.json"
    content = json.dumps(raw).encode()
    path.write_bytes(content)
    with pytest.raises(StorageCorrupt, match=problem):
        Repository(path).load()
    assert path.read_bytes() == content


def test_migrate_of_a_minimal_schema0_file() -> None:
    raw: dict[str, dict[str, Any]] = {
        "meta": {"1": {"schema_version": 0, "currency": "JPY"}},
        "expenses": {"1": {"name": "Rent", "current": "85000"}},
    }
    out = migrate(raw)
    assert out["expenses"]["1"]["current"] == 85000
    assert out["meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_an_unknown_currency_in_an_old_file_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"meta": {"1": {"schema_version": 0, "currency": "???"}}}))
    with pytest.raises(StorageCorrupt, match="not a currency"):
        Repository(path).load()


# -- 1 -> 2: contact ids are never reused -------------------------------------------------------


def as_version_1(path: Path) -> None:
    """Rewrite a data file as debtcoach 1 wrote it: the same tables, no contact id counter."""
    data = json.loads(path.read_text())
    meta = data["meta"]["1"]
    meta["schema_version"] = 1
    meta.pop("last_contact_id", None)
    path.write_text(json.dumps(data))


def test_a_version_1_file_never_reuses_the_id_of_its_newest_contact(tmp_path: Path) -> None:
    db = tmp_path / "data" / "debtcoach.json"
    add_loan = ["loan", "add", "--name", "Visa", "--kind", "credit_card", "--balance", "500",
                "--apr", "18", "--min-payment", "25"]  # fmt: skip
    assert run_cli(db, *add_loan).returncode == 0
    talk = ["contact", "add", "--loan", "Visa", "--channel", "phone", "--date"]
    for day in ("01", "02", "03"):
        assert run_cli(db, *talk, f"2026-11-{day}").returncode == 0
    as_version_1(db)
    assert run_cli(db, "contact", "remove", "3").returncode == 0
    newest = ["contact", "add", "--loan", "Visa", "--date", "2026-11-20", "--channel", "app"]
    assert run_cli(db, *newest).returncode == 0
    stale = run_cli(db, "contact", "remove", "3")  # a script that listed the contacts earlier
    assert stale.returncode == 2
    assert "there is no contact with id 3" in stale.stderr
    listed = json.loads(run_cli(db, "contact", "list", "--json").stdout)
    assert [(item["id"], item["date"]) for item in listed] == [
        (1, "2026-11-01"),
        (2, "2026-11-02"),
        (4, "2026-11-20"),
    ]
    assert json.loads(db.read_text())["meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_migrating_to_2_remembers_the_highest_contact_id() -> None:
    raw: dict[str, dict[str, Any]] = {
        "meta": {"1": {"schema_version": 1, "currency": "USD"}},
        "contacts": {"2": {"loan": "Visa"}, "7": {"loan": "Visa"}},
    }
    assert migrate(raw)["meta"]["1"]["last_contact_id"] == 7
    empty: dict[str, dict[str, Any]] = {"meta": {"1": {"schema_version": 1}}}
    assert migrate(empty)["meta"]["1"]["last_contact_id"] == 0


def test_a_schema0_file_starts_counting_after_its_contacts(old_file: Path, make: Any) -> None:
    before = {contact_id for contact_id, _ in Repository(old_file).contacts_with_ids()}
    repo = Repository(old_file)
    new_id = repo.add_contact(make.contact("Visa"))
    assert new_id > max(before)
