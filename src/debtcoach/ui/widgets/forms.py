"""A generic record form (modal): one line per field, checked as the user types.

A form is described by `FieldSpec`s. Text fields carry the parser the CLI uses for the same
option; the parser runs on every keystroke and its message is shown under the field. `enter`
saves (only when every field parses and the save callback accepts the values), `esc` cancels
without writing anything (after asking, once anything was typed or changed).

The save callback does the write. It may raise `FieldError` (a rule across fields, shown at the
field), or a `StoreError` (shown at the key field for a duplicate name, else under the title):
the form stays open and nothing was written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static

from debtcoach.domain.record_rules import RecordProblem
from debtcoach.domain.text_rules import printable
from debtcoach.domain.wording import N_, _, ngettext
from debtcoach.services.exchange import DuplicateName, StoreError
from debtcoach.ui.formatting import literal
from debtcoach.ui.widgets.confirm import ConfirmDialog
from debtcoach.ui.widgets.form_fields import FieldError, FieldSpec, SaveCallback, Values
from debtcoach.ui.widgets.text_input import TextInput
from debtcoach.ui.widgets.tick_box import TickBox
from debtcoach.ui.widgets.type_ahead import TypeAheadScreen


class FormCheckbox(TickBox, inherit_bindings=False):
    """A checkbox that toggles with space only, so `enter` reaches the form and saves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_button", N_("Toggle"), show=False),
    ]


