"""The guidance as data: the shipped text, the rule table, and the coach evaluated with them.

This package sits beside the layers: it may use `debtcoach.domain`, never the other way round,
so the domain coach receives the rule table as an argument.
"""

from __future__ import annotations

from datetime import date

from debtcoach.domain.coach import Advice, evaluate, on_track_message
from debtcoach.domain.models import Household
from debtcoach.domain.payoff import PayoffPlan
from debtcoach.guidance.rules import RULES, RULES_BY_ID, SCREENS, Rule, passage, rule
from debtcoach.guidance.text import GUIDANCE_FILE, guidance_bytes, guidance_text

__all__ = [
    "GUIDANCE_FILE",
    "RULES",
    "RULES_BY_ID",
    "SCREENS",
    "Advice",
    "Rule",
    "coach_advice",
    "guidance_bytes",
    "guidance_text",
    "on_track_message",
    "passage",
    "rule",
]


def coach_advice(
    household: Household, today: date, *, plan: PayoffPlan | None = None
) -> tuple[Advice, ...]:
    """The coach's advice for today with the shipped quotes, most severe first."""
    return evaluate(household, today, RULES_BY_ID, plan=plan)
