"""What can go wrong in the store, as exceptions whose message is one sentence a user can act on.

Two families, because the CLI treats them differently: `StoreInputError` is the user's request
being refused (exit 2, nothing written); every other `StoreError` is the data file or the system
failing (exit 1). Neither ever means the file was partly written.
"""

from __future__ import annotations

from pathlib import Path

from debtcoach.domain.text_rules import printable
from debtcoach.domain.wording import N_, _


class StoreError(Exception):
    """Base of everything the store raises on purpose.

    The message reaches a terminal: a name or a path in it with control characters (an old file,
    a hostile `--db`) is shown through `printable`, never raw.
    """

    def __init__(self, *args: object) -> None:
        super().__init__(*(printable(arg) if isinstance(arg, str) else arg for arg in args))


class StorageCorrupt(StoreError):
    """The data file does not parse (or holds data that cannot be ours); it is left untouched."""

    def __init__(self, path: Path | None, detail: str = "", backup: Path | None = None) -> None:
        self.path = path
        self.detail = detail
        self.backup = backup
        where = str(path) if path is not None else _("the data file")
        reason = _(" ({detail})").format(detail=detail) if detail else ""
        hint = (
            _(
                "the newest good backup is {backup} (`debtcoach restore {name}` puts it back)"
            ).format(backup=backup, name=backup.name)
            if backup is not None
            else _("restore a backup or repair the file")
        )
        super().__init__(
            _("{where} cannot be read{reason}; it was left untouched: {hint}").format(
                where=where, reason=reason, hint=hint
            )
        )


class StorageTooNew(StoreError):
    """The file was written by a newer debtcoach; reading or rewriting it could lose fields."""

    def __init__(
        self, path: Path | None, found: int, known: int, backup: Path | None = None
    ) -> None:
        self.path = path
        self.found = found
        self.known = known
        self.backup = backup
        where = str(path) if path is not None else _("the data file")
        hint = (
            _(
                "upgrade debtcoach to open it, or restore the newest good backup: "
                "debtcoach restore {name}"
            ).format(name=backup.name)
            if backup is not None
            else _("upgrade debtcoach to open it")
        )
        super().__init__(
            _(
                "{where} was written by a newer debtcoach (schema version {found}, this one "
                "knows up to {known}); it was left untouched: {hint}"
            ).format(where=where, found=found, known=known, hint=hint)
        )


class StoreLocked(StoreError):
    """Another process held the write lock for longer than we were willing to wait."""

    def __init__(self, path: Path, waited: float, holder: int | None = None) -> None:
        self.path = path
        self.waited = waited
        self.holder = holder
        who = (
            _("process {holder}").format(holder=holder)
            if holder is not None
            else _("another process")
        )
        super().__init__(
            _(
                "{path} is being written by another debtcoach ({who} held the lock for more "
                "than {waited} s); nothing was written: try again in a moment"
            ).format(path=path, who=who, waited=f"{waited:g}")
        )


