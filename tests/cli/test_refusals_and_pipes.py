"""The scripting interface's refusals that write nothing, quiet pipes, one-line notes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from debtcoach.cli import main
from tests.cli.runner import TODAY, run


def add_loan(db: Path, name: str = "Visa") -> None:
    assert run(db, "loan", "add", "--name", name, "--kind", "credit_card", "--balance", "500",
               "--apr", "18", "--min-payment", "25") == 0  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "debtcoach.json"


def one_line(err: str) -> bool:
    return err.count("\n") == 1 and err.startswith("debtcoach: ")


@pytest.mark.parametrize("code", ["XXX", "XTS", "xau"])
def test_settings_refuse_a_currency_that_is_not_money(
    db: Path, code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    add_loan(db)
    before = db.read_bytes()
    capsys.readouterr()
    assert run(db, "settings", "set", "currency", code) == 2
    assert one_line(capsys.readouterr().err)
    assert db.read_bytes() == before


def test_settings_accept_a_real_x_currency(db: Path) -> None:
    assert run(db, "settings", "set", "currency", "XOF") == 0


@pytest.mark.parametrize(
    "args",
    [("--paid", "Nobody=5"), ("--received", "Nobody=5"), ("--spent", "Nobody=5")],
)
def test_a_bad_checkin_on_a_new_path_creates_nothing(
    tmp_path: Path, args: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new" / "folder" / "debtcoach.json"
    assert run(db, "checkin", "add", *args) == 2
    assert one_line(capsys.readouterr().err)
    assert list(tmp_path.iterdir()) == []


def test_an_overpaying_checkin_writes_nothing_not_even_a_lock(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_loan(db)
    lock = db.with_name(db.name + ".lock")
    lock.unlink(missing_ok=True)
    before = sorted(p.name for p in db.parent.iterdir())
    assert run(db, "checkin", "add", "--paid", "Visa=9999") == 2
    assert sorted(p.name for p in db.parent.iterdir()) == before


def test_restore_of_a_file_that_is_not_a_backup_is_bad_input(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_loan(db)
    before = db.read_bytes()
    passwd = tmp_path / "passwd"
    passwd.write_text("root:x:0:0:root:/root:/bin/bash\n")
    capsys.readouterr()
    assert run(db, "restore", str(passwd)) == 2
    err = capsys.readouterr().err
    assert one_line(err) and "not a debtcoach backup" in err
    assert db.read_bytes() == before


@pytest.mark.parametrize("command", [("proposal", "Visa", "--installments", "6")])
def test_output_into_a_missing_folder_is_refused(
    db: Path, tmp_path: Path, command: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    add_loan(db)
    target = tmp_path / "missing" / "out.txt"
    capsys.readouterr()
    assert run(db, *command, "-o", str(target)) == 2
    err = capsys.readouterr().err
    assert one_line(err) and f"folder {target.parent} does not exist" in err
    assert not target.parent.exists()


def test_output_into_an_existing_folder_still_works(db: Path, tmp_path: Path) -> None:
    add_loan(db)
    out = tmp_path / "letter.md"
    assert run(db, "proposal", "Visa", "--installments", "6", "-o", str(out)) == 0
    assert "Visa" in out.read_text()


class ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_ends_quietly(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    add_loan(db)
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert run(db, "plan", "--json") == 141
    assert capsys.readouterr().err == ""


def test_loan_list_into_head_exits_quietly(db: Path, tmp_path: Path) -> None:
    add_loan(db)
    export = tmp_path / "one.json"
    assert run(db, "export", "-o", str(export)) == 0
    data = json.loads(export.read_text())
    data["loans"] = [dict(data["loans"][0], name=f"Loan {i}") for i in range(3000)]
    export.write_text(json.dumps(data))
    assert run(db, "import", str(export)) == 0
    code = "import sys; from debtcoach.cli import run; sys.argv[0] = 'debtcoach'; run()"
    reader = subprocess.Popen(
        [sys.executable, "-c", code, "--db", str(db), "--today", TODAY, "loan", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.readline().startswith(b"name")
    reader.stdout.close()  # what `head -1` does
    err = reader.stderr.read()
    assert reader.wait(timeout=60) == 141
    assert err == b""


def test_checkin_notes_stay_on_one_line_in_the_table_and_exact_in_json(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_loan(db)
    note = "paid late\nasked for a plan"
    assert run(db, "checkin", "add", "--paid", "Visa=10", "--note", note) == 0
    capsys.readouterr()
    assert run(db, "checkin", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[2].endswith("paid late \u23ce asked for a plan")
    assert run(db, "checkin", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out)[0]["note"] == note


def test_export_into_a_missing_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:

    target = tmp_path / "no-such-folder" / "all.json"
    assert main(["--db", str(tmp_path / "d.json"), "export", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err
    assert not target.parent.exists()
