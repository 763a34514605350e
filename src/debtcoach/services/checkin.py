"""Saving a weekly check-in: the one implementation the CLI and the screen share.

Everything happens in one repository transaction on fresh data: new loans (borrowed this week)
and contacts are added, the week's previous version is undone and the new one applied (pure, in
`domain.checkin`), and only the rows that changed are written. Any error (an unknown name, an
overpayment, a duplicate loan name) writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from msgspec.structs import replace

from debtcoach.domain.checkin import (
    CheckInSummary,
    apply_checkin,
    find_checkin,
    summarize,
    undo_checkin,
)
from debtcoach.domain.models import (
    BalanceEntry,
    BalanceHistory,
    CheckIn,
    Contact,
    Household,
    Loan,
)
from debtcoach.domain.payoff import PayoffPlan, PlanInputError
from debtcoach.domain.record_rules import (
    borrowed_loan_problems,
    contact_problems,
    raise_first,
    text_problems,
)
from debtcoach.guidance import coach_advice
from debtcoach.store.repository import Repository

if TYPE_CHECKING:
    from debtcoach.services import Ledger


def save_checkin(
    ledger: Ledger,
    checkin: CheckIn,
    *,
    new_loans: Sequence[Loan] = (),
    contacts: Sequence[Contact] = (),
) -> CheckInSummary:
    """Save the week (replacing its earlier version exactly) and summarise it."""
    repository = ledger.repository
    # Bad input (an unknown name, an overpayment) is refused before the write lock is taken,
    # so it creates nothing: not the data folder, not the lock file (checked again under it).
    _check_records(repository.load(), ledger.today, checkin, new_loans, contacts)
    _applied(repository.load(), checkin, new_loans, contacts)
    with repository.transaction():
        current = repository.load()
        corrected = find_checkin(current, checkin.week) is not None
        # Compare with the household as it was without this week (a correction's baseline too).
        before = undo_checkin(current, checkin.week)
        plan_before = _plan(ledger, before)
        for loan in new_loans:
            repository.add_loan(loan)
        for contact in contacts:
            repository.add_contact(contact)
        opened, after = _applied(current, checkin, new_loans, contacts)
        write_changes(repository, opened, after)
    plan_after = _plan(ledger, after)
    return summarize(
        before,
        after,
        checkin.week,
        ledger.today,
        plan_before,
        plan_after,
        advice=top_advice(after, ledger, plan_after),
        corrected=corrected,
        opened=[loan.name for loan in new_loans],
    )


def _check_records(
    household: Household,
    today: date,
    checkin: CheckIn,
    new_loans: Sequence[Loan],
    contacts: Sequence[Contact],
) -> None:
    """Every row the week writes follows the record rules (`RecordProblem`): free text without
    control characters or invalid UTF-8, a new loan complete enough to plan with, a contact about
    a loan that exists (a new one too) with dates in order."""
    raise_first(text_problems(checkin, (), ("note",)))
    for loan in new_loans:
        raise_first(borrowed_loan_problems(loan, today))
    with_new = replace(household, loans=household.loans + tuple(new_loans))
    for contact in contacts:
        raise_first(contact_problems(contact, today, with_new))


def _applied(
    current: Household, checkin: CheckIn, new_loans: Sequence[Loan], contacts: Sequence[Contact]
) -> tuple[Household, Household]:
    """The household with the new rows (opened), and after the check-in is applied."""
    opened = replace(
        current,
        loans=current.loans + tuple(new_loans),
        contacts=current.contacts + tuple(contacts),
    )
    after, _ = apply_checkin(opened, checkin)
    return opened, after


def write_changes(repository: Repository, before: Household, after: Household) -> None:
    """Write what differs between two versions of a household (same rows, changed values)."""
    old_loans = {loan.name: loan for loan in before.loans}
    for loan in after.loans:
        if old_loans.get(loan.name) != loan:
            repository.update_loan(loan.name, loan)
    old_family = {item.lender: item for item in before.family_loans}
    for item in after.family_loans:
        if old_family.get(item.lender) != item:
            repository.update_family_loan(item.lender, item)
    old_checkins = {c.week: c for c in before.checkins}
    new_weeks = {c.week for c in after.checkins}
    for checkin in after.checkins:
        if old_checkins.get(checkin.week) != checkin:
            repository.put_checkin(checkin)
    for week in old_checkins.keys() - new_weeks:
        repository.remove_checkin(week)
    old_history, new_history = _by_source(before.balances), _by_source(after.balances)
    changed = {
        source
        for source in old_history.keys() | new_history.keys()
        if old_history.get(source, []) != new_history.get(source, [])
    }
    if changed:
        # One swap for every changed week: a correction shifts all later weeks' points.
        repository.replace_balance_entries(changed, _of_sources(after.balances, changed))


def _by_source(entries: Sequence[BalanceEntry]) -> dict[str, list[object]]:
    """The history by source, as groups when it has them (comparing those builds no point)."""
    grouped: dict[str, list[object]] = {}
    if isinstance(entries, BalanceHistory):
        for group in entries.groups:
            grouped.setdefault(group.source, []).append(group)
        return grouped
    for entry in entries:
        grouped.setdefault(entry.source, []).append(entry)
    return grouped


def _of_sources(entries: Sequence[BalanceEntry], sources: set[str]) -> list[BalanceEntry]:
    if isinstance(entries, BalanceHistory):
        return [e for group in entries.groups if group.source in sources for e in group.entries()]
    return [entry for entry in entries if entry.source in sources]


def _plan(ledger: Ledger, household: Household) -> PayoffPlan | None:
    try:
        return ledger.plan(household, keep_schedule=False)
    except PlanInputError:
        return None


def top_advice(
    household: Household, ledger: Ledger, plan: PayoffPlan | None = None
) -> tuple[str, str] | None:
    """The coach's most severe advice (title, why), or None when nothing applies."""
    advice = coach_advice(household, ledger.today, plan=plan)
    if not advice:
        return None
    return advice[0].title, advice[0].why
