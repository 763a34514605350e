"""The payoff chart (`p`): how the total owed falls under each strategy, as text and as a chart.

Avalanche, snowball and (when the user has set one) the custom order are compared side by side;
the debt-free month of each is marked. `v` switches to one line per debt under the strategy in
use; `s` picks the next strategy, which is saved and used on every screen. The plan's figures are
also written out as text above the chart, so the screen is useful even at 80x24.

plotext is imported only when this screen is first composed, so the app starts fast.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from babel.numbers import format_compact_currency
from msgspec import Struct
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
from debtcoach.domain.wording import N_, _, count, month_words, pgettext, strategy_name
from debtcoach.ui.formatting import plot_safe
from debtcoach.ui.screens.base import DebtCoachScreen

# Distinct line markers so the lines can be told apart without colour (NO_COLOR, monochrome).
MARKERS: dict[Strategy, str] = {
    Strategy.AVALANCHE: "braille",
    Strategy.SNOWBALL: "•",
    Strategy.CUSTOM: "+",
}
LOAN_MARKERS = ("braille", "•", "+", "x", "o", "*", "#", "%")
BASELINE_LABEL = N_("minimums only")
BASELINE_MARKER = "-"  # a dashed look, told apart from the strategies without colour
HISTORY_LABEL = N_("so far")
HISTORY_MARKER = "o"
BRAILLE_SYMBOL = "⢕"
AXIS_CLIP = 3
NEVER_PAYS_OFF = N_("does not pay off at this budget")


class Series(Struct, frozen=True):
    label: str
    values: tuple[Money, ...]  # index 0 = owed today, then the end of each plan month
    marker: str
    end_month: int | None


def total_series(plan: PayoffPlan, start: Money, marker: str) -> Series:
    return Series(
        strategy_name(plan.strategy.value),
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
        series.append(
            Series(
                debt_label(debt.name, debt.family),
                tuple(values),
                LOAN_MARKERS[i % len(LOAN_MARKERS)],
                debt.payoff_month,
            )
        )
    return series


def debt_label(name: str, family: bool) -> str:
    """A debt's name as the chart and its table show it: "Mum (family)" for a family loan."""
    shown = printable(name)
    return _("{name} (family)").format(name=shown) if family else shown


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


def axis_labels(steps: list[float], currency: str, locale: str) -> list[str]:
    """The y axis's amounts in the locale's compact form, with as few decimals as say each tick
    exactly: 15 000 is "¥1.5万", not "¥2万" beside 20 000's "¥2万"; 2 500 is "$2.5K", not
    "$2K"."""

    def shown(digits: int) -> list[str]:
        return [
            str(format_compact_currency(v, currency, locale=locale, fraction_digits=digits))
            for v in steps
        ]

    exact = shown(2)
    return next((labels for labels in (shown(0), shown(1)) if labels == exact), exact)


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
    top = axis_top(start, [*series, Series(_(HISTORY_LABEL), history, HISTORY_MARKER, None)])
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
        keyed = [(HISTORY_MARKER, _(HISTORY_LABEL))] + [(s.marker, s.label) for s in series]
        key = " · ".join(f"{BRAILLE_SYMBOL if m == 'braille' else m} {name}" for m, name in keyed)
        plt.title(plot_safe(_("{title}: {key}").format(title=title, key=key) if title else key))
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
        labels = axis_labels(steps, top_amount.currency, locale)
        plt.yticks(steps, [plot_safe(label) for label in labels])
        plt.ylim(0, steps[-1])
    plt.xlabel("")
    plt.ylabel("")


