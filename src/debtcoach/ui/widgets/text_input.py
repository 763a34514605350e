"""A text box that never writes a control character to the terminal."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input

from debtcoach.domain.text_rules import is_control

_HIDDEN = {code: None for code in (*range(0x20), *range(0x7F, 0xA0)) if code != ord("\t")}


class TextInput(Input):
    """Textual draws an Input's value as it is: an ESC pasted into a field would reach the
    terminal (retitle it, inject colours). Here control characters are left out of what is
    drawn; they take no cell anyway, so the cursor stays where it belongs, and the field's own
    check says which one is there and where. Stored text is pre-filled through `printable`,
    so an older file's control characters show as escapes the user can see and edit.
    """

    @property
    def _value(self) -> Text:
        if self.password or not any(is_control(char) for char in self.value):
            return super()._value
        return Text(self.value.translate(_HIDDEN), no_wrap=True, overflow="ignore", end="")
