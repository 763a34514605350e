"""`debtcoach checkin add/list`: the scripting contract of the weekly check-in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debtcoach.store.repository import Repository
from tests.cli.runner import TODAY, run


def balances(db: Path) -> dict[str, int]:
    household = Repository(db).load()
    result = {loan.name: loan.balance.minor for loan in household.loans}
    result.update({f"family:{f.lender}": f.balance.minor for f in household.family_loans})
    return result


def test_add_applies_payments_and_prints_a_summary(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = balances(sample_db)
    code = run(sample_db, "checkin", "add", "--paid", "Visa=156", "--paid", "Mum=50.50",
               "--received", "Salary=2650", "--spent", "Groceries=101.25",
               "--note", "calm week")  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert out.startswith("Checked in 2026-W48.")
    assert "Total owed:" in out and "down $206.50" in out
    assert "Streak: 13 weeks in a row" in out
    after = balances(sample_db)
    assert after["Visa"] == before["Visa"] - 15_600
    assert after["family:Mum"] == before["family:Mum"] - 5_050
    household = Repository(sample_db).load()
    week = household.checkins[-1]
    assert (week.week, week.on.isoformat(), week.note) == ("2026-W48", TODAY, "calm week")
    assert {e.name for e in household.balances if e.source == "checkin:2026-W48"} >= {"Visa", "Mum"}


def test_list_json_carries_week_and_fields(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(sample_db, "checkin", "add", "--paid", "Car loan=245", "--borrowed", "yes") == 0
    capsys.readouterr()
    assert run(sample_db, "checkin", "list", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["week"] for r in rows][-3:] == ["2026-W46", "2026-W47", "2026-W48"]
    last = rows[-1]
    assert last["paid"] == {"Car loan": "245.00"}
    assert last["borrowed"] is True
    assert {"week", "date", "paid", "received", "spent", "borrowed", "note"} <= last.keys()
    assert run(sample_db, "checkin", "list") == 0
    text = capsys.readouterr().out
    assert "2026-W48" in text and "$245.00" in text


def test_borrowed_yes_makes_the_coach_say_stop_lending(
    empty_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(empty_db, "loan", "add", "--name", "Visa", "--kind", "credit_card", "--balance",
               "1000", "--apr", "20", "--min-payment", "50") == 0  # fmt: skip
    assert run(empty_db, "checkin", "add", "--borrowed", "yes") == 0
    capsys.readouterr()
    assert run(empty_db, "coach", "--json") == 0
    rules = [a["rule"] for a in json.loads(capsys.readouterr().out)]
    assert rules[0] == "stop-lending"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--paid", "Nope=10"], "'Nope' is not a loan or a family lender"),
        (["--received", "Lottery=10"], "'Lottery' is not an income source"),
        (["--spent", "Yachts=10"], "'Yachts' is not an expense"),
        (["--paid", "Visa"], "--paid: 'Visa' is not NAME=AMOUNT"),
        (["--paid", "Visa=1.234"], "too many decimals"),
        (["--paid", "Visa=-5"], "must not be negative"),
        (["--paid", "Visa=1", "--paid", "Visa=2"], "given twice"),
        (["--week", "2026-W54"], "does not exist"),
        (["--week", "2026-W49"], "has not started yet"),
        (["--borrowed", "maybe"], "invalid choice"),
        (["--paid", "Visa=5200.01"], "paid Visa: $5,200.01 is more than the $5,200.00 still owed"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    sample_db: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = sample_db.read_bytes()
    assert run(sample_db, "checkin", "add", "--paid", "Car loan=1", *args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert sample_db.read_bytes() == before


def test_unknown_name_after_valid_payments_writes_nothing(sample_db: Path) -> None:
    before = sample_db.read_bytes()
    assert run(sample_db, "checkin", "add", "--paid", "Visa=100", "--paid", "Mum=10",
               "--spent", "Nothing=1") == 2  # fmt: skip
    assert sample_db.read_bytes() == before


def test_replacing_a_week_reapplies_exactly(sample_db: Path) -> None:
    start = balances(sample_db)
    assert run(sample_db, "checkin", "add", "--paid", "Visa=156", "--paid", "Mum=100") == 0
    assert run(sample_db, "checkin", "add", "--paid", "Visa=99.99", "--paid", "Li Wei=20") == 0
    after = balances(sample_db)
    assert after["Visa"] == start["Visa"] - 9_999
    assert after["family:Mum"] == start["family:Mum"]
    assert after["family:Li Wei"] == start["family:Li Wei"] - 2_000
    household = Repository(sample_db).load()
    assert [c.week for c in household.checkins].count("2026-W48") == 1
    mum = household.family_loan("Mum")
    assert mum is not None and len(mum.repayments) == 1  # the sample's own repayment only


def test_correcting_a_past_week_keeps_its_date(sample_db: Path) -> None:
    start = balances(sample_db)
    old = Repository(sample_db).checkin("2026-W46")
    assert old is not None and old.paid == {"Visa": old.paid["Visa"]}
    assert run(sample_db, "checkin", "add", "--week", "2026-W46", "--paid", "Visa=120") == 0
    after = balances(sample_db)
    assert after["Visa"] == start["Visa"] + old.paid["Visa"].minor - 12_000
    new = Repository(sample_db).checkin("2026-W46")
    assert new is not None and new.on == old.on


def test_paying_off_a_loan_closes_it_and_a_correction_reopens_it(sample_db: Path) -> None:
    assert run(sample_db, "checkin", "add", "--paid", "Visa=5200") == 0
    visa = Repository(sample_db).load().loan("Visa")
    assert visa is not None and visa.status.value == "paid_off" and visa.balance.minor == 0
    assert run(sample_db, "checkin", "add", "--paid", "Visa=5199.99") == 0
    visa = Repository(sample_db).load().loan("Visa")
    assert visa is not None and visa.status.value == "overdue" and visa.balance.minor == 1


def test_streak_across_week_53(empty_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(empty_db, "checkin", "add", today="2026-12-24") == 0  # 2026-W52
    assert run(empty_db, "checkin", "add", today="2026-12-31") == 0  # 2026-W53
    capsys.readouterr()
    assert run(empty_db, "checkin", "add", today="2027-01-05") == 0  # 2027-W01
    out = capsys.readouterr().out
    assert "Checked in 2027-W01." in out
    assert "Streak: 3 weeks in a row" in out
    weeks = [c.week for c in Repository(empty_db).load().checkins]
    assert weeks == ["2026-W52", "2026-W53", "2027-W01"]
