"""The cross-process write lock: one writer at a time per data file, readers never wait.

Every write is read-modify-write under an exclusive `flock` on `<file>.lock` (created 0600 next to
the data file), so a script and the TUI writing at the same time cannot lose each other's changes:
the second writer re-reads the file the first one just wrote. Reads take no lock: the data file
is only ever replaced by an atomic rename, so a reader sees a whole old or a whole new file.

The kernel releases a `flock` when its holder exits or is killed, so a crashed writer never
leaves the file locked. The lock file itself is never deleted (deleting it would let two writers
lock two different files). A writer that cannot get the lock within the timeout
(`DEBTCOACH_LOCK_TIMEOUT` seconds, default 5) raises `StoreLocked` and writes nothing.

The lock file is opened without following a symbolic link and must be a regular file, and a data
file that is itself a symbolic link is refused before the lock is taken (`NotARegularFile`): a
link planted next to the data file must not get another file truncated, chmod-ed or replaced.
"""

from __future__ import annotations

import contextlib
import fcntl
import math
import os
import stat
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

from debtcoach.domain.wording import N_, _
from debtcoach.store.errors import NotARegularFile, StorageIOError, StoreLocked
from debtcoach.store.files import FILE_MODE, file_kind, make_private_dirs

LOCK_TIMEOUT_ENV = "DEBTCOACH_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 5.0
_MAX_TIMEOUT = 3600.0
# Never through a symbolic link; O_NONBLOCK so a named pipe planted as the lock cannot hang open.
_LOCK_FLAGS = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_NOTHING_WRITTEN = N_("; nothing was written")


def lock_path(data_path: Path) -> Path:
    """`debtcoach.json` is locked through `debtcoach.json.lock` in the same folder."""
    return data_path.with_name(data_path.name + ".lock")


def lock_timeout(env: Mapping[str, str] = os.environ) -> float:
    """Seconds to wait for the lock: `DEBTCOACH_LOCK_TIMEOUT` if it is a sane number, else 5."""
    text = env.get(LOCK_TIMEOUT_ENV, "").strip()
    if not text:
        return DEFAULT_LOCK_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT
    if not math.isfinite(value) or value < 0:
        return DEFAULT_LOCK_TIMEOUT
    return min(value, _MAX_TIMEOUT)


def _holder(fd: int) -> int | None:
    """The pid the current holder wrote into the lock file (for the message only)."""
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _open_lock(data_path: Path, path: Path) -> tuple[int, bool]:
    """The lock file's descriptor, and whether it is ours alone to rewrite.

    A lock file with another hard link shares its bytes with some other file: it still locks,
    but is never chmod-ed or rewritten.
    """
    try:
        make_private_dirs(path.parent)
        fd = os.open(path, _LOCK_FLAGS, FILE_MODE)
    except OSError as exc:
        if os.path.islink(path):
            raise NotARegularFile(path, N_("a symbolic link"), _(_NOTHING_WRITTEN)) from None
        if isinstance(exc, IsADirectoryError):
            raise NotARegularFile(path, N_("a folder"), _(_NOTHING_WRITTEN)) from None
        raise StorageIOError(data_path, "lock", exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise StorageIOError(data_path, "lock", exc.strerror or str(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise NotARegularFile(path, file_kind(info.st_mode), _(_NOTHING_WRITTEN))
    return fd, info.st_nlink == 1


@contextlib.contextmanager
def write_lock(data_path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the exclusive write lock of `data_path` for the duration of the block.

    Refuses (`NotARegularFile`) a data file that is a symbolic link, and a lock file that is
    one or is not a regular file.
    """
    wait = lock_timeout() if timeout is None else timeout
    if os.path.islink(data_path):
        raise NotARegularFile(data_path, N_("a symbolic link"), _data_link_hint(data_path))
    path = lock_path(data_path)
    fd, own = _open_lock(data_path, path)
    try:
        if own:
            with contextlib.suppress(OSError):
                os.fchmod(fd, FILE_MODE)
        deadline = time.monotonic() + wait
        pause = 0.005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreLocked(data_path, wait, _holder(fd)) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.05)
            except OSError as exc:
                raise StorageIOError(data_path, "lock", exc.strerror or str(exc)) from None
        if own:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _data_link_hint(data_path: Path) -> str:
    try:
        target = f" ({os.readlink(data_path)})"
    except OSError:
        target = ""
    return _(
        "; nothing was written: use the file it points to{target}, or link its folder instead"
    ).format(target=target)
