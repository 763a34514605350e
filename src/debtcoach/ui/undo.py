"""What `u` takes back: the deletes and saved edits made in the app, newest first, until it closes.

Each step knows how the Ledger reverses it, on the data as it is when `u` is pressed: a removed
row is added again (through the same rules as a new one), an edit's fields get their old values
while everything changed since by anyone else stays. A step that can no longer be taken back
(its row changed again in the same fields, its name is taken) is refused and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from msgspec import Struct

from debtcoach.domain.models import Contact, Expense, FamilyLoan, IncomeSource, Loan
from debtcoach.services import Ledger

HouseholdRow = Loan | IncomeSource | Expense | FamilyLoan
R = TypeVar("R", Loan, IncomeSource, Expense, FamilyLoan)


class UndoStep(Struct, frozen=True):
    """One change made in the app; `what` says it in the past tense ("removed the loan Visa")."""

    what: str
    revert: Callable[[Ledger], object]


def undo_edit(what: str, *, was: R, edited: R, saved: R) -> UndoStep:
    """An edit that turned `was` into `edited`, saved as `saved`."""
    return UndoStep(what, lambda ledger: ledger.revert_edit(saved, was=was, edited=edited))


def undo_removal(what: str, row: HouseholdRow, *, earmarked: Sequence[str] = ()) -> UndoStep:
    """A removed row (for a loan: with the incomes whose earmark its removal cleared)."""
    return UndoStep(what, lambda ledger: ledger.put_back(row, earmarked=tuple(earmarked)))


def undo_contact_edit(what: str, contact_id: int, *, was: Contact, saved: Contact) -> UndoStep:
    return UndoStep(what, lambda ledger: ledger.revert_contact(contact_id, was=was, saved=saved))


def undo_contact_removal(what: str, contact: Contact) -> UndoStep:
    return UndoStep(what, lambda ledger: ledger.add_contact(contact))
