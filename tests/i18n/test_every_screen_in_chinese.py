"""Every screen of the app in Chinese, walked with real keys at 80x24: no message is missing from
the zh_CN catalog and no English sentence is left on screen.

Two checks, because either alone lets English through: the catalog check records every message
the screens ask the catalog for and finds none it lacks (a string marked but never translated);
the screen check reads each screen and finds no run of English words that is not the user's own
text or the guidance's (a string never marked at all). The guidance is quoted verbatim, in the
words it was given in, and the sample household's names are the user's: both stay as they are.
"""

from __future__ import annotations

import gettext
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot

import debtcoach.bundled
from debtcoach.guidance import RULES
from tests.conftest import make_app
from tests.ui.list_pilot import offer_shown
from tests.ui.screen_text import screen_words

SMALL = (80, 24)
ENGLISH_RUN = re.compile(r"[A-Za-z][a-z]+(?:[ '’-]+[A-Za-z][a-z]+)+")
"""Two or more English words in a row: what a sentence left untranslated shows as."""
OUR_OWN = {"debtcoach", "esc", "tab", "enter", "ctrl", "Pg", "Up", "Dn", "PgUp", "PgDn", "Home"}
"""Words that are the same in every language: the program's name and the keys' names."""


class CatalogLookups(gettext.NullTranslations):
    """The zh_CN catalog, noting every message asked for that it does not hold."""

    def __init__(self, inner: gettext.NullTranslations) -> None:
        super().__init__()
        self.inner = inner
        held = getattr(inner, "_catalog", {})
        self.held = {key if isinstance(key, str) else key[0] for key in held}
        self.missing: dict[str, str] = {}
        self.where = "start"

    def gettext(self, message: str) -> str:
        if message not in self.held:
            self.missing.setdefault(message, self.where)
        return self.inner.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if singular not in self.held:
            self.missing.setdefault(singular, self.where)
        return self.inner.ngettext(singular, plural, n)


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[CatalogLookups]]:
    made: list[CatalogLookups] = []
    real = debtcoach.bundled.translations

    def recording(language: str) -> gettext.NullTranslations:
        translations = real(language)
        if language == "en":
            return translations
        made.append(CatalogLookups(translations))
        return made[-1]

    monkeypatch.setattr(debtcoach.bundled, "translations", recording)
    yield made


TYPED_FIELDS = {"name", "lender", "purpose", "notes", "note", "relationship", "who", "asked",
                "outcome", "loan", "for_loan"}  # fmt: skip
"""The fields that hold what the user typed (the others hold values such as `regular`)."""


def users_words(path: Path) -> set[str]:
    """Every word the household's file holds as text: names, lenders, notes, purposes."""
    words: set[str] = set()

    def walk(value: object, key: str = "") -> None:
        if isinstance(value, str):
            if key in TYPED_FIELDS:
                words.update(re.findall(r"[A-Za-z]+", value))
        elif isinstance(value, dict):
            for name, item in value.items():
                walk(item, name)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)

    walk(json.loads(path.read_text(encoding="utf-8")))
    return words


GUIDANCE_WORDS = {word for rule in RULES for word in re.findall(r"[A-Za-z]+", rule.quote)}


