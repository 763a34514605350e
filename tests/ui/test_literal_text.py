"""User and file text reaches the screen as literal text: never read as markup, never raw controls.

Each test puts a name, a lender or a note that looks like Textual markup (or holds a control
character, as an older file may) where one screen shows it, and checks what the widget draws.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from msgspec.structs import replace
from textual.widgets import Static

from debtcoach.domain.models import (
    Channel,
    Contact,
    Expense,
    FamilyLoan,
    Frequency,
    IncomeKind,
    IncomeSource,
    Loan,
    LoanKind,
)
from debtcoach.domain.money import Money
from debtcoach.services import Ledger
from debtcoach.store.repository import Repository
from debtcoach.ui.screens.contacts import ContactForm, ContactsScreen
from debtcoach.ui.screens.restructure import RestructureScreen
from debtcoach.ui.widgets.coach_panel import CoachPanel
from debtcoach.ui.widgets.confirm import ConfirmDialog
from debtcoach.ui.widgets.forms import RecordForm
from tests.conftest import TODAY, make_app
from tests.ui.list_pilot import cell, fill, open_screen, select_row, shown, toasts

SIZE = (80, 24)
MARKUP = "[bold red]X[/]"
LINK = "[link=file:///etc/passwd]click[/link]"


def usd(minor: int) -> Money:
    return Money(minor, "USD")


def a_loan(name: str, **extra: object) -> Loan:
    return Loan(
        name=name,
        kind=LoanKind.CONSUMER_LOAN,
        balance=usd(50000),
        apr=Decimal(12),
        min_payment=usd(5000),
        **extra,  # type: ignore[arg-type]
    )


def text_of(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return shown(app.screen.query_one(selector, Static))


def test_literal_keeps_brackets_and_shows_controls_as_escapes() -> None:
    from debtcoach.ui.formatting import literal

    assert literal("Card [old]").plain == "Card [old]"
    assert literal(MARKUP).spans == []
    assert literal("Visa\x1b]0;pwned\x07").plain == "Visa\\x1b]0;pwned\\x07"
    assert literal("one\ntwo").plain == "one\\ntwo"
    assert literal("one\ntwo", multiline=True).plain == "one\ntwo"


async def test_a_name_typed_with_markup_shows_its_message_literally(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, RecordForm)
        await pilot.press(*"[link=")  # the = makes the name invalid: the message repeats it
        message = shown(form.query_one("#err-name", Static))
        assert "'[link='" in message and "must not contain '='" in message


async def test_the_added_toast_and_later_edit_and_delete_show_the_name(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_screen(pilot, "l")
        await pilot.press("a", *"Bad[/]", "tab", *MARKUP)
        await fill(pilot, "balance", "100")
        await fill(pilot, "apr", "5")
        await fill(pilot, "min_payment", "10")
        await pilot.press("enter")
        await pilot.pause()
        assert "Added loan Bad[/]." in toasts(app)
        assert cell(app, "Bad[/]", 0) == "Bad[/]"
        assert cell(app, "Bad[/]", "Lender") == MARKUP
        await select_row(pilot, "Bad[/]")
        await pilot.press("e")
        assert isinstance(app.screen, RecordForm)
        assert text_of(app, "#form-title") == "Edit loan Bad[/]"
        await pilot.press("escape", "x")
        assert isinstance(app.screen, ConfirmDialog)
        assert "the loan “Bad[/]” ($100.00 owed)" in text_of(app, "#confirm-question")
        await pilot.press("y")
        await pilot.pause()
        assert "Removed loan Bad[/]. Its contacts and history are kept. (u undoes it)" in toasts(
            app
        )
    assert Repository(sample_db).load().loan("Bad[/]") is None


async def test_the_delete_question_does_not_render_a_name_as_markup(sample_db: Path) -> None:
    Ledger(sample_db, TODAY).add_income(
        IncomeSource(MARKUP, IncomeKind.SIDE, usd(1000), Frequency.MONTHLY)
    )
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "o")
        await select_row(pilot, MARKUP)
        await pilot.press("x")
        question = app.screen.query_one("#confirm-question", Static)
        assert f"the income “{MARKUP}”" in shown(question)
        assert question.visual.spans == []  # type: ignore[attr-defined]


async def test_a_name_with_brackets_shows_whole_in_lists_and_the_dashboard(
    sample_db: Path,
) -> None:
    ledger = Ledger(sample_db, TODAY)
    ledger.add_loan(a_loan("Card [old]", due_day=26))
    ledger.add_expense(Expense("Phone [b]", usd(3000)))
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "d")
        assert "Card [old]" in text_of(app, "#due")
        await pilot.press("l")
        assert cell(app, "Card [old]", 0) == "Card [old]"
        await select_row(pilot, "Card [old]")
        await pilot.press("e")
        assert text_of(app, "#form-title") == "Edit loan Card [old]"
        await pilot.press("escape")
        await pilot.press("t")
        assert cell(app, "Phone [b]", 0) == "Phone [b]"


async def test_the_filter_box_takes_any_text(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await pilot.press("slash", *"[/x]")
        assert text_of(app, "#list-empty") == "No loan matches “[/x]”: esc clears the filter."
        await pilot.press("enter")
        assert text_of(app, "#list-filter-kept") == "filter: [/x] (esc clears · / changes it)"


async def test_family_summary_names_a_lender_literally(sample_db: Path) -> None:
    Ledger(sample_db, TODAY).add_family_loan(
        FamilyLoan(
            lender="Aunt [b]Jo[/b]",
            amount=usd(900000),
            borrowed_on=date(2026, 1, 1),
            promised=date(2027, 1, 1),
            relationship=MARKUP,
        )
    )
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f")
        assert "Aunt [b]Jo[/b]" in text_of(app, "#list-summary")
        assert cell(app, "Aunt [b]Jo[/b]", 1) == MARKUP


async def test_contacts_and_restructure_headers_show_the_lender_literally(
    sample_db: Path,
) -> None:
    Ledger(sample_db, TODAY).add_loan(a_loan("Payday", lender=LINK))
    Ledger(sample_db, TODAY).add_contact(
        Contact(loan="Payday", on=TODAY, channel=Channel.PHONE, who=MARKUP, outcome="[i]no[/i]")
    )
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await select_row(pilot, "Payday")
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        assert text_of(app, "#ct-loan").startswith(f"Payday with {LINK} · owed $500.00")
        assert f"with {MARKUP}" in text_of(app, "#ct-detail")
        assert "Outcome: [i]no[/i]" in text_of(app, "#ct-detail")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert text_of(app, "#cf-title") == f"Log a contact with {LINK} about Payday"
        await pilot.press("escape", "escape")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RestructureScreen)
        assert text_of(app, "#rs-loan").startswith(f"Payday · {LINK} · owed $500.00")


async def test_a_control_character_from_an_older_file_is_shown_as_an_escape(
    sample_db: Path,
) -> None:
    repository = Repository(sample_db)
    household = repository.load()
    visa = household.loan("Visa")
    assert visa is not None
    repository.update_loan("Visa", replace(visa, lender="Bank\x1b]0;x\x07"))
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        assert cell(app, "Visa", "Lender").startswith("Bank\\x1b]0;x")
        await select_row(pilot, "Visa")
        await pilot.press("h")
        await pilot.pause()
        assert text_of(app, "#ct-loan").startswith("Visa with Bank\\x1b]0;x\\x07 · owed")


async def test_the_coach_quotes_names_literally(sample_db: Path) -> None:
    repository = Repository(sample_db)  # an older file: a control character in the lender
    visa = repository.load().loan("Visa")
    assert visa is not None
    repository.update_loan("Visa", replace(visa, name="Visa [old]", lender="Harbor\x1b[31m"))
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot, "d")
        panel = app.screen.query_one(CoachPanel)
        index = next(i for i, a in enumerate(app.advice) if "Harbor\x1b" in a.why)
        assert "Visa [old]" in app.advice[index].why
        panel._show(app.advice[index])
        expected = app.advice[index].why.replace("\x1b", "\\x1b")
        assert expected in shown(panel.query_one("#coach-advice", Static))


async def test_every_toast_is_literal(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_screen(pilot, "d")
        app.notify(f"Saved {MARKUP}\x1b[31m")
        app.screen.notify(f"Removed {LINK}")
        await pilot.pause()
        assert f"Saved {MARKUP}\\x1b[31m" in toasts(app)
        assert f"Removed {LINK}" in toasts(app)


async def test_the_checkin_steps_and_summary_show_names_literally(sample_db: Path) -> None:
    from debtcoach.ui.screens.checkin import ChoiceField

    Ledger(sample_db, TODAY).add_loan(a_loan("Card [old]"))
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "w")
        await pilot.press("enter")  # this week
        await pilot.pause()
        labels = [shown(label) for label in app.screen.query(".ck-label")]
        assert "Card [old]" in labels
        for _ in range(4):
            await app.screen.action_next()  # type: ignore[attr-defined]
            await pilot.pause()
        assert "Talks with lenders" in text_of(app, "#ck-title")
        app.screen.query(ChoiceField).first().focus()
        for _ in range(len(app.household.loans) + 1):  # picking a loan rebuilds the step
            choice = app.screen.query(ChoiceField).first()
            if choice.value == "Card [old]":
                break
            await pilot.press("right")
            await pilot.pause()
        assert shown(choice) == "◀ Card [old] ▶"
        await app.screen.action_next()  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press(*"[b]noted[/b]", "enter")
        await pilot.pause()
        assert "Checked in" in text_of(app, "#ck-summary-title")
        await pilot.press("enter")
        await pilot.pause()
        weeks = app.screen.query_one("#ck-weeks")
        assert "[b]noted[/b]" in [str(c) for c in weeks.get_row_at(0)]  # type: ignore[attr-defined]


def test_the_palette_highlights_a_command_without_reading_markup() -> None:
    from textual.fuzzy import Matcher

    from debtcoach.ui.palette import highlighted

    shown_text = highlighted(Matcher("old"), "Theme: my [old] theme")
    assert shown_text.plain == "Theme: my [old] theme"
    assert [(span.start, span.end) for span in shown_text.spans] == [(11, 12), (12, 13), (13, 14)]
