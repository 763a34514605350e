"""Where an unexpected error goes: its traceback in a private file next to the data file.

A crash must never be silent and never a screenful of traceback: the user sees one line naming
this file, and whoever helps them reads the file. It is written like every other file debtcoach
writes (atomically, 0600, never through a symbolic link), because a traceback can quote names,
amounts and notes from the household.
"""

from __future__ import annotations

import tempfile
import traceback
from datetime import datetime
from pathlib import Path

from debtcoach import __version__
from debtcoach.domain.text_rules import printable
from debtcoach.domain.wording import _
from debtcoach.store.errors import StoreError
from debtcoach.store.files import atomic_write_bytes

CRASH_LOG_NAME = "crash-%Y%m%d-%H%M%S.log"
SHOWN_ERROR_LIMIT = 200


def crash_log_folder(data_file: Path, *, demo: bool = False) -> Path:
    """The data file's folder; with `--demo`, whose copy is deleted on exit, the temp folder."""
    return Path(tempfile.gettempdir()) if demo else data_file.parent


def write_crash_log(folder: Path, error: BaseException, when: datetime) -> Path:
    """Write `error`'s traceback to `folder/crash-YYYYMMDD-HHMMSS.log`; returns its path.

    Raises `StoreError` when the file cannot be written (a read-only folder, a symlink there).
    """
    report = "".join(traceback.format_exception(error))
    heading = f"debtcoach {__version__} stopped on an unexpected error at {when.isoformat()}"
    text = f"{heading}\n\n{report}"
    path = folder / when.strftime(CRASH_LOG_NAME)
    atomic_write_bytes(path, text.encode("utf-8", "backslashreplace"), action="write the log")
    return path


def crash_message(folder: Path, error: BaseException, when: datetime) -> str:
    """The one line to print after a crash: what went wrong and where the details are."""
    what = printable(f"{type(error).__name__}: {error}")
    if len(what) > SHOWN_ERROR_LIMIT:
        what = what[: SHOWN_ERROR_LIMIT - 1] + "…"
    try:
        log = write_crash_log(folder, error, when)
    except StoreError as exc:
        return _(
            "debtcoach: unexpected error ({what}); no crash log was written: {problem}"
        ).format(what=what, problem=exc)
    return _("debtcoach: unexpected error ({what}); the details are in {path}").format(
        what=what, path=printable(str(log))
    )
