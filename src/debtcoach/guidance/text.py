"""The guidance text, loaded from package data so a wheel install quotes the very same words."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

GUIDANCE_FILE = "guidance.txt"


@cache
def guidance_bytes() -> bytes:
    return files(__package__ or "debtcoach.guidance").joinpath(GUIDANCE_FILE).read_bytes()


@cache
def guidance_text() -> str:
    """The shipped text, decoded without newline translation so quotes stay exact substrings."""
    return guidance_bytes().decode("utf-8")
