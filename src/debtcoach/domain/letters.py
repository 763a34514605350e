"""The proposal letter in the chosen language and format (`LetterOptions.language`, `.fmt`)."""

from __future__ import annotations

from debtcoach.domain.letter_layout import Letter, render
from debtcoach.domain.letter_zh import chinese_letter
from debtcoach.domain.proposal import Proposal, english_letter


def letter_of(proposal: Proposal) -> Letter:
    if proposal.options.language.startswith("zh"):
        return chinese_letter(proposal)
    return english_letter(proposal)


def render_letter(proposal: Proposal) -> str:
    """The letter as text in `proposal.options.fmt` (Markdown, plain text or an HTML page)."""
    return render(letter_of(proposal), proposal.options.fmt)
