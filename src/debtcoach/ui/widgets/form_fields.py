"""What a record form is made of: its fields (`FieldSpec`), the values it hands to its save
callback, and the error that callback raises for a rule across fields.

Apart from the form itself (`forms.RecordForm`), so that a list screen can describe its forms
without loading the form's widgets until one is opened.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal

from msgspec import Struct, field

if TYPE_CHECKING:
    from textual.content import Content

FieldKind = Literal["text", "select", "bool"]
Values = dict[str, object]


class FieldError(ValueError):
    """A value that parses alone but not with the others (an end before its start …)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


class FieldSpec(Struct, frozen=True):
    key: str
    label: str
    kind: FieldKind = "text"
    parse: Callable[[str], object] | None = None
    initial: str | bool = ""
    options: Sequence[tuple[str | Content, str]] = field(default_factory=tuple)
    """(label, value) of a choice; a label made of user text is a `Content`, never markup."""
    placeholder: str = ""


SaveCallback = Callable[[Values], str]
