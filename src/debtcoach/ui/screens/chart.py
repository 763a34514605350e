"""The payoff chart (`p`): how the total owed falls under each strategy, as text and as a chart.

Avalanche, snowball and (when the user has set one) the custom order are compared side by side;
the debt-free month of each is marked. `v` switches to one line per debt under the strategy in
use; `s` picks the next strategy, which is saved and used on every screen. The plan's figures are
also written out as text above the chart, so the screen is useful even at 80x24.

plotext is imported only when this screen is first composed, so the app starts fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from babel.numbers import format_compact_currency
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from debtcoach.domain.calendar import plan_month_label
from debtcoach.domain.models import Household, Strategy
from debtcoach.domain.money import Money, format_money
from debtcoach.domain.payoff import PayoffPlan
from debtcoach.domain.plan_facts import (
    BaselineComparison,
    compare_with_minimum_only,
    minimum_only_owed,
)
from debtcoach.domain.text_rules import cells as cell_count
from debtcoach.domain.text_rules import pad, printable
from debtcoach.domain.wording import _, count, month_words
from debtcoach.ui.formatting import plot_safe
from debtcoach.ui.screens.base import DebtCoachScreen

# Distinct line markers so the lines can be told apart without colour (NO_COLOR, monochrome).
MARKERS: dict[Strategy, str] = {
    Strategy.AVALANCHE: "braille",
    Strategy.SNOWBALL: "•",
    Strategy.CUSTOM: "+",
}
LOAN_MARKERS = ("braille", "•", "+", "x", "o", "*", "#", "%")
BASELINE_LABEL = "minimums only"
BASELINE_MARKER = "-"  # a dashed look, told apart from the strategies without colour
HISTORY_LABEL = "so far"
HISTORY_MARKER = "o"
BRAILLE_SYMBOL = "⢕"
AXIS_CLIP = 3
NEVER_PAYS_OFF = "does not pay off at this budget"


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    values: tuple[Money, ...]  # index 0 = owed today, then the end of each plan month
    marker: str
    end_month: int | None


def total_series(plan: PayoffPlan, start: Money, marker: str) -> Series:
    return Series(
        plan.strategy.value,
        (start, *plan.total_balance_by_month()),
        marker,
        plan.months if plan.pays_off else None,
    )


def debt_series(plan: PayoffPlan) -> list[Series]:
    series: list[Series] = []
    for i, debt in enumerate(plan.debts):
        values = [debt.start_balance]
        key = debt.name
        for month in plan.schedule:
            values.append(month.balances.get(key, Money.zero(plan.currency)))
        name = printable(debt.name)
        label = f"{name} (family)" if debt.family else name
        series.append(
            Series(label, tuple(values), LOAN_MARKERS[i % len(LOAN_MARKERS)], debt.payoff_month)
        )
    return series


def axis_top(start: Money, series: list[Series]) -> Money:
    """The highest amount the y axis shows: the highest balance, but at most `AXIS_CLIP` times
    what is owed today. A plan that never ends grows without bound (at 400 % APR a balance
    doubles every few months, past what a float or Babel's compact format can hold), so its
    lines are cut at the top of the axis instead."""
    highest = max((v.minor for item in series for v in item.values), default=start.minor)
    return Money(min(highest, AXIS_CLIP * max(start.minor, 1)), start.currency)


def nice_ticks(top: float, most: int = 5) -> list[float]:
    """Round tick values (0, 2000, 4000, …) from 0 to at least `top`, at most `most` of them."""
    magnitude = 10 ** max(0, len(str(int(top))) - 1)
    for factor in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10):
        step = magnitude * factor
        count = int(-(-top // step))  # ceil
        if count + 1 <= most:
            return [step * i for i in range(count + 1)]
    return [0.0, top]


def owed_now(plan: PayoffPlan) -> Money:
    """Everything the plan starts from: what is owed today."""
    return Money(sum(d.start_balance.minor for d in plan.debts), plan.currency)


def draw_owed(
    plt: Any,
    series: list[Series],
    *,
    history: tuple[Money, ...],
    today: date,
    locale: str,
    start: Money,
    mark_ends: bool,
    title: str = "",
) -> None:
    """Draw `series` from "now" (x = 0) on, and the balances recorded so far (`history`, one a
    month, the last the month before today's) before it, joined to what is owed now.

    With a history the key to the lines is in the title, not in plotext's legend box: the box
    sits in the top left corner, exactly where the history (the highest balances) is drawn."""
    top = axis_top(start, [*series, Series(HISTORY_LABEL, history, HISTORY_MARKER, None)])
    longest = max((len(s.values) for s in series), default=1)

    def clipped(values: tuple[Money, ...]) -> list[float]:
        return [float(Money(min(v.minor, top.minor), v.currency).to_decimal()) for v in values]

    if history:
        xs = list(range(-len(history), 1))
        plt.plot(xs, clipped((*history, start)), marker=HISTORY_MARKER)
    for item in series:
        label = None if history else plot_safe(item.label)
        plt.plot(list(range(len(item.values))), clipped(item.values), label=label,
                 marker=item.marker)  # fmt: skip
    if mark_ends:
        for item in series:
            if item.end_month is not None:
                plt.vline(item.end_month, "gray")
    if history:
        plt.vline(0, "gray")
    if history:
        keyed = [(HISTORY_MARKER, HISTORY_LABEL)] + [(s.marker, s.label) for s in series]
        key = " · ".join(f"{BRAILLE_SYMBOL if m == 'braille' else m} {name}" for m, name in keyed)
        plt.title(plot_safe(f"{title}: {key}" if title else key))
    else:
        plt.title(plot_safe(title))
    plt.xlim(-len(history), longest)
    _ticks(plt, -len(history), longest, top, today, locale)


def _ticks(plt: Any, first: int, months: int, top_amount: Money, today: date, locale: str) -> None:
    def month(m: int) -> str:
        return month_words(plan_month_label(today, m), locale, "yMMM")

    step = max(1, (months - first - 1) // 4 or 1)
    ticks = list(range(first + (-first) % step, months, step))
    # "Apr 2027", not "27/04" (read as the 27th of April).
    plt.xticks(ticks, [plot_safe(_("now") if m == 0 else month(m)) for m in ticks])
    top = float(top_amount.to_decimal())
    if top > 0:
        steps = nice_ticks(top)
        currency = top_amount.currency
        labels = [str(format_compact_currency(v, currency, locale=locale)) for v in steps]
        plt.yticks(steps, [plot_safe(label) for label in labels])
        plt.ylim(0, steps[-1])
    plt.xlabel("")
    plt.ylabel("")


class ChartScreen(DebtCoachScreen):
    TITLE_TEXT = "Payoff"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "s",
            "cycle_strategy",
            "Strategy",
            id="chart.strategy",
            tooltip="Use the next strategy everywhere (saved)",
        ),
        Binding(
            "v",
            "toggle_view",
            "Total / per loan",
            id="chart.view",
            tooltip="Switch between the total and one line per debt",
        ),
        Binding(
            "i",
            "app.go('whatif')",
            "What if",
            id="chart.whatif",
            tooltip="Try the guidance's moves side by side (nothing is saved)",
        ),
    ]

    DEFAULT_CSS = """
    ChartScreen #chart-summary { height: auto; margin-bottom: 1; }
    ChartScreen #chart-plot { height: 1fr; min-height: 8; }
    ChartScreen #chart-empty { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.per_loan = False
        self.plans: dict[Strategy, PayoffPlan] = {}
        self.comparison: BaselineComparison | None = None

    def compose_body(self) -> ComposeResult:
        from textual_plotext import PlotextPlot  # lazy: only when the chart is first shown

        yield Static(id="chart-summary")
        yield PlotextPlot(id="chart-plot")

    # -- data -------------------------------------------------------------------------------

    def compute_plans(self, household: Household) -> dict[Strategy, PayoffPlan]:
        app = self.coach_app
        return app.ledger.plans_by_strategy(household, app.available_strategies(), app.plan)

    def refresh_data(self, household: Household) -> None:
        self.plans = self.compute_plans(household)
        app = self.coach_app
        self.comparison = compare_with_minimum_only(household, app.today, app.plan)
        self._summary(household)
        self._draw(household)

    # -- text -------------------------------------------------------------------------------

    def money(self, amount: Money) -> str:
        return format_money(amount, self.coach_app.settings.locale)

    def interest(self, amount: Money, ends: bool) -> str:
        """Interest of a debt or plan that never ends grows without bound: not a figure."""
        return self.money(amount) if ends else "—"

    def month(self, label: str | None) -> str:
        if label is None:
            return "—"
        return month_words(label, self.coach_app.settings.locale, "yMMM")

    def _summary(self, household: Household) -> None:
        chosen = self.coach_app.plan
        if not chosen.feasible:
            shortfall = chosen.shortfall or Money.zero(household.currency)
            text = Content.assemble(
                ("No payoff plan yet. ", "bold"),
                f"The minimum payments are {self.money(shortfall)} a month more than the debt "
                f"budget of {self.money(chosen.budget)}. Raise income or cut spending (o, t), "
                "or ask a lender to stretch a loan (l); the coach (c) shows how.",
            )
        elif self.per_loan:
            text = self._debts_table(chosen)
        else:
            text = Content("\n").join([self._strategies_table(), *self._overdue_lines(household)])
        if chosen.feasible and not chosen.pays_off:
            never = Content.assemble(
                (f"{NEVER_PAYS_OFF.capitalize()}: ", "bold"),
                f"still owing after 50 years at {self.money(chosen.budget)} a month.",
            )
            text = Content("\n").join([text, never])
        hint = Content.assemble(
            ("s", "bold reverse"),
            " next strategy  ",
            ("v", "bold reverse"),
            " total / per loan  ",
            ("i", "bold reverse"),
            " what if",
            "" if self.per_loan else "   │ = debt-free month",
        )
        self.query_one("#chart-summary", Static).update(Content("\n").join([text, hint]))

    def _strategies_table(self) -> Content:
        """Each strategy's debt-free month, interest and late fees, and paying only the
        minimums beside them (to the plan's debt-free month when the minimums never finish)."""
        chosen = self.coach_app.plan.strategy
        lines = [
            Content.styled(
                f"  {'Strategy':<11}{'Debt-free':<11}{'Months':>7}{'Interest':>13}{'Fees':>11}",
                "bold $accent",
            )
        ]
        for strategy, plan in self.plans.items():
            months = "never" if plan.months is None else str(plan.months)
            row = (
                f"{'▸' if strategy == chosen else ' '} {strategy.value:<11}"
                f"{self.month(plan.debt_free):<11}{months:>7}"
                f"{self.interest(plan.total_interest, plan.pays_off):>13}"
                f"{self.money(plan.total_fees):>11}"
            )
            lines.append(
                Content.assemble((row, "bold"), "  in use") if strategy == chosen else Content(row)
            )
        comparison = self.comparison
        if comparison is not None:
            baseline = comparison.baseline
            if baseline.pays_off:
                months, interest, fees, note = (
                    str(baseline.months),
                    baseline.total_interest,
                    baseline.total_fees,
                    "",
                )
            else:
                months, interest, fees = "never", comparison.interest_by, comparison.fees_by
                note = f"  by {self.month(comparison.by)}" if comparison.by else "  in 50 years"
            row = (
                f"  {'minimums':<11}{self.month(baseline.debt_free):<11}{months:>7}"
                f"{self.money(interest):>13}{self.money(fees):>11}"
            )
            lines.append(Content.assemble((row, "$text-muted"), (note, "$text-muted")))
        return Content("\n").join(lines)

    def _overdue_lines(self, household: Household) -> list[Content]:
        """When each loan behind is current again under the plan and with only the minimums,
        or what the plan saves against paying only the minimums."""
        plan = self.coach_app.plan
        comparison = self.comparison
        lines = []
        never = comparison.never_current if comparison is not None else ()
        for loan in household.loans:
            if not loan.is_overdue:
                continue
            outcome = plan.debt(loan.name)
            caught_up = outcome.caught_up_date if outcome is not None else None
            when = f"in {self.month(caught_up)}" if caught_up else "never, at this budget"
            baseline = "; paying only the minimums: never" if loan.name in never else ""
            lines.append(Content.assemble("  ", loan.name, f" current again {when}{baseline}"))
        if comparison is not None and comparison.months_saved is not None:
            saved = comparison.interest_saved or Money.zero(household.currency)
            lines.append(
                Content(
                    f"  Against paying only the minimums the plan saves "
                    f"{count(comparison.months_saved, 'month')} and {self.money(saved)} "
                    "of interest."
                )
            )
        return lines

    def _debts_table(self, plan: PayoffPlan) -> Content:
        """Each debt's payoff month and interest; its late fees and the month it is current
        again when a loan is behind."""
        names = [printable(d.name) + (" (family)" if d.family else "") for d in plan.debts]
        width = max((cell_count(name) for name in names), default=4)
        width = max(width, 4) + 2
        behind = {loan.name for loan in self.coach_app.household.loans if loan.is_overdue}
        overdue = bool(behind) or plan.total_fees.minor > 0
        extra = f"{'Fees':>10}  {'Current':<9}" if overdue else ""
        lines = [
            Content.styled(
                f"  {'Debt':<{width}}{'Paid off':<11}{'Interest':>12}{extra}"
                f"   ({plan.strategy.value})",
                "bold $accent",
            )
        ]
        for debt, name in zip(plan.debts, names, strict=True):
            cells = ""
            if overdue and not debt.family:
                current = self.month(debt.caught_up_date) if debt.name in behind else ""
                cells = f"{self.money(debt.fees):>10}  {current:<9}"
            risk = "  promise at risk" if debt.at_risk else ""
            lines.append(
                Content.assemble(
                    f"  {pad(name, width)}{self.month(debt.payoff_date):<11}"
                    f"{self.interest(debt.interest, debt.payoff_month is not None):>12}{cells}",
                    (risk, "$warning"),
                )
            )
        return Content("\n").join(lines)

    # -- chart ----------------------------------------------------------------------------

    def _draw(self, household: Household) -> None:
        plot: Any = self.query_one("#chart-plot")
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        chosen = self.coach_app.plan
        if not chosen.feasible:
            plt.title(plot_safe("No plan: the minimum payments do not fit the budget"))
            plot.refresh()
            return
        start = owed_now(chosen)
        history: tuple[Money, ...] = ()
        if self.per_loan:
            series = debt_series(chosen)
            title = f"Each debt under {chosen.strategy.value}"
        else:
            series = [total_series(p, start, MARKERS[s]) for s, p in self.plans.items()]
            history = self.coach_app.ledger.owed_history(household)
            title = "" if history else "Total owed: strategies compared"
        if not chosen.pays_off:
            title = f"{'Each debt' if self.per_loan else 'Total owed'}: {NEVER_PAYS_OFF}"
        longest = max((len(s.values) for s in series), default=1)
        if not self.per_loan and self.comparison is not None:
            owed = minimum_only_owed(household, self.comparison.baseline, longest - 1)
            series.insert(0, Series(BASELINE_LABEL, tuple(owed), BASELINE_MARKER, None))
        chosen_label = chosen.strategy.value
        # The strategy in use is drawn last so it stays on top where lines overlap.
        series.sort(key=lambda s: s.label == chosen_label and not self.per_loan)
        draw_owed(
            plt,
            series,
            history=history,
            today=self.coach_app.today,
            locale=self.coach_app.settings.locale,
            start=start,
            mark_ends=not self.per_loan,
            title=title,
        )
        plot.refresh()

    # -- actions ----------------------------------------------------------------------------

    def action_cycle_strategy(self) -> None:
        self.coach_app.cycle_strategy()

    def action_toggle_view(self) -> None:
        self.per_loan = not self.per_loan
        self.refresh_data(self.coach_app.household)
