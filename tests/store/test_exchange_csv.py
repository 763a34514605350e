"""The CSV export opens in a spreadsheet as data: no formula cell, no split row, no raw escape."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from debtcoach.cli import main
from debtcoach.domain.models import (
    BalanceEntry,
    Channel,
    CheckIn,
    Contact,
    Expense,
    FamilyLoan,
    Frequency,
    Household,
    IncomeKind,
    IncomeSource,
    Loan,
    LoanKind,
    Settings,
)
from debtcoach.domain.money import Money
from debtcoach.domain.text_rules import is_control
from debtcoach.store.exchange import household_to_csv

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = ["=1+1", "@SUM(A1)", "+cmd", "-2", "\t=x", "\r=x", "two\nlines", "  =1+1", "\x1b]0;x\x07"]


def usd(minor: int) -> Money:
    return Money(minor, "USD")


def hostile_household(text: str) -> Household:
    """A household whose every text field (names too: an old file may hold anything) is `text`."""
    return Household(
        settings=Settings(custom_order=(text,), theme=text),
        loans=(
            Loan(
                name=text,
                kind=LoanKind.CREDIT_CARD,
                balance=usd(123456),
                apr=Decimal("19.99"),
                min_payment=usd(15000),
                lender=text,
                purpose=text,
            ),
        ),
        income=(IncomeSource(text, IncomeKind.SIDE, usd(9000), Frequency.WEEKLY, notes=text),),
        expenses=(Expense(text, usd(30000), usd(10000)),),
        family_loans=(
            FamilyLoan(
                lender=text,
                amount=usd(200000),
                borrowed_on=date(2026, 3, 1),
                relationship=text,
                notes=text,
            ),
        ),
        contacts=(
            Contact(text, date(2026, 11, 2), Channel.PHONE, who=text, asked=text, outcome=text),
        ),
        checkins=(CheckIn("2026-W48", date(2026, 11, 23), paid={text: usd(15000)}, note=text),),
        balances=(BalanceEntry(text, date(2026, 11, 23), usd(108456), source=text),),
    )


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("text", HOSTILE)
def test_no_cell_of_a_hostile_household_is_a_formula(text: str) -> None:
    rows = read_csv(household_to_csv(hostile_household(text)))
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_START), row
            assert not cell.lstrip().startswith(FORMULA_START), row


@pytest.mark.parametrize("text", HOSTILE)
def test_a_hostile_text_never_splits_a_row(text: str) -> None:
    exported = household_to_csv(hostile_household(text))
    rows = read_csv(exported)
    plain_rows = read_csv(household_to_csv(hostile_household("Plain")))
    assert len(rows) == len(plain_rows)
    assert all(len(row) == 4 for row in rows)
    assert [row[0] for row in rows] == [row[0] for row in plain_rows]
    assert [row[2] for row in rows] == [row[2] for row in plain_rows]


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+cmd", "'+cmd"),
        ("-2", "'-2"),
        ("  =1+1", "'  =1+1"),
        ("\t=x", "\\t=x"),  # the tab is shown as the two characters \t, which is no formula
        ("\r=x", "\\r=x"),
        ("two\nlines", "two\nlines"),
        ("Harbor Bank", "Harbor Bank"),
    ],
)
def test_every_text_is_exported_as_itself(text: str, cell: str) -> None:
    rows = read_csv(household_to_csv(hostile_household(text)))
    assert [row[3] for row in rows if row[0] == "loans" and row[2] == "lender"] == [cell]


def test_control_characters_are_exported_visibly_and_line_breaks_stay_quoted() -> None:
    exported = household_to_csv(hostile_household("\x1b]0;x\x07 \x85 \ud800"))
    assert not any(is_control(c) and c not in "\r\n" for c in exported)
    exported.encode("utf-8")  # a lone surrogate would raise here
    assert "\\x1b]0;x\\x07 \\x85 \\ud800" in exported
    note = household_to_csv(hostile_household("first\nsecond"))
    assert '"first\nsecond"' in note
    assert note.endswith("\r\n")


def test_numbers_debtcoach_wrote_stay_numbers() -> None:
    household = hostile_household("-2")
    rows = read_csv(household_to_csv(household))
    value = {(row[0], row[2]): row[3] for row in rows}
    assert value["loans", "balance"] == "1234.56"
    assert value["loans", "apr"] == "19.99"
    assert value["loans", "lender"] == "'-2"
    # A negative amount is not in our data today; if one ever is, it stays a number.
    negative = Household(loans=(Loan("Visa", LoanKind.OTHER, usd(-1250), Decimal(0), usd(0)),))
    rows = read_csv(household_to_csv(negative))
    assert ["loans", "Visa", "balance", "-12.50"] in rows


def test_the_cli_export_has_no_formula_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "debtcoach.json"
    hostile = ["--lender", '=HYPERLINK("http://evil")', "--purpose", "@SUM(A1)"]
    args = ["--kind", "car", "--balance", "100", "--apr", "5", "--min-payment", "10"]
    assert main(["--db", str(db), "loan", "add", "--name", "-2", *args, *hostile]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "export", "--format", "csv"]) == 0
    rows = read_csv(capsys.readouterr().out)
    assert ["loans", "'-2", "lender", '\'=HYPERLINK("http://evil")'] in rows
    for row in rows:
        assert not any(cell.startswith(FORMULA_START) for cell in row), row