class BackupUnusable(StoreError):
    """The chosen backup does not load itself, so restoring it would only swap one problem in."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            _("backup {path} cannot be restored: {reason}; nothing was changed").format(
                path=path, reason=reason
            )
        )


FILE_ACTIONS = (
    N_("write"),
    N_("read"),
    N_("lock"),
    N_("restore"),
    N_("back up to"),
    N_("export to"),
    N_("write the calendar to"),
    N_("write the letter to"),
    N_("write the log"),
)
"""What a `StorageIOError` (and a refused output path) says was being done: each caller passes
its English words, the message translates them."""


class StorageIOError(StoreError):
    """The operating system refused to read or write the data file (permissions, disk full...)."""

    def __init__(self, path: Path, action: str, reason: str) -> None:
        self.path = path
        self.action = action
        self.reason = reason
        super().__init__(
            _("cannot {action} {path}: {reason}").format(action=_(action), path=path, reason=reason)
        )


class NotARegularFile(StoreError):
    """A file debtcoach would write (the data file, its lock, an export) is a symbolic link or no
    regular file at all: writing, truncating or chmod-ing through it could change another file."""

    def __init__(self, path: Path, kind: str = N_("a symbolic link"), hint: str = "") -> None:
        self.path = path
        self.kind = kind
        super().__init__(
            _("{path} is {kind}, not a regular file; debtcoach will not write through it").format(
                path=path, kind=_(kind)
            )
            + hint
        )


class StoreInputError(StoreError):
    """A request the store refuses because of what the user asked for; nothing was written."""


# How each table names one of its rows in messages: (a row, there is no such row).
_ROW_WORDS: dict[str, tuple[str, str]] = {
    "loans": (N_("a loan named {name!r}"), N_("there is no loan named {name!r}")),
    "income": (
        N_("an income source named {name!r}"),
        N_("there is no income source named {name!r}"),
    ),
    "expenses": (N_("an expense named {name!r}"), N_("there is no expense named {name!r}")),
    "family_loans": (
        N_("a family loan from {name!r}"),
        N_("there is no family loan from {name!r}"),
    ),
    "contacts": (N_("a contact with id {name}"), N_("there is no contact with id {name}")),
    "checkins": (N_("a check-in for week {name!r}"), N_("there is no check-in for week {name!r}")),
}

# A loan and a family lender may not share a name: what the second one cannot be.
_CANNOT_ALSO_BE = {
    "loans": N_("a loan cannot be named {name!r}"),
    "family_loans": N_("a family loan cannot be from {name!r}"),
}

_NAMED_TABLES = frozenset({"loans", "income", "expenses", "family_loans"})


def _row(table: str, name: str) -> str:
    """A row in words: "a loan named 'Visa'"."""
    words = _ROW_WORDS.get(table)
    if words is None:
        return _("a row of {table} named {name!r}").format(table=table, name=name)
    return _(words[0]).format(name=name)


class DuplicateName(StoreInputError):
    """Names are the identifiers of the scripting interface, so they must be unique per table
    (compared as `domain.models.name_key` does: `visa` is `Visa`); `existing` is the name as
    stored when it is spelled differently."""

    def __init__(self, table: str, name: str, existing: str | None = None) -> None:
        self.table = table
        self.name = name
        self.existing = name if existing is None else existing
        spelled = (
            _(" (as {existing!r})").format(existing=self.existing) if self.existing != name else ""
        )
        hint = _("; choose another name or edit that one") if table in _NAMED_TABLES else ""
        super().__init__(
            _("{row} already exists{spelled}{hint}").format(
                row=_row(table, name), spelled=spelled, hint=hint
            )
        )


class NameClash(DuplicateName):
    """A loan and a family lender may not share a name: `--paid Mum=10` must mean one debt."""

    def __init__(self, table: str, name: str, other_table: str, other_name: str) -> None:
        cannot = _CANNOT_ALSO_BE.get(table, N_("a row of {table} cannot be named {name!r}"))
        StoreInputError.__init__(
            self,
            _(
                "{row} already exists, so {cannot} too: a check-in's `--paid {name}=…` must "
                "mean one debt; choose another name"
            ).format(
                row=_row(other_table, other_name),
                cannot=_(cannot).format(name=name, table=table),
                name=name,
            ),
        )
        self.table = table
        self.name = name
        self.existing = other_name
        self.other_table = other_table
        self.other_name = other_name


class UnknownName(StoreInputError):
    """An update or removal named a row that is not there."""

    def __init__(self, table: str, name: str) -> None:
        self.table = table
        self.name = name
        words = _ROW_WORDS.get(table)
        message = (
            _(words[1]).format(name=name)
            if words is not None
            else _("there is no row of {table} named {name!r}").format(table=table, name=name)
        )
        super().__init__(message)


class CurrencyMismatch(StoreInputError):
    """Every amount of a household is in its one currency; a foreign amount would be mislabelled."""

    def __init__(self, found: str, expected: str) -> None:
        self.found = found
        self.expected = expected
        super().__init__(
            _(
                "an amount in {found} cannot be stored: this household keeps its money in "
                "{expected}"
            ).format(found=found, expected=expected)
        )


class CurrencyChangeRefused(StoreInputError):
    """Amounts are stored in minor units, so a change of decimals would rescale every amount."""

    def __init__(self, old: str, new: str, old_digits: int, new_digits: int) -> None:
        self.old = old
        self.new = new
        super().__init__(
            _(
                "cannot change the currency from {old} to {new} while amounts are stored: {old} "
                "has {old_digits} decimals and {new} has {new_digits}, so every amount would change"
            ).format(old=old, new=new, old_digits=old_digits, new_digits=new_digits)
        )


class BackupNotFound(StoreInputError):
    """`restore` was given a name or path that is not a backup file (exit 2: bad input)."""

    def __init__(self, name: str, folder: Path) -> None:
        self.name = name
        self.folder = folder
        super().__init__(
            _(
                "there is no backup {name!r} (looked in {folder}); `debtcoach backup list` shows "
                "them"
            ).format(name=name, folder=folder)
        )


class NotABackup(StoreInputError):
    """`restore` was given a file that is not a debtcoach data file at all (exit 2: bad input)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _(
                "{path} is not a debtcoach backup (not a data file's JSON); nothing was changed"
            ).format(path=path)
        )
