"""Where the data file lives (`--db`, then `DEBTCOACH_DB`, then the platform's user data folder),
and which paths belong to it so that nothing else may write them."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from platformdirs import user_data_dir

from debtcoach.domain.wording import _
from debtcoach.store.backups import BACKUP_DIR_NAME
from debtcoach.store.errors import StoreInputError
from debtcoach.store.files import TEMP_SUFFIX, temp_prefix
from debtcoach.store.lock import lock_path

APP_NAME = "debtcoach"
DATA_FILE_NAME = "debtcoach.json"
DB_ENV_VAR = "DEBTCOACH_DB"


def default_data_path() -> Path:
    """The per-user data file (~/.local/share/debtcoach/debtcoach.json on Linux)."""
    return Path(user_data_dir(APP_NAME, appauthor=False)) / DATA_FILE_NAME


def resolve_data_path(cli_value: str | None, env: Mapping[str, str] = os.environ) -> Path:
    """The file to use: an explicit option wins over the environment, which wins over the default.

    `--db ''` is refused: whoever typed it meant some file, and quietly using the real default
    instead would read or change the wrong household. An empty `DEBTCOACH_DB` counts as unset,
    because `DEBTCOACH_DB= debtcoach` and an exported-but-empty variable are how shells and CI
    clear a setting.
    """
    if cli_value is not None:
        if not cli_value.strip():
            raise StoreInputError(_("--db: the path is empty"))
        return Path(cli_value).expanduser()
    from_env = env.get(DB_ENV_VAR)
    if from_env is not None and from_env.strip():
        return Path(from_env).expanduser()
    return default_data_path()


def protected_path_problem(output: Path, data_path: Path) -> str | None:
    """Why `output` must not be written by an export, or None when it may.

    An output that is (or, through symlinks, resolves to) the data file, its lock file, one of
    its temp files or anything in its backups folder would replace the household or its safety
    net without the lock, a backup or the atomic write.
    """
    target = Path(os.path.realpath(output.expanduser()))
    data = Path(os.path.realpath(data_path))
    if target == data or _same_file(target, data):
        return _("it is the data file ({path})").format(path=data_path)
    lock = Path(os.path.realpath(lock_path(data_path)))
    if target == lock or _same_file(target, lock):
        return _("it is the data file's lock file ({path})").format(path=lock)
    # Temp files are made next to the file itself, wherever a symlinked data path points.
    if target.parent == data.parent and _is_temp_of(target.name, data):
        return _("it is a temp file of the data file ({path})").format(path=target)
    backups = Path(os.path.realpath(data_path.parent / BACKUP_DIR_NAME))
    if target == backups or target.is_relative_to(backups):
        return _("it is in the data file's backups folder ({path})").format(path=backups)
    return None


def _is_temp_of(name: str, data: Path) -> bool:
    return name.startswith(temp_prefix(data)) and name.endswith(TEMP_SUFFIX)


def _same_file(first: Path, second: Path) -> bool:
    """Whether two existing paths are one file (a hard link counts)."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False
