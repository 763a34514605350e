"""Colour themes as files: one `themes/<name>.toml` each, validated and turned into Textual themes.

A broken file never stops the app: it is reported (file and reason) and skipped, and the app
falls back to the default theme with a notification.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from msgspec import Struct
from textual.color import Color, ColorParseError
from textual.theme import BUILTIN_THEMES, Theme

from debtcoach.domain.wording import _

DEFAULT_THEME = "debtcoach-dark"
FALLBACK_THEME = "textual-dark"  # built into Textual: used only if our default file is broken

_COLOURS = (
    "primary",
    "secondary",
    "accent",
    "warning",
    "error",
    "success",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
_KNOWN = {"name", "dark", "ansi", "luminosity_spread", "text_alpha", "variables", *_COLOURS}


class ThemeFileError(ValueError):
    """A theme file that cannot be used; the message names the file and the problem."""


class ThemeLoad(Struct, frozen=True):
    themes: tuple[Theme, ...]
    errors: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(theme.name for theme in self.themes)


def _colour(path: Path, key: str, value: object) -> str:
    if not isinstance(value, str):
        raise ThemeFileError(
            _('{file}: {key} must be a colour string such as "#5fafd7"').format(
                file=path.name, key=key
            )
        )
    try:
        Color.parse(value)
    except ColorParseError:
        raise ThemeFileError(
            _("{file}: {key} {value!r} is not a colour").format(
                file=path.name, key=key, value=value
            )
        ) from None
    return value


def _fraction(path: Path, key: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ThemeFileError(
            _("{file}: {key} must be a number from 0 to 1").format(file=path.name, key=key)
        )
    return float(value)


def theme_from_file(path: Path) -> Theme:
    """Read and validate one theme file; raise ThemeFileError saying what is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ThemeFileError(
            _("{file}: cannot be read ({problem})").format(file=path.name, problem=exc)
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ThemeFileError(
            _("{file}: not valid TOML ({problem})").format(file=path.name, problem=exc)
        ) from None
    unknown = sorted(set(data) - _KNOWN)
    if unknown:
        raise ThemeFileError(
            _("{file}: unknown key {key!r}").format(file=path.name, key=unknown[0])
        )
    name = data.get("name", path.stem)
    if name != path.stem:
        raise ThemeFileError(
            _("{file}: name {name!r} must match the file name").format(file=path.name, name=name)
        )
    if "primary" not in data:
        raise ThemeFileError(_("{file}: primary colour is missing").format(file=path.name))
    colours = {key: _colour(path, key, data[key]) for key in _COLOURS if key in data}
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ThemeFileError(
            _("{file}: {key} must be true or false").format(file=path.name, key="dark")
        )
    ansi = data.get("ansi", False)
    if not isinstance(ansi, bool):
        raise ThemeFileError(
            _("{file}: {key} must be true or false").format(file=path.name, key="ansi")
        )
    variables = data.get("variables", {})
    if not isinstance(variables, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in variables.items()
    ):
        raise ThemeFileError(
            _("{file}: [variables] must map names to strings").format(file=path.name)
        )
    if ansi:
        # Textual's ANSI themes name a few colours only as variables: start from its own.
        builtin = BUILTIN_THEMES["ansi-dark" if dark else "ansi-light"]
        variables = {**builtin.variables, **variables}
    extra: dict[str, float] = {
        key: _fraction(path, key, data[key])
        for key in ("luminosity_spread", "text_alpha")
        if key in data
    }
    try:
        return Theme(
            name=name,
            primary=colours["primary"],
            secondary=colours.get("secondary"),
            warning=colours.get("warning"),
            error=colours.get("error"),
            success=colours.get("success"),
            accent=colours.get("accent"),
            foreground=colours.get("foreground"),
            background=colours.get("background"),
            surface=colours.get("surface"),
            panel=colours.get("panel"),
            boost=colours.get("boost"),
            dark=dark,
            ansi=ansi,
            luminosity_spread=extra.get("luminosity_spread", 0.15),
            text_alpha=extra.get("text_alpha", 0.95),
            variables=dict(variables),
        )
    except Exception as exc:  # a Theme Textual itself refuses
        raise ThemeFileError(f"{path.name}: {exc}") from None


def load_themes(folder: Path) -> ThemeLoad:
    """Every `*.toml` theme in `folder`, in name order, plus one message per broken file."""
    themes: list[Theme] = []
    errors: list[str] = []
    try:
        paths = sorted(folder.glob("*.toml"))
    except OSError as exc:
        return ThemeLoad(
            (), (_("{file}: cannot be read ({problem})").format(file=folder, problem=exc),)
        )
    for path in paths:
        try:
            themes.append(theme_from_file(path))
        except ThemeFileError as exc:
            errors.append(str(exc))
    return ThemeLoad(tuple(themes), tuple(errors))
