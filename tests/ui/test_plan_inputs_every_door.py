"""The version-2 inputs (a promotion, dated and one-off income, an earmark) through every door.

Each rule of `record_rules` about them is fed through the CLI, the form (real keys, 80x24) and
`import`: each door refuses with the same message, at the same field, and writes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Select

from debtcoach.cli import main
from debtcoach.domain.models import Frequency, LoanStatus
from debtcoach.domain.money import Money
from debtcoach.store.repository import Repository
from debtcoach.ui.screens.income import IncomeScreen
from debtcoach.ui.screens.loans import LoansScreen
from debtcoach.ui.widgets.forms import RecordForm
from tests.conftest import TODAY, make_app
from tests.ui.list_pilot import fill, keys_in_order, open_screen

SIZE = (80, 24)
LOAN = ["--name", "Card", "--kind", "credit_card", "--balance", "1000", "--apr", "18",
        "--min-payment", "50"]  # fmt: skip
SALARY = ["--name", "Salary", "--kind", "regular", "--amount", "2000", "--frequency", "monthly"]


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), "--today", TODAY.isoformat(), *args])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """One card, one salary, and a paid-off loan a one-off cannot be earmarked for."""
    path = tmp_path / "d.json"
    assert run(path, "loan", "add", *LOAN) == 0
    assert run(path, "loan", "add", "--name", "Old", "--kind", "other", "--balance", "0",
               "--apr", "5", "--min-payment", "10") == 0  # fmt: skip
    assert run(path, "income", "add", *SALARY) == 0
    return path


@dataclass(frozen=True)
class Case:
    """One rule: the CLI options, the form's fields (key → text, or a choice), the import."""

    id: str
    table: str  # "loans" or "income"
    field: str
    message: str
    cli: list[str]
    form: dict[str, str]
    choices: dict[str, str] = field(default_factory=dict)
    record: dict[str, Any] = field(default_factory=dict)


CASES = [
    Case(
        "promo-above-apr", "loans", "promo_apr", "20% is above the loan's APR of 18%",
        ["loan", "add", *LOAN[:1], "Promo", *LOAN[2:], "--promo-apr", "20",
         "--promo-until", "2027-01-31"],
        {"name": "Promo", "balance": "1000", "apr": "18", "min_payment": "50",
         "promo_apr": "20", "promo_until": "2027-01-31"},
        record={"promo_apr": "20", "promo_until": "2027-01-31"},
    ),
    Case(
        "promo-without-end", "loans", "promo_until", "a promotional APR needs the day it ends",
        ["loan", "add", *LOAN[:1], "Promo", *LOAN[2:], "--promo-apr", "0"],
        {"name": "Promo", "balance": "1000", "apr": "18", "min_payment": "50",
         "promo_apr": "0"},
        record={"promo_apr": "0"},
    ),
    Case(
        "end-without-promo", "loans", "promo_apr",
        "a promotion's end date needs the promotional APR",
        ["loan", "add", *LOAN[:1], "Promo", *LOAN[2:], "--promo-until", "2027-01-31"],
        {"name": "Promo", "balance": "1000", "apr": "18", "min_payment": "50",
         "promo_until": "2027-01-31"},
        record={"promo_until": "2027-01-31"},
    ),
    Case(
        "one-off-without-date", "income", "start", "a one-off needs its date",
        ["income", "add", "--name", "Bonus", "--kind", "regular", "--amount", "400",
         "--frequency", "one-off"],
        {"name": "Bonus", "amount": "400"},
        choices={"frequency": Frequency.ONE_OFF.value},
        record={"frequency": "one-off", "start": None},
    ),
    Case(
        "earmark-not-one-off", "income", "for_loan", "only a one-off can be earmarked for a loan",
        ["income", "add", "--name", "Bonus", "--kind", "regular", "--amount", "400",
         "--frequency", "monthly", "--for", "Card"],
        {"name": "Bonus", "amount": "400"},
        choices={"for_loan": "Card"},
        record={"for_loan": "Card"},
    ),
]  # fmt: skip

OPTION = {"for_loan": "--for"}


