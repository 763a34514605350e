"""A data file is read through the same record rules as input: a value no door lets in makes the
file damaged (exit 1, one line naming the value and the newest good backup, the file untouched),
never "unexpected error" and never a plan built on it. And what the app itself writes (a removed
loan's check-ins and contacts) always reads back and imports again."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.runner import run

Edit = Callable[[dict[str, Any]], None]


def loan_field(name: str, value: object) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        data["loans"]["1"][name] = value

    return edit


def setting(name: str, value: object) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        data["meta"]["1"][name] = value

    return edit


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "debtcoach.json"
    for name, kind in (("Visa", "credit_card"), ("Car", "car")):
        assert run(path, "loan", "add", "--name", name, "--kind", kind, "--balance", "500",
                   "--apr", "18", "--min-payment", "25") == 0  # fmt: skip
    return path


BROKEN = {
    "negative balance": (loan_field("balance", -5), "balance: must not be negative"),
    "negative APR": (loan_field("apr", "-3"), "apr: -3% is out of range"),
    "APR 1e9": (loan_field("apr", "1e9"), "apr: 1e+9% is out of range"),
    "5000-digit APR": (loan_field("apr", "9" * 5000), "apr: 1.00000e+5000% is out of range"),
    "due day 99": (loan_field("due_day", 99), "due_day: 99 is out of range"),
    "negative payment": (loan_field("min_payment", -1), "min_payment: must not be negative"),
    "duplicate name": (loan_field("name", "Car"), "name: two rows have this name"),
    "bad week": (
        lambda data: data.setdefault("checkins", {}).update(
            {"1": {"week": "not-a-week", "on": "2026-11-20", "paid": {}}}
        ),
        "week:",
    ),
    "negative check-in payment": (
        lambda data: data.setdefault("checkins", {}).update(
            {"1": {"week": "2026-W47", "on": "2026-11-20", "paid": {"Visa": -1}}}
        ),
        "checkins '2026-W47': paid: an amount is negative or too large",
    ),
    "check-in income past 10^12": (
        lambda data: data.setdefault("checkins", {}).update(
            {
                "1": {"week": "2026-W46", "on": "2026-11-13", "paid": {"Visa": 100}},
                "2": {"week": "2026-W47", "on": "2026-11-20", "received": {"Pay": 10**14 + 1}},
            }
        ),
        "checkins '2026-W47': paid: an amount is negative or too large",
    ),
    "unknown currency": (setting("currency", "XXXX"), "currency: unknown currency code 'XXXX'"),
    "bogus locale": (setting("locale", "zz_bogus"), "locale: unknown locale 'zz_bogus'"),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_a_file_breaking_a_record_rule_is_damaged(
    db: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    edit, message = BROKEN[case]
    data = json.loads(db.read_text())
    edit(data)
    db.write_text(json.dumps(data))
    before = db.read_bytes()
    capsys.readouterr()
    assert run(db, "loan", "list") == 1
    err = capsys.readouterr().err
    assert message in err
    assert "cannot be read" in err and "left untouched" in err
    assert "the newest good backup is" in err and "debtcoach restore" in err
    assert "unexpected error" not in err
    assert len(err.strip().splitlines()) == 1
    assert run(db, "loan", "add", "--name", "New", "--kind", "other", "--balance", "1",
               "--apr", "1", "--min-payment", "1") == 1  # fmt: skip
    assert db.read_bytes() == before


def test_what_an_older_version_allowed_still_opens(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A control character in a lender (shown as an escape) and names that differ only in case
    were let in before: such a file opens, though no door lets them in now."""
    data = json.loads(db.read_text())
    data["loans"]["1"]["lender"] = "Bank\x1b]0;x"
    data["loans"]["2"]["name"] = "visa"
    db.write_text(json.dumps(data))
    capsys.readouterr()
    assert run(db, "loan", "list") == 0
    assert "visa  car" in capsys.readouterr().out


