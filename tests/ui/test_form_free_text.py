"""The forms refuse what the Ledger refuses, under the field and as it is typed (or pasted).

A control character (a pasted escape sequence) or a one-line text over 500 characters is shown as
a problem before saving; a note may be as long as the Ledger allows (5,000 characters).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from msgspec.structs import replace
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static

from debtcoach.domain.text_rules import FREE_TEXT_LIMIT, NOTES_LIMIT
from debtcoach.store.repository import Repository
from debtcoach.ui.screens.contacts import ContactForm, ContactsScreen
from debtcoach.ui.widgets.forms import RecordForm
from debtcoach.ui.widgets.money_input import text_field
from tests.conftest import make_app
from tests.ui.list_pilot import fill, open_screen, select_row

SIZE = (80, 24)
PASTED = "Bank\x1b[31m"


async def paste(pilot: Pilot[None], selector: str, text: str) -> None:
    box = pilot.app.screen.query_one(selector, Input)
    box.focus()
    box.post_message(events.Paste(text))
    await pilot.pause()


def test_text_field_holds_the_record_rules() -> None:
    one_line, notes = text_field(), text_field(notes=True)
    assert one_line("  Harbor Bank ") == "Harbor Bank"
    with pytest.raises(ValueError, match=r"control characters \(found \\x1b at character 5\)"):
        one_line(PASTED)
    with pytest.raises(ValueError, match="longer than 500 characters"):
        one_line("x" * (FREE_TEXT_LIMIT + 1))
    assert notes("x" * NOTES_LIMIT) == "x" * NOTES_LIMIT
    assert notes("first\nsecond") == "first\nsecond"
    with pytest.raises(ValueError, match="other than line breaks"):
        notes("tab\there")


async def test_a_pasted_escape_is_refused_under_the_field_before_saving(sample_db: Path) -> None:
    before = Repository(sample_db).load().loan("Visa")
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await select_row(pilot, "Visa")
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, RecordForm)
        await fill(pilot, "lender", "")
        await paste(pilot, "#f-lender", PASTED)
        assert "must not contain control characters (found \\x1b" in form.field_error("lender")
        await pilot.press("enter")
        assert app.screen is form
    assert Repository(sample_db).load().loan("Visa") == before


async def test_a_long_note_fits_the_form_as_it_fits_the_ledger(sample_db: Path) -> None:
    note = "n" * (FREE_TEXT_LIMIT + 100)
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f")
        await select_row(pilot, "Mum")
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, RecordForm)
        await paste(pilot, "#f-notes", note)
        assert form.field_error("notes") == ""
        await pilot.press("enter")
        assert app.screen is not form
    loan = Repository(sample_db).load().family_loan("Mum")
    assert loan is not None and loan.notes.endswith(note)


async def test_the_contact_form_refuses_a_control_character_as_it_is_typed(
    sample_db: Path,
) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await select_row(pilot, "Visa")
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        await paste(pilot, "#cf-who", PASTED)
        error = str(form.query_one("#cf-who-error", Static).content)
        assert "must not contain control characters" in error
        await pilot.press("ctrl+s")
        assert app.screen is form


async def test_a_field_never_draws_a_control_character(sample_db: Path) -> None:
    repository = Repository(sample_db)  # an older file: a control character in the lender
    visa = repository.load().loan("Visa")
    assert visa is not None
    repository.update_loan("Visa", replace(visa, lender="Harbor\x1b]0;pwned\x07"))
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await select_row(pilot, "Visa")
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, RecordForm)
        lender = form.query_one("#f-lender", Input)
        assert lender.value == "Harbor\\x1b]0;pwned\\x07"  # visible, and what saving keeps
        assert form.field_error("lender") == ""
        form.query_one("#f-purpose", Input).value = ""
        await paste(pilot, "#f-purpose", "sofa\x1b[31m\x9b")
        drawn = form.query_one("#f-purpose", Input).render_line(0).text
        assert "sofa[31m" in drawn and "\x1b" not in drawn and "\x9b" not in drawn
        assert "found \\x1b at character 5" in form.field_error("purpose")
