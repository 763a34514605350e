"""User text as Textual content: shown exactly as typed, never read as markup."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from debtcoach.domain.text_rules import printable


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
