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
print(json.dumps({"restored": restored, "loaded": loaded, "words": words}, ensure_ascii=False))
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
    saved = saved_locale_data(cache_dir() / CACHE_FILE_NAME)
    assert cache_dir() == Path(os.environ["XDG_CACHE_HOME"]) / "debtcoach"
    assert saved is not None and saved.locale == app.household.settings.locale
