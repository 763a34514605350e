"""The Repository on real TinyDB files: the typed API the CLI and UI rely on."""

from __future__ import annotations

import json
import threading
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from msgspec.structs import replace

from debtcoach.domain.models import (
    BalanceEntry,
    Household,
    Settings,
    Strategy,
)
from debtcoach.domain.money import Money
from debtcoach.store import (
    SCHEMA_VERSION,
    AtomicJSONStorage,
    CurrencyChangeRefused,
    CurrencyMismatch,
    DuplicateName,
    NameClash,
    Repository,
    StorageCorrupt,
    StoreError,
    StoreInputError,
    UnknownName,
)

from .writers import run_cli


def raw(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def count_writes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    writes: list[int] = []
    real = AtomicJSONStorage._write_file

    def spy(self: AtomicJSONStorage, data: dict[str, Any]) -> None:
        writes.append(1)
        real(self, data)

    monkeypatch.setattr(AtomicJSONStorage, "_write_file", spy)
    return writes


# -- basics ------------------------------------------------------------------------------------


def test_fresh_repository_loads_defaults_without_creating_a_file(
    repo: Repository, db_path: Path
) -> None:
    assert repo.load() == Household()
    assert repo.settings() == Settings()
    assert not db_path.exists()


def test_first_write_records_meta(repo: Repository, db_path: Path, make: Any) -> None:
    repo.add_loan(make.loan())
    meta = raw(db_path)["meta"]["1"]
    assert meta["schema_version"] == SCHEMA_VERSION
    assert meta["currency"] == "USD"
    assert meta["locale"] == "en_US"
    assert meta["settings"]["strategy"] == "avalanche"
    assert meta["created_at"]


def test_money_is_stored_as_minor_units(repo: Repository, db_path: Path, make: Any) -> None:
    repo.add_loan(make.loan(balance="1234.56"))
    doc = raw(db_path)["loans"]["1"]
    assert doc["balance"] == 123456
    assert doc["apr"] == "19.99"
    assert doc["overdue_since"] == "2026-09-01"
    assert doc["kind"] == "credit_card"


def test_load_reads_every_table(repo: Repository, make: Any) -> None:
    entry = BalanceEntry("Visa", date(2026, 11, 23), make.usd("4850.00"), "2026-W48")
    with repo.transaction():
        repo.add_loan(make.loan())
        repo.add_income(make.income())
        repo.add_expense(make.expense())
        repo.add_family_loan(make.family_loan())
        repo.add_contact(make.contact())
        repo.put_checkin(make.checkin())
        repo.add_balance_entry(entry)
    household = repo.load()
    assert household.loans == (make.loan(),)
    assert household.income == (make.income(),)
    assert household.expenses == (make.expense(),)
    assert household.family_loans == (make.family_loan(),)
    assert household.contacts == (make.contact(),)
    assert household.checkins == (make.checkin(),)
    assert household.balances == (entry,)


def test_two_repositories_on_one_file_see_each_others_writes(db_path: Path, make: Any) -> None:
    """No stale TinyDB caches: the TUI and a script may share the file."""
    tui, script = Repository(db_path), Repository(db_path)
    tui.add_loan(make.loan("A"))
    assert [loan.name for loan in tui.load().loans] == ["A"]
    script.add_loan(make.loan("B"))
    tui.add_loan(make.loan("C"))
    assert [loan.name for loan in tui.load().loans] == ["A", "B", "C"]
    with pytest.raises(DuplicateName):
        script.add_loan(make.loan("C"))
    script.remove_loan("A")
    tui.add_loan(make.loan("D"))
    assert [loan.name for loan in script.load().loans] == ["B", "C", "D"]


# -- named tables ------------------------------------------------------------------------------

TABLES = [
    # (table, add, update, remove, factory attribute, key attribute, loaded attribute)
    ("loans", "add_loan", "update_loan", "remove_loan", "loan", "name", "loans"),
    ("income", "add_income", "update_income", "remove_income", "income", "name", "income"),
    ("expenses", "add_expense", "update_expense", "remove_expense", "expense", "name", "expenses"),
    (
        "family_loans",
        "add_family_loan",
        "update_family_loan",
        "remove_family_loan",
        "family_loan",
        "lender",
        "family_loans",
    ),
]


@pytest.mark.parametrize(("table", "add", "update", "remove", "factory", "key", "loaded"), TABLES)
def test_named_table_crud(
    repo: Repository,
    make: Any,
    table: str,
    add: str,
    update: str,
    remove: str,
    factory: str,
    key: str,
    loaded: str,
) -> None:
    build = getattr(make, factory)
    first, second = build("Alpha"), build("Beta")
    getattr(repo, add)(first)
    getattr(repo, add)(second)
    assert getattr(repo.load(), loaded) == (first, second)

    with pytest.raises(DuplicateName) as dup:
        getattr(repo, add)(build("Alpha"))
    assert (dup.value.table, dup.value.name) == (table, "Alpha")
    assert isinstance(dup.value, StoreInputError)
    assert "'Alpha' already exists" in str(dup.value)

    renamed = replace(first, **{key: "Gamma"})
    getattr(repo, update)("Alpha", renamed)
    assert getattr(repo.load(), loaded) == (renamed, second)  # same place in the list

    with pytest.raises(DuplicateName):
        getattr(repo, update)("Gamma", replace(renamed, **{key: "Beta"}))
    with pytest.raises(UnknownName) as unknown:
        getattr(repo, update)("Alpha", first)
    assert (unknown.value.table, unknown.value.name) == (table, "Alpha")
    with pytest.raises(UnknownName):
        getattr(repo, remove)("Alpha")

    getattr(repo, remove)("Gamma")
    assert getattr(repo.load(), loaded) == (second,)


NFC_CAFE = unicodedata.normalize("NFC", "Café")
NFD_CAFE = unicodedata.normalize("NFD", "Café")


@pytest.mark.parametrize(("table", "add", "update", "remove", "factory", "key", "loaded"), TABLES)
@pytest.mark.parametrize(
    ("stored", "typed"), [("Visa", "visa"), ("STRASSE", "straße"), (NFC_CAFE, NFD_CAFE)]
)
def test_names_that_only_look_different_are_the_same_name(
    repo: Repository,
    make: Any,
    table: str,
    add: str,
    update: str,
    remove: str,
    factory: str,
    key: str,
    loaded: str,
    stored: str,
    typed: str,
) -> None:
    build = getattr(make, factory)
    getattr(repo, add)(build(stored))
    getattr(repo, add)(build("Other"))
    with pytest.raises(DuplicateName) as dup:
        getattr(repo, add)(build(typed))
    assert dup.value.existing == stored
    assert f"already exists (as {stored!r})" in str(dup.value)
    with pytest.raises(DuplicateName):  # renaming onto it
        getattr(repo, update)("Other", build(typed))
    # A row may change its own spelling.
    getattr(repo, update)(stored, build(typed))
    assert [getattr(row, key) for row in getattr(repo.load(), loaded)] == [typed, "Other"]


def test_a_loan_and_a_family_lender_cannot_share_a_name(repo: Repository, make: Any) -> None:
    repo.add_family_loan(make.family_loan("Mum"))
    repo.add_loan(make.loan("Visa"))
    with pytest.raises(NameClash) as clash:
        repo.add_loan(make.loan("mum"))
    assert isinstance(clash.value, DuplicateName) and isinstance(clash.value, StoreInputError)
    assert (clash.value.other_table, clash.value.other_name) == ("family_loans", "Mum")
    assert str(clash.value).startswith("a family loan from 'Mum' already exists, so a loan")
    with pytest.raises(NameClash, match=r"^a loan named 'Visa' already exists, so a family loan"):
        repo.add_family_loan(make.family_loan("VISA"))
    with pytest.raises(NameClash):
        repo.update_loan("Visa", make.loan("Mum"))
    with pytest.raises(NameClash):
        repo.update_family_loan("Mum", make.family_loan("Visa"))
    assert [loan.name for loan in repo.load().loans] == ["Visa"]
    assert [item.lender for item in repo.load().family_loans] == ["Mum"]


def test_an_import_with_names_that_clash_changes_nothing(repo: Repository, make: Any) -> None:
    repo.add_loan(make.loan("Keep"))
    before = repo.load()
    clashing = [
        Household(loans=(make.loan("Visa"), make.loan("VISA"))),
        Household(expenses=(make.expense(NFC_CAFE), make.expense(NFD_CAFE))),
        Household(loans=(make.loan("Mum"),), family_loans=(make.family_loan("mum"),)),
    ]
    for household in clashing:
        with pytest.raises(DuplicateName):
            repo.replace_all(household)
    assert repo.load() == before


def test_update_can_keep_the_name(repo: Repository, make: Any) -> None:
    repo.add_loan(make.loan())
    repo.update_loan("Visa", make.loan(balance="10.00"))
    assert repo.load().loans == (make.loan(balance="10.00"),)


def test_update_replaces_the_whole_document(repo: Repository, db_path: Path, make: Any) -> None:
    repo.add_loan(replace(make.loan(), arrears=make.usd("300.00")))
    repo.update_loan("Visa", make.loan())
    assert raw(db_path)["loans"]["1"]["arrears"] is None
    assert repo.load().loans[0].arrears is None


def test_error_messages_are_one_clear_sentence() -> None:
    messages = [
        str(DuplicateName("loans", "Visa")),
        str(UnknownName("loans", "Visa")),
        str(UnknownName("family_loans", "Mom")),
        str(UnknownName("contacts", "7")),
        str(UnknownName("checkins", "2026-W48")),
        str(DuplicateName("income", "Salary")),
    ]
    assert messages == [
        "a loan named 'Visa' already exists; choose another name or edit that one",
        "there is no loan named 'Visa'",
        "there is no family loan from 'Mom'",
        "there is no contact with id 7",
        "there is no check-in for week '2026-W48'",
        "an income source named 'Salary' already exists; choose another name or edit that one",
    ]
    assert all("\n" not in message for message in messages)


def test_renaming_a_loan_carries_its_history(repo: Repository, make: Any) -> None:
    entry = BalanceEntry("Visa", date(2026, 11, 23), make.usd("4850.00"), "2026-W48")
    family_entry = BalanceEntry("Visa", date(2026, 11, 23), make.usd("5.00"), "x", family=True)
    with repo.transaction():
        repo.add_loan(make.loan("Visa"))
        repo.add_loan(make.loan("Car"))
        repo.add_contact(make.contact("Visa"))
        repo.add_contact(make.contact("Car"))
        repo.put_checkin(make.checkin())
        repo.add_balance_entry(entry)
        repo.add_balance_entry(family_entry)
        repo.save_settings(Settings(strategy=Strategy.CUSTOM, custom_order=("Car", "Visa")))
    repo.update_loan("Visa", make.loan("Visa Gold"))
    household = repo.load()
    assert [c.loan for c in household.contacts] == ["Visa Gold", "Car"]
    assert household.balances == (replace(entry, name="Visa Gold"), family_entry)
    assert household.checkins[0].paid == {"Visa Gold": make.usd("150.00")}
    assert household.settings.custom_order == ("Car", "Visa Gold")


def test_renaming_income_expense_and_family_follows_into_checkins(
    repo: Repository, make: Any
) -> None:
    checkin = replace(
        make.checkin(),
        paid={"Mom": make.usd("50.00")},
        received={"Salary": make.usd("3000.00")},
        spent={"Takeaway": make.usd("80.00")},
    )
    with repo.transaction():
        repo.add_income(make.income("Salary"))
        repo.add_expense(make.expense("Takeaway"))
        repo.add_family_loan(make.family_loan("Mom"))
        repo.put_checkin(checkin)
        repo.add_balance_entry(
            BalanceEntry("Mom", date(2026, 11, 1), make.usd("1950.00"), "w", family=True)
        )
    repo.update_income("Salary", make.income("Pay"))
    repo.update_expense("Takeaway", make.expense("Food out"))
    repo.update_family_loan("Mom", make.family_loan("Mother"))
    household = repo.load()
    stored = household.checkins[0]
    assert stored.paid == {"Mother": make.usd("50.00")}
    assert stored.received == {"Pay": make.usd("3000.00")}
    assert stored.spent == {"Food out": make.usd("80.00")}
    assert household.balances[0].name == "Mother"


def test_removing_a_loan_keeps_its_contacts(repo: Repository, make: Any) -> None:
    repo.add_loan(make.loan())
    repo.add_contact(make.contact())
    repo.remove_loan("Visa")
    assert repo.contacts_for("Visa") == (make.contact(),)


# -- contacts ----------------------------------------------------------------------------------


def test_contacts_by_id(repo: Repository, make: Any) -> None:
    repo.add_loan(make.loan("Visa"))
    repo.add_loan(make.loan("Car"))
    first = repo.add_contact(make.contact("Visa", day=1))
    second = repo.add_contact(make.contact("Car", day=2))
    third = repo.add_contact(make.contact("Visa", day=3))
    assert repo.contacts_for("Visa") == (make.contact("Visa", 1), make.contact("Visa", 3))
    repo.remove_contact(second)
    assert repo.contacts_with_ids() == (
        (first, make.contact("Visa", 1)),
        (third, make.contact("Visa", 3)),
    )
    repo.update_contact(third, make.contact("Visa", day=4))
    assert repo.contacts_for("Visa")[-1].on == date(2026, 11, 4)
    with pytest.raises(UnknownName, match="no contact with id 99"):
        repo.remove_contact(99)
    with pytest.raises(UnknownName):
        repo.update_contact(second, make.contact())


def test_a_removed_contacts_id_is_never_handed_out_again(repo: Repository, make: Any) -> None:
    repo.add_loan(make.loan("Visa"))
    ids = [repo.add_contact(make.contact("Visa", day)) for day in (1, 2, 3)]
    repo.remove_contact(ids[-1])
    fourth = repo.add_contact(make.contact("Visa", 4))
    assert fourth not in ids
    repo.remove_contact(fourth)
    repo.remove_contact(ids[1])
    fifth = repo.add_contact(make.contact("Visa", 5))
    assert fifth > fourth
    with pytest.raises(UnknownName):
        repo.remove_contact(ids[-1])  # the stale id names nothing, not the newest talk
    assert [c.on.day for _, c in repo.contacts_with_ids()] == [1, 5]


def test_imported_contacts_get_ids_never_used_before(repo: Repository, make: Any) -> None:
    repo.add_loan(make.loan("Visa"))
    old_ids = [repo.add_contact(make.contact("Visa", day)) for day in (1, 2)]
    household = repo.load()
    repo.replace_all(household)
    new_ids = [contact_id for contact_id, _ in repo.contacts_with_ids()]
    assert min(new_ids) > max(old_ids)
    assert tuple(c for _, c in repo.contacts_with_ids()) == household.contacts


def test_a_damaged_contact_counter_is_reported(repo: Repository, db_path: Path, make: Any) -> None:
    repo.add_loan(make.loan("Visa"))
    data = raw(db_path)
    data["meta"]["1"]["last_contact_id"] = "seven"
    db_path.write_text(json.dumps(data))
    with pytest.raises(StorageCorrupt, match="last_contact_id"):
        repo.add_contact(make.contact("Visa"))


def test_contact_for_an_unknown_loan_is_refused(repo: Repository, make: Any) -> None:
    with pytest.raises(UnknownName, match="no loan named 'Visa'"):
        repo.add_contact(make.contact("Visa"))


# -- check-ins and balances --------------------------------------------------------------------


def test_put_checkin_replaces_the_same_week(repo: Repository, make: Any) -> None:
    assert repo.put_checkin(make.checkin("2026-W48", "150.00")) is None
    assert repo.put_checkin(make.checkin("2026-W47", "100.00")) is None
    previous = repo.put_checkin(make.checkin("2026-W48", "175.00"))
    assert previous == make.checkin("2026-W48", "150.00")
    weeks = [(c.week, c.paid["Visa"]) for c in repo.load().checkins]
    assert weeks == [("2026-W47", make.usd("100.00")), ("2026-W48", make.usd("175.00"))]
    assert repo.checkin("2026-W48") == make.checkin("2026-W48", "175.00")
    assert repo.checkin("2026-W01") is None
    repo.remove_checkin("2026-W47")
    with pytest.raises(UnknownName, match="no check-in for week '2026-W47'"):
        repo.remove_checkin("2026-W47")


def test_balance_entries_by_source(repo: Repository, make: Any) -> None:
    week48 = BalanceEntry("Visa", date(2026, 11, 23), make.usd("4850.00"), "2026-W48")
    week47 = BalanceEntry("Visa", date(2026, 11, 16), make.usd("5000.00"), "2026-W47")
    repo.add_balance_entry(week47)
    repo.add_balance_entry(week48)
    assert repo.remove_balance_entries("2026-W48") == 1
    assert repo.remove_balance_entries("2026-W48") == 0
    assert repo.load().balances == (week47,)


# -- settings and currency ---------------------------------------------------------------------


def test_settings_round_trip(repo: Repository) -> None:
    settings = Settings(
        currency="CNY",
        locale="zh_CN",
        safety_buffer=Money(50000, "CNY"),
        strategy=Strategy.CUSTOM,
        custom_order=("招商银行", "花呗"),
        theme="debtcoach-light",
    )
    repo.save_settings(settings)
    assert repo.settings() == settings
    assert repo.load().settings == settings


def test_amounts_load_in_the_household_currency(repo: Repository, make: Any) -> None:
    repo.save_settings(Settings(currency="EUR", safety_buffer=Money(0, "EUR")))
    loan = make.loan()
    eur_loan = replace(
        loan,
        balance=Money(loan.balance.minor, "EUR"),
        min_payment=Money(loan.min_payment.minor, "EUR"),
    )
    repo.add_loan(eur_loan)
    assert repo.load().loans == (eur_loan,)


def test_foreign_amount_is_refused(repo: Repository, make: Any, db_path: Path) -> None:
    repo.add_loan(make.loan("Visa"))
    before = db_path.read_bytes()
    loan = replace(make.loan("Euro card"), late_fee=Money(500, "EUR"))
    with pytest.raises(CurrencyMismatch, match=r"in EUR cannot be stored.*in USD"):
        repo.add_loan(loan)
    assert db_path.read_bytes() == before


def test_currency_change_with_other_decimals_is_refused_once_amounts_exist(
    repo: Repository, make: Any
) -> None:
    repo.save_settings(Settings(currency="JPY", safety_buffer=Money(0, "JPY")))  # nothing stored
    repo.save_settings(Settings(currency="USD"))
    repo.add_loan(make.loan())
    with pytest.raises(CurrencyChangeRefused, match="from USD to JPY") as caught:
        repo.save_settings(Settings(currency="JPY", safety_buffer=Money(0, "JPY")))
    assert isinstance(caught.value, StoreInputError)
    repo.save_settings(Settings(currency="EUR", safety_buffer=Money(0, "EUR")))  # same decimals
    assert repo.load().loans[0].balance == Money(500000, "EUR")


# -- transactions ------------------------------------------------------------------------------


def test_transaction_is_one_read_and_one_write(
    repo: Repository, make: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes = count_writes(monkeypatch)
    with repo.transaction():
        for n in range(5):
            repo.add_loan(make.loan(f"L{n}"))
        repo.add_contact(make.contact("L0"))
        repo.put_checkin(make.checkin())
        assert writes == []
    assert writes == [1]
    repo.add_income(make.income())
    assert writes == [1, 1]
    repo.load()
    repo.contacts_for("L0")
    assert writes == [1, 1]


def test_transaction_is_all_or_nothing(repo: Repository, make: Any, db_path: Path) -> None:
    repo.add_loan(make.loan("Visa"))
    before = db_path.read_bytes()
    with pytest.raises(DuplicateName), repo.transaction():
        repo.add_loan(make.loan("Car"))
        repo.remove_loan("Visa")
        repo.add_income(make.income())
        repo.add_income(make.income())  # duplicate: everything above is dropped
    assert db_path.read_bytes() == before
    assert [loan.name for loan in repo.load().loans] == ["Visa"]

    with pytest.raises(RuntimeError), repo.transaction():
        repo.add_loan(make.loan("Car"))
        raise RuntimeError("the user pressed ctrl+c")
    assert db_path.read_bytes() == before


def test_a_caught_error_inside_a_transaction_keeps_the_rest(repo: Repository, make: Any) -> None:
    repo.add_loan(make.loan("Visa"))
    with repo.transaction():
        repo.add_loan(make.loan("Car"))
        with pytest.raises(DuplicateName):
            repo.add_loan(make.loan("Visa"))
    assert [loan.name for loan in repo.load().loans] == ["Visa", "Car"]


def test_transaction_waits_for_another_thread(repo: Repository, make: Any) -> None:
    started, release = threading.Event(), threading.Event()

    def slow() -> None:
        with repo.transaction():
            repo.add_loan(make.loan("First"))
            started.set()
            release.wait(5)

    worker = threading.Thread(target=slow)
    worker.start()
    started.wait(5)
    adder = threading.Thread(target=lambda: repo.add_loan(make.loan("Second")))
    adder.start()
    adder.join(0.2)
    assert adder.is_alive()  # blocked until the first transaction ends
    release.set()
    worker.join(5)
    adder.join(5)
    assert [loan.name for loan in repo.load().loans] == ["First", "Second"]


# -- replace_all -------------------------------------------------------------------------------


def test_replace_all_in_one_write_keeps_created_at(
    repo: Repository, make: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.add_loan(make.loan("Old"))
    created_at = raw(db_path)["meta"]["1"]["created_at"]
    household = Household(
        settings=Settings(strategy=Strategy.SNOWBALL),
        loans=(make.loan("Visa"), make.loan("Car")),
        income=(make.income(),),
        expenses=(make.expense(),),
        family_loans=(make.family_loan(),),
        contacts=(make.contact("Visa"), make.contact("Gone")),
        checkins=(make.checkin("2026-W47"), make.checkin("2026-W48")),
        balances=(BalanceEntry("Visa", date(2026, 11, 1), make.usd("1.00"), "import"),),
    )
    writes = count_writes(monkeypatch)
    repo.replace_all(household)
    assert writes == [1]
    assert repo.load() == household
    assert raw(db_path)["meta"]["1"]["created_at"] == created_at
    assert list(raw(db_path)["loans"]) == ["1", "2"]


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param({"loans": "dup"}, id="duplicate-loan"),
        pytest.param({"family_loans": "dup"}, id="duplicate-family"),
        pytest.param({"checkins": "dup"}, id="duplicate-week"),
        pytest.param({"loans": "eur"}, id="foreign-currency"),
    ],
)
def test_bad_import_changes_nothing(
    repo: Repository, make: Any, db_path: Path, bad: dict[str, str]
) -> None:
    repo.add_loan(make.loan("Kept"))
    before = db_path.read_bytes()
    loans = (make.loan("A"), make.loan("B"))
    family = (make.family_loan("Mom"), make.family_loan("Dad"))
    checkins = (make.checkin("2026-W47"), make.checkin("2026-W48"))
    if bad.get("loans") == "dup":
        loans = (make.loan("A"), make.loan("A"))
    if bad.get("loans") == "eur":
        loans = (replace(make.loan("A"), balance=Money(1, "EUR")),)
    if bad.get("family_loans") == "dup":
        family = (make.family_loan("Mom"), make.family_loan("Mom"))
    if bad.get("checkins") == "dup":
        checkins = (make.checkin("2026-W47"), make.checkin("2026-W47"))
    household = Household(loans=loans, family_loans=family, checkins=checkins)
    with pytest.raises(StoreInputError):
        repo.replace_all(household)
    assert db_path.read_bytes() == before


def test_store_input_errors_are_store_errors() -> None:
    assert issubclass(StoreInputError, StoreError)
    assert issubclass(DuplicateName, StoreInputError)
    assert issubclass(UnknownName, StoreInputError)
    assert issubclass(CurrencyMismatch, StoreInputError)


def test_hand_edited_ids_load_in_id_order(db_path: Path, make: Any) -> None:
    db_path.parent.mkdir(parents=True)
    repo = Repository(db_path)
    repo.add_loan(make.loan("A"))
    repo.add_loan(make.loan("B"))
    data = raw(db_path)
    data["loans"] = {"10": data["loans"]["2"], "9": data["loans"]["1"]}
    db_path.write_text(json.dumps(data))
    assert [loan.name for loan in repo.load().loans] == ["A", "B"]
    repo.add_loan(make.loan("C"))
    assert [loan.name for loan in repo.load().loans] == ["A", "B", "C"]


def test_store_decimal_exactness(repo: Repository, make: Any) -> None:
    loan = replace(make.loan(), apr=Decimal("0.100000"), penalty_apr=Decimal("29.9"))
    repo.add_loan(loan)
    stored = repo.load().loans[0]
    assert str(stored.apr) == "0.100000"
    assert stored.penalty_apr == Decimal("29.9")


def test_sample_household_loads_and_survives_a_rewrite(sample_db: Path) -> None:
    repo = Repository(sample_db)
    household = repo.load()
    assert household.loans and household.checkins and household.contacts
    repo.replace_all(household)
    assert repo.load() == household


def test_the_cli_refuses_a_loan_named_like_a_family_lender(tmp_path: Path) -> None:
    db = tmp_path / "data" / "debtcoach.json"
    lend = ["family", "add", "--lender", "Mum", "--amount", "300", "--borrowed-on", "2026-10-01"]
    assert run_cli(db, *lend).returncode == 0
    add = ["loan", "add", "--kind", "credit_card", "--balance", "500", "--apr", "18",
           "--min-payment", "25", "--name", "MUM"]  # fmt: skip
    refused = run_cli(db, *add)
    assert refused.returncode == 2
    (line,) = refused.stderr.splitlines()
    assert "a family loan from 'Mum' already exists, so a loan cannot be named 'MUM'" in line
    assert run_cli(db, "checkin", "add", "--paid", "Mum=10").returncode == 0
    household = Repository(db).load()
    assert household.loans == ()
    (mum,) = household.family_loans
    assert [r.amount.minor for r in mum.repayments] == [1000]
