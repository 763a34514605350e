"""User text as Textual content: shown exactly as typed, never read as markup."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from debtcoach.domain.text_rules import cells, printable


def literal(text: str, *, multiline: bool = False) -> Content:
    """Text a user or a file supplied, as content that is shown exactly as written.

    Textual reads a plain string as markup: a loan named `Bad[/]` would crash the widget and
    `[bold red]X[/]` would show a red X. This never parses markup, and control characters are
    shown as escapes (`\\x1b`) so none reaches the terminal. `multiline` keeps line breaks.
    """
    return Content(printable(text, multiline=multiline))


def literal_lines(lines: Iterable[str]) -> Content:
    """Lines we put together from user text, each shown literally, one under the other."""
    return Content("\n").join(literal(line) for line in lines)


ZERO_WIDTH_SPACE = "\u200b"


def plot_safe(text: str) -> str:
    """`text` as plotext can place it on its canvas: plotext gives every character one cell,
    but a CJK character (or a wide emoji) takes two on the terminal, so every such character is
    followed by a zero-width space that plotext counts as the second cell. Without it each
    `¥4万` axis label pushed the chart's right border one cell out and the frame wrapped."""
    return "".join(
        char + ZERO_WIDTH_SPACE * (cells(char) - 1) if cells(char) > 1 else char for char in text
    )
