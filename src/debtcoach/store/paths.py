"""Where the data file lives: `--db`, then `DEBTCOACH_DB`, then the platform's user data folder."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "debtcoach"
DATA_FILE_NAME = "debtcoach.json"
DB_ENV_VAR = "DEBTCOACH_DB"


def default_data_path() -> Path:
    """The per-user data file (~/.local/share/debtcoach/debtcoach.json on Linux)."""
    return Path(user_data_dir(APP_NAME, appauthor=False)) / DATA_FILE_NAME


def resolve_data_path(cli_value: str | None, env: Mapping[str, str] = os.environ) -> Path:
    """The file to use: an explicit option wins over the environment, which wins over the default.

    Empty values count as not given, so `DEBTCOACH_DB= debtcoach` still finds the default file.
    """
    for candidate in (cli_value, env.get(DB_ENV_VAR)):
        if candidate is not None and candidate.strip():
            return Path(candidate).expanduser()
    return default_data_path()
