"""Babel's data for the household's locale: compacted for a long session, and kept compacted in
the user's cache folder between starts.

Babel loads a locale whole on its first use and keeps it, with a copy of each parent (en_US, en,
root) and its global tables, for the process's life: 4 MiB for en_US, two thirds of it parts no
screen formats. A session keeps only what it formats (`compact_locale_data`). Babel also reads
that data anew in every process (830 KiB of pickles unpickled and merged, some 30 ms of every
start), so the compacted data (230 KiB) is saved after a session starts and given back to Babel
first thing in the next process, before anything is parsed or formatted.

The file is a cache: missing, damaged, of another Babel or of another form, it is ignored and
written again; one that is not the user's own or that others may write is never read. This
module is the one place that reaches Babel's private caches (`localedata._cache` and
`core._global_data`); a test checks both still exist.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
import tempfile
from pathlib import Path
from typing import Any, cast

import babel
from babel import core as babel_core
from babel import localedata
from msgspec import Struct
from platformdirs import user_cache_dir

from debtcoach.domain.wording import resolved_locale
from debtcoach.store.paths import APP_NAME

CACHE_FILE_NAME = "locale-data.pickle"

UNFORMATTED_LOCALE_DATA = frozenset(
    {
        # Names of languages, countries, scripts and variants: the app shows none.
        *("languages", "territories", "scripts", "variants"),
        # Units and time zones, relative times and date ranges: the app formats none.
        *("unit_patterns", "unit_display_names", "compound_unit_patterns"),
        *("currency_unit_patterns", "time_zones", "meta_zones", "zone_formats"),
        *("date_fields", "datetime_formats_relative", "interval_formats"),
        *("measurement_systems", "character_order"),
    }
)
"""Parts of a locale's CLDR data no wording reads: two thirds of it (unit patterns alone are a
third), some 1.5 MiB in memory for a long session."""

UNFORMATTED_GLOBAL_DATA = frozenset(
    {
        # Time zones and the languages and currencies of each country: the app formats dates
        # without a time zone and takes the currency from the household, never the country.
        *("meta_zones", "zone_aliases", "zone_territories", "territory_zones"),
        *("windows_zone_mapping", "territory_languages", "territory_currencies"),
    }
)
"""Parts of Babel's locale-independent data the app never reads (0.8 MiB). What parses and
resolves a locale (likely subtags, aliases, parents) and what formats money stays."""


class LocaleData(Struct, frozen=True):
    """A locale's compacted CLDR data and Babel's compacted global data: what a later start can
    give back to Babel instead of loading and compacting them again."""

    locale: str  # as the household says it: "zh_CN"
    name: str  # as Babel resolves it: "zh_Hans_CN"
    data: dict[str, Any]
    global_data: dict[str, Any]


def _header() -> tuple[object, ...]:
    """What a saved file must match to be used: this Babel, and what is left out of its data."""
    return (
        babel.__version__,
        tuple(sorted(UNFORMATTED_LOCALE_DATA)),
        tuple(sorted(UNFORMATTED_GLOBAL_DATA)),
    )


def compact_locale_data(locale: str) -> LocaleData:
    """Load the CLDR data of `locale` now, without the parts the app never formats, and drop
    the copies Babel keeps of its parents (en and root, merged into en_US already) and the
    global data no formatting reads. Amounts, dates, lists and plurals read the same data as
    before; another locale used later still loads in full."""
    name = resolved_locale(locale)
    data = localedata.load(name)
    for key in UNFORMATTED_LOCALE_DATA:
        data.pop(key, None)
    cached = localedata._cache
    parts = name.split("_")
    for parent in ("root", *("_".join(parts[:end]) for end in range(1, len(parts)))):
        cached.pop(parent, None)
    babel_core.get_global("parent_exceptions")  # loaded with the first locale, kept as one dict
    global_data: Any = babel_core._global_data  # a pickled dict, typed as a Mapping
    for key in UNFORMATTED_GLOBAL_DATA:
        global_data.pop(key, None)
    return LocaleData(locale, name, data, global_data)


def install_locale_data(saved: LocaleData) -> bool:
    """Give Babel `saved` as if it had loaded it: only before Babel has loaded any global data
    or this locale itself, so nothing it holds is replaced."""
    if babel_core._global_data is not None or saved.name in localedata._cache:
        return False
    babel_core._global_data = cast(Any, saved.global_data)
    localedata._cache[saved.name] = saved.data
    return True


def cache_dir() -> Path:
    """The user's cache folder for debtcoach (~/.cache/debtcoach on Linux)."""
    return Path(user_cache_dir(APP_NAME, appauthor=False))


def saved_locale_data(path: Path) -> LocaleData | None:
    """What `save_locale_data` wrote, if it is the user's own, of this Babel and of this form.

    The header is a pickle of its own, read first: data written by another Babel may name
    classes this one no longer has, and is never unpickled. Anything else that goes wrong
    reading a cache only means it is not used.
    """
    try:
        with path.open("rb") as file:
            info = os.fstat(file.fileno())
            if (
                not stat.S_ISREG(info.st_mode)
                or info.st_uid != os.getuid()
                or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
            ):
                return None
            if pickle.load(file) != _header():
                return None
            locale, name, data, global_data = pickle.load(file)
    except Exception:  # a cache that cannot be read is a cache that is not there
        return None
    if not isinstance(data, dict) or not isinstance(global_data, dict):
        return None
    return LocaleData(str(locale), str(name), data, global_data)


def save_locale_data(path: Path, saved: LocaleData) -> None:
    """Write `saved` for the next start (atomically, readable by the user only); a folder
    that cannot be written only means the next start loads the data from Babel again."""
    header = pickle.dumps(_header(), protocol=pickle.HIGHEST_PROTOCOL)
    payload = pickle.dumps(
        (saved.locale, saved.name, saved.data, saved.global_data),
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".locale-data-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(header + payload)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)


_kept: set[tuple[str, Path]] = set()
"""(locale, cache file) of what this process holds compacted in Babel and in that file."""


def restore_locale_data(folder: Path | None = None) -> bool:
    """First thing in a process, before anything is formatted or parsed: the locale data the
    last session saved, given back to Babel. False when there is none to use."""
    path = (folder or cache_dir()) / CACHE_FILE_NAME
    saved = saved_locale_data(path)
    if saved is None or not install_locale_data(saved):
        return False
    _kept.add((saved.locale, path))
    return True


def keep_locale_data(locale: str, folder: Path | None = None) -> None:
    """A session's locale, compacted (see `compact_locale_data`) and saved for the next start;
    nothing to do when this process did so already (every reload of the app asks)."""
    path = (folder or cache_dir()) / CACHE_FILE_NAME
    if (locale, path) in _kept:
        return
    save_locale_data(path, compact_locale_data(locale))
    _kept.add((locale, path))
