"""What if (`i`, or from the payoff screen): the guidance's moves tried on a copy, side by side.

A checklist of the moves with their amounts editable in place, a table of what each does (and
all the chosen ones together) against the plan and paying only the minimums, and the chart of
the chosen combination against the plan after the balances recorded so far. Nothing is saved
here: `enter` on a move opens the screen that makes it real (the restructure calculator, the
cuts, the family form filled in with the amount).
"""

from __future__ import annotations

from typing import Any, ClassVar

from msgspec import Struct
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from debtcoach.domain.calendar import DateError, first_plan_month, month_label, parse_month
from debtcoach.domain.models import Household
from debtcoach.domain.money import Money, MoneyError, format_money, parse_money
from debtcoach.domain.restructure import CREDIT_CARD_MAX_INSTALLMENTS
from debtcoach.domain.text_rules import pad
from debtcoach.domain.whatif import (
    BudgetChange,
    Cuts,
    Move,
    MoveKind,
    MoveResult,
    Outcome,
    Relatives,
    Restructure,
    SideIncome,
    WhatIf,
    WhatIfError,
    cuts_not_yet_on,
    restructure_candidates,
    suggested_moves,
)
from debtcoach.domain.wording import N_, _, count, month_words, pgettext
from debtcoach.ui.formatting import literal, plot_safe
from debtcoach.ui.screens.base import DebtCoachScreen
from debtcoach.ui.screens.chart import Series, draw_owed, owed_now, total_series

MOVE_TITLES: dict[MoveKind, str] = {
    MoveKind.RESTRUCTURE: N_("Time for space"),
    MoveKind.SIDE_INCOME: N_("Open source"),
    MoveKind.CUTS: N_("Throttling"),
    MoveKind.RELATIVES: N_("Relatives first"),
    MoveKind.BUDGET_CHANGE: N_("Budget change"),
}
"""The guidance's word for each move, in the order it gives them (translated where shown)."""

BASELINE_ROW = N_("Only the minimums")
PLAN_ROW = N_("The plan now")
TOGETHER_ROW = N_("All together")
PLAN_MARKER = "braille"
CHOSEN_MARKER = "+"
TALL_ENOUGH_FOR_BOTH = 34
"""Below this many rows the table and the chart take turns (`v`)."""

DEFAULT_SIDE_INCOME = 100_00
DEFAULT_RELATIVES = 500_00
DEFAULT_BUDGET_CHANGE = 50_00
"""Starting amounts (minor units) of the moves the data does not suggest; the user edits them."""


class Field(Static, can_focus=True):
    """A small value edited in place: digits (and `.`, `-` where allowed) and backspace.

    Any other key goes on to the screen and the app, so the footer's keys work while a field has
    the focus. The first character typed after the field gets the focus replaces the whole
    value; backspace takes off the last character.
    """

    DEFAULT_CSS = """
    Field { width: auto; min-width: 8; height: 1; padding: 0 1; background: $boost; }
    Field:focus { background: $accent 40%; text-style: bold; }
    """

    class Changed(Message):
        """A field (or the loan choice) now says something else: the table follows."""

        def __init__(self, field: Widget) -> None:
            super().__init__()
            self.field = field

    def __init__(self, value: str, allowed: str, *, width: int, id: str) -> None:
        super().__init__(id=id)
        self.value = value
        self.allowed = allowed
        self.styles.min_width = width
        self._fresh = False

    def on_mount(self) -> None:
        self._show()

    def on_focus(self) -> None:
        self._fresh = True
        self._show()

    def on_blur(self) -> None:
        self._fresh = False
        self._show()

    def _show(self) -> None:
        cursor = "▏" if self.has_focus else ""
        self.update(Content(self.value + cursor))

    def set_value(self, value: str) -> None:
        self.value = value
        self._show()
        self.post_message(self.Changed(self))

    def on_key(self, event: events.Key) -> None:
        if event.key == "backspace":
            value = self.value[:-1]
        elif event.character is not None and event.character in self.allowed:
            value = event.character if self._fresh else self.value + event.character
        else:
            return
        event.stop()
        event.prevent_default()
        self._fresh = False
        self.set_value(value)


