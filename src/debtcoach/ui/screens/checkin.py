"""The weekly check-in (`w`): a short, keyboard-only ritual, one step at a time.

The screen opens on the list of weeks (this week first, then past check-ins); `enter` starts this
week or corrects the highlighted one. The flow has six steps — payments, income, spending,
new borrowing, contacts with lenders, a note — and `enter` moves to the next field and, on a
step's last field, to the next step; `esc` steps back. Nothing is saved before the last step.
Answering "yes" on the borrowing step asks for the new loan in full (what is owed, its payment,
its due day, whether it repaid another debt); picking a loan on the lenders step asks who, what
was asked, what came of it and a follow-up date, all on that one step. The record rules
(`domain/record_rules.py`) check both, as for every other door.
Saving goes through `checkin_service.save_checkin` (the same code as `debtcoach checkin add`),
then the summary shows this week against last week, the total owed, the debt-free month and the
streak, and the app reloads so every screen and the coach see the new numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import ClassVar

from babel.dates import format_skeleton
from msgspec import Struct, field
from msgspec.structs import replace
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.message import Message
from textual.widget import Widget
from textual.widgets import ContentSwitcher, DataTable, Input, Label, Static

from debtcoach.domain.calendar import DateError, iso_week, parse_date
from debtcoach.domain.checkin import (
    CheckInError,
    CheckInSummary,
    WeekDebt,
    checkin_date,
    debts_in_week,
    find_checkin,
    is_loan,
    still_due_in_week,
    summary_figures,
    summary_heading,
    week_dates,
    weekly_share,
)
from debtcoach.domain.models import (
    Channel,
    CheckIn,
    Contact,
    Frequency,
    Household,
    IncomeSource,
    InvalidName,
    Loan,
    LoanKind,
    validate_name,
)
from debtcoach.domain.money import Money, MoneyError, format_money, parse_money, parse_rate
from debtcoach.domain.record_rules import borrowed_loan_problems, contact_problems
from debtcoach.domain.text_rules import printable
from debtcoach.domain.wording import N_, _
from debtcoach.services.checkin import save_checkin
from debtcoach.services.exchange import StoreError
from debtcoach.ui.formatting import literal, literal_lines
from debtcoach.ui.screens.base import DebtCoachScreen
from debtcoach.ui.screens.contacts import channel_word
from debtcoach.ui.screens.income import INCOME_KINDS
from debtcoach.ui.widgets.confirm import ConfirmDialog
from debtcoach.ui.widgets.forms import FieldsScroll
from debtcoach.ui.widgets.text_input import TextInput

NONE = "none"


class ChoiceField(Widget, can_focus=True):
    """One of a few options, changed with ←/→ (or space, or an option's first letter)."""

    DEFAULT_CSS = """
    ChoiceField { width: 26; height: 1; padding: 0 1; background: $boost; }
    ChoiceField:focus { background: $accent 30%; text-style: bold; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", N_("Previous"), show=False),
        Binding("right,space", "step(1)", N_("Next option"), show=False),
        Binding("enter", "submit", N_("Next"), show=False),
    ]

    class Changed(Message):
        def __init__(self, choice: ChoiceField) -> None:
            super().__init__()
            self.choice = choice

    class Submitted(Message):
        def __init__(self, choice: ChoiceField) -> None:
            super().__init__()
            self.choice = choice

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self))

    def __init__(
        self,
        options: Sequence[str],
        value: str,
        *,
        labels: Mapping[str, str] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.options = tuple(options)
        self.value = value if value in self.options else self.options[0]
        self.labels = dict(labels or {})

    def render(self) -> Content:
        shown = self.labels.get(self.value, self.value.replace("_", " "))
        return literal(f"◀ {shown} ▶")

    def action_step(self, delta: int) -> None:
        index = (self.options.index(self.value) + delta) % len(self.options)
        self._set(self.options[index])

    def _set(self, value: str) -> None:
        if value != self.value:
            self.value = value
            self.refresh()
            self.post_message(self.Changed(self))

    def on_key(self, event: events.Key) -> None:
        key = event.character
        if key and key.isalpha():
            for option in self.options:
                if option.lower().startswith(key.lower()):
                    self._set(option)
                    event.stop()
                    return


class FieldSpec(Struct):
    key: str
    label: str
    info: str = ""
    options: tuple[str, ...] = ()  # a choice when given, else a text box
    labels: Mapping[str, str] = field(default_factory=dict)
    """How a choice's options read (in the active language); an option not in it reads as is."""

    @property
    def is_choice(self) -> bool:
        return bool(self.options)


class Step(Struct):
    title: str
    intro: str
    fields: Callable[[], list[FieldSpec]]


class Draft(Struct):
    """What the user has typed so far, by field key (nothing is saved until the end).

    `initial` holds what each field showed before the user touched it, so that leaving asks
    first only when something was typed or changed.
    """

    week: str
    on: date
    previous: CheckIn | None
    values: dict[str, str] = field(default_factory=dict)
    initial: dict[str, str] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.initial.get(key, "") != value for key, value in self.values.items())


