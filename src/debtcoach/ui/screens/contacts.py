"""One loan's contact history with its lender (the negotiation log), and the form to log a talk.

The guidance's first advice is to take the initiative and keep talking to the lenders; this
screen keeps the record: when, how (phone, app, branch, letter, email), with whom, what was asked,
what came of it and when to follow up. `a` logs a contact (the date defaults to today and may not
be in the future; a follow-up may not be before the contact), `e`/`enter` edits the selected one,
`x` removes it after a confirmation, `esc` goes back.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from debtcoach.domain.calendar import DateError, parse_date
from debtcoach.domain.contact_log import contact_date_problems
from debtcoach.domain.dashboard import follow_ups_due
from debtcoach.domain.models import Channel, Contact, Household, LoanStatus
from debtcoach.domain.money import format_money
from debtcoach.domain.record_rules import RecordProblem
from debtcoach.domain.text_rules import free_text_problem, printable
from debtcoach.domain.wording import N_, _, count, ngettext
from debtcoach.services.exchange import StoreError
from debtcoach.ui.formatting import literal, literal_lines
from debtcoach.ui.screens.base import DebtCoachScreen
from debtcoach.ui.undo import undo_contact_edit, undo_contact_removal
from debtcoach.ui.widgets.confirm import ConfirmDialog
from debtcoach.ui.widgets.forms import ask_before_discarding
from debtcoach.ui.widgets.text_input import TextInput
from debtcoach.ui.widgets.type_ahead import TypeAheadScreen

TEXT_LIMIT = 200
_FIELDS = ("date", "channel", "who", "asked", "outcome", "follow_up")


CHANNEL_WORDS: dict[Channel, str] = {
    Channel.PHONE: N_("phone"),
    Channel.APP: N_("app"),
    Channel.BRANCH: N_("branch"),
    Channel.LETTER: N_("letter"),
    Channel.EMAIL: N_("email"),
}


STATUS_WORDS: dict[LoanStatus, str] = {
    LoanStatus.CURRENT: N_("current"),
    LoanStatus.OVERDUE: N_("overdue"),
    LoanStatus.NEGOTIATING: N_("negotiating"),
    LoanStatus.RESTRUCTURED: N_("restructured"),
    LoanStatus.PAID_OFF: N_("paid off"),
}
"""The loan's status in the heading, in the active language."""


def channel_word(channel: Channel) -> str:
    """How a contact was made, in the active language (the stored value stays English)."""
    return _(CHANNEL_WORDS.get(channel, channel.value))


