"""The weekly check-in as pure functions: apply a week's payments, undo them, summarise the week.

A check-in is applied as a *transition* from the week's previous version (or none) to the new one
(or none, for an undo): the old payments are reversed first, to the cent, then the new ones are
applied. So saving a week twice is the same as saving it once, and `undo(apply(h, x)) == h`.

- A payment to a loan lowers its balance; a loan paid down to 0 becomes `paid_off`, and the check-in
  remembers the status it had (`CheckIn.closed`) so a correction that reopens it restores it.
- A payment to a family lender becomes a `FamilyRepayment` dated the check-in's date.
- A payment above what is still owed is refused (`CheckInError`), naming the debt and the amounts.
- The balance history gets one point per debt for the week (source `checkin:YYYY-Www`): the
  balance after this week's payments, i.e. today's balance plus what later weeks paid. A
  correction also shifts the points of later weeks by the difference, so history stays exact.
  Points written by older versions with the bare week as their source count as the same week.

Names in `paid` are loan names first, family lenders second (a loan wins if both exist).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal

from msgspec import Struct
from msgspec.structs import replace

from debtcoach.domain.calendar import (
    DateError,
    as_pendulum,
    iso_week,
    parse_month,
    parse_week,
    previous_week,
    week_monday,
)
from debtcoach.domain.models import (
    BalanceEntry,
    BalanceGroup,
    BalanceHistory,
    CheckIn,
    FamilyLoan,
    FamilyRepayment,
    Household,
    Loan,
    LoanStatus,
)
from debtcoach.domain.money import Money, format_money, round_half_up
from debtcoach.domain.payoff import PayoffPlan
from debtcoach.domain.text_rules import pad
from debtcoach.domain.wording import N_, _, count, label, month_words, names

SOURCE_PREFIX = "checkin:"
_WEEKS_PER_YEAR = Decimal(52)
_MONTHS_PER_YEAR = Decimal(12)
_ONE_WEEK = timedelta(weeks=1)


class CheckInError(ValueError):
    """A check-in that cannot be applied (unknown name, overpayment); the message says why."""


# -- names, weeks and sources ----------------------------------------------------------------


def checkin_source(week: str) -> str:
    """The balance-history source of a week's check-in (checkin:2026-W48)."""
    return f"{SOURCE_PREFIX}{week}"


def source_week(source: str) -> str | None:
    """The ISO week a balance-history source belongs to, or None if not a check-in's."""
    text = source.removeprefix(SOURCE_PREFIX)
    try:
        return parse_week(text) if text == text.strip().upper() else None
    except DateError:
        return None


def week_dates(week: str) -> tuple[date, date]:
    """Monday and Sunday of an ISO week."""
    monday = week_monday(week)
    return monday, monday.add(days=6)


def future_week_problem(week: str, today: date) -> str | None:
    """A check-in is for a week that has begun: one after today's is refused (a normalised
    `week`, as `parse_week` gives it)."""
    if week > iso_week(today):
        return _("week {week} has not started yet (this week is {now})").format(
            week=week, now=iso_week(today)
        )
    return None


def checkin_date(week: str, today: date, previous: CheckIn | None = None) -> date:
    """The date a check-in carries: a correction keeps its date; this week is today; a past
    week that was missed is dated its Sunday. A week after today's is refused.
    """
    if previous is not None:
        return previous.on
    problem = future_week_problem(week, today)
    if problem is not None:
        raise CheckInError(problem)
    if week == iso_week(today):
        return today
    return week_dates(week)[1]


def is_loan(household: Household, name: str) -> bool:
    return household.loan(name) is not None


def payees(household: Household) -> tuple[str, ...]:
    """Everything a check-in can pay: the loans, then the family lenders."""
    return tuple(loan.name for loan in household.loans) + tuple(
        item.lender for item in household.family_loans if not is_loan(household, item.lender)
    )


