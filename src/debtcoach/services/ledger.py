"""The Ledger: every read, write and plan the CLI and the screens ask for.

It joins the store (what is saved) with the domain (what it means): each write is checked with
the domain's record rules inside one transaction on fresh data, and the household's plan and
advice are computed once per state of the data, so a screen and a script always show the same
plan for the same data, computed by the same code.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from msgspec import Struct
from msgspec.structs import replace

from debtcoach.domain.budget import BudgetBreakdown, budget_breakdown
from debtcoach.domain.coach import Advice, evaluate, on_track_message
from debtcoach.domain.household_plan import (
    PlanRequest,
    household_plan,
    minimum_only,
    plan_variants,
    saved_plan,
)
from debtcoach.domain.models import (
    CheckIn,
    Contact,
    Expense,
    FamilyLoan,
    FamilyRepayment,
    Household,
    IncomeSource,
    Loan,
    ProposalState,
    RestructureMode,
    Settings,
    Strategy,
    removal_entry,
)
from debtcoach.domain.money import Money
from debtcoach.domain.payoff import MinimumOnlyPlan, PayoffPlan
from debtcoach.domain.plan_facts import owed_history
from debtcoach.domain.record_rules import (
    contact_problems,
    expense_problems,
    family_loan_problems,
    household_problems,
    income_problems,
    loan_problems,
    merge_edit,
    raise_first,
    repayment_problems,
    reverted_edit,
)
from debtcoach.domain.restructure import RestructureQuote, apply_proposal_state, quote_restructure
from debtcoach.domain.whatif import Move, WhatIf, what_if
from debtcoach.domain.wording import _
from debtcoach.guidance import RULES_BY_ID
from debtcoach.store.errors import StoreInputError, UnknownName
from debtcoach.store.exchange import household_to_csv, household_to_json
from debtcoach.store.files import FileStamp, atomic_write_bytes
from debtcoach.store.paths import protected_path_problem
from debtcoach.store.repository import BackupInfo, Repository, RestoreResult
from debtcoach.store.watch import FileWatch

if TYPE_CHECKING:
    # The letter and the lender's case are loaded when one is asked for, not on every start.
    from debtcoach.domain.lender_case import LenderCase
    from debtcoach.domain.proposal import LetterOptions

T = TypeVar("T")
R = TypeVar("R", Loan, IncomeSource, Expense, FamilyLoan)


class ProtectedOutput(StoreInputError):
    """An export or letter aimed at the data file or something that belongs to it."""

    def __init__(self, path: Path, action: str, problem: str) -> None:
        self.path = path
        super().__init__(
            _("will not {action} {path}: {problem}; nothing was written").format(
                action=_(action), path=path, problem=problem
            )
        )


class RowChanged(StoreInputError):
    """A form's row was changed elsewhere in a field the form changed too."""

    def __init__(self, table: str, key: str, fields: Sequence[str]) -> None:
        self.table, self.key, self.fields = table, key, tuple(fields)
        names = ", ".join(fields)
        super().__init__(
            _(
                "{key!r} changed since you opened it ({names}); nothing was saved — "
                "close the form and open it again to see the new values"
            ).format(key=key, names=names)
        )


class HouseholdState(Struct, frozen=True):
    """One state of the data and everything the screens show of it, computed once."""

    household: Household
    budget: BudgetBreakdown
    plan: PayoffPlan
    advice: tuple[Advice, ...]
    on_track: str
    plan_fallback: str | None = None


