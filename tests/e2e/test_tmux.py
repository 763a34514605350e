"""End to end: the installed `debtcoach` in a real terminal (tmux, 80x24), every screen by key.

tmux runs on a private socket with no user config. Waiting is bounded polling of `capture-pane`
until the expected text appears; nothing here asserts on timing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

WAIT_SECONDS = 30.0  # an upper bound for a slow machine, not an expectation
FOOTER = "^p Palette"


def debtcoach_command() -> str:
    found = shutil.which("debtcoach", path=str(Path(sys.executable).parent)) or shutil.which(
        "debtcoach"
    )
    if found is None:
        pytest.skip("the debtcoach command is not installed")
    return found


class Terminal:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        assert TMUX is not None
        return subprocess.run(
            [TMUX, "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=check,
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "app").stdout

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", "app", check=False).returncode == 0

    def wait_until(self, condition: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + WAIT_SECONDS
        text = ""
        while time.monotonic() < deadline:
            if not self.alive():
                pytest.fail(f"the app ended while waiting for {what}:\n{text}")
            text = self.screen()
            if condition(text):
                return text
            time.sleep(0.1)
        pytest.fail(f"never saw {what}; the screen was:\n{text}")

    def wait_for(self, *needles: str) -> str:
        return self.wait_until(lambda s: all(n in s for n in needles), " and ".join(needles))

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "app", *keys)


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    term = Terminal(f"debtcoach-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    command = f"{debtcoach_command()} --demo --today 2026-11-23"
    term.tmux(
        "new-session", "-d", "-s", "app", "-x", "80", "-y", "24",
        "-e", "TERM=xterm-256color", command,
    )  # fmt: skip
    try:
        yield term
    finally:
        term.tmux("kill-server", check=False)


def test_visit_every_screen_and_quit(terminal: Terminal) -> None:
    first = terminal.wait_for("Time for this week's check-in")
    assert "2026-W48" in first
    terminal.keys("s")  # skip the check-in for now
    dashboard = terminal.wait_until(
        lambda s: "Owed in total" in s and FOOTER in s and "Time for this week" not in s,
        "the dashboard",
    )
    assert "$18,700.00" in dashboard
    assert "Debt-free in September 2028" in dashboard
    assert "in 5 days" in dashboard

    visits = [
        ("l", ("4 open loans", "Visa", "QuickCash")),
        ("o", ("Salary", "Weekend delivery", "Per month")),
        ("t", ("Clothing", "Eating out", "Target")),
        ("f", ("Mum", "Li Wei", "Promised")),
        ("p", ("avalanche", "snowball", "o so far · - minimums only")),
        ("i", ("What if: moves tried on a copy", "All together")),
        ("w", ("This week is 2026-W48",)),
        ("question_mark", ("Help — esc closes", "Screens")),
    ]
    for key, needles in visits:
        terminal.keys("?" if key == "question_mark" else key)
        terminal.wait_for(*needles, FOOTER)

    terminal.keys("Escape")
    terminal.wait_for("2026-W48", "Week", FOOTER)
    terminal.keys("d")
    terminal.wait_for("Owed in total", FOOTER)
    terminal.keys("c")
    terminal.wait_for("Stop borrowing to repay", "1, stop lending.", FOOTER)
    terminal.keys("c")
    terminal.wait_for("Owed in total", FOOTER)

    terminal.keys("q")
    deadline = time.monotonic() + WAIT_SECONDS
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not terminal.alive(), "q did not end the app"
