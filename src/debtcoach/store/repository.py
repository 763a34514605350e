"""The one typed API over the data file that the CLI, the services and the UI use.

Every method that changes something runs inside `transaction()`: the cross-process write lock,
one fresh read of the file, the change, one atomic write (or none if nothing changed or an
exception escaped; the previous file goes to the rotating backups first). Callers can open a
transaction themselves to make several changes all-or-nothing; the methods called inside it join
it. Methods that only read take no lock (the file is only ever replaced whole).

A file that cannot be read (corrupt, or from a newer debtcoach) raises an error that names the
newest backup that does load, and nothing is ever written over it; `restore()` puts a backup back.

Rows are identified by their name (loans, income, expenses), lender (family loans), ISO week
(check-ins) or TinyDB document id (contacts, which have no natural key; an id is never handed
out twice, see `_Session.insert_contacts`). A new name must differ from the others as
`name_key` compares them (not just in case or Unicode encoding), and a loan's from every family
lender's; a row is found by its exact stored name. Money is kept in the household's one
currency (`settings.currency`); everything loaded carries it.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, MutableMapping, Sequence
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar, cast

from msgspec import Struct
from msgspec.structs import replace
from tinydb import TinyDB
from tinydb.table import Document, Table

from debtcoach.domain.models import (
    BalanceEntry,
    BalanceGroup,
    BalanceHistory,
    CheckIn,
    Contact,
    Expense,
    FamilyLoan,
    Household,
    IncomeSource,
    Loan,
    Settings,
    name_key,
)
from debtcoach.domain.money import currency_digits
from debtcoach.domain.record_rules import stored_household_problems
from debtcoach.domain.text_rules import printable
from debtcoach.domain.wording import _
from debtcoach.store.backups import BackupSet
from debtcoach.store.errors import (
    BackupNotFound,
    BackupUnusable,
    CurrencyChangeRefused,
    DuplicateName,
    NameClash,
    NotABackup,
    StorageCorrupt,
    StorageIOError,
    StorageTooNew,
    StoreError,
    UnknownName,
)
from debtcoach.store.files import FileStamp, file_stamp
from debtcoach.store.migrations import LAST_CONTACT_ID, META_TABLE, RawDB, meta_doc
from debtcoach.store.records import (
    BALANCES,
    CHECKINS,
    CONTACTS,
    EXPENSES,
    FAMILY_LOANS,
    INCOME,
    KEY_FIELDS,
    LOANS,
    Model,
    Record,
    RecordError,
    balances_to_records,
    from_record,
    settings_from_record,
    settings_to_record,
    to_record,
)
from debtcoach.store.storage import AtomicJSONStorage, holds_no_data, parse_data, parse_raw

M = TypeVar("M", bound=Model)

# Tables whose rows hold money: a currency change that rescales amounts must not touch them.
_MONEY_TABLES = (LOANS, INCOME, EXPENSES, FAMILY_LOANS, CHECKINS, BALANCES)
_MODEL_TYPES: dict[str, type[Model]] = {
    LOANS: Loan,
    INCOME: IncomeSource,
    EXPENSES: Expense,
    FAMILY_LOANS: FamilyLoan,
    CONTACTS: Contact,
    CHECKINS: CheckIn,
    BALANCES: BalanceGroup,
}
_DATA_TABLES = tuple(_MODEL_TYPES)


class _Session:
    """The tables of one transaction, over the storage's in-memory snapshot.

    Fresh TinyDB `Table` objects per transaction: a long-lived table caches query results and
    its next document id, which would be stale once another process has written the file.
    """

    def __init__(self, storage: AtomicJSONStorage, path: Path) -> None:
        self._storage = storage
        self._path = path
        self._tables: dict[str, Table] = {}

    def table(self, name: str) -> Table:
        if name not in self._tables:
            self._tables[name] = Table(self._storage, name)
        return self._tables[name]

    # -- meta and settings ------------------------------------------------------------------

    def meta(self) -> Document | None:
        docs = self.table(META_TABLE).all()
        return min(docs, key=lambda doc: doc.doc_id) if docs else None

    def settings(self) -> Settings:
        meta = self.meta()
        try:
            return settings_from_record(meta)
        except RecordError as exc:
            raise StorageCorrupt(self._path, f"{META_TABLE}: {exc}") from None

    def currency(self) -> str:
        return self.settings().currency

    def write_meta(self, fields: Record) -> None:
        meta = self.meta()
        table = self.table(META_TABLE)
        if meta is None:
            table.insert(Document(fields, doc_id=1))
        else:
            table.update(fields, doc_ids=[meta.doc_id])

    def complete_meta(self) -> None:
        """Give a new file its settings in meta, so the currency of its amounts is written down."""
        meta = self.meta()
        if meta is None or "currency" not in meta:
            self.write_meta(settings_to_record(self.settings()))

    def check_all(self) -> None:
        """Refuse to write what could not be loaded back (old damage or a bug of ours)."""
        self.settings()
        for table, model_type in _MODEL_TYPES.items():
            self.models(table, model_type)

    def check_changed(self, original: RawDB) -> None:
        """`check_all` for a batch that started from a file known to load completely
        (`original`, as parsed): only the documents added or changed since are rebuilt, so a
        save costs the same whether the history holds ten weeks or ten years.
        """
        currency = self.currency()
        if _without_counters(meta_doc(original)) != _without_counters(self.meta()):
            self.check_all()  # new settings (currency) could change how every amount reads
            return
        for table, model_type in _MODEL_TYPES.items():
            before = original.get(table) or {}
            for doc_id, doc in self.documents(table):
                if before.get(str(doc_id)) != doc:
                    self.model(table, model_type, doc_id, doc, currency)

    # -- rows -------------------------------------------------------------------------------

    def model(
        self,
        table: str,
        model_type: type[M],
        doc_id: int,
        doc: Mapping[str, Any],
        currency: str | None = None,
    ) -> M:
        try:
            return from_record(model_type, doc, currency or self.currency())
        except RecordError as exc:
            raise StorageCorrupt(self._path, f"{table} document {doc_id}: {exc}") from None

    def models(self, table: str, model_type: type[M]) -> tuple[M, ...]:
        currency = self.currency()
        return tuple(
            self.model(table, model_type, doc_id, doc, currency)
            for doc_id, doc in self.documents(table)
        )

    def documents(self, table: str) -> list[tuple[int, Mapping[str, Any]]]:
        """A table's documents with their ids, in id order (the order they were added, whatever
        a hand edit did), as the batch holds them: no TinyDB `Document` copy of each."""
        docs = (self._storage.read() or {}).get(table) or {}
        return sorted(((int(key), doc) for key, doc in docs.items()), key=itemgetter(0))

    def find(self, table: str, key: str) -> Document | None:
        field = KEY_FIELDS[table]
        return next((doc for doc in self.table(table) if doc.get(field) == key), None)

    def require(self, table: str, key: str) -> Document:
        doc = self.find(table, key)
        if doc is None:
            raise UnknownName(table, key)
        return doc

    def add(self, table: str, key: str, record: Record) -> int:
        refuse_taken(table, key, self.keys_in)
        return self.table(table).insert(record)

    def replace(self, table: str, old_key: str, new_key: str, record: Record) -> None:
        doc = self.require(table, old_key)
        if new_key != old_key:
            own = doc.doc_id

            def others(name: str) -> dict[str, str]:
                return self.keys_in(name, but=own if name == table else None)

            refuse_taken(table, new_key, others)
        self.overwrite(table, doc.doc_id, record)

    def keys_in(self, table: str, *, but: int | None = None) -> dict[str, str]:
        """The identifying names of a table's rows by `row_key`, leaving out document `but`."""
        field = KEY_FIELDS[table]
        return {
            row_key(table, doc[field]): doc[field]
            for doc in self.table(table)
            if doc.doc_id != but and isinstance(doc.get(field), str)
        }

    def overwrite(self, table: str, doc_id: int, record: Record) -> None:
        """Replace a document whole (same id, same place), so no old field lingers."""

        def put(doc: MutableMapping[Any, Any]) -> None:
            doc.clear()
            doc.update(record)

        self.table(table).update(put, doc_ids=[doc_id])

    def remove(self, table: str, key: str) -> None:
        doc = self.require(table, key)
        self.table(table).remove(doc_ids=[doc.doc_id])

    def edit_each(self, table: str, change: Callable[[Record], Record | None]) -> None:
        """Rewrite the documents for which `change` returns a new version."""
        for doc in self.table(table).all():
            new = change(dict(doc))
            if new is not None:
                self.overwrite(table, doc.doc_id, new)

    # -- contact ids ------------------------------------------------------------------------

    def last_contact_id(self) -> int:
        """The highest contact id ever handed out (meta's record, or a higher id in the table
        of a hand-made file)."""
        meta = self.meta()
        recorded = 0 if meta is None else meta.get(LAST_CONTACT_ID, 0)
        if isinstance(recorded, bool) or not isinstance(recorded, int) or recorded < 0:
            detail = _("{table}: field {field!r} must be a whole number from 0 up").format(
                table=META_TABLE, field=LAST_CONTACT_ID
            )
            raise StorageCorrupt(self._path, detail)
        in_use = max((doc.doc_id for doc in self.table(CONTACTS).all()), default=0)
        return max(recorded, in_use)

    def insert_contacts(self, records: Sequence[Record]) -> list[int]:
        """Add contacts with ids above every id handed out before, so a stale id (a script's,
        or a list printed yesterday) can never name another conversation."""
        if not records:
            return []
        last = self.last_contact_id()
        docs = [Document(record, doc_id=last + n) for n, record in enumerate(records, 1)]
        ids = self.table(CONTACTS).insert_multiple(docs)
        self.write_meta({LAST_CONTACT_ID: last + len(docs)})
        return ids

    def has_amounts(self) -> bool:
        meta = self.meta()
        inner = meta.get("settings") if meta is not None else None
        if isinstance(inner, dict) and inner.get("safety_buffer"):
            return True
        return any(len(self.table(name)) for name in _MONEY_TABLES)