class ChartScreen(DebtCoachScreen):
    TITLE_TEXT = N_("Payoff")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "s",
            "cycle_strategy",
            N_("Strategy"),
            id="chart.strategy",
            tooltip=N_("Use the next strategy everywhere (saved)"),
        ),
        Binding(
            "v",
            "toggle_view",
            N_("Total / per loan"),
            id="chart.view",
            tooltip=N_("Switch between the total and one line per debt"),
        ),
        Binding(
            "i",
            "app.go('whatif')",
            N_("What if"),
            id="chart.whatif",
            tooltip=N_("Try the guidance's moves side by side (nothing is saved)"),
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
                (_("No payoff plan yet. "), "bold"),
                _(
                    "The minimum payments are {shortfall} a month more than the debt budget of "
                    "{budget}. Raise income or cut spending (o, t), or ask a lender to stretch a "
                    "loan (l); the coach (c) shows how."
                ).format(shortfall=self.money(shortfall), budget=self.money(chosen.budget)),
            )
        elif self.per_loan:
            text = self._debts_table(chosen)
        else:
            text = Content("\n").join([self._strategies_table(), *self._overdue_lines(household)])
        if chosen.feasible and not chosen.pays_off:
            never = Content.assemble(
                (_("{never}: ").format(never=_(NEVER_PAYS_OFF).capitalize()), "bold"),
                _("still owing after 50 years at {budget} a month.").format(
                    budget=self.money(chosen.budget)
                ),
            )
            text = Content("\n").join([text, never])
        hint = Content.assemble(
            ("s", "bold reverse"),
            " " + _("next strategy") + "  ",
            ("v", "bold reverse"),
            " " + _("total / per loan") + "  ",
            ("i", "bold reverse"),
            " " + _("what if"),
            "" if self.per_loan else "   " + _("│ = debt-free month"),
        )
        self.query_one("#chart-summary", Static).update(Content("\n").join([text, hint]))

    def _strategies_table(self) -> Content:
        """Each strategy's debt-free month, interest and late fees, and paying only the
        minimums beside them (to the plan's debt-free month when the minimums never finish)."""
        chosen = self.coach_app.plan.strategy

        def row(name: str, debt_free: str, months: str, interest: str, fees: str) -> str:
            return (
                f"{pad(name, 11)}{pad(debt_free, 11)}{pad(months, 7, '>')}"
                f"{pad(interest, 13, '>')}{pad(fees, 11, '>')}"
            )

        head = row(_("Strategy"), _("Debt-free"), _("Months"), _("Interest"), _("Fees"))
        lines = [Content.styled("  " + head, "bold $accent")]
        for strategy, plan in self.plans.items():
            months = _("never") if plan.months is None else str(plan.months)
            text = ("▸ " if strategy == chosen else "  ") + row(
                strategy_name(strategy.value),
                self.month(plan.debt_free),
                months,
                self.interest(plan.total_interest, plan.pays_off),
                self.money(plan.total_fees),
            )
            lines.append(
                Content.assemble((text, "bold"), "  " + _("in use"))
                if strategy == chosen
                else Content(text)
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
                months, interest, fees = _("never"), comparison.interest_by, comparison.fees_by
                note = "  " + (
                    _("by {month}").format(month=self.month(comparison.by))
                    if comparison.by
                    else _("in 50 years")
                )
            text = "  " + row(
                _("minimums"),
                self.month(baseline.debt_free),
                months,
                # Without the plan's end to stop at, 50 years of interest is not a figure.
                self.interest(interest, baseline.pays_off or comparison.by is not None),
                self.money(fees),
            )
            lines.append(Content.assemble((text, "$text-muted"), (note, "$text-muted")))
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
            when = (
                _("current again in {month}").format(month=self.month(caught_up))
                if caught_up
                else _("current again never, at this budget")
            )
            baseline = _("; paying only the minimums: never") if loan.name in never else ""
            lines.append(Content.assemble("  ", loan.name, " ", when, baseline))
        if comparison is not None and comparison.months_saved is not None:
            saved = comparison.interest_saved or Money.zero(household.currency)
            lines.append(
                Content(
                    "  "
                    + _(
                        "Against paying only the minimums the plan saves {months} and "
                        "{interest} of interest."
                    ).format(
                        months=count(comparison.months_saved, "month"),
                        interest=self.money(saved),
                    )
                )
            )
        return lines

    def _debts_table(self, plan: PayoffPlan) -> Content:
        """Each debt's payoff month and interest; its late fees and the month it is current
        again when a loan is behind."""
        names = [debt_label(d.name, d.family) for d in plan.debts]
        width = max((cell_count(name) for name in names), default=4)
        width = max(width, cell_count(_("Debt")), 4) + 2
        behind = {loan.name for loan in self.coach_app.household.loans if loan.is_overdue}
        overdue = bool(behind) or plan.total_fees.minor > 0

        def late(fees: str, current: str) -> str:
            return f"{pad(fees, 10, '>')}  {pad(current, 9)}" if overdue else ""

        extra = late(_("Fees"), pgettext("caught up", "Current"))
        strategy = _("({strategy})").format(strategy=strategy_name(plan.strategy.value))
        debt_head, paid_off, interest = _("Debt"), _("Paid off"), _("Interest")
        lines = [
            Content.styled(
                f"  {pad(debt_head, width)}{pad(paid_off, 11)}{pad(interest, 12, '>')}{extra}"
                f"   {strategy}",
                "bold $accent",
            )
        ]
        for debt, name in zip(plan.debts, names, strict=True):
            cells = ""
            if overdue and not debt.family:
                current = self.month(debt.caught_up_date) if debt.name in behind else ""
                cells = late(self.money(debt.fees), current)
            risk = "  " + _("promise at risk") if debt.at_risk else ""
            lines.append(
                Content.assemble(
                    f"  {pad(name, width)}{pad(self.month(debt.payoff_date), 11)}"
                    f"{pad(self.interest(debt.interest, debt.payoff_month is not None), 12, '>')}"
                    f"{cells}",
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
            plt.title(plot_safe(_("No plan: the minimum payments do not fit the budget")))
            plot.refresh()
            return
        start = owed_now(chosen)
        history: tuple[Money, ...] = ()
        if self.per_loan:
            series = debt_series(
                self.plans.get(chosen.strategy) or self.coach_app.ledger.full_plan(household)
            )
            title = _("Each debt under {strategy}").format(
                strategy=strategy_name(chosen.strategy.value)
            )
        else:
            series = [total_series(p, start, MARKERS[s]) for s, p in self.plans.items()]
            history = self.coach_app.ledger.owed_history(household)
            title = "" if history else _("Total owed: strategies compared")
        if not chosen.pays_off:
            title = _("{title}: {key}").format(
                title=_("Each debt") if self.per_loan else _("Total owed"), key=_(NEVER_PAYS_OFF)
            )
        longest = max((len(s.values) for s in series), default=1)
        if not self.per_loan and self.comparison is not None:
            owed = minimum_only_owed(household, self.comparison.baseline, longest - 1)
            series.insert(0, Series(_(BASELINE_LABEL), tuple(owed), BASELINE_MARKER, None))
        chosen_label = strategy_name(chosen.strategy.value)
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