class LoanChoice(Static, can_focus=True):
    """Which loan to restructure: `←` / `→` pick the previous or next one."""

    DEFAULT_CSS = """
    LoanChoice { width: auto; height: 1; padding: 0 1; background: $boost; }
    LoanChoice:focus { background: $accent 40%; text-style: bold; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "pick(-1)", N_("Previous loan"), show=False),
        Binding("right", "pick(1)", N_("Next loan"), show=False),
    ]

    def __init__(self, names: tuple[str, ...], *, id: str) -> None:
        super().__init__(id=id)
        self.names = names
        self.index = 0

    @property
    def value(self) -> str:
        return self.names[self.index] if self.names else ""

    def on_mount(self) -> None:
        self._show()

    def set_names(self, names: tuple[str, ...]) -> None:
        current = self.value
        self.names = names
        self.index = names.index(current) if current in names else 0
        self._show()

    def _show(self) -> None:
        arrows = "◂ " if len(self.names) > 1 else ""
        after = " ▸" if len(self.names) > 1 else ""
        self.update(Content.assemble(arrows, literal(self.value or _("no open loan")), after))

    def action_pick(self, step: int) -> None:
        if len(self.names) > 1:
            self.index = (self.index + step) % len(self.names)
            self._show()
            self.post_message(Field.Changed(self))


class Words(Static, can_focus=True):
    """A move with nothing to type (the cuts): focusable, so it can be toggled and opened."""

    DEFAULT_CSS = """
    Words { width: auto; height: 1; padding: 0 1; }
    Words:focus { background: $accent 40%; text-style: bold; }
    """
    value = ""


class MoveRow(Horizontal):
    """One move of the checklist: on or off, its amounts, and what it comes to (or why not)."""

    DEFAULT_CSS = """
    MoveRow { height: 1; }
    MoveRow:focus-within { background: $boost; }
    MoveRow .check { width: 4; }
    MoveRow .title { width: 16; }
    MoveRow .words { padding: 0 1; width: auto; color: $text-muted; }
    MoveRow .note { padding: 0 1; width: 1fr; color: $text-muted; }
    MoveRow.-on .check { color: $success; text-style: bold; }
    MoveRow.-on .title { text-style: bold; }
    MoveRow .note.-error { color: $text-error; }
    """

    def __init__(self, kind: MoveKind, parts: list[Static | str]) -> None:
        super().__init__(id=f"move-{kind.value}")
        self.kind = kind
        self.parts = parts

    def compose(self) -> ComposeResult:
        yield Static(Content("[ ]"), classes="check")
        yield Static(_(MOVE_TITLES[self.kind]), classes="title")
        for part in self.parts:
            yield Static(part, classes="words") if isinstance(part, str) else part
        yield Static(classes="note")

    def show(self, on: bool, note: Content | str, *, error: bool = False) -> None:
        self.set_class(on, "-on")
        self.query_one(".check", Static).update(Content("[x]" if on else "[ ]"))
        label = self.query_one(".note", Static)
        label.update(note)
        label.set_class(error, "-error")

    @property
    def fields(self) -> list[Field | LoanChoice | Words]:
        return [part for part in self.parts if isinstance(part, Field | LoanChoice | Words)]


class TableRow(Struct, frozen=True):
    label: str
    outcome: Outcome | None
    """None: the minimum-only baseline, whose figures come from the report itself."""


class WhatIfScreen(DebtCoachScreen):
    TITLE_TEXT = N_("What if")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space",
            "toggle_move",
            N_("On/off"),
            priority=True,
            id="whatif.toggle",
            tooltip=N_("Try the highlighted move, or leave it out"),
        ),
        Binding(
            "enter",
            "make_real",
            N_("Make it real"),
            id="whatif.make_real",
            tooltip=N_("Open the screen where the highlighted move is really made"),
        ),
        Binding(
            "v",
            "toggle_view",
            N_("Table / chart"),
            id="whatif.view",
            tooltip=N_("Show the chart of the chosen moves, or the table"),
        ),
        # Priority, as `space`: the focus moves when the key arrives, so keys typed right after
        # it (a paste, a fast typist) go to the field it moved to, not the one it left.
        Binding("up", "row(-1)", N_("Previous move"), show=False, priority=True, id="whatif.up"),
        Binding("down", "row(1)", N_("Next move"), show=False, priority=True, id="whatif.down"),
        Binding("tab", "app.focus_next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True),
    ]

    DEFAULT_CSS = """
    WhatIfScreen #wi-intro { height: 1; color: $text-muted; }
    WhatIfScreen #wi-moves { height: auto; margin-bottom: 1; }
    WhatIfScreen #wi-problems { height: auto; color: $text-error; margin-bottom: 1; }
    WhatIfScreen #wi-problems.-empty { display: none; }
    WhatIfScreen #wi-table { height: auto; }
    WhatIfScreen #wi-chart { height: 1fr; min-height: 10; }
    WhatIfScreen.-short.-show-table #wi-chart { display: none; }
    WhatIfScreen.-short.-show-chart #wi-table { display: none; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.turned_on: dict[MoveKind, bool] = dict.fromkeys(MoveKind, False)
        self.report: WhatIf | None = None
        self.problems: dict[MoveKind, str] = {}
        self.show_chart = False

    # -- layout ---------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        from textual_plotext import PlotextPlot  # lazy: only when the chart is first shown

        app = self.coach_app
        household, today = app.household, app.today
        first = month_label(first_plan_month(today))
        suggested = suggested_moves(household, today)
        kinds = {move.kind for move in suggested}
        self.turned_on = {kind: kind in kinds for kind in MoveKind}
        relatives = next((m for m in suggested if isinstance(m, Relatives)), None)
        relatives_amount = relatives.amount if relatives is not None else None
        loans = restructure_candidates(household)

        def amount(value: Money | None, default: int) -> str:
            return str(value if value is not None else Money(default, household.currency))

        owes = household.open_loans or any(f.balance.minor for f in household.family_loans)
        yield Static(
            _("What if: moves tried on a copy of your data. Nothing here is saved.")
            if owes
            else _("What if: nothing is owed at the moment, so no move changes anything."),
            id="wi-intro",
        )
        with Vertical(id="wi-moves"):
            yield MoveRow(
                MoveKind.RESTRUCTURE,
                [
                    LoanChoice(loans, id="wi-loan"),
                    Field(
                        str(CREDIT_CARD_MAX_INSTALLMENTS),
                        "0123456789",
                        width=5,
                        id="wi-installments",
                    ),
                    _("installments"),
                ],
            )
            yield MoveRow(
                MoveKind.SIDE_INCOME,
                [
                    Field(
                        amount(None, DEFAULT_SIDE_INCOME),
                        "0123456789.",
                        width=10,
                        id="wi-side-amount",
                    ),
                    _("a month from"),
                    Field(first, "0123456789-", width=9, id="wi-side-month"),
                ],
            )
            yield MoveRow(MoveKind.CUTS, [Words(id="wi-cuts")])
            yield MoveRow(
                MoveKind.RELATIVES,
                [
                    Field(
                        amount(relatives_amount, DEFAULT_RELATIVES),
                        "0123456789.",
                        width=10,
                        id="wi-relatives-amount",
                    ),
                    pgettext("in a month", "in"),
                    Field(first, "0123456789-", width=9, id="wi-relatives-month"),
                ],
            )
            yield MoveRow(
                MoveKind.BUDGET_CHANGE,
                [
                    Field(
                        amount(None, DEFAULT_BUDGET_CHANGE),
                        "0123456789.-",
                        width=10,
                        id="wi-budget",
                    ),
                    _("a month"),
                ],
            )
        yield Static(id="wi-problems")
        yield Static(id="wi-table")
        yield PlotextPlot(id="wi-chart")

    def on_mount(self) -> None:
        super().on_mount()
        self._fit_height(self.app.size.height)
        self.rows[0].fields[0].focus()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self.focused is None:
            self.rows[0].fields[0].focus()

    def on_resize(self, event: events.Resize) -> None:
        super().on_resize(event)
        self._fit_height(event.size.height)

    def _fit_height(self, height: int) -> None:
        self.set_class(height < TALL_ENOUGH_FOR_BOTH, "-short")
        self.set_class(not self.show_chart, "-show-table")
        self.set_class(self.show_chart, "-show-chart")
        self.refresh_bindings()

    @property
    def rows(self) -> list[MoveRow]:
        return list(self.query(MoveRow))

    def current_row(self) -> MoveRow | None:
        return next((row for row in self.rows if row.has_focus_within), None)

    # -- the moves as typed ---------------------------------------------------------------

    def value(self, field_id: str) -> str:
        widget = self.query_one(f"#{field_id}")
        assert isinstance(widget, Field | LoanChoice | Words)
        return widget.value

    def move(self, kind: MoveKind) -> Move:
        """The move as its fields say; `WhatIfError` (or a parse error) when they do not."""
        currency = self.coach_app.household.currency
        if kind == MoveKind.RESTRUCTURE:
            if not self.value("wi-loan"):
                raise ValueError(_("no open loan to stretch"))
            installments = self.value("wi-installments")
            if not installments.isdigit() or int(installments) < 1:
                raise ValueError(_("type a number of installments"))
            return Restructure(self.value("wi-loan"), int(installments))
        if kind == MoveKind.SIDE_INCOME:
            return SideIncome(
                parse_money(self.value("wi-side-amount"), currency),
                parse_month(self.value("wi-side-month")),
            )
        if kind == MoveKind.CUTS:
            return Cuts()
        if kind == MoveKind.RELATIVES:
            return Relatives(
                parse_money(self.value("wi-relatives-amount"), currency),
                parse_month(self.value("wi-relatives-month")),
            )
        return BudgetChange(parse_money(self.value("wi-budget"), currency, allow_negative=True))

    def chosen(self) -> list[Move]:
        """The moves that are on and can be tried; each other one's reason in `problems`."""
        household, today = self.coach_app.household, self.coach_app.today
        self.problems = {}
        moves = []
        for kind in MoveKind:
            try:
                move = self.move(kind)
                move.apply(household, today)
            except (WhatIfError, MoneyError, DateError, ValueError) as exc:
                self.problems[kind] = _reason(exc)
                continue
            if self.turned_on[kind]:
                moves.append(move)
        return moves

    # -- data -----------------------------------------------------------------------------

    def refresh_data(self, household: Household) -> None:
        self.query_one("#wi-loan", LoanChoice).set_names(restructure_candidates(household))
        moves = self.chosen()
        ledger = self.coach_app.ledger
        while True:
            try:
                self.report = ledger.what_if(moves, household, keep_schedule=True)
                break
            except WhatIfError as exc:  # only "together" can refuse a move each alone allows
                self.problems[exc.move.kind] = exc.message
                moves = [move for move in moves if move is not exc.move]
        self._rows(household)
        self._problems()
        self._table(household)
        self._draw(household)

    def _rows(self, household: Household) -> None:
        results = {r.moves[0].kind: r for r in self.report.moves} if self.report else {}
        for row in self.rows:
            kind = row.kind
            problem = self.problems.get(kind)
            if kind == MoveKind.CUTS:
                self._cuts_words(household)
            if problem is not None and kind == MoveKind.CUTS:
                row.show(False, "")
                continue
            if problem is not None:
                row.show(False, Content(_("not possible, see below")), error=True)
                continue
            result = results.get(kind)
            note = self._effect(result) if result is not None else Content(_("off"))
            row.show(self.turned_on[kind], note)

    def _problems(self) -> None:
        """Why a move cannot be tried, for each move the user can change (cuts that are all on
        already are said on their row)."""
        lines = [
            _("{move}: {problem}.").format(move=_(MOVE_TITLES[kind]), problem=problem)
            for kind, problem in self.problems.items()
            if kind != MoveKind.CUTS
        ]
        widget = self.query_one("#wi-problems", Static)
        widget.update(Content("\n".join(lines)))
        widget.set_class(not lines, "-empty")

    def _cuts_words(self, household: Household) -> None:
        cuts = cuts_not_yet_on(household.expenses)
        field = self.query_one("#wi-cuts", Words)
        if not cuts:
            field.update(_("none left to turn on"))
            return
        saving = Money(sum(e.possible_saving.minor for e in cuts), household.currency)
        what = cuts[0].name if len(cuts) == 1 else count(len(cuts), "cut")
        more = _(": +{saving} a month").format(saving=self.money(saving))
        field.update(Content.assemble(literal(what), more))

    def _effect(self, result: MoveResult) -> Content:
        """What one move saves (or costs) against the plan, interest and fees together; the
        months are in the table below."""
        difference = result.vs_plan
        if not result.outcome.feasible:
            return Content(_("the minimums still do not fit"))
        if difference.total_interest is None or difference.total_fees is None:
            return Content(_("makes the plan possible"))
        # A plan that never ends has fifty years of growing interest, no price to compare.
        if result.outcome.months is None:
            return Content(_("still never paid off"))
        plan = self.report.plan if self.report is not None else None
        if plan is not None and plan.months is None:
            return Content(
                _("debt-free by {month}").format(month=self.month(result.outcome.debt_free))
            )
        cost = difference.total_interest + difference.total_fees
        size = self.money(Money(abs(cost.minor), cost.currency))
        if cost.minor < 0:
            return Content(_("saves {amount}").format(amount=size))
        if cost.minor > 0:
            return Content(_("costs {amount} more").format(amount=size))
        return Content(_("same cost as the plan"))

    # -- the table ------------------------------------------------------------------------

    def money(self, amount: Money) -> str:
        return format_money(amount, self.coach_app.settings.locale)

    def month(self, label: str | None) -> str:
        if label is None:
            return _("never")
        return month_words(label, self.coach_app.settings.locale, "yMMM")

    def table_rows(self) -> list[TableRow]:
        report = self.report
        if report is None:
            return []
        rows = [TableRow(_(BASELINE_ROW), None), TableRow(_(PLAN_ROW), report.plan)]
        rows += [TableRow(_(MOVE_TITLES[r.moves[0].kind]), r.outcome) for r in report.moves]
        if report.together is not None and len(report.moves) > 1:
            rows.append(TableRow(_(TOGETHER_ROW), report.together.outcome))
        return rows

    def _table(self, household: Household) -> None:
        report = self.report
        assert report is not None
        behind = bool(report.behind_now)

        def line(label: str, cells: tuple[str, ...]) -> str:
            return (
                f"  {pad(label, 19)}{pad(cells[0], 10)}{pad(cells[1], 7, '>')}"
                f"{pad(cells[2], 12, '>')}{pad(cells[3], 10, '>')}"
                + (f"  {cells[4]}" if behind else "")
            )

        current = pgettext("caught up", "Current")
        head = line("", (_("Debt-free"), _("Months"), _("Interest"), _("Fees"), current))
        lines = [Content.styled(head, "bold $accent")]
        for row in self.table_rows():
            text = line(row.label, self._cells(report, row.outcome))
            chosen = self.chosen_result()
            if row.outcome is None:
                lines.append(Content.styled(text, "$text-muted"))
            elif chosen is not None and row.outcome is chosen.outcome:
                lines.append(Content.styled(text, "bold"))
            else:
                lines.append(Content(text))
        if behind:
            note = _("{current}: the last overdue loan is current again.").format(current=current)
            lines.append(Content.styled("  " + note, "$text-muted"))
        self.query_one("#wi-table", Static).update(Content("\n").join(lines))

    def _cells(self, report: WhatIf, outcome: Outcome | None) -> tuple[str, ...]:
        if outcome is None:
            baseline = report.baseline
            if baseline.months is None:
                return (_("never"), "—", "—", "—", self.month(report.baseline_current_from))
            return (
                self.month(baseline.debt_free),
                str(baseline.months),
                self.money(baseline.total_interest),
                self.money(baseline.total_fees),
                self.month(report.baseline_current_from),
            )
        if not outcome.feasible:
            return (_("short"), "—", "—", "—", "—")
        if outcome.months is None:
            return (_("never"), "—", "—", "—", self.month(outcome.current_from))
        return (
            self.month(outcome.debt_free),
            "—" if outcome.months is None else str(outcome.months),
            self.money(outcome.total_interest),
            self.money(outcome.total_fees),
            self.month(outcome.current_from),
        )

    # -- the chart ------------------------------------------------------------------------

    def chosen_result(self) -> MoveResult | None:
        report = self.report
        if report is None or not report.moves:
            return None
        return report.together if len(report.moves) > 1 else report.moves[0]

    def _draw(self, household: Household) -> None:
        plot: Any = self.query_one("#wi-chart")
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        report = self.report
        assert report is not None
        plan = report.plan.plan
        if not plan.feasible:
            plt.title(plot_safe(_("No plan now: the minimum payments do not fit the budget")))
            plot.refresh()
            return
        start = owed_now(plan)
        series = [_labelled(total_series(plan, start, PLAN_MARKER), _("the plan now"))]
        chosen = self.chosen_result()
        if chosen is not None and chosen.outcome.feasible:
            moved = total_series(chosen.outcome.plan, start, CHOSEN_MARKER)
            series.append(_labelled(moved, _("with the moves")))
        draw_owed(
            plt,
            series,
            history=self.coach_app.ledger.owed_history(household),
            today=self.coach_app.today,
            locale=self.coach_app.settings.locale,
            start=start,
            mark_ends=True,
            title=_("Total owed"),
        )
        plot.refresh()

    # -- actions --------------------------------------------------------------------------

    def on_field_changed(self, event: Field.Changed) -> None:
        self.refresh_data(self.coach_app.household)

    def action_toggle_move(self) -> None:
        row = self.current_row()
        if row is None:
            return
        kind = row.kind
        if not self.turned_on[kind] and kind in self.problems:
            move = _(MOVE_TITLES[kind])
            self.notify(
                _("{move}: {problem}").format(move=move, problem=self.problems[kind]), timeout=4
            )
            return
        self.turned_on[kind] = not self.turned_on[kind]
        self.refresh_data(self.coach_app.household)

    def action_row(self, step: int) -> None:
        rows = self.rows
        row = self.current_row()
        index = rows.index(row) if row is not None else -1
        target = rows[(index + step) % len(rows)]
        self.set_focus(target.fields[0])

    def action_toggle_view(self) -> None:
        self.show_chart = not self.show_chart
        self._fit_height(self.app.size.height)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_view":
            return self.has_class("-short")
        if action in ("toggle_move", "make_real") and self.has_class("-coach-open"):
            return False
        if action == "row" and self.focused is not None and self.current_row() is None:
            return False  # the keys belong to what has the focus (the coach's list)
        return super().check_action(action, parameters)

    async def action_make_real(self) -> None:
        """Open the screen where the highlighted move is really made (nothing is saved here)."""
        row = self.current_row()
        if row is None:
            return
        kind = row.kind
        app = self.coach_app
        if kind == MoveKind.RESTRUCTURE:
            loan = self.value("wi-loan")
            installments = self.value("wi-installments")
            if loan:
                app.push_screen(_restructure_screen(loan, installments))
            return
        if kind == MoveKind.RELATIVES:
            await self._open_family_form()
            return
        mode = {MoveKind.CUTS: "expenses"}.get(kind, "income")
        app.action_go(mode)

    async def _open_family_form(self) -> None:
        from debtcoach.ui.screens.family import FamilyScreen

        try:
            amount: Money | None = parse_money(
                self.value("wi-relatives-amount"), self.coach_app.household.currency
            )
        except MoneyError:
            amount = None
        await self.app.switch_mode("family")
        screen = self.app.screen
        if isinstance(screen, FamilyScreen):
            screen.offer_add(amount)


def _restructure_screen(loan: str, installments: str) -> DebtCoachScreen:
    """The restructure calculator for `loan`, opened at the installments tried here."""
    from debtcoach.domain.models import RestructureMode
    from debtcoach.ui.screens.restructure import RestructureScreen

    class StretchedRestructure(RestructureScreen):
        def _initial_inputs(self) -> tuple[str, RestructureMode, str]:
            return installments or super()._initial_inputs()[0], RestructureMode.ANNUITY, ""

    return StretchedRestructure(loan)


def _labelled(series: Series, label: str) -> Series:
    return Series(label, series.values, series.marker, series.end_month)


def _reason(exc: Exception) -> str:
    if isinstance(exc, WhatIfError):
        return exc.message
    return str(exc)