def validate_checkin(household: Household, checkin: CheckIn) -> None:
    """Refuse unknown names and negative amounts before anything is applied."""
    try:
        parse_week(checkin.week)
    except DateError as exc:
        raise CheckInError(str(exc)) from None
    tables: tuple[tuple[str, Mapping[str, Money], set[str], str], ...] = (
        ("paid", checkin.paid, set(payees(household)), N_("a loan or a family lender")),
        ("received", checkin.received, {x.name for x in household.income}, N_("an income source")),
        ("spent", checkin.spent, {x.name for x in household.expenses}, N_("an expense")),
    )
    for what, amounts, known, kind in tables:
        for name, amount in amounts.items():
            if name not in known:
                raise CheckInError(
                    _("{what}: {name!r} is not {kind}").format(
                        what=label(what), name=name, kind=_(kind)
                    )
                )
            if amount.minor < 0:
                raise CheckInError(
                    _("{what}: {name} must not be negative").format(what=label(what), name=name)
                )
            if amount.currency != household.currency:
                raise CheckInError(
                    _("{what}: {name} is in {found}, not {expected}").format(
                        what=label(what),
                        name=name,
                        found=amount.currency,
                        expected=household.currency,
                    )
                )


# -- apply and undo ------------------------------------------------------------------------------


def find_checkin(household: Household, week: str) -> CheckIn | None:
    return next((c for c in household.checkins if c.week == week), None)


def apply_checkin(household: Household, checkin: CheckIn) -> tuple[Household, CheckIn]:
    """The household after saving `checkin`, replacing the week's earlier version exactly.

    Returns the new household and the check-in as stored (with `closed` filled in).
    """
    validate_checkin(household, checkin)
    previous = find_checkin(household, checkin.week)
    return _transition(household, previous, replace(checkin, closed={}))


def undo_checkin(household: Household, week: str) -> Household:
    """The household as if the week had never been checked in (payments and history reversed)."""
    previous = find_checkin(household, week)
    if previous is None:
        return household
    result, _ = _transition(household, previous, None)
    return result


def _transition(
    household: Household, old: CheckIn | None, new: CheckIn | None
) -> tuple[Household, CheckIn]:
    week = (new or old).week  # type: ignore[union-attr]
    locale = household.settings.locale
    loans: dict[str, Loan] = {loan.name: loan for loan in household.loans}
    family: dict[str, FamilyLoan] = {item.lender: item for item in household.family_loans}

    if old is not None:
        for name, amount in old.paid.items():
            if amount.minor == 0:
                continue
            if name in loans:
                loans[name] = _reopen(loans[name], amount, old.closed.get(name))
            elif name in family:
                family[name] = _drop_repayment(family[name], FamilyRepayment(old.on, amount))

    closed: dict[str, LoanStatus] = {}
    if new is not None:
        for name, amount in new.paid.items():
            if amount.minor == 0:
                continue
            if name in loans:
                loan = loans[name]
                _refuse_overpayment(name, amount, loan.balance, locale)
                balance = loan.balance - amount
                status = loan.status
                if balance.minor == 0 and status != LoanStatus.PAID_OFF:
                    closed[name] = status
                    status = LoanStatus.PAID_OFF
                loans[name] = replace(loan, balance=balance, status=status)
            else:
                item = family[name]
                _refuse_overpayment(name, amount, item.balance, locale)
                repayment = FamilyRepayment(new.on, amount)
                family[name] = replace(item, repayments=(*item.repayments, repayment))

    stored = None if new is None else replace(new, closed=closed)
    checkins = [c for c in household.checkins if c.week != week]
    if stored is not None:
        checkins.append(stored)
        checkins.sort(key=lambda c: c.week)
    new_loans = tuple(loans[loan.name] for loan in household.loans)
    new_family = tuple(family[item.lender] for item in household.family_loans)
    balances = _history(household, week, old, stored, new_loans, new_family, checkins)
    result = replace(
        household,
        loans=new_loans,
        family_loans=new_family,
        checkins=tuple(checkins),
        balances=balances,
    )
    return result, stored if stored is not None else old  # type: ignore[return-value]


def _refuse_overpayment(name: str, amount: Money, owed: Money, locale: str) -> None:
    if amount.minor > owed.minor:
        raise CheckInError(
            _("paid {name}: {amount} is more than the {owed} still owed").format(
                name=name, amount=format_money(amount, locale), owed=format_money(owed, locale)
            )
        )


