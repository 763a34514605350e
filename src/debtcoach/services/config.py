"""The user's own `config.toml`: optional, read-only, in the platform's config folder.

    theme = "my-theme"              # a bundled theme or one in themes/ next to this file
    data = "~/money/debtcoach.json" # the data file (--db and DEBTCOACH_DB still win)
    [keymap]                        # binding id = key(s), as Textual's keymap takes them
    "go.loans" = "L"

debtcoach never writes it. A file that cannot be used is one `ConfigError` line naming the file
and the problem (the CLI exits 2 before doing anything); a missing file is no config at all.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

from msgspec import Struct, field
from platformdirs import user_config_dir, user_downloads_dir

from debtcoach.domain.screens import KEYMAP_IDS
from debtcoach.domain.wording import _
from debtcoach.store.backups import BACKUP_DIR_NAME
from debtcoach.store.paths import APP_NAME, DB_ENV_VAR, resolve_data_path

CONFIG_ENV_VAR = "DEBTCOACH_CONFIG"
CONFIG_FILE_NAME = "config.toml"
THEMES_DIR_NAME = "themes"
_KNOWN_KEYS = ("theme", "data", "keymap")


class ConfigError(ValueError):
    """The config file cannot be used; the message names the file and says what is wrong."""


class UserConfig(Struct, frozen=True):
    """What the config file says; everything unset when there is no file."""

    path: Path
    theme: str | None = None
    data: Path | None = None
    keymap: dict[str, str] = field(default_factory=dict)

    @property
    def themes_dir(self) -> Path:
        """The user's own themes: `themes/` next to the config file."""
        return self.path.parent / THEMES_DIR_NAME


def config_path(env: Mapping[str, str] = os.environ) -> Path:
    """`DEBTCOACH_CONFIG` if set, else config.toml in the user config folder
    (~/.config/debtcoach/config.toml on Linux)."""
    from_env = env.get(CONFIG_ENV_VAR, "")
    if from_env.strip():
        return Path(from_env).expanduser()
    return Path(user_config_dir(APP_NAME, appauthor=False)) / CONFIG_FILE_NAME


def load_config(env: Mapping[str, str] = os.environ) -> UserConfig:
    """Read and check the config file; no file is an empty config."""
    path = config_path(env)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return UserConfig(path)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError(
            _("config {path}: cannot be read ({reason})").format(path=path, reason=reason)
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            _("config {path}: not valid TOML ({problem})").format(path=path, problem=exc)
        ) from None
    unknown = sorted(set(data) - set(_KNOWN_KEYS))
    if unknown:
        known = ", ".join(_KNOWN_KEYS)
        raise ConfigError(
            _("config {path}: unknown key {key!r} (known: {known})").format(
                path=path, key=unknown[0], known=known
            )
        )
    theme = data.get("theme")
    if theme is not None and (not isinstance(theme, str) or not theme.strip()):
        raise ConfigError(
            _('config {path}: theme must be a theme name such as "debtcoach-dark"').format(
                path=path
            )
        )
    data_file = data.get("data")
    if data_file is not None and (not isinstance(data_file, str) or not data_file.strip()):
        raise ConfigError(
            _("config {path}: data must be the path of the data file").format(path=path)
        )
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        raise ConfigError(
            _("config {path}: [keymap] must be a table of binding id = key").format(path=path)
        )
    for binding_id, keys in keymap.items():
        if binding_id not in KEYMAP_IDS:
            raise ConfigError(_unknown_binding(path, binding_id))
        if not isinstance(keys, str) or not keys.strip():
            raise ConfigError(
                _('config {path}: keymap {binding!r} must be a key such as "L" or "ctrl+l"').format(
                    path=path, binding=binding_id
                )
            )
    return UserConfig(
        path,
        theme=theme.strip() if isinstance(theme, str) else None,
        data=_data_path(path, data_file) if isinstance(data_file, str) else None,
        keymap={str(k): v.strip() for k, v in keymap.items()},
    )


def _unknown_binding(path: Path, binding_id: str) -> str:
    """The refusal of a keymap id no binding has, with the nearest real one when there is one."""
    near = difflib.get_close_matches(binding_id, sorted(KEYMAP_IDS), n=1)
    if near:
        return _(
            "config {path}: keymap {binding!r} is not a binding id; did you mean {near!r}?"
        ).format(path=path, binding=binding_id, near=near[0])
    return _(
        "config {path}: keymap {binding!r} is not a binding id (the README lists them)"
    ).format(path=path, binding=binding_id)


def _data_path(config: Path, text: str) -> Path:
    """A relative path is relative to the config file's folder, not to where the command ran."""
    path = Path(text).expanduser()
    return path if path.is_absolute() else config.parent / path


def data_path(cli_value: str | None, config: UserConfig, env: Mapping[str, str]) -> Path:
    """`--db`, then `DEBTCOACH_DB`, then the config's `data`, then the user data folder."""
    if cli_value is None and not env.get(DB_ENV_VAR, "").strip() and config.data is not None:
        return config.data
    return resolve_data_path(cli_value, env)


def backups_dir(data_file: Path) -> Path:
    """Where the rotating backups of `data_file` are kept."""
    return data_file.parent / BACKUP_DIR_NAME


def downloads_dir() -> Path:
    """Where the app puts a file it hands to the user in a terminal: the Downloads folder if
    there is one, else the home folder."""
    folder = Path(user_downloads_dir())
    return folder if folder.is_dir() else Path.home()
