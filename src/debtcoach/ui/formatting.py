"""Small display helpers shared by the screens and the app's notifications."""

from __future__ import annotations

from babel.dates import format_skeleton

from debtcoach.domain.calendar import parse_month


def month_words(label: str, locale: str, skeleton: str = "yMMMM") -> str:
    """A plan month label ("2027-04") in words in the household's locale ("April 2027")."""
    return str(format_skeleton(skeleton, parse_month(label), locale=locale))