def _reopen(loan: Loan, amount: Money, status_before: LoanStatus | None) -> Loan:
    status = loan.status
    if status_before is not None and status == LoanStatus.PAID_OFF:
        status = status_before
    return replace(loan, balance=loan.balance + amount, status=status)


def _drop_repayment(item: FamilyLoan, repayment: FamilyRepayment) -> FamilyLoan:
    repayments = list(item.repayments)
    for index in range(len(repayments) - 1, -1, -1):
        if repayments[index] == repayment:
            del repayments[index]
            break
    return replace(item, repayments=tuple(repayments))


def _paid_to(checkin: CheckIn | None, name: str, household: Household, family: bool) -> int:
    if checkin is None or name not in checkin.paid:
        return 0
    if family == is_loan(household, name):
        return 0
    return checkin.paid[name].minor


def _history(
    household: Household,
    week: str,
    old: CheckIn | None,
    new: CheckIn | None,
    loans: Sequence[Loan],
    family: Sequence[FamilyLoan],
    checkins: Sequence[CheckIn],
) -> Sequence[BalanceEntry]:
    """The history without the week's old points (later weeks shifted), plus its new ones.

    A history read from a file stays in its groups: the weeks before this one are kept as they
    are, unbuilt, so a save does not cost more with every year of check-ins.
    """
    weeks: dict[str, str | None] = {}  # a source per week: parse each once, not once per point

    def week_of(source: str) -> str | None:
        if source not in weeks:
            weeks[source] = source_week(source)
        return weeks[source]

    def delta(name: str, is_family: bool) -> int:
        return _paid_to(new, name, household, is_family) - _paid_to(old, name, household, is_family)

    added: list[BalanceEntry] = []
    if new is not None:
        later = [c for c in checkins if c.week > week]

        def balance_then(name: str, now: Money, is_family: bool) -> Money:
            paid_later = sum(_paid_to(c, name, household, is_family) for c in later)
            return Money(now.minor + paid_later, now.currency)

        source = checkin_source(week)
        for loan in loans:
            # Which debts a week records depends on the new version alone (an earlier version's
            # payments have been reversed by now): saving a week twice writes the same history.
            if loan.is_open or loan.name in new.paid:
                then = balance_then(loan.name, loan.balance, False)
                added.append(BalanceEntry(loan.name, new.on, then, source))
        for item in family:
            if is_loan(household, item.lender):
                continue
            if item.balance.minor > 0 or item.lender in new.paid:
                then = balance_then(item.lender, item.balance, True)
                added.append(BalanceEntry(item.lender, new.on, then, source, family=True))

    if isinstance(household.balances, BalanceHistory):
        groups: list[BalanceGroup] = []
        for group in household.balances.groups:
            group_week = week_of(group.source)
            if group_week == week:
                continue
            if group_week is not None and group_week > week:
                group = replace(
                    group,
                    loans=tuple((n, max(m - delta(n, False), 0)) for n, m in group.loans),
                    family=tuple((n, max(m - delta(n, True), 0)) for n, m in group.family),
                )
            groups.append(group)
        if added:
            groups.append(
                BalanceGroup(
                    added[0].source,
                    added[0].on,
                    household.currency,
                    tuple((e.name, e.balance.minor) for e in added if not e.family),
                    tuple((e.name, e.balance.minor) for e in added if e.family),
                )
            )
        return BalanceHistory(groups)

    kept: list[BalanceEntry] = []
    for entry in household.balances:
        entry_week = week_of(entry.source)
        if entry_week == week:
            continue
        if entry_week is not None and entry_week > week:
            shift = delta(entry.name, entry.family)
            if shift:
                shifted = max(entry.balance.minor - shift, 0)
                entry = replace(entry, balance=Money(shifted, entry.balance.currency))
        kept.append(entry)
    return (*kept, *added)


# -- what is due, what was expected --------------------------------------------------------------


def due_date_in_week(loan: Loan, week: str) -> date | None:
    """The day of the week the open loan falls due on (its due day, clamped at month ends)."""
    if not loan.is_open or loan.due_day is None:
        return None
    monday = week_monday(week)
    for offset in range(7):
        day = monday.add(days=offset)
        if min(loan.due_day, day.days_in_month) == day.day:
            return day
    return None


