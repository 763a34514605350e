"""The user's own slips in the forms, with real keys at 80x24: typing into a pre-filled field
replaces it, keys typed right after `a` reach the form, one `esc` does not throw a filled form
away."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Static

from debtcoach.domain.money import parse_money
from debtcoach.store.repository import Repository
from debtcoach.ui.screens.contacts import ContactForm, ContactsScreen
from debtcoach.ui.screens.restructure import RestructureScreen
from debtcoach.ui.widgets.confirm import ConfirmDialog
from debtcoach.ui.widgets.forms import RecordForm
from tests.conftest import make_app
from tests.ui.list_pilot import burst, cell, open_screen, select_row

SIZE = (80, 24)


def value(app: App[None], selector: str) -> str:
    return app.screen.query_one(selector, Input).value


# -- item 15: pre-filled fields replace, not append ---------------------------------------------


async def test_typing_into_a_prefilled_date_replaces_it(sample_db: Path) -> None:
    """The repayment's date is filled in with today; typing a date gave `2026-11-232026-11-05`."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f")
        await select_row(pilot, "Li Wei")
        await pilot.press("r", *"50", "tab")
        assert value(app, "#f-date") == "2026-11-23"
        await pilot.press(*"2026-11-05")
        assert value(app, "#f-date") == "2026-11-05"
        await pilot.press("enter")
        assert not isinstance(app.screen, RecordForm)
        assert cell(app, "Li Wei", 3) == "$50.00"
    li = Repository(sample_db).load().family_loan("Li Wei")
    assert li is not None
    assert [(r.on, r.amount) for r in li.repayments] == [
        (date(2026, 11, 5), parse_money("50", "USD"))
    ]


