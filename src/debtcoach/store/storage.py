"""TinyDB storage that never leaves a half-written data file behind, and never loses a write.

TinyDB's own JSONStorage rewrites the file in place, so a crash or a full disk mid-write loses the
user's data. Here every write goes through `files.atomic_write_bytes`: a temp file in the same
folder, flushed and fsynced, renamed over the target with `os.replace` (atomic on POSIX), then the
folder is fsynced so the rename itself survives a power cut. Files are 0600, new folders 0700.

Reading checks the file's shape and schema version and runs migrations. A file that does not parse
or comes from a newer debtcoach raises and is never overwritten: a write always reads first.

`batch(write=True)` turns any number of TinyDB reads and writes into one read and at most one
write, all under the cross-process write lock (`lock.py`), so the change is applied to the file as
it is now, not as it was when some other process last looked. The bytes the file held until now
join the rotating backups (`backups.py`) as part of that write: kept only if it succeeds, and only
a write that succeeded rotates older ones out. `batch(write=False)` reads without the lock (safe:
the file is only ever replaced whole) and refuses to write.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Collection, Iterator
from os import PathLike
from pathlib import Path
from typing import Any

import msgspec
from tinydb.storages import Storage

from debtcoach.domain.wording import _
from debtcoach.store.backups import BackupSet, Clock, utc_now
from debtcoach.store.errors import StorageCorrupt, StorageIOError, StorageTooNew
from debtcoach.store.files import (
    DIR_MODE,
    FILE_MODE,
    FileStamp,
    atomic_write_bytes,
    file_stamp,
    remove_stale_temps,
)
from debtcoach.store.lock import write_lock
from debtcoach.store.migrations import RawDB, SchemaInvalid, migrate, stamp

__all__ = ["DIR_MODE", "FILE_MODE", "AtomicJSONStorage"]


class AtomicJSONStorage(Storage):
    """A TinyDB storage over one JSON file: locked, backed up, atomic writes; 0600 file."""

    def __init__(
        self,
        path: str | PathLike[str],
        *,
        backups: bool = True,
        lock_timeout: float | None = None,
        good_backup: Callable[[], Path | None] | None = None,
        keep_parsed: bool = True,
        **_ignored: Any,
    ) -> None:
        """Open lazily: a missing file is an empty database and is only created by a write.

        `backups=False` is for reading backups themselves; `lock_timeout=None` means
        `DEBTCOACH_LOCK_TIMEOUT` or 5 seconds. `good_backup` finds the newest backup worth
        restoring: a file that holds no data while there is one has lost its data (a truncation,
        a hand edit), so it is refused as damaged rather than read as a new household.
        `keep_parsed=False` keeps nothing of a read once it is answered (see `_parsed`).
        """
        super().__init__()
        self.path = Path(path)
        self.backups_enabled = backups
        self.lock_timeout = lock_timeout
        self.good_backup = good_backup
        self.backup_clock: Clock = utc_now
        # The stat of the file right after our own last write: lets a watcher tell our writes
        # from somebody else's.
        self.last_write_stamp: FileStamp | None = None
        self._snapshot: RawDB | None = None
        self._dirty = False
        self._locked = False
        self._file_bytes: bytes | None = None  # what the file held at the last read
        self._known: tuple[FileStamp, bytes] | None = None  # bytes behind a stamp seen
        self.file_reads = 0  # reads of the file itself (not answered from `_known`)
        self._file_holds_data = False  # whether those bytes hold any document worth a backup
        # The data of the last read-only batch and the bytes it came from, never changed since:
        # a write batch on the same bytes takes it over instead of parsing them again. Worth it
        # for a command (it reads, then writes); a long session that keeps the household it
        # read does better to free the raw data (1.5 MiB on ten years) and parse on a save.
        self.keep_parsed = keep_parsed
        self._parsed: tuple[bytes, RawDB] | None = None
        # Whether the last read needed Python's own JSON reader (NaN, Infinity): its writer
        # then writes that data back, as msgspec's would turn those numbers into null.
        self._needs_stdlib_json = False

    # -- TinyDB's Storage interface -------------------------------------------------------

    def read(self) -> RawDB | None:
        if self._snapshot is not None:
            return self._snapshot
        return self._read_file(reuse=False)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self._snapshot is not None:
            if not self._locked:
                raise RuntimeError("write inside a read-only batch")
            self._snapshot = data
            self._dirty = True
            return
        with write_lock(self.path, self.lock_timeout):
            # Outside a batch, still refuse to replace a file we could not have read.
            self._read_file(reuse=False)
            self._write_file(data)

    def close(self) -> None:
        """Nothing stays open between operations, so there is nothing to close."""

    # -- batching ---------------------------------------------------------------------------

    @property
    def in_batch(self) -> bool:
        return self._snapshot is not None

    @property
    def in_write_batch(self) -> bool:
        return self._snapshot is not None and self._locked

    @property
    def file_bytes(self) -> bytes | None:
        """The bytes the file held at the last read or write: inside a batch, what it started
        from. None when the file did not exist."""
        return self._file_bytes

    @property
    def has_pending_write(self) -> bool:
        """Whether the current batch changed anything (and so will write on a clean exit)."""
        return self._dirty

    @contextlib.contextmanager
    def batch(self, *, write: bool = True) -> Iterator[None]:
        """One read on entry, one write on a clean exit if anything changed, none on an error.

        With `write` (the default) the whole batch holds the write lock, so the read is fresh
        and nobody else writes until this batch is done. Nested batches join the outer one, so
        only the outermost exit writes; a writing batch cannot nest in a read-only one.
        """
        if self._snapshot is not None:
            if write and not self._locked:
                raise RuntimeError("a writing batch cannot join a read-only one")
            yield
            return
        guard = write_lock(self.path, self.lock_timeout) if write else contextlib.nullcontext()
        with guard:
            self._locked = write
            try:
                self._snapshot = self._read_file(reuse=True) or {}
                self._dirty = False
                yield
                if self._dirty:
                    self._write_file(self._snapshot)
            finally:
                self._snapshot = None
                self._dirty = False
                self._locked = False

    # -- replacing the whole file (restore) ---------------------------------------------------

    def replace_bytes(self, payload: bytes, *, protect: Collection[Path] = ()) -> Path | None:
        """Make the file hold exactly `payload`, after backing up what it holds now (even if
        that does not parse: it is still somebody's data). Returns that backup, if any.
        """
        if self._snapshot is not None:
            raise RuntimeError("cannot replace the file inside a batch")
        with write_lock(self.path, self.lock_timeout):
            remove_stale_temps(self.path)
            try:
                current: bytes | None = self.path.read_bytes()
            except FileNotFoundError:
                current = None
            except OSError as exc:
                raise StorageIOError(self.path, "read", exc.strerror or str(exc)) from None
            keep = current if current is not None and current.strip() else None
            saved = self._replace_backed_up(payload, keep, action="restore", protect=protect)
            self._file_bytes = payload
            self.last_write_stamp = file_stamp(self.path)
            self._known = (
                None if self.last_write_stamp is None else (self.last_write_stamp, payload)
            )
            return saved

    # -- the file ---------------------------------------------------------------------------

    def _remember_written(self, payload: bytes) -> None:
        """What we just wrote is what the file holds: its stamp and bytes need no read."""
        self._file_bytes = payload
        self.last_write_stamp = file_stamp(self.path)
        self._known = None if self.last_write_stamp is None else (self.last_write_stamp, payload)

    def unchanged_bytes(self) -> bytes | None:
        """The file's bytes when its stamp shows it unchanged since we last read or wrote it
        (see `_file_content`); None when it changed, is gone, or was never seen."""
        now = file_stamp(self.path)
        if now is not None and self._known is not None and self._known[0] == now:
            return self._known[1]
        return None

    def _file_content(self) -> bytes:
        """The file's bytes, read again only when its stamp changed since we last saw them.

        Every write renames a new file into place, so an unchanged (inode, size, mtime) means
        unchanged bytes: a command that asks several times (the currency, then the write under
        the lock) reads the file once. The stamp is taken before the read, so a file replaced
        in between is read again next time, never mistaken for the old one.
        """
        before = file_stamp(self.path)
        if before is not None and self._known is not None and self._known[0] == before:
            return self._known[1]
        content = self.path.read_bytes()
        self._known = None if before is None else (before, content)
        self.file_reads += 1
        return content

    def _read_file(self, *, reuse: bool) -> RawDB | None:
        """The file's data, migrated. With `reuse` (a batch): a read-only batch shares the data
        of the last one on the same bytes, a write batch takes it over (it will change it);
        TinyDB's own reads outside a batch change what they get, so they always parse."""
        try:
            content = self._file_content()
        except FileNotFoundError:
            self._file_bytes = None
            self._file_holds_data = False
            self._parsed = None
            return None
        except OSError as exc:
            raise StorageIOError(self.path, "read", exc.strerror or str(exc)) from None
        parsed, self._parsed = self._parsed, None
        if reuse and parsed is not None and parsed[0] == content:
            self._file_bytes = content
            self._file_holds_data = True  # only data that holds documents is kept
            if not self._locked:
                self._parsed = parsed
            return parsed[1]
        raw, self._needs_stdlib_json = _parse(self.path, content)
        holds_data = not holds_no_data(raw)
        if not holds_data and self.good_backup is not None:
            backup = self.good_backup()
            if backup is not None:
                detail = (
                    _("it is empty, but its backups are not")
                    if not content.strip()
                    else _("it holds no data, but its backups do")
                )
                raise StorageCorrupt(self.path, detail, backup)
        self._file_bytes = content
        self._file_holds_data = holds_data
        if raw is None:
            return None
        data = _migrated(self.path, raw)
        if reuse and holds_data and not self._locked and self.keep_parsed:
            self._parsed = (content, data)
        return data

    def _write_file(self, data: RawDB) -> None:
        stamp(data)
        payload = encode_data(data, stdlib=self._needs_stdlib_json)
        previous = self._file_bytes
        if previous == payload:
            return  # nothing changed on disk: no write, no backup pushing history out
        remove_stale_temps(self.path)
        keep = previous if self.backups_enabled and self._file_holds_data else None
        self._replace_backed_up(payload, keep)
        self._remember_written(payload)
        self._file_holds_data = True  # every write holds at least meta (`stamp`)

    def _replace_backed_up(
        self,
        payload: bytes,
        previous: bytes | None,
        *,
        action: str = "write",
        protect: Collection[Path] = (),
    ) -> Path | None:
        """Write `payload` over the file, keeping `previous` as a backup only if that succeeds.

        The backup goes in first (a crash between the two leaves one extra true copy), is taken
        back if the write is refused, and only a write that succeeded prunes older backups: a
        run of refused saves leaves the rotation exactly as it was.
        """
        if previous is None:
            atomic_write_bytes(self.path, payload, action=action)
            return None
        backups = BackupSet(self.path, self.backup_clock)
        saved = backups.add(previous)
        try:
            atomic_write_bytes(self.path, payload, action=action)
        except BaseException:
            backups.discard(saved)
            raise
        backups.prune(protect={saved, *protect})
        return saved


def holds_no_data(raw: RawDB | None) -> bool:
    """Whether a file as read (`parse_raw`, before migrations add to it) has no document at
    all: debtcoach always writes its meta one."""
    return not raw or not any(raw.values())


def parse_data(path: Path, content: bytes) -> RawDB | None:
    """The migrated data of a data file's bytes; None when empty. Raises on anything not ours."""
    raw = parse_raw(path, content)
    return None if raw is None else _migrated(path, raw)


_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder()


def encode_data(data: RawDB, *, stdlib: bool = False) -> bytes:
    """The bytes of a data file: compact UTF-8 JSON. msgspec writes exactly what
    `json.dumps(ensure_ascii=False, separators=(",", ":"))` does for everything debtcoach
    stores (text, whole numbers, booleans, null) in an eighth of the time; `stdlib` is for data
    read by Python's reader only (NaN, Infinity), which msgspec would write as null."""
    if stdlib:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return _ENCODER.encode(data)


def parse_raw(path: Path, content: bytes) -> RawDB | None:
    """A data file's bytes as its tables, not yet migrated; None when empty."""
    return _parse(path, content)[0]


def _parse(path: Path, content: bytes) -> tuple[RawDB | None, bool]:
    """`parse_raw`, and whether it took Python's JSON reader.

    msgspec reads valid JSON to the same values as Python's reader in half the time;
    whatever it refuses (NaN, a lone surrogate, invalid UTF-8, malformed JSON) is read again
    by Python's reader, so the values and the error messages stay Python's.
    """
    if not content.strip():
        return None, False
    try:
        return _check_shape(path, _DECODER.decode(content)), False
    except (msgspec.DecodeError, RecursionError):
        pass
    try:
        parsed = json.loads(content.decode("utf-8"))
    except UnicodeDecodeError:
        raise StorageCorrupt(path, _("it is not UTF-8 text")) from None
    except json.JSONDecodeError as exc:
        detail = _("invalid JSON at line {line}, column {column}").format(
            line=exc.lineno, column=exc.colno
        )
        raise StorageCorrupt(path, detail) from None
    except ValueError:  # an integer longer than int() reads (4300 digits)
        raise StorageCorrupt(path, _("a number in it is too long to be ours")) from None
    except RecursionError:
        raise StorageCorrupt(path, _("it is nested too deeply to be ours")) from None
    return _check_shape(path, parsed), True


def _migrated(path: Path, raw: RawDB) -> RawDB:
    """`migrate`, with its refusals naming the file."""
    try:
        return migrate(raw)
    except StorageTooNew as exc:
        raise StorageTooNew(path, exc.found, exc.known) from None
    except SchemaInvalid as exc:
        raise StorageCorrupt(path, str(exc)) from None


def _check_shape(path: Path, parsed: object) -> RawDB:
    """A TinyDB file is {table: {doc_id: {field: value}}}; anything else is not ours."""
    if not isinstance(parsed, dict):
        raise StorageCorrupt(path, _("the top level is not a JSON object"))
    for table_name, table in parsed.items():
        if not isinstance(table, dict):
            raise StorageCorrupt(
                path, _("table {table_name!r} is not a JSON object").format(table_name=table_name)
            )
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                raise StorageCorrupt(
                    path,
                    _("document {doc_id} of {table_name!r} is not an object").format(
                        doc_id=doc_id, table_name=table_name
                    ),
                )
            if not (doc_id.isascii() and doc_id.isdigit()):
                raise StorageCorrupt(
                    path,
                    _("table {table_name!r} has a non-numeric id {doc_id!r}").format(
                        table_name=table_name, doc_id=doc_id
                    ),
                )
    return parsed
