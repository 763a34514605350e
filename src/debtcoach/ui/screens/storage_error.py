"""The screen shown instead of the app when the data file cannot be read.

A corrupt file or one from a newer debtcoach is never overwritten; this screen says so with the
same one message the CLI prints (it names the file and the newest good backup) and offers the one
safe way out: `r` restores the newest backup that loads (the unreadable file itself is first kept
as a backup, so nothing is lost), `q` quits and leaves everything as it is.

`recover_interactively(path, error)` is what the launcher calls: True means the file was restored
and the app can start; False means the user quit.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from debtcoach.domain.wording import N_, _
from debtcoach.services import Ledger
from debtcoach.services.exchange import StoreError
from debtcoach.ui.widgets.keys_footer import KeysFooter


def restore_hint(backup: Path | None) -> str:
    if backup is None:
        return _(
            "No backup that loads was found. Press q to quit: the file was left untouched, "
            "and `debtcoach backup list` shows what there is."
        )
    return _("Press r to restore the newest good backup ({name}), q to quit.").format(
        name=backup.name
    )


class StorageErrorScreen(Screen[bool]):
    """Message + 'press r to restore the newest good backup, q to quit'; dismisses with
    True once restored, False on quit.
    """

    DEFAULT_CSS = """
    StorageErrorScreen { align: center middle; }
    StorageErrorScreen > Vertical {
        width: 90%; max-width: 100; height: auto;
        border: round $error; padding: 1 2;
    }
    StorageErrorScreen #title { text-style: bold; color: $error; margin-bottom: 1; }
    StorageErrorScreen #hint { margin-top: 1; text-style: bold; }
    StorageErrorScreen #outcome { margin-top: 1; color: $warning; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "restore", N_("Restore newest good backup")),
        Binding("q", "give_up", N_("Quit")),
    ]

    def __init__(self, path: Path, error: StoreError) -> None:
        super().__init__()
        self.path = path
        self.error = error
        self.ledger = Ledger(path, date.today())
        found = getattr(error, "backup", None)
        self.backup: Path | None = found if isinstance(found, Path) else None
        if self.backup is None:
            self.backup = self.ledger.newest_good_backup()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Your data file cannot be opened"), id="title")
            yield Static(str(self.error), id="message", markup=False)
            yield Static(restore_hint(self.backup), id="hint", markup=False)
            yield Static("", id="outcome", markup=False)
        yield KeysFooter()

    def action_restore(self) -> None:
        outcome = self.query_one("#outcome", Static)
        if self.backup is None:
            outcome.update(_("There is no good backup to restore."))
            return
        try:
            self.ledger.restore(self.backup)
        except StoreError as exc:
            outcome.update(_("Not restored: {reason}").format(reason=exc))
            return
        self.dismiss(True)

    def action_give_up(self) -> None:
        self.dismiss(False)


class StorageErrorApp(App[bool]):
    """A one-screen app around StorageErrorScreen; its return value is the screen's answer."""

    TITLE = "debtcoach"
    ENABLE_COMMAND_PALETTE = False
    """Nothing to search for here: r restores, q quits (both in the footer)."""

    def __init__(self, path: Path, error: StoreError) -> None:
        super().__init__()
        self._path = path
        self._error = error

    def on_mount(self) -> None:
        self.push_screen(StorageErrorScreen(self._path, self._error), callback=self._done)

    def _done(self, restored: bool | None) -> None:
        self.exit(bool(restored))


def recover_interactively(path: Path, error: StoreError) -> bool:
    """Show the error screen; True if the user restored a backup (start the app again)."""
    return bool(StorageErrorApp(path, error).run())
