"""The rule table: each coach rule with its title, severity, screen key and verbatim quote.

Quotes are sliced out of the shipped text between a start and an end marker instead of being
retyped, so they cannot drift from the guidance (odd phrasing and all); a test re-checks that each
one is an exact substring. Severity 1 is the most severe; the order is explained in
`debtcoach.domain.coach`.
"""

from __future__ import annotations

from types import MappingProxyType

from msgspec import Struct

from debtcoach.domain import coach
from debtcoach.domain.screens import SCREENS as SCREEN_ENTRIES
from debtcoach.domain.wording import N_
from debtcoach.guidance.text import guidance_text

SCREENS: MappingProxyType[str, str] = MappingProxyType({s.key: s.name for s in SCREEN_ENTRIES})
"""The screen keys (README, "Keys") that a piece of advice can point to."""


class Rule(Struct, frozen=True):
    """One rule of the guidance; fits `debtcoach.domain.coach.RuleText`."""

    id: str
    title: str  # English; the coach says it in the active language
    severity: int
    quote: str
    key: str
    screen: str


def passage(start: str, end: str, text: str | None = None) -> str:
    """The text from `start` through the first `end` after it, exactly as written."""
    source = guidance_text() if text is None else text
    begin = source.find(start)
    if begin < 0:
        raise LookupError(f"guidance text has no passage starting {start!r}")
    stop = source.find(end, begin)
    if stop < 0:
        raise LookupError(f"guidance text has no {end!r} after {start!r}")
    return source[begin : stop + len(end)]


def _rule(rule_id: str, title: str, key: str, start: str, end: str) -> Rule:
    return Rule(
        id=rule_id,
        title=title,
        severity=coach.RULE_IDS.index(rule_id) + 1,
        quote=passage(start, end),
        key=key,
        screen=SCREENS[key],
    )


RULES: tuple[Rule, ...] = (
    _rule(
        coach.STOP_LENDING,
        N_("Stop borrowing to repay"),
        "l",
        "1, stop lending.",
        "don't handle the loan business after the deadline.",
    ),
    _rule(
        coach.TALK_TO_LENDERS,
        N_("Talk to your lenders first"),
        "l",
        "When we are in loans overdue,",
        "by changing time for space.",
    ),
    _rule(
        coach.NEGOTIATE_CARD,
        N_("Ask the card issuer for installments"),
        "l",
        "2. Apply for repayment through negotiation.",
        "there is basically no pressure.",
    ),
    _rule(
        coach.EXTEND_PLAN,
        N_("Stretch the plan: time for space"),
        "l",
        "At the same time, we can propose to financial institutions to adjust",
        "by changing time for space.",
    ),
    _rule(
        coach.ACT_EARLY,
        N_("Clear the overdue amount while it is small"),
        "f",
        "3. Increase the sources of funds.",
        "such as finding a sideline after work.",
    ),
    _rule(
        coach.OPEN_SOURCE_THROTTLE,
        N_("Open source and throttling"),
        "o",
        "Second, we should increase other sources of income",
        "use net income to repay the debts of financial institutions.",
    ),
    _rule(
        coach.ASK_RELATIVES,
        N_("Ask relatives or friends for help"),
        "f",
        "Third, we can borrow money from relatives or friends",
        "then repay the loans of relatives and friends.",
    ),
    _rule(
        coach.REPAY_RELATIVES,
        N_("Then repay relatives and friends"),
        "f",
        "After that, we should work hard,",
        "then repay the loans of relatives and friends.",
    ),
)

RULES_BY_ID: MappingProxyType[str, Rule] = MappingProxyType({r.id: r for r in RULES})


def rule(rule_id: str) -> Rule:
    """The rule with this id (KeyError names it when unknown)."""
    return RULES_BY_ID[rule_id]
