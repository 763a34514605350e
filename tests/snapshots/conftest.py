"""Snapshots are taken at whatever moment the keys are done: a text box's blinking cursor would
be drawn or not by chance (seen on a busy machine), so here it stays drawn."""

from __future__ import annotations

import pytest
from textual.widgets import Input


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
