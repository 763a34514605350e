"""The list screens' shared frame: every list has the same keys and the same layout.

`ListScreen` gives every list the same keys — `a` add, `e`/`enter` edit, `x` delete (after a
question), `/` filter, `s` sort by the next column (or click a header) — and the same layout: a
one-line summary, the filter box (only while filtering), the table, a totals line. Subclasses say
which columns there are, how a household becomes rows, and what add/edit/delete do.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, TypeVar

from rich.errors import StyleSyntaxError
from rich.style import Style
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import AwaitMount, Widget
from textual.widgets import DataTable, Input, Static

from debtcoach.domain.models import Household
from debtcoach.domain.wording import N_, _
from debtcoach.services.exchange import StoreError
from debtcoach.ui.formatting import literal
from debtcoach.ui.screens.base import DebtCoachScreen
from debtcoach.ui.undo import HouseholdRow, R, UndoStep, undo_edit, undo_removal
from debtcoach.ui.widgets.confirm import ConfirmDialog
from debtcoach.ui.widgets.data_table import Column, RecordTable, Row, sort_value
from debtcoach.ui.widgets.form_fields import FieldSpec, SaveCallback
from debtcoach.ui.widgets.text_input import TextInput

if TYPE_CHECKING:
    from debtcoach.ui.widgets.forms import ChangeCallback, RecordForm

W = TypeVar("W", bound=Widget)


class ListScreen(DebtCoachScreen):
    """A screen around one RecordTable; see the module docstring for the keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", N_("Add"), id="list.add"),
        Binding("e", "edit", N_("Edit"), id="list.edit"),
        Binding("x", "delete", N_("Delete"), id="list.delete"),
        Binding("slash", "filter", N_("Filter"), key_display="/", id="list.filter"),
        # Replaces the frame's single `escape` entry: closing the coach still comes first.
        Binding("escape", "close_coach", N_("Close coach"), id="coach.close"),
        Binding(
            "escape",
            "clear_filter",
            N_("Clear filter"),
            id="list.clear_filter",
            tooltip=N_("Show every row again"),
        ),
        Binding("s", "sort", N_("Sort"), id="list.sort"),
        Binding("S", "reverse_sort", N_("Reverse sort"), show=False, id="list.reverse_sort"),
    ]

    AUTO_FOCUS = "#list-table"
    """The table has the focus from the first frame: its keys are the footer's from the
    start, not after a pass through the (hidden) filter box."""

    COLUMNS: ClassVar[tuple[Column, ...]] = ()
    NOUN = N_("record")
    EMPTY_TEXT = N_("Nothing here yet: press a to add one.")

    def __init__(self) -> None:
        super().__init__()
        self.sort_column = 0
        self.sort_reverse = False
        self.filter_text = ""
        self._rows: list[Row] = []

    # -- what subclasses provide ---------------------------------------------------------

    def build_rows(self, household: Household) -> list[Row]:
        raise NotImplementedError

    def summary_text(self, household: Household) -> str:
        return ""

    def totals_text(self, household: Household) -> str:
        return ""

    def add_form(self) -> RecordForm | None:
        return None

    def edit_form(self, key: str) -> RecordForm | None:
        return None

    def delete_record(self, key: str) -> str:
        """Remove the record; returns the notification. May raise StoreError."""
        raise NotImplementedError

    def describe(self, key: str) -> str:
        return _("the {noun} “{key}”").format(noun=_(self.NOUN), key=key)

    def record(self, key: str) -> HouseholdRow | None:
        """The row called `key` as this screen shows it (to put back if its removal is undone)."""
        return None

    def removal_undo(self, key: str) -> UndoStep | None:
        """How `u` puts the row back once it is removed (None: it cannot be)."""
        row = self.record(key)
        if row is None:
            return None
        return undo_removal(_("removed {what}").format(what=self.describe(key)), row)

    def remember_edit(self, what: str, *, was: R, edited: R, saved: R) -> None:
        """A saved edit that `u` can take back."""
        self.coach_app.remember(undo_edit(what, was=was, edited=edited, saved=saved))

    # -- layout and drawing --------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        # The filter box and the two note lines are mounted when first needed (most visits
        # never filter and most lists are not empty): a screen opens with three widgets less.
        yield Static("", id="list-summary", classes="list-summary")
        yield RecordTable(id="list-table")
        yield Static("", id="list-totals", classes="list-totals")

    LINES_ABOVE_TABLE = ("list-filter", "list-filter-kept", "list-empty")
    """What may come between the summary and the table, in this order, once mounted."""

    def _above_table(self, widget: Widget) -> AwaitMount:
        """Mount `widget` (one of LINES_ABOVE_TABLE) in its place above the table."""
        order = self.LINES_ABOVE_TABLE
        later = [
            found
            for name in order[order.index(widget.id or "") + 1 :]
            for found in self.query(f"#{name}")
        ]
        return self.query_one("#body").mount(widget, before=later[0] if later else self.table)

    def _mounted(self, name: str, kind: type[W]) -> W | None:
        """The line `name` above the table if it is mounted yet."""
        for found in self.query(f"#{name}"):
            if isinstance(found, kind):
                return found
        return None

    def _note_line(self, name: str) -> Static:
        """The note line `name` above the table, mounted the first time it is asked for."""
        line = self._mounted(name, Static)
        if line is None:
            line = Static("", id=name, classes=name)
            self._above_table(line)
        return line

    def _filter_box(self) -> Input | None:
        return self._mounted("list-filter", Input)

    DEFAULT_CSS = """
    ListScreen #list-filter { display: none; }
    ListScreen #list-filter.-shown { display: block; }
    ListScreen .list-summary { color: $text-muted; }
    ListScreen .list-filter-kept { display: none; color: $text-muted; }
    ListScreen .list-filter-kept.-shown { display: block; }
    ListScreen .list-empty { display: none; color: $text-muted; padding: 0 0 1 0; }
    ListScreen .list-empty.-shown { display: block; }
    ListScreen .list-totals { border-top: solid $primary 30%; height: auto; }
    """

    def on_mount(self) -> None:
        # Textual also runs DebtCoachScreen.on_mount (handlers run for each class of the MRO),
        # which subscribes to data_changed and draws the data: no super() call here.
        self.table.focus()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    @property
    def table(self) -> RecordTable:
        return self.query_one("#list-table", RecordTable)

    @property
    def household(self) -> Household:
        return self.coach_app.household

    @property
    def currency(self) -> str:
        return self.household.currency

    @property
    def locale(self) -> str:
        return self.household.settings.locale

    def refresh_data(self, household: Household) -> None:
        self._rows = self.build_rows(household)
        summary = literal(self.summary_text(household))
        self.query_one("#list-summary", Static).update(summary)
        totals = literal(self.totals_text(household), multiline=True)
        self.query_one("#list-totals", Static).update(totals)
        self._redraw()

    def visible_rows(self) -> list[Row]:
        needle = self.filter_text.strip().casefold()
        rows = [row for row in self._rows if needle in row.search.casefold()]
        column = self.sort_column
        rows.sort(key=lambda row: row.key)
        # None sorts last whichever the direction, so blanks never crowd the top.
        present = [row for row in rows if row.sort[column] is not None]
        blank = [row for row in rows if row.sort[column] is None]
        present.sort(key=lambda row: sort_value(row.sort[column]), reverse=self.sort_reverse)
        return present + blank

    def _redraw(self) -> None:
        rows = self.visible_rows()
        self.table.show(
            self.COLUMNS,
            rows,
            sort_column=self.sort_column,
            reverse=self.sort_reverse,
            alert_style=self._alert_style(),
            muted_style="dim",
        )
        if rows and self._mounted("list-empty", Static) is None:
            return  # nothing to say, and no line mounted to hide
        empty = self._note_line("list-empty")
        if not self._rows:
            empty.update(_(self.EMPTY_TEXT))
        elif not rows:
            empty.update(
                literal(
                    _("No {noun} matches “{text}”: esc clears the filter.").format(
                        noun=_(self.NOUN), text=self.filter_text
                    )
                )
            )
        empty.set_class(not rows, "-shown")

    def _alert_style(self) -> str:
        """Bold in the theme's error colour (any theme, also one loaded from a file)."""
        colour = self.app.theme_variables.get("text-error", "")
        try:
            Style.parse(f"bold {colour}")
        except StyleSyntaxError:
            return "bold red"
        return f"bold {colour}"

    def _theme_changed(self, _theme: object) -> None:
        self._redraw()

    # -- keys ----------------------------------------------------------------------------

    def action_toggle_coach(self) -> None:
        super().action_toggle_coach()
        if not self.has_class("-coach-open") or self.has_class("-wide"):
            self.table.focus()  # back to the list, never to the hidden filter box

    def action_sort(self) -> None:
        self.sort_column = (self.sort_column + 1) % len(self.COLUMNS)
        self.sort_reverse = False
        self._redraw()
        label = _(self.COLUMNS[self.sort_column].label)
        self.notify(_("Sorted by {column}.").format(column=label), timeout=2)

    def action_reverse_sort(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self._redraw()
        order = _("largest/latest first") if self.sort_reverse else _("smallest/earliest first")
        label = _(self.COLUMNS[self.sort_column].label)
        self.notify(_("Sorted by {column}, {order}.").format(column=label, order=order), timeout=2)

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        index = event.column_index
        if index == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = index, False
        self._redraw()

    @property
    def filter_active(self) -> bool:
        """The filter box is open or a filter is kept: `esc` clears it."""
        box = self._filter_box()
        return bool(self.filter_text.strip()) or (box is not None and box.has_class("-shown"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return self.filter_active
        return super().check_action(action, parameters)

    def _show_kept_filter(self, text: str) -> None:
        if not text and self._mounted("list-filter-kept", Static) is None:
            return
        kept = self._note_line("list-filter-kept")
        shown = _("filter: {text} (esc clears · / changes it)").format(text=text) if text else ""
        kept.update(literal(shown))
        kept.set_class(bool(text), "-shown")

    async def action_filter(self) -> None:
        box = self._filter_box()
        if box is None:
            box = TextInput(
                placeholder=_("filter: type part of a name · enter keeps it · esc clears"),
                id="list-filter",
                compact=True,
            )
            await self._above_table(box)
        self._show_kept_filter("")
        box.add_class("-shown")
        # At once, not after what is already queued: keys typed while the box was mounted go
        # into it (keys sent in the same burst as `/` have already gone to the list).
        self.set_focus(box)
        self.refresh_bindings()

    @on(Input.Changed, "#list-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self._redraw()

    @on(Input.Submitted, "#list-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        """`enter` keeps the filter: the box gives way to a labelled line saying how to clear it."""
        event.stop()
        event.input.remove_class("-shown")
        self._show_kept_filter(event.value.strip())
        self.table.focus()
        self.refresh_bindings()

    def action_clear_filter(self) -> None:
        box = self._filter_box()
        if box is not None:
            box.value = ""
            box.remove_class("-shown")
        self.filter_text = ""
        self._show_kept_filter("")
        self._redraw()
        self.table.focus()
        self.refresh_bindings()

    @on(DataTable.RowSelected, "#list-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def reload_app(self) -> None:
        """After a write: re-read the file so every screen and the coach panel agree."""
        try:
            self.coach_app.reload()
        except StoreError as exc:
            self.notify(
                _("Saved, but the file could not be read back: {reason}").format(reason=exc),
                severity="error",
            )

    def _open(self, form: RecordForm | None) -> None:
        if form is None:
            return

        def done(saved: bool | None) -> None:
            if saved:
                self.reload_app()
            self.table.focus()

        self.app.push_screen(form, done)

    def action_add(self) -> None:
        self._open(self.add_form())

    def action_edit(self) -> None:
        key = self.table.current_key
        if key is None:
            self.notify(
                _("There is no {noun} to edit: press a to add one.").format(noun=_(self.NOUN)),
                timeout=3,
            )
            return
        self._open(self.edit_form(key))

    def action_delete(self) -> None:
        key = self.table.current_key
        if key is None:
            self.notify(_("There is no {noun} to remove.").format(noun=_(self.NOUN)), timeout=3)
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                self.table.focus()
                return
            undo = self.removal_undo(key)
            try:
                message = self.delete_record(key)
            except StoreError as exc:
                self.notify(
                    _("Nothing was removed: {reason}").format(reason=exc),
                    severity="error",
                    timeout=6,
                )
                return
            if undo is not None:
                self.coach_app.remember(undo)
                message += _(" (u undoes it)")
            self.reload_app()
            self.notify(message, timeout=4)
            self.table.focus()

        question = _("Remove {what}?").format(what=self.describe(key))
        self.app.push_screen(ConfirmDialog(question), answered)

    def form(
        self,
        title: str,
        fields: Sequence[FieldSpec],
        on_save: SaveCallback,
        *,
        key_field: str | None = None,
        on_change: ChangeCallback | None = None,
    ) -> RecordForm:
        """A record form of this list (its widgets load with the first form opened)."""
        from debtcoach.ui.widgets.forms import RecordForm

        return RecordForm(title, fields, on_save, key_field=key_field, on_change=on_change)
