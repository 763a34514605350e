"""The scripting contract (README, "Scripting"): exact JSON keys and --demo's data file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debtcoach.cli import main
from tests.cli.runner import TODAY, run

PLAN_KEYS = {
    "feasible", "shortfall", "strategy", "budget", "currency", "months", "debt_free",
    "total_interest", "total_paid", "loans", "schedule",
    # version 2 adds (never renames):
    "total_fees", "short_from", "minimum_only",
}  # fmt: skip
LOAN_KEYS = {
    "name", "family", "payoff_month", "payoff_date", "interest", "paid",
    "fees", "caught_up_month", "caught_up_date",
}  # fmt: skip
MONTH_KEYS = {"month", "date", "payments", "balances", "fees", "arrears"}
BASELINE_KEYS = {"months", "debt_free", "total_interest", "total_fees"}
RESTRUCTURE_KEYS = {
    "loan", "mode", "installments", "installment", "last_installment", "total_paid", "cost",
    "current_payment", "monthly_relief",
    # version 2 adds:
    "equivalent_apr",
}  # fmt: skip


def setup_household(db: Path) -> None:
    assert run(db, "loan", "add", "--name", "A", "--kind", "credit_card", "--balance", "1000",
               "--apr", "12", "--penalty-apr", "24", "--min-payment", "50",
               "--overdue-since", "2026-10-01") == 0  # fmt: skip
    assert run(db, "loan", "add", "--name", "B", "--kind", "other", "--balance", "500",
               "--apr", "24", "--min-payment", "30") == 0  # fmt: skip
    assert run(db, "family", "add", "--lender", "Mum", "--amount", "300",
               "--borrowed-on", "2026-06-01", "--promised", "2027-03-01") == 0  # fmt: skip


@pytest.mark.parametrize("budget", ["200", "79.99"])  # feasible, and 0.01 short of 80.00
def test_plan_json_has_exactly_the_contract_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], budget: str
) -> None:
    db = tmp_path / "d.json"
    setup_household(db)
    capsys.readouterr()
    assert run(db, "plan", "--budget", budget, "--json") == 0
    plan = json.loads(capsys.readouterr().out)
    assert set(plan) == PLAN_KEYS
    assert [set(loan) for loan in plan["loans"]] == [LOAN_KEYS] * 3
    assert all(set(m) == MONTH_KEYS for m in plan["schedule"])
    assert set(plan["minimum_only"]) == BASELINE_KEYS
    if budget == "200":
        # hand-checked in tests/domain/test_hand_checked_plans.py: A catches up in month 1, then 12 %
        assert (plan["months"], plan["debt_free"], plan["total_paid"]) == (10, "2027-09", "1893.60")
    else:
        assert (plan["feasible"], plan["shortfall"], plan["months"]) == (False, "0.01", None)


def test_restructure_json_has_exactly_the_contract_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "d.json"
    setup_household(db)
    capsys.readouterr()
    # Annuity at the loan's APR (12 %, not the penalty rate): P = 1000·0.01/(1 − 1.01^−12) = 88.85;
    # the last installment absorbs the rounding: 88.84, total 1066.19.
    assert run(db, "restructure", "A", "--installments", "12", "--json") == 0
    quote = json.loads(capsys.readouterr().out)
    assert set(quote) == RESTRUCTURE_KEYS
    assert (quote["installment"], quote["last_installment"], quote["total_paid"]) == (
        "88.85", "88.84", "1066.19",
    )  # fmt: skip
    assert (quote["cost"], quote["current_payment"], quote["monthly_relief"]) == (
        "66.19", "50.00", "-38.85",
    )  # fmt: skip


def test_demo_with_a_command_never_touches_the_users_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "mine.json"
    assert main(["--db", str(db), "--today", TODAY, "--demo", "loan", "list", "--json"]) == 0
    names = {loan["name"] for loan in json.loads(capsys.readouterr().out)}
    assert "Visa" in names  # the sample household
    assert main(["--db", str(db), "--today", TODAY, "--demo", "loan", "add", "--name", "X",
                 "--kind", "car", "--balance", "5", "--apr", "5", "--min-payment", "1"]) == 0  # fmt: skip
    assert not db.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--today", "9999-12-31", "plan"],  # the 600-month plan ran past year 9999: a traceback
        ["--today", "0001-01-01", "coach"],
        ["checkin", "add", "--week", "0001-W01"],
        ["loan", "add", "--name", "X", "--kind", "car", "--balance", "5", "--apr", "5",
         "--min-payment", "1", "--opened-on", "3000-01-01"],
    ],
)  # fmt: skip
def test_dates_outside_the_calendar_are_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    db = tmp_path / "d.json"
    setup_household(db)
    before = db.read_bytes()
    capsys.readouterr()
    assert main(["--db", str(db), *args] if args[0] == "--today" else
                ["--db", str(db), "--today", TODAY, *args]) == 2  # fmt: skip
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "out of range" in err
    assert db.read_bytes() == before


def test_an_unexpected_error_is_one_line_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_: object, **__: object) -> object:
        raise RuntimeError("something broke")

    monkeypatch.setattr("debtcoach.cli.Ledger.plan", boom)
    assert run(tmp_path / "d.json", "plan") == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "debtcoach: unexpected error: RuntimeError: something broke"
    ]


def test_a_saved_custom_order_survives_adding_and_removing_loans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "d.json"
    setup_household(db)
    assert run(db, "settings", "set", "custom_order", "A,B") == 0
    assert run(db, "settings", "set", "strategy", "custom") == 0
    # Used to exit 2 ("custom order does not name every loan: missing C") for every plan.
    assert run(db, "loan", "add", "--name", "C", "--kind", "other", "--balance", "100",
               "--apr", "1", "--min-payment", "10") == 0  # fmt: skip
    capsys.readouterr()
    assert run(db, "plan", "--budget", "200", "--json") == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["strategy"] == "custom"
    # A's penalty interest 20.00; minimums 50 + 30 + 10; the 110 left goes to A, first in the order.
    assert plan["schedule"][0]["payments"] == {"A": "160.00", "B": "30.00", "C": "10.00"}
    # ... and removing a loan the order names ("which is not a loan") does not break it either.
    assert run(db, "loan", "remove", "A") == 0
    capsys.readouterr()
    assert run(db, "plan", "--budget", "200", "--json") == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["schedule"][0]["payments"] == {"B": "190.00", "C": "10.00"}
    # An order typed on the command line is still checked strictly.
    assert run(db, "plan", "--order", "B") == 2


@pytest.mark.parametrize("order", ["", ","])
def test_an_empty_order_is_bad_input_not_silently_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], order: str
) -> None:
    db = tmp_path / "d.json"
    setup_household(db)
    capsys.readouterr()
    assert run(db, "plan", "--strategy", "custom", "--order", order) == 2
    assert "--order" in capsys.readouterr().err


def test_a_plan_that_never_ends_at_400_percent_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "d.json"
    assert run(db, "loan", "add", "--name", "Payday", "--kind", "online_platform",
               "--balance", "1000", "--apr", "400", "--min-payment", "10") == 0  # fmt: skip
    capsys.readouterr()
    assert run(db, "plan", "--budget", "10", "--json") == 0
    plan = json.loads(capsys.readouterr().out)
    assert (plan["feasible"], plan["months"], plan["debt_free"]) == (True, None, None)
    assert len(plan["schedule"]) == 600
    assert run(db, "plan", "--budget", "10") == 0
    assert "not get paid off" in capsys.readouterr().out
    assert run(db, "coach") == 0


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["nosuch"], "debtcoach: argument COMMAND: invalid choice: 'nosuch'"),
        (["checkin", "add", "--borrowed", "maybe"], "debtcoach: checkin add: argument --borrowed"),
        (["loan"], "debtcoach: loan: the following arguments are required: ACTION"),
    ],
)
def test_usage_errors_name_the_program_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], line: str
) -> None:
    assert run(tmp_path / "d.json", *args) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith(line)