def test_a_removed_loans_check_ins_and_contacts_read_back_and_import_again(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db, "checkin", "add", "--paid", "Car=5") == 0
    assert run(db, "contact", "add", "--loan", "Car", "--channel", "phone", "--outcome",
               "asked", "--date", "2026-11-20") == 0  # fmt: skip
    assert run(db, "loan", "remove", "Car") == 0
    assert run(db, "checkin", "list") == 0
    exported = tmp_path / "export.json"
    assert run(db, "export", "-o", str(exported)) == 0
    again = tmp_path / "again.json"
    capsys.readouterr()
    assert run(again, "import", str(exported)) == 0, capsys.readouterr().err
    data = json.loads(exported.read_text())
    removed = [b for b in data["balances"] if b["source"] == "removed"]
    assert [(b["name"], b["balance"]) for b in removed] == [("Car", "0.00")]


def test_an_import_still_refuses_a_contact_about_a_loan_it_never_had(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db, "contact", "add", "--loan", "Car", "--channel", "phone", "--outcome",
               "asked", "--date", "2026-11-20") == 0  # fmt: skip
    exported = tmp_path / "export.json"
    assert run(db, "export", "-o", str(exported)) == 0
    data = json.loads(exported.read_text())
    data["contacts"][0]["loan"] = "Nobody"
    exported.write_text(json.dumps(data))
    capsys.readouterr()
    assert run(tmp_path / "other.json", "import", str(exported)) == 2
    assert "there is no loan called 'Nobody'" in capsys.readouterr().err


