"""The cyclic garbage collector: off for a command (it lives a fraction of a second), on for
what runs for hours (the app, `serve`)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import debtcoach.cli
import debtcoach.ui.serve
from debtcoach import entry
from tests.cli.runner import run


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    if was_enabled:
        gc.enable()


def test_a_command_runs_without_the_cyclic_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(debtcoach.cli, "main", lambda: seen.append(gc.isenabled()) or 0)
    gc.enable()
    assert entry.main() == 0
    assert seen == [False]


def test_serve_turns_the_collector_back_on(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    def fake_serve(**_options: Any) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(debtcoach.ui.serve, "serve", fake_serve)
    gc.disable()
    assert run(sample_db, "serve") == 0
    assert seen == [True]
