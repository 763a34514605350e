"""The dashboard (`d`): the whole picture on one calm screen.

What is owed, what each month allows, when the debts end under the chosen strategy and how far
the household has come, what falls due in the next two weeks, which lender follow-ups are due,
and whether this week's check-in is done. Every number comes from a domain function.

On start it also carries this week's check-in offer (`ui/widgets/checkin_offer.py`): its keys
are the dashboard's while it shows, and it is gone once answered, once the dashboard is left for
another screen, or once the week is checked in.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from babel.dates import format_skeleton
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import ProgressBar, Static

from debtcoach.domain.budget import budget_breakdown, sum_of_minimums
from debtcoach.domain.calendar import iso_week
from debtcoach.domain.checkin import debt_progress, find_checkin
from debtcoach.domain.dashboard import (
    DUE_WINDOW_DAYS,
    checkin_done,
    checkin_streak,
    follow_ups_due,
    in_days,
    payoff_progress,
    total_owed,
    upcoming_due_dates,
)
from debtcoach.domain.models import Household, earliest_point
from debtcoach.domain.money import Money, format_money
from debtcoach.domain.plan_facts import past_due
from debtcoach.domain.text_rules import cells, pad, printable
from debtcoach.domain.wording import N_, _, count, month_words, strategy_name
from debtcoach.ui.screens.base import DebtCoachScreen
from debtcoach.ui.widgets.checkin_offer import CheckInOffer

LABEL = 20
AMOUNT = 13


class DashboardScreen(DebtCoachScreen):
    TITLE_TEXT = N_("Dashboard")

    DEFAULT_CSS = """
    DashboardScreen .heading { text-style: bold; color: $accent; }
    DashboardScreen .section { margin-bottom: 1; height: auto; }
    DashboardScreen #progress { margin-left: 2; }
    DashboardScreen #progress Bar { width: 1fr; max-width: 48; }
    DashboardScreen #body { layers: default offer; align: center middle; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        # Replaces the frame's single `escape` entry: closing the coach still comes first.
        Binding("escape", "close_coach", N_("Close coach"), id="coach.close"),
        # While this week's check-in is offered. `esc` skips too, unshown (the footer names
        # `s`) and without the id, so a keymap that moves `s` leaves it and the coach's `esc`.
        Binding("escape", "skip_checkin", N_("Skip for now"), show=False),
        Binding("enter,w", "start_checkin", N_("Start the check-in"), id="checkin.offer.start"),
        Binding("s", "skip_checkin", N_("Skip for now"), id="checkin.offer.skip"),
    ]

    def compose_body(self) -> ComposeResult:
        yield CheckInOffer()
        with VerticalScroll(id="dashboard"):
            yield Static(id="owed", classes="section")
            yield Static(id="start", classes="section")
            yield Static(id="monthly", classes="section")
            yield Static(id="past-due", classes="section")
            yield Static(id="debt-free", classes="heading")
            yield ProgressBar(id="progress", show_eta=False, show_percentage=False)
            yield Static(id="progress-text", classes="section")
            yield Static(id="due", classes="section")
            yield Static(id="follow-ups", classes="section")
            yield Static(id="checkin", classes="section")
            yield Static(id="recorded")

    # -- formatting -------------------------------------------------------------------------

    def money(self, amount: Money) -> str:
        return format_money(amount, self.coach_app.settings.locale)

    def day(self, value: date) -> str:
        locale = self.coach_app.settings.locale
        return str(format_skeleton("MMMEd", value, locale=locale))

    def full_date(self, value: date) -> str:
        locale = self.coach_app.settings.locale
        return str(format_skeleton("yMMMd", value, locale=locale))

    def month(self, label: str) -> str:
        return month_words(label, self.coach_app.settings.locale)

    def row(self, label: str, amount: Money, note: str = "") -> Content:
        return Content.assemble(
            f"  {pad(label, LABEL)}",
            (f"{self.money(amount):>{AMOUNT}}", "bold"),
            f"  {note}" if note else "",
        )

    # -- sections ---------------------------------------------------------------------------

    def refresh_data(self, household: Household) -> None:
        today = self.coach_app.today
        self._offer(household, today)
        self._start(household)
        self._owed(household)
        self._monthly(household, today)
        self._past_due(household, today)
        self._debt_free(household)
        self._due(household, today)
        self._follow_ups(household, today)
        self._checkin(household, today)
        self._recorded(household)

    # -- this week's check-in offer ----------------------------------------------------------

    def offered_week(self) -> str | None:
        """The week the start-up offer stands for while it shows: not once it is answered or
        the week has its check-in (saved here, by a script or in another session)."""
        week = self.coach_app.checkin_offer
        if week is None or find_checkin(self.coach_app.household, week) is not None:
            return None
        return week

    def _offer(self, household: Household, today: date) -> None:
        offer = self.query_one(CheckInOffer)
        week = self.offered_week()
        offer.display = week is not None
        if week is not None:
            offer.show(week, checkin_streak(household, today))
        self.refresh_bindings()

    @on(events.ScreenResume)
    def _hide_answered_offer(self) -> None:
        """Back from another screen: going there answered the offer (`app.action_go`)."""
        if self.offered_week() is None:
            self._end_offer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("start_checkin", "skip_checkin"):
            return self.offered_week() is not None
        if action == "toggle_coach" and self.offered_week() is not None:
            return False  # the offer's question first: `c` is not offered while it shows
        return super().check_action(action, parameters)

    def action_start_checkin(self) -> None:
        """The check-in screen, on the offered week (as `w` then `enter` on it)."""
        from debtcoach.ui.screens.checkin import CheckInScreen

        week = self.offered_week()
        self._end_offer()
        if week is None:
            return
        self.coach_app.action_go("checkin")
        screen = self.app.screen
        if isinstance(screen, CheckInScreen):
            screen.request_start(week)

    def action_skip_checkin(self) -> None:
        self._end_offer()

    def _end_offer(self) -> None:
        self.coach_app.checkin_offer = None
        if self.is_mounted:
            self.query_one(CheckInOffer).display = False
        self.refresh_bindings()

    # -- the figures --------------------------------------------------------------------------

    def _start(self, household: Household) -> None:
        """On a file with nothing owed in it yet: where to begin, instead of empty figures."""
        starting = not household.loans and not household.family_loans
        # Figures that only mean something once a debt is recorded step aside meanwhile.
        hidden = (
            "#monthly",
            "#past-due",
            "#debt-free",
            "#progress",
            "#progress-text",
            "#due",
            "#follow-ups",
        )
        for selector in (*hidden, "#checkin"):
            self.query_one(selector).display = not starting
        start = self.query_one("#start", Static)
        start.display = starting
        if not starting:
            return

        def step(keys: str, what: str, count: int = 0) -> Content:
            added = _("  ({count} added)").format(count=count)
            return Content.assemble(
                "  ",
                (pad(keys, 10), "bold"),
                what,
                (added, "$text-muted") if count else "",
            )

        then_a = _("{key} then a")
        lines = [
            Content.styled(_("Getting started: nothing is recorded yet"), "bold $accent"),
            step(then_a.format(key="l"), _("your loans: banks, cards, online platforms")),
            step(
                then_a.format(key="o"),
                _("your income: pay and any side income"),
                len(household.income),
            ),
            step(
                then_a.format(key="t"),
                _("your monthly expenses and the cuts you plan"),
                len(household.expenses),
            ),
            step(then_a.format(key="f"), _("money borrowed from family or friends")),
            step("w", _("then, once a week, the check-in · ? every key")),
        ]
        start.update(Content("\n").join(lines))

    def _owed(self, household: Household) -> None:
        owed = total_owed(household)
        loans = len(household.open_loans)
        people = sum(1 for item in household.family_loans if item.balance.minor > 0)
        lines = [
            Content.assemble((_("Owed in total") + "  ", "bold"), (self.money(owed.total), "bold")),
            self.row(_("Institutions"), owed.institutions, count(loans, "loan")),
            self.row(_("Family & friends"), owed.family, count(people, "person", "people")),
        ]
        self.query_one("#owed", Static).update(Content("\n").join(lines))

    def _monthly(self, household: Household, today: date) -> None:
        budget = budget_breakdown(household, today).debt_budget
        minimums = sum_of_minimums(household.loans, household.currency)
        room = budget - minimums
        if room.is_negative:
            gap = Content.assemble(
                ("  " + _("Short by") + " ", "bold"), (self.money(-room), "bold $error")
            )
            note = _("the budget does not cover the minimums")
        else:
            gap = self.row(_("Left for the plan"), room)
            note = ""
        lines = [
            Content.styled(_("Each month"), "bold $accent"),
            self.row(_("Debt budget"), budget),
            self.row(_("Minimum payments"), minimums),
            gap if not note else Content.assemble(gap, f" — {note}"),
        ]
        self.query_one("#monthly", Static).update(Content("\n").join(lines))

    def _past_due(self, household: Household, today: date) -> None:
        """What is past due now on the loans behind, and when the plan brings each current."""
        facts = past_due(household, today, self.coach_app.plan)
        widget = self.query_one("#past-due", Static)
        if not household.loans and not household.family_loans:
            return  # the getting-started view decides what shows
        widget.display = facts is not None
        if facts is None:
            return
        lines = [Content.styled(_("Past due now"), "bold $accent")]
        for loan in facts.loans:
            when = (
                _("current again in {month}").format(month=self.month(loan.current_again))
                if loan.current_again
                else _("not current at this budget")
            )
            lines.append(self.row(loan.name, loan.arrears, when))
        if len(facts.loans) > 1:
            cleared = (
                _("cleared by {month}").format(month=self.month(facts.cleared))
                if facts.cleared
                else ""
            )
            lines.append(self.row(_("All past due"), facts.total, cleared))
        if facts.fees.minor:
            lines.append(self.row(_("Late fees until then"), facts.fees))
        widget.update(Content("\n").join(lines))

    def _debt_free(self, household: Household) -> None:
        plan = self.coach_app.plan
        strategy = strategy_name(plan.strategy.value)
        if not plan.feasible:
            headline = _(
                "Debt-free: not yet planned — the minimums do not fit ({strategy})"
            ).format(strategy=strategy)
        elif (plan.months is None or plan.debt_free is None) and not household.income:
            # Nothing comes in yet, so nothing can be planned: say what is missing.
            headline = _("Debt-free: not planned yet — add your income (press o)")
        elif plan.months is None or plan.debt_free is None:
            headline = _("Debt-free: not within 50 years at this budget ({strategy})").format(
                strategy=strategy
            )
        elif plan.months == 0:
            headline = _("Debt-free: nothing is owed")
        else:
            headline = _("Debt-free in {month} · {months} · {strategy}").format(
                month=self.month(plan.debt_free),
                months=count(plan.months, "month"),
                strategy=strategy,
            )
        self.query_one("#debt-free", Static).update(headline)
        progress = payoff_progress(household)
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=max(progress.start.minor, 1), progress=progress.paid.minor)
        since = earliest_point(household.balances)
        of = (
            _(" of {start} since {day} ({percent}%)").format(
                start=self.money(progress.start),
                day=self.full_date(since),
                percent=progress.percent,
            )
            if since is not None
            else _(" of {start} ({percent}%)").format(
                start=self.money(progress.start), percent=progress.percent
            )
        )
        self.query_one("#progress-text", Static).update(
            Content.assemble("  " + _("Paid") + " ", (self.money(progress.paid), "bold"), of)
        )

    def _due(self, household: Household, today: date) -> None:
        due = upcoming_due_dates(household.loans, today, checkins=household.checkins)
        lines = [
            Content.styled(
                _("Due in the next {days} days").format(days=DUE_WINDOW_DAYS), "bold $accent"
            )
        ]
        if not due:
            lines.append(Content("  " + _("Nothing falls due.")))
        width = max((cells(printable(d.name)) for d in due), default=0)
        for item in due:
            if item.is_paid:
                note = Content.styled(_(" · paid"), "bold $success")
            elif item.paid.minor:
                note = Content(_(" · {amount} paid already").format(amount=self.money(item.paid)))
            else:
                note = Content("")
            lines.append(
                Content.assemble(
                    f"  {pad(printable(item.name), width)}  ",
                    (f"{self.money(item.paid if item.is_paid else item.amount):>{AMOUNT}}", "bold"),
                    f"  {self.day(item.on)}{_(', ')}",
                    (in_days(item.days), "bold"),
                    note,
                    (_("  (overdue loan)"), "$warning") if item.overdue else "",
                )
            )
        self.query_one("#due", Static).update(Content("\n").join(lines))

    def _follow_ups(self, household: Household, today: date) -> None:
        due = follow_ups_due(household.contacts, today)
        lines = [Content.styled(_("Lender follow-ups"), "bold $accent")]
        if not due:
            lines.append(Content("  " + _("None due this week.")))
        for item in due:
            when = in_days(item.days)
            lines.append(
                Content.assemble(
                    f"  {printable(item.loan)}",
                    f" · {printable(item.who)}" if item.who else "",
                    f" · {self.day(item.on)}{_(', ')}",
                    (when, "bold $warning" if item.days < 0 else "bold"),
                )
            )
        self.query_one("#follow-ups", Static).update(Content("\n").join(lines))

    def _checkin(self, household: Household, today: date) -> None:
        week = iso_week(today)
        streak = checkin_streak(household, today)
        streak_text = _(" · {weeks} in a row").format(weeks=count(streak, "week")) if streak else ""
        this_week = _("This week ({week}): ").format(week=week)
        if checkin_done(household, today):
            text = Content.assemble((this_week, "bold $accent"), _("check-in done"), streak_text)
        else:
            text = Content.assemble(
                (this_week, "bold $accent"),
                _("check-in not done yet — press "),
                ("w", "bold reverse"),
                streak_text,
            )
        self.query_one("#checkin", Static).update(text)

    def _recorded(self, household: Household) -> None:
        """Balances as recorded by the check-ins against where the plan takes them next month."""
        plan = self.coach_app.plan
        debts = [
            d for d in debt_progress(household, plan) if d.first is not None or d.now.minor > 0
        ]
        next_month = plan.schedule[0].date if plan.schedule else None
        title = _("Recorded balances vs the plan")
        if next_month:
            title += _(" (plan: end of {month})").format(month=self.month(next_month))
        lines = [Content.styled(title, "bold $accent")]
        if not debts:
            lines.append(Content("  " + _("Nothing recorded yet.")))
        else:
            width = max(cells(printable(d.name)) for d in debts)
            first, now, planned = _("first seen"), _("now"), _("plan")
            lines.append(
                Content.styled(
                    f"  {pad('', width)}  {pad(first, AMOUNT, '>')}"
                    f"  {pad(now, AMOUNT, '>')}  {pad(planned, AMOUNT, '>')}",
                    "dim",
                )
            )
            for debt in debts:
                first = self.money(debt.first) if debt.first is not None else "-"
                planned = self.money(debt.planned_next) if debt.planned_next is not None else "-"
                lines.append(
                    Content.assemble(
                        f"  {pad(printable(debt.name), width)}  {first:>{AMOUNT}}  ",
                        (f"{self.money(debt.now):>{AMOUNT}}", "bold"),
                        f"  {planned:>{AMOUNT}}",
                    )
                )
        self.query_one("#recorded", Static).update(Content("\n").join(lines))
