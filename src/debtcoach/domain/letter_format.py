"""The formats a letter can be written in, apart from the letter itself.

The command line offers them as choices before any letter is built; the letter's layout
(`letter_layout`) is loaded only when one is.
"""

from __future__ import annotations

from enum import StrEnum


class LetterFormat(StrEnum):
    MD = "md"
    TXT = "txt"
    HTML = "html"
