"""End to end in a browser: `debtcoach serve` in headless Chromium, driven over the DevTools protocol.

The served terminal is drawn on a canvas, so the screen's text is read from xterm.js's own buffer
(found with the protocol's `Runtime.queryObjects`). Waiting is bounded polling until the expected
text appears; nothing here asserts on timing. The loans screen's screenshot is kept as
`test-artifacts/browser-loans.png` (the README's Development section names it).
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.runner import TODAY

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
)

WAIT_SECONDS = 60.0  # an upper bound for a slow machine, not an expectation
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "test-artifacts" / "browser-loans.png"

READ_SCREEN = """function () {
    const session = this.find((o) => o && o.terminal && o.terminal.buffer && o.fitAddon);
    if (!session) return null;
    const buffer = session.terminal.buffer.active;
    const rows = [];
    for (let i = 0; i < session.terminal.rows; i++) {
        const line = buffer.getLine(i);
        rows.push(line ? line.translateToString(true) : "");
    }
    return rows.join("\\n");
}"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(what: str, check: Callable[[], Any], seen: Callable[[], str] = str) -> Any:
    """Poll `check` until it gives something true; on giving up, say what `seen` shows."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.25)
    raise AssertionError(f"gave up waiting for {what}; the screen shows:\n{seen()}")


class Browser:
    """One headless Chromium page, spoken to over the DevTools protocol's WebSocket."""

    def __init__(self, debugging_url: str) -> None:
        websocket = pytest.importorskip("websocket", reason="websocket-client is a test extra")
        self.ws = websocket.create_connection(debugging_url, suppress_origin=True, timeout=30)
        self.ids = itertools.count(1)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        number = next(self.ids)
        self.ws.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == number:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message["result"]  # type: ignore[no-any-return]

    def screen_text(self) -> str:
        """The served terminal's rows as text ("" before the app has drawn)."""
        prototype = self.call("Runtime.evaluate", expression="Object.prototype")["result"]
        objects = self.call("Runtime.queryObjects", prototypeObjectId=prototype["objectId"])
        result = self.call("Runtime.callFunctionOn", objectId=objects["objects"]["objectId"],
                           functionDeclaration=READ_SCREEN, returnByValue=True)  # fmt: skip
        self.call("Runtime.releaseObject", objectId=objects["objects"]["objectId"])
        return str(result["result"].get("value") or "")

    def press(self, key: str, *, ctrl: bool = False) -> None:
        """Type one letter into the terminal, as a person would (focus, key down, key up)."""
        self.call("Runtime.evaluate",
                  expression="document.querySelector('.xterm-helper-textarea').focus()")  # fmt: skip
        code = f"Key{key.upper()}"
        keycode = ord(key.upper())
        typed = {"modifiers": 2} if ctrl else {"text": key, "unmodifiedText": key}
        self.call("Input.dispatchKeyEvent", type="keyDown", key=key, code=code,
                  windowsVirtualKeyCode=keycode, **typed)  # fmt: skip
        self.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=code,
                  windowsVirtualKeyCode=keycode, modifiers=2 if ctrl else 0)  # fmt: skip

    def screenshot(self, path: Path) -> None:
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))


@pytest.fixture
def served(sample_db: Path) -> Iterator[str]:
    """`debtcoach serve` on the sample household, on a free port; yields the URL it printed."""
    port = free_port()
    command = [sys.executable, "-m", "debtcoach.cli", "--db", str(sample_db), "--today", TODAY,
               "serve", "--port", str(port)]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})  # fmt: skip
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        assert line.startswith("debtcoach: serving the app at http://127.0.0.1:"), line
        url = line.split(" at ", 1)[1].split()[0]
        assert url == f"http://127.0.0.1:{port}"
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    assert CHROMIUM is not None
    port = free_port()
    chromium = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--remote-debugging-port={port}", f"--user-data-dir={tmp_path / 'profile'}",
         "--window-size=1100,720", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip

    def page_url() -> str | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json") as answer:
                pages = [t for t in json.load(answer) if t["type"] == "page"]
        except OSError:
            return None
        return pages[0]["webSocketDebuggerUrl"] if pages else None

    try:
        page = Browser(wait_for("Chromium's DevTools endpoint", page_url))
        page.call("Page.enable")
        yield page
        page.ws.close()
    finally:
        chromium.terminate()
        chromium.wait(timeout=30)


def test_the_readme_names_the_screenshot() -> None:
    """A person looking for the picture finds where it is without reading this file."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`{SCREENSHOT.relative_to(ROOT)}`" in readme


@needs_chromium
def test_the_served_app_shows_the_dashboard_then_the_loans_screen(
    served: str, browser: Browser
) -> None:
    browser.call("Page.navigate", url=served)
    dashboard = wait_for(
        "the dashboard under the check-in offer",
        lambda: (
            (text := browser.screen_text())
            and "Owed in total" in text
            and "Time for this week's check-in" in text
            and text
        ),
    )
    assert "$18,700.00" in dashboard  # the sample household's total, as the terminal shows it
    browser.press("s")  # skip the check-in for now
    wait_for("the offer to close", lambda: "Time for this week" not in browser.screen_text(),
             browser.screen_text)  # fmt: skip
    browser.press("l")
    loans = wait_for(
        "the loans screen",
        lambda: (
            (text := browser.screen_text()) and "open loans" in text and "Balance" in text and text
        ),
        browser.screen_text,
    )
    assert "Owed in total" not in loans
    for name in ("Visa", "Car loan", "Sofa loan", "QuickCash"):
        assert name in loans
    SCREENSHOT.parent.mkdir(exist_ok=True)
    browser.screenshot(SCREENSHOT)
    assert SCREENSHOT.read_bytes().startswith(b"\x89PNG")


@needs_chromium
def test_a_file_the_served_app_hands_over_is_a_browser_download(
    served: str, browser: Browser, tmp_path: Path
) -> None:
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.call("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads))
    browser.call("Page.navigate", url=served)
    wait_for("the check-in offer", lambda: "Time for this week" in browser.screen_text(),
             browser.screen_text)  # fmt: skip
    browser.press("s")
    wait_for("the offer to close", lambda: "Time for this week" not in browser.screen_text(),
             browser.screen_text)  # fmt: skip
    browser.press("e", ctrl=True)  # save the calendar
    saved = wait_for("the download", lambda: [p for p in downloads.glob("*.ics")])
    assert [p.name for p in saved] == ["debtcoach-due.ics"]
    text = saved[0].read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR") and "SUMMARY:Sofa loan: pay $95.00" in text
    assert "Sent debtcoach-due.ics to the browser" in browser.screen_text()
