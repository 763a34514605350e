"""Noticing that another process replaced the data file (for the TUI's reload-on-change).

Every write renames a new file into place, so the file's (inode, size, mtime) stamp changes on
every write, even two writes within the same clock tick. The repository remembers the stamp of its
own last write, so a watcher can tell "we just saved" from "somebody else saved".
"""

from __future__ import annotations

from debtcoach.store.files import FileStamp
from debtcoach.store.repository import Repository

WATCH_INTERVAL_SECONDS = 2.0


class FileWatch:
    """Polled by the TUI: `changed_by_others()` is True once per change made elsewhere."""

    def __init__(self, repository: Repository) -> None:
        self._repository = repository
        self._seen: FileStamp | None = repository.file_stamp()

    def changed_by_others(self) -> bool:
        now = self._repository.file_stamp()
        if now == self._seen:
            return False
        self._seen = now
        return now != self._repository.last_write_stamp
