"""The locale data a session keeps in the cache folder: saved compacted, given back to Babel on
the next start, ignored when it is not to be trusted. Babel's caches are one per process, so each
start here is a process of its own."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from debtcoach.services.locale_cache import CACHE_FILE_NAME, cache_dir, saved_locale_data
from tests.conftest import make_app

START = """
import json, sys
from pathlib import Path
from babel import localedata
from babel import core as babel_core
from debtcoach.services.locale_cache import keep_locale_data, restore_locale_data

folder, locale = Path(sys.argv[1]), sys.argv[2]
restored = restore_locale_data(folder)
from debtcoach.domain.money import Money, format_money
from debtcoach.domain.wording import count, day_words, month_words, names, normalise_locale
from datetime import date
words = [
    format_money(Money(123456789, "USD"), locale), count(3, "month", locale=locale),
    names(["Visa", "Car", "Mum"], locale), month_words("2027-04", locale),
    day_words(date(2026, 12, 1), locale), str(normalise_locale("zh-CN")),
]
loaded = sorted(localedata._cache)
keep_locale_data(locale, folder)
saved = folder / "locale-data.pickle"
stamp = saved.stat().st_mtime_ns if saved.exists() else None
keep_locale_data(locale, folder)  # the app asks again on every reload: nothing to redo
again = saved.stat().st_mtime_ns if saved.exists() else None
print(json.dumps(
    {"restored": restored, "loaded": loaded, "words": words, "rewritten": stamp != again},
    ensure_ascii=False,
))
"""


def start(folder: Path, locale: str) -> dict[str, object]:
    """One start of a process that formats in `locale`, as the app does, and what it found."""
    done = subprocess.run(
        [sys.executable, "-c", START, str(folder), locale], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, object] = json.loads(done.stdout)
    return found


@pytest.mark.parametrize("locale", ["en_US", "zh_CN"])
def test_the_next_start_reads_the_saved_data_and_formats_the_same(
    tmp_path: Path, locale: str
) -> None:
    first = start(tmp_path, locale)
    assert first["restored"] is False  # nothing saved yet: Babel loads its own files
    saved = tmp_path / CACHE_FILE_NAME
    assert saved.stat().st_mode & 0o777 == 0o600
    second = start(tmp_path, locale)
    assert second["restored"] is True
    name = "en_US" if locale == "en_US" else "zh_Hans_CN"
    assert second["loaded"] == [name]  # no parent, no root: nothing read from Babel's files
    assert second["words"] == first["words"]
    assert first["rewritten"] is False and second["rewritten"] is False


def test_another_locale_is_loaded_in_full_and_saved_in_place_of_the_last(tmp_path: Path) -> None:
    start(tmp_path, "en_US")
    then = start(tmp_path, "de_DE")
    assert then["restored"] is True and "de_DE" in then["loaded"]  # loaded besides en_US
    assert then["words"][0] == "1.234.567,89\xa0$"  # type: ignore[index]
    saved = saved_locale_data(tmp_path / CACHE_FILE_NAME)
    assert saved is not None and saved.locale == "de_DE"


def test_a_file_others_may_write_is_never_read(tmp_path: Path) -> None:
    start(tmp_path, "en_US")
    saved = tmp_path / CACHE_FILE_NAME
    os.chmod(saved, 0o622)
    assert saved_locale_data(saved) is None
    assert start(tmp_path, "en_US")["restored"] is False


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a pickle",
        pickle.dumps(("babel 0.0", "en_US", "en_US", {}, {})),  # another form
        pickle.dumps((("0.0", ()), "en_US", "en_US", {}, {})),  # another Babel
        b"cbabel.gone_module\nThing\n.",  # a class another Babel had
    ],
)
def test_a_damaged_or_stale_file_is_ignored_and_written_again(
    tmp_path: Path, content: bytes
) -> None:
    saved = tmp_path / CACHE_FILE_NAME
    saved.write_bytes(content)
    os.chmod(saved, 0o600)
    assert saved_locale_data(saved) is None
    first = start(tmp_path, "en_US")
    assert first["restored"] is False
    assert start(tmp_path, "en_US")["restored"] is True


def test_a_folder_that_cannot_be_written_changes_nothing_but_the_speed(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.write_text("a file where the folder should be")  # no folder can be made there
    assert start(folder, "en_US")["words"][0] == "$1,234,567.89"  # type: ignore[index]
    assert start(folder, "en_US")["restored"] is False
    assert folder.read_text() == "a file where the folder should be"


async def test_the_app_saves_its_locale_data_in_the_users_cache_folder(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        path = cache_dir() / CACHE_FILE_NAME
        written = path.stat().st_mtime_ns
        app.reload()  # as after every save: the data is kept already, nothing is written
        await pilot.pause()
        assert path.stat().st_mtime_ns == written
    saved = saved_locale_data(path)
    assert cache_dir() == Path(os.environ["XDG_CACHE_HOME"]) / "debtcoach"
    assert saved is not None and saved.locale == app.household.settings.locale


COMPACTED_WORDING = """
import json
import sys
from datetime import date
from decimal import Decimal

