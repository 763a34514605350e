"""Schema version of the data file and the forward migrations between versions.

The version lives in the `meta` table. Reading runs every migration from the file's version up to
`SCHEMA_VERSION`; the next write stamps the new version (and the write's backup keeps the file
exactly as the old version wrote it). A file from a newer debtcoach is refused rather than read,
because rewriting it would silently drop what this version does not know.

Versions:

0. What the 0.x pre-releases wrote (see `tests/store/fixtures/schema0.json`): meta said
   `"schema_version": 0`; every amount was a decimal string in major units as typed ("1234.56",
   also the safety buffer); rates (apr, penalty_apr, fee_rate) were JSON numbers (19.99); money
   borrowed from relatives lived in a table called `family` and its repayments were dated `date`.
1. The first release: amounts are integer minor units in the household currency (meta), rates
   decimal strings, the table is `family_loans` and repayments are dated `on`.
2. Loans carry `promo_apr` (a decimal string) and `promo_until` (an ISO date), income carries
   `for_loan` (the loan a one-off is earmarked for); all null where there is none. Meta
   remembers `last_contact_id`, the highest contact id ever handed out, so removing the newest
   contact never lets its id name another conversation (a stale `contact remove 3`). Version 1
   files start from their highest contact id. An older debtcoach refuses this version: it
   would drop promotions and earmarks and reuse contact ids.
3. The settings carry `language` (the interface language, `en` or `zh_CN`; null: follow
   LANG / LC_ALL). An older debtcoach refuses this version: it would drop the language.

3. The balance history keeps one document per run of points with the same source and date
   (a week's check-in is one document, not one per debt): {"source", "on", "loans": {name:
   minor}, "family": {lender: minor}}, instead of {"name", "on", "balance", "source",
   "family"} per point. The points, and their order, are exactly those of version 2; ten years
   of weekly check-ins take 520 documents instead of 8,320 and a third of the bytes. An older
   debtcoach refuses this version: it would read no history at all.

A file without a schema_version (only ever assembled by hand: every release stamps it) is read
as the current version.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from debtcoach.domain.money import MoneyError, currency_digits, validate_currency
from debtcoach.domain.wording import _
from debtcoach.store.errors import StorageTooNew

SCHEMA_VERSION = 4
META_TABLE = "meta"
META_DOC_ID = "1"
LAST_CONTACT_ID = "last_contact_id"

RawDB = dict[str, dict[str, Any]]


class SchemaInvalid(ValueError):
    """The file's version or a value a migration needs is unusable: not ours, or damaged."""


def meta_doc(raw: RawDB) -> dict[str, Any] | None:
    """The one meta document (the lowest id if a hand edit left several), or None."""
    table = raw.get(META_TABLE)
    if not table:
        return None
    first = min(table, key=lambda doc_id: (len(doc_id), doc_id))
    doc = table[first]
    return doc if isinstance(doc, dict) else None


def schema_version(raw: RawDB) -> int:
    """The file's version; a file without one (assembled by hand) is the current version."""
    meta = meta_doc(raw)
    if meta is None or "schema_version" not in meta:
        return SCHEMA_VERSION
    version = meta["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise SchemaInvalid(
            _("schema_version {version!r} is not a whole number from 0 up").format(version=version)
        )
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


# -- 0 -> 1 -------------------------------------------------------------------------------------

# Amount fields per table in schema 0 (decimal strings in major units) and rate fields (numbers).
_V0_AMOUNTS: dict[str, tuple[str, ...]] = {
    "loans": ("balance", "min_payment", "arrears", "late_fee"),
    "income": ("amount",),
    "expenses": ("current", "target"),
    "family_loans": ("amount",),
    "balances": ("balance",),
}
_V0_RATES: dict[str, tuple[str, ...]] = {
    "loans": ("apr", "penalty_apr"),
    "family_loans": ("apr",),
}
_V0_AMOUNT_MAPS = ("paid", "received", "spent")  # check-ins: {name: amount}


def _v0_minor(value: Any, where: str, digits: int) -> Any:
    """ "1234.56" (major units) -> 123456 (minor units); None stays None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise SchemaInvalid(
            _("{where} is not an amount: {value!r}").format(where=where, value=value)
        )
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise SchemaInvalid(
            _("{where} is not an amount: {value!r}").format(where=where, value=value)
        ) from None
    if not amount.is_finite():
        raise SchemaInvalid(
            _("{where} is not a finite amount: {value!r}").format(where=where, value=value)
        )
    scaled = amount.scaleb(digits)
    if scaled != scaled.to_integral_value():
        raise SchemaInvalid(
            _("{where} has more decimals than the currency: {value!r}").format(
                where=where, value=value
            )
        )
    return int(scaled)


def _v0_rate(value: Any, where: str) -> Any:
    """19.99 (a JSON number) -> "19.99"; strings and None stay."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SchemaInvalid(_("{where} is not a rate: {value!r}").format(where=where, value=value))
    rate = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not rate.is_finite():
        raise SchemaInvalid(
            _("{where} is not a finite rate: {value!r}").format(where=where, value=value)
        )
    return str(rate)


