"""Every record rule, refused the same way at all three doors: the CLI, the app's form, `import`.

One table: each row breaks one rule. The CLI exits 2 with `--option: message`, the form shows the
message under the field and stays open, the import says `nothing was imported: … message`; each
time the data file is byte-identical afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Select

from debtcoach.cli import main
from tests.conftest import TODAY, make_app
from tests.ui.list_pilot import fill, open_screen, select_row

Export = dict[str, Any]


@dataclass(frozen=True)
class BrokenRule:
    rule: str
    option: str
    message: str
    cli: tuple[str, ...]
    screen: str
    form_key: str
    form_fields: dict[str, str]
    change_import: Callable[[Export], None]
    choices: dict[str, str] = field(default_factory=dict)
    row: str | None = None

    @property
    def form_field(self) -> str:
        return self.option.removeprefix("--").replace("-", "_")


def _family(data: Export, **changes: Any) -> None:
    data["family"][0].update(changes)


def _add(table: str, row: Export) -> Callable[[Export], None]:
    return lambda data: data[table].append(row)


CASES = [
    BrokenRule(
        rule="a promise cannot be before the borrowing",
        option="--promised",
        message="2026-01-01 is before the day it was borrowed (2026-10-01)",
        cli=("family", "add", "--lender", "Aunt", "--amount", "100",
             "--borrowed-on", "2026-10-01", "--promised", "2026-01-01"),
        screen="f",
        form_key="a",
        form_fields={"lender": "Aunt", "amount": "100", "borrowed_on": "2026-10-01",
                     "promised": "2026-01-01"},
        change_import=lambda d: _family(d, borrowed_on="2026-10-01", promised="2026-01-01"),
    ),
    BrokenRule(
        rule="a repayment cannot be before the borrowing",
        option="--date",
        message="2020-01-01 is before the day it was borrowed (2026-09-10)",
        cli=("family", "repay", "--lender", "Mum", "--amount", "10", "--date", "2020-01-01"),
        screen="f",
        form_key="r",
        row="Mum",
        form_fields={"amount": "10", "date": "2020-01-01"},
        change_import=lambda d: d["family"][0]["repayments"].append(
            {"date": "2020-01-01", "amount": "10.00"}
        ),
    ),
    BrokenRule(
        rule="restructured needs agreed terms",
        option="--status",
        message="restructured needs agreed terms: quote them with `debtcoach restructure`",
        cli=("loan", "add", "--name", "Card", "--kind", "credit_card", "--balance", "500",
             "--apr", "20", "--min-payment", "20", "--status", "restructured"),
        screen="l",
        form_key="a",
        form_fields={"name": "Card", "balance": "500", "apr": "20", "min_payment": "20"},
        choices={"status": "restructured"},
        change_import=lambda d: d["loans"][0].update(status="restructured", restructure=None),
    ),
    BrokenRule(
        rule="a target cannot exceed the current amount",
        option="--target",
        message="90.00 is above the current amount 50.00",
        cli=("expense", "add", "--name", "Books", "--current", "50", "--target", "90"),
        screen="t",
        form_key="a",
        form_fields={"name": "Books", "current": "50", "target": "90"},
        change_import=_add("expenses", {"name": "Books", "current": "50.00", "target": "90.00",
                                        "essential": False, "cut_active": False}),
    ),
    BrokenRule(
        rule="an income cannot end before it starts",
        option="--end",
        message="2026-01-01 is before start 2026-06-01",
        cli=("income", "add", "--name", "Shop", "--kind", "side", "--amount", "100",
             "--frequency", "monthly", "--start", "2026-06-01", "--end", "2026-01-01"),
        screen="o",
        form_key="a",
        form_fields={"name": "Shop", "amount": "100", "start": "2026-06-01", "end": "2026-01-01"},
        change_import=_add("income", {"name": "Shop", "kind": "side", "amount": "100.00",
                                      "frequency": "monthly", "start": "2026-06-01",
                                      "end": "2026-01-01", "notes": ""}),
    ),
    BrokenRule(
        rule="a loan is not overdue since a day after today",
        option="--overdue-since",
        message=f"2026-12-01 is after today ({TODAY})",
        cli=("loan", "add", "--name", "Card", "--kind", "credit_card", "--balance", "500",
             "--apr", "20", "--min-payment", "20", "--overdue-since", "2026-12-01"),
        screen="l",
        form_key="a",
        form_fields={},  # the form's date field refuses a future date as it is typed
        change_import=lambda d: d["loans"][0].update(overdue_since="2026-12-01"),
    ),
    BrokenRule(
        rule="a loan is not opened on a day after today",
        option="--opened-on",
        message=f"2026-12-01 is after today ({TODAY})",
        cli=("loan", "add", "--name", "Card", "--kind", "credit_card", "--balance", "500",
             "--apr", "20", "--min-payment", "20", "--opened-on", "2026-12-01"),
        screen="l",
        form_key="a",
        form_fields={"name": "Card", "balance": "500", "apr": "20", "min_payment": "20",
                     "opened_on": "2026-12-01"},
        change_import=lambda d: d["loans"][0].update(opened_on="2026-12-01"),
    ),
]  # fmt: skip
IDS = [case.rule for case in CASES]


def _run(db: Path, *args: str) -> int:
    return main(["--db", str(db), "--today", TODAY.isoformat(), *args])


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_cli_refuses_with_the_rule_s_words(
    case: BrokenRule, sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sample_db.read_bytes()
    assert _run(sample_db, *case.cli) == 2
    assert capsys.readouterr().err.splitlines() == [f"debtcoach: {case.option}: {case.message}"]
    assert sample_db.read_bytes() == before


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_import_refuses_with_the_rule_s_words(
    case: BrokenRule, sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(sample_db, "export") == 0
    data = json.loads(capsys.readouterr().out)
    case.change_import(data)
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    before = sample_db.read_bytes()
    assert _run(sample_db, "import", str(broken)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nothing was imported" in err
    assert err.rstrip().endswith(case.message)
    assert sample_db.read_bytes() == before


FORM_CASES = [case for case in CASES if case.form_fields]


@pytest.mark.parametrize("case", FORM_CASES, ids=[case.rule for case in FORM_CASES])
async def test_the_form_refuses_with_the_rule_s_words(case: BrokenRule, sample_db: Path) -> None:
    before = sample_db.read_bytes()
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, case.screen)
        await pilot.pause()
        if case.row is not None:
            await select_row(pilot, case.row)
        await pilot.press(case.form_key)
        await pilot.pause()
        form = app.screen
        for key, text in case.form_fields.items():
            await fill(pilot, key, text)
        for key, value in case.choices.items():
            form.query_one(f"#f-{key}", Select).value = value
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form, "the form stays open"
        assert form.field_error(case.form_field) == case.message  # type: ignore[attr-defined]
        assert "Nothing was saved" in form.form_error  # type: ignore[attr-defined]
    assert sample_db.read_bytes() == before


LONG_NAME = "N" * 61
NAME_CASES = {
    "a loan's name": (
        ("loan", "add", "--name", LONG_NAME, "--kind", "other", "--balance", "1", "--apr", "1",
         "--min-payment", "1"),
        "--name",
        lambda d: d["loans"][0].update(name=LONG_NAME),
        "l",
        "name",
    ),
    "a family lender": (
        ("family", "add", "--lender", LONG_NAME, "--amount", "10", "--borrowed-on", "2026-10-01"),
        "--lender",
        lambda d: _family(d, lender=LONG_NAME),
        "f",
        "lender",
    ),
}  # fmt: skip
TOO_LONG = f"{'N' * 20!r}… is longer than 60 characters"


@pytest.mark.parametrize("case", NAME_CASES, ids=list(NAME_CASES))
async def test_a_name_has_one_length_rule_at_every_door(
    case: str, sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A loan's name and a family lender's are names alike: 61 characters are refused by the
    CLI, an import and the form, in the same words."""
    cli, option, change_import, screen, form_field = NAME_CASES[case]
    before = sample_db.read_bytes()
    assert _run(sample_db, *cli) == 2
    assert capsys.readouterr().err == f"debtcoach: {option} {TOO_LONG}\n"
    assert _run(sample_db, "export") == 0
    data = json.loads(capsys.readouterr().out)
    change_import(data)
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    assert _run(sample_db, "import", str(broken)) == 2
    assert capsys.readouterr().err.rstrip().endswith(TOO_LONG)
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, screen)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        await fill(pilot, form_field, LONG_NAME)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form, "the form stays open"
        assert form.field_error(form_field).endswith(TOO_LONG)  # type: ignore[attr-defined]
    assert sample_db.read_bytes() == before
