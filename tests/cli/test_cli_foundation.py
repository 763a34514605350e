"""The scripting interface as users' scripts see it: exit codes, one-line errors, JSON shapes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from debtcoach.cli import main
from tests.cli.runner import run


def add_three_loans(db: Path) -> None:
    assert run(db, "loan", "add", "--name", "Visa", "--kind", "credit_card", "--balance", "5000",
               "--apr", "18", "--min-payment", "150") == 0  # fmt: skip
    assert run(db, "loan", "add", "--name", "Car", "--kind", "car", "--balance", "8000",
               "--apr", "6.5", "--min-payment", "250") == 0  # fmt: skip
    assert run(db, "loan", "add", "--name", "Platform", "--kind", "online_platform",
               "--balance", "2200", "--apr", "24", "--min-payment", "80") == 0  # fmt: skip


def test_plan_json_matches_the_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.json"
    add_three_loans(db)
    capsys.readouterr()
    assert run(db, "plan", "--budget", "600", "--json") == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["feasible"] is True and plan["shortfall"] is None
    assert (plan["strategy"], plan["budget"], plan["currency"]) == ("avalanche", "600.00", "USD")
    first = plan["schedule"][0]
    # Month 1 is December 2026. Interest: Visa 5000×18/1200 = 75.00, Car 8000×6.5/1200 = 43.33,
    # Platform 2200×24/1200 = 44.00. Minimums 150+250+80 = 480; the 120 left goes to Platform (24 %).
    assert first["date"] == "2026-12"
    assert first["payments"] == {"Visa": "150.00", "Car": "250.00", "Platform": "200.00"}
    assert first["balances"] == {"Visa": "4925.00", "Car": "7793.33", "Platform": "2044.00"}
    assert {loan["name"] for loan in plan["loans"]} == {"Visa", "Car", "Platform"}
    paid = sum(float(loan["paid"]) for loan in plan["loans"])
    assert f"{paid:.2f}" == plan["total_paid"]
    assert plan["months"] == len(plan["schedule"])
    assert plan["debt_free"] == plan["schedule"][-1]["date"]


def test_infeasible_plan_reports_the_shortfall(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "d.json"
    add_three_loans(db)
    capsys.readouterr()
    assert run(db, "plan", "--budget", "400", "--json") == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["feasible"] is False
    assert plan["shortfall"] == "80.00"  # 480 of minimums − 400
    assert plan["months"] is None and plan["debt_free"] is None


def test_never_pays_off(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.json"
    # 100 000 at 24 % accrues 2000 a month; a 2000 minimum never reduces it.
    assert run(db, "loan", "add", "--name", "Big", "--kind", "other", "--balance", "100000",
               "--apr", "24", "--min-payment", "2000") == 0  # fmt: skip
    capsys.readouterr()
    assert run(db, "plan", "--budget", "2000", "--json") == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["feasible"] is True and plan["months"] is None and plan["debt_free"] is None


def test_restructure_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.json"
    add_three_loans(db)
    capsys.readouterr()
    assert run(db, "restructure", "Visa", "--installments", "24", "--mode", "flat_fee",
               "--fee-rate", "0.6", "--json") == 0  # fmt: skip
    quote = json.loads(capsys.readouterr().out)
    # 5000/24 + 5000×0.6 % = 208.333 + 30 = 238.33; total 5000 + 24×30 = 5720; last 5720 − 23×238.33.
    assert quote["installment"] == "238.33"
    assert quote["total_paid"] == "5720.00"
    assert quote["last_installment"] == "238.41"
    assert quote["cost"] == "720.00"
    assert quote["current_payment"] == "150.00"
    assert quote["monthly_relief"] == "-88.33"
    for key in ("loan", "mode", "installments"):
        assert key in quote


BAD_INPUTS = [
    (["loan", "add", "--name", "X", "--kind", "car", "--balance", "abc", "--apr", "5", "--min-payment", "1"], "not a number"),
    (["loan", "add", "--name", "X", "--kind", "car", "--balance", "NaN", "--apr", "5", "--min-payment", "1"], "finite"),
    (["loan", "add", "--name", "X", "--kind", "car", "--balance", "inf", "--apr", "5", "--min-payment", "1"], "finite"),
    (["loan", "add", "--name", "X", "--kind", "car", "--balance", "-5", "--apr", "5", "--min-payment", "1"], "negative"),
    (["loan", "add", "--name", "X", "--kind", "car", "--balance", "5", "--apr", "-1", "--min-payment", "1"], "negative"),
    (["loan", "add", "--name", "X", "--kind", "car", "--balance", "5.123", "--apr", "5", "--min-payment", "1"], "decimals"),
    (["loan", "add", "--name", "X", "--kind", "car", "--balance", "5", "--apr", "1000.5", "--min-payment", "1"], "1000"),
    (["loan", "add", "--name", "X", "--kind", "boat", "--balance", "5", "--apr", "5", "--min-payment", "1"], "kind"),
    (["loan", "add", "--name", "X", "--kind", "car", "--balance", "5", "--apr", "5", "--min-payment", "1", "--overdue-since", "2026-02-30"], "does not exist"),
    (["loan", "add", "--name", "X", "--kind", "car", "--balance", "5", "--apr", "5", "--min-payment", "1", "--due-day", "0"], "due-day"),
    (["loan", "add", "--name", "X", "--kind", "car", "--balance", "5", "--apr", "5", "--min-payment", "1", "--due-day", "32"], "due-day"),
    (["loan", "add", "--name", "X", "--kind", "car", "--balance", "1000000000001", "--apr", "5", "--min-payment", "1"], "too large"),
    (["loan", "add", "--name", "Visa", "--kind", "car", "--balance", "5", "--apr", "5", "--min-payment", "1"], "already exists"),
    (["loan", "remove", "Nope"], "Nope"),
    (["restructure", "Visa", "--installments", "0"], "installments"),
    (["restructure", "Visa", "--installments", "61"], "60"),
    (["restructure", "Nope", "--installments", "12"], "Nope"),
    (["plan", "--strategy", "fastest"], "strategy"),
    (["plan", "--strategy", "custom", "--order", "Visa,Car"], "Platform"),
    (["plan", "--strategy", "custom", "--order", "Visa,Car,Platform,Ghost"], "Ghost"),
    (["income", "add", "--name", "Job", "--kind", "salary", "--amount", "100", "--frequency", "monthly"], "kind"),
    (["income", "add", "--name", "Job", "--kind", "regular", "--amount", "100", "--frequency", "daily"], "frequency"),
    (["family", "add", "--lender", "Mum", "--amount", "100", "--borrowed-on", "2026-13-01"], "borrowed-on"),
    (["contact", "add", "--loan", "Nope", "--date", "2026-11-01", "--channel", "phone"], "Nope"),
    (["contact", "add", "--loan", "Visa", "--date", "2026-11-01", "--channel", "pigeon"], "channel"),
    (["settings", "set", "strategy", "fastest"], "strategy"),
    (["settings", "set", "colour", "red"], "unknown key"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "needle"), BAD_INPUTS, ids=[" ".join(a[:3]) + f" [{n}]" for a, n in BAD_INPUTS]
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], needle: str
) -> None:
    db = tmp_path / "d.json"
    add_three_loans(db)
    before = db.read_bytes()
    capsys.readouterr()
    assert run(db, *args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert needle.lower() in err.lower()
    assert db.read_bytes() == before


def test_export_import_round_trip(
    tmp_path: Path, sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "export.json"
    assert run(sample_db, "export", "-o", str(out)) == 0
    fresh = tmp_path / "fresh.json"
    assert run(fresh, "import", str(out)) == 0
    again = tmp_path / "again.json"
    assert run(fresh, "export", "-o", str(again)) == 0
    assert json.loads(out.read_text()) == json.loads(again.read_text())


def test_invalid_import_changes_nothing(tmp_path: Path, sample_db: Path) -> None:
    out = tmp_path / "export.json"
    assert run(sample_db, "export", "-o", str(out)) == 0
    data = json.loads(out.read_text())
    data["loans"][2]["balance"] = "12.345"
    out.write_text(json.dumps(data))
    before = sample_db.read_bytes()
    assert run(sample_db, "import", str(out)) == 2
    assert sample_db.read_bytes() == before


def test_list_json_shapes(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run(sample_db, "loan", "list", "--json") == 0
    loans = json.loads(capsys.readouterr().out)
    assert {"name": "Visa", "balance": "5200.00"}.items() <= loans[0].items()
    assert run(sample_db, "family", "list", "--json") == 0
    family = json.loads(capsys.readouterr().out)
    mum = next(f for f in family if f["lender"] == "Mum")
    assert (mum["amount"], mum["balance"]) == ("1500.00", "1400.00")


def test_db_env_var_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "env.json"
    monkeypatch.setenv("DEBTCOACH_DB", str(db))
    assert (
        main(
            [
                "loan",
                "add",
                "--name",
                "A",
                "--kind",
                "other",
                "--balance",
                "1",
                "--apr",
                "0",
                "--min-payment",
                "1",
            ]
        )
        == 0
    )
    assert db.exists() and (db.stat().st_mode & 0o777) == 0o600


def test_cli_does_not_import_textual() -> None:
    code = "import sys, debtcoach.cli; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_zh_cn_locale_and_cny(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.json"
    assert run(db, "settings", "set", "currency", "CNY") == 0
    assert run(db, "settings", "set", "locale", "zh_CN") == 0
    assert run(db, "loan", "add", "--name", "信用卡", "--kind", "credit_card", "--balance", "12345.6",
               "--apr", "18", "--min-payment", "500") == 0  # fmt: skip
    capsys.readouterr()
    assert run(db, "loan", "list") == 0
    assert "¥12,345.60" in capsys.readouterr().out