from babel import Locale, localedata
from babel import core as babel_core
from babel.dates import format_skeleton
from babel.numbers import format_compact_currency

from debtcoach.domain.money import (
    Money, currency_digits, format_money, known_currencies, validate_locale,
)
from debtcoach.domain.wording import (
    count, day_words, month_words, names, normalise_locale, percent_words,
)
from debtcoach.services.locale_cache import (
    UNFORMATTED_GLOBAL_DATA, UNFORMATTED_LOCALE_DATA, compact_locale_data,
)

locale, compact = sys.argv[1], sys.argv[2] == "compact"
if compact:
    compact_locale_data(locale)
    name = str(Locale.parse(locale))  # zh_CN is zh_Hans_CN
    assert "root" not in localedata._cache and name in localedata._cache
    assert not UNFORMATTED_LOCALE_DATA & set(localedata.load(name))
    assert not UNFORMATTED_GLOBAL_DATA & set(babel_core._global_data)
print(json.dumps([
    *(normalise_locale(tag) for tag in ("zh-CN", "zh_Hans_CN", "en_GB.UTF-8", "de", "pt-BR")),
    validate_locale("zh_TW"), validate_locale("fr_FR"), str(currency_digits("JPY")),
    str(len(known_currencies())),
    format_money(Money(123456789, "USD"), locale), format_money(Money(-5, "CNY"), locale),
    format_money(Money(1234, "JPY"), locale), format_compact_currency(12345, "USD", locale=locale),
    count(1, "month", locale=locale), count(3, "month", locale=locale),
    names(["Visa", "Car", "Mum"], locale), month_words("2027-04", locale),
    day_words(date(2026, 12, 1), locale), percent_words(Decimal("19.99"), locale),
    format_skeleton("yMMMd", date(2027, 4, 30), locale=locale),
], ensure_ascii=False))
"""


@pytest.mark.parametrize("locale", ["en_US", "zh_CN", "de_DE"])
def test_compacted_locale_data_formats_every_amount_date_and_list_the_same(locale: str) -> None:
    """The app drops the parts of a locale's CLDR data it never formats (1.5 MiB): everything
    it formats reads the same as in a process that keeps all of it. Each in a process of its
    own: Babel keeps one cache per process, and the wording memoizes what it formatted."""
    import json
    import subprocess
    import sys

    def shown(mode: str) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", COMPACTED_WORDING, locale, mode], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        words: list[str] = json.loads(done.stdout)
        return words

    full = shown("full")
    assert shown("compact") == full
    assert len(full) == 20 and len(set(full[9:])) == 11  # every amount, date and word formatted


def test_babels_caches_the_compaction_reaches_are_still_there() -> None:
    """Two private names of Babel: its loaded locales and its global data. A Babel upgrade that
    renames either fails here, not in the app."""
    from babel import core as babel_core
    from babel import localedata

    assert isinstance(localedata._cache, dict)
    assert hasattr(babel_core, "_global_data")
