"""Rotating backups of the data file in `backups/` next to it.

With every write the bytes the file held until now are copied (not re-serialised: a backup is
exactly what was on disk) to `backups/<stem>-<UTC time>.json`, written atomically, 0600, in a
0700 folder. Only once the write has succeeded is the set pruned (a refused write takes its backup
back), so failing saves cannot push real history out: the newest `KEEP_LAST` backups stay, plus
the newest backup of each UTC day for the last `KEEP_DAYS` days; older ones are deleted. Files in
`backups/` that do not look like our backups are never touched, and a `backups/` that is a symbolic
link is refused: chmod-ing or pruning it would act on whatever folder it points to.

"Newest" is the order the backups were written in, which their names show unless the clock was
wrong: a backup dated more than `FUTURE_TOLERANCE` after now is listed after every correctly dated
one (it was written before the clock was put right) and keeps no day of its own in the rotation.

Whether a backup *loads* is the repository's business (`Repository.backups()`), so this module
knows nothing about the contents.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Collection
from datetime import UTC, datetime, timedelta
from pathlib import Path

from msgspec import Struct

from debtcoach.domain.wording import _
from debtcoach.store.errors import StorageIOError
from debtcoach.store.files import DIR_MODE, TEMP_SUFFIX, atomic_write_bytes

BACKUP_DIR_NAME = "backups"
KEEP_LAST = 10
KEEP_DAYS = 30
FUTURE_TOLERANCE = timedelta(minutes=5)
_STAMP_FORMAT = "%Y%m%dT%H%M%S.%fZ"

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class Backup(Struct, frozen=True):
    """One backup file: where it is and when it was taken (UTC, from its name)."""

    path: Path
    taken_at: datetime
    dated_in_future: bool = False

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


class BackupSet:
    """The backups of one data file."""

    def __init__(self, data_path: Path, clock: Clock = utc_now) -> None:
        self.data_path = data_path
        self.folder = data_path.parent / BACKUP_DIR_NAME
        self._clock = clock
        stem = data_path.stem or data_path.name
        self._pattern = re.compile(
            rf"^{re.escape(stem)}-(\d{{8}}T\d{{6}}\.\d{{6}}Z)(?:-(\d+))?\.json$"
        )
        self._stem = stem

    # -- reading -------------------------------------------------------------------------------

    def all(self) -> list[Backup]:
        """Every backup of this data file, newest first (future-dated ones last, see above)."""
        try:
            names = [item.name for item in self.folder.iterdir() if item.is_file()]
        except OSError:
            return []
        latest_plausible = self._clock().astimezone(UTC) + FUTURE_TOLERANCE
        found: list[tuple[bool, datetime, int, Backup]] = []
        for name in names:
            match = self._pattern.match(name)
            if match is None:
                continue
            try:
                taken = datetime.strptime(match.group(1), _STAMP_FORMAT).replace(tzinfo=UTC)
            except ValueError:
                continue
            serial = int(match.group(2) or 0)
            future = taken > latest_plausible
            found.append((not future, taken, serial, Backup(self.folder / name, taken, future)))
        found.sort(key=lambda item: item[:3], reverse=True)
        return [item[3] for item in found]

    def find(self, name_or_path: str) -> Path | None:
        """A backup by its name in `backups/`, or any existing file by path."""
        text = name_or_path.strip()
        if not text:
            return None
        by_name = self.folder / text
        if "/" not in text and by_name.is_file():
            return by_name
        as_path = Path(text).expanduser()
        return as_path if as_path.is_file() else None

    # -- writing -------------------------------------------------------------------------------

    def save(self, payload: bytes, *, protect: Collection[Path] = ()) -> Path:
        """Store `payload` as the newest backup, then prune; returns the new backup's path.

        Call with the data file's write lock held (so names and pruning cannot race).
        """
        target = self.add(payload)
        self.prune(protect={target, *protect})
        return target

    def add(self, payload: bytes) -> Path:
        """Store `payload` as the newest backup without pruning: the write it belongs to may
        still fail, and then `discard` takes it back. Call with the write lock held."""
        self.refuse_symlinked_folder()
        stamp = self._clock().astimezone(UTC).strftime(_STAMP_FORMAT)
        target = self.folder / f"{self._stem}-{stamp}.json"
        serial = 0
        while os.path.lexists(target):
            serial += 1
            target = self.folder / f"{self._stem}-{stamp}-{serial}.json"
        self._remove_stale_temps()
        atomic_write_bytes(target, payload, action="back up to")
        with contextlib.suppress(OSError):
            os.chmod(self.folder, DIR_MODE)  # ours alone, whatever someone did to it
        return target

    def discard(self, backup: Path) -> None:
        """Take back a backup whose write was refused (best effort: it is a true copy anyway)."""
        with contextlib.suppress(OSError):
            backup.unlink()

    def refuse_symlinked_folder(self) -> None:
        """A symlinked `backups/` would have us chmod and prune whatever it points to."""
        if self.folder.is_symlink():
            raise StorageIOError(
                self.folder,
                "back up to",
                _(
                    "it is a symbolic link, and backups are only kept in a real folder; nothing "
                    "was written: replace the link with a folder"
                ),
            )

    def _remove_stale_temps(self) -> None:
        """Temp files of backups whose writer was killed (safe: we hold the write lock)."""
        prefix = f".{self._stem}-"
        try:
            names = [item.name for item in self.folder.iterdir()]
        except OSError:
            return
        for name in names:
            if name.startswith(prefix) and name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    (self.folder / name).unlink()

    def prune(self, now: datetime | None = None, *, protect: Collection[Path] = ()) -> list[Path]:
        """Delete what the rotation no longer keeps; returns the deleted paths."""
        self.refuse_symlinked_folder()
        moment = (now or self._clock()).astimezone(UTC)
        backups = self.all()
        keep = {backup.path for backup in backups[:KEEP_LAST]}
        keep.update(protect)
        oldest_day = (moment - timedelta(days=KEEP_DAYS - 1)).date()
        seen_days: set[object] = set()
        for backup in backups:  # newest first: the first of a day is its newest
            day = backup.taken_at.date()
            if backup.dated_in_future:
                continue
            if day >= oldest_day and day not in seen_days:
                seen_days.add(day)
                keep.add(backup.path)
        deleted: list[Path] = []
        for backup in backups:
            if backup.path not in keep:
                with contextlib.suppress(OSError):
                    backup.path.unlink()
                    deleted.append(backup.path)
        return deleted