def due_in_week(loan: Loan, week: str) -> Money | None:
    """The scheduled payment if the loan's due day falls in the week (month ends clamp), capped at
    the balance; None when nothing falls due.
    """
    if due_date_in_week(loan, week) is None:
        return None
    payment = loan.scheduled_payment
    return payment if payment.minor <= loan.balance.minor else loan.balance


def previous_due_date(due_day: int, due_on: date) -> date:
    """The due date one month before `due_on` (the due day clamped to that month's length)."""
    month = as_pendulum(due_on).replace(day=1).subtract(months=1)
    return month.replace(day=min(due_day, month.days_in_month))


def paid_this_cycle(loan: Loan, due_on: date, checkins: Iterable[CheckIn]) -> Money:
    """What check-ins recorded for `loan` toward the payment due on `due_on`.

    A check-in records a week, not a day, so the cycle is counted in weeks: those after the week
    of the previous due date, up to and including the week of `due_on` (a payment recorded in the
    week a due date falls in pays that due date).
    """
    currency = loan.balance.currency
    if loan.due_day is None:
        return Money.zero(currency)
    after = iso_week(previous_due_date(loan.due_day, due_on))
    last = iso_week(due_on)
    return Money(
        sum(
            c.paid[loan.name].minor
            for c in checkins
            if after < c.week <= last and loan.name in c.paid
        ),
        currency,
    )


def still_due(loan: Loan, paid: Money) -> Money:
    """The scheduled payment less what this cycle already paid: never below 0, never above what
    is owed."""
    left = min(loan.scheduled_payment.minor - paid.minor, loan.balance.minor)
    return Money(max(left, 0), loan.balance.currency)


def still_due_in_week(loan: Loan, week: str, checkins: Iterable[CheckIn]) -> Money | None:
    """What a new check-in of `week` pre-fills for `loan`: the payment falling due in the week
    less what earlier weeks of its cycle recorded; None when nothing falls due in the week."""
    due_on = due_date_in_week(loan, week)
    if due_on is None:
        return None
    return still_due(loan, paid_this_cycle(loan, due_on, (c for c in checkins if c.week != week)))


def weekly_share(monthly: Money) -> Money:
    """A monthly amount as one week's share (× 12 / 52), rounded half-up to the minor unit."""
    value = Decimal(monthly.minor) * _MONTHS_PER_YEAR / _WEEKS_PER_YEAR
    return Money(round_half_up(value), monthly.currency)


# -- streak --------------------------------------------------------------------------------------


def streak(weeks: Iterable[str], today: date) -> int:
    """Consecutive ISO weeks checked in, ending with this week, or with last week while this
    week is not done yet. Week 53 and the year boundary are ordinary steps back (a step is
    seven days on a plain date: years of weekly check-ins make a long walk).
    """
    done = set(weeks)
    day = date(today.year, today.month, today.day)
    if iso_week(day) not in done:
        day -= _ONE_WEEK
    count = 0
    while iso_week(day) in done:
        count += 1
        day -= _ONE_WEEK
    return count


# -- the summary ---------------------------------------------------------------------------------


class WeekTotals(Struct, frozen=True):
    """One week's check-in in totals; `cut_spent` and `cut_target` cover the active cuts only,
    `cut_recorded` says whether anything (0 included) was entered for one of them."""

    week: str
    paid: Money
    received: Money
    spent: Money
    cut_spent: Money
    cut_target: Money
    cut_recorded: bool = False


def week_totals(household: Household, checkin: CheckIn) -> WeekTotals:
    currency = household.currency
    cuts = [e for e in household.expenses if e.cut_active]
    cut_names = {e.name for e in cuts}
    return WeekTotals(
        week=checkin.week,
        paid=_total(checkin.paid.values(), currency),
        received=_total(checkin.received.values(), currency),
        spent=_total(checkin.spent.values(), currency),
        cut_spent=_total((v for k, v in checkin.spent.items() if k in cut_names), currency),
        cut_target=_total((weekly_share(e.target_or_current) for e in cuts), currency),
        cut_recorded=any(name in cut_names for name in checkin.spent),
    )


def _total(amounts: Iterable[Money], currency: str) -> Money:
    return Money(sum(a.minor for a in amounts), currency)


