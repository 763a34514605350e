"""Any text a user types reaches every screen that shows it exactly as typed, and nothing breaks.

Hypothesis picks text made of what breaks a terminal app: markup (`[/]`, `[link=…]`,
`[@click=…]`), escape sequences, backslashes and quotes, CJK, emoji, right-to-left text and
marks. It is typed (printable characters as keys, the rest pasted) into every text field of every
form — loan, income, expense, family loan, contact, the check-in note — and into the list filter.
What the Ledger accepts is saved; what it refuses shows a message under the field and saves
nothing. Then every screen and dialog that shows the text is opened, and each must show it
exactly (after the forms' one cleaning: surrounding whitespace stripped; a control character
is shown as its escape).
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from debtcoach.bundled import sample_data_file
from debtcoach.domain.text_rules import printable
from debtcoach.ui.screens.checkin import CheckInScreen
from debtcoach.ui.screens.contacts import ContactForm, ContactsScreen
from debtcoach.ui.screens.loans import LENDER_WIDTH
from debtcoach.ui.screens.restructure import RestructureScreen
from debtcoach.ui.widgets.coach_panel import CoachPanel
from debtcoach.ui.widgets.confirm import ConfirmDialog
from debtcoach.ui.widgets.data_table import RecordTable, clip
from debtcoach.ui.widgets.forms import RecordForm
from tests.conftest import make_app
from tests.ui.list_pilot import cell as table_cell
from tests.ui.list_pilot import shown

FRAGMENTS = (
    "[", "]", "[/]", "[b]", "[/b]", "[bold red]X[/]", "[link=file:///etc/passwd]", "[/x]",
    "[@click=app.quit]", "$accent", "\\", "'", '"', " ", "=", ",", "Card [old]", "a", "Z", "7",
    "借款", "利息", "💸", "👨‍👩‍👧", "מלווה", "قرض", "\u200f", "\u202e", "\u200b",
    "\x1b[31m", "\x1b]0;pwned\x07", "\x9b", "\x07",
)  # fmt: skip
"""Pieces of text; none is a line break, which a one-line field cannot take."""

TEXT = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=4).map("".join)


@dataclass(frozen=True)
class Typed:
    loan: str
    lender: str
    purpose: str
    income: str
    income_notes: str
    expense: str
    family: str
    relationship: str
    family_notes: str
    who: str
    asked: str
    outcome: str
    note: str
    filter: str


TYPED = st.builds(Typed, *(TEXT for _ in range(14)))


def screen_text(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return shown(app.screen.query_one(selector, Static))


def as_shown(text: str) -> str:
    """The text as a screen shows it: a control character as its escape."""
    return printable(text)


async def type_text(pilot: Pilot[None], box: Input, text: str) -> None:
    """Type `text` into `box` as a fast typist would: one key event per printable character
    (the field checks each prefix, `[link=` before `[link=…]`), what no key types (marks,
    escapes) as a paste, as a terminal delivers it; then let the app catch up once."""
    box.focus()
    run = ""
    for char in text:
        if char.isprintable():
            if run:
                box.post_message(events.Paste(run))
                run = ""
            box.post_message(events.Key(char, char))
        else:
            run += char
    if run:
        box.post_message(events.Paste(run))
    await pilot.pause()


async def submit_form(pilot: Pilot[None], texts: dict[str, str], numbers: dict[str, str]) -> bool:
    """Fill the open record form and press enter: True if it saved (the form closed)."""
    form = pilot.app.screen
    assert isinstance(form, RecordForm)
    for key, value in numbers.items():
        form.query_one(f"#f-{key}", Input).value = value  # amounts are not under test here
    for key, value in texts.items():
        await type_text(pilot, form.query_one(f"#f-{key}", Input), value)
    await pilot.press("enter")
    await pilot.pause()
    if pilot.app.screen is not form:
        return True
    assert form.form_error.startswith("Nothing was saved")
    assert any(form.field_error(spec.key) for spec in form.fields) or ":" in form.form_error
    await back_to_the_screens(pilot)  # esc asks before discarding what was typed: yes
    return False


async def back_to_the_screens(pilot: Pilot[None]) -> None:
    """Close every dialog; a form a rule refused (a family lender named like a loan) asks before
    its typing is discarded, and is discarded (any other question is answered no)."""
    app = pilot.app
    while isinstance(app.screen, ModalScreen):
        below = app.screen_stack[-2] if len(app.screen_stack) > 1 else None
        discarding = isinstance(app.screen, ConfirmDialog) and isinstance(
            below, RecordForm | ContactForm
        )
        await pilot.press("y" if discarding else "escape")
        await pilot.pause()


def select(app, key: str) -> None:  # type: ignore[no-untyped-def]
    table = app.screen.query_one(RecordTable)
    table.move_cursor(row=table.get_row_index(key), animate=False)


async def check_delete_question(pilot: Pilot[None], key: str, question: str) -> None:
    """The delete question names the record as it was typed (`n` keeps it)."""
    select(pilot.app, key)
    await pilot.press("x")
    assert isinstance(pilot.app.screen, ConfirmDialog)
    assert as_shown(question) in screen_text(pilot.app, "#confirm-question")
    await pilot.press("n")


async def check_edit_form(pilot: Pilot[None], key: str, values: dict[str, str]) -> None:
    """The edit form's title names the record and its fields hold what was saved (`esc` on the
    untouched form closes it)."""
    select(pilot.app, key)
    await pilot.press("e")
    form = pilot.app.screen
    assert isinstance(form, RecordForm)
    assert as_shown(key) in screen_text(pilot.app, "#form-title")
    for field, value in values.items():
        assert form.query_one(f"#f-{field}", Input).value == value
    await pilot.press("escape")
    await pilot.pause()
    assert not isinstance(pilot.app.screen, RecordForm)


def step_labels(screen: CheckInScreen) -> list[str]:
    return [shown(label) for label in screen.query(".ck-label")]


async def loans_and_their_talks(pilot: Pilot[None], typed: Typed) -> None:
    app = pilot.app
    await pilot.press("l", "a")
    fields = {"name": typed.loan, "lender": typed.lender, "purpose": typed.purpose}
    numbers = {
        "balance": "100",
        "apr": "5",
        "min_payment": "10",
        "due_day": "30",
        "overdue_since": "2026-10-30",
        "arrears": "10",
    }
    if not await submit_form(pilot, fields, numbers):
        return
    name, lender = typed.loan.strip(), typed.lender.strip()
    loan = app.household.loan(name)
    assert loan is not None and (loan.lender, loan.purpose) == (lender, typed.purpose.strip())
    assert table_cell(app, name, 0) == f"! {clip(name, 14)}"  # overdue: marked
    assert table_cell(app, name, "Lender") == (clip(lender, LENDER_WIDTH) or "-")
    select(app, name)
    await pilot.press("e")
    form = app.screen
    assert isinstance(form, RecordForm)
    assert screen_text(app, "#form-title") == as_shown(f"Edit loan {name}")
    for field, value in (("name", name), ("lender", lender), ("purpose", loan.purpose)):
        assert form.query_one(f"#f-{field}", Input).value == value
    await pilot.press("escape")
    await check_delete_question(pilot, name, f"Remove the loan “{name}” ($100.00 owed)?")
    with_lender = f" with {lender}" if lender else ""

    await pilot.press("h")
    await pilot.pause()
    assert isinstance(app.screen, ContactsScreen)
    assert screen_text(app, "#ct-loan").startswith(as_shown(f"{name}{with_lender} · owed"))
    await pilot.press("a")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, ContactForm)
    assert screen_text(app, "#cf-title") == as_shown(f"Log a contact{with_lender} about {name}")
    for field in ("who", "asked", "outcome"):
        await type_text(pilot, form.query_one(f"#cf-{field}", Input), getattr(typed, field))
    await pilot.press("ctrl+s")
    await pilot.pause()
    if isinstance(app.screen, ContactForm):  # refused: a message under a field, nothing saved
        assert any(shown(error) for error in form.query(".cf-error"))
        await back_to_the_screens(pilot)  # esc asks before discarding what was typed: yes
    else:
        (contact,) = (c for _, c in app.ledger.contacts_of(name))
        assert (contact.who, contact.asked, contact.outcome) == tuple(
            getattr(typed, f).strip() for f in ("who", "asked", "outcome")
        )
        detail = screen_text(app, "#ct-detail")
        for value in (contact.who, contact.asked, contact.outcome):
            assert as_shown(value) in detail
        row = [str(cell) for cell in app.screen.query_one("#ct-table", DataTable).get_row_at(0)]
        assert as_shown(contact.outcome) == row[2] and as_shown(contact.who) == row[4]
    await pilot.press("escape")
    await pilot.pause()

    await pilot.press("r")
    await pilot.pause()
    assert isinstance(app.screen, RestructureScreen)
    with_lender = f" · {lender}" if lender else ""
    assert screen_text(app, "#rs-loan").startswith(as_shown(f"{name}{with_lender} · owed"))
    await pilot.press("escape")
    await pilot.pause()

    await pilot.press("p", "v")  # the payoff screen, each debt
    await pilot.pause()
    assert as_shown(name) in screen_text(app, "#chart-summary")
    await pilot.press("v")

    await pilot.press("d")
    assert as_shown(name) in screen_text(app, "#recorded")
    assert as_shown(name) in screen_text(app, "#due")  # due on the 30th: in 7 days
    assert as_shown(name) in screen_text(app, "#past-due")  # 10.00 behind since October


async def income_and_expenses(pilot: Pilot[None], typed: Typed) -> None:
    app = pilot.app
    await pilot.press("o", "a")
    fields = {"name": typed.income, "notes": typed.income_notes}
    if await submit_form(pilot, fields, {"amount": "10"}):
        name = typed.income.strip()
        source = next(item for item in app.household.income if item.name == name)
        assert source.notes == typed.income_notes.strip()
        assert table_cell(app, name, 0) == as_shown(name)
        await check_edit_form(pilot, name, {"name": name, "notes": source.notes})
        await check_delete_question(pilot, name, f"Remove the income “{name}” ($10.00 monthly)?")
    await pilot.press("t", "a")
    if await submit_form(pilot, {"name": typed.expense}, {"current": "20"}):
        name = typed.expense.strip()
        assert table_cell(app, name, 0) == as_shown(name)
        await check_delete_question(pilot, name, f"Remove the expense “{name}”?")


async def family(pilot: Pilot[None], typed: Typed) -> None:
    app = pilot.app
    await pilot.press("f", "a")
    fields = {
        "lender": typed.family,
        "relationship": typed.relationship,
        "notes": typed.family_notes,
    }
    if not await submit_form(pilot, fields, {"amount": "50"}):
        return
    lender = typed.family.strip()
    relationship = typed.relationship.strip()
    loan = app.household.family_loan(lender)
    assert loan is not None and (loan.relationship, loan.notes) == (
        relationship,
        typed.family_notes.strip(),
    )
    await check_edit_form(
        pilot, lender, {"lender": lender, "relationship": relationship, "notes": loan.notes}
    )
    question = f"Remove the loan from {lender} and its repayment history?"
    await check_delete_question(pilot, lender, question)
    assert table_cell(app, lender, 0) in (as_shown(lender), f"! {as_shown(lender)}")
    assert table_cell(app, lender, 1) == (as_shown(relationship) or "-")


async def checkin_note(pilot: Pilot[None], typed: Typed) -> None:
    app = pilot.app
    await pilot.press("w")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CheckInScreen)
    await pilot.press("enter")  # this week, the first row
    await pilot.pause()
    assert screen.view == "ck-flow"
    household = app.household
    payees = [loan.name for loan in household.loans] + [f.lender for f in household.family_loans]
    assert step_labels(screen) == [as_shown(name) for name in payees]  # the payments step
    await screen.show_step(1)
    labels = step_labels(screen)
    for source in household.income:
        assert as_shown(source.name) in labels
    await screen.show_step(len(screen.steps) - 1)  # the note; the steps before stay as filled
    await type_text(pilot, screen.query_one("#ck-f0", Input), typed.note)
    await pilot.press("enter")
    await pilot.pause()
    note = typed.note.strip()
    if screen.view != "ck-summary":
        assert "Not saved" in screen_text(app, "#ck-error")
        await pilot.press("escape")
        return
    assert any(c.note == note for c in app.household.checkins)
    await pilot.press("enter")
    await pilot.pause()
    row = [str(cell) for cell in screen.query_one("#ck-weeks", DataTable).get_row_at(0)]
    shown_note = as_shown(note)
    assert row[-1] == (shown_note if len(note) <= 24 else as_shown(note[:23]) + "…")


async def coach_and_filter(pilot: Pilot[None], typed: Typed) -> None:
    app = pilot.app
    await pilot.press("l", "c")
    await pilot.pause()
    panel = app.screen.query_one(CoachPanel)
    if app.advice:
        assert as_shown(app.advice[0].why) in shown(panel.query_one("#coach-advice", Static))
    await pilot.press("c", "slash")
    await type_text(pilot, app.screen.query_one("#list-filter", Input), typed.filter)
    table = app.screen.query_one(RecordTable)
    if table.row_count == 0:
        expected = f"No loan matches “{as_shown(typed.filter)}”: esc clears the filter."
        assert screen_text(app, "#list-empty") == expected
    await pilot.press("enter")
    kept = typed.filter.strip()
    if kept:
        expected = f"filter: {as_shown(kept)} (esc clears · / changes it)"
        assert screen_text(app, "#list-filter-kept") == expected
    await pilot.press("escape")


async def every_form_and_screen(path: Path, typed: Typed) -> None:
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await back_to_the_screens(pilot)
        await loans_and_their_talks(pilot, typed)
        await back_to_the_screens(pilot)
        await income_and_expenses(pilot, typed)
        await back_to_the_screens(pilot)
        await family(pilot, typed)
        await back_to_the_screens(pilot)
        await checkin_note(pilot, typed)
        await back_to_the_screens(pilot)
        await coach_and_filter(pilot, typed)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(typed=TYPED)
def test_any_typed_text_is_shown_exactly_everywhere(typed: Typed) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "debtcoach.json"
        shutil.copyfile(sample_data_file(), path)
        asyncio.run(every_form_and_screen(path, typed))
