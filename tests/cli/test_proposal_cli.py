"""`debtcoach proposal` and `restructure --propose/--agree/--refuse` as scripts see them."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from debtcoach.domain.models import RestructureMode
from debtcoach.domain.money import format_money
from debtcoach.domain.restructure import CREDIT_CARD_LIMIT_REASON, quote_restructure
from debtcoach.store.repository import Repository
from tests.cli.runner import run


def line_value(letter: str, label: str) -> str:
    match = re.search(rf"^- {re.escape(label)}: (\S+)", letter, re.MULTILINE)
    assert match, f"no line {label!r}"
    return match.group(1)


@pytest.mark.parametrize(
    ("args", "mode", "fee"),
    [
        (["--installments", "36"], RestructureMode.ANNUITY, "0"),
        (["--installments", "60"], RestructureMode.ANNUITY, "0"),
        (
            ["--installments", "24", "--mode", "flat_fee", "--fee-rate", "0.75"],
            RestructureMode.FLAT_FEE,
            "0.75",
        ),
    ],
)
def test_letter_figures_equal_the_calculators(
    sample_db: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    mode: RestructureMode,
    fee: str,
) -> None:
    assert run(sample_db, "proposal", "Visa", *args) == 0
    letter = capsys.readouterr().out
    loan = Repository(sample_db).load().loan("Visa")
    assert loan is not None
    quote = quote_restructure(loan, int(args[1]), mode, Decimal(fee))
    assert line_value(letter, "Installment") == format_money(quote.installment)
    assert line_value(letter, "Last installment") == format_money(quote.last_installment)
    assert line_value(letter, "Total repaid") == format_money(quote.total_paid)
    assert line_value(letter, "Number of months") == str(quote.installments)
    # … and equal what `restructure --json` prints for the same request
    assert run(sample_db, "restructure", "Visa", *args, "--json") == 0
    quoted = json.loads(capsys.readouterr().out)
    assert line_value(letter, "Installment") == f"${Decimal(quoted['installment']):,}"
    assert line_value(letter, "Total repaid") == f"${Decimal(quoted['total_paid']):,}"


def test_letter_to_a_file(
    sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "letter.md"
    assert run(sample_db, "proposal", "Visa", "--installments", "36", "-o", str(out)) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    text = out.read_text(encoding="utf-8")
    assert out.stat().st_mode & 0o777 == 0o600  # it holds the household budget
    assert text.startswith("[your name]\n")
    assert "Dear Harbor Bank," in text
    assert "overdue since August 20, 2026" in text
    # QuickCash was opened after Visa went overdue: the letter must not claim no new borrowing
    assert "new loan" not in text


def test_unknown_loan_exits_2_and_writes_nothing(
    sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sample_db.read_bytes()
    out = tmp_path / "letter.md"
    assert run(sample_db, "proposal", "Nope", "--installments", "12", "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Nope" in err
    assert not out.exists()
    assert sample_db.read_bytes() == before


def test_more_than_60_for_a_card_exits_2_with_the_reason(
    sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "letter.md"
    assert run(sample_db, "proposal", "Visa", "--installments", "61", "-o", str(out)) == 2
    assert CREDIT_CARD_LIMIT_REASON in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--installments", "0"],
        ["--installments", "x"],
        ["--installments", "12", "--fee-rate", "1"],  # fee rate without flat_fee
        ["--installments", "12", "--mode", "balloon"],
    ],
)
def test_bad_input_exits_2(
    sample_db: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    assert run(sample_db, "proposal", "Visa", *args) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
