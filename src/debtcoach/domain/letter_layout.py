"""A letter as a few kinds of blocks, written out as Markdown, plain text or a printable HTML page.

The letter's words are built once (in English or Chinese) as plain strings; each format escapes
them its own way, so a lender's name can never add a heading, a link or a tag. Plain text wraps at
80 columns counting a Chinese character as two, and never starts a line with closing punctuation.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence

from msgspec import Struct

from debtcoach.domain.letter_format import LetterFormat
from debtcoach.domain.text_rules import printable

TEXT_WIDTH = 80
_SPACE_RUN = re.compile(r"[^\S\u00a0\u2007\u202f]+")
"""Whitespace runs (newlines too) but not the no-break spaces inside formatted amounts."""


def one_line(value: str) -> str:
    """Every whitespace run as one space, control characters shown visibly."""
    return printable(_SPACE_RUN.sub(" ", value).strip(" "))


class Lines(Struct, frozen=True):
    """Short lines kept as they are (the sender's address block, the closing)."""

    lines: tuple[str, ...]


class Heading(Struct, frozen=True):
    text: str
    level: int = 2


class Paragraph(Struct, frozen=True):
    text: str


class Table(Struct, frozen=True):
    """Label and amount rows; `strong` rows are the ones the reader must not miss."""

    heading: tuple[str, str]
    rows: tuple[tuple[str, str, bool], ...]


class Items(Struct, frozen=True):
    """A list: `bullet`, `check` (documents to tick off) or `number`."""

    items: tuple[str, ...]
    style: str = "bullet"


Block = Lines | Heading | Paragraph | Table | Items


class Letter(Struct, frozen=True):
    title: str
    blocks: tuple[Block, ...]
    language: str  # an HTML language tag: "en", "zh-CN"
    placeholders: tuple[str, ...] = ()
    """Bracketed placeholders the user fills in; Markdown leaves them as typed."""


def render(letter: Letter, fmt: LetterFormat) -> str:
    if fmt == LetterFormat.TXT:
        return render_text(letter)
    if fmt == LetterFormat.HTML:
        return render_html(letter)
    return render_markdown(letter)


# --- Markdown ------------------------------------------------------------------------------------

_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MARKDOWN_PUNCTUATION = frozenset("\\`*_[]|!")
_BLOCK_START = re.compile(r"^(?:[#+-]|[0-9]+[.)])")


def letter_text(value: str) -> str:
    """A value as one line of plain text inside a Markdown letter.

    A lender's name must not add a heading, a link, an image or HTML to a letter sent in the
    user's name: whitespace runs (newlines too) become one space, control characters are shown
    visibly, Markdown punctuation is backslash-escaped and `< > &` become HTML entities.
    """
    line = one_line(value)
    start = _BLOCK_START.match(line)
    cut = start.end() - 1 if start else 0
    out: list[str] = []
    for position, char in enumerate(line):
        if char in _HTML_ENTITIES:
            out.append(_HTML_ENTITIES[char])
        elif char in _MARKDOWN_PUNCTUATION or (start and position == cut):
            out.append("\\" + char)
        elif char == "(" and position > 0 and line[position - 1] == "]":
            out.append("\\(")
        else:
            out.append(char)
    return "".join(out)


def _md(text: str, placeholders: Sequence[str]) -> str:
    """`letter_text`, leaving the letter's own placeholders as typed so the user can find them."""
    if not placeholders:
        return letter_text(text)
    pattern = "(" + "|".join(re.escape(p) for p in sorted(placeholders, key=len)[::-1]) + ")"
    parts = re.split(pattern, _SPACE_RUN.sub(" ", text).strip(" "))
    out: list[str] = []
    for index, part in enumerate(parts):
        if part in placeholders:
            out.append(part)
        elif part:
            escaped = letter_text(part)
            # Right after a kept placeholder a "(" would make it a link ("[your
            # address](http://…)" typed as a lender's name): escaped there too.
            if index and parts[index - 1] in placeholders and escaped.startswith("("):
                escaped = "\\" + escaped
            if index and part[0] == " ":
                escaped = " " + escaped
            if index < len(parts) - 1 and part[-1] == " ":
                escaped += " "
            out.append(escaped)
    return "".join(out)


def render_markdown(letter: Letter) -> str:
    def md(text: str) -> str:
        return _md(text, letter.placeholders)

    out: list[str] = []
    for block in letter.blocks:
        if isinstance(block, Lines):
            out += [md(line) for line in block.lines]
        elif isinstance(block, Heading):
            out.append(f"{'#' * block.level} {md(block.text)}")
        elif isinstance(block, Paragraph):
            out.append(md(block.text))
        elif isinstance(block, Table):
            out.append(f"| {md(block.heading[0])} | {md(block.heading[1])} |")
            out.append("|---|---:|")
            for label, value, strong in block.rows:
                if strong:
                    out.append(f"| **{md(label)}** | **{md(value)}** |")
                else:
                    out.append(f"| {md(label)} | {md(value)} |")
        else:
            for number, item in enumerate(block.items, 1):
                mark = {"check": "- [ ] ", "number": f"{number}. "}.get(block.style, "- ")
                out.append(mark + md(item))
        out.append("")
    return "\n".join(out)


# --- plain text ----------------------------------------------------------------------------------

_NO_LINE_START = frozenset("，。、；：？！）》」』,.;:?!)%")
_WIDE = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_NO_LINE_END = frozenset("（《「『(")
# A number stays with the unit after it (2026年, 11月, 23日, 4个), so a date never breaks inside.
_TOKEN = re.compile(rf"\s+|[0-9]+[年月日个期]|[{_WIDE}]|[^\s{_WIDE}]+")


def cell_width(text: str) -> int:
    """Terminal columns: a wide (Chinese) character takes two, a combining mark none."""
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def wrap(text: str, width: int = TEXT_WIDTH, first: str = "", rest: str = "") -> list[str]:
    """Greedy wrap at `width` columns: spaces between words, any point between Chinese
    characters, closing punctuation kept with the character before it."""
    tokens = _TOKEN.findall(one_line(text))
    lines: list[str] = []
    line: list[str] = []
    used = cell_width(first)
    prefix = first
    for token in tokens:
        if token.isspace():
            if line:
                line.append(" ")
                used += 1
            continue
        size = cell_width(token)
        if line and used + size > width:
            carried: list[str] = []
            if token[0] in _NO_LINE_START and len(line) > 1 and not line[-1].isspace():
                carried = [line.pop()]
            while len(line) > 1 and line[-1][-1] in _NO_LINE_END:
                carried.insert(0, line.pop())
            while line and line[-1].isspace():
                line.pop()
            lines.append(prefix + "".join(line))
            prefix = rest
            line = carried
            used = cell_width(rest) + sum(cell_width(t) for t in line)
        while size > width - cell_width(prefix) and not line:
            room = width - cell_width(prefix)
            head = token[:room]
            lines.append(prefix + head)
            token = token[room:]
            size = cell_width(token)
            prefix = rest
            used = cell_width(rest)
        line.append(token)
        used += size
    while line and line[-1].isspace():
        line.pop()
    if line or not lines:
        lines.append(prefix + "".join(line))
    return lines


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - cell_width(text), 0)


