"""Small display helpers shared by the screens and the app's notifications."""

from __future__ import annotations

from collections.abc import Iterable

from babel.dates import format_skeleton
from textual.content import Content

from debtcoach.domain.calendar import parse_month
from debtcoach.domain.text_rules import printable


def month_words(label: str, locale: str, skeleton: str = "yMMMM") -> str:
    """A plan month label ("2027-04") in words in the household's locale ("April 2027")."""
    return str(format_skeleton(skeleton, parse_month(label), locale=locale))


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
