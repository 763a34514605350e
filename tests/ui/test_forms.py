"""The record form and the confirmation dialog on their own, in a bare app (fast).

Real keys only: the form must check each field as it is typed, refuse to save while anything is
wrong, show store errors at the right place, and write nothing on esc.
"""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult
from textual.widgets import Checkbox, Input, Static

from debtcoach.domain.money import Money
from debtcoach.store.errors import DuplicateName, StorageIOError
from debtcoach.ui.widgets.confirm import ConfirmDialog
from debtcoach.ui.widgets.form_fields import FieldError, FieldSpec, Values
from debtcoach.ui.widgets.forms import RecordForm
from debtcoach.ui.widgets.money_input import (
    money_field,
    name_field,
    optional_date_field,
    optional_int_field,
    rate_field,
)


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("host")


def make_form(saved: list[Values], *, fail: Exception | None = None) -> RecordForm:
    fields = [
        FieldSpec("name", "Name", parse=name_field("name")),
        FieldSpec("amount", "Amount", parse=money_field("USD", "amount", allow_zero=False)),
        FieldSpec("rate", "Rate", parse=rate_field("rate"), initial="0"),
        FieldSpec("day", "Day", parse=optional_int_field("day", 1, 31)),
        FieldSpec("on", "On", parse=optional_date_field("on")),
        FieldSpec("kind", "Kind", kind="select", options=(("A", "a"), ("B", "b")), initial="a"),
        FieldSpec("flag", "Flag", kind="bool"),
    ]

    def save(values: Values) -> str:
        if fail is not None:
            raise fail
        if values["name"] == "Clash":
            raise FieldError("amount", "amount clashes with the name")
        saved.append(values)
        return "Saved."

    return RecordForm("Test form", fields, save)


async def type_into(pilot, form: RecordForm, key: str, text: str) -> None:  # type: ignore[no-untyped-def]
    form.query_one(f"#f-{key}", Input).focus()
    await pilot.press("home", "ctrl+k", *text)


async def test_fields_are_checked_as_they_are_typed() -> None:
    saved: list[Values] = []
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        form = make_form(saved)
        app.push_screen(form)
        await pilot.pause()
        assert form.field_error("name") == ""  # nothing shouted before typing
        await type_into(pilot, form, "amount", "12.345")
        assert "too many decimals" in form.field_error("amount")
        await pilot.press("backspace")
        assert form.field_error("amount") == ""
        await type_into(pilot, form, "rate", "abc")
        assert "not a number" in form.field_error("rate")
        await type_into(pilot, form, "on", "2026-02-30")
        assert "does not exist" in form.field_error("on")
        await type_into(pilot, form, "day", "32")
        assert "out of range" in form.field_error("day")
        await pilot.press("enter")
        assert saved == []
        assert app.screen is form
        assert "Nothing was saved" in form.form_error
        assert "is empty" in form.field_error("name")


async def test_enter_saves_parsed_values_once_everything_is_valid() -> None:
    saved: list[Values] = []
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        results: list[bool | None] = []
        form = make_form(saved)
        app.push_screen(form, results.append)
        await pilot.pause()
        await pilot.press(*"Rent", "tab", *"1,234.50", "tab")
        await pilot.press("tab", *"5", "tab", *"2026-12-01")
        await pilot.press("tab", "tab", "space")  # past the select, tick the box
        flag = form.query_one("#f-flag", Checkbox)
        assert flag.has_focus
        assert str(flag.label) == "yes"  # said in words, not only in colour
        await pilot.press("enter")  # enter on the checkbox saves, it does not toggle
        assert results == [True]
        assert saved == [
            {
                "name": "Rent",
                "amount": Money(123450, "USD"),
                "rate": 0,
                "day": 5,
                "on": date(2026, 12, 1),
                "kind": "a",
                "flag": True,
            }
        ]
        assert app.screen is not form


async def test_select_is_chosen_with_keys() -> None:
    saved: list[Values] = []
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        form = make_form(saved)
        app.push_screen(form)
        await pilot.pause()
        await pilot.press(*"X", "tab", *"1")
        form.query_one("#f-kind").focus()
        await pilot.press("space", "down", "enter")  # open, move to B, pick it
        await pilot.press("ctrl+s")
        assert saved and saved[0]["kind"] == "b"


async def test_escape_cancels_without_saving() -> None:
    saved: list[Values] = []
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        results: list[bool | None] = []
        app.push_screen(make_form(saved), results.append)
        await pilot.pause()
        await pilot.press(*"Rent", "tab", *"100", "escape")
        assert results == []  # typed into: it asks first
        await pilot.press("y")
        assert results == [False]
        assert saved == []


async def test_cross_field_and_store_errors_keep_the_form_open() -> None:
    saved: list[Values] = []
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        form = make_form(saved)
        app.push_screen(form)
        await pilot.pause()
        await pilot.press(*"Clash", "tab", *"10", "enter")
        assert form.field_error("amount") == "amount clashes with the name"
        assert app.screen is form

        duplicate = make_form(saved, fail=DuplicateName("loans", "Visa"))
        app.push_screen(duplicate)
        await pilot.pause()
        await pilot.press(*"Visa", "tab", *"10", "enter")
        assert "already exists" in duplicate.field_error("name")
        assert duplicate.form_error == "Nothing was saved."

        broken = make_form(
            saved, fail=StorageIOError(__import__("pathlib").Path("/x"), "write", "disk full")
        )
        app.push_screen(broken)
        await pilot.pause()
        await pilot.press(*"Car", "tab", *"10", "enter")
        assert "disk full" in broken.form_error
        assert app.screen is broken
        assert saved == []


async def test_confirm_dialog_keys() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        answers: list[bool | None] = []
        for key in ("y", "n", "escape", "enter"):
            app.push_screen(ConfirmDialog("Remove it?"), answers.append)
            await pilot.pause()
            await pilot.press(key)
        # enter presses the focused button, which is the safe one
        assert answers == [True, False, False, False]
