"""What the terminal shows, as lines of text: read back from the app's own screenshot."""

from __future__ import annotations

import html
import re

from rich.cells import cell_len
from textual.app import App

_TEXT = re.compile(
    r'<text[^>]*\bx="(?P<x>[\d.]+)"[^>]*clip-path="url\(#[\w-]*-line-(?P<line>\d+)\)"[^>]*>'
    r"(?P<text>[^<]*)</text>"
)
CELL_WIDTH = 12.2
"""Width of one terminal cell in Textual's SVG screenshots."""


def screen_lines(app: App[object]) -> list[str]:
    """Every row of the screen as it is drawn now, one string per row."""
    width, height = app.size
    rows = [[" "] * width for _ in range(height)]
    for match in _TEXT.finditer(app.export_screenshot()):
        row = int(match["line"])
        column = round(float(match["x"]) / CELL_WIDTH)
        text = html.unescape(match["text"]).replace("\xa0", " ")
        for char in text:
            # A CJK character takes two cells: its second cell holds nothing of its own.
            if row < height and column < width:
                rows[row][column] = char
                for extra in range(1, cell_len(char)):
                    if column + extra < width:
                        rows[row][column + extra] = ""
            column += cell_len(char)
    return ["".join(row).rstrip() for row in rows]


def screen_words(app: App[object]) -> str:
    """The screen's text with every run of spaces and line ends as one space."""
    return " ".join(" ".join(screen_lines(app)).split())