class WeekDebt(Struct, frozen=True):
    """One debt as it stood in a week: what it owed before that week's payments and after.

    A loan's figures are its balance now plus what the check-ins of that week and later paid it
    (`before`), or of the later weeks only (`after`); a family loan's, its amount less the
    repayments dated before the week (or up to its end). `opened_in_week`: it did not exist
    when the week began (borrowed during it).
    """

    name: str
    family: bool
    before: Money
    after: Money
    opened_in_week: bool


def debts_in_week(household: Household, week: str) -> tuple[WeekDebt, ...]:
    """Every debt that existed during `week` (opened or borrowed by its Sunday), as it stood
    then: what a correction of a past week shows, rather than today's balances."""
    monday, sunday = week_dates(week)
    from_week = [c for c in household.checkins if c.week >= week]
    debts: list[WeekDebt] = []
    for loan in household.loans:
        opened = loan.opened_on
        if opened is not None and opened > sunday:
            continue
        paid = {c.week: _paid_to(c, loan.name, household, False) for c in from_week}
        before = sum(paid.values())
        this_week = paid.get(week, 0)
        debts.append(
            WeekDebt(
                loan.name,
                False,
                Money(loan.balance.minor + before, loan.balance.currency),
                Money(loan.balance.minor + before - this_week, loan.balance.currency),
                opened is not None and opened >= monday,
            )
        )
    for item in household.family_loans:
        if is_loan(household, item.lender) or item.borrowed_on > sunday:
            continue
        debts.append(
            WeekDebt(
                item.lender,
                True,
                _owed_on(item, monday, inclusive=False),
                _owed_on(item, sunday, inclusive=True),
                item.borrowed_on >= monday,
            )
        )
    return tuple(debts)


def _owed_on(item: FamilyLoan, day: date, *, inclusive: bool) -> Money:
    repaid = sum(
        r.amount.minor for r in item.repayments if r.on < day or (inclusive and r.on == day)
    )
    return Money(max(item.amount.minor - repaid, 0), item.amount.currency)


def total_owed(household: Household) -> Money:
    """Everything still owed: open loans plus what relatives and friends are still owed."""
    loans = sum(loan.balance.minor for loan in household.loans if loan.is_open)
    family = sum(item.balance.minor for item in household.family_loans)
    return Money(loans + family, household.currency)


class CheckInSummary(Struct, frozen=True):
    """What the user sees after saving a week."""

    week: str
    this_week: WeekTotals
    last_week: WeekTotals | None
    owed_before: Money
    owed_after: Money
    debt_free_before: str | None
    debt_free_after: str | None
    plan_note_before: str
    plan_note_after: str
    streak: int
    borrowed: bool
    advice_title: str | None = None
    advice_why: str | None = None
    corrected: bool = False
    opened: tuple[str, ...] = ()
    current_again: tuple[tuple[str, str | None], ...] = ()
    """Each loan still behind and the month (YYYY-MM) the plan has it current again (None:
    not at this budget)."""
    owed_as_of_week: bool = False
    """The owed figures are the week's own (a past week), not today's."""

    @property
    def owed_change(self) -> Money:
        return self.owed_after - self.owed_before

    @property
    def months_moved(self) -> int | None:
        """Months the debt-free date moved (negative = earlier), None if either has no date."""
        if self.debt_free_before is None or self.debt_free_after is None:
            return None
        before = parse_month(self.debt_free_before)
        after = parse_month(self.debt_free_after)
        return (after.year - before.year) * 12 + after.month - before.month


def plan_note(plan: PayoffPlan | None, locale: str) -> str:
    if plan is None:
        return _("no plan (the custom order needs fixing)")
    if not plan.feasible:
        shortfall = plan.shortfall or Money.zero(plan.currency)
        return _("not feasible: {amount} a month short").format(
            amount=format_money(shortfall, locale)
        )
    if plan.months is None:
        return _("not within 50 years at this budget")
    if plan.months == 0:
        return _("debt-free now")
    month = month_words(plan.debt_free, locale) if plan.debt_free else ""
    return _("{month} ({months})").format(
        month=month, months=count(plan.months, "month", locale=locale)
    )


