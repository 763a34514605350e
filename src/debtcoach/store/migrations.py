"""Schema version of the data file and the forward migrations between versions.

The version lives in the `meta` table. Reading runs every migration from the file's version up to
`SCHEMA_VERSION`; the next write stamps the new version. A file from a newer debtcoach is refused
rather than read, because rewriting it would silently drop what this version does not know.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from debtcoach.store.errors import StorageTooNew

SCHEMA_VERSION = 1
META_TABLE = "meta"
META_DOC_ID = "1"

RawDB = dict[str, dict[str, Any]]

# MIGRATIONS[n] turns a version-n file into a version-(n + 1) file. It receives the whole raw
# TinyDB dict (tables -> doc id -> document) and returns it; it must not touch meta's version.
MIGRATIONS: dict[int, Callable[[RawDB], RawDB]] = {}


class SchemaInvalid(ValueError):
    """The meta table's schema_version is not a usable number: the file is not ours or damaged."""


def meta_doc(raw: RawDB) -> dict[str, Any] | None:
    """The one meta document (the lowest id if a hand edit left several), or None."""
    table = raw.get(META_TABLE)
    if not table:
        return None
    first = min(table, key=lambda doc_id: (len(doc_id), doc_id))
    doc = table[first]
    return doc if isinstance(doc, dict) else None


def schema_version(raw: RawDB) -> int:
    """The file's version; files without meta are the first version (nothing older exists)."""
    meta = meta_doc(raw)
    if meta is None or "schema_version" not in meta:
        return 1
    version = meta["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise SchemaInvalid(f"schema_version {version!r} is not a positive whole number")
    return version


def migrate(raw: RawDB) -> RawDB:
    """Bring a freshly read file up to SCHEMA_VERSION; refuse one from the future."""
    found = version = schema_version(raw)
    if version > SCHEMA_VERSION:
        raise StorageTooNew(None, version, SCHEMA_VERSION)
    while version < SCHEMA_VERSION:
        raw = MIGRATIONS[version](raw)
        version += 1
    if found != SCHEMA_VERSION:
        stamp(raw)
    return raw


def stamp(raw: RawDB, now: datetime | None = None) -> RawDB:
    """Mark data about to be written with our version (and when the file was first created)."""
    meta = meta_doc(raw)
    if meta is None:
        meta = {}
        raw.setdefault(META_TABLE, {})[META_DOC_ID] = meta
    meta["schema_version"] = SCHEMA_VERSION
    if "created_at" not in meta:
        moment = now if now is not None else datetime.now(UTC)
        meta["created_at"] = moment.isoformat(timespec="seconds")
    return raw
