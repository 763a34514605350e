"""The guidance text, shipped beside this module so a wheel install quotes the very same words."""

from __future__ import annotations

from functools import cache
from pathlib import Path

GUIDANCE_FILE = "guidance.txt"


@cache
def guidance_bytes() -> bytes:
    # A plain path, as for every bundled file: importlib.resources costs ~3 ms of start-up.
    return Path(__file__).with_name(GUIDANCE_FILE).read_bytes()


@cache
def guidance_text() -> str:
    """The shipped text, decoded without newline translation so quotes stay exact substrings."""
    return guidance_bytes().decode("utf-8")
