"""The CLI's launcher turns an unexpected error in the app into one line and a crash log.

The app is replaced by one that fails before its first frame (as a broken theme module or a bug
in a screen's constructor would): `debtcoach` must exit 1 with one line on stderr naming the log,
and the log must be private and hold the traceback. A store error is still said in one line.
"""

from __future__ import annotations

import importlib
import stat
import tempfile
from datetime import datetime
from pathlib import Path

import pytest

from debtcoach.cli import main
from debtcoach.services.crash_log import crash_log_folder, crash_message
from debtcoach.services.exchange import StoreError

TODAY = "2026-11-23"


def failing_app(error: Exception):  # type: ignore[no-untyped-def]
    def run(*, path: Path, today: object, theme: object, demo: bool, config: object) -> int:
        raise error

    return run


def test_an_error_before_the_first_frame_is_one_line_and_a_log(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    app_module = importlib.import_module("debtcoach.ui.app")
    monkeypatch.setattr(app_module, "run", failing_app(KeyError("theme \x1b[31m")))
    code = main(["--db", str(sample_db), "--today", TODAY])
    captured = capsys.readouterr()
    assert code == 1
    (log,) = sample_db.parent.glob("crash-*.log")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert captured.err == (
        f"debtcoach: unexpected error (KeyError: 'theme \\x1b[31m'); the details are in {log}\n"
    )
    assert captured.out == ""
    text = log.read_text()
    assert "Traceback (most recent call last)" in text and "KeyError" in text


def test_a_store_error_at_start_is_still_said_in_one_line_without_a_log(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    app_module = importlib.import_module("debtcoach.ui.app")
    monkeypatch.setattr(app_module, "run", failing_app(StoreError("the file is locked")))
    assert main(["--db", str(sample_db), "--today", TODAY]) == 1
    assert capsys.readouterr().err == "debtcoach: the file is locked\n"
    assert list(sample_db.parent.glob("crash-*.log")) == []


def test_when_the_log_cannot_be_written_the_line_says_so(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("")
    line = crash_message(not_a_folder, RuntimeError("boom"), datetime(2026, 11, 23, 9, 30))
    assert line.startswith("debtcoach: unexpected error (RuntimeError: boom); no crash log")
    assert "\n" not in line


def test_a_demo_keeps_its_log_where_it_outlives_the_demo(tmp_path: Path) -> None:
    data = tmp_path / "debtcoach.json"
    assert crash_log_folder(data) == tmp_path
    assert crash_log_folder(data, demo=True) == Path(tempfile.gettempdir())
    log = crash_message(tmp_path, RuntimeError("x\ny"), datetime(2026, 11, 23, 9, 30, 5))
    assert log.endswith(f"{tmp_path / 'crash-20261123-093005.log'}")
    assert "x\\ny" in log
