"""Restore a backup (from the palette): every backup of the data file, newest first, with its time,
size, whether it loads, and whether its time is after now (the clock was wrong when it was
taken). `enter` restores the highlighted one after a question; the file as it is now is first kept
as a new backup, so a restore can be undone the same way. `esc` closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from debtcoach.domain.wording import N_, _
from debtcoach.services.exchange import StoreError
from debtcoach.ui.widgets.confirm import ConfirmDialog

if TYPE_CHECKING:
    from debtcoach.services.exchange import BackupInfo
    from debtcoach.ui.app import DebtCoachApp


def taken_text(info: BackupInfo) -> str:
    """When the backup was taken, in local time."""
    return info.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def note_text(info: BackupInfo) -> str:
    notes = []
    if info.dated_in_future:
        notes.append(_("dated in the future"))
    if info.problem is not None:
        notes.append(info.problem)
    return "; ".join(notes)


_COLUMNS = (
    (N_("Taken (local time)"), "taken"),
    (N_("Bytes"), "size"),
    (N_("Loads"), "loads"),
    (N_("Note"), "note"),
)


class RestoreBackupScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    RestoreBackupScreen { align: center middle; }
    RestoreBackupScreen > #rb-box {
        width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $panel; padding: 0 1;
    }
    RestoreBackupScreen #rb-title { text-style: bold; color: $accent; }
    RestoreBackupScreen #rb-table { height: auto; max-height: 16; }
    RestoreBackupScreen #rb-detail { color: $text-muted; height: auto; }
    RestoreBackupScreen #rb-keys { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close"), id="restore.close"),
    ]

    @property
    def coach_app(self) -> DebtCoachApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="rb-box"):
            yield Static(_("Restore a backup"), id="rb-title")
            yield DataTable(id="rb-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="rb-detail", markup=False)
            yield Static(
                _("enter: restore the highlighted backup (asks first) · esc: close"), id="rb-keys"
            )

    def on_mount(self) -> None:
        self.backups = self.coach_app.ledger.backups()
        table = self.query_one("#rb-table", DataTable)
        for label, key in _COLUMNS:
            table.add_column(_(label), key=key)
        for index, info in enumerate(self.backups):
            note = note_text(info)
            table.add_row(
                Text(taken_text(info)),
                Text(f"{info.size:,}", justify="right"),
                Text(_("yes") if info.loads else _("NO")),
                Text(note if len(note) <= 40 else note[:39] + "…"),
                key=str(index),
            )
        if not self.backups:
            path = self.coach_app.ledger.path
            self.query_one("#rb-detail", Static).update(
                _("No backups yet for {path}: one is kept before every save.").format(path=path)
            )
        table.focus()

    def _selected(self) -> BackupInfo | None:
        table = self.query_one("#rb-table", DataTable)
        if not self.backups or table.row_count == 0:
            return None
        return self.backups[table.cursor_row]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        info = self._selected()
        if info is not None:
            note = note_text(info)
            self.query_one("#rb-detail", Static).update(
                f"{info.name}" + (f" — {note}" if note else "")
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        info = self._selected()
        if info is None:
            return
        if not info.loads:
            self.notify(
                _("This backup does not load: {reason}").format(reason=info.problem),
                severity="warning",
                timeout=8,
                markup=False,
            )
            return
        question = (
            _(
                "Restore the backup taken {taken} (dated in the future)? The file as it is now "
                "is kept as a new backup first."
            )
            if info.dated_in_future
            else _(
                "Restore the backup taken {taken}? The file as it is now is kept as a new "
                "backup first."
            )
        ).format(taken=taken_text(info))

        def answered(yes: bool | None) -> None:
            if yes:
                self._restore(info)

        self.app.push_screen(ConfirmDialog(question, yes=_("Restore"), no=_("Keep")), answered)

    def _restore(self, info: BackupInfo) -> None:
        app = self.coach_app
        try:
            result = app.ledger.restore(info.path)
        except StoreError as exc:
            self.notify(
                _("Not restored: {reason}").format(reason=exc),
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        self.dismiss()
        app.backup_restored()
        kept = result.previous_saved_as
        restored = _("Restored the backup taken {taken}.").format(taken=taken_text(info))
        if kept is not None:
            restored += _(" The file it replaced was kept as {name}.").format(name=kept.name)
        app.notify(restored, timeout=8, markup=False)

    def action_close(self) -> None:
        self.dismiss()
