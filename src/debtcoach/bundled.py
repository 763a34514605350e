"""Where the files that ship beside the code live: `themes/`, `sample_data/`, the catalogs.

In a wheel they are packaged under `debtcoach/_data/`; in a source checkout (editable install)
they sit at the repository root. Resolve them here and nowhere else.
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path

from debtcoach.domain import wording

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent.parent / name


def themes_dir() -> Path:
    return _bundled("themes")


def sample_data_dir() -> Path:
    return _bundled("sample_data")


def sample_data_file() -> Path:
    return sample_data_dir() / "debtcoach.json"


DOMAIN = "debtcoach"


def locale_dir() -> Path:
    """The gettext catalogs: `<language>/LC_MESSAGES/debtcoach.po` (and the built `.mo`)."""
    return _PACKAGE / "locale"


def translations(language: str) -> gettext.NullTranslations:
    """The catalog of one interface language; English is the source text (no catalog).

    A wheel carries the compiled `.mo` (built by the build hook). A source checkout has only the
    `.po`, which is compiled in memory here, so an edited catalog shows on the next run without a
    build step.
    """
    if language == "en":
        return gettext.NullTranslations()
    from babel.support import Translations  # English, the common case, needs no catalog

    folder = locale_dir() / language / "LC_MESSAGES"
    compiled = folder / f"{DOMAIN}.mo"
    source = folder / f"{DOMAIN}.po"
    if compiled.is_file() and (
        not source.is_file() or compiled.stat().st_mtime >= source.stat().st_mtime
    ):
        with compiled.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    if not source.is_file():
        return gettext.NullTranslations()
    return Translations(io.BytesIO(compile_catalog(source.read_bytes(), language)), domain=DOMAIN)


def compile_catalog(po: bytes, language: str) -> bytes:
    """A `.po` catalog as `.mo` bytes (the build hook writes these into the wheel)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(po), locale=language, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def use_language(language: str) -> None:
    """Load the catalog of `language` and make it the one every `_()` reads."""
    wording.install(translations(language), language)
