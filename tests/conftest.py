"""Shared fixtures: a fixed "today", a private copy of the sample household, one app factory.

Tests never touch the developer's real data or config: DEBTCOACH_DB, DEBTCOACH_CONFIG and the
data and config folders are redirected.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
import textual._wait
import textual.screen
from hypothesis import settings

from debtcoach.bundled import sample_data_file, use_language

TODAY = pendulum.date(2026, 11, 23)

# Hypothesis fails an example that takes over 200 ms by default: a timing assertion, which a busy
# machine trips (a 600-month plan under load). Speed is measured in benchmarks/, never here.
settings.register_profile("debtcoach", deadline=None)
settings.load_profile("debtcoach")

# Pilot waits for the app to go idle after every key by sleeping in steps of 20 ms and comparing
# wall and process time. Steps of 4 ms tell idle from busy as well (the check is the same ratio)
# and let a test that types sixty keys spend its time on the app, not on sleeping.
textual._wait.SLEEP_GRANULARITY = 1 / 250
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20.0
# A screen repaints at most 60 times a second; a test waiting 4 ms must find the repaint done.
textual.screen.UPDATE_PERIOD = textual._wait.SLEEP_GRANULARITY  # type: ignore[misc]


@pytest.fixture(autouse=True)
def _isolated_user_data(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("DEBTCOACH_DB", raising=False)
    monkeypatch.delenv("DEBTCOACH_CONFIG", raising=False)
    monkeypatch.setenv("NO_COLOR", "")
    monkeypatch.delenv("NO_COLOR")
    # English unless a test asks for another language, whatever the shell running the tests says.
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    yield
    use_language("en")


@pytest.fixture
def today() -> pendulum.Date:
    return TODAY


@pytest.fixture
def sample_db(tmp_path: Path) -> Path:
    """A private copy of the sample household (the file `debtcoach --demo` opens)."""
    target = tmp_path / "debtcoach.json"
    shutil.copyfile(sample_data_file(), target)
    return target


@pytest.fixture
def zh_db(sample_db: Path) -> Path:
    """The sample household in Chinese: language and locale zh_CN, amounts in yuan (CNY has the
    same two decimals as USD, so every amount keeps its number)."""
    from msgspec.structs import replace

    from debtcoach.services import Ledger

    ledger = Ledger(sample_db, TODAY)
    settings = ledger.settings()
    ledger.save_settings(replace(settings, language="zh_CN", locale="zh_CN", currency="CNY"))
    return sample_db


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "debtcoach.json"


def make_app(  # type: ignore[no-untyped-def]
    path: Path,
    *,
    today: pendulum.Date = TODAY,
    theme: str | None = None,
    language: str | None = None,
    environ: dict[str, str] | None = None,
    first_run: bool = False,
):
    """The app as the CLI builds it, on a given file and date. `language` is
    `--lang`; `environ` the shell a new file takes its settings from (default: C.UTF-8);
    `first_run` offers the first-run step on a new file (tests of other things start past it)."""
    from debtcoach.domain.models import settings_for_environment
    from debtcoach.services import Ledger
    from debtcoach.ui.app import DebtCoachApp

    shell = environ if environ is not None else {"LANG": "C.UTF-8"}
    ledger = Ledger(path, today, new_file_settings=settings_for_environment(shell), session=True)
    return DebtCoachApp(
        ledger,
        theme_name=theme,
        language=language,
        environ=shell,
        offer_first_run=first_run,
    )
