"""Storage: the data file (atomic, locked, backed up, versioned) and the typed repository over it.

The CLI and UI use `Repository`; the rest is exported for tests, tools and error handling.
"""

from debtcoach.store.errors import (
    BackupNotFound,
    BackupUnusable,
    CurrencyChangeRefused,
    CurrencyMismatch,
    DuplicateName,
    NameClash,
    NotARegularFile,
    StorageCorrupt,
    StorageIOError,
    StorageTooNew,
    StoreError,
    StoreInputError,
    StoreLocked,
    UnknownName,
)
from debtcoach.store.migrations import MIGRATIONS, SCHEMA_VERSION, migrate
from debtcoach.store.paths import DB_ENV_VAR, default_data_path, resolve_data_path
from debtcoach.store.records import RecordError, from_record, to_record
from debtcoach.store.repository import BackupInfo, Repository, RestoreResult
from debtcoach.store.storage import AtomicJSONStorage

__all__ = [
    "DB_ENV_VAR",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AtomicJSONStorage",
    "BackupInfo",
    "BackupNotFound",
    "BackupUnusable",
    "CurrencyChangeRefused",
    "CurrencyMismatch",
    "DuplicateName",
    "NameClash",
    "NotARegularFile",
    "RecordError",
    "Repository",
    "RestoreResult",
    "StorageCorrupt",
    "StorageIOError",
    "StorageTooNew",
    "StoreError",
    "StoreInputError",
    "StoreLocked",
    "UnknownName",
    "default_data_path",
    "from_record",
    "migrate",
    "resolve_data_path",
    "to_record",
]
