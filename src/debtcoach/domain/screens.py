"""The screens of the app, once: the top bar, help, palette, coach keys and the CLI read this.

A screen's key, its app mode, a stable name (the coach's rule table points to it), the short
title the top bar shows, the guidance's own word for it where it has one, and what it is for.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ScreenEntry:
    key: str
    mode: str
    name: str
    title: str
    what: str
    guidance_word: str = ""
    top_bar: bool = True
    """Whether the top bar lists it (all of them must fit 80 columns); its key works anyway."""

    @property
    def described(self) -> str:
        """What it is for, led by the guidance's word: "Open source: regular pay and …"."""
        if not self.guidance_word:
            return self.what
        return f"{self.guidance_word[:1].upper()}{self.guidance_word[1:]}: {self.what}"

    @property
    def long_title(self) -> str:
        """The title with the guidance's word: "Income (open source)"."""
        return f"{self.title} ({self.guidance_word})" if self.guidance_word else self.title


SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry(
        "d", "dashboard", "dashboard", "Dashboard",
        "what you owe, the budget, the debt-free date, what is due",
    ),
    ScreenEntry(
        "l", "loans", "loans", "Loans",
        "loans from banks, cards and platforms; talks with lenders",
    ),
    ScreenEntry(
        "o", "income", "income", "Income",
        "regular pay and side income, per month", "open source",
    ),
    ScreenEntry(
        "t", "expenses", "expenses", "Expenses",
        "spending now vs target; switch cuts on and off", "throttling",
    ),
    ScreenEntry(
        "f", "family", "family", "Family",
        "money from relatives and friends, and what was repaid",
    ),
    ScreenEntry(
        "p", "chart", "payoff", "Payoff",
        "the payoff chart: avalanche, snowball, your own order",
    ),
    ScreenEntry(
        "w", "checkin", "checkin", "Check-in",
        "the weekly check-in: payments, income, spending, a note",
    ),
    ScreenEntry(
        "i", "whatif", "whatif", "What if",
        "the guidance's moves tried side by side; nothing is saved",
        top_bar=False,
    ),
)  # fmt: skip

SCREENS_BY_KEY: dict[str, ScreenEntry] = {entry.key: entry for entry in SCREENS}


def screen_title(key: str) -> str:
    """The short title of the screen a key opens (the key itself if it opens none)."""
    entry = SCREENS_BY_KEY.get(key)
    return entry.title if entry is not None else key