class ContactForm(TypeAheadScreen[Contact | None]):
    """Log one contact about `loan`; dismisses with the Contact, or None when cancelled."""

    DEFAULT_CSS = """
    ContactForm { align: center middle; }
    ContactForm > #cf-box {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $panel; padding: 0 1;
    }
    ContactForm #cf-title { text-style: bold; margin: 0 0 1 0; }
    ContactForm .cf-row { height: 1; }
    ContactForm .cf-label { width: 12; }
    ContactForm .cf-error { color: $error; height: auto; padding: 0 0 0 12; }
    ContactForm .cf-error.-empty { display: none; }
    ContactForm #cf-buttons { height: auto; align-horizontal: right; margin: 1 0 0 0; }
    ContactForm Button { margin-left: 2; }
    """
    AUTO_FOCUS = "#cf-date"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="contact_form.cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="contact_form.save"),
    ]

    def __init__(self, loan: str, lender: str, today: date, initial: Contact | None = None) -> None:
        super().__init__()
        self.loan = loan
        self.lender = lender
        self.today = today
        self.initial = initial
        self._opened_with: dict[str, object] = {}

    def on_mount(self) -> None:
        self._opened_with = {field: self._field(field).value for field in _FIELDS}

    def _field(self, field: str) -> Input | Select[Channel]:
        widget: Input | Select[Channel] = self.query_one(f"#cf-{field}")  # type: ignore[assignment]
        return widget

    def compose(self) -> ComposeResult:
        with Vertical(id="cf-box"):
            first = self.initial
            if self.lender:
                title = (
                    _("Edit the contact with {lender} about {loan}")
                    if first
                    else _("Log a contact with {lender} about {loan}")
                )
            else:
                title = (
                    _("Edit the contact about {loan}") if first else _("Log a contact about {loan}")
                )
            yield Static(literal(title.format(lender=self.lender, loan=self.loan)), id="cf-title")
            on = first.on if first else self.today
            yield from self._row(
                "date", _("Date"), Input(on.isoformat(), placeholder=_("YYYY-MM-DD"))
            )
            channels = [(channel_word(c), c) for c in Channel]
            channel = first.channel if first else Channel.PHONE
            yield from self._row(
                "channel", _("Channel"), Select(channels, value=channel, allow_blank=False)
            )
            for field, label, hint in (
                ("who", N_("Who"), N_("e.g. collections, Ms Chen")),
                ("asked", N_("Asked for"), N_("e.g. 36 installments")),
                ("outcome", N_("Outcome"), N_("e.g. send payslips")),
            ):
                value = printable(str(getattr(first, field))) if first else ""
                yield from self._row(
                    field, _(label), TextInput(value, placeholder=_(hint), max_length=TEXT_LIMIT)
                )
            follow = first.follow_up.isoformat() if first and first.follow_up else ""
            yield from self._row(
                "follow_up",
                _("Follow up"),
                Input(follow, placeholder=_("YYYY-MM-DD (optional)")),
            )
            with Horizontal(id="cf-buttons"):
                yield Button(_("Cancel (esc)"), id="cf-cancel", compact=True)
                yield Button(_("Save (enter)"), id="cf-save", variant="primary", compact=True)

    def _row(self, field: str, label: str, widget: Input | Select[Channel]) -> ComposeResult:
        widget.id = f"cf-{field}"
        widget.compact = True
        with Horizontal(classes="cf-row"):
            yield Label(label, classes="cf-label")
            yield widget
        yield Static("", id=f"cf-{field}-error", classes="cf-error -empty")

    def _set_error(self, field: str, message: str) -> None:
        error = self.query_one(f"#cf-{field}-error", Static)
        error.update(literal(message))
        error.set_class(not message, "-empty")

    def read(self) -> tuple[Contact | None, dict[str, str]]:
        """The contact the fields describe, or the problems per field."""
        problems: dict[str, str] = {}
        on: date | None = None
        follow_up: date | None = None
        try:
            on = parse_date(self.query_one("#cf-date", Input).value, what=_("date"))
        except DateError as exc:
            problems["date"] = str(exc)
        follow_text = self.query_one("#cf-follow_up", Input).value.strip()
        if follow_text:
            try:
                follow_up = parse_date(follow_text, what=_("follow-up"))
            except DateError as exc:
                problems["follow_up"] = str(exc)
        if on is not None:
            for field, message in contact_date_problems(on, follow_up, self.today).items():
                problems.setdefault(field, message)
        for field in ("who", "asked", "outcome"):
            problem = free_text_problem(self.query_one(f"#cf-{field}", Input).value.strip())
            if problem is not None:
                problems[field] = problem
        channel = self.query_one("#cf-channel", Select).value
        if not isinstance(channel, Channel):
            problems["channel"] = _("pick how you talked to the lender")
        if problems or on is None or not isinstance(channel, Channel):
            return None, problems
        contact = Contact(
            loan=self.loan,
            on=on,
            channel=channel,
            who=self.query_one("#cf-who", Input).value.strip(),
            asked=self.query_one("#cf-asked", Input).value.strip(),
            outcome=self.query_one("#cf-outcome", Input).value.strip(),
            follow_up=follow_up,
        )
        return contact, {}

    def _show(self, problems: dict[str, str]) -> None:
        for field in _FIELDS:
            self._set_error(field, problems.get(field, ""))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        _contact, problems = self.read()
        self._show(problems)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cf-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        contact, problems = self.read()
        self._show(problems)
        if contact is None:
            first = next(f for f in _FIELDS if f in problems)
            self.query_one(f"#cf-{first}").focus()
            return
        self.dismiss(contact)

    @property
    def has_changes(self) -> bool:
        """Whether any field differs from what the form was opened with."""
        return any(self._field(field).value != value for field, value in self._opened_with.items())

    def action_cancel(self) -> None:
        if self.has_changes:
            ask_before_discarding(self, lambda: self.dismiss(None))
        else:
            self.dismiss(None)


