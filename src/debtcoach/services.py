"""The Ledger: the one API that the CLI and the screens call.

It joins the store (what is saved) with the domain (what it means) so that a screen and a script
always show the same plan for the same data, computed by the same code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from debtcoach.domain.budget import BudgetBreakdown, budget_breakdown
from debtcoach.domain.models import (
    Contact,
    Household,
    ProposalState,
    RestructureMode,
    Strategy,
)
from debtcoach.domain.money import Money
from debtcoach.domain.payoff import (
    PayoffPlan,
    PlanInputError,
    fit_custom_order,
    simulate_payoff,
)
from debtcoach.domain.proposal import apply_proposal_state, build_proposal, render_letter
from debtcoach.domain.restructure import RestructureQuote, quote_restructure
from debtcoach.store.errors import UnknownName
from debtcoach.store.files import atomic_write_bytes
from debtcoach.store.repository import Repository


@dataclass
class Ledger:
    """A household's data file plus the injectable "today" every calculation uses."""

    path: Path
    today: date
    repository: Repository = field(init=False)

    def __post_init__(self) -> None:
        self.repository = Repository(self.path)

    def household(self) -> Household:
        return self.repository.load()

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
        """The payoff plan under the saved settings unless told otherwise."""
        household = household or self.household()
        settings = household.settings
        chosen = strategy or (Strategy.CUSTOM if order else settings.strategy)
        custom = tuple(order) if order else fit_custom_order(household.loans, settings.custom_order)
        if chosen == Strategy.CUSTOM and not order and not settings.custom_order:
            raise PlanInputError("the custom strategy needs an order: --order NAME1,NAME2,…")
        monthly = (
            budget if budget is not None else budget_breakdown(household, self.today).debt_budget
        )
        return simulate_payoff(
            household.loans,
            household.family_loans,
            monthly,
            self.today,
            chosen,
            custom,
            keep_schedule=keep_schedule,
        )

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

    # -- talking to lenders: restructure preview, proposal state, letter, contact log ---------

    def restructure_preview(
        self, quote: RestructureQuote, household: Household | None = None
    ) -> tuple[PayoffPlan, PayoffPlan]:
        """The whole plan before and after, as if the lender agreed to `quote` today."""
        household = household or self.household()
        before = self.plan(household, keep_schedule=False)
        loans = tuple(
            apply_proposal_state(loan, quote, ProposalState.AGREED, self.today)
            if loan.name == quote.loan
            else loan
            for loan in household.loans
        )
        after = self.plan(replace(household, loans=loans), keep_schedule=False)
        return before, after

    def set_proposal_state(self, quote: RestructureQuote, state: ProposalState) -> None:
        """Save the quote on its loan as proposed / agreed / refused (one read, one write)."""
        repository = self.repository
        with repository.transaction():
            loan = repository.load().loan(quote.loan)
            if loan is None:
                raise UnknownName("loans", quote.loan)
            repository.update_loan(loan.name, apply_proposal_state(loan, quote, state, self.today))

    def proposal_letter(self, quote: RestructureQuote, household: Household | None = None) -> str:
        """The Markdown proposal letter for the quote's loan, from the saved data only."""
        household = household or self.household()
        return render_letter(build_proposal(household, quote.loan, quote, self.today))

    def write_proposal_letter(
        self, quote: RestructureQuote, path: Path, household: Household | None = None
    ) -> Path:
        """Write the letter to `path` atomically and privately (0600): it holds the budget."""
        atomic_write_bytes(
            path,
            self.proposal_letter(quote, household).encode("utf-8"),
            action="write the letter to",
        )
        return path

    def contacts_of(self, loan_name: str) -> tuple[tuple[int, Contact], ...]:
        """One loan's contact log with the ids `remove_contact` takes, oldest first."""
        return tuple((i, c) for i, c in self.repository.contacts_with_ids() if c.loan == loan_name)
