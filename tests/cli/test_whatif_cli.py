"""`debtcoach whatif` on the sample household: the JSON contract, the table, refusals, no write."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from debtcoach.cli import main
from tests.cli.runner import never_ending_household, run

OUTCOME_KEYS = {
    "months", "debt_free", "total_interest", "total_fees", "current_from", "to_relatives",
    "relatives_repaid", "feasible", "short_from", "shortfall",
}  # fmt: skip
DIFFERENCE_KEYS = {"months", "total_interest", "total_fees"}
MOVE_KEYS = OUTCOME_KEYS | {"move", "label", "vs_plan", "vs_baseline", "terms"}
ALL_MOVES = (
    "--restructure", "Visa:36:flat_fee:0.6", "--restructure", "Sofa loan:24",
    "--side-income", "200@2027-03", "--cuts", "--relatives", "500@2027-01",
    "--budget-change", "-50",
)  # fmt: skip


def whatif_json(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    capsys.readouterr()
    assert run(db, "whatif", *args, "--json") == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_the_suggested_moves_as_json(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = whatif_json(sample_db, capsys)
    assert set(report) == {"baseline", "plan", "moves", "together"}
    assert set(report["baseline"]) == {
        "months", "debt_free", "total_interest", "total_fees", "current_from",
    }  # fmt: skip
    assert set(report["plan"]) == OUTCOME_KEYS | {"strategy", "budget"}
    assert all(set(move) == MOVE_KEYS for move in report["moves"])
    assert all(set(move["vs_plan"]) == DIFFERENCE_KEYS for move in report["moves"])
    assert set(report["together"]) == (MOVE_KEYS - {"move", "terms"}) | {"moves"}
    # Visa is the overdue card; three cuts are off; Visa's arrears in December: 4 started months
    # (since 2026-08-20) × (156.00 + 35.00) = 764.00, and December's 35.00 late fee.
    assert [m["move"] for m in report["moves"]] == ["restructure", "cuts", "relatives"]
    assert report["moves"][0]["terms"]["installments"] == 60
    assert report["moves"][1]["terms"]["cuts"] == ["Streaming", "Clothing", "Gym"]
    assert report["moves"][2]["terms"] == {"amount": "799.00", "month": "2026-12"}
    plan = report["plan"]
    assert (plan["months"], plan["debt_free"], plan["current_from"]) == (22, "2028-09", "2027-03")
    cuts = report["moves"][1]
    assert cuts["vs_plan"]["months"] == cuts["months"] - plan["months"]
    assert report["together"]["moves"] == ["restructure", "cuts", "relatives"]


def test_chosen_moves_in_the_guidance_order(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = whatif_json(sample_db, capsys, *ALL_MOVES)
    assert [m["move"] for m in report["moves"]] == [
        "restructure", "restructure", "side_income", "cuts", "relatives", "budget_change",
    ]  # fmt: skip
    visa = report["moves"][0]["terms"]
    # 5200.00 / 36 + 5200.00 × 0.6 % = 144.44 + 31.20 = 175.64
    assert (visa["mode"], visa["fee_rate"], visa["installment"]) == ("flat_fee", "0.6", "175.64")
    assert report["moves"][2]["terms"] == {"amount": "200.00", "from": "2027-03"}
    assert report["moves"][5]["terms"] == {"amount": "-50.00"}
    assert report["moves"][5]["label"] == "Budget -$50.00 a month"
    assert len(report["together"]["moves"]) == 6


def test_the_table_fits_80_columns(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run(sample_db, "whatif") == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "The plan now: avalanche, $964.67 a month for the debts."
    assert max(len(line) for line in lines) <= 80
    rows = [line.split("  ")[0] for line in lines]
    for label in (
        "Only the minimums", "The plan now", "Visa: 60 installments",
        "3 cuts on: +$135.00 a month", "$799.00 from relatives, Dec 2026", "All together",
    ):  # fmt: skip
        assert label in rows
    assert (
        "The plan now                      2028-09        22  $2,066.86  $140.00  2027-03" in lines
    )


def test_a_short_budget_is_named(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run(sample_db, "whatif", "--budget-change", "-400") == 0
    out = capsys.readouterr().out
    # 964.67 − 400.00 = 564.67 against 676.00 of minimums: 111.33 short.
    assert "Budget -$400.00 a month: from 2026-12 the budget is $111.33 short" in out


def test_whatif_never_writes_the_file(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sample_db.read_bytes()
    stamp = os.stat(sample_db).st_mtime_ns
    folder = sorted(p.name for p in sample_db.parent.iterdir())
    assert run(sample_db, "whatif") == 0
    assert run(sample_db, "whatif", *ALL_MOVES, "--json") == 0
    assert sample_db.read_bytes() == before
    assert os.stat(sample_db).st_mtime_ns == stamp
    assert sorted(p.name for p in sample_db.parent.iterdir()) == folder


def test_whatif_on_a_new_path_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "new" / "debtcoach.json"
    assert run(db, "whatif") == 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--restructure", "Nobody:12"), "--restructure: there is no loan named 'Nobody'"),
        (("--restructure", "Visa:61"), "--restructure: Visa: 61 installments is too many"),
        (("--restructure", "Visa"), "--restructure Visa: write LOAN:N"),
        (("--restructure", "Visa:twelve"), "'twelve' is not a number of installments"),
        (("--restructure", "Visa:12:weekly"), "mode 'weekly' is not one of annuity, flat_fee"),
        (("--restructure", "Visa:12:annuity:1"), "a fee rate only applies with flat_fee"),
        (("--restructure", "Visa:12", "--restructure", "Visa:24"), "'Visa' is named twice"),
        (("--side-income", "200@2027-13"), "--side-income: month '2027-13' is not a month"),
        (("--side-income", "200@2026-11"), "--side-income: 2026-11 is before the plan starts"),
        (("--side-income", "-5"), "--side-income: amount '-5' must not be negative"),
        (("--relatives", "0"), "--relatives: the amount must be more than zero"),
        (("--relatives", "lots"), "--relatives: amount 'lots' is not a number"),
        (("--cuts", "Rent"), "--cuts: Rent has no target below what it costs now"),
        (("--cuts", "Eating out"), "--cuts: the cut on Eating out is on already"),
        (("--budget-change", "0"), "--budget-change: a change of 0 changes nothing"),
        (("--budget-change", "50@2027-01"), "--budget-change: takes no month"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    sample_db: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], says: str
) -> None:
    before = sample_db.read_bytes()
    capsys.readouterr()
    assert run(sample_db, "whatif", *args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("debtcoach: ")
    assert says in err
    assert sample_db.read_bytes() == before


def test_every_option_has_a_help_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["whatif", "--help"])
    out = capsys.readouterr().out
    for option in ("--restructure", "--cuts", "--side-income", "--relatives", "--budget-change"):
        assert option in out
    assert "time for space" in out and "relatives first" in out


def test_the_readme_shows_the_demo_table_as_printed(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    shown = readme.split("`debtcoach --demo --today 2026-11-23 whatif`):\n\n```\n", 1)[1]
    capsys.readouterr()
    assert run(sample_db, "whatif") == 0
    assert shown.split("\n```", 1)[0] == capsys.readouterr().out.rstrip("\n")


def test_a_loan_name_with_a_colon_can_be_restructured(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "d.json"
    assert run(db, "loan", "add", "--name", "Card:Gold", "--kind", "credit_card",
               "--balance", "1200", "--apr", "12", "--min-payment", "60") == 0  # fmt: skip
    assert run(db, "income", "add", "--name", "Pay", "--kind", "regular", "--amount", "100",
               "--frequency", "monthly") == 0  # fmt: skip
    report = whatif_json(db, capsys, "--restructure", "Card:Gold:12:flat_fee:0.5")
    # 1200.00 / 12 + 1200.00 × 0.5 % = 100.00 + 6.00 = 106.00 > the 100.00 budget: short by 6.00.
    terms = report["moves"][0]["terms"]
    assert (terms["loan"], terms["installments"], terms["installment"]) == (
        "Card:Gold",
        12,
        "106.00",
    )
    assert (report["moves"][0]["feasible"], report["moves"][0]["shortfall"]) == (False, "6.00")


@pytest.fixture
def never_ends(tmp_path: Path) -> Path:
    return never_ending_household(tmp_path / "never.json")


def test_a_plan_that_never_ends_has_no_totals_in_the_table(
    never_ends: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(never_ends, "whatif", "--side-income", "100", "--budget-change", "2000") == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 80
    cells = {line.split("  ")[0]: line.split()[-5:] for line in lines if "  " in line}
    # the interest of fifty years of a growing balance is no figure to compare: none is shown
    assert cells["The plan now"] == ["never", "—", "—", "—", "2026-12"]
    assert cells["+$100.00 a month from Dec 2026"] == ["never", "—", "—", "—", "2026-12"]
    # 3,000.00 a month: 10,000.00 + 1,666.67 + 10.00 fee − 3,000.00 = 8,676.67, then 7,122.78,
    # 5,309.91, 3,194.90, 727.38 and the last 848.61 in May 2027.
    assert cells["Budget +$2,000.00 a month"][:2] == ["2027-05", "6"]