def _plain(amount: Money) -> str:
    return str(amount)


class CheckInScreen(DebtCoachScreen):
    TITLE_TEXT = N_("Weekly check-in")
    DEFAULT_CSS = """
    CheckInScreen #ck-title { text-style: bold; color: $accent; height: auto; }
    CheckInScreen #ck-intro { color: $text-muted; height: auto; }
    CheckInScreen #ck-fields { height: auto; max-height: 1fr; }
    CheckInScreen .ck-row { height: auto; margin: 0 0; }
    CheckInScreen .ck-label { width: 20; }
    CheckInScreen .ck-row Input { width: 14; }
    CheckInScreen .ck-row .ck-text { width: 1fr; }
    CheckInScreen .ck-info { width: 1fr; padding: 0 1; color: $text-muted; }
    CheckInScreen #ck-error { color: $error; height: auto; }
    CheckInScreen #ck-keys { color: $text-muted; height: 1; }
    CheckInScreen #ck-overview DataTable { height: 1fr; }
    CheckInScreen #ck-summary-title { text-style: bold; color: $accent; height: 1; }
    CheckInScreen #ck-summary-text { height: auto; }
    CheckInScreen #ck-summary-why { height: auto; padding-left: 2; }
    CheckInScreen #ck-summary-keys { margin-top: 1; color: $text-muted; }
    CheckInScreen #ck-list-keys { color: $text-muted; height: 1; }
    CheckInScreen ContentSwitcher { height: 1fr; }
    CheckInScreen #ck-flow, CheckInScreen #ck-overview, CheckInScreen #ck-summary { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), id="checkin.back"),
        Binding("enter", "enter", N_("Next"), show=False, id="checkin.enter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.draft: Draft | None = None
        self.step_index = 0
        self.summary: CheckInSummary | None = None
        self._shown: list[tuple[FieldSpec, Widget]] = []
        self._last_field: Widget | None = None
        self._pending_week: str | None = None
        self.steps: tuple[Step, ...] = (
            Step(N_("Payments made"), N_("What did you pay this week? Amounts due this week are "
                 "filled in; change them to what you really paid."), self._payment_fields),
            Step(N_("Income received"), N_("What came in this week, pay and side income."),
                 self._income_fields),
            Step(N_("Spending"), N_("What did you spend on the items you are cutting?"),
                 self._spending_fields),
            Step(N_("New borrowing"), N_("Did you borrow anything new this week? (← → or y/n)"),
                 self._borrow_fields),
            Step(N_("Talks with lenders"), N_("Did you talk to a lender this week? Optional: pick "
                 "the loan, then who, what you asked, what came of it and when to follow up."),
                 self._contact_fields),
            Step(N_("A note"), N_("Anything to remember about this week? Enter saves."),
                 self._note_fields),
        )  # fmt: skip

    # -- layout ---------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        with ContentSwitcher(initial="ck-overview"):
            with Vertical(id="ck-overview"):
                yield Static("", id="ck-overview-title", markup=False)
                yield DataTable(id="ck-weeks", cursor_type="row", zebra_stripes=True)
                yield Static(_("enter: check in / correct the highlighted week"), id="ck-list-keys")
            with Vertical(id="ck-flow"):
                yield Static("", id="ck-title", markup=False)
                yield Static("", id="ck-intro", markup=False)
                yield FieldsScroll(id="ck-fields")
                yield Static("", id="ck-error", markup=False)
                yield Static("enter: next · esc: back", id="ck-keys")
            with VerticalScroll(id="ck-summary"):
                yield Static("", id="ck-summary-title", markup=False)
                yield Static("", id="ck-summary-text", markup=False)
                yield Static("", id="ck-summary-why", markup=False)
                yield Static(_("enter: back to the weeks"), id="ck-summary-keys")

    @property
    def view(self) -> str:
        return self.query_one(ContentSwitcher).current or "ck-overview"

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#ck-weeks", DataTable).focus()
        if self._pending_week is not None:
            week, self._pending_week = self._pending_week, None
            self.call_later(self.start, week)

    def on_screen_resume(self) -> None:
        if self.view == "ck-summary":
            self.show_overview()

    def refresh_data(self, household: Household) -> None:
        self._fill_weeks(household)

    def _fill_weeks(self, household: Household) -> None:
        table = self.query_one("#ck-weeks", DataTable)
        current = iso_week(self.coach_app.today)
        table.clear(columns=True)
        table.add_column(_("Week"), key="week")
        table.add_column(_("Paid"), key="paid")
        table.add_column(_("Earned"), key="earned")
        table.add_column(_("Spent"), key="spent")
        table.add_column(_("Borrowed"), key="borrowed")
        table.add_column(_("Note"), key="note")
        locale = household.settings.locale
        done = {c.week for c in household.checkins}
        if current not in done:
            table.add_row(current, _("not done yet"), "", "", "", "", key=current)
        for item in sorted(household.checkins, key=lambda c: c.week, reverse=True):

            def total(amounts: dict[str, Money]) -> str:
                minor = sum(a.minor for a in amounts.values())
                return format_money(Money(minor, household.currency), locale)

            note = item.note if len(item.note) <= 24 else item.note[:23] + "…"
            table.add_row(
                Text(item.week),
                Text(total(item.paid), justify="right"),
                Text(total(item.received), justify="right"),
                Text(total(item.spent), justify="right"),
                _("yes") if item.borrowed else _("no"),
                Text(printable(note)),
                key=item.week,
            )
        status = _("done") if current in done else _("not done yet")
        self.query_one("#ck-overview-title", Static).update(
            _("This week is {week} ({status}). Past weeks can be corrected.").format(
                week=current, status=status
            )
        )

    # -- starting, stepping, saving ----------------------------------------------------------

    def request_start(self, week: str) -> None:
        """Open the flow for `week` (used by the start-up offer), now or once mounted."""
        if self.is_mounted:
            self.call_later(self.start, week)
        else:
            self._pending_week = week

    @on(DataTable.RowSelected, "#ck-weeks")
    async def _week_chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            await self.start(str(event.row_key.value))

    async def start(self, week: str) -> None:
        """Open the flow for `week`: the draft of that week where it was left, if there is one."""
        if self.draft is not None and self.draft.week == week:
            await self._resume()
            return
        household = self.coach_app.household
        previous = find_checkin(household, week)
        try:
            on_date = checkin_date(week, self.coach_app.today, previous)
        except CheckInError as exc:
            self.notify(str(exc), severity="warning")
            return
        values = self._initial_values(household, week, previous)
        self.draft = Draft(week, on_date, previous, values, dict(values))
        self.summary = None
        self.query_one(ContentSwitcher).current = "ck-flow"
        self.refresh_bindings()
        await self.show_step(0)

    async def _resume(self) -> None:
        """Back into the draft, on the step and in the field where the user left it."""
        self.summary = None
        self.query_one(ContentSwitcher).current = "ck-flow"
        self.refresh_bindings()
        focused = self._last_field
        key = next((spec.key for spec, widget in self._shown if widget is focused), None)
        await self.show_step(self.step_index, focus_key=key)

    def _initial_values(
        self, household: Household, week: str, previous: CheckIn | None
    ) -> dict[str, str]:
        values: dict[str, str] = {}
        if previous is not None:
            values.update({f"paid:{k}": _plain(v) for k, v in previous.paid.items()})
            values.update({f"received:{k}": _plain(v) for k, v in previous.received.items()})
            values.update({f"spent:{k}": _plain(v) for k, v in previous.spent.items()})
            values["borrowed"] = "yes" if previous.borrowed else "no"
            values["note"] = printable(previous.note, multiline=True)
            return values
        for loan in household.loans:
            due = still_due_in_week(loan, week, household.checkins)
            if due is not None:
                values[f"paid:{loan.name}"] = _plain(due)
        for source in household.income:
            if source.frequency == Frequency.WEEKLY:
                values[f"received:{source.name}"] = _plain(source.amount)
        values["borrowed"] = "no"
        return values

    async def show_step(self, index: int, focus_key: str | None = None) -> None:
        assert self.draft is not None
        self.step_index = index
        step = self.steps[index]
        monday, sunday = week_dates(self.draft.week)
        locale = self.coach_app.settings.locale
        same_month = sunday.month == monday.month
        end = format_skeleton("d" if same_month else "MMMd", sunday, locale=locale)
        days = f"{format_skeleton('MMMd', monday, locale=locale)}–{end}"
        heading = (
            _("Correcting {week} ({days}) · step {n} of {steps}: {title}")
            if self.draft.previous is not None
            else _("Week {week} ({days}) · step {n} of {steps}: {title}")
        )
        self.query_one("#ck-title", Static).update(
            heading.format(
                week=self.draft.week,
                days=days,
                n=index + 1,
                steps=len(self.steps),
                title=_(step.title),
            )
        )
        intro = _(step.intro)
        if index == 0 and self.draft.previous is not None:
            intro = _("What you recorded is filled in; correct it to what you really paid.")
        self.query_one("#ck-intro", Static).update(intro)
        self.query_one("#ck-error", Static).update("")
        last = index == len(self.steps) - 1
        keys = _("enter: save") if last else _("enter: next")
        back = _("esc: back") if index else _("esc: back to the weeks")
        self.query_one("#ck-keys", Static).update(
            _("{keys} · tab: next field · {back}").format(keys=keys, back=back)
        )
        container = self.query_one("#ck-fields", VerticalScroll)
        await container.remove_children()
        self._shown = []
        rows: list[Widget] = []
        for number, spec in enumerate(step.fields()):
            value = self.draft.values.get(spec.key, "")
            widget: Widget
            if spec.is_choice:
                value = value or spec.options[0]
                self.draft.initial.setdefault(spec.key, value)
                widget = ChoiceField(spec.options, value, labels=spec.labels, id=f"ck-f{number}")
            else:
                is_amount = spec.key.startswith(("paid:", "received:", "spent:", "new:amount"))
                is_amount = is_amount or spec.key in ("new:min", "new:apr", "new:due")
                widget = TextInput(
                    value,
                    placeholder="0" if is_amount else "",
                    id=f"ck-f{number}",
                    compact=True,
                    classes="" if is_amount else "ck-text",
                )
            self._shown.append((spec, widget))
            rows.append(
                Horizontal(
                    Label(literal(spec.label), classes="ck-label"),
                    widget,
                    Label(literal(spec.info), classes="ck-info"),
                    classes="ck-row",
                )
            )
        if not rows:
            rows.append(Label(_("Nothing to fill in here."), classes="ck-info"))
        await container.mount_all(rows)
        target = next((w for s, w in self._shown if s.key == focus_key), None)
        if target is None and self._shown:
            target = self._shown[0][1]
        self.set_focus(target)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if self._is_field(event.widget):
            self._last_field = event.widget

    def focus_body(self) -> None:
        """Back from the coach: to the field the user was in, never to the hidden week list."""
        if self.view == "ck-flow":
            fields = [widget for _, widget in self._shown]
            last = self._last_field
            self.set_focus(last if last in fields else (fields[0] if fields else None))
        elif self.view == "ck-overview":
            self.query_one("#ck-weeks", DataTable).focus()
        else:
            self.query_one("#ck-summary", VerticalScroll).focus()

    def _store_values(self) -> None:
        assert self.draft is not None
        for spec, widget in self._shown:
            if isinstance(widget, ChoiceField):
                self.draft.values[spec.key] = widget.value
            elif isinstance(widget, Input):
                self.draft.values[spec.key] = widget.value.strip()

    @on(Input.Submitted)
    async def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        # Keys typed fast may still reach a field the flow has already moved past.
        await self._advance_from(self.focused if self._is_field(self.focused) else event.input)

    def _is_field(self, widget: Widget | None) -> bool:
        return any(w is widget for _, w in self._shown)

    @on(ChoiceField.Submitted)
    async def _choice_submitted(self, event: ChoiceField.Submitted) -> None:
        event.stop()
        await self._advance_from(self.focused if self._is_field(self.focused) else event.choice)

    async def action_enter(self) -> None:
        """enter with no field focused: leaves the summary, or advances an empty step."""
        if self.view == "ck-summary":
            self.show_overview()
        elif self.view == "ck-flow" and self.focused is None:
            await self.action_next()

    async def _advance_from(self, widget: Widget | None) -> None:
        widgets = [w for _, w in self._shown]
        index = next((i for i, w in enumerate(widgets) if w is widget), None)
        if index is not None and index < len(widgets) - 1:
            self.set_focus(widgets[index + 1])
            return
        await self.action_next()

    @on(ChoiceField.Changed)
    async def _choice_changed(self, event: ChoiceField.Changed) -> None:
        spec = next((s for s, w in self._shown if w is event.choice), None)
        if spec is not None and spec.key in ("borrowed", "contact:loan"):
            self._store_values()
            await self.show_step(self.step_index, focus_key=spec.key)

    async def action_next(self) -> None:
        if self.draft is None or self.view != "ck-flow":
            return
        self._store_values()
        problem = self._check_step(self.step_index)
        if problem is not None:
            key, message = problem
            self.query_one("#ck-error", Static).update(literal(message))
            widget = next((w for s, w in self._shown if s.key == key), None)
            self.set_focus(widget)
            return
        if self.step_index < len(self.steps) - 1:
            await self.show_step(self.step_index + 1)
        else:
            self.save()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            # On the list of weeks there is nothing to go back to: esc is not offered there.
            try:
                view = self.view
            except NoMatches:
                return True
            return view != "ck-overview" or self.has_class("-coach-open")
        return super().check_action(action, parameters)

    async def action_back(self) -> None:
        if self.has_class("-coach-open"):
            self.action_close_coach()
            return
        if self.view == "ck-flow" and self.draft is not None:
            self._store_values()
            if self.step_index > 0:
                await self.show_step(self.step_index - 1)
                return
            if self.draft.changed:
                self._ask_to_discard(self.draft)
                return
            self.draft = None
        self.show_overview()

    def _ask_to_discard(self, draft: Draft) -> None:
        """esc on the first step: the week's typing is only thrown away when the user says so."""
        if draft.previous is not None:
            question = _("Discard this correction of {week}? Nothing of it has been saved.")
        elif draft.week == iso_week(self.coach_app.today):
            question = _("Discard this week's check-in? Nothing of it has been saved.")
        else:
            question = _("Discard the check-in of {week}? Nothing of it has been saved.")

        def answered(discard: bool | None) -> None:
            if discard:
                self.draft = None
                self.show_overview()
            else:
                self.focus_body()

        self.app.push_screen(
            ConfirmDialog(question.format(week=draft.week), yes=_("Discard"), no=_("Keep it")),
            answered,
        )

    def show_overview(self) -> None:
        self.query_one(ContentSwitcher).current = "ck-overview"
        self.refresh_bindings()
        self._fill_weeks(self.coach_app.household)
        self.query_one("#ck-weeks", DataTable).focus()

    # -- the fields of each step ----------------------------------------------------------

    @property
    def _household(self) -> Household:
        return self.coach_app.household

    def _money(self, amount: Money) -> str:
        return format_money(amount, self._household.settings.locale)

    @property
    def _past_week(self) -> bool:
        """A week before this one (a correction or a missed week): shown as it stood then."""
        assert self.draft is not None
        return self.draft.week < iso_week(self.coach_app.today)

    def _week_debts(self) -> dict[tuple[str, bool], WeekDebt]:
        """The debts of the draft's week, as they stood then, by (name, family)."""
        assert self.draft is not None
        debts = debts_in_week(self._household, self.draft.week)
        return {(debt.name, debt.family): debt for debt in debts}

    def _owed_info(self, name: str, family: bool, debts: dict[tuple[str, bool], WeekDebt]) -> str:
        """ "owes …" this week; for a past week, what was owed then (and what is left now)."""
        payable = self._owed_before(name)
        debt = debts.get((name, family))
        if debt is None or not self._past_week:
            return _("owes {amount}").format(amount=self._money(payable))
        info = _("owed {amount} then").format(amount=self._money(debt.before))
        if payable.minor == 0:
            return info + _(" · paid off since")
        if payable.minor < debt.before.minor:
            return info + _(" · at most {amount} now").format(amount=self._money(payable))
        return info

    def _owed_before(self, name: str) -> Money:
        """What can be paid to `name` this week: today's balance plus this week's old payment."""
        assert self.draft is not None
        household = self._household
        loan = household.loan(name)
        owed = loan.balance if loan is not None else Money.zero(household.currency)
        if loan is None:
            family = household.family_loan(name)
            owed = family.balance if family is not None else owed
        old = self.draft.previous.paid.get(name) if self.draft.previous else None
        return owed if old is None else owed + old

    def _open_then(self, name: str, family: bool, debts: dict[tuple[str, bool], WeekDebt]) -> bool:
        """Whether a debt was open in a past week: it existed and still owed something."""
        debt = debts.get((name, family))
        return debt is not None and debt.before.minor > 0

    def _payment_fields(self) -> list[FieldSpec]:
        assert self.draft is not None
        household = self._household
        old = self.draft.previous.paid if self.draft.previous else {}
        past = self._past_week
        debts = self._week_debts() if past else {}
        fields = []
        for loan in household.loans:
            open_then = self._open_then(loan.name, False, debts) if past else loan.is_open
            if not open_then and loan.name not in old:
                continue
            due = still_due_in_week(loan, self.draft.week, household.checkins)
            info = self._owed_info(loan.name, False, debts)
            if loan.due_day is not None:
                info += _(" · due day {day}").format(day=loan.due_day)
            if due is not None:
                paid = due.minor == 0 and loan.scheduled_payment.minor > 0
                info += _(" (this week, paid already)") if paid else _(" (this week)")
            fields.append(FieldSpec(f"paid:{loan.name}", loan.name, info))
        for item in household.family_loans:
            if is_loan(household, item.lender):
                continue
            if past:
                open_then = self._open_then(item.lender, True, debts)
            else:
                open_then = item.balance.minor > 0
            if not open_then and item.lender not in old:
                continue
            info = _("family · {owed}").format(owed=self._owed_info(item.lender, True, debts))
            fields.append(FieldSpec(f"paid:{item.lender}", item.lender, info))
        return fields

    def _income_fields(self) -> list[FieldSpec]:
        assert self.draft is not None
        old = self.draft.previous.received if self.draft.previous else {}
        monday, sunday = week_dates(self.draft.week)

        def came_then(source: IncomeSource) -> bool:
            started = source.start is None or source.start <= sunday
            return started and (source.end is None or source.end >= monday)

        return [
            FieldSpec(
                f"received:{x.name}",
                x.name,
                _("{kind} · {amount} {frequency}").format(
                    kind=_(INCOME_KINDS.get(x.kind, x.kind.value)),
                    amount=self._money(x.amount),
                    frequency=_(x.frequency.value),
                ),
            )
            for x in self._household.income
            if came_then(x) or x.name in old
        ]

    def _spending_fields(self) -> list[FieldSpec]:
        assert self.draft is not None
        old = self.draft.previous.spent if self.draft.previous else {}
        expenses = [e for e in self._household.expenses if e.cut_active or e.name in old]
        if not expenses:
            expenses = list(self._household.expenses)
        return [
            FieldSpec(
                f"spent:{e.name}",
                e.name,
                _("weekly target {amount}").format(
                    amount=self._money(weekly_share(e.target_or_current))
                ),
            )
            for e in expenses
        ]

    def _borrow_fields(self) -> list[FieldSpec]:
        assert self.draft is not None
        yes_no = {"no": _("no"), "yes": _("yes")}
        fields = [FieldSpec("borrowed", _("Borrowed anything?"), "", ("no", "yes"), yes_no)]
        if self.draft.values.get("borrowed") == "yes":
            kinds = {kind.value: _(label) for label, kind in NEW_LOAN_KINDS}
            fields += [
                FieldSpec("new:name", _("What (a name)"), _("e.g. Payday app")),
                FieldSpec("new:lender", _("From whom"), _("the lender")),
                FieldSpec("new:amount", _("How much"), _("what you owe now")),
                FieldSpec("new:min", _("Monthly payment"), _("what it asks each month")),
                FieldSpec("new:due", _("Due day"), _("day of the month, 1 to 31")),
                FieldSpec("new:apr", _("Yearly rate %"), _("optional")),
                FieldSpec("new:kind", _("Kind"), "", tuple(kinds), kinds),
                FieldSpec(
                    "new:repays",
                    _("To repay a debt?"),
                    _("← → did it pay another loan"),
                    ("no", "yes"),
                    yes_no,
                ),
            ]
        return fields

    def _contact_fields(self) -> list[FieldSpec]:
        if self._past_week:
            debts = self._week_debts()
            names = (loan.name for loan in self._household.loans)
            loans = tuple(name for name in names if self._open_then(name, False, debts))
        else:
            loans = tuple(loan.name for loan in self._household.loans if loan.is_open)
        picked = FieldSpec(
            "contact:loan",
            _("Talked about"),
            _("← → to pick a loan"),
            (NONE, *loans),
            {NONE: _("none")},
        )
        assert self.draft is not None
        if self.draft.values.get("contact:loan", NONE) == NONE:
            return [picked]
        channels = {channel.value: channel_word(channel) for channel in Channel}
        return [
            picked,
            FieldSpec("contact:channel", _("How"), "", tuple(channels), channels),
            FieldSpec("contact:who", _("With whom"), _("optional, a name")),
            FieldSpec("contact:asked", _("What you asked"), _("optional, e.g. 36 months")),
            FieldSpec("contact:outcome", _("What came of it"), _("optional")),
            FieldSpec("contact:follow_up", _("Follow up on"), _("optional, YYYY-MM-DD")),
        ]

    def _note_fields(self) -> list[FieldSpec]:
        return [FieldSpec("note", _("Note"), "")]

    # -- checking and building --------------------------------------------------------------

    def _amount(self, key: str, what: str) -> Money:
        assert self.draft is not None
        text = self.draft.values.get(key, "").strip() or "0"
        return parse_money(text, self._household.currency, what=what)

    def _check_step(self, index: int) -> tuple[str, str] | None:
        """(field key, message) of the first problem on the step, or None."""
        try:
            self._build(index)
        except _FieldProblem as problem:
            return problem.key, problem.message
        return None

    def _build(self, upto: int) -> tuple[CheckIn, list[Loan], list[Contact]]:
        """The check-in from the draft, checking the fields of steps 0..upto."""
        assert self.draft is not None
        draft, household = self.draft, self._household
        amounts: dict[str, dict[str, Money]] = {"paid": {}, "received": {}, "spent": {}}
        builders = (self._payment_fields, self._income_fields, self._spending_fields)
        for step, fields in enumerate(builders):
            if step > upto:
                break
            for spec in fields():
                table, name = spec.key.split(":", 1)
                try:
                    amount = self._amount(spec.key, name)
                except MoneyError as exc:
                    raise _FieldProblem(spec.key, str(exc)) from None
                if table == "paid" and amount.minor > self._owed_before(name).minor:
                    owed = self._money(self._owed_before(name))
                    message = _("{name}: {amount} is more than the {owed} owed")
                    if self._past_week:
                        message = _(
                            "{name}: {amount} is more than the {owed} that can still be paid "
                            "(later payments took the rest)"
                        )
                    shown = message.format(name=name, amount=self._money(amount), owed=owed)
                    raise _FieldProblem(spec.key, shown)
                # A 0 typed for a cut item is a week on target; a blank one is not recorded.
                typed = bool(draft.values.get(spec.key, "").strip())
                if amount.minor or (table == "spent" and typed):
                    amounts[table][name] = amount
        new_loans: list[Loan] = []
        borrowed = draft.values.get("borrowed") == "yes"
        if upto >= 3 and borrowed:
            loan = self._new_loan(draft)
            if loan is not None:
                new_loans.append(loan)
        contacts: list[Contact] = []
        loan_name = draft.values.get("contact:loan", NONE)
        if upto >= 4 and loan_name != NONE:
            contacts.append(self._contact(draft, loan_name, new_loans))
        checkin = CheckIn(
            week=draft.week,
            on=draft.on,
            paid=amounts["paid"],
            received=amounts["received"],
            spent=amounts["spent"],
            borrowed=borrowed,
            note=draft.values.get("note", "")[:500],
        )
        del household
        return checkin, new_loans, contacts

    def _contact(self, draft: Draft, loan_name: str, new_loans: list[Loan]) -> Contact:
        values = draft.values
        follow_text = values.get("contact:follow_up", "").strip()
        try:
            follow_up = parse_date(follow_text, what=_("the follow-up")) if follow_text else None
        except DateError as exc:
            raise _FieldProblem("contact:follow_up", str(exc)) from None
        contact = Contact(
            loan=loan_name,
            on=min(draft.on, self.coach_app.today),
            channel=Channel(values.get("contact:channel", Channel.PHONE.value)),
            who=values.get("contact:who", "").strip()[:200],
            asked=values.get("contact:asked", "").strip()[:500],
            outcome=values.get("contact:outcome", "").strip()[:500],
            follow_up=follow_up,
        )
        household = self._household
        with_new = replace(household, loans=household.loans + tuple(new_loans))
        _raise_first_field(
            contact_problems(contact, self.coach_app.today, with_new), _CONTACT_KEYS, N_("contact")
        )
        return contact

    def _new_loan(self, draft: Draft) -> Loan | None:
        values = draft.values
        household = self._household
        name_text = values.get("new:name", "")
        if not name_text and draft.previous is not None and draft.previous.borrowed:
            return None  # a correction: the loan was recorded the first time
        try:
            name = validate_name(name_text, what=_("the name"))
        except InvalidName as exc:
            message = _("Say what you borrowed: {problem}").format(problem=exc)
            raise _FieldProblem("new:name", message) from None
        if household.loan(name) is not None:
            message = _("There is already a loan named {name}").format(name=name)
            raise _FieldProblem("new:name", message)
        currency = household.currency
        try:
            amount = parse_money(
                values.get("new:amount", ""), currency, what=_("how much"), allow_zero=False
            )
        except MoneyError as exc:
            raise _FieldProblem("new:amount", str(exc)) from None
        try:
            minimum = parse_money(
                values.get("new:min", ""), currency, what=_("the monthly payment"), allow_zero=False
            )
        except MoneyError as exc:
            raise _FieldProblem("new:min", str(exc)) from None
        apr_text = values.get("new:apr", "")
        try:
            apr = parse_rate(apr_text, what=_("the rate")) if apr_text else Decimal(0)
        except MoneyError as exc:
            raise _FieldProblem("new:apr", str(exc)) from None
        due_text = values.get("new:due", "").strip()
        if due_text and not due_text.isdigit():
            message = _("the due day {text!r} is not a day of the month").format(text=due_text)
            raise _FieldProblem("new:due", message)
        repays = values.get("new:repays") == "yes"
        loan = Loan(
            name=name,
            kind=LoanKind(values.get("new:kind", LoanKind.ONLINE_PLATFORM.value)),
            balance=amount,
            apr=apr,
            min_payment=minimum,
            lender=values.get("new:lender", "")[:200],
            due_day=int(due_text) if due_text else None,
            opened_on=draft.on,
            purpose=(
                _("borrowed in the week {week} to repay other debt")
                if repays
                else _("borrowed in the week {week}")
            ).format(week=draft.week),
            to_repay_other_debt=repays,
        )
        _raise_first_field(
            borrowed_loan_problems(loan, self.coach_app.today), _NEW_LOAN_KEYS, N_("the new loan")
        )
        return loan

    def save(self) -> None:
        assert self.draft is not None
        try:
            checkin, new_loans, contacts = self._build(len(self.steps) - 1)
        except _FieldProblem as problem:
            self.query_one("#ck-error", Static).update(literal(problem.message))
            return
        try:
            summary = save_checkin(
                self.coach_app.ledger, checkin, new_loans=new_loans, contacts=contacts
            )
        except (CheckInError, StoreError, ValueError) as exc:
            self.query_one("#ck-error", Static).update(
                literal(_("Not saved: {problem}").format(problem=exc))
            )
            return
        self.draft = None
        self.summary = summary
        self.coach_app.reload()
        self.show_summary(summary)

    def show_summary(self, summary: CheckInSummary) -> None:
        figures = summary_figures(summary, self._household.settings.locale)
        self.query_one("#ck-summary-title", Static).update(literal(summary_heading(summary)))
        self.query_one("#ck-summary-text", Static).update(literal_lines(figures))
        self.query_one("#ck-summary-why", Static).update(literal(summary.advice_why or ""))
        self.query_one(ContentSwitcher).current = "ck-summary"
        self.refresh_bindings()
        # Focused so that ↓ and PgDn read a long summary to its end; enter still goes back.
        self.query_one("#ck-summary", VerticalScroll).focus()