# Tables whose names must differ from each other's: a check-in's `paid` names a loan or a family
# lender, so those two share one set of names.
_SHARED_NAMES: dict[str, tuple[str, ...]] = {
    LOANS: (LOANS, FAMILY_LOANS),
    FAMILY_LOANS: (FAMILY_LOANS, LOANS),
    INCOME: (INCOME,),
    EXPENSES: (EXPENSES,),
}


def row_key(table: str, key: str) -> str:
    """How a row's identifier is compared: names as `name_key` does, weeks exactly."""
    return name_key(key) if table in _SHARED_NAMES else key


def refuse_taken(table: str, key: str, keys_in: Callable[[str], Mapping[str, str]]) -> None:
    """Refuse `key` for a row of `table` if a row it must differ from already has it;
    `keys_in(t)` gives the names in table `t` by `row_key`."""
    wanted = row_key(table, key)
    for other in _SHARED_NAMES.get(table, (table,)):
        existing = keys_in(other).get(wanted)
        if existing is None:
            continue
        if other == table:
            raise DuplicateName(table, key, existing)
        raise NameClash(table, key, other, existing)


def _without_counters(meta: Record | None) -> Record:
    """Meta without the id counter, which changes with every contact and says nothing about
    how amounts read."""
    return {key: value for key, value in (meta or {}).items() if key != LAST_CONTACT_ID}