class Walk:
    """The journey: keys pressed, each screen read."""

    def __init__(self, pilot: Pilot[None], lookups: list[CatalogLookups], allowed: set[str]):
        self.pilot = pilot
        self.lookups = lookups
        self.allowed = allowed
        self.english: dict[str, str] = {}

    async def press(self, where: str, *keys: str) -> None:
        for lookup in self.lookups:
            lookup.where = where
        for key in keys:
            await self.pilot.press(key)
        await self.pilot.pause()
        self.read(where)

    def read(self, where: str) -> None:
        for run in ENGLISH_RUN.findall(screen_words(self.pilot.app)):
            if not all(self.is_allowed(word) for word in re.findall(r"[A-Za-z]+", run)):
                self.english.setdefault(run, where)

    def is_allowed(self, word: str) -> bool:
        """The user's words, also cut short where a table column clips a name ("City Auto Fina"),
        and the payoff chart's marks (its lines are drawn with o and x)."""
        if word in self.allowed or set(word) <= {"o", "x"}:  # the chart's marks: ooo, xx
            return True
        return any(word in known for known in self.allowed)

    async def until(self, heading: str) -> None:
        """enter, field by field, until the check-in shows the step `heading`."""
        for _ in range(40):
            if heading in screen_words(self.pilot.app):
                return
            await self.press(f"check-in before {heading}", "enter")
        raise AssertionError(
            f"the check-in never reached {heading}: {screen_words(self.pilot.app)}"
        )

    @property
    def screen(self) -> str:
        return type(self.pilot.app.screen).__name__

    async def close_form(self, where: str) -> None:
        """esc on a form with typing in it asks first: discard."""
        await self.press(where, "escape")
        if self.screen == "ConfirmDialog":
            await self.press(where, "y")

    def missing(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for lookup in self.lookups:
            for message, where in lookup.missing.items():
                words = set(re.findall(r"[A-Za-z]+", message))
                if words and not words <= self.allowed:
                    found.setdefault(message, where)
        return found


async def walk_lists(walk: Walk) -> None:
    for key, name in (("l", "loans"), ("o", "income"), ("t", "expenses"), ("f", "family")):
        await walk.press(name, key)
        await walk.press(f"{name} help", "question_mark")
        await walk.press(name, "escape")
        await walk.press(f"{name} add", "a")
        await walk.press(f"{name} add refused", "enter")
        await walk.close_form(name)
        await walk.press(f"{name} edit", "e")
        await walk.close_form(name)
        await walk.press(f"{name} delete", "x")
        await walk.press(name, "n")
        await walk.press(f"{name} filter", "slash", "z", "z")
        await walk.press(name, "escape")
        await walk.press(f"{name} sorted", "s", "S")
    await walk.press("family repayment", "r")
    await walk.press("family repayment refused", "enter")
    await walk.close_form("family")


async def walk_loans_tools(walk: Walk) -> None:
    await walk.press("loans", "l")
    await walk.press("restructure", "r")
    await walk.press("restructure read on", "pagedown", "pagedown")
    await walk.press("restructure installments", *"24")
    await walk.press("restructure proposed", "m")
    await walk.press("restructure", "escape")
    await walk.press("contacts", "h")
    await walk.press("contact form", "a")
    await walk.press("contact form refused", "ctrl+s")
    await walk.close_form("contacts")
    await walk.press("loans", "escape")


async def walk_plan_screens(walk: Walk) -> None:
    await walk.press("chart", "p")
    for key in ("s", "a", "m", "v", "c", "c"):
        await walk.press(f"chart {key}", key)
    await walk.press("what-if", "i")
    for key in ("down", "down", "space", "t", "t"):
        await walk.press(f"what-if {key}", key)
    await walk.press("coach", "d", "c")
    await walk.press("dashboard", "escape")


async def walk_checkin(walk: Walk) -> None:
    await walk.press("check-in weeks", "w")
    await walk.press("check-in payments", "enter")
    await walk.until("第 4/6 步")
    await walk.press("check-in borrowing", "y")
    await walk.press("check-in borrowing refused", "tab", *"x", *["enter"] * 9)
    walk.pilot.app.screen.query_one("#ck-f0").focus()  # back to "borrowed anything?"
    await walk.press("check-in", "n", "enter")
    await walk.press("check-in lenders", "right")
    await walk.press("check-in lenders", "tab", "enter")
    await walk.until("第 6/6 步")
    await walk.press("check-in summary", "enter")
    await walk.press("check-in weeks", "enter")
    await walk.press("check-in discard", "enter", "escape")
    await walk.press("check-in", "n")


async def walk_app_tools(walk: Walk) -> None:
    await walk.press("dashboard", "d")
    await walk.press("settings", "comma")
    await walk.close_form("dashboard")
    await walk.press("palette", "ctrl+p")
    await walk.press("palette typed", *"restore")
    await walk.press("restore a backup", "enter")
    await walk.press("dashboard", "escape")
    await walk.press("undo", "u")
    await walk.press("dashboard", "escape")
    await walk.press("help", "question_mark")
    await walk.press("help end", "end")
    await walk.press("dashboard", "escape")


async def test_every_screen_reads_in_chinese(zh_db: Path, lookups: list[CatalogLookups]) -> None:
    app = make_app(zh_db)
    themes = {word for name in app.file_theme_names() for word in re.findall(r"[A-Za-z]+", name)}
    where = set(re.findall(r"[A-Za-z]+", str(zh_db)))  # help shows the data file's path
    allowed = users_words(zh_db) | GUIDANCE_WORDS | OUR_OWN | themes | where
    async with app.run_test(size=SMALL) as pilot:
        walk = Walk(pilot, lookups, allowed)
        await pilot.pause()
        assert offer_shown(app)
        walk.read("check-in offer")
        await walk.press("dashboard", "s")
        await walk_lists(walk)
        await walk_loans_tools(walk)
        await walk_plan_screens(walk)
        await walk_checkin(walk)
        await walk_app_tools(walk)
    assert lookups, "the app never loaded the zh_CN catalog"
    assert walk.missing() == {}
    assert walk.english == {}


def told(app: App[None]) -> list[tuple[str, str]]:
    """The toasts raised so far, as (title, message)."""
    return [(n.title, str(n.message)) for n in app._notifications]  # type: ignore[attr-defined]


async def test_the_palettes_screenshot_is_told_in_chinese(zh_db: Path) -> None:
    """Textual's own screenshot toast is English (and reads the path as markup); its Keys panel
    lists the bindings in English, so the palette leaves it out: `?` lists every key."""
    app = make_app(zh_db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("s")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "截图" in titles and "退出" in titles
        assert not {"Keys", "按键", "Screenshot", "Theme"} & set(titles)
        await pilot.press("ctrl+p", *"截图")
        await pilot.pause()
        await pilot.press("enter")
        for _ in range(50):
            await pilot.pause(0.05)
            if told(app):
                break
        assert [(title, message[:4]) for title, message in told(app)] == [("截图", "已写入 ")]
    assert list(Path.home().rglob("debtcoach_*.svg"))  # in the Downloads folder
