"""Finding English left in a Chinese run: runs of two or more English words that are not text
from the data file (names, lenders, notes: the user's own words), a command or an option."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

ENGLISH_RUN = re.compile(r"[A-Za-z][a-z]+(?:[ '’-]+[A-Za-z][a-z]+)+")
COMMAND = re.compile(r"debtcoach(?: [a-z][a-z-]*)*")
OPTION = re.compile(r"--[a-z][a-z-]*")
QUOTED = re.compile(r"`[^`]*`")


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def english_left(text: str, data_file: Path, keep: Iterable[str] = ()) -> list[str]:
    """The English word runs in `text` outside the data file's own text (longest first, so a
    lender is removed whole), commands (`debtcoach coach`, anything in backquotes), options such
    as `--order` and the words in `keep` (a program's name, a metavar, a value to type)."""
    stored = {s for s in _strings(json.loads(data_file.read_text())) if " " in s or len(s) > 3}
    for value in sorted({*stored, *keep}, key=len, reverse=True):
        text = text.replace(value, " ")
    text = OPTION.sub(" ", COMMAND.sub(" ", QUOTED.sub(" ", text)))
    return ENGLISH_RUN.findall(text)
