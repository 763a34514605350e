"""The household's payoff plan under its settings: the one place that chooses it.

The CLI, the app, the coach, the check-in summary and the what-if all take the plan this module
decides, so a saved strategy, a saved custom order that no longer fits, and a budget override
are interpreted once, the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from msgspec import Struct

from debtcoach.domain.budget import plan_budget
from debtcoach.domain.models import Household, Strategy
from debtcoach.domain.money import Money
from debtcoach.domain.payoff import (
    MAX_MONTHS,
    MinimumOnlyPlan,
    PayoffPlan,
    PlanInputError,
    fit_custom_order,
    simulate_minimum_only,
    simulate_payoff,
)
from debtcoach.domain.wording import _


class PlanRequest(Struct, frozen=True):
    """What a caller asks for beyond the saved settings (`debtcoach plan --strategy …`)."""

    strategy: Strategy | None = None
    order: tuple[str, ...] | None = None
    budget: Money | None = None

    @property
    def is_saved_settings(self) -> bool:
        return self.strategy is None and self.order is None and self.budget is None


SAVED_SETTINGS = PlanRequest()


def chosen_strategy(
    household: Household, request: PlanRequest = SAVED_SETTINGS
) -> tuple[Strategy, tuple[str, ...]]:
    """The strategy and custom order a request means for this household.

    An order typed by the user is checked strictly by the simulation; a saved order is brought
    up to date with the loans as they are now (`fit_custom_order`).
    """
    settings = household.settings
    strategy = request.strategy or (Strategy.CUSTOM if request.order else settings.strategy)
    if request.order:
        return strategy, request.order
    if strategy == Strategy.CUSTOM and not settings.custom_order:
        raise PlanInputError(_("the custom strategy needs an order: --order NAME1,NAME2,…"))
    return strategy, fit_custom_order(household.loans, settings.custom_order)


def household_plan(
    household: Household,
    today: date,
    request: PlanRequest = SAVED_SETTINGS,
    *,
    keep_schedule: bool = True,
    schedule_months: int | None = None,
) -> PayoffPlan:
    """The plan a request asks for; a bad request raises `PlanInputError`."""
    strategy, order = chosen_strategy(household, request)
    budget = plan_budget(household, today, override=request.budget)
    return simulate_payoff(
        household.loans,
        household.family_loans,
        budget,
        today,
        strategy,
        order,
        keep_schedule=keep_schedule,
        schedule_months=schedule_months,
    )


class SavedPlan(Struct, frozen=True):
    """The plan under the saved settings, and why it is not the saved strategy when it is not."""

    plan: PayoffPlan
    fallback_reason: str | None = None


def saved_plan(
    household: Household,
    today: date,
    *,
    keep_schedule: bool = True,
    schedule_months: int | None = None,
) -> SavedPlan:
    """The plan the screens and the coach show: avalanche when the saved custom order is
    unusable, so a stale setting never stops the app or the coach."""

    def plan(request: PlanRequest) -> PayoffPlan:
        return household_plan(
            household, today, request, keep_schedule=keep_schedule, schedule_months=schedule_months
        )

    try:
        return SavedPlan(plan(SAVED_SETTINGS))
    except PlanInputError as exc:
        return SavedPlan(plan(PlanRequest(strategy=Strategy.AVALANCHE)), str(exc))


def plan_variants(
    household: Household, today: date, strategies: Sequence[Strategy]
) -> dict[Strategy, PayoffPlan]:
    """The plan at each strategy, for the chart's side-by-side view."""
    variants: dict[Strategy, PayoffPlan] = {}
    for strategy in strategies:
        try:
            variants[strategy] = household_plan(household, today, PlanRequest(strategy=strategy))
        except PlanInputError:
            continue
    return variants


def minimum_only(
    household: Household, today: date, *, max_months: int = MAX_MONTHS
) -> MinimumOnlyPlan:
    """What happens if nothing changes: every institutional loan gets only its minimum
    (for `max_months` months: what it has cost by a month of the plan)."""
    return simulate_minimum_only(household.loans, today, household.currency, max_months=max_months)
