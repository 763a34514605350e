"""A lender's name is only text in the letter: no heading, link, image or HTML from the data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from msgspec.structs import replace

from debtcoach.domain.letter_layout import letter_text
from debtcoach.domain.letters import render_letter
from debtcoach.domain.models import (
    Expense,
    Frequency,
    Household,
    IncomeKind,
    IncomeSource,
    Loan,
    LoanKind,
    LoanStatus,
    Settings,
)
from debtcoach.domain.money import Money
from debtcoach.domain.proposal import PLACEHOLDERS, LetterOptions, build_proposal
from debtcoach.domain.restructure import quote_restructure
from debtcoach.domain.text_rules import printable

TODAY = date(2026, 11, 23)
HOSTILE_LENDER = "Bank\n# Heading\n[x](http://evil) <script>alert(1)</script> ![t](http://t/p.png)"
HOSTILE = [
    HOSTILE_LENDER,
    "\x1b]0;pwned\x07 \x1b[31mred",
    "## Sub\n- item\n> quote\n1. one\n---\n| a | b |",
    "<img src=x onerror=alert(1)>&amp; &#60;",
    "`code` **bold** _it_ ~~gone~~ \\* [ref]: http://evil",
    "[link](javascript:alert(1)) <http://evil> ![img][ref]",
]


def usd(minor: int) -> Money:
    return Money(minor, "USD")


def household(text: str) -> Household:
    """Every value the letter shows from the data holds `text`."""
    loan = Loan(
        name="Visa",
        kind=LoanKind.CREDIT_CARD,
        balance=usd(520000),
        apr=Decimal("19.99"),
        min_payment=usd(15600),
        lender=text,
        overdue_since=date(2026, 8, 20),
        status=LoanStatus.OVERDUE,
    )
    other = Loan(f"Car {text}", LoanKind.CAR, usd(740000), Decimal("6.9"), usd(24500), lender=text)
    return Household(
        settings=Settings(safety_buffer=usd(10000)),
        loans=(loan, other),
        income=(
            IncomeSource("Salary", IncomeKind.REGULAR, usd(265000), Frequency.MONTHLY),
            IncomeSource(f"Side {text}", IncomeKind.SIDE, usd(9000), Frequency.WEEKLY),
        ),
        expenses=(Expense(f"Cut {text}", usd(21000), usd(6000), cut_active=True),),
    )


def letter(h: Household, loan_name: str = "Visa") -> str:
    loan = h.loan(loan_name)
    assert loan is not None
    quote = quote_restructure(loan, 36)
    named = LetterOptions(name_other_lenders=True)
    return render_letter(build_proposal(h, loan_name, quote, TODAY, named))


def tokens(markdown: str, preset: str = "commonmark") -> list[Token]:
    parser = MarkdownIt(preset).enable("table")
    flat: list[Token] = []
    for token in parser.parse(markdown):
        flat.append(token)
        flat.extend(token.children or [])
    return flat


def hidden_links(markdown: str) -> list[Token]:
    """Links whose target is not their visible text. A GFM viewer (Textual's among them) still
    turns a bare URL typed into a name into a link, but that one shows where it goes."""
    return [
        t
        for t in tokens(markdown, "gfm-like")
        if t.type in {"link_open", "image"} and t.markup != "linkify"
    ]


def test_a_hostile_lender_adds_no_heading_link_script_or_image() -> None:
    text = letter(household(HOSTILE_LENDER))
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert all("Heading" not in line for line in headings)
    assert "](" not in text
    assert "<script" not in text
    assert "![" not in text
    assert "To: Bank # Heading \\[x\\]\\(http://evil) &lt;script&gt;" in text
    assert "Dear Bank # Heading \\[x" in text


@pytest.mark.parametrize("hostile", HOSTILE)
def test_the_rendered_letter_has_only_its_own_structure(hostile: str) -> None:
    plain = tokens(letter(household("Harbor Bank")))
    found = tokens(letter(household(hostile)))
    kinds = {t.type for t in plain}
    # Same blocks as with a plain name: no new heading, list, quote, rule, table or HTML.
    assert [t.type for t in found if t.block] == [t.type for t in plain if t.block]
    assert {t.type for t in found} <= kinds
    for token in found:
        assert token.type not in {"link_open", "image", "html_inline", "html_block"}
        assert printable(token.content, multiline=True) == token.content
    assert hidden_links(letter(household(hostile))) == []


def test_a_plain_name_is_unchanged_in_the_letter() -> None:
    text = letter(household("Harbor Bank"))
    assert "To: Harbor Bank\n" in text
    assert "Dear Harbor Bank," in text
    assert "- Car Harbor Bank (Harbor Bank): $245.00" in text


def test_one_line_fields_collapse_every_whitespace_run() -> None:
    assert letter_text("  Harbor\n\n Bank\t\r\nLtd  ") == "Harbor Bank Ltd"
    assert letter_text("Harbor\u2028Bank") == "Harbor Bank"


def test_control_characters_are_shown_not_sent() -> None:
    assert letter_text("A\x1b]0;x\x07") == "A\\\\x1b\\]0;x\\\\x07"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("AT&T <Bank>", "AT&amp;T &lt;Bank&gt;"),
        ("Visa_Card *1* `x` |a| !", "Visa\\_Card \\*1\\* \\`x\\` \\|a\\| \\!"),
        ("# 1", "\\# 1"),
        ("- Bank", "\\- Bank"),
        ("+ Bank", "\\+ Bank"),
        ("12. Bank", "12\\. Bank"),
        ("Card #2 - new", "Card #2 - new"),
        ("C:\\path", "C:\\\\path"),
        ("招商银行 (HK)", "招商银行 (HK)"),
    ],
)
def test_markdown_and_html_in_a_value_are_escaped(value: str, shown: str) -> None:
    assert letter_text(value) == shown


@settings(deadline=None)  # each example simulates two payoff plans
@given(st.text())
def test_any_lender_renders_as_its_own_text_on_one_line(text: str) -> None:
    h = household("Harbor Bank")
    h = replace(h, loans=(replace(h.loans[0], lender=text), h.loans[1]))
    found = tokens(letter(h))
    assert not any(t.type in {"link_open", "image", "html_inline", "html_block"} for t in found)
    assert hidden_links(letter(h)) == []
    to_line = next(line for line in letter(h).splitlines() if line.startswith("To: "))
    # the name sits inside the line, so only the line's own start could make a block
    expected = letter_text(f"To: {text}") if letter_text(text) else "To: [lender's name]"
    if any(placeholder in text for placeholder in PLACEHOLDERS):
        # A name holding a placeholder's words ("[your address]") keeps them as the letter's
        # own are kept, unescaped: it must still read as typed, and never be a link.
        assert shown_text(to_line) == shown_text(expected)
    else:
        assert to_line == expected


def shown_text(line: str) -> str:
    """What a reader of the rendered Markdown line sees."""
    inline = MarkdownIt("commonmark").parseInline(line)[0].children or []
    return "".join(token.content for token in inline if token.type in {"text", "code_inline"})


def test_a_lender_named_like_a_placeholder_with_a_link_stays_text() -> None:
    h = household("[your address](http://evil.example)")
    assert hidden_links(letter(h)) == []
    to_line = next(line for line in letter(h).splitlines() if line.startswith("To: "))
    assert shown_text(to_line) == "To: [your address](http://evil.example)"
