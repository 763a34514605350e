"""The user's own config file, end to end: its keymap moves keys (and the help and top bar say
so), its theme and the user's theme folder are used, a broken theme warns and is skipped; files
handed to the user are written privately in a terminal and become downloads in a browser."""

from __future__ import annotations

import importlib
import pkgutil
import stat
from pathlib import Path

import pytest
from icalendar import Calendar
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Static

import debtcoach.ui
from debtcoach.domain.screens import KEYMAP_IDS
from debtcoach.services.config import load_config
from debtcoach.ui.app import CALENDAR_FILE_NAME, DebtCoachApp, create_app
from debtcoach.ui.screens.help import HelpScreen
from debtcoach.ui.widgets.nav_bar import NavBar
from tests.conftest import TODAY
from tests.ui.list_pilot import messages, skip_offer

NIGHT = """\
primary = "#d7875f"
background = "#101010"
dark = true
"""
ANSI = """\
ansi = true
primary = "ansi_blue"
foreground = "ansi_default"
background = "ansi_default"
"""


@pytest.fixture
def config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config folder with a keymap, the theme `my-night`, an ANSI theme and a broken one."""
    folder = tmp_path / "config"
    (folder / "themes").mkdir(parents=True)
    (folder / "config.toml").write_text(
        'theme = "my-night"\n[keymap]\n"go.loans" = "L"\n"help" = "f1"\n', encoding="utf-8"
    )
    (folder / "themes" / "my-night.toml").write_text(NIGHT, encoding="utf-8")
    (folder / "themes" / "my-ansi.toml").write_text(ANSI, encoding="utf-8")
    (folder / "themes" / "broken.toml").write_text('primary = "nope"\n', encoding="utf-8")
    monkeypatch.setenv("DEBTCOACH_CONFIG", str(folder / "config.toml"))
    return folder


def app_from_config(path: Path) -> DebtCoachApp:
    return create_app(path=path, today=TODAY, theme=None, demo=False, config=load_config())


async def test_the_keymap_moves_keys_and_the_help_shows_the_keys_in_force(
    sample_db: Path, config_folder: Path
) -> None:
    app = app_from_config(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await skip_offer(pilot)
        await pilot.press("l")  # no longer the loans key
        await pilot.pause()
        assert app.current_mode == "dashboard"
        await pilot.press("L")
        await pilot.pause()
        assert app.current_mode == "loans"
        assert " L Loans " in str(app.screen.query_one(NavBar).content)
        await pilot.press("question_mark")  # moved to f1
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(s.content) for s in app.screen.query(Static))
        assert "\n  L Loans" in text
        assert "\n  l " not in text
        rows = {line.split(maxsplit=1)[1]: line.split()[0] for line in text.splitlines()
                if line.startswith("  ") and len(line.split()) > 1}  # fmt: skip
        assert rows["this help (esc closes it)"] == "f1"
        assert rows["quit (everything is already saved)"] == "q"  # left alone by the keymap


async def test_the_help_shows_every_remapped_key_of_a_row(
    sample_db: Path, config_folder: Path
) -> None:
    """Rows naming several keys ("e / enter", "m y n") follow the keymap key by key."""
    (config_folder / "config.toml").write_text(
        '[keymap]\n"list.edit" = "E"\n"settings" = "f2"\n"restructure.agree" = "Y"\n'
        '"coach.read_back" = "ctrl+up"\n"list.filter" = "F"\n',
        encoding="utf-8",
    )
    app = app_from_config(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await skip_offer(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(s.content) for s in app.screen.query(Static))
        assert "\n  E / enter  edit\n" in text
        assert "\n  f2         settings: language" in text
        assert "\n  m Y n      Restructure: mark proposed" in text
        assert "\n  PgDn ^↑    in the coach" in text
        assert "\n  F          filter (esc clears it)" in text
        assert "\n  e / enter " not in text and "\n  ,  " not in text


def test_every_binding_id_is_one_the_config_may_name() -> None:
    """The ids the config file is checked against are exactly those of the app's bindings, and
    the README lists them."""
    found: set[str] = set()
    for module in pkgutil.walk_packages(debtcoach.ui.__path__, "debtcoach.ui."):
        for thing in vars(importlib.import_module(module.name)).values():
            if isinstance(thing, type) and issubclass(thing, DOMNode):
                bindings = thing.__dict__.get("BINDINGS", [])
                found |= {b.id for b in bindings if isinstance(b, Binding) and b.id}
    assert found == KEYMAP_IDS
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    listed = readme.split("Binding ids", 1)[1].split("help screen (`?`)", 1)[0]
    assert {word for word in listed.split("`")[1::2]} == KEYMAP_IDS  # the README lists them all


async def test_the_config_theme_comes_from_the_users_theme_folder(
    sample_db: Path, config_folder: Path
) -> None:
    app = app_from_config(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "my-night"
        assert app.current_theme.primary == "#d7875f"
        assert {"my-night", "my-ansi", "debtcoach-dark"} <= set(app.file_theme_names())
        assert "broken" not in app.file_theme_names()
        warnings = [m for m in messages(app) if m.startswith("Theme file skipped:")]
        assert len(warnings) == 1
        assert "broken.toml" in warnings[0] and "'nope' is not a colour" in warnings[0]
        app.set_theme("my-ansi")
        await pilot.pause()
        assert app.theme == "my-ansi" and app.current_theme.ansi is True


async def test_the_theme_warnings_are_in_the_runs_language(
    zh_db: Path, config_folder: Path
) -> None:
    (config_folder / "config.toml").write_text('theme = "nope"\n', encoding="utf-8")
    (config_folder / "themes" / "debtcoach-dark.toml").write_text(NIGHT, encoding="utf-8")
    app = app_from_config(zh_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = messages(app)
        broken = config_folder / "themes" / "broken.toml"
        assert f"主题文件已跳过：{broken}：primary 'nope' 不是颜色" in shown
        assert "主题文件已跳过：debtcoach-dark.toml：与自带的主题同名" in shown
        assert "主题 'nope' 不可用，改用 debtcoach-dark。" in shown
        app.set_theme("my-ansi")
        await pilot.pause()
        assert "主题：my-ansi" in messages(app)
        app.set_theme("nope")
        await pilot.pause()
        assert "没有主题 'nope'。" in messages(app)


async def test_a_user_theme_may_not_take_a_bundled_name(
    sample_db: Path, config_folder: Path
) -> None:
    (config_folder / "themes" / "debtcoach-dark.toml").write_text(NIGHT, encoding="utf-8")
    app = app_from_config(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("debtcoach-dark.toml: a bundled theme has this name" in m for m in messages(app))
        assert app.get_theme("debtcoach-dark").primary != "#d7875f"  # type: ignore[union-attr]


async def test_a_file_for_the_user_is_written_privately_in_a_terminal(
    sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "me"
    (home / "Downloads").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    app = app_from_config(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await skip_offer(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        saved = home / "Downloads" / CALENDAR_FILE_NAME
        assert f"Wrote {saved}. Import it into your calendar app." in messages(app)
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
        events = Calendar.from_ical(saved.read_bytes()).walk("VEVENT")
        assert "Sofa loan: pay $95.00" in [str(e["SUMMARY"]) for e in events]
        before = sample_db.read_bytes()
        with pytest.raises(Exception, match="it is the data file"):
            app.deliver_file(sample_db, "not a household", action="write to")
        assert sample_db.read_bytes() == before


async def test_a_file_for_the_user_is_a_download_in_a_browser(
    sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    delivered: list[tuple[str, str | None]] = []

    def deliver_text(self: DebtCoachApp, file: object, **options: object) -> str:
        delivered.append((file.read(), options.get("save_filename")))  # type: ignore[attr-defined]
        return "key"

    monkeypatch.setattr(DebtCoachApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(DebtCoachApp, "deliver_text", deliver_text)
    app = app_from_config(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        message = app.deliver_file(tmp_path / "letter-Visa.md", "Dear Harbor Bank", action="x")
        assert message == "Sent letter-Visa.md to the browser as a download."
        assert delivered == [("Dear Harbor Bank", "letter-Visa.md")]
        assert not (tmp_path / "letter-Visa.md").exists()


async def test_the_palette_saves_the_calendar_too(
    sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "me"
    (home / "Downloads").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    app = app_from_config(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await skip_offer(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"save the due dates")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert (home / "Downloads" / CALENDAR_FILE_NAME).read_text().startswith("BEGIN:VCALENDAR")