def _rename_key(amounts: Any, old: str, new: str) -> dict[str, Any] | None:
    """`amounts` with key `old` renamed in place of order; None if there is nothing to rename.

    If `new` is already there (history of a removed row of that name) the entry is left alone
    rather than merged into someone else's history.
    """
    if not isinstance(amounts, dict) or old not in amounts or new in amounts:
        return None
    return {(new if name == old else name): value for name, value in amounts.items()}


class BackupInfo(Struct, frozen=True):
    """One backup as `backup list` shows it; `problem` is why it does not load (None: it does);
    `dated_in_future`: its time is after now (the clock was wrong), so it is listed last."""

    path: Path
    taken_at: datetime
    size: int
    problem: str | None
    dated_in_future: bool = False

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def loads(self) -> bool:
        return self.problem is None


class RestoreResult(Struct, frozen=True):
    """What `restore` did: the backup put back, and where the replaced file was saved."""

    restored_from: Path
    previous_saved_as: Path | None


def refuse_broken_rules(household: Household, path: Path) -> None:
    """A file is read through the same record rules as input: one that breaks them (a negative
    balance, an APR of 1e9, a due day 99, two loans called `Visa` and `visa`) is damaged, and
    is named as such with the newest good backup, before any screen or plan sees it."""
    problems = stored_household_problems(household)
    if problems:
        more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
        raise StorageCorrupt(path, f"{printable(str(problems[0]))}{more}")


