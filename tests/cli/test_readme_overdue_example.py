"""The README's overdue example: its exact commands, and its table against `plan --json`.

The commands and the table are read from README.md, so the two cannot drift apart; the numbers
themselves are hand-checked in tests/domain/test_payoff_overdue.py
(`test_readme_example_first_four_months_by_hand`).
"""

from __future__ import annotations

import json
import re
import shlex
from decimal import Decimal
from pathlib import Path

import pytest

from debtcoach.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"
TODAY = "2026-12-01"


def section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## An overdue example")
    return text[start : text.index("\n## ", start + 1)]


def commands() -> list[list[str]]:
    block = re.search(r"```sh\n(.*?)```", section(), re.S)
    assert block is not None
    joined = block.group(1).replace("\\\n", " ")
    return [shlex.split(line) for line in joined.splitlines() if line.strip()]


def table() -> list[dict[str, str]]:
    rows = [line for line in section().splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    return [
        dict(zip(header, (cell.strip() for cell in row.strip("|").split("|")), strict=True))
        for row in rows[2:]
    ]


def money(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def test_the_readme_commands_give_the_readme_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "example.json"
    found = commands()
    assert [c[:3] for c in found][:2] == [["debtcoach", "loan", "add"]] * 2
    for command in found:
        assert command[0] == "debtcoach"
        assert main(["--db", str(db), "--today", TODAY, *command[1:]]) == 0, command
    capsys.readouterr()
    assert main(["--db", str(db), "--today", TODAY, "plan", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)

    rows = table()
    assert len(rows) == 4
    owed = {"Card": Decimal("3000.00"), "Platform": Decimal("1200.00")}
    for row, month in zip(rows, plan["schedule"][:4], strict=True):
        assert row["Month"] == month["date"]
        payments = {name: money(v) for name, v in month["payments"].items()}
        assert money(row["Budget"]) == sum(payments.values())  # every cent goes to the debts
        fees = {name: money(v) for name, v in month["fees"].items()}
        for name in ("Card", "Platform"):
            paid, owes = money(row[f"{name} paid"]), money(row[f"{name} owes"])
            fee = money(row.get(f"{name} fee", "0"))
            assert paid == payments.get(name, 0)
            assert owes == money(month["balances"][name])
            assert fee == fees.get(name, 0)
            # The interest column is what makes last month's balance this month's.
            assert owed[name] + money(row[f"{name} interest"]) + fee - paid == owes
            owed[name] = owes
        past_due = row["Card past due"]
        if past_due == "—":
            assert "Card" not in month["arrears"]
        else:
            assert money(past_due) == money(month["arrears"]["Card"])

    text = " ".join(section().split())
    assert plan["debt_free"] == "2027-08" and "Debt-free in August 2027 (8 months)" in text
    assert f"{plan['total_interest']} of interest and {plan['total_fees']} of late fees" in text
    card = next(loan for loan in plan["loans"] if loan["name"] == "Card")
    assert card["caught_up_date"] == "2027-01"
    assert plan["minimum_only"]["months"] is None  # "the card is never current"


def test_loan_list_shows_the_apr_and_the_penalty_in_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "example.json"
    for command in commands()[:2]:
        assert main(["--db", str(db), "--today", TODAY, *command[1:]]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "--today", TODAY, "loan", "list"]) == 0
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()[2:]}
    assert "18% (penalty 30%)" in rows["Card"]
    assert " 24% " in rows["Platform"]  # not behind: its APR alone