async def test_typing_into_prefilled_fields_of_an_edit_form_replaces_them(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await select_row(pilot, "Visa")
        await pilot.press("e", *"Visa card")  # the name field has the focus first
        assert value(app, "#f-name") == "Visa card"
        await pilot.press("tab", *"Harbor")
        assert value(app, "#f-lender") == "Harbor"
        await pilot.press("enter")
        assert not isinstance(app.screen, RecordForm)
    visa = Repository(sample_db).load().loan("Visa card")
    assert visa is not None and visa.lender == "Harbor"


async def test_typing_into_the_restructure_installments_replaces_them(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await select_row(pilot, "QuickCash")
        await pilot.press("r")
        assert isinstance(app.screen, RestructureScreen)
        assert value(app, "#rs-installments") == "36"
        await pilot.press(*"24")
        assert value(app, "#rs-installments") == "24"
        assert "24 installments" in str(app.screen.query_one("#rs-compare", Static).render())


# -- item 16: keys typed right after the key that opens a form ----------------------------------


async def test_keys_typed_after_a_reach_the_form(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await pilot.press("a", *"Visa")
        assert isinstance(app.screen, RecordForm)
        assert value(app, "#f-name") == "Visa"


async def test_keys_arriving_with_the_a_reach_the_form_in_order(sample_db: Path) -> None:
    """Typed fast, the first letters of the name went to the list behind the form and were
    lost: the name field read "" (and `s`, `a` among them did nothing or worse)."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await burst(pilot, ["a", *"Visa 2", "tab", *"Bank"])
        form = app.screen
        assert isinstance(form, RecordForm)
        assert [s for s in app.screen_stack if isinstance(s, RecordForm)] == [form]
        assert value(app, "#f-name") == "Visa 2"
        assert value(app, "#f-lender") == "Bank"
        assert app.focused is form.query_one("#f-lender")
        await pilot.press("escape", "y")  # discard: nothing is written
    assert Repository(sample_db).load().loan("Visa 2") is None


async def new_loan_form(pilot: Pilot[None]) -> RecordForm:
    """The loans screen's add form, open and ready for keys."""
    await open_screen(pilot, "l")
    await pilot.press("a")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, RecordForm)
    return form


async def test_keys_arriving_together_in_an_open_form_follow_each_tab(sample_db: Path) -> None:
    """Over a slow link keys arrive in bursts: `Name1 tab Bank tab 100` typed into an open
    form put "Name1Bank100" into the name (each tab reached the field after the keys behind
    it had been handed to the same field)."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_loan_form(pilot)
        await burst(pilot, [*"Name1", "tab", *"Bank", "shift+tab", *"Card", "tab", "tab"])
        assert value(app, "#f-name") == "Card"  # back on a filled field: typing replaces it
        assert value(app, "#f-lender") == "Bank"
        assert app.focused is form.query_one("#f-kind")
        await pilot.press("escape", "y")


async def test_keys_arriving_together_tab_past_the_choices_to_the_next_field(
    sample_db: Path,
) -> None:
    """Tabbing past the kind and status lists in one burst: the amount typed after them went
    into the lists (and was lost) rather than into the balance."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_loan_form(pilot)
        await burst(pilot, [*"Visa 3", "tab", *"Bank", "tab", "tab", "tab", *"5200"])
        assert (value(app, "#f-name"), value(app, "#f-lender")) == ("Visa 3", "Bank")
        assert value(app, "#f-balance") == "5200"
        assert app.focused is form.query_one("#f-balance")
        # A key to a box first: the box acts on it before the tab moves on, as one at a time.
        purpose = form.query_one("#f-purpose", Input)
        purpose.focus()
        await pilot.pause()
        await burst(pilot, ["tab", "space", "shift+tab"])
        assert form.query_one("#f-to_repay_other_debt", Checkbox).value is True
        assert app.focused is purpose
        await pilot.press("escape", "y")


async def test_a_tab_and_a_date_typed_with_the_r_replace_the_prefilled_date(
    sample_db: Path,
) -> None:
    """Typed at once, `tab` reached the date before it had selected its text, so the date read
    `2026-11-232026-11-05` and the repayment was refused."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f")
        await select_row(pilot, "Li Wei")
        await burst(pilot, ["r", *"50", "tab", *"2026-11-05"])
        assert isinstance(app.screen, RecordForm)
        assert (value(app, "#f-amount"), value(app, "#f-date")) == ("50", "2026-11-05")
        await pilot.press("enter")
        assert not isinstance(app.screen, RecordForm)
    li_wei = Repository(sample_db).load().family_loan("Li Wei")
    assert li_wei is not None
    assert [(r.on, r.amount) for r in li_wei.repayments] == [
        (date(2026, 11, 5), parse_money("50", "USD"))
    ]


async def test_keys_arriving_with_the_a_of_a_contact_reach_its_form(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await select_row(pilot, "Visa")
        await pilot.press("h")
        assert isinstance(app.screen, ContactsScreen)
        await burst(pilot, ["a", *"2026-11-20"])
        assert isinstance(app.screen, ContactForm)
        assert value(app, "#cf-date") == "2026-11-20"


# -- item 13: a filled form is not thrown away by one esc ---------------------------------------


async def test_esc_on_a_filled_form_asks_before_discarding(sample_db: Path) -> None:
    before = sample_db.read_bytes()
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await pilot.press("a", *"Store card", "tab", *"Big Store")
        form = app.screen
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Discard the changes?" in str(
            app.screen.query_one("#confirm-question", Static).render()
        )
        await pilot.press("n")  # keep editing: everything typed is still there
        assert app.screen is form
        assert value(app, "#f-name") == "Store card"
        assert value(app, "#f-lender") == "Big Store"
        await pilot.press("escape", "escape")  # esc in the question keeps the form too
        assert app.screen is form
        await pilot.press("escape", "y")
        assert not isinstance(app.screen, RecordForm | ConfirmDialog)
    assert sample_db.read_bytes() == before


async def test_esc_on_an_untouched_or_restored_form_closes_it_at_once(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await pilot.press("a", "escape")
        assert not isinstance(app.screen, RecordForm | ConfirmDialog)
        await select_row(pilot, "Visa")
        await pilot.press("e", "end", "x", "backspace")  # typed, then put back as it was
        assert value(app, "#f-name") == "Visa"
        await pilot.press("escape")
        assert not isinstance(app.screen, RecordForm | ConfirmDialog)


async def test_a_changed_choice_or_box_counts_as_a_change(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "t")
        await select_row(pilot, "Streaming")
        await pilot.press("e")
        app.screen.query_one("#f-essential").focus()
        await pilot.press("space", "escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n", "ctrl+s")
        assert not isinstance(app.screen, RecordForm | ConfirmDialog)
    streaming = next(e for e in Repository(sample_db).load().expenses if e.name == "Streaming")
    assert streaming.essential is True


async def test_esc_on_a_filled_contact_form_asks_before_discarding(sample_db: Path) -> None:
    before = sample_db.read_bytes()
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "l")
        await select_row(pilot, "Visa")
        await pilot.press("h", "a", "tab", "tab", *"Ms Chen")
        form = app.screen
        assert isinstance(form, ContactForm)
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert app.screen is form and value(app, "#cf-who") == "Ms Chen"
        await pilot.press("escape", "y")
        assert isinstance(app.screen, ContactsScreen)
        await pilot.press("a", "escape")  # nothing typed: closes at once
        assert isinstance(app.screen, ContactsScreen)
    assert sample_db.read_bytes() == before
