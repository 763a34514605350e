"""The household's locale data, kept compacted in the user's cache folder between starts.

Babel reads its CLDR data anew in every process: for en_US that is root, en and the global
tables, 830 KiB of pickles unpickled and merged, some 30 ms of every start. The app keeps only
what it formats (`compact_locale_data`), so it saves that, 230 KiB, after a start and gives it
back to Babel on the next one before anything is formatted. The file is a cache: missing,
damaged, of another Babel or of another form, it is ignored and written again; one that is not
the user's own or that others may write is never read.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
import tempfile
from pathlib import Path

import babel
from platformdirs import user_cache_dir

from debtcoach.domain.wording import (
    LOCALE_DATA_FORM,
    LocaleData,
    compact_locale_data,
    install_locale_data,
)
from debtcoach.store.paths import APP_NAME

CACHE_FILE_NAME = "locale-data.pickle"


def cache_dir() -> Path:
    """The user's cache folder for debtcoach (~/.cache/debtcoach on Linux)."""
    return Path(user_cache_dir(APP_NAME, appauthor=False))


def _header() -> tuple[object, ...]:
    return (babel.__version__, LOCALE_DATA_FORM)


def saved_locale_data(path: Path) -> LocaleData | None:
    """What `save_locale_data` wrote, if it is ours to trust and of this Babel and form."""
    try:
        with path.open("rb") as file:
            info = os.fstat(file.fileno())
            if (
                not stat.S_ISREG(info.st_mode)
                or info.st_uid != os.getuid()
                or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
            ):
                return None
            header, locale, name, data, global_data = pickle.load(file)
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError, AttributeError):
        return None
    if header != _header() or not isinstance(data, dict) or not isinstance(global_data, dict):
        return None
    return LocaleData(str(locale), str(name), data, global_data)


def save_locale_data(path: Path, saved: LocaleData) -> None:
    """Write `saved` for the next start (atomically, readable by the user only); a folder
    that cannot be written only means the next start loads the data from Babel again."""
    payload = pickle.dumps(
        (_header(), saved.locale, saved.name, saved.data, saved.global_data),
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".locale-data-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(payload)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)


_restored: list[LocaleData] = []
"""What this process gave back to Babel from the cache folder (at most one)."""


def restore_locale_data(folder: Path | None = None) -> bool:
    """First thing in a process, before anything is formatted or parsed: the locale data the
    last session saved, given back to Babel. False when there is none to use."""
    saved = saved_locale_data((folder or cache_dir()) / CACHE_FILE_NAME)
    if saved is None or not install_locale_data(saved):
        return False
    _restored[:] = [saved]
    return True


def keep_locale_data(locale: str, folder: Path | None = None) -> None:
    """A session's locale, compacted (see `compact_locale_data`) and saved for the next start,
    unless it is what this process restored."""
    if any(saved.locale == locale for saved in _restored):
        return
    kept = compact_locale_data(locale)
    save_locale_data((folder or cache_dir()) / CACHE_FILE_NAME, kept)
