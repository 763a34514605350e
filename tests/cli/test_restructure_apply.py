"""Marking a restructure proposed / agreed / refused, and what an agreed one does to the plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debtcoach.domain.models import LoanStatus, ProposalState
from debtcoach.store.repository import Repository
from tests.cli.runner import run


def plan_json(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    capsys.readouterr()
    assert run(db, "plan", "--json", *args) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_agreed_restructure_follows_the_convention(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The restructured loan pays its installment every month and clears with the last one.

    A second loan at a higher rate takes everything above the installments (avalanche), so the
    card gets exactly what its terms say: month k pays the installment, month n the last one.
    """
    db = tmp_path / "d.json"
    assert run(db, "loan", "add", "--name", "Visa", "--kind", "credit_card", "--balance",
               "5200", "--apr", "19.99", "--penalty-apr", "29.99", "--min-payment", "156",
               "--overdue-since", "2026-08-20") == 0  # fmt: skip
    assert run(db, "loan", "add", "--name", "Payday", "--kind", "online_platform", "--balance",
               "20000", "--apr", "36", "--min-payment", "10") == 0  # fmt: skip
    capsys.readouterr()
    assert run(db, "restructure", "Visa", "--installments", "36", "--agree", "--json") == 0
    quote = json.loads(capsys.readouterr().out)
    loan = Repository(db).load().loan("Visa")
    assert loan is not None and loan.is_restructured and loan.status == LoanStatus.RESTRUCTURED
    assert loan.restructure is not None and loan.restructure.state == ProposalState.AGREED

    plan = plan_json(db, capsys, "--budget", "1000")
    schedule = plan["schedule"]
    visa_paid = [m["payments"].get("Visa") for m in schedule[:36]]
    assert visa_paid[:35] == [quote["installment"]] * 35
    assert visa_paid[35] == quote["last_installment"]
    assert schedule[35]["balances"]["Visa"] == "0.00"
    assert "Visa" not in schedule[36]["payments"]
    visa = next(d for d in plan["loans"] if d["name"] == "Visa")
    assert visa["payoff_month"] == 36 and visa["paid"] == quote["total_paid"]
    # interest at the agreed rate (19.99 %), not the penalty rate: month 1 = 5200 × 19.99/1200
    assert schedule[0]["balances"]["Visa"] == "5093.40"  # 5200 + 86.62 − 193.22


def test_agreed_flat_fee_plan_follows_the_convention(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Flat fee: the fee (balance × rate) is charged each month instead of interest."""
    db = tmp_path / "d.json"
    assert run(db, "loan", "add", "--name", "Card", "--kind", "credit_card", "--balance",
               "3000", "--apr", "24", "--min-payment", "90") == 0  # fmt: skip
    assert run(db, "loan", "add", "--name", "Payday", "--kind", "online_platform", "--balance",
               "20000", "--apr", "36", "--min-payment", "10") == 0  # fmt: skip
    capsys.readouterr()
    assert run(db, "restructure", "Card", "--installments", "24", "--mode", "flat_fee",
               "--fee-rate", "0.6", "--agree", "--json") == 0  # fmt: skip
    quote = json.loads(capsys.readouterr().out)
    assert quote["installment"] == "143.00"  # 3000/24 + 3000 × 0.6 % = 125 + 18
    plan = plan_json(db, capsys, "--budget", "1000")
    schedule = plan["schedule"]
    assert [m["payments"]["Card"] for m in schedule[:24]] == ["143.00"] * 23 + [
        quote["last_installment"]
    ]
    assert schedule[0]["balances"]["Card"] == "2875.00"  # 3000 + 18 − 143
    assert schedule[23]["balances"]["Card"] == "0.00"
    card = next(d for d in plan["loans"] if d["name"] == "Card")
    assert card["payoff_month"] == 24 and card["paid"] == quote["total_paid"] == "3432.00"


def test_proposed_and_refused_do_not_change_the_plan(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = plan_json(sample_db, capsys)
    assert run(sample_db, "restructure", "Visa", "--installments", "48", "--propose") == 0
    loan = Repository(sample_db).load().loan("Visa")
    assert loan is not None and loan.status == LoanStatus.NEGOTIATING
    assert loan.restructure is not None and loan.restructure.state == ProposalState.PROPOSED
    assert plan_json(sample_db, capsys) == before
    assert run(sample_db, "restructure", "Visa", "--installments", "48", "--refuse") == 0
    loan = Repository(sample_db).load().loan("Visa")
    assert loan is not None and loan.status == LoanStatus.OVERDUE
    assert loan.restructure is not None and loan.restructure.state == ProposalState.REFUSED
    assert plan_json(sample_db, capsys) == before


def test_agreed_changes_the_sample_plan(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = plan_json(sample_db, capsys)
    assert run(sample_db, "restructure", "Visa", "--installments", "60", "--agree") == 0
    after = plan_json(sample_db, capsys)
    assert after != before
    # 60 installments: the card's month-1 interest is at 19.99 %, not the 29.99 % penalty rate
    assert after["schedule"][0]["balances"]["Visa"] != before["schedule"][0]["balances"]["Visa"]


def test_only_one_mark_at_a_time(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sample_db.read_bytes()
    assert run(sample_db, "restructure", "Visa", "--installments", "12", "--agree", "--refuse") == 2
    assert sample_db.read_bytes() == before
    assert run(sample_db, "restructure", "Visa", "--installments", "61", "--agree") == 2
    assert sample_db.read_bytes() == before