_NEW_LOAN_KEYS = {
    "balance": ("new:amount", N_("how much")),
    "min_payment": ("new:min", N_("the monthly payment")),
    "due_day": ("new:due", N_("the due day")),
    "lender": ("new:lender", N_("from whom")),
    "apr": ("new:apr", N_("the rate")),
}
_CONTACT_KEYS = {
    "who": ("contact:who", N_("with whom")),
    "asked": ("contact:asked", N_("what you asked")),
    "outcome": ("contact:outcome", N_("what came of it")),
    "follow_up": ("contact:follow_up", N_("the follow-up")),
    "loan": ("contact:loan", N_("the loan")),
}
NEW_LOAN_KINDS = ((N_("online platform"), LoanKind.ONLINE_PLATFORM), (N_("other"), LoanKind.OTHER))
"""What a loan borrowed during the week can be (the check-in asks no more than that)."""


def _raise_first_field(
    problems: dict[str, str], keys: dict[str, tuple[str, str]], what: str
) -> None:
    """The record rule's first problem as a problem of the field on this step."""
    for field_name, message in problems.items():
        key, words = keys.get(field_name, ("", ""))
        if key:
            words = _(words)
        else:
            words = _("{what} ({field})").format(what=_(what), field=field_name.replace("_", " "))
        shown = _("{field}: {problem}").format(field=words, problem=message)
        raise _FieldProblem(key or next(iter(keys.values()))[0], shown)


class _FieldProblem(Exception):
    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message
