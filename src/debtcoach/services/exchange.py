"""What the front ends need of the exchange format and of the store's errors, through the door.

The CLI and the screens never import the store: the JSON shapes of the scripting contract, the
errors a write can raise, what a backup is and the data file's location come from here.
"""

from debtcoach.store.errors import (
    CurrencyChangeRefused,
    DuplicateName,
    StorageCorrupt,
    StorageTooNew,
    StoreError,
    StoreInputError,
    UnknownName,
)
from debtcoach.store.exchange import (
    ExchangeError,
    checkin_to_json,
    contact_to_json,
    expense_to_json,
    family_to_json,
    household_from_json,
    income_to_json,
    json_text,
    loan_to_json,
    settings_to_json,
)
from debtcoach.store.paths import protected_path_problem, resolve_data_path
from debtcoach.store.repository import BackupInfo
from debtcoach.store.watch import WATCH_INTERVAL_SECONDS

__all__ = [
    "WATCH_INTERVAL_SECONDS",
    "BackupInfo",
    "CurrencyChangeRefused",
    "DuplicateName",
    "ExchangeError",
    "StorageCorrupt",
    "StorageTooNew",
    "StoreError",
    "StoreInputError",
    "UnknownName",
    "checkin_to_json",
    "contact_to_json",
    "expense_to_json",
    "family_to_json",
    "household_from_json",
    "income_to_json",
    "json_text",
    "loan_to_json",
    "protected_path_problem",
    "resolve_data_path",
    "settings_to_json",
]
