"""A sortable, filterable table of records, the widget every list screen shows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, cast

from msgspec import Struct
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual._types import SegmentLines
from textual.binding import Binding, BindingType
from textual.widgets import DataTable
from textual.widgets._data_table import CellCacheKey

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

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> SegmentLines:
        """DataTable's own cell, drawn straight from its Text (`cell_lines`): the same
        characters in the same styles as rich's layout of the cell in `Padding`, in a third of
        the time; that layout was most of what a list screen cost when first shown."""
        cell = self._own_cell(row_index, column_index, width)
        if cell is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = (
            self._header_row_key if row_index == -1 else self._row_locations.get_key(row_index)
        )
        cache_key = cast(
            CellCacheKey,
            (
                row_key,
                self._column_locations.get_key(column_index),
                base_style,
                cursor,
                hover,
                self._show_hover_cursor,
                self._update_count,
                self._pseudo_class_state,
            ),
        )
        cached = self._cell_render_cache.get(cache_key)
        if cached is not None:
            return cached
        fixed = row_index != -1 and (
            row_index < self.fixed_rows or column_index < self.fixed_columns
        )
        component_style, post_style = self._get_styles_to_render_cell(
            row_index == -1,
            False,
            fixed,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        pre_style = base_style + Style.from_meta({"row": row_index, "column": column_index})
        lines = cell_lines(
            self.app.console,
            cell,
            width,
            self._cell_height(row_index),
            self.cell_padding,
            pre_style + component_style,
            post_style,
        )
        self._cell_render_cache[cache_key] = lines
        return lines

    def _cell_height(self, row_index: int) -> int:
        """The row's height in lines; 0 for a row that measures itself (auto height)."""
        if row_index == -1:
            return self.header_height
        row_key = self._row_locations.get_key(row_index)
        row = None if row_key is None else self.rows.get(row_key)
        return 0 if row is None or row.auto_height else row.height

    def _own_cell(self, row_index: int, column_index: int, width: int) -> Text | None:
        """The cell's Text, if `cell_lines` draws it exactly as DataTable would."""
        if column_index < 0 or width - 2 * self.cell_padding <= 0:
            return None
        if self._cell_height(row_index) < 1:
            return None
        cell = self._get_row_renderables(row_index).cells[column_index]
        if not isinstance(cell, Text) or cell.justify == "full" or "\t" in cell.plain:
            return None
        return cell

    @property
    def current_key(self) -> str | None:
        if self.row_count == 0:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:  # the cursor is past the end after rows went away
            return None
        return key.value


_PLAIN = Style()


def cell_lines(
    console: Console,
    cell: Text,
    width: int,
    height: int,
    padding: int,
    pre_style: Style,
    post_style: Style,
) -> SegmentLines:
    """What `console.render_lines(Styled(Padding(cell, (0, padding)), pre_style, post_style))`
    gives for a Text in a row `height` lines high, without rich's generic layout passes: the
    text wrapped (in a row of one line: cropped), justified as rich does it (`Text.wrap`),
    each line padded with plain spaces, blank lines below to the row's height."""
    inner = width - 2 * padding
    wrapped = cell.wrap(
        console,
        inner,
        justify=cell.justify or "default",
        overflow=cell.overflow or "fold",
        no_wrap=cell.no_wrap if cell.no_wrap is not None else height == 1,
    )
    rendered = Text("\n").join(wrapped[:height]).render(console)
    side = Segment(" " * padding, _PLAIN)
    lines: SegmentLines = []
    for line in Segment.split_lines(rendered):
        gap = inner - Segment.get_line_length(line)
        if gap > 0:
            line.append(Segment(" " * gap, _PLAIN))
        lines.append(list(Segment.apply_style([side, *line, side], pre_style, post_style)))
    blank = list(Segment.apply_style([Segment(" " * width, _PLAIN)], pre_style, post_style))
    lines.extend(list(blank) for _ in range(height - len(lines)))
    return lines


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
