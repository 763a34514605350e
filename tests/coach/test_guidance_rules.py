"""The shipped guidance text and the rule table: quotes must be the user's exact words."""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest

from debtcoach.domain import coach
from debtcoach.domain.models import Household
from debtcoach.guidance import (
    GUIDANCE_FILE,
    RULES,
    RULES_BY_ID,
    SCREENS,
    Rule,
    coach_advice,
    guidance_bytes,
    guidance_text,
    passage,
    rule,
)

SHARED_GUIDANCE = Path(__file__).resolve().parents[2].parent / "shared" / "guidance.txt"
TEXT = guidance_text()
PARAGRAPHS = TEXT.split("\n")


def test_shipped_file_is_package_data() -> None:
    resource = files("debtcoach.guidance").joinpath(GUIDANCE_FILE)
    assert resource.is_file()
    assert resource.read_bytes() == guidance_bytes()


@pytest.mark.skipif(not SHARED_GUIDANCE.exists(), reason="no ../shared/guidance.txt here")
def test_shipped_text_is_byte_identical_to_the_shared_guidance() -> None:
    assert guidance_bytes() == SHARED_GUIDANCE.read_bytes()


@pytest.mark.parametrize("item", RULES, ids=lambda r: r.id)
def test_every_quote_is_an_exact_substring(item: Rule) -> None:
    assert item.quote
    assert item.quote in TEXT


@pytest.mark.parametrize("item", RULES, ids=lambda r: r.id)
def test_every_quote_starts_and_ends_on_a_sentence(item: Rule) -> None:
    start = TEXT.index(item.quote)
    assert start == 0 or TEXT[start - 1] in " \n"
    assert item.quote.endswith(".")


def test_quotes_are_the_passages_the_design_names() -> None:
    assert RULES_BY_ID["talk-to-lenders"].quote == PARAGRAPHS[0]
    assert RULES_BY_ID["stop-lending"].quote.startswith("1, stop lending. ")
    assert RULES_BY_ID["stop-lending"].quote in PARAGRAPHS
    assert RULES_BY_ID["negotiate-card"].quote.startswith(
        "2. Apply for repayment through negotiation. "
    )
    assert RULES_BY_ID["negotiate-card"].quote in PARAGRAPHS
    extend = RULES_BY_ID["extend-plan"].quote
    assert "adjust the original repayment plan" in extend
    assert extend.endswith("changing time for space.")
    assert PARAGRAPHS[0].endswith(extend)
    assert RULES_BY_ID["open-source-throttle"].quote == "\n".join(PARAGRAPHS[1:3])
    assert RULES_BY_ID["open-source-throttle"].quote.startswith(
        "Second, we should increase other sources of income"
    )
    assert RULES_BY_ID["ask-relatives"].quote == "\n".join(PARAGRAPHS[3:5])
    assert RULES_BY_ID["ask-relatives"].quote.startswith(
        "Third, we can borrow money from relatives or friends"
    )
    assert RULES_BY_ID["act-early"].quote == PARAGRAPHS[-1]
    assert RULES_BY_ID["act-early"].quote.startswith("3. Increase the sources of funds. ")
    assert RULES_BY_ID["repay-relatives"].quote == (
        "After that, we should work hard, increase our income, and then repay the loans of "
        "relatives and friends."
    )


def test_table_covers_exactly_the_coach_rules_in_severity_order() -> None:
    assert tuple(r.id for r in RULES) != ()
    assert set(RULES_BY_ID) == set(coach.RULE_IDS)
    assert len(RULES) == len(coach.RULE_IDS)
    by_severity = sorted(RULES, key=lambda r: r.severity)
    assert tuple(r.id for r in by_severity) == coach.RULE_IDS
    assert [r.severity for r in by_severity] == list(range(1, len(RULES) + 1))
    assert rule("stop-lending").severity == 1


@pytest.mark.parametrize("item", RULES, ids=lambda r: r.id)
def test_keys_open_a_design_screen(item: Rule) -> None:
    assert item.key in SCREENS
    assert item.screen == SCREENS[item.key]
    assert item.title and "!" not in item.title


def test_expected_keys() -> None:
    keys = {r.id: r.key for r in RULES}
    assert keys["open-source-throttle"] == "o"
    assert keys["ask-relatives"] == "f"
    assert keys["repay-relatives"] == "f"
    assert keys["talk-to-lenders"] == "l"


def test_passage_refuses_text_that_is_not_there() -> None:
    with pytest.raises(LookupError):
        passage("Fourth, win the lottery.", "done.")
    with pytest.raises(LookupError):
        passage("1, stop lending.", "a marker that never follows")
    assert passage("b c", "d.", "a b c d. e d.") == "b c d."


def test_unknown_rule_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        rule("borrow-more")


def test_coach_advice_uses_the_shipped_quotes() -> None:
    assert coach_advice(Household(), date(2026, 11, 23)) == ()


def test_evaluate_refuses_an_incomplete_rule_table() -> None:
    partial = {k: v for k, v in RULES_BY_ID.items() if k != "act-early"}
    with pytest.raises(ValueError, match="act-early"):
        coach.evaluate(Household(), date(2026, 11, 23), partial)