def option(name: str) -> str:
    return OPTION.get(name, "--" + name.replace("_", "-"))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_cli_refuses_with_the_rule_message(
    db: Path, case: Case, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db.read_bytes()
    capsys.readouterr()
    assert run(db, *case.cli) == 2
    assert capsys.readouterr().err == f"debtcoach: {option(case.field)}: {case.message}\n"
    assert db.read_bytes() == before


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_import_refuses_with_the_rule_message(
    db: Path, tmp_path: Path, case: Case, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(db, "export") == 0
    data = json.loads(capsys.readouterr().out)
    row_name = "Card" if case.table == "loans" else "Salary"
    row = next(r for r in data[case.table] if r["name"] == row_name)
    row.update(case.record)
    export = tmp_path / "export.json"
    export.write_text(json.dumps(data), encoding="utf-8")
    before = db.read_bytes()
    assert run(db, "import", str(export)) == 2
    err = capsys.readouterr().err
    assert err == (
        f"debtcoach: nothing was imported: {case.table} {row_name!r}: "
        f"{case.field}: {case.message}\n"
    )
    assert db.read_bytes() == before


async def choose(pilot: Pilot[None], key: str, value: str) -> None:
    """Open a choice list with space and walk down to `value` with the arrow key."""
    form = pilot.app.screen
    select = form.query_one(f"#f-{key}", Select)
    select.focus()
    await pilot.press("space")
    for _ in range(12):
        if select.value == value:
            break
        await pilot.press("down", "enter")
        if select.value != value:
            await pilot.press("space")
    assert select.value == value


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
async def test_form_refuses_with_the_rule_message(db: Path, case: Case) -> None:
    before = db.read_bytes()
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l" if case.table == "loans" else "o")
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, RecordForm)
        for key, value in case.choices.items():
            await choose(pilot, key, value)
        for key, text in case.form.items():
            await fill(pilot, key, text)
        await pilot.press("enter")
        assert app.screen is form
        assert form.field_error(case.field) == case.message
        assert form.form_error == "Nothing was saved: please correct the field marked below."
        await pilot.press("escape")
    assert db.read_bytes() == before


def test_earmarking_a_loan_that_is_not_open_is_refused_by_the_cli_and_import(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db.read_bytes()
    capsys.readouterr()
    assert run(db, "income", "add", "--name", "Bonus", "--kind", "regular", "--amount", "400",
               "--frequency", "one-off", "--start", "2027-01-15", "--for", "Old") == 2  # fmt: skip
    assert capsys.readouterr().err == "debtcoach: --for: 'Old' is not an open loan\n"
    assert run(db, "export") == 0
    data = json.loads(capsys.readouterr().out)
    bonus = {"name": "Bonus", "kind": "regular", "amount": "400.00", "frequency": "one-off",
             "start": "2027-01-15", "end": None, "notes": "", "for_loan": "Nope"}  # fmt: skip
    data["income"].append(bonus)
    export = tmp_path / "export.json"
    export.write_text(json.dumps(data), encoding="utf-8")
    assert run(db, "import", str(export)) == 2
    assert capsys.readouterr().err == (
        "debtcoach: nothing was imported: income 'Bonus': for_loan: 'Nope' is not an open loan\n"
    )
    assert db.read_bytes() == before


async def test_the_form_offers_only_open_loans_to_earmark_for(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "o")
        await pilot.press("a")
        select = app.screen.query_one("#f-for_loan", Select)
        assert [str(prompt) for prompt, _ in select._options] == ["no loan", "Card"]


async def test_a_promotion_and_an_earmarked_one_off_are_saved_from_the_forms(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await pilot.press("a")
        for key, text in {"name": "Platform", "balance": "1200", "apr": "24",
                          "min_payment": "100", "promo_apr": "0",
                          "promo_until": "2027-02-28"}.items():  # fmt: skip
            await fill(pilot, key, text)
        await pilot.press("enter")
        assert isinstance(app.screen, LoansScreen)
        assert "Platform" in keys_in_order(app)

        await pilot.press("o", "a")
        assert isinstance(app.screen, RecordForm)
        await choose(pilot, "frequency", Frequency.ONE_OFF.value)
        await choose(pilot, "for_loan", "Card")
        for key, text in {"name": "Bonus", "amount": "400", "start": "2027-01-15"}.items():
            await fill(pilot, key, text)
        await pilot.press("enter")
        assert isinstance(app.screen, IncomeScreen)
        assert "Bonus" in keys_in_order(app)
    household = Repository(db).load()
    platform = household.loan("Platform")
    assert platform is not None
    assert (platform.promo_apr, platform.promo_until) == (Decimal(0), date(2027, 2, 28))
    assert platform.status == LoanStatus.CURRENT
    bonus = next(source for source in household.income if source.name == "Bonus")
    assert (bonus.frequency, bonus.start, bonus.for_loan) == (
        Frequency.ONE_OFF,
        date(2027, 1, 15),
        "Card",
    )
    assert bonus.amount == Money(40_000, "USD")