def _v0_to_v1(raw: RawDB) -> RawDB:
    meta = meta_doc(raw) or {}
    currency = meta.get("currency") or "USD"
    try:
        digits = currency_digits(validate_currency(str(currency)))
    except MoneyError:
        raise SchemaInvalid(
            _("meta currency {currency!r} is not a currency").format(currency=currency)
        ) from None
    if "family" in raw:
        if raw.get("family_loans"):
            raise SchemaInvalid(_("both a 'family' and a 'family_loans' table"))
        raw["family_loans"] = raw.pop("family")
    for table, fields in _V0_AMOUNTS.items():
        for doc_id, doc in raw.get(table, {}).items():
            for name in fields:
                if name in doc:
                    doc[name] = _v0_minor(doc[name], f"{table} {doc_id} {name}", digits)
            for name in _V0_RATES.get(table, ()):
                if name in doc:
                    doc[name] = _v0_rate(doc[name], f"{table} {doc_id} {name}")
    for doc_id, doc in raw.get("loans", {}).items():
        terms = doc.get("restructure")
        if isinstance(terms, dict):
            for name in ("installment", "last_installment", "balance"):
                if name in terms:
                    where = f"loans {doc_id} restructure {name}"
                    terms[name] = _v0_minor(terms[name], where, digits)
            if "fee_rate" in terms:
                terms["fee_rate"] = _v0_rate(terms["fee_rate"], f"loans {doc_id} fee_rate")
    for doc_id, doc in raw.get("family_loans", {}).items():
        repayments = doc.get("repayments")
        if isinstance(repayments, list):
            for item in repayments:
                if isinstance(item, dict):
                    if "date" in item and "on" not in item:
                        item["on"] = item.pop("date")
                    where = f"family_loans {doc_id} repayment"
                    item["amount"] = _v0_minor(item.get("amount"), where, digits)
    for doc_id, doc in raw.get("checkins", {}).items():
        for name in _V0_AMOUNT_MAPS:
            amounts = doc.get(name)
            if isinstance(amounts, dict):
                doc[name] = {
                    key: _v0_minor(value, f"checkins {doc_id} {name} {key}", digits)
                    for key, value in amounts.items()
                }
    inner = meta.get("settings")
    if isinstance(inner, dict) and "safety_buffer" in inner:
        buffer = _v0_minor(inner["safety_buffer"], "meta safety_buffer", digits)
        inner["safety_buffer"] = 0 if buffer is None else buffer
    return raw


# -- 1 -> 2 -------------------------------------------------------------------------------------

_V2_FIELDS: dict[str, tuple[str, ...]] = {
    "loans": ("promo_apr", "promo_until"),
    "income": ("for_loan",),
}


def _v1_to_v2(raw: RawDB) -> RawDB:
    """New fields, null until set (no promotion, no earmark); the contact id counter."""
    for table, names in _V2_FIELDS.items():
        for doc in raw.get(table, {}).values():
            if isinstance(doc, dict):
                for name in names:
                    doc.setdefault(name, None)
    contacts = raw.get("contacts") or {}
    highest = max((int(doc_id) for doc_id in contacts if doc_id.isdigit()), default=0)
    meta = meta_doc(raw)
    if meta is not None:  # always: the file's version is written in it
        meta[LAST_CONTACT_ID] = highest
    return raw


# -- 2 -> 3 -------------------------------------------------------------------------------------


def _v2_to_v3(raw: RawDB) -> RawDB:
    """One history document per run of points with the same source and date, in id order."""
    table = raw.get("balances")
    if not table:
        return raw
    grouped: list[dict[str, Any]] = []
    for doc_id in sorted(table, key=lambda key: (len(key), key)):
        doc = table[doc_id]
        name, on, minor = doc.get("name"), doc.get("on"), doc.get("balance")
        if not isinstance(name, str) or not isinstance(on, str) or type(minor) is not int:
            raise SchemaInvalid(
                _("balances document {doc_id} is not a history point: {doc!r}").format(
                    doc_id=doc_id, doc=doc
                )
            )
        source = doc.get("source") or ""
        side = "family" if doc.get("family") is True else "loans"
        last = grouped[-1] if grouped else None
        fits = (
            last is not None
            and last["source"] == source
            and last["on"] == on
            and not (side == "loans" and last["family"])
            and name not in last[side]
        )
        if not fits:
            last = {"source": source, "on": on, "loans": {}, "family": {}}
            grouped.append(last)
        assert last is not None
        last[side][name] = minor
    raw["balances"] = {str(index): doc for index, doc in enumerate(grouped, 1)}
    return raw


# -- 3 -> 4 -------------------------------------------------------------------------------------


def _v3_to_v4(raw: RawDB) -> RawDB:
    """The interface language, null until set (the app follows LANG / LC_ALL)."""
    meta = meta_doc(raw)
    if meta is not None and isinstance(meta.get("settings"), dict):
        meta["settings"].setdefault("language", None)
    return raw


# MIGRATIONS[n] turns a version-n file into a version-(n + 1) file. It receives the whole raw
# TinyDB dict (tables -> doc id -> document) and returns it; it must not touch meta's version.
MIGRATIONS: dict[int, Callable[[RawDB], RawDB]] = {
    0: _v0_to_v1,
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
}
