"""A sortable, filterable table of records, the widget every list screen shows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from msgspec import Struct
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from debtcoach.domain.text_rules import cells, printable
from debtcoach.domain.wording import N_, _


class Column(Struct, frozen=True):
    label: str
    right: bool = False


class Row(Struct, frozen=True):
    """One record as the table shows it.

    `sort` holds one comparable value per column (None sorts last); `search` is the text the
    `/` filter matches; `alert` makes the row stand out (overdue, at risk) — in colour and with
    a "!" in its first cell, so it stands out without colour too.
    """

    key: str
    cells: tuple[str, ...]
    sort: tuple[object, ...]
    search: str
    alert: bool = False
    muted: bool = False


def sort_value(value: object) -> tuple[int, object]:
    return (1, "") if value is None else (0, value)


class RecordTable(DataTable[Text]):
    """A row-cursor DataTable that keeps the cursor on the same record across redraws."""

    DEFAULT_CSS = """
    RecordTable { height: 1fr; }
    """
    # With a row cursor, home/end mean the first/last record (not the first/last column).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", N_("First"), show=False),
        Binding("end", "scroll_bottom", N_("Last"), show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        self._labels: tuple[str, ...] = ()

    def show(
        self,
        columns: Sequence[Column],
        rows: Sequence[Row],
        *,
        sort_column: int,
        reverse: bool,
        alert_style: str,
        muted_style: str,
    ) -> None:
        current = self.current_key
        labels = tuple(
            f"{_(column.label)} {'▼' if reverse else '▲'}"
            if index == sort_column
            else _(column.label)
            for index, column in enumerate(columns)
        )
        # Columns are rebuilt only when the sort indicator moves; a data refresh keeps them,
        # so the widths settle once and every row lines up from the first frame.
        if labels != self._labels:
            self.clear(columns=True)
            self._labels = labels
            for index, (label, column) in enumerate(zip(labels, columns, strict=True)):
                header = Text(label, justify="right" if column.right else "left")
                self.add_column(header, key=str(index))
        else:
            self.clear()
        for row in rows:
            style = alert_style if row.alert else muted_style if row.muted else ""
            cells = []
            for index, (cell, column) in enumerate(zip(row.cells, columns, strict=True)):
                shown = printable(cell, multiline=True)
                text = f"! {shown}" if row.alert and index == 0 else shown
                cells.append(Text(text, style=style, justify="right" if column.right else "left"))
            # The lines a row holds (a rate with its penalty rate below) are known here: the
            # table need not render every cell once more to measure it.
            height = max((cell.plain.count("\n") + 1 for cell in cells), default=1)
            self.add_row(*cells, key=row.key, height=height)
        if current is not None and current in {row.key for row in rows}:
            self.move_cursor(row=self.get_row_index(current), animate=False)

    @property
    def current_key(self) -> str | None:
        if self.row_count == 0:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:  # the cursor is past the end after rows went away
            return None
        return key.value


def clip(text: str, width: int) -> str:
    """Shorten a long name for a table cell (the full name is in the edit form), counting
    control characters as the escapes the table shows for them."""
    shown = printable(text)
    if cells(shown) <= width:
        return shown
    kept = ""
    for char in shown:  # counted in terminal cells: 贷款 takes four, not two
        if cells(kept + char) > width - 1:
            break
        kept += char
    return kept + "…"


def choice(values: Sequence[tuple[str, str]]) -> Callable[[str], str]:
    """The label of a choice value, for table cells."""
    labels = dict(values)
    return lambda value: _(labels.get(value, value))
