"""Low-level file helpers shared by the data file, its backups and restore.

Everything that ends up on disk goes through `atomic_write_bytes`: a temp file in the same folder,
written, flushed and fsynced, made 0600, renamed over the target with `os.replace` (atomic on
POSIX), then the folder is fsynced so the rename itself survives a power cut. A reader therefore
sees either the old bytes or the new ones, never a mix, whenever the writer dies.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from debtcoach.store.errors import StorageIOError

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"


def temp_prefix(path: Path) -> str:
    """Temp files of `path` are `.<name>.<random>.tmp` next to it."""
    return f".{path.name}."


def atomic_write_bytes(path: Path, payload: bytes, *, action: str = "write") -> None:
    """Replace `path` with `payload` all at once (see the module docstring); 0600, folders 0700.

    A symlinked file (say, into a synced folder) stays a symlink: its target is replaced.
    """
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent
    try:
        make_private_dirs(folder)
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=temp_prefix(path), suffix=TEMP_SUFFIX)
    except OSError as exc:
        raise StorageIOError(path, action, exc.strerror or str(exc)) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, FILE_MODE)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise StorageIOError(path, action, exc.strerror or str(exc)) from None
    fsync_dir(folder)


def remove_stale_temps(path: Path) -> None:
    """Drop temp files a killed writer left next to `path`.

    Only call this while holding the write lock: then no other writer can be mid-write, so every
    temp file of ours that exists is garbage from a process that died before its rename.
    """
    prefix = temp_prefix(path)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if name.startswith(prefix) and name.endswith(TEMP_SUFFIX):
            with contextlib.suppress(OSError):
                (path.parent / name).unlink()


def make_private_dirs(folder: Path) -> None:
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


def fsync_dir(folder: Path) -> None:
    """Persist a rename; some systems cannot open folders, and then there is no need."""
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


FileStamp = tuple[int, int, int]


def file_stamp(path: Path) -> FileStamp | None:
    """(inode, size, mtime in ns) of `path`, None if it is missing: changes on every write,
    because every write renames a new file into place.
    """
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)
