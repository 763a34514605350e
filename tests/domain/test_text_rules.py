"""Free text is only ever text: the one rule the doors use, and how stored text is printed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from debtcoach.domain.models import InvalidName, validate_name
from debtcoach.domain.text_rules import (
    FREE_TEXT_LIMIT,
    NOTES_LIMIT,
    free_text_problem,
    is_control,
    printable,
)

# What Python's surrogateescape makes of the invalid UTF-8 byte 0xFF in a command-line argument.
INVALID_UTF8_ARG = b"Bank \xff".decode("utf-8", "surrogateescape")

CONTROLS = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Harbor Bank",
        "Card [old] [bold red]X[/] [link=file:///etc/passwd]",
        "=1+1 @SUM(A1) +cmd -2",
        "招商银行 信用卡",
        "مصرف",  # right-to-left
        "Mom 👩‍👧 \u200f",  # an emoji sequence (zero-width joiners) and a right-to-left mark
        "x" * FREE_TEXT_LIMIT,
    ],
)
def test_plain_text_of_any_script_is_free_text(text: str) -> None:
    assert free_text_problem(text) is None


@pytest.mark.parametrize("char", CONTROLS)
def test_every_c0_and_c1_control_is_refused(char: str) -> None:
    problem = free_text_problem(f"Bank{char}x")
    assert problem == (
        f"must not contain control characters (found {printable(char)} at character 5)"
    )
    assert not any(is_control(c) for c in problem)


def test_escape_and_bell_are_refused_and_named_visibly() -> None:
    problem = free_text_problem("\x1b]0;pwned\x07")
    assert problem == "must not contain control characters (found \\x1b at character 1)"


def test_a_line_break_is_only_for_multiline_fields() -> None:
    assert free_text_problem("first line\nsecond line", multiline=True, limit=NOTES_LIMIT) is None
    assert free_text_problem("first line\nsecond line") == (
        "must not contain control characters (found \\n at character 11)"
    )
    assert free_text_problem("a\r\nb", multiline=True) == (
        "must not contain control characters other than line breaks (found \\r at character 2)"
    )
    assert free_text_problem("a\n\x1b[31mred", multiline=True) == (
        "must not contain control characters other than line breaks (found \\x1b at character 3)"
    )


def test_invalid_utf8_from_the_command_line_is_named_as_such() -> None:
    assert free_text_problem(INVALID_UTF8_ARG) == "is not valid UTF-8"
    assert free_text_problem("\ud800", multiline=True) == "is not valid UTF-8"


def test_text_longer_than_the_limit_is_refused() -> None:
    assert free_text_problem("x" * (FREE_TEXT_LIMIT + 1)) == (
        "is longer than 500 characters (it has 501)"
    )
    assert free_text_problem("x" * NOTES_LIMIT, multiline=True, limit=NOTES_LIMIT) is None
    assert free_text_problem("x" * 5001, multiline=True, limit=NOTES_LIMIT) == (
        "is longer than 5,000 characters (it has 5,001)"
    )
    # Characters, not bytes: 500 CJK characters are 1,500 bytes of UTF-8 and still fit.
    assert free_text_problem("债" * FREE_TEXT_LIMIT) is None


def test_a_name_of_invalid_utf8_is_refused_with_the_same_words() -> None:
    with pytest.raises(InvalidName, match=r"^--name is not valid UTF-8$"):
        validate_name(INVALID_UTF8_ARG, what="--name")


def test_printable_makes_every_control_and_surrogate_visible() -> None:
    assert printable("\x1b]0;pwned\x07") == "\\x1b]0;pwned\\x07"
    assert printable("a\tb\r\nc\x7f\x85\x9f") == "a\\tb\\r\\nc\\x7f\\x85\\x9f"
    assert printable(INVALID_UTF8_ARG) == "Bank \\udcff"
    assert printable("one\ntwo\r", multiline=True) == "one\ntwo\\r"


def test_printable_escapes_exactly_the_control_and_surrogate_ranges() -> None:
    """The edges of each range: C0 (up to 0x1f), DEL and C1 (0x7f-0x9f), surrogates."""
    escaped = ["\x1f", "\x7f", "\x9f", "\ud800", "\udfff"]
    kept = [" ", "~", "\xa0", "\ud7ff", "\ue000", "\U0001f600"]
    assert [printable(c) for c in escaped] == ["\\x1f", "\\x7f", "\\x9f", "\\ud800", "\\udfff"]
    assert [printable(c) for c in kept] == kept
    assert printable("\n") == "\\n" and printable("\n", multiline=True) == "\n"
    assert printable("\x0b\x0c", multiline=True) == "\\x0b\\x0c"


@pytest.mark.parametrize("multiline", [False, True])
def test_printable_escapes_every_code_point_as_the_escape_table_says(multiline: bool) -> None:
    """All 1,114,112 code points at once, lone surrogates included (which `st.text()` never
    draws), against the definition: C0, DEL, C1 and surrogates as their Python escape."""
    table = {
        code: repr(chr(code))[1:-1]
        for code in (*range(0x20), *range(0x7F, 0xA0), *range(0xD800, 0xE000))
    }
    if multiline:
        del table[ord("\n")]
    every = "".join(map(chr, range(0x110000)))
    assert printable(every, multiline=multiline) == every.translate(table)


@given(st.text(), st.booleans())
def test_printable_escapes_each_character_on_its_own(text: str, multiline: bool) -> None:
    assert printable(text, multiline=multiline) == "".join(
        printable(char, multiline=multiline) for char in text
    )


def test_printable_leaves_text_alone() -> None:
    text = "Card [old] 招商银行 مصرف 👩‍👧 \u200f\u3000\xa0é"
    assert printable(text) == text


@given(st.text())
def test_printable_output_never_holds_a_control_or_can_fail_to_encode(text: str) -> None:
    shown = printable(text)
    assert not any(is_control(c) for c in shown)
    shown.encode("utf-8")  # a lone surrogate would raise here
    assert free_text_problem(shown, limit=len(shown)) is None
    if free_text_problem(text, limit=len(text)) is None:
        assert shown == text