class ContactsScreen(DebtCoachScreen):
    """The contact log of the loan called `loan_name` (pushed from the loans screen with `h`)."""

    TITLE_TEXT = N_("Contacts")
    DEFAULT_CSS = """
    ContactsScreen #ct-loan { text-style: bold; }
    ContactsScreen #ct-next { height: auto; margin: 0 0 1 0; }
    ContactsScreen #ct-table { height: 1fr; }
    ContactsScreen #ct-detail { height: auto; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), id="contacts.back", tooltip=N_("Back to the loans")),
        Binding(
            "a",
            "add",
            N_("Log contact"),
            id="contacts.add",
            tooltip=N_("Log a talk with the lender"),
        ),
        Binding(
            "e", "edit", N_("Edit"), id="contacts.edit", tooltip=N_("Edit the selected contact")
        ),
        Binding(
            "x",
            "remove",
            N_("Remove"),
            id="contacts.remove",
            tooltip=N_("Remove the selected contact"),
        ),
    ]

    def __init__(self, loan_name: str) -> None:
        super().__init__()
        self.loan_name = loan_name
        self.rows: tuple[tuple[int, Contact], ...] = ()

    def compose_body(self) -> ComposeResult:
        yield Static(id="ct-loan")
        yield Static(id="ct-next")
        table: DataTable[str | Text] = DataTable(
            id="ct-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Static(id="ct-detail")

    def on_mount(self) -> None:
        table = self.query_one("#ct-table", DataTable)
        for label, width in (
            (N_("Date"), 10),
            (N_("Channel"), 7),
            (N_("Outcome"), 24),
            (N_("Follow up"), 10),
            (N_("Who"), 22),
            (N_("Asked for"), 30),
        ):
            table.add_column(_(label), width=width)
        super().on_mount()
        table.focus()

    def refresh_data(self, household: Household) -> None:
        app = self.coach_app
        loan = household.loan(self.loan_name)
        if loan is None:
            header = _("{loan} (removed) · contact history").format(loan=self.loan_name)
        else:
            words = {
                "loan": loan.name,
                "lender": loan.lender,
                "owed": format_money(loan.balance, household.settings.locale),
                "status": _(STATUS_WORDS.get(loan.status, loan.status.value)),
            }
            header = (
                _("{loan} with {lender} · owed {owed} · {status}")
                if loan.lender
                else _("{loan} · owed {owed} · {status}")
            ).format(**words)
        self.query_one("#ct-loan", Static).update(literal(header))
        self.rows = app.ledger.contacts_of(self.loan_name)
        self._show_next(tuple(c for _, c in self.rows))
        table = self.query_one("#ct-table", DataTable)
        keep = table.cursor_row
        table.clear()
        for contact_id, c in reversed(self.rows):  # newest first
            table.add_row(
                c.on.isoformat(),
                channel_word(c.channel),
                Text(printable(c.outcome)),
                c.follow_up.isoformat() if c.follow_up else "",
                Text(printable(c.who)),
                Text(printable(c.asked)),
                key=str(contact_id),
            )
        if self.rows:
            table.move_cursor(row=min(keep, len(self.rows) - 1))
        self._show_detail()

    def _show_next(self, contacts: tuple[Contact, ...]) -> None:
        today = self.coach_app.today
        due = follow_ups_due(contacts, today, days=36500)
        note = self.query_one("#ct-next", Static)
        if not contacts:
            note.update(_("No contact logged yet. Press a to log the first talk with the lender."))
        elif not due:
            note.update(_("No follow-up planned."))
        else:
            first = due[0]
            days = first.days
            when = (
                ngettext("{n} day overdue", "{n} days overdue", -days).format(n=-days)
                if days < 0
                else _("today")
                if days == 0
                else _("in {days}").format(days=count(days, "day"))
            )
            note.update(
                _("Next follow-up: {day} ({when})").format(day=first.on.isoformat(), when=when)
            )

    @on(DataTable.RowSelected)
    def _selected_row(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def _selected(self) -> tuple[int, Contact] | None:
        table = self.query_one("#ct-table", DataTable)
        if not self.rows or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next(((i, c) for i, c in self.rows if str(i) == key), None)

    def _show_detail(self) -> None:
        selected = self._selected()
        detail = self.query_one("#ct-detail", Static)
        if selected is None:
            detail.update("")
            return
        _contact_id, c = selected
        by = _("{day} by {channel}").format(day=c.on.isoformat(), channel=channel_word(c.channel))
        lines = [by + (_(" with {who}").format(who=c.who) if c.who else "")]
        if c.asked:
            lines.append(_("Asked for: {text}").format(text=c.asked))
        if c.outcome:
            lines.append(_("Outcome: {text}").format(text=c.outcome))
        detail.update(literal_lines(lines))

    # -- actions --------------------------------------------------------------------------

    def action_back(self) -> None:
        if self.has_class("-coach-open"):
            self.action_close_coach()
            return
        self.app.pop_screen()

    def action_add(self) -> None:
        app = self.coach_app
        loan = app.household.loan(self.loan_name)
        if loan is None:
            self.notify(
                _("This loan was removed; no new contacts can be logged."), severity="warning"
            )
            return
        self.app.push_screen(ContactForm(loan.name, loan.lender, app.today), self._saved)

    def action_edit(self) -> None:
        selected = self._selected()
        if selected is None:
            self.notify(_("Nothing to edit: press a to log a contact."), timeout=3)
            return
        contact_id, old = selected
        app = self.coach_app
        loan = app.household.loan(self.loan_name)
        lender = loan.lender if loan else ""

        def edited(contact: Contact | None) -> None:
            if contact is None or contact == old:
                return
            try:
                app.ledger.update_contact(contact_id, contact)
            except (StoreError, RecordProblem) as exc:
                self.notify(
                    _("Not saved: {reason}").format(reason=exc), severity="error", timeout=10
                )
                return
            what = _("saved the changes to the {channel} contact of {day}").format(
                channel=channel_word(old.channel), day=old.on.isoformat()
            )
            app.remember(undo_contact_edit(what, contact_id, was=old, saved=contact))
            app.reload()
            self.notify(
                _("Saved the {channel} contact of {day}.").format(
                    channel=channel_word(contact.channel), day=contact.on.isoformat()
                )
            )

        self.app.push_screen(ContactForm(self.loan_name, lender, app.today, old), edited)

    def _saved(self, contact: Contact | None) -> None:
        if contact is None:
            return
        try:
            self.coach_app.ledger.add_contact(contact)
        except (StoreError, RecordProblem) as exc:
            self.notify(_("Not saved: {reason}").format(reason=exc), severity="error", timeout=10)
            return
        self.coach_app.reload()
        table = self.query_one("#ct-table", DataTable)
        if table.row_count:
            table.move_cursor(row=0)
        follow = (
            _("; follow up on {day}").format(day=contact.follow_up.isoformat())
            if contact.follow_up
            else ""
        )
        self.notify(
            _("Logged the {channel} contact of {day}{follow}.").format(
                channel=channel_word(contact.channel), day=contact.on.isoformat(), follow=follow
            )
        )

    def action_remove(self) -> None:
        selected = self._selected()
        if selected is None:
            self.notify(_("Nothing to remove."), severity="warning")
            return
        contact_id, c = selected
        question = _("Remove the {channel} contact of {day} about {loan}?").format(
            channel=channel_word(c.channel), day=c.on.isoformat(), loan=c.loan
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.coach_app.ledger.remove_contact(contact_id)
            except StoreError as exc:
                self.notify(
                    _("Not removed: {reason}").format(reason=exc), severity="error", timeout=10
                )
                return
            what = _("removed the {channel} contact of {day} about {loan}").format(
                channel=channel_word(c.channel), day=c.on.isoformat(), loan=c.loan
            )
            self.coach_app.remember(undo_contact_removal(what, c))
            self.coach_app.reload()
            self.notify(_("Contact removed (u undoes it)."))

        self.app.push_screen(ConfirmDialog(question), answered)