def load_problem(path: Path) -> str | None:
    """Why the data file at `path` does not load completely, or None if it does."""
    try:
        Repository(path, backups=False).load()
    except StoreError as exc:
        return str(exc)
    return None


_TABLES = frozenset(
    {META_TABLE, LOANS, INCOME, EXPENSES, FAMILY_LOANS, CONTACTS, CHECKINS, BALANCES}
)


def _holds_data(path: Path) -> bool:
    """Whether a data file that loads holds any document (an empty one is nothing to restore)."""
    try:
        return not holds_no_data(parse_raw(path, path.read_bytes()))
    except (OSError, StoreError):
        return False


def _looks_like_data(path: Path) -> bool:
    """Whether `path` holds a JSON object with debtcoach's tables (loading it may still fail).

    Unreadable files count as data here, so their problem is reported as what it is.
    """
    try:
        data = json.loads(path.read_bytes())
    except OSError:
        return True
    except (ValueError, RecursionError):
        return False
    return isinstance(data, dict) and bool(_TABLES & data.keys())


class Repository:
    """Typed reads and writes of one household's data file."""

    def __init__(
        self,
        path: Path | str,
        *,
        backups: bool = True,
        lock_timeout: float | None = None,
        keep_parsed: bool = True,
    ) -> None:
        """Nothing is read or created until the first operation; a missing file is empty.

        `backups=False` is for opening a backup itself (no backups of backups, and no looking
        for a good backup when it does not load). `keep_parsed=False` is for a long session:
        the file's raw data is not kept beside the household between a read and a save.
        """
        self.path = Path(path)
        self._backups_enabled = backups
        self._db = TinyDB(
            self.path,
            storage=AtomicJSONStorage,
            backups=backups,
            lock_timeout=lock_timeout,
            good_backup=self.newest_good_backup if backups else None,
            keep_parsed=keep_parsed,
        )
        self._storage = cast(AtomicJSONStorage, self._db.storage)
        self._mutex = threading.RLock()
        self._session: _Session | None = None
        # The last household loaded whole, with the exact bytes it came from: the same bytes
        # need neither rebuilding (`load`) nor re-checking beyond what a write changed.
        self._verified: tuple[bytes, Household] | None = None

    def __repr__(self) -> str:
        return f"Repository({str(self.path)!r})"

    # -- transactions -----------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Batch several changes into one read and one write; nothing is written on an error.

        Methods called inside join this transaction. Re-entrant; other threads wait for it.
        """
        with self._open():
            yield

    @contextlib.contextmanager
    def _open(self, *, write: bool = True) -> Iterator[_Session]:
        """A session on the file: with `write`, under the write lock on a fresh read."""
        with self._mutex:
            if self._session is not None:
                if write and not self._storage.in_write_batch:
                    raise RuntimeError("a change inside a read-only session")
                yield self._session
                return
            try:
                with self._storage.batch(write=write):
                    self._session = session = _Session(self._storage, self.path)
                    try:
                        if write:
                            # A change is only made to a file that reads: one breaking a
                            # record rule is refused before anything (a backup included)
                            # is written. Unchanged bytes were checked by their last load.
                            self.load()
                        yield session
                        if self._storage.has_pending_write:
                            session.complete_meta()
                            original = self._verified_start()
                            if original is None:
                                session.check_all()
                            else:
                                session.check_changed(original)
                    finally:
                        self._session = None
            except StorageCorrupt as exc:
                if exc.backup is not None or not self._backups_enabled or exc.path != self.path:
                    raise
                raise StorageCorrupt(exc.path, exc.detail, self.newest_good_backup()) from None
            except StorageTooNew as exc:
                if exc.backup is not None or not self._backups_enabled or exc.path != self.path:
                    raise
                backup = self.newest_good_backup()
                raise StorageTooNew(exc.path, exc.found, exc.known, backup) from None

    def _verified_start(self) -> RawDB | None:
        """The data this batch started from, if those exact bytes are known to load whole."""
        start = self._storage.file_bytes
        if start is None or self._verified is None or self._verified[0] != start:
            return None
        return parse_data(self.path, start)

    # -- the file itself: change detection, backups, restore --------------------------------

    def file_stamp(self) -> FileStamp | None:
        """(inode, size, mtime) of the file now; every write changes it (None: no file)."""
        return file_stamp(self.path)

    @property
    def last_write_stamp(self) -> FileStamp | None:
        """The file's stamp right after this repository's own last write."""
        return self._storage.last_write_stamp

    def backups(self) -> tuple[BackupInfo, ...]:
        """The rotating backups of this file, newest first, each checked to load."""
        return tuple(
            BackupInfo(
                item.path, item.taken_at, item.size, load_problem(item.path), item.dated_in_future
            )
            for item in BackupSet(self.path).all()
        )

    def newest_good_backup(self) -> Path | None:
        """The newest backup that loads completely and holds data, if any."""
        for item in BackupSet(self.path).all():
            if load_problem(item.path) is None and _holds_data(item.path):
                return item.path
        return None

    def restore(self, backup: str | Path) -> RestoreResult:
        """Put a backup (a name in `backups/` or a path) back as the data file.

        The backup must load completely first; the current file (even a corrupt one) is saved as
        a new backup before it is replaced; the replacement is atomic and under the write lock.
        """
        backups = BackupSet(self.path)
        source = backups.find(str(backup))
        if source is None:
            raise BackupNotFound(str(backup), backups.folder)
        if source.resolve() == self.path.resolve():
            raise BackupUnusable(source, _("it is the data file itself"))
        if source.resolve().parent != backups.folder.resolve() and not _looks_like_data(source):
            raise NotABackup(source)
        problem = load_problem(source)
        if problem is not None:
            raise BackupUnusable(source, problem)
        try:
            payload = source.read_bytes()
        except OSError as exc:
            raise StorageIOError(source, "read", exc.strerror or str(exc)) from None
        with self._mutex:
            if self._session is not None:
                raise RuntimeError("restore inside a transaction")
            saved = self._storage.replace_bytes(payload, protect={source})
        return RestoreResult(source, saved)

    # -- whole household --------------------------------------------------------------------

    def load(self) -> Household:
        """Everything in one read. Check-ins come sorted by week, other rows in entry order."""
        unchanged = self._unchanged_household()
        if unchanged is not None:
            return unchanged
        with self._open(write=False) as s:
            # Unchanged bytes (a script reading twice, a save re-reading what it just loaded)
            # give the same household: it is immutable, so it is shared, not rebuilt.
            start = None if self._storage.has_pending_write else self._storage.file_bytes
            if start is not None and self._verified is not None and self._verified[0] == start:
                return self._verified[1]
            checkins = sorted(s.models(CHECKINS, CheckIn), key=lambda item: item.week)
            household = Household(
                settings=s.settings(),
                loans=s.models(LOANS, Loan),
                income=s.models(INCOME, IncomeSource),
                expenses=s.models(EXPENSES, Expense),
                family_loans=s.models(FAMILY_LOANS, FamilyLoan),
                contacts=s.models(CONTACTS, Contact),
                checkins=tuple(checkins),
                balances=BalanceHistory(s.models(BALANCES, BalanceGroup)),
            )
            refuse_broken_rules(household, self.path)
            if start is not None:
                self._verified = (start, household)
            return household

    def _unchanged_household(self) -> Household | None:
        """The household last loaded whole, if the file still holds exactly those bytes (its
        stamp unchanged since): asking again needs no read and no parse."""
        with self._mutex:
            known = self._verified
            if self._session is None and known and self._storage.unchanged_bytes() == known[0]:
                return known[1]
        return None

    def replace_all(self, household: Household) -> None:
        """Make the file hold exactly `household` (import), in one write or not at all.

        The household is checked first (unique names, one currency), so a bad import changes
        nothing. The file's created_at is kept.
        """
        currency = household.settings.currency
        rows: dict[str, list[Record]] = {
            LOANS: [to_record(item, currency) for item in household.loans],
            INCOME: [to_record(item, currency) for item in household.income],
            EXPENSES: [to_record(item, currency) for item in household.expenses],
            FAMILY_LOANS: [to_record(item, currency) for item in household.family_loans],
            CONTACTS: [to_record(item, currency) for item in household.contacts],
            CHECKINS: [to_record(item, currency) for item in household.checkins],
            BALANCES: balances_to_records(household.balances, currency),
        }
        accepted: dict[str, dict[str, str]] = {table: {} for table in KEY_FIELDS}
        for table, field in KEY_FIELDS.items():
            for record in rows[table]:
                refuse_taken(table, record[field], accepted.__getitem__)
                accepted[table][row_key(table, record[field])] = record[field]
        meta_fields = settings_to_record(household.settings)
        with self._open() as s:
            last_contact_id = s.last_contact_id()
            for table in _DATA_TABLES:
                s.table(table).truncate()
                if table != CONTACTS:
                    s.table(table).insert_multiple(rows[table])
            # Imported contacts get new ids: the replaced ones may still be named by a script.
            s.write_meta({**meta_fields, LAST_CONTACT_ID: last_contact_id})
            s.insert_contacts(rows[CONTACTS])

    # -- settings ---------------------------------------------------------------------------

    def settings(self) -> Settings:
        unchanged = self._unchanged_household()
        if unchanged is not None:
            return unchanged.settings
        with self._open(write=False) as s:
            return s.settings()

    def save_settings(self, settings: Settings) -> None:
        """Store the settings. A currency with other decimals is refused once amounts exist,
        because amounts are minor units: USD 12.34 would silently become JPY 1234.
        """
        fields = settings_to_record(settings)
        with self._open() as s:
            old = s.currency()
            new = settings.currency
            if new != old and s.has_amounts():
                old_digits, new_digits = currency_digits(old), currency_digits(new)
                if old_digits != new_digits:
                    raise CurrencyChangeRefused(old, new, old_digits, new_digits)
            s.write_meta(fields)

    # -- loans ------------------------------------------------------------------------------

    def add_loan(self, loan: Loan) -> None:
        with self._open() as s:
            s.add(LOANS, loan.name, to_record(loan, s.currency()))

    def update_loan(self, name: str, loan: Loan) -> None:
        """Replace the loan called `name`; a new name is carried into its contacts, balance
        history, check-in payments and the custom payoff order, so history follows the loan.
        """
        with self._open() as s:
            s.replace(LOANS, name, loan.name, to_record(loan, s.currency()))
            if loan.name != name:
                self._rename_loan_references(s, name, loan.name)

    def remove_loan(self, name: str) -> None:
        """Remove the loan; its contacts and balance history stay, as the record of what was."""
        with self._open() as s:
            s.remove(LOANS, name)

    def _rename_loan_references(self, s: _Session, old: str, new: str) -> None:
        def contact(doc: Record) -> Record | None:
            return {**doc, "loan": new} if doc.get("loan") == old else None

        s.edit_each(CONTACTS, contact)
        self._rename_history(s, "loans", old, new)
        self._rename_checkin_key(s, "paid", old, new)
        settings = s.settings()
        if old in settings.custom_order and new not in settings.custom_order:
            order = tuple(new if item == old else item for item in settings.custom_order)
            s.write_meta(settings_to_record(replace(settings, custom_order=order)))

    @staticmethod
    def _rename_history(s: _Session, side: str, old: str, new: str) -> None:
        """Carry a new name into the balance history of loans or of family lenders (`side`)."""

        def change(doc: Record) -> Record | None:
            renamed = _rename_key(doc.get(side), old, new)
            return None if renamed is None else {**doc, side: renamed}

        s.edit_each(BALANCES, change)

    @staticmethod
    def _rename_checkin_key(s: _Session, field: str, old: str, new: str) -> None:
        def change(doc: Record) -> Record | None:
            renamed = _rename_key(doc.get(field), old, new)
            return None if renamed is None else {**doc, field: renamed}

        s.edit_each(CHECKINS, change)

    # -- income -----------------------------------------------------------------------------

    def add_income(self, source: IncomeSource) -> None:
        with self._open() as s:
            s.add(INCOME, source.name, to_record(source, s.currency()))

    def update_income(self, name: str, source: IncomeSource) -> None:
        """Replace the source called `name`; a new name follows into check-in receipts."""
        with self._open() as s:
            s.replace(INCOME, name, source.name, to_record(source, s.currency()))
            if source.name != name:
                self._rename_checkin_key(s, "received", name, source.name)

    def remove_income(self, name: str) -> None:
        with self._open() as s:
            s.remove(INCOME, name)

    # -- expenses ---------------------------------------------------------------------------

    def add_expense(self, expense: Expense) -> None:
        with self._open() as s:
            s.add(EXPENSES, expense.name, to_record(expense, s.currency()))

    def update_expense(self, name: str, expense: Expense) -> None:
        """Replace the expense called `name`; a new name follows into check-in spending."""
        with self._open() as s:
            s.replace(EXPENSES, name, expense.name, to_record(expense, s.currency()))
            if expense.name != name:
                self._rename_checkin_key(s, "spent", name, expense.name)

    def remove_expense(self, name: str) -> None:
        with self._open() as s:
            s.remove(EXPENSES, name)

    # -- family loans -----------------------------------------------------------------------

    def add_family_loan(self, loan: FamilyLoan) -> None:
        with self._open() as s:
            s.add(FAMILY_LOANS, loan.lender, to_record(loan, s.currency()))

    def update_family_loan(self, lender: str, loan: FamilyLoan) -> None:
        """Replace the loan from `lender`; a new lender name follows into balance history and
        check-in payments.
        """
        with self._open() as s:
            s.replace(FAMILY_LOANS, lender, loan.lender, to_record(loan, s.currency()))
            if loan.lender != lender:
                self._rename_history(s, "family", lender, loan.lender)
                self._rename_checkin_key(s, "paid", lender, loan.lender)

    def remove_family_loan(self, lender: str) -> None:
        with self._open() as s:
            s.remove(FAMILY_LOANS, lender)

    # -- contacts ---------------------------------------------------------------------------

    def add_contact(self, contact: Contact) -> int:
        """Log a conversation with a lender; returns its id. The loan must exist."""
        with self._open() as s:
            s.require(LOANS, contact.loan)
            (contact_id,) = s.insert_contacts([to_record(contact, s.currency())])
            return contact_id

    def update_contact(self, contact_id: int, contact: Contact) -> None:
        with self._open() as s:
            self._require_contact(s, contact_id)
            s.overwrite(CONTACTS, contact_id, to_record(contact, s.currency()))

    def remove_contact(self, contact_id: int) -> None:
        """Remove by id (see `contacts_with_ids`); ids stay stable when others are removed, and
        the removed id is never handed out again."""
        with self._open() as s:
            self._require_contact(s, contact_id)
            s.write_meta({LAST_CONTACT_ID: s.last_contact_id()})
            s.table(CONTACTS).remove(doc_ids=[contact_id])

    def contacts_with_ids(self) -> tuple[tuple[int, Contact], ...]:
        """Every contact with the id that `update_contact`/`remove_contact` take, oldest first."""
        with self._open(write=False) as s:
            return tuple(
                (doc_id, s.model(CONTACTS, Contact, doc_id, doc))
                for doc_id, doc in s.documents(CONTACTS)
            )

    def contacts_for(self, loan_name: str) -> tuple[Contact, ...]:
        """The negotiation log of one loan (also of a removed one), in the order logged."""
        return tuple(item for _, item in self.contacts_with_ids() if item.loan == loan_name)

    @staticmethod
    def _require_contact(s: _Session, contact_id: int) -> None:
        if not s.table(CONTACTS).contains(doc_id=contact_id):
            raise UnknownName(CONTACTS, str(contact_id))

    # -- check-ins --------------------------------------------------------------------------

    def put_checkin(self, checkin: CheckIn) -> CheckIn | None:
        """Store the week's check-in, replacing one for the same week; returns the replaced one
        so a correction can reverse exactly what the old version applied.
        """
        with self._open() as s:
            record = to_record(checkin, s.currency())
            doc = s.find(CHECKINS, checkin.week)
            if doc is None:
                s.table(CHECKINS).insert(record)
                return None
            previous = s.model(CHECKINS, CheckIn, doc.doc_id, doc)
            s.overwrite(CHECKINS, doc.doc_id, record)
            return previous

    def checkin(self, week: str) -> CheckIn | None:
        with self._open(write=False) as s:
            doc = s.find(CHECKINS, week)
            return None if doc is None else s.model(CHECKINS, CheckIn, doc.doc_id, doc)

    def remove_checkin(self, week: str) -> None:
        with self._open() as s:
            s.remove(CHECKINS, week)

    # -- balance history --------------------------------------------------------------------

    def add_balance_entry(self, entry: BalanceEntry) -> None:
        self.add_balance_entries((entry,))

    def add_balance_entries(self, entries: Sequence[BalanceEntry]) -> None:
        """Add history points in one insert (TinyDB re-keys the whole table per insert call)."""
        if not entries:
            return
        with self._open() as s:
            currency = s.currency()
            s.table(BALANCES).insert_multiple(balances_to_records(entries, currency))

    def remove_balance_entries(self, source: str) -> int:
        """Drop the history points one source wrote (a corrected week); returns how many."""
        return self.replace_balance_entries({source}, ())

    def replace_balance_entries(
        self, sources: Collection[str], entries: Sequence[BalanceEntry]
    ) -> int:
        """Swap every history point of `sources` for `entries`; returns how many were dropped.

        One pass over the table and at most two table writes, however many sources change: a
        correction of an old week rewrites every later week's points, and TinyDB re-keys the
        whole table on each write, so one write per week would make a correction quadratic.
        """
        wanted = set(sources)
        with self._open() as s:
            table = s.table(BALANCES)
            docs = [doc for doc in table.all() if doc.get("source", "") in wanted]
            if docs:
                table.remove(doc_ids=[doc.doc_id for doc in docs])
            if entries:
                table.insert_multiple(balances_to_records(entries, s.currency()))
            return sum(len(doc.get("loans") or {}) + len(doc.get("family") or {}) for doc in docs)
