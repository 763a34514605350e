"""The catalogs are complete and current: every message the code marks is in the template and
in zh_CN, with a translation that keeps the message's placeholders (English is the source)."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from debtcoach.bundled import locale_dir, translations

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src" / "debtcoach"
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "N_plural": (1, 2)}
PLACEHOLDER = re.compile(r"\{[a-z_]*(?:![rs])?(?::[^}]*)?\}")


def extracted() -> set[str]:
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(SOURCE), method_map, options_map, keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def ids(catalog: Catalog) -> set[str]:
    return {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog if m.id}


def test_the_template_is_what_the_code_marks_now() -> None:
    """Fails after a message is added or changed without running the catalog update (README)."""
    template = read(locale_dir() / "debtcoach.pot")
    code = extracted()
    assert code, "extraction found nothing"
    assert sorted(code - ids(template)) == [], "not in debtcoach.pot: run the catalog update"
    assert sorted(ids(template) - code) == [], "stale in debtcoach.pot: run the catalog update"


def test_every_zh_cn_message_is_translated_and_current() -> None:
    catalog = read(locale_dir() / "zh_CN" / "LC_MESSAGES" / "debtcoach.po", "zh_CN")
    assert ids(catalog) == extracted()
    untranslated = [
        m.id
        for m in catalog
        if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))
    ]
    assert untranslated == []


def test_translations_keep_the_placeholders() -> None:
    catalog = read(locale_dir() / "zh_CN" / "LC_MESSAGES" / "debtcoach.po", "zh_CN")
    for message in catalog:
        if not message.id:
            continue
        source = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(source[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == wanted, message.id


def test_the_zh_cn_catalog_loads_with_chinese_plural_rules() -> None:
    zh = translations("zh_CN")
    assert zh.gettext("colour theme for the app") != "colour theme for the app"
    # Chinese has one plural form: the same words for 1 and for 5.
    one = zh.ngettext("{n} month", "{n} months", 1)
    assert one == zh.ngettext("{n} month", "{n} months", 5)
    assert "月" in one