def summarize(
    before: Household,
    after: Household,
    week: str,
    today: date,
    plan_before: PayoffPlan | None,
    plan_after: PayoffPlan | None,
    *,
    advice: tuple[str, str] | None = None,
    corrected: bool = False,
    opened: Sequence[str] = (),
) -> CheckInSummary:
    """The summary of a saved week: `before`/`after` are the household around the save.

    A past week's owed figures are that week's own: what was owed when it began and when it
    ended, not today's balances.
    """
    locale = after.settings.locale
    this = find_checkin(after, week)
    if this is None:
        raise CheckInError(_("week {week} has no check-in").format(week=week))
    last = find_checkin(after, previous_week(week))
    past = week < iso_week(today)
    if past:
        debts = debts_in_week(after, week)
        currency = after.currency
        owed_before = _total((d.before for d in debts if not d.opened_in_week), currency)
        owed_after = _total((d.after for d in debts), currency)
    else:
        owed_before, owed_after = total_owed(before), total_owed(after)
    return CheckInSummary(
        week=week,
        this_week=week_totals(after, this),
        last_week=None if last is None else week_totals(after, last),
        owed_before=owed_before,
        owed_after=owed_after,
        debt_free_before=_debt_free(plan_before),
        debt_free_after=_debt_free(plan_after),
        plan_note_before=plan_note(plan_before, locale),
        plan_note_after=plan_note(plan_after, locale),
        streak=streak((c.week for c in after.checkins), today),
        borrowed=this.borrowed,
        advice_title=None if advice is None else advice[0],
        advice_why=None if advice is None else advice[1],
        corrected=corrected,
        opened=tuple(opened),
        current_again=_current_again(after, plan_after),
        owed_as_of_week=past,
    )


def _current_again(
    household: Household, plan: PayoffPlan | None
) -> tuple[tuple[str, str | None], ...]:
    found = []
    for loan in household.loans:
        if loan.is_overdue:
            outcome = None if plan is None else plan.debt(loan.name)
            found.append((loan.name, None if outcome is None else outcome.caught_up_date))
    return tuple(found)


def _debt_free(plan: PayoffPlan | None) -> str | None:
    return plan.debt_free if plan is not None and plan.pays_off and plan.months else None


def summary_heading(summary: CheckInSummary) -> str:
    heading = _("Corrected {week}.") if summary.corrected else _("Checked in {week}.")
    return heading.format(week=summary.week)


def summary_figures(summary: CheckInSummary, locale: str) -> list[str]:
    """The week's figures as short lines; the coach's advice is in the summary's own fields
    (`advice_title`, `advice_why`) for each front end to set out its own way."""

    def fmt(amount: Money) -> str:
        return format_money(amount, locale)

    this, last = summary.this_week, summary.last_week
    lines: list[str] = []

    def compare(label: str, now: Money, then: Money | None) -> str:
        text = pad(_(label), 9) + pad(fmt(now), 12, ">")
        if then is None:
            return text
        return text + "   " + _("last week {amount}").format(amount=fmt(then))

    lines.append(compare(N_("Paid"), this.paid, None if last is None else last.paid))
    lines.append(compare(N_("Earned"), this.received, None if last is None else last.received))
    lines.append(compare(N_("Spent"), this.spent, None if last is None else last.spent))
    if this.cut_target.minor > 0 and not this.cut_recorded:
        lines.append(
            _("Cut items: not recorded (weekly target {target})").format(
                target=fmt(this.cut_target)
            )
        )
    elif this.cut_target.minor > 0:
        over = this.cut_spent.minor > this.cut_target.minor
        line = (
            _("Cut items: {spent} of a {target} weekly target (over)")
            if over
            else _("Cut items: {spent} of a {target} weekly target (on target)")
        )
        lines.append(line.format(spent=fmt(this.cut_spent), target=fmt(this.cut_target)))
    change = summary.owed_change
    if change.minor < 0:
        moved = _("down {amount}").format(amount=fmt(-change))
    elif change.minor > 0:
        moved = _("up {amount}").format(amount=fmt(change))
    else:
        moved = _("unchanged")
    if summary.owed_as_of_week:
        line = _("Owed at the end of {week}: {owed} ({moved})")
    else:
        line = _("Total owed: {owed} ({moved})")
    lines.append(line.format(week=summary.week, owed=fmt(summary.owed_after), moved=moved))
    lines.append(
        _("Debt-free: {when}{moved}").format(
            when=summary.plan_note_after, moved=_moved_words(summary, locale)
        )
    )
    for name, month in summary.current_again:
        lines.append(
            _("{name} current again: {month}").format(
                name=name, month=month_words(month, locale) if month else _("not at this budget")
            )
        )
    lines.append(
        _("Streak: {weeks} in a row").format(weeks=count(summary.streak, "week", locale=locale))
    )
    if summary.opened:
        lines.append(
            _("New loan recorded: {names}").format(names=names(list(summary.opened), locale))
        )
    if summary.advice_title is not None:
        lines.append(_("Coach: {title}").format(title=summary.advice_title))
    return lines