class FormSelect(Select[str], inherit_bindings=False):
    """A choice list that opens with space or the arrows, so `enter` reaches the form and saves
    (inside the open list, enter still picks the highlighted choice)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,space,up", "show_overlay", N_("Show menu"), show=False),
    ]


class FieldsScroll(VerticalScroll, can_focus=False):
    """The fields, scrolled to the focused one; not a stop of its own on the way through."""


ChangeCallback = Callable[["RecordForm", str, object], None]
"""Called with (form, field key, parsed value) after a text field parses."""


class RecordForm(TypeAheadScreen[bool]):
    """Dismisses with True after a successful save (the callback's message is notified)."""

    DEFAULT_CSS = """
    RecordForm { align: center middle; }
    RecordForm > #form-box {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $panel; padding: 0 1;
    }
    RecordForm #form-title { text-style: bold; color: $accent; width: 1fr; }
    RecordForm #form-error { color: $text-error; display: none; }
    RecordForm #form-error.-shown { display: block; }
    RecordForm #form-fields { height: auto; max-height: 18; }
    RecordForm .form-row { height: auto; }
    RecordForm .form-label { width: 20; padding: 0 1 0 0; }
    RecordForm .form-row Input, RecordForm .form-row Select { width: 1fr; }
    RecordForm .form-row Checkbox { width: 1fr; }
    RecordForm .field-error { color: $text-error; padding-left: 20; display: none; }
    RecordForm .field-error.-shown { display: block; }
    RecordForm .field-error.-note { color: $text-muted; }
    RecordForm .form-row .-bad { background: $error 25%; }
    RecordForm #form-hint { color: $text-muted; }
    """

    AUTO_FOCUS = "#form-fields Input, #form-fields Select, #form-fields Checkbox"
    """The first field (the fields' scroll box is no stop of its own)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="form.cancel"),
        Binding("enter", "save", N_("Save"), id="form.save"),
        Binding("ctrl+s", "save", N_("Save"), show=False, id="form.save_anywhere"),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[FieldSpec],
        on_save: SaveCallback,
        *,
        key_field: str | None = None,
        on_change: ChangeCallback | None = None,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = tuple(fields)
        self.on_save = on_save
        self.on_change = on_change
        self.key_field = key_field or (self.fields[0].key if self.fields else None)
        self._touched: set[str] = set()
        self._initial: dict[str, object] = {}

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(literal(self.form_title), id="form-title")
            yield Static("", id="form-error")
            with FieldsScroll(id="form-fields"):
                for spec in self.fields:
                    with Horizontal(classes="form-row", id=f"row-{spec.key}"):
                        yield Label(_(spec.label), classes="form-label")
                        yield self._make_widget(spec)
                    yield Static("", classes="field-error", id=f"err-{spec.key}")
            yield Static(self._hint(), id="form-hint")

    def _hint(self) -> str:
        hint = _("enter save · esc cancel · tab next")
        kinds = {spec.kind for spec in self.fields}
        if "select" in kinds and "bool" in kinds:
            return hint + _(" · space opens lists, ticks boxes")
        if "select" in kinds:
            return hint + _(" · space opens a list")
        if "bool" in kinds:
            return hint + _(" · space ticks a box")
        return hint

    def _make_widget(self, spec: FieldSpec) -> Widget:
        widget_id = f"f-{spec.key}"
        self._initial[spec.key] = bool(spec.initial) if spec.kind == "bool" else str(spec.initial)
        if spec.kind == "select":
            return FormSelect(
                [
                    (_(label) if isinstance(label, str) else label, value)
                    for label, value in spec.options
                ],
                value=str(spec.initial),
                allow_blank=False,
                compact=True,
                id=widget_id,
            )
        if spec.kind == "bool":
            # The word says it too: a ticked box is not told apart by colour alone (NO_COLOR).
            ticked = bool(spec.initial)
            return FormCheckbox(_yes_no(ticked), value=ticked, compact=True, id=widget_id)
        return TextInput(
            value=printable(str(spec.initial), multiline=True),
            placeholder=_(spec.placeholder) if spec.placeholder else "",
            compact=True,
            id=widget_id,
        )

    # -- validation as the user types -------------------------------------------------------

    def _spec(self, key: str) -> FieldSpec:
        return next(spec for spec in self.fields if spec.key == key)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input.id is None or not event.input.id.startswith("f-"):
            return
        key = event.input.id[2:]
        self._touched.add(key)
        ok, value = self._check_field(self._spec(key), event.value)
        self._set_form_error("")
        if ok and self.on_change is not None:
            self.on_change(self, key, value)

    def set_choice(self, key: str, value: str) -> None:
        """Change a choice field in view of the user (a follow-on of what they typed)."""
        self.query_one(f"#f-{key}", Select).value = value

    def choice(self, key: str) -> object:
        return self.query_one(f"#f-{key}", Select).value

    def _check_field(self, spec: FieldSpec, text: str) -> tuple[bool, object]:
        """Parse one text field, show or clear its message; (ok, value)."""
        if spec.parse is None:
            self._set_field_error(spec.key, "")
            return True, text
        try:
            value = spec.parse(text)
        except ValueError as exc:
            self._set_field_error(spec.key, str(exc))
            return False, None
        self._set_field_error(spec.key, "")
        return True, value

    def _set_field_error(self, key: str, message: str) -> None:
        error = self.query_one(f"#err-{key}", Static)
        error.update(literal(message))
        error.set_class(bool(message), "-shown")
        error.remove_class("-note")
        widget = self.query_one(f"#f-{key}")
        widget.set_class(bool(message), "-bad")

    def set_field_note(self, key: str, message: str) -> None:
        """A word under a field whose value is fine but has a consequence (not an error)."""
        error = self.query_one(f"#err-{key}", Static)
        error.update(literal(message))
        error.set_class(bool(message), "-shown", "-note")

    def field_note(self, key: str) -> str:
        """The note shown under a field ("" when there is none)."""
        error = self.query_one(f"#err-{key}", Static)
        return str(error.content) if error.has_class("-note") else ""

    def _set_form_error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(literal(message))
        error.set_class(bool(message), "-shown")

    def field_error(self, key: str) -> str:
        """The message shown under a field ("" when it is fine); for tests and the help."""
        error = self.query_one(f"#err-{key}", Static)
        shown = error.has_class("-shown") and not error.has_class("-note")
        return str(error.content) if shown else ""

    @property
    def form_error(self) -> str:
        error = self.query_one("#form-error", Static)
        return str(error.content) if error.has_class("-shown") else ""

    # -- reading values ----------------------------------------------------------------------

    def collect(self) -> Values | None:
        """Every field's value, or None after marking each field that does not parse."""
        values: Values = {}
        first_bad: str | None = None
        bad = 0
        for spec in self.fields:
            widget = self.query_one(f"#f-{spec.key}")
            if isinstance(widget, Select | Checkbox):
                values[spec.key] = widget.value
            elif isinstance(widget, Input):
                ok, value = self._check_field(spec, widget.value)
                if ok:
                    values[spec.key] = value
                else:
                    bad += 1
                    first_bad = first_bad or spec.key
        if first_bad is not None:
            self._set_form_error(
                ngettext(
                    "Nothing was saved: please correct the field marked below.",
                    "Nothing was saved: please correct the {n} fields marked below.",
                    bad,
                ).format(n=bad)
            )
            self.query_one(f"#f-{first_bad}").focus()
            return None
        return values

    def action_save(self) -> None:
        values = self.collect()
        if values is None:
            return
        try:
            message = self.on_save(values)
        except (FieldError, RecordProblem) as exc:
            key = exc.key if isinstance(exc, FieldError) else exc.field
            if not any(spec.key == key for spec in self.fields):
                self._set_form_error(_("Nothing was saved: {reason}").format(reason=exc.message))
                return
            self._set_field_error(key, exc.message)
            self._set_form_error(_("Nothing was saved: please correct the field marked below."))
            self.query_one(f"#f-{key}").focus()
            return
        except DuplicateName as exc:
            if self.key_field is not None:
                self._set_field_error(self.key_field, str(exc))
                self.query_one(f"#f-{self.key_field}").focus()
            self._set_form_error(_("Nothing was saved."))
            return
        except StoreError as exc:
            self._set_form_error(_("Nothing was saved: {reason}").format(reason=exc))
            return
        self.dismiss(True)
        if message:
            self.app.notify(message, timeout=4)

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        event.checkbox.label = _yes_no(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @property
    def has_changes(self) -> bool:
        """Whether any field differs from what the form was opened with."""
        for spec in self.fields:
            widget = self.query_one(f"#f-{spec.key}")
            if isinstance(widget, Select | Checkbox | Input) and (
                widget.value != self._initial.get(spec.key)
            ):
                return True
        return False

    def action_cancel(self) -> None:
        if not self.has_changes:
            self.dismiss(False)
            return
        ask_before_discarding(self, lambda: self.dismiss(False))


def ask_before_discarding(form: ModalScreen[Any], discard: Callable[[], object]) -> None:
    """One `esc` on a form with typing in it asks first: what was typed is easily lost."""

    def answered(yes: bool | None) -> None:
        if yes:
            discard()

    question = ConfirmDialog(
        _("Discard the changes? What you typed in this form is not saved."),
        yes=_("Discard"),
        no=_("Keep editing"),
    )
    form.app.push_screen(question, answered)


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")
