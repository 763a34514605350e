"""A list's table draws its cells itself (`cell_lines`), faster than DataTable's own layout;
every cell must come out exactly as DataTable would draw it: the same characters in the same
styles, for any text (markup, CJK, emoji, escapes, names too long for their column, a rate with
its penalty rate on a second line), either justification, with and without the cursor or the
mouse over it."""

from __future__ import annotations

import asyncio
from itertools import product

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from rich.style import Style
from textual.app import App, ComposeResult

from debtcoach.ui.widgets.data_table import Column, RecordTable, Row
from tests.ui.test_text_property import FRAGMENTS

CELL_TEXT = st.lists(
    st.sampled_from(
        (
            *FRAGMENTS,
            "Loan 07",
            "$12,345.67",
            "招商银行信用卡",
            "a" * 40,
            "a long lender name",
            "\n",
        )
    ),
    max_size=4,
).map("".join)
COLUMNS = (Column("Name"), Column("Balance", right=True), Column("贷款"), Column("Due"))


class OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield RecordTable(id="table")


def characters(lines: list[list[Segment]]) -> list[tuple[str, Style | None]]:
    """Each character with its style: what reaches the screen, whatever the segments' split."""
    return [(char, segment.style) for line in lines for segment in line for char in segment.text]


Drawn = tuple[list[tuple[object, object]], int]


def drawn_both_ways(rows: list[Row], alert_style: str) -> Drawn:
    """(ours, DataTable's) for every cell of the header and of every row, in every state; and
    how many of the cells the table drew itself."""

    async def draw() -> Drawn:
        app = OneTable()
        async with app.run_test(size=(80, 12)) as pilot:
            table = app.query_one(RecordTable)
            table.show(
                COLUMNS,
                rows,
                sort_column=1,
                reverse=False,
                alert_style=alert_style,
                muted_style="dim",
            )
            await pilot.pause()
            pairs = []
            own = 0
            base = table.rich_style
            for row_index, (column_index, column) in product(
                range(-1, len(rows)), enumerate(table.ordered_columns)
            ):
                width = column.get_render_width(table)
                own += table._own_cell(row_index, column_index, width) is not None
                for cursor, hover in product((False, True), repeat=2):
                    drawn = []
                    for render in (table._render_cell, super(RecordTable, table)._render_cell):
                        table._cell_render_cache.clear()
                        lines = render(row_index, column_index, base, width, cursor, hover)
                        drawn.append(characters(lines))
                    pairs.append((drawn[0], drawn[1]))
            return pairs, own

    return asyncio.run(draw())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cells=st.lists(st.tuples(CELL_TEXT, CELL_TEXT, CELL_TEXT, CELL_TEXT), min_size=1, max_size=4),
    alert=st.booleans(),
)
def test_every_cell_is_drawn_as_the_data_table_draws_it(
    cells: list[tuple[str, str, str, str]], alert: bool
) -> None:
    rows = [
        Row(key=str(index), cells=texts, sort=texts, search="", alert=alert and index == 0)
        for index, texts in enumerate(cells)
    ]
    pairs, own = drawn_both_ways(rows, "bold red" if alert else "")
    assert own == (len(rows) + 1) * len(COLUMNS)  # the header and every cell
    for ours, theirs in pairs:
        assert ours == theirs


def test_a_row_of_two_lines_is_padded_as_the_data_table_pads_it() -> None:
    """A rate with its penalty rate below makes the row two lines high: the other cells have
    a blank line below (a column is as wide as its widest line, so nothing wraps)."""
    rows = [Row(key="a", cells=("a long lender name", "19.9 %\n29.9 % late", "x", "1"),
                sort=(1, 2, 3, 4), search="")]  # fmt: skip
    pairs, own = drawn_both_ways(rows, "")
    assert own == 2 * len(COLUMNS)
    assert all(ours == theirs for ours, theirs in pairs)
    assert any("29.9" in "".join(str(char) for char, _ in ours) for ours, _ in pairs)
