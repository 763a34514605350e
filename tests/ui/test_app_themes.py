"""Colour themes: files validated and registered at start, --theme and settings honoured, the
palette switches and saves, a broken file warns and falls back instead of crashing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich._palettes import EIGHT_BIT_PALETTE
from textual.color import Color

from debtcoach.bundled import themes_dir
from debtcoach.store.repository import Repository
from debtcoach.ui.themes import ThemeFileError, load_themes, theme_from_file
from tests.conftest import make_app
from tests.ui.list_pilot import messages, skip_offer

SMALL = (80, 24)
BUNDLED = ("debtcoach-dark", "debtcoach-high-contrast", "debtcoach-light")


def test_bundled_themes_load_cleanly() -> None:
    loaded = load_themes(themes_dir())
    assert loaded.errors == ()
    assert loaded.names == BUNDLED
    light = next(t for t in loaded.themes if t.name == "debtcoach-light")
    assert light.dark is False


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('name = "x"\nprimary = "#fff"', "must match the file name"),
        ('primary = "#ffffff"\ncolour = "#000"', "unknown key 'colour'"),
        ('dark = true\nbackground = "#000"', "primary colour is missing"),
        ('primary = "not-a-colour"', "is not a colour"),
        ("primary = 12", "must be a colour string"),
        ('primary = "#fff"\ndark = "yes"', "dark must be true or false"),
        ('primary = "#fff"\ntext_alpha = 3', "from 0 to 1"),
        ('primary = "#fff"\nvariables = 3', "[variables]"),
        ("primary = [", "not valid TOML"),
    ],
)
def test_theme_file_problems_are_named(tmp_path: Path, body: str, problem: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ThemeFileError, match=r"mine\.toml") as info:
        theme_from_file(path)
    assert problem in str(info.value)


def test_load_themes_skips_broken_files(tmp_path: Path) -> None:
    shutil.copy(themes_dir() / "debtcoach-light.toml", tmp_path)
    (tmp_path / "broken.toml").write_text("primary = [", encoding="utf-8")
    loaded = load_themes(tmp_path)
    assert loaded.names == ("debtcoach-light",)
    assert len(loaded.errors) == 1 and "broken.toml" in loaded.errors[0]


async def test_default_theme_comes_from_settings(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        assert app.theme == "debtcoach-dark"
        assert set(BUNDLED) <= set(app.available_themes)


async def test_theme_option_overrides_settings_without_saving(sample_db: Path) -> None:
    app = make_app(sample_db, theme="debtcoach-high-contrast")
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        assert app.theme == "debtcoach-high-contrast"
    assert Repository(sample_db).settings().theme == "debtcoach-dark"


async def test_unknown_theme_falls_back_with_a_notice(sample_db: Path) -> None:
    app = make_app(sample_db, theme="no-such-theme")
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        assert app.theme == "debtcoach-dark"
        assert any("'no-such-theme' is not available" in m for m in messages(app))


async def test_palette_switches_theme_and_saves_it(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("ctrl+p", *"theme: debtcoach-light")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "debtcoach-light"
    assert Repository(sample_db).settings().theme == "debtcoach-light"
    again = make_app(sample_db)
    async with again.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        assert again.theme == "debtcoach-light"


async def test_broken_theme_file_warns_and_falls_back(
    sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "themes"
    folder.mkdir()
    shutil.copy(themes_dir() / "debtcoach-light.toml", folder)
    (folder / "debtcoach-dark.toml").write_text('primary = "purple-ish"', encoding="utf-8")
    monkeypatch.setattr("debtcoach.ui.app.themes_dir", lambda: folder)
    app = make_app(sample_db)  # settings ask for debtcoach-dark, whose file is broken
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        assert app.theme == "textual-dark"
        assert app.file_theme_names() == ("debtcoach-light",)
        notes = messages(app)
        assert any("debtcoach-dark.toml" in m and "not a colour" in m for m in notes)
        assert any("'debtcoach-dark' is not available" in m for m in notes)
        # The screens still work.
        await pilot.press("p")
        await pilot.pause()
        assert app.current_mode == "chart"


async def test_app_runs_with_no_color(sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        assert app.no_color
        await pilot.press("p")
        await pilot.pause()
        assert app.current_mode == "chart"


def test_theme_colours_are_exact_256_colour_entries() -> None:
    """A 256-colour terminal shows the themes unchanged: every colour is an xterm-256 entry."""
    palette = {tuple(EIGHT_BIT_PALETTE[i]) for i in range(16, 256)}
    for theme in load_themes(themes_dir()).themes:
        for key in (
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
        ):
            value = getattr(theme, key)
            assert tuple(Color.parse(value).rgb) in palette, (theme.name, key, value)
