"""What can go wrong in the store, as exceptions whose message is one sentence a user can act on.

Two families, because the CLI treats them differently: `StoreInputError` is the user's request
being refused (exit 2, nothing written); every other `StoreError` is the data file or the system
failing (exit 1). Neither ever means the file was partly written.
"""

from __future__ import annotations

from pathlib import Path

from debtcoach.domain.text_rules import printable


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
        where = str(path) if path is not None else "the data file"
        reason = f" ({detail})" if detail else ""
        hint = (
            f"the newest good backup is {backup} (`debtcoach restore {backup.name}` puts it back)"
            if backup is not None
            else "restore a backup or repair the file"
        )
        super().__init__(f"{where} cannot be read{reason}; it was left untouched: {hint}")


class StorageTooNew(StoreError):
    """The file was written by a newer debtcoach; reading or rewriting it could lose fields."""

    def __init__(
        self, path: Path | None, found: int, known: int, backup: Path | None = None
    ) -> None:
        self.path = path
        self.found = found
        self.known = known
        self.backup = backup
        where = str(path) if path is not None else "the data file"
        hint = "upgrade debtcoach to open it"
        if backup is not None:
            hint += f", or restore the newest good backup: debtcoach restore {backup.name}"
        super().__init__(
            f"{where} was written by a newer debtcoach (schema version {found}, this one knows "
            f"up to {known}); it was left untouched: {hint}"
        )


class StoreLocked(StoreError):
    """Another process held the write lock for longer than we were willing to wait."""

    def __init__(self, path: Path, waited: float, holder: int | None = None) -> None:
        self.path = path
        self.waited = waited
        self.holder = holder
        who = f"process {holder}" if holder is not None else "another process"
        super().__init__(
            f"{path} is being written by another debtcoach ({who} held the lock for more than "
            f"{waited:g} s); nothing was written: try again in a moment"
        )


class BackupUnusable(StoreError):
    """The chosen backup does not load itself, so restoring it would only swap one problem in."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"backup {path} cannot be restored: {reason}; nothing was changed")


class StorageIOError(StoreError):
    """The operating system refused to read or write the data file (permissions, disk full...)."""

    def __init__(self, path: Path, action: str, reason: str) -> None:
        self.path = path
        self.action = action
        self.reason = reason
        super().__init__(f"cannot {action} {path}: {reason}")


class NotARegularFile(StoreError):
    """A file debtcoach would write (the data file, its lock, an export) is a symbolic link or no
    regular file at all: writing, truncating or chmod-ing through it could change another file."""

    def __init__(self, path: Path, kind: str = "a symbolic link", hint: str = "") -> None:
        self.path = path
        self.kind = kind
        super().__init__(
            f"{path} is {kind}, not a regular file; debtcoach will not write through it{hint}"
        )


class StoreInputError(StoreError):
    """A request the store refuses because of what the user asked for; nothing was written."""


# How each table names its rows in messages: (article + noun, how its key is introduced).
_ROW_NOUNS: dict[str, tuple[str, str, str]] = {
    "loans": ("a", "loan", "named"),
    "income": ("an", "income source", "named"),
    "expenses": ("an", "expense", "named"),
    "family_loans": ("a", "family loan", "from"),
    "contacts": ("a", "contact", "with id"),
    "checkins": ("a", "check-in", "for week"),
}


_NAMED_TABLES = frozenset({"loans", "income", "expenses", "family_loans"})


def _describe(table: str, name: str) -> tuple[str, str, str]:
    """(article, noun, key phrase) for a row, e.g. ("a", "loan", "named 'Visa'")."""
    article, noun, intro = _ROW_NOUNS.get(table, ("a", f"row of {table}", "named"))
    key = f"{intro} {name}" if intro == "with id" else f"{intro} {name!r}"
    return article, noun, key


class DuplicateName(StoreInputError):
    """Names are the identifiers of the scripting interface, so they must be unique per table
    (compared as `domain.models.name_key` does: `visa` is `Visa`); `existing` is the name as
    stored when it is spelled differently."""

    def __init__(self, table: str, name: str, existing: str | None = None) -> None:
        self.table = table
        self.name = name
        self.existing = name if existing is None else existing
        article, noun, key = _describe(table, name)
        spelled = f" (as {self.existing!r})" if self.existing != name else ""
        hint = "; choose another name or edit that one" if table in _NAMED_TABLES else ""
        super().__init__(f"{article} {noun} {key} already exists{spelled}{hint}")


class NameClash(DuplicateName):
    """A loan and a family lender may not share a name: `--paid Mum=10` must mean one debt."""

    def __init__(self, table: str, name: str, other_table: str, other_name: str) -> None:
        article, noun, key = _describe(other_table, other_name)
        new_article, new_noun, new_key = _describe(table, name)
        StoreInputError.__init__(
            self,
            f"{article} {noun} {key} already exists, so {new_article} {new_noun} cannot be "
            f"{new_key} too: a check-in's `--paid {name}=…` must mean one debt; choose another "
            "name",
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
        _, noun, key = _describe(table, name)
        super().__init__(f"there is no {noun} {key}")


class CurrencyMismatch(StoreInputError):
    """Every amount of a household is in its one currency; a foreign amount would be mislabelled."""

    def __init__(self, found: str, expected: str) -> None:
        self.found = found
        self.expected = expected
        super().__init__(
            f"an amount in {found} cannot be stored: this household keeps its money in {expected}"
        )


class CurrencyChangeRefused(StoreInputError):
    """Amounts are stored in minor units, so a change of decimals would rescale every amount."""

    def __init__(self, old: str, new: str, old_digits: int, new_digits: int) -> None:
        self.old = old
        self.new = new
        super().__init__(
            f"cannot change the currency from {old} to {new} while amounts are stored: {old} has "
            f"{old_digits} decimals and {new} has {new_digits}, so every amount would change"
        )


class BackupNotFound(StoreInputError):
    """`restore` was given a name or path that is not a backup file (exit 2: bad input)."""

    def __init__(self, name: str, folder: Path) -> None:
        self.name = name
        self.folder = folder
        super().__init__(
            f"there is no backup {name!r} (looked in {folder}); `debtcoach backup list` shows them"
        )


class NotABackup(StoreInputError):
    """`restore` was given a file that is not a debtcoach data file at all (exit 2: bad input)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"{path} is not a debtcoach backup (not a data file's JSON); nothing was changed"
        )
