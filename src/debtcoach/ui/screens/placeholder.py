"""A stand-in for a screen that is still being built."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.widgets import Static

from debtcoach.ui.screens.base import DebtCoachScreen


def placeholder_screen(title: str) -> Callable[[], DebtCoachScreen]:
    class Placeholder(DebtCoachScreen):
        TITLE_TEXT = title

        def compose_body(self) -> ComposeResult:
            yield Static(f"{title}: coming soon.")

    return Placeholder