def render_text(letter: Letter) -> str:
    out: list[str] = []
    for block in letter.blocks:
        if isinstance(block, Lines):
            for line in block.lines:
                out += wrap(line)
        elif isinstance(block, Heading):
            title = wrap(block.text)
            out += title
            out.append(("=" if block.level == 1 else "-") * max(cell_width(t) for t in title))
        elif isinstance(block, Paragraph):
            out += wrap(block.text)
        elif isinstance(block, Table):
            values = [printable(value) for _, value, _ in block.rows]
            value_width = max(cell_width(v) for v in [*values, block.heading[1]])
            label_width = min(
                max(cell_width(printable(label)) for label, _, _ in block.rows),
                TEXT_WIDTH - value_width - 2,
            )
            rows = [(block.heading[0], block.heading[1], False), *block.rows]
            for label, value, strong in rows:
                shown = wrap(label.upper() if strong else label, label_width)
                for line in shown[:-1]:
                    out.append(line)
                value_text = printable(value)
                gap = " " * (value_width - cell_width(value_text))
                out.append(f"{_pad(shown[-1], label_width)}  {gap}{value_text}".rstrip())
        else:
            for number, item in enumerate(block.items, 1):
                mark = {"check": "[ ] ", "number": f"{number}. "}.get(block.style, "- ")
                out += wrap(item, first=mark, rest=" " * len(mark))
        out.append("")
    return "\n".join(out)


# --- HTML ----------------------------------------------------------------------------------------

_STYLE = """
@page { size: A4; margin: 22mm 20mm; }
body { font-family: "Noto Serif", "Noto Serif CJK SC", "Songti SC", "SimSun", Georgia, serif;
       font-size: 11pt; line-height: 1.5; color: #111; max-width: 44em; margin: 2em auto; }
h1 { font-size: 15pt; text-align: center; margin: 1.2em 0 1em; }
h2 { font-size: 12pt; margin: 1.4em 0 0.4em; }
p { margin: 0.5em 0; }
.lines { margin: 0 0 1em; }
.lines p { margin: 0; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { padding: 0.15em 0.8em 0.15em 0; text-align: left; vertical-align: top; }
td.amount, th.amount { text-align: right; white-space: nowrap; }
tr.strong td { font-weight: bold; }
thead th { border-bottom: 1px solid #555; }
ul.check { list-style: none; padding-left: 0.2em; }
ul.check li::before { content: ""; display: inline-block; width: 0.8em; height: 0.8em;
       border: 1px solid #333; margin-right: 0.6em; vertical-align: -0.05em; }
@media print { body { margin: 0; max-width: none; } }
"""


def render_html(letter: Letter) -> str:
    """A whole page with its style inline: no scripts, no fonts or images fetched from anywhere."""

    def h(text: str) -> str:
        return html.escape(one_line(text), quote=True)

    body: list[str] = []
    for block in letter.blocks:
        if isinstance(block, Lines):
            body.append('<div class="lines">')
            body += [f"<p>{h(line)}</p>" for line in block.lines]
            body.append("</div>")
        elif isinstance(block, Heading):
            level = min(max(block.level, 1), 2)
            body.append(f"<h{level}>{h(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            body.append(f"<p>{h(block.text)}</p>")
        elif isinstance(block, Table):
            body.append("<table>")
            body.append(
                f"<thead><tr><th>{h(block.heading[0])}</th>"
                f'<th class="amount">{h(block.heading[1])}</th></tr></thead><tbody>'
            )
            for label, value, strong in block.rows:
                row_class = ' class="strong"' if strong else ""
                body.append(
                    f'<tr{row_class}><td>{h(label)}</td><td class="amount">{h(value)}</td></tr>'
                )
            body.append("</tbody></table>")
        else:
            tag = "ol" if block.style == "number" else "ul"
            css = ' class="check"' if block.style == "check" else ""
            body.append(f"<{tag}{css}>")
            body += [f"<li>{h(item)}</li>" for item in block.items]
            body.append(f"</{tag}>")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{h(letter.language)}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'\">",
            f"<title>{h(letter.title)}</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )
