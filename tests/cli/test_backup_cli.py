"""`backup list`, `restore` and the one-line refusals for unreadable files, as scripts see them."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from debtcoach.cli import main
from debtcoach.store.migrations import SCHEMA_VERSION
from tests.cli.runner import TODAY, run


def add_loan(db: Path, name: str) -> None:
    assert run(db, "loan", "add", "--name", name, "--kind", "credit_card", "--balance", "500",
               "--apr", "18", "--min-payment", "25") == 0  # fmt: skip


def backup_json(db: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert run(db, "backup", "list", "--json") == 0
    data: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return data


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "debtcoach.json"


def test_backup_list_newest_first_with_json_fields(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db, "backup", "list") == 0
    assert "No backups yet" in capsys.readouterr().out
    for name in ("A", "B", "C"):
        add_loan(db, name)
    listed = backup_json(db, capsys)
    assert len(listed) == 2
    assert set(listed[0]) == {"name", "path", "time", "size", "loads", "problem", "dated_in_future"}
    assert [item["loads"] for item in listed] == [True, True]
    assert listed[0]["time"] >= listed[1]["time"]  # type: ignore[operator]
    assert listed[0]["size"] > listed[1]["size"]  # type: ignore[operator]
    assert run(db, "backup", "list") == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0].split() == ["BACKUP", "TAKEN", "(LOCAL", "TIME)", "BYTES", "LOADS"]
    assert str(listed[0]["name"]) in text.splitlines()[2]


def test_restore_by_name_and_undo(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("A", "B", "C"):
        add_loan(db, name)
    newest = backup_json(db, capsys)[0]
    assert run(db, "restore", str(newest["name"])) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "was kept as" in out
    assert run(db, "loan", "list", "--json") == 0
    assert [row["name"] for row in json.loads(capsys.readouterr().out)] == ["A", "B"]
    assert mode(db) == 0o600
    undo = backup_json(db, capsys)[0]
    assert run(db, "restore", str(undo["path"])) == 0
    capsys.readouterr()
    assert run(db, "loan", "list", "--json") == 0
    assert [row["name"] for row in json.loads(capsys.readouterr().out)] == ["A", "B", "C"]


def test_restore_of_a_missing_backup_is_bad_input(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_loan(db, "A")
    before = db.read_bytes()
    assert run(db, "restore", "nothing-like-this.json") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "there is no backup" in err
    assert db.read_bytes() == before


def test_restore_of_a_broken_backup_exits_1_and_changes_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_loan(db, "A")
    before = db.read_bytes()
    broken = tmp_path / "broken.json"
    broken.write_text('{"loans": {"1": {}}}')
    assert run(db, "restore", str(broken)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot be restored" in err and "nothing was changed" in err
    assert db.read_bytes() == before


UNREADABLE = [
    pytest.param(b'{"loans": {"1": {"name": "A", "kind": "credit_', "cannot be read", id="corrupt"),
    pytest.param(
        json.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}}).encode(),
        "written by a newer debtcoach",
        id="newer-version",
    ),
]


@pytest.mark.parametrize(("content", "phrase"), UNREADABLE)
def test_an_unreadable_file_is_one_message_exit_1_and_never_overwritten(
    db: Path, content: bytes, phrase: str, capsys: pytest.CaptureFixture[str]
) -> None:
    add_loan(db, "A")
    add_loan(db, "B")
    good = backup_json(db, capsys)[0]
    db.write_bytes(content)
    commands = [
        ["loan", "list"],
        ["plan", "--json"],
        ["loan", "add", "--name", "C", "--kind", "car", "--balance", "1", "--apr", "1",
         "--min-payment", "1"],
        ["loan", "remove", "A"],
        ["settings", "set", "strategy", "snowball"],
        ["export"],
    ]  # fmt: skip
    for command in commands:
        assert run(db, *command) == 1, command
        captured = capsys.readouterr()
        assert captured.err.count("\n") == 1, captured.err
        assert phrase in captured.err
        assert str(db) in captured.err
        assert str(good["name"]) in captured.err  # the newest good backup, by name
        assert "Traceback" not in captured.err
    assert db.read_bytes() == content
    # The way out that the message names works.
    assert run(db, "restore", str(good["name"])) == 0
    capsys.readouterr()
    assert run(db, "loan", "list", "--json") == 0
    assert [row["name"] for row in json.loads(capsys.readouterr().out)] == ["A"]


def test_cli_writes_keep_every_file_private(db: Path) -> None:
    for name in ("A", "B", "C"):
        add_loan(db, name)
    assert mode(db) == 0o600
    assert mode(db.parent) == 0o700
    assert mode(db.with_name(db.name + ".lock")) == 0o600
    backups = db.parent / "backups"
    assert mode(backups) == 0o700
    assert all(mode(item) == 0o600 for item in backups.iterdir())


def test_export_file_is_private_and_imports_back(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_loan(db, "A")
    out = tmp_path / "exports" / "all.json"
    out.parent.mkdir()  # -o never creates folders (a typo must not): the user made this one
    assert run(db, "export", "-o", str(out)) == 0
    assert mode(out) == 0o600
    fresh = tmp_path / "other-machine" / "debtcoach.json"
    assert run(fresh, "import", str(out)) == 0
    capsys.readouterr()
    assert run(db, "export") == 0
    first = capsys.readouterr().out
    assert run(fresh, "export") == 0
    assert capsys.readouterr().out == first


def test_an_import_can_be_undone_from_the_backup_it_made(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_loan(db, "Mine")
    other = tmp_path / "other.json"
    add_loan(other, "Theirs")
    exported = tmp_path / "theirs.json"
    assert run(other, "export", "-o", str(exported)) == 0
    assert run(db, "import", str(exported)) == 0
    newest = backup_json(db, capsys)[0]
    assert run(db, "restore", str(newest["name"])) == 0
    capsys.readouterr()
    assert run(db, "loan", "list", "--json") == 0
    assert [row["name"] for row in json.loads(capsys.readouterr().out)] == ["Mine"]


@pytest.mark.parametrize(
    "content", [b"[" * 100_000, b"\xff\xfe", b"{}", b'{"debtcoach_export": 1, "loans": 5}']
)
def test_a_bad_import_file_is_exit_2_one_line_and_changes_nothing(
    db: Path, tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    add_loan(db, "A")
    before = db.read_bytes()
    source = tmp_path / "bad.json"
    source.write_bytes(content)
    capsys.readouterr()
    assert run(db, "import", str(source)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert db.read_bytes() == before
    assert run(db, "import", str(tmp_path)) == 2  # a folder
    assert db.read_bytes() == before


@pytest.mark.parametrize("choice", ["restore", "quit"])
def test_the_app_launch_offers_restore_for_an_unreadable_file(
    db: Path, choice: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`debtcoach` (no subcommand) on a corrupt file shows the error screen, not a traceback."""
    import debtcoach.ui.app as app_module
    import debtcoach.ui.screens.storage_error as screen_module
    from debtcoach.services import Ledger
    from debtcoach.store import Repository

    add_loan(db, "A")
    add_loan(db, "B")
    db.write_bytes(b"{oops")
    shown: list[str] = []

    def fake_run(*, path: Path, today: object, theme: object, demo: bool, config: object) -> int:
        Ledger(path, today).household()  # type: ignore[arg-type]  # what the app does first
        return 0

    def fake_screen(path: Path, error: Exception) -> bool:
        shown.append(str(error))
        if choice == "quit":
            return False
        good = Repository(path).newest_good_backup()
        assert good is not None
        Repository(path).restore(good)
        return True

    monkeypatch.setattr(app_module, "run", fake_run)
    monkeypatch.setattr(screen_module, "recover_interactively", fake_screen)
    code = main(["--db", str(db), "--today", TODAY])
    assert len(shown) == 1 and str(db) in shown[0]
    if choice == "restore":
        assert code == 0
        assert [loan.name for loan in Repository(db).load().loans] == ["A"]
    else:
        assert code == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "cannot be read" in err
        assert db.read_bytes() == b"{oops"