def _moved_words(summary: CheckInSummary, locale: str) -> str:
    moved = summary.months_moved
    if moved is None:
        if summary.plan_note_before != summary.plan_note_after:
            return _(" (was {before})").format(before=summary.plan_note_before)
        return ""
    if moved == 0:
        return _(", unchanged")
    months = count(abs(moved), "month", locale=locale)
    words = _(", {months} earlier") if moved < 0 else _(", {months} later")
    return words.format(months=months)


# -- actual balances against the plan (for the dashboard) ---------------------------------------


def _loan_points_oldest_first(balances: Sequence[BalanceEntry]) -> Iterator[tuple[str, int, str]]:
    """(name, minor, source) of the loans' points by date, points of one date in the order they
    were added (the groups, when the history was read from a file)."""
    if isinstance(balances, BalanceHistory):
        for group in sorted(balances.groups, key=lambda group: group.on):
            for name, minor in group.loans:
                yield name, minor, group.source
        return
    for entry in sorted(balances, key=lambda entry: entry.on):
        if not entry.family:
            yield entry.name, entry.balance.minor, entry.source


def entered_balances(household: Household) -> dict[str, Money]:
    """Each loan's balance before its earliest history point: the balance the user entered
    (loans of the household with history only).

    A check-in's point is the balance *after* that week's payments, so the payment it recorded
    is added back: the first check-in on a new file counts as progress, not as the start. The
    history is walked oldest first and only until every loan has been met (on ten years of
    check-ins, the first week's points, not all 8,000)."""
    wanted = {loan.name for loan in household.loans}
    first: dict[str, tuple[int, str]] = {}
    for name, minor, source in _loan_points_oldest_first(household.balances):
        if name in wanted and name not in first:
            first[name] = (minor, source)
            if len(first) == len(wanted):
                break
    paid_in = {c.week: c.paid for c in household.checkins}
    currency = household.currency
    entered: dict[str, Money] = {}
    for name, (minor, source) in first.items():
        week = source_week(source)
        paid = paid_in.get(week, {}).get(name) if week is not None else None
        entered[name] = Money(minor + (paid.minor if paid is not None else 0), currency)
    return entered


class DebtProgress(Struct, frozen=True):
    """One debt: the balance the user entered (a loan's before its first recorded payment, a
    relative's amount borrowed), its balance now, the plan's balance next month."""

    name: str
    family: bool
    first: Money | None
    now: Money
    planned_next: Money | None


def debt_progress(household: Household, plan: PayoffPlan) -> tuple[DebtProgress, ...]:
    """Each debt's entered balance (a loan's before its first recorded payment, a relative's
    amount borrowed), its balance now, and the plan's balance at the end of next month."""
    first_month = plan.schedule[0] if plan.schedule else None
    debts: list[DebtProgress] = []
    entered_by_loan = entered_balances(household)
    for loan in household.loans:
        entered = entered_by_loan.get(loan.name)
        if loan.is_open or entered is not None:
            debts.append(
                DebtProgress(
                    loan.name,
                    False,
                    loan.balance if entered is None else entered,
                    loan.balance,
                    None if first_month is None else first_month.balances.get(loan.name),
                )
            )
    debts += [
        DebtProgress(
            item.lender,
            True,
            item.amount,
            item.balance,
            None if first_month is None else first_month.balances.get(item.lender),
        )
        for item in household.family_loans
    ]
    return tuple(debts)
