"""A crash is never silent and never a screenful of traceback.

The real app runs in a real terminal (a pseudo-terminal) in a child process whose dashboard
raises: it must exit 1 once the terminal is restored, print one line naming a private crash log
next to the data file, and the log must hold the traceback. A Ctrl-C while the program is still
loading ends it with 130 and no traceback.
"""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from debtcoach.bundled import sample_data_file
from debtcoach.ui.screens.dashboard import DashboardScreen
from tests.conftest import make_app

WAIT_SECONDS = 60.0  # an upper bound for a slow machine, not an expectation
ESCAPE_SEQUENCE = re.compile(rb"\x1b\[[0-9;?<>=$]*[A-Za-z~]|\x1b\][^\x07]*\x07|\x07|\r")
LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"

CHILD = """
import sys, time
from debtcoach.ui.screens.dashboard import DashboardScreen

def boom(self, household):
    raise RuntimeError("boom [b]x[/b]")

DashboardScreen.refresh_data = boom
from debtcoach.cli import main
sys.exit(main(["--db", sys.argv[1], "--today", "2026-11-23"]))
"""

SLOW_IMPORT = """
import importlib.metadata, signal, sys, time

# Ctrl-C as in a terminal's foreground job, also when the tests run as a background job
# (which starts every child with SIGINT ignored).
signal.signal(signal.SIGINT, signal.default_int_handler)

class SlowCli:
    '''Stalls the import of the CLI, so that the Ctrl-C lands while the program loads.'''
    def find_spec(self, name, path=None, target=None):
        if name == "debtcoach.cli":
            print("loading", file=sys.stderr, flush=True)
            time.sleep(20)
        return None

sys.meta_path.insert(0, SlowCli())
(command,) = importlib.metadata.entry_points(group="console_scripts", name="debtcoach")
sys.argv = ["debtcoach", "--db", sys.argv[1], "--today", "2026-11-23", "loan", "list"]
sys.exit(command.load()())
"""


def run_in_terminal(script: str, *args: str) -> tuple[int, bytes]:
    """Run `script` in a child whose stdin, stdout and stderr are a pseudo-terminal."""
    main, child_end = pty.openpty()
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="80", LINES="24")
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        stdin=child_end,
        stdout=child_end,
        stderr=child_end,
        env=env,
        close_fds=True,
    )
    os.close(child_end)
    output = b""
    deadline = time.monotonic() + WAIT_SECONDS
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(main, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            elif child.poll() is not None:
                break
        code = child.wait(timeout=WAIT_SECONDS)
    finally:
        if child.poll() is None:
            child.kill()
        os.close(main)
    return code, output


def after_the_app(output: bytes) -> list[str]:
    """The lines printed once the app left the alternate screen, without escape sequences."""
    tail = output.split(LEAVE_ALTERNATE_SCREEN)[-1]
    return ESCAPE_SEQUENCE.sub(b"", tail).decode("utf-8", "replace").strip().splitlines()


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "money" / "debtcoach.json"
    path.parent.mkdir()
    shutil.copyfile(sample_data_file(), path)
    return path


async def test_an_error_in_a_screen_is_kept_for_the_log_not_drawn(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(self: DashboardScreen, household: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(DashboardScreen, "refresh_data", boom)
    app = make_app(sample_db)
    with pytest.raises(RuntimeError, match="boom"):
        async with app.run_test(size=(80, 24)):
            pass
    assert isinstance(app.crash, RuntimeError)
    assert app.return_code == 1
    assert app._exit_renderables == []  # no full-screen traceback once the terminal is back


def test_a_crash_exits_1_with_one_line_and_a_private_log(data_file: Path) -> None:
    before = data_file.read_bytes()
    code, output = run_in_terminal(CHILD, str(data_file))
    assert code == 1
    assert b"Traceback" not in output
    logs = sorted(data_file.parent.glob("crash-*.log"))
    assert len(logs) == 1
    log = logs[0]
    assert re.fullmatch(r"crash-\d{8}-\d{6}\.log", log.name)
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert after_the_app(output) == [
        f"debtcoach: unexpected error (RuntimeError: boom [b]x[/b]); the details are in {log}"
    ]
    text = log.read_text()
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: boom [b]x[/b]" in text
    assert data_file.read_bytes() == before


def test_ctrl_c_while_the_program_loads_prints_no_traceback(data_file: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(SLOW_IMPORT), str(data_file)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert child.stderr is not None
        assert child.stderr.readline() == b"loading\n"
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=WAIT_SECONDS)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 130
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err
    assert out == b""


SLOW_START = """
import signal, sys, time
from debtcoach.services import Ledger

signal.signal(signal.SIGINT, signal.default_int_handler)  # as in SLOW_IMPORT

read = Ledger.household

def slow(self):
    print("starting", file=sys.stderr, flush=True)
    time.sleep(20)
    return read(self)

Ledger.household = slow
from debtcoach.cli import main
sys.exit(main(["--db", sys.argv[1], "--today", "2026-11-23"]))
"""


def test_ctrl_c_before_the_first_frame_prints_no_traceback(data_file: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(SLOW_START), str(data_file)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert child.stderr is not None
        assert child.stderr.readline() == b"starting\n"
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=WAIT_SECONDS)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 130
    assert b"Traceback" not in err