def test_a_number_too_long_for_python_to_read_is_damaged(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Money is stored as a JSON integer; one of 5000 digits is past what Python's int() reads
    (4300 digits), so the file is damaged like any other, never "unexpected error"."""
    data = json.loads(db.read_text())
    data["loans"]["1"]["balance"] = "BALANCE"
    db.write_text(json.dumps(data).replace('"BALANCE"', "9" * 5000))
    before = db.read_bytes()
    capsys.readouterr()
    assert run(db, "loan", "list") == 1
    err = capsys.readouterr().err
    assert "a number in it is too long to be ours" in err
    assert "the newest good backup is" in err and "unexpected error" not in err
    assert len(err.strip().splitlines()) == 1
    assert db.read_bytes() == before


def refused_import(
    db: Path,
    tmp_path: Path,
    edit: Callable[[dict[str, Any]], object],
    capsys: pytest.CaptureFixture[str],
    *,
    raw: Callable[[str], str] = lambda text: text,
) -> str:
    """Export `db`, `edit` the export's data (and `raw` its text), import it back: refused
    (exit 2) with the file unchanged; what it said on stderr."""
    exported = tmp_path / "export.json"
    assert run(db, "export", "-o", str(exported)) == 0
    data = json.loads(exported.read_text())
    edit(data)
    exported.write_text(raw(json.dumps(data)))
    before = db.read_bytes()
    capsys.readouterr()
    assert run(db, "import", str(exported)) == 2
    assert db.read_bytes() == before
    return capsys.readouterr().err


def test_an_import_with_a_number_too_long_to_read_is_bad_input(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused_import(
        db,
        tmp_path,
        lambda data: data["loans"][0].update(balance="BALANCE"),
        capsys,
        raw=lambda text: text.replace('"BALANCE"', "9" * 5000),
    )
    exported = tmp_path / "export.json"
    assert err == f"debtcoach: import: {exported} holds a number too long to be an export\n"


FUTURE_CHECKINS = {
    "a week not begun": (
        {"week": "2027-W10"},
        "checkins '2027-W10': week: week 2027-W10 has not started yet (this week is 2026-W48)",
    ),
    "a date after today": (
        {"week": "2026-W47", "date": "2027-01-01"},
        "checkins '2026-W47': date: 2027-01-01 is after today (2026-11-23)",
    ),
}


@pytest.mark.parametrize("case", FUTURE_CHECKINS, ids=list(FUTURE_CHECKINS))
def test_an_import_refuses_a_check_in_no_door_would_write(
    db: Path, tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`checkin add --week` refuses a week after this one and dates a check-in no later than
    today; an import holding such a check-in is refused with the same words."""
    assert run(db, "checkin", "add", "--paid", "Car=5") == 0
    capsys.readouterr()
    assert run(db, "checkin", "add", "--week", "2027-W10", "--paid", "Car=5") == 2
    assert "week 2027-W10 has not started yet" in capsys.readouterr().err
    changes, message = FUTURE_CHECKINS[case]
    err = refused_import(db, tmp_path, lambda data: data["checkins"][0].update(changes), capsys)
    assert err == f"debtcoach: nothing was imported: {message}\n"


def test_an_import_refuses_terms_agreed_after_today(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`restructure --agree` dates the terms today (the installments fall due after that day);
    an import of terms agreed on a day still to come is refused."""
    assert run(db, "restructure", "Car", "--installments", "12", "--agree") == 0

    def agreed_later(data: dict[str, Any]) -> None:
        car = next(loan for loan in data["loans"] if loan["name"] == "Car")
        assert car["restructure"]["agreed_on"] == "2026-11-23"
        car["restructure"]["agreed_on"] = "2027-05-01"

    assert refused_import(db, tmp_path, agreed_later, capsys) == (
        "debtcoach: nothing was imported: loans 'Car': restructure: 2027-05-01 is after today"
        " (2026-11-23)\n"
    )


IMPORT_REFUSALS = {
    "a check-in paying an unknown name": (
        lambda d: d["checkins"][0]["paid"].update({"Nobody": "5.00"}),
        "checkins '2026-W48': paid: names 'Nobody', not a loan or lender",
    ),
    "a contact about a loan that does not exist": (
        lambda d: d["contacts"][0].update(loan="Nobody"),
        "contacts 'Nobody 2026-11-20': loan: there is no loan called 'Nobody'",
    ),
    "repayments above the amount borrowed": (
        lambda d: d["family"][0]["repayments"].append({"date": "2026-11-01", "amount": "400.00"}),
        "family_loans 'Mum': amount: 300.00 is less than the 400.00 already repaid",
    ),
    "a repayment after today": (
        lambda d: d["family"][0]["repayments"].append({"date": "2026-12-20", "amount": "10.00"}),
        "family_loans 'Mum': repayments: 2026-12-20 is after today (2026-11-23)",
    ),
    "borrowing after today": (
        lambda d: d["family"][0].update(borrowed_on="2026-12-20"),
        "family_loans 'Mum': borrowed_on: 2026-12-20 is after today (2026-11-23)",
    ),
    "a contact after today": (
        lambda d: d["contacts"][0].update(date="2027-01-01"),
        "contacts 'Car 2027-01-01': date: 2027-01-01 is after today (2026-11-23)",
    ),
    "agreed terms of 600 x 0.00": (
        lambda d: d["loans"][1].update(
            status="restructured",
            restructure={"mode": "annuity", "installments": 600, "installment": "0.00",
                         "last_installment": "0.00", "balance": "500.00", "fee_rate": None,
                         "state": "agreed", "agreed_on": "2026-11-01"},
        ),
        "loans 'Car': restructure: an installment of 0.00 never repays 500.00",
    ),
    "a custom order naming no loan": (
        lambda d: d["settings"].update(strategy="custom", custom_order=["Nobody"]),
        "settings 'settings': custom_order: names 'Nobody', not a loan",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", IMPORT_REFUSALS, ids=list(IMPORT_REFUSALS))
def test_an_import_refuses_what_the_command_line_refuses(
    db: Path, tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db, "family", "add", "--lender", "Mum", "--amount", "300",
               "--borrowed-on", "2026-10-01") == 0  # fmt: skip
    assert run(db, "checkin", "add", "--paid", "Car=5") == 0
    assert run(db, "contact", "add", "--loan", "Car", "--channel", "phone", "--outcome",
               "asked", "--date", "2026-11-20") == 0  # fmt: skip
    change, message = IMPORT_REFUSALS[case]
    err = refused_import(db, tmp_path, change, capsys)
    assert err == f"debtcoach: nothing was imported: {message}\n"
