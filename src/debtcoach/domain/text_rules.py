"""What free text a person or a file may hand us, and how stored text is shown.

A lender, a note or a contact's outcome is only ever text. A control character in it can drive a
terminal (an ESC sequence retitles it or injects colours), split a CSV row or a letter's line; a
lone surrogate (what Python makes of invalid UTF-8 in a command-line argument) cannot even be
printed. Every door refuses them with `free_text_problem`; text that is already stored (an older
file may hold them) is shown through `printable`.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

from debtcoach.domain.wording import N_, _

FREE_TEXT_LIMIT = 500
NOTES_LIMIT = 5000

NOT_UTF8 = N_("is not valid UTF-8")


def is_control(char: str) -> bool:
    """C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F): what a terminal acts on."""
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F


def is_surrogate(char: str) -> bool:
    """U+D800–U+DFFF: never a character of valid UTF-8 text, only a decoding error's stand-in."""
    return 0xD800 <= ord(char) <= 0xDFFF


def has_surrogates(text: str) -> bool:
    return any(is_surrogate(char) for char in text)


def free_text_problem(
    text: str, *, multiline: bool = False, limit: int = FREE_TEXT_LIMIT
) -> str | None:
    """Why `text` cannot be stored as free text, or None when it can.

    The answer is a short sentence without the field's name, for the caller to prefix
    (`--lender: is not valid UTF-8`). `multiline` fields (notes) may hold line breaks; nothing
    else may hold a control character. `limit` counts characters (notes use `NOTES_LIMIT`).
    """
    if has_surrogates(text):
        return _(NOT_UTF8)
    for position, char in enumerate(text, start=1):
        if is_control(char) and not (multiline and char == "\n"):
            kind = (
                _("control characters other than line breaks")
                if multiline
                else _("control characters")
            )
            return _("must not contain {kind} (found {value} at character {position})").format(
                kind=kind, value=printable(char), position=position
            )
    if len(text) > limit:
        return _("is longer than {limit:,} characters (it has {value:,})").format(
            limit=limit, value=len(text)
        )
    return None


def _escape(char: str) -> str:
    return repr(char)[1:-1]


# Control characters (C0, DEL, C1) and lone surrogates; the second keeps line breaks. A
# pattern, not a translation table: a table of every surrogate holds 2,000 strings in memory
# for as long as the app runs.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_KEEPING_LINES = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    return _escape(match.group())


def printable(text: str, *, multiline: bool = False) -> str:
    """`text` with every control character and lone surrogate written as its Python escape.

    ESC becomes the four characters `\\x1b`, a tab `\\t`, a lone surrogate `\\udcff`, so stored
    text reaches a terminal, a CSV cell or a letter only as text. Everything else, including
    CJK, emoji and right-to-left text, is left as it is. With `multiline`, line breaks stay.
    """
    return (_CONTROL_KEEPING_LINES if multiline else _CONTROL).sub(_escaped, text)


def cells(text: str) -> int:
    """How many terminal cells `text` takes: 2 for a CJK character or most emoji, as Rich and
    Textual draw them (never `len`, which counts 贷款 as 2 where the terminal shows 4)."""
    return cell_len(text)


def pad(text: str, width: int, align: str = "<") -> str:
    """`text` padded with spaces to `width` cells (`<` left, `>` right); longer text is kept."""
    gap = " " * max(width - cell_len(text), 0)
    return gap + text if align == ">" else text + gap


_WRAP_TOKEN = re.compile(r"\s+|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+|.")


def wrap(text: str, width: int, indent: str = "", subsequent: str | None = None) -> list[str]:
    """`text` in lines of at most `width` terminal cells (as `textwrap.wrap`, which counts
    characters): Chinese breaks between any two characters, other words at spaces."""
    rest = indent if subsequent is None else subsequent
    lines: list[str] = []
    line, prefix = "", indent
    for token in _WRAP_TOKEN.findall(text):
        if token.isspace():
            if line:
                line += " "
            continue
        if line and cells(prefix + line + token) > width:
            lines.append(prefix + line.rstrip())
            line, prefix = "", rest
        line += token
    if line.strip():
        lines.append(prefix + line.rstrip())
    return lines