class Ledger:
    """A household's data file plus the injectable "today" every calculation uses."""

    def __init__(
        self,
        path: Path,
        today: date,
        new_file_settings: Settings | None = None,
        on_settings: Callable[[Settings], None] | None = None,
        *,
        session: bool = False,
    ) -> None:
        """`new_file_settings`: what a file that does not exist yet starts with (the shell's
        language, locale and currency: `settings_for_environment`), written with the first
        change. `on_settings` is told the settings on every read (the CLI speaks the file's
        language from its first read). `session`: a long session (the app) keeps the
        household it read, not the file's raw data too (a command keeps both, to save
        right after it read without parsing the file again)."""
        self.path = path
        self.today = today
        self.new_file_settings = new_file_settings
        self.on_settings = on_settings
        self.repository = Repository(path, keep_parsed=not session)
        self._state: HouseholdState | None = None
        self._full_plan: tuple[HouseholdState, PayoffPlan] | None = None

    # -- reading ------------------------------------------------------------------------------

    def household(self) -> Household:
        household = self.repository.load()
        if self.new_file_settings is not None and self.is_new_file():
            household = replace(household, settings=self.new_file_settings)
        self._tell_settings(household.settings)
        return household

    def settings(self) -> Settings:
        if self.new_file_settings is not None and self.is_new_file():
            settings = self.new_file_settings
        else:
            settings = self.repository.settings()
        self._tell_settings(settings)
        return settings

    def _tell_settings(self, settings: Settings) -> None:
        if self.on_settings is not None:
            self.on_settings(settings)

    def currency(self) -> str:
        return self.settings().currency

    def is_new_file(self) -> bool:
        """Whether the data file does not exist yet (the app then offers its first-run step)."""
        return self.repository.file_stamp() is None

    def _starts_new_file(self) -> bool:
        return self.new_file_settings is not None and self.is_new_file()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Several writes in one read and one write, all or nothing, under the write lock.

        A file that does not exist yet is written with `new_file_settings` in the same write.
        """
        starting = self._starts_new_file()
        with self.repository.transaction():
            if starting and self.new_file_settings is not None:
                self.repository.save_settings(self.new_file_settings)
            yield

    def state(self, household: Household | None = None) -> HouseholdState:
        """The plan (one simulation) and the advice for the data as it is now.

        The repository hands back the same household for unchanged bytes, so asking again
        without a change costs no simulation.
        """
        household = household or self.household()
        if self._state is not None and self._state.household is household:
            return self._state
        budget = budget_breakdown(household, self.today)
        # Of the months, what the screens show without a chart: next month's. The chart and
        # what-if's chart ask for the rest (`full_plan`).
        chosen = saved_plan(household, self.today, schedule_months=1)
        advice = evaluate(household, self.today, RULES_BY_ID, plan=chosen.plan)
        on_track = on_track_message(household, self.today, plan=chosen.plan, quiet=not advice)
        self._state = HouseholdState(
            household, budget, chosen.plan, advice, on_track, chosen.fallback_reason
        )
        return self._state

    def budget(self, household: Household | None = None) -> BudgetBreakdown:
        return budget_breakdown(household or self.household(), self.today)

    def plan(
        self,
        household: Household | None = None,
        *,
        strategy: Strategy | None = None,
        order: Sequence[str] | None = None,
        budget: Money | None = None,
        keep_schedule: bool = True,
    ) -> PayoffPlan:
        """The payoff plan under the saved settings unless told otherwise (strict)."""
        request = PlanRequest(strategy, None if order is None else tuple(order), budget)
        household = household or self.household()
        return household_plan(household, self.today, request, keep_schedule=keep_schedule)

    def minimum_only(self, household: Household | None = None) -> MinimumOnlyPlan:
        """The minimum-only baseline: what happens if nothing changes."""
        return minimum_only(household or self.household(), self.today)

    def what_if(
        self,
        moves: Sequence[Move] | None = None,
        household: Household | None = None,
        *,
        keep_schedule: bool = False,
    ) -> WhatIf:
        """Each move (None: the suggested ones) alone and together on a copy of the household,
        never saved; the plan of `state()` is reused when it is for this household.
        `keep_schedule`: every plan keeps its months (for a chart)."""
        household = household or self.household()
        known = self._state.plan if self._state and self._state.household is household else None
        if known is not None and keep_schedule and known.schedule_cut:
            known = self.full_plan(household)
        return what_if(household, self.today, moves, plan=known, keep_schedule=keep_schedule)

    def owed_history(self, household: Household | None = None) -> tuple[Money, ...]:
        """Everything owed at the end of each month before this one, from the check-ins."""
        return owed_history(household or self.household(), self.today)

    def full_plan(self, household: Household | None = None) -> PayoffPlan:
        """The plan of `state()` with every month of its schedule, for a chart: simulated once
        per state, however often the chart or what-if asks."""
        state = self.state(household)
        if not state.plan.schedule_cut:
            return state.plan
        if self._full_plan is None or self._full_plan[0] is not state:
            self._full_plan = (state, saved_plan(state.household, self.today).plan)
        return self._full_plan[1]

    def plans_by_strategy(
        self, household: Household, strategies: Sequence[Strategy], known: PayoffPlan
    ) -> dict[Strategy, PayoffPlan]:
        """The plan at each strategy for the chart, every month kept; `known` (the saved plan)
        is reused for its own strategy when it kept its months."""
        if known.schedule_cut:
            known = self.full_plan(household)
        others = [s for s in strategies if s != known.strategy]
        variants = plan_variants(household, self.today, others)
        return {
            s: known if s == known.strategy else variants[s]
            for s in strategies
            if s == known.strategy or s in variants
        }

    # -- loans --------------------------------------------------------------------------------

    def add_loan(self, loan: Loan) -> Loan:
        raise_first(loan_problems(loan, self.today))
        with self.transaction():
            self.repository.add_loan(loan)
        return loan

    def update_loan(self, name: str, loan: Loan, *, was: Loan | None = None) -> Loan:
        """Replace a loan; with `was` (what a form loaded) only the changed fields are written
        onto the row as it is now, so a payment recorded meanwhile is never undone."""
        with self.transaction():
            fresh = self._require(self.household().loan(name), "loans", name)
            merged = self._merged("loans", name, was, loan, fresh)
            raise_first(loan_problems(merged, self.today))
            self.repository.update_loan(name, merged)
        return merged

    def remove_loan(self, name: str) -> Loan:
        """Remove a loan; money earmarked for it stays, no longer earmarked."""
        with self.transaction():
            household = self.household()
            loan = self._require(household.loan(name), "loans", name)
            self.repository.remove_loan(name)
            self.repository.add_balance_entry(
                removal_entry(name, self.today, loan.balance.currency)
            )
            for source in household.income:
                if source.for_loan == name:
                    self.repository.update_income(source.name, replace(source, for_loan=None))
        return loan

    # -- income -------------------------------------------------------------------------------

    def add_income(self, source: IncomeSource) -> IncomeSource:
        with self.transaction():
            open_loans = {loan.name for loan in self.household().open_loans}
            raise_first(income_problems(source, open_loans))
            self.repository.add_income(source)
        return source

    def update_income(
        self, name: str, source: IncomeSource, *, was: IncomeSource | None = None
    ) -> IncomeSource:
        with self.transaction():
            fresh = self._require(self._income(name), "income", name)
            merged = self._merged("income", name, was, source, fresh)
            loans = {loan.name for loan in self.household().loans}
            raise_first(income_problems(merged, loans))
            self.repository.update_income(name, merged)
        return merged

    def remove_income(self, name: str) -> IncomeSource:
        with self.transaction():
            source = self._require(self._income(name), "income", name)
            self.repository.remove_income(name)
        return source

    def _income(self, name: str) -> IncomeSource | None:
        return next((x for x in self.household().income if x.name == name), None)

    # -- expenses -----------------------------------------------------------------------------

    def add_expense(self, expense: Expense) -> Expense:
        raise_first(expense_problems(expense))
        with self.transaction():
            self.repository.add_expense(expense)
        return expense

    def update_expense(self, name: str, expense: Expense, *, was: Expense | None = None) -> Expense:
        with self.transaction():
            fresh = self._require(self._expense(name), "expenses", name)
            merged = self._merged("expenses", name, was, expense, fresh)
            raise_first(expense_problems(merged))
            self.repository.update_expense(name, merged)
        return merged

    def set_cut(self, name: str, active: bool) -> Expense:
        """Switch one cut on or off on the row as it is now (the throttling screen's space)."""
        with self.transaction():
            fresh = self._require(self._expense(name), "expenses", name)
            updated = replace(fresh, cut_active=active)
            self.repository.update_expense(name, updated)
        return updated

    def remove_expense(self, name: str) -> Expense:
        with self.transaction():
            expense = self._require(self._expense(name), "expenses", name)
            self.repository.remove_expense(name)
        return expense

    def _expense(self, name: str) -> Expense | None:
        return next((x for x in self.household().expenses if x.name == name), None)

    # -- family -------------------------------------------------------------------------------

    def add_family_loan(self, loan: FamilyLoan) -> FamilyLoan:
        raise_first(family_loan_problems(loan, self.today))
        with self.transaction():
            self.repository.add_family_loan(loan)
        return loan

    def update_family_loan(
        self, lender: str, loan: FamilyLoan, *, was: FamilyLoan | None = None
    ) -> FamilyLoan:
        with self.transaction():
            fresh = self._require(self.household().family_loan(lender), "family_loans", lender)
            merged = self._merged("family_loans", lender, was, loan, fresh)
            raise_first(family_loan_problems(merged, self.today))
            self.repository.update_family_loan(lender, merged)
        return merged

    def repay_family(self, lender: str, amount: Money, on: date | None = None) -> FamilyLoan:
        """Record a repayment to a relative on the row as it is now."""
        on = on or self.today
        with self.transaction():
            fresh = self._require(self.household().family_loan(lender), "family_loans", lender)
            raise_first(repayment_problems(fresh, amount, on, self.today))
            updated = replace(fresh, repayments=(*fresh.repayments, FamilyRepayment(on, amount)))
            self.repository.update_family_loan(lender, updated)
        return updated

    def remove_family_loan(self, lender: str) -> FamilyLoan:
        with self.transaction():
            item = self._require(self.household().family_loan(lender), "family_loans", lender)
            self.repository.remove_family_loan(lender)
            self.repository.add_balance_entry(
                removal_entry(lender, self.today, item.amount.currency, family=True)
            )
        return item

    # -- taking a change back (the app's undo) ------------------------------------------------

    def revert_edit(self, saved: R, *, was: R, edited: R) -> R:
        """Take back an edit that turned `was` into `edited` and was saved as `saved`: the
        fields it changed get their old values on the row as it is now, the others stay as
        they are; `RowChanged` (nothing written) when one of those fields changed again since.
        """
        before = reverted_edit(was, edited, saved)
        update: Callable[..., R]
        if isinstance(saved, Loan):
            key, update = saved.name, self.update_loan  # type: ignore[assignment]
        elif isinstance(saved, IncomeSource):
            key, update = saved.name, self.update_income  # type: ignore[assignment]
        elif isinstance(saved, Expense):
            key, update = saved.name, self.update_expense  # type: ignore[assignment]
        else:
            key, update = saved.lender, self.update_family_loan  # type: ignore[assignment]
        return update(key, before, was=saved)

    def put_back(
        self, row: Loan | IncomeSource | Expense | FamilyLoan, *, earmarked: Sequence[str] = ()
    ) -> None:
        """Add a removed row again, as it was, through the same rules as any new row; a loan
        gets back the earmarks of `earmarked` (the incomes its removal cleared), all in one
        save."""
        with self.transaction():
            if isinstance(row, Loan):
                self.add_loan(row)
                for name in earmarked:
                    source = self._income(name)
                    if source is not None and source.for_loan is None:
                        self.update_income(name, replace(source, for_loan=row.name))
            elif isinstance(row, IncomeSource):
                self.add_income(row)
            elif isinstance(row, Expense):
                self.add_expense(row)
            else:
                self.add_family_loan(row)

    # -- contacts -----------------------------------------------------------------------------

    def add_contact(self, contact: Contact) -> int:
        with self.transaction():
            raise_first(contact_problems(contact, self.today, self.household()))
            return self.repository.add_contact(contact)

    def update_contact(self, contact_id: int, contact: Contact) -> None:
        with self.transaction():
            raise_first(contact_problems(contact, self.today, self.household()))
            self.repository.update_contact(contact_id, contact)

    def revert_contact(self, contact_id: int, *, was: Contact, saved: Contact) -> None:
        """Take back an edit of a contact: refused when the contact changed again since."""
        with self.transaction():
            now = dict(self.repository.contacts_with_ids()).get(contact_id)
            current = self._require(now, "contacts", str(contact_id))
            if current != saved:
                raise RowChanged(
                    "contacts",
                    _("the contact of {day}").format(day=saved.on.isoformat()),
                    [_("contact")],
                )
            self.update_contact(contact_id, was)

    def remove_contact(self, contact_id: int) -> Contact:
        with self.transaction():
            found = dict(self.repository.contacts_with_ids()).get(contact_id)
            contact = self._require(found, "contacts", str(contact_id))
            self.repository.remove_contact(contact_id)
        return contact

    def contacts_with_ids(self) -> tuple[tuple[int, Contact], ...]:
        return self.repository.contacts_with_ids()

    def contacts_of(self, loan_name: str) -> tuple[tuple[int, Contact], ...]:
        """One loan's contact log with the ids `remove_contact` takes, oldest first."""
        return tuple((i, c) for i, c in self.contacts_with_ids() if c.loan == loan_name)

    # -- settings -----------------------------------------------------------------------------

    def save_settings(self, settings: Settings) -> Settings:
        with self.transaction():
            self.repository.save_settings(settings)
        return settings

    def put_checkin_record(self, checkin: CheckIn) -> None:
        """Store a check-in record as it is (no balances applied): for tests and imports of
        history; the weekly ritual saves through `services.checkin.save_checkin`."""
        self.repository.put_checkin(checkin)

    # -- the whole file: export, import, backups ---------------------------------------------

    def export_text(self, fmt: str) -> str:
        household = self.household()
        if fmt == "csv":
            return household_to_csv(household)
        return json.dumps(household_to_json(household), indent=2, ensure_ascii=False) + "\n"

    def import_household(self, household: Household) -> None:
        """Replace everything with `household`, all or nothing, after the record rules."""
        problems = household_problems(household, self.today)
        if problems:
            raise StoreInputError(_("nothing was imported: {problem}").format(problem=problems[0]))
        self.repository.replace_all(household)

    def backups(self) -> tuple[BackupInfo, ...]:
        return self.repository.backups()

    def newest_good_backup(self) -> Path | None:
        return self.repository.newest_good_backup()

    def restore(self, backup: str | Path) -> RestoreResult:
        return self.repository.restore(backup)

    def watch(self) -> FileWatch:
        """A watcher that tells the app when another process changed the file."""
        return FileWatch(self.repository)

    def file_stamp(self) -> FileStamp | None:
        return self.repository.file_stamp()

    @property
    def has_written(self) -> bool:
        """Whether this Ledger has committed a write to the data file (a save or a restore)."""
        return self.repository.last_write_stamp is not None

    # -- talking to lenders -------------------------------------------------------------------

    def restructure_quote(
        self,
        loan_name: str,
        installments: int,
        mode: RestructureMode = RestructureMode.ANNUITY,
        fee_rate: Decimal = Decimal(0),
        household: Household | None = None,
    ) -> RestructureQuote:
        household = household or self.household()
        loan = household.loan(loan_name)
        if loan is None:
            raise UnknownName("loans", loan_name)
        return quote_restructure(loan, installments, mode, fee_rate)

    def restructure_preview(
        self, quote: RestructureQuote, household: Household | None = None
    ) -> tuple[PayoffPlan, PayoffPlan]:
        """The whole plan before and after, as if the lender agreed to `quote` today."""
        from debtcoach.domain.proposal import agreed_household

        household = household or self.household()
        before = self.plan(household, keep_schedule=False)
        after = self.plan(agreed_household(household, quote, self.today), keep_schedule=False)
        return before, after

    def lender_case(
        self,
        quote: RestructureQuote,
        household: Household | None = None,
        plans: tuple[PayoffPlan, PayoffPlan] | None = None,
    ) -> LenderCase:
        """What the numbers say for the quote's loan: the hardship, if any, and what it changes."""
        from debtcoach.domain.lender_case import lender_case

        household = household or self.household()
        before, after = plans or self.restructure_preview(quote, household)
        return lender_case(household, quote, self.today, before, after)

    def set_proposal_state(self, quote: RestructureQuote, state: ProposalState) -> None:
        """Save the quote on its loan as proposed / agreed / refused (one read, one write)."""
        with self.transaction():
            loan = self._require(self.household().loan(quote.loan), "loans", quote.loan)
            self.repository.update_loan(
                loan.name, apply_proposal_state(loan, quote, state, self.today)
            )

    def proposal_letter(
        self,
        quote: RestructureQuote,
        household: Household | None = None,
        options: LetterOptions | None = None,
    ) -> str:
        """The proposal letter for the quote's loan, from the saved data only."""
        from debtcoach.domain.letters import render_letter
        from debtcoach.domain.proposal import build_proposal

        household = household or self.household()
        return render_letter(build_proposal(household, quote.loan, quote, self.today, options))

    def write_proposal_letter(
        self,
        quote: RestructureQuote,
        path: Path,
        household: Household | None = None,
        options: LetterOptions | None = None,
    ) -> Path:
        """Write the letter atomically and privately (0600, it holds the budget), never over an
        earlier one: `path` if free, else `name-2.ext`, `name-3.ext`, …. Returns the path used."""
        action = "write the letter to"
        problem = protected_path_problem(path, self.path)
        if problem is not None:
            raise ProtectedOutput(path, action, problem)
        letter = self.proposal_letter(quote, household, options)
        return self.write_private_file(unused_path(path), letter, action=action)

    def write_private_file(self, path: Path, text: str, *, action: str) -> Path:
        """An export or a letter: atomic, readable by the user only, never the data file."""
        problem = protected_path_problem(path, self.path)
        if problem is not None:
            raise ProtectedOutput(path, action, problem)
        atomic_write_bytes(path, text.encode("utf-8"), action=action)
        return path

    # -- shared steps -------------------------------------------------------------------------

    @staticmethod
    def _require(row: T | None, table: str, key: str) -> T:
        if row is None:
            raise UnknownName(table, key)
        return row

    @staticmethod
    def _merged(table: str, key: str, was: R | None, edited: R, fresh: R) -> R:
        if was is None:
            return edited
        merged, clashes = merge_edit(was, edited, fresh)
        if clashes:
            raise RowChanged(table, key, clashes)
        return merged


def unused_path(path: Path) -> Path:
    """`path`, or the first of `stem-2.suffix`, `stem-3.suffix`, … that does not exist yet."""
    if not path.exists() and not path.is_symlink():
        return path
    number = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
        number += 1
