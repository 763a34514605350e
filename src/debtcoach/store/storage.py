"""TinyDB storage that never leaves a half-written data file behind.

TinyDB's own JSONStorage rewrites the file in place, so a crash or a full disk mid-write loses the
user's data. Here every write goes to a temp file in the same folder, is flushed and fsynced, then
renamed over the target with `os.replace` (atomic on POSIX), and the folder is fsynced so the
rename itself survives a power cut.

Reading checks the file's shape and schema version and runs migrations. A file that does not parse
or comes from a newer debtcoach raises and is never overwritten: a write always reads first.

`batch()` turns any number of TinyDB reads and writes into one read and at most one write; the
repository's transactions are built on it. Seams for later work: the cross-process lock belongs
around `batch()` (in `Repository.transaction`), rotating backups belong in `_write_file` just
before the rename.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from debtcoach.store.errors import StorageCorrupt, StorageIOError, StorageTooNew
from debtcoach.store.migrations import RawDB, SchemaInvalid, migrate, stamp

FILE_MODE = 0o600
DIR_MODE = 0o700


class AtomicJSONStorage(Storage):
    """A TinyDB storage over one JSON file: atomic writes, 0600 file, 0700 folder."""

    def __init__(self, path: str | os.PathLike[str], **_ignored: Any) -> None:
        """Open lazily: a missing file is an empty database and is only created by a write."""
        super().__init__()
        self.path = Path(path)
        self._snapshot: RawDB | None = None
        self._dirty = False

    # -- TinyDB's Storage interface -------------------------------------------------------

    def read(self) -> RawDB | None:
        if self._snapshot is not None:
            return self._snapshot
        return self._read_file()

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self._snapshot is not None:
            self._snapshot = data
            self._dirty = True
            return
        # Outside a batch, still refuse to replace a file we could not have read.
        self._read_file()
        self._write_file(data)

    def close(self) -> None:
        """Nothing stays open between operations, so there is nothing to close."""

    # -- batching ---------------------------------------------------------------------------

    @property
    def in_batch(self) -> bool:
        return self._snapshot is not None

    @property
    def has_pending_write(self) -> bool:
        """Whether the current batch changed anything (and so will write on a clean exit)."""
        return self._dirty

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """One read on entry, one write on a clean exit if anything changed, none on an error.

        Nested batches join the outer one, so only the outermost exit writes.
        """
        if self._snapshot is not None:
            yield
            return
        self._snapshot = self._read_file() or {}
        self._dirty = False
        try:
            yield
            if self._dirty:
                self._write_file(self._snapshot)
        finally:
            self._snapshot = None
            self._dirty = False

    # -- the file ---------------------------------------------------------------------------

    def _read_file(self) -> RawDB | None:
        try:
            content = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StorageIOError(self.path, "read", exc.strerror or str(exc)) from None
        if not content.strip():
            return None
        try:
            parsed = json.loads(content.decode("utf-8"))
        except UnicodeDecodeError:
            raise StorageCorrupt(self.path, "it is not UTF-8 text") from None
        except json.JSONDecodeError as exc:
            detail = f"invalid JSON at line {exc.lineno}, column {exc.colno}"
            raise StorageCorrupt(self.path, detail) from None
        raw = _check_shape(self.path, parsed)
        try:
            return migrate(raw)
        except StorageTooNew as exc:
            raise StorageTooNew(self.path, exc.found, exc.known) from None
        except SchemaInvalid as exc:
            raise StorageCorrupt(self.path, str(exc)) from None

    def _write_file(self, data: RawDB) -> None:
        stamp(data)
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        folder = self.path.parent
        try:
            _make_private_dirs(folder)
            fd, temp_name = tempfile.mkstemp(
                dir=folder, prefix=f".{self.path.name}.", suffix=".tmp"
            )
        except OSError as exc:
            raise StorageIOError(self.path, "write", exc.strerror or str(exc)) from None
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, FILE_MODE)
            os.replace(temp, self.path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise StorageIOError(self.path, "write", exc.strerror or str(exc)) from None
        _fsync_dir(folder)


def _check_shape(path: Path, parsed: object) -> RawDB:
    """A TinyDB file is {table: {doc_id: {field: value}}}; anything else is not ours."""
    if not isinstance(parsed, dict):
        raise StorageCorrupt(path, "the top level is not a JSON object")
    for table_name, table in parsed.items():
        if not isinstance(table, dict):
            raise StorageCorrupt(path, f"table {table_name!r} is not a JSON object")
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                raise StorageCorrupt(path, f"document {doc_id} of {table_name!r} is not an object")
            if not doc_id.isdigit():
                raise StorageCorrupt(path, f"table {table_name!r} has a non-numeric id {doc_id!r}")
    return parsed


def _make_private_dirs(folder: Path) -> None:
    """Create missing folders as 0700: the data says who owes what to whom."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for directory in reversed(missing):
        with contextlib.suppress(FileExistsError):
            directory.mkdir(mode=DIR_MODE)
            os.chmod(directory, DIR_MODE)


def _fsync_dir(folder: Path) -> None:
    """Persist the rename itself; some systems cannot open folders, and then there is no need."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
