"""Low-level file helpers shared by the data file, its backups and restore.

Everything that ends up on disk goes through `atomic_write_bytes`: a temp file in the same folder,
written, flushed and fsynced, made 0600, renamed over the target with `os.replace` (atomic on
POSIX), then the folder is fsynced so the rename itself survives a power cut. A reader therefore
sees either the old bytes or the new ones, never a mix, whenever the writer dies.

Nothing is ever written through a symbolic link: a target that is one is refused
(`NotARegularFile`), and temp files are created new (O_CREAT|O_EXCL|O_NOFOLLOW), so a link
planted next to the data file cannot redirect a write, a truncation or a chmod to another file.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from debtcoach.domain.wording import N_
from debtcoach.store.errors import NotARegularFile, StorageIOError

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"
# A new file only: never an existing one, never through a symbolic link (POSIX: O_EXCL fails on
# any link, even a dangling one).
_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
_TEMP_ATTEMPTS = 100


def temp_prefix(path: Path) -> str:
    """Temp files of `path` are `.<name>.<random>.tmp` next to it."""
    return f".{path.name}."


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, for a message."""
    if stat.S_ISLNK(mode):
        return N_("a symbolic link")
    if stat.S_ISDIR(mode):
        return N_("a folder")
    if stat.S_ISFIFO(mode):
        return N_("a named pipe")
    if stat.S_ISSOCK(mode):
        return N_("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return N_("a device")
    return N_("a special file")


def refuse_link(path: Path, hint: str = "") -> None:
    """Raise `NotARegularFile` when `path` itself is a symbolic link (its folder may be one)."""
    if os.path.islink(path):
        raise NotARegularFile(path, "a symbolic link", hint)


def _temp_token() -> str:
    return os.urandom(8).hex()


def _create_temp(path: Path) -> tuple[int, Path]:
    """A new, empty, 0600 temp file next to `path`, opened for writing."""
    for _ in range(_TEMP_ATTEMPTS):
        temp = path.with_name(f"{temp_prefix(path)}{_temp_token()}{TEMP_SUFFIX}")
        try:
            return os.open(temp, _NEW_FILE_FLAGS, FILE_MODE), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temp file name next to {path.name}")


def atomic_write_bytes(path: Path, payload: bytes, *, action: str = "write") -> None:
    """Replace `path` with `payload` all at once (see the module docstring); 0600, folders 0700.

    A `path` that is a symbolic link is refused, not followed: its target may be any file.
    """
    refuse_link(path, "; nothing was written")
    folder = path.parent
    try:
        make_private_dirs(folder)
        fd, temp = _create_temp(path)
    except OSError as exc:
        raise StorageIOError(path, action, exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fchmod(handle.fileno(), FILE_MODE)  # exactly 0600 whatever the umask
            os.fsync(handle.fileno())
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
