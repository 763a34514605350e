"""A loan's contact log at 80x24 with real keys: the list, the validated form, removal."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from debtcoach.domain.models import Channel, Contact
from debtcoach.store.repository import Repository
from debtcoach.ui.screens.contacts import ContactForm, ContactsScreen
from debtcoach.ui.widgets.confirm import ConfirmDialog
from tests.conftest import TODAY, make_app
from tests.ui.list_pilot import skip_offer

SIZE = (80, 24)


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let the app start and step past the weekly check-in offer."""
    await skip_offer(pilot)


async def open_log(pilot, app, loan: str = "Visa") -> ContactsScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    screen = ContactsScreen(loan)
    await app.push_screen(screen)
    await pilot.pause()
    return screen


def rows(screen: ContactsScreen) -> list[list[str]]:
    table = screen.query_one("#ct-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def error(form: ContactForm, field: str) -> str:
    return str(form.query_one(f"#cf-{field}-error", Static).content)


async def retype(pilot, form: ContactForm, field: str, text: str) -> None:  # type: ignore[no-untyped-def]
    form.query_one(f"#cf-{field}", Input).focus()
    await pilot.press("home", "ctrl+k", *text)
    await pilot.pause()


async def test_the_log_lists_the_loans_contacts_newest_first(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_log(pilot, app)
        assert [r[0] for r in rows(screen)] == ["2026-10-20", "2026-10-02"]  # no QuickCash rows
        assert rows(screen)[0][1:4] == ["letter", "waiting for an answer", "2026-11-27"]
        assert "Next follow-up: 2026-11-27 (in 4 days)" in str(
            screen.query_one("#ct-next", Static).content
        )
        assert "Harbor Bank hardship team" in str(screen.query_one("#ct-detail", Static).content)


async def test_adding_a_contact_with_real_keys(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_log(pilot, app)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.query_one("#cf-date", Input).value == TODAY.isoformat()  # default: today
        # the channel: open the list and pick "email"
        await pilot.press("tab", "enter", "down", "down", "down", "down", "enter")
        await pilot.press("tab", *"Ms Chen", "tab", *"60 installments", "tab", *"will call back")
        await pilot.press("tab", *"2026-11-30", "enter")
        await pilot.pause()
        assert app.screen is screen
        saved = Repository(sample_db).contacts_for("Visa")
        assert saved[-1] == Contact(
            loan="Visa",
            on=TODAY,
            channel=Channel.EMAIL,
            who="Ms Chen",
            asked="60 installments",
            outcome="will call back",
            follow_up=TODAY.add(days=7),
        )
        assert rows(screen)[0][:4] == ["2026-11-23", "email", "will call back", "2026-11-30"]
        assert "Next follow-up: 2026-11-30 (in 7 days)" in str(
            screen.query_one("#ct-next", Static).content
        )


async def test_the_form_refuses_bad_dates_and_writes_nothing(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot, app)
        before = sample_db.read_bytes()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        await retype(pilot, form, "date", "2026-11-24")
        assert error(form, "date") == "2026-11-24 is after today (2026-11-23)"
        await retype(pilot, form, "date", "2026-02-30")
        assert "does not exist" in error(form, "date")
        await retype(pilot, form, "date", "2026-11-20")
        assert error(form, "date") == ""
        await retype(pilot, form, "follow_up", "2026-11-19")
        assert error(form, "follow_up") == "2026-11-19 is before the contact date 2026-11-20"
        await pilot.press("enter")  # refused: the form stays open
        await pilot.pause()
        assert app.screen is form
        assert sample_db.read_bytes() == before
        await pilot.press("escape", "y")  # discard what was typed
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        assert sample_db.read_bytes() == before


async def test_removing_asks_first(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_log(pilot, app)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert len(Repository(sample_db).contacts_for("Visa")) == 2
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        remaining = Repository(sample_db).contacts_for("Visa")
        assert [c.on.isoformat() for c in remaining] == ["2026-10-02"]  # the newest went
        assert [r[0] for r in rows(screen)] == ["2026-10-02"]
        assert len(Repository(sample_db).contacts_for("QuickCash")) == 1


async def test_an_empty_log_invites_the_first_contact(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_log(pilot, app, "Car loan")
        assert rows(screen) == []
        assert "No contact logged yet" in str(screen.query_one("#ct-next", Static).content)
        await pilot.press("x")  # nothing to remove: no dialog
        await pilot.pause()
        assert app.screen is screen


async def test_h_on_the_loans_screen_opens_the_selected_loans_log(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        loans = app.screen
        await pilot.press("end", "h")  # the last loan by name: Visa
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ContactsScreen) and screen.loan_name == "Visa"
        assert len(rows(screen)) == 2
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is loans


async def test_enter_edits_the_selected_contact(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_log(pilot, app)
        await pilot.press("enter")  # the newest: the letter of 2026-10-20
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.query_one("#cf-date", Input).value == "2026-10-20"
        assert form.query_one("#cf-outcome", Input).value == "waiting for an answer"
        await retype(pilot, form, "outcome", "accepted 36 installments")
        await retype(pilot, form, "follow_up", "")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        saved = Repository(sample_db).contacts_for("Visa")
        assert [c.on.isoformat() for c in saved] == ["2026-10-02", "2026-10-20"]  # same place
        assert saved[1].outcome == "accepted 36 installments" and saved[1].follow_up is None
        assert saved[1].who == "Harbor Bank hardship team"  # untouched fields kept
        assert rows(screen)[0][2] == "accepted 36 installments"
        assert "No follow-up planned." in str(screen.query_one("#ct-next", Static).content)
