"""The floor for the TUI benchmarks: the least a Textual app like ours can cost.

A header, a 40-row DataTable and a footer, importing the same storage (TinyDB), date (pendulum)
and formatting (Babel) libraries as debtcoach. `l` pushes a second screen with a 12-row table,
as debtcoach's loans screen does; `q` quits.

    python benchmarks/bare_app.py
"""

from __future__ import annotations

from typing import ClassVar

import babel.dates
import babel.numbers
import pendulum
import tinydb
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

# Held so the imports are not "unused": the point is to pay for loading them.
LIBRARIES = (babel.dates, babel.numbers, pendulum, tinydb)
COLUMNS = ("Name", "Status", "Balance", "Payment", "Rate", "Due", "Kind", "Lender")


def _rows(count: int, prefix: str) -> list[tuple[str, ...]]:
    return [
        (
            f"{prefix} {i:02d}",
            "current",
            f"${i * 1234.56:,.2f}",
            f"${i * 12.34:,.2f}",
            f"{i % 30}.99%",
            str(i % 28 + 1),
            "card",
            f"Lender {i}",
        )
        for i in range(1, count + 1)
    ]


class SecondScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="second")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        table.add_rows(_rows(12, "Item"))


class BareApp(App[None]):
    TITLE = "bare"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "second", "Second"),
        Binding("q", "quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="first")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        table.add_rows(_rows(40, "Row"))

    def action_second(self) -> None:
        self.push_screen(SecondScreen())


if __name__ == "__main__":
    BareApp().run()
