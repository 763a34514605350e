"""The coach: which rules of the guidance fit the household today, and why, in its own numbers.

Design. The domain decides *whether* a rule applies and writes the *why* from the user's figures;
the words of the guidance (title, verbatim quote, screen key, severity) live in
`debtcoach.guidance`, which the domain must not import (it is the bottom layer). So `evaluate`
takes the rule table as data: a mapping from rule id to anything with the `RuleText` shape.
`debtcoach.guidance.coach_advice(household, today)` passes the shipped table; tests and other
front ends can pass their own. `find_triggers` gives the bare findings without any text.

Readings of the trigger table (README, "The coach's rules"), fixed here so the tests can hold them:
- "overdue" is `Loan.is_overdue`: open, not restructured, status overdue or an overdue date.
- stop-lending: an *open* loan whose `opened_on` is on or after another loan's `overdue_since`;
  an *open* loan flagged `to_repay_other_debt`; or a check-in with `borrowed` whose ISO week is one
  of the 4 weeks ending with today's week (today's week and the 3 before it).
- talk-to-lenders: a contact for the loan dated today−14 … today counts; today−15 does not. The
  why names what the last contact asked and a follow-up date that has passed (the check-in's
  lender step and the contact log both record them).
- extend-plan: "debt budget < sum of minimum payments" is read as the plan reads it (version 2):
  the first plan month whose budget is below its minimums (after its interest and late fees), so
  a salary that ends next spring is seen now; the why names what loans behind add on top.
- act-early: arrears per overdue loan = `loan_arrears` (the amount entered, else months overdue,
  rounded up, × (minimum payment + late fee), never above the balance), the plan's own figure;
  fires when 0 < total < one month's debt budget (strict).
- ask-relatives: the budget with every non-essential expense cut to its target, 0 where it has
  none (essentials stay as they are now, an active cut included), is below the sum of minimums.
- repay-relatives: family loans are owed and either no institutional loan is open or the payoff
  plan clears the institutional loans within 12 months.
- Rules about debts stay quiet when nothing is owed (no advice to a household without debts).
- The moves (README, "What if"): where negotiate-card, extend-plan, act-early or ask-relatives
  fire and the move that answers them would help (`Trial.helps`: the plan possible, the loans
  behind current sooner, debt-free sooner or less interest and fees), the why ends with that
  move's effect on the plan: each overdue card over 60 installments; the largest loan over the
  installments that close the gap (else the most it may have); relatives covering the arrears
  in the plan's first month (the what-if's suggestion).
- repay-relatives also fires for a promise the plan cannot keep (a relative it repays after the
  promised date), and names the month the plan can keep it.

Severity comes from the rule table (1 = most severe). The shipped order, most severe first, is
`RULE_IDS`: stop the damage (no new borrowing), talk to the lenders while it is early, negotiate
card installments, stretch the plan when minimums do not fit, clear small arrears now, then own
efforts (income, cuts), then relatives, then repaying relatives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol

from msgspec import Struct, field

from debtcoach.domain.budget import (
    BudgetBreakdown,
    budget_breakdown,
    expenses_with_every_cut,
    monthly_income,
    sum_of_minimums,
)
from debtcoach.domain.calendar import (
    days_between,
    first_plan_month,
    iso_week,
    month_label,
    months_overdue_rounded_up,
    plan_month_label,
)
from debtcoach.domain.household_plan import saved_plan
from debtcoach.domain.loan_facts import loan_arrears
from debtcoach.domain.models import (
    FamilyLoan,
    Household,
    IncomeKind,
    Loan,
    LoanKind,
)
from debtcoach.domain.money import Money, format_money
from debtcoach.domain.payoff import PayoffPlan
from debtcoach.domain.restructure import (
    RestructureError,
    RestructureQuote,
    installments_to_relieve,
    longest_restructure,
)
from debtcoach.domain.whatif import Move, Relatives, Restructure, Trial, WhatIfError, try_move
from debtcoach.domain.wording import (
    _,
    count,
    day_words,
    month_words,
    months_apart_words,
    names,
    ngettext,
    percent_words,
)

STOP_LENDING = "stop-lending"
TALK_TO_LENDERS = "talk-to-lenders"
NEGOTIATE_CARD = "negotiate-card"
EXTEND_PLAN = "extend-plan"
ACT_EARLY = "act-early"
OPEN_SOURCE_THROTTLE = "open-source-throttle"
ASK_RELATIVES = "ask-relatives"
REPAY_RELATIVES = "repay-relatives"

RULE_IDS: tuple[str, ...] = (
    STOP_LENDING,
    TALK_TO_LENDERS,
    NEGOTIATE_CARD,
    EXTEND_PLAN,
    ACT_EARLY,
    OPEN_SOURCE_THROTTLE,
    ASK_RELATIVES,
    REPAY_RELATIVES,
)
"""Every rule the coach knows, most severe first (the shipped table's severities follow it)."""

CONTACT_WINDOW_DAYS = 14
BORROWED_WINDOW_WEEKS = 4
RELATIVES_HORIZON_MONTHS = 12
_LISTED_NAMES = 3

_Clause = tuple[str, bool]
"""A clause of a why and whether it starts with our own words (True) or a user's name (False)."""


class RuleText(Protocol):
    """What the coach needs from a rule table entry (the guidance's `Rule` fits)."""

    @property
    def id(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def severity(self) -> int: ...

    @property
    def quote(self) -> str: ...

    @property
    def key(self) -> str: ...


class Finding(Struct, frozen=True):
    """A rule whose trigger holds, with the reason in the user's numbers (no guidance text)."""

    rule: str
    why: str


class Advice(Struct, frozen=True):
    """One piece of coach advice: the `coach --json` object."""

    rule: str
    title: str
    quote: str
    why: str
    key: str
    severity: int

    def as_dict(self) -> dict[str, str | int]:
        return {
            "rule": self.rule,
            "title": self.title,
            "quote": self.quote,
            "why": self.why,
            "key": self.key,
            "severity": self.severity,
        }


def evaluate(
    household: Household,
    today: date,
    rules: Mapping[str, RuleText],
    *,
    plan: PayoffPlan | None = None,
) -> tuple[Advice, ...]:
    """Advice for exactly the rules whose triggers hold today, most severe first.

    `plan` is the household's plan when the caller has it already (`saved_plan`'s), so the
    coach does not simulate it again.

    `rules` must cover every id in `RULE_IDS` so a missing quote fails loudly, not silently.
    """
    missing = [rule_id for rule_id in RULE_IDS if rule_id not in rules]
    if missing:
        raise ValueError(f"rule table has no entry for {', '.join(missing)}")
    advice = []
    for finding in find_triggers(household, today, plan=plan):
        text = rules[finding.rule]
        advice.append(
            Advice(
                rule=finding.rule,
                title=_(text.title),
                quote=text.quote,
                why=finding.why,
                key=text.key,
                severity=text.severity,
            )
        )
    order = {rule_id: i for i, rule_id in enumerate(RULE_IDS)}
    return tuple(sorted(advice, key=lambda a: (a.severity, order[a.rule])))


def find_triggers(
    household: Household, today: date, *, plan: PayoffPlan | None = None
) -> tuple[Finding, ...]:
    """The rules whose triggers hold, in `RULE_IDS` order, each with its why."""
    return _findings(_Facts.of(household, today, plan))


def _findings(facts: _Facts) -> tuple[Finding, ...]:
    checks = (
        (STOP_LENDING, _stop_lending),
        (TALK_TO_LENDERS, _talk_to_lenders),
        (NEGOTIATE_CARD, _negotiate_card),
        (EXTEND_PLAN, _extend_plan),
        (ACT_EARLY, _act_early),
        (OPEN_SOURCE_THROTTLE, _open_source_throttle),
        (ASK_RELATIVES, _ask_relatives),
        (REPAY_RELATIVES, _repay_relatives),
    )
    findings = []
    for rule_id, check in checks:
        why = check(facts)
        if why is not None:
            findings.append(Finding(rule_id, why))
    return tuple(findings)


def on_track_message(
    household: Household,
    today: date,
    *,
    plan: PayoffPlan | None = None,
    quiet: bool | None = None,
) -> str:
    """A calm line for the panel when no rule fires: where the plan stands and what comes next.

    `quiet`: whether no rule fires, when the caller has just evaluated them (`not evaluate(…)`),
    so they are not checked a second time."""
    facts = _Facts.of(household, today, plan)
    if quiet is None:
        facts.name_moves = False  # only whether a rule fires matters here
        quiet = not _findings(facts)
    opening = _("Nothing in the guidance needs action right now.") if quiet else ""
    if not facts.open_loans and not facts.family_owed:
        return _join(opening, _("Nothing is owed at the moment."))
    plan = facts.plan()
    if not plan.feasible:
        shortfall = plan.shortfall or Money.zero(facts.currency)
        return _join(
            opening,
            _(
                "The debt budget of {budget} a month is {short} short of the minimum payments."
            ).format(budget=facts.money(facts.budget), short=facts.money(shortfall)),
        )
    if plan.months is None or plan.debt_free is None:
        return _join(
            opening,
            _(
                "At {budget} a month the plan does not pay everything off yet; "
                "any extra income or cut shortens it."
            ).format(budget=facts.money(facts.budget)),
        )
    debt_free = facts.month(plan.debt_free)
    upcoming = sorted(
        (d for d in plan.debts if d.payoff_month is not None and d.payoff_date is not None),
        key=lambda d: (d.payoff_month or 0, d.family, d.name),
    )
    first = upcoming[0] if upcoming else None
    if first is None or first.payoff_month == plan.months or first.payoff_date is None:
        return _join(
            opening,
            _("Next milestone: debt-free in {month} (in {months}).").format(
                month=debt_free, months=count(plan.months, "month")
            ),
        )
    return _join(
        opening,
        _(
            "Next milestone: {name} paid off in {month} (in {months}); debt-free in {debt_free}."
        ).format(
            name=first.name,
            month=facts.month(first.payoff_date),
            months=count(first.payoff_month or 0, "month"),
            debt_free=debt_free,
        ),
    )


# --- the facts every rule reads, computed once -------------------------------------------------


class _Facts(Struct):
    """What several rules need, worked out once per evaluation."""

    household: Household
    today: date
    breakdown: BudgetBreakdown
    minimums: Money
    open_loans: tuple[Loan, ...]
    overdue: tuple[Loan, ...]
    family_owed: tuple[FamilyLoan, ...]
    known_plan: PayoffPlan | None = None
    name_moves: bool = True
    """Whether a why names the move that answers it (each one a simulation of its own)."""
    trials: dict[Move, Trial | None] = field(default_factory=dict)
    """Each move tried once per evaluation (two rules may name the same one: the relatives
    covering the arrears answers both acting early and a budget short of the minimums)."""

    @classmethod
    def of(cls, household: Household, today: date, plan: PayoffPlan | None = None) -> _Facts:
        return cls(
            known_plan=plan,
            household=household,
            today=today,
            breakdown=budget_breakdown(household, today),
            minimums=sum_of_minimums(household.loans, household.currency),
            open_loans=household.open_loans,
            overdue=tuple(loan for loan in household.loans if loan.is_overdue),
            family_owed=tuple(f for f in household.family_loans if f.balance.minor > 0),
        )

    @property
    def currency(self) -> str:
        return self.household.currency

    @property
    def locale(self) -> str:
        return self.household.settings.locale

    @property
    def budget(self) -> Money:
        return self.breakdown.debt_budget

    def money(self, amount: Money | int) -> str:
        if isinstance(amount, int):
            amount = Money(amount, self.currency)
        return format_money(amount, self.locale)

    def day(self, value: date) -> str:
        return day_words(value, self.locale)

    def month(self, label: str) -> str:
        """A plan month (YYYY-MM) as the locale writes it: November 2027, 2027年11月."""
        return month_words(label, self.locale)

    def percent(self, value: Decimal) -> str:
        return percent_words(value, self.locale)

    def plan(self) -> PayoffPlan:
        """The plan the screens show (`saved_plan`), simulated at most once per evaluation."""
        if self.known_plan is None:
            self.known_plan = saved_plan(self.household, self.today, keep_schedule=False).plan
        return self.known_plan

    def trial(self, move: Move) -> Trial | None:
        """`move` against the plan, None when it cannot be made; simulated once."""
        if move not in self.trials:
            try:
                self.trials[move] = try_move(self.household, self.today, move, plan=self.plan())
            except WhatIfError:
                self.trials[move] = None
        return self.trials[move]


# --- one function per rule: the why when the trigger holds, else None ---------------------------


def _stop_lending(facts: _Facts) -> str | None:
    loans = facts.household.loans
    parts: list[_Clause] = []
    named: set[str] = set()
    for loan in facts.open_loans:
        if loan.opened_on is None:
            continue
        opened = loan.opened_on
        earlier = [
            other
            for other in loans
            if other.name != loan.name
            and other.overdue_since is not None
            and other.overdue_since <= opened
        ]
        if not earlier:
            continue
        first = min(earlier, key=lambda o: (o.overdue_since or date.max, o.name))
        since = first.overdue_since or opened
        gap = days_between(since, opened)
        when = (
            _("the same day {name} went overdue").format(name=first.name)
            if gap == 0
            else _("{days} after {name} went overdue on {day}").format(
                days=count(gap, "day"), name=first.name, day=facts.day(since)
            )
        )
        repays = _(", taken to repay other debt") if loan.to_repay_other_debt else ""
        parts.append(
            (
                _("{name} was opened on {day}, {when}").format(
                    name=loan.name, day=facts.day(opened), when=when
                )
                + repays,
                False,
            )
        )
        named.add(loan.name)
    flagged = [
        loan.name
        for loan in facts.open_loans
        if loan.to_repay_other_debt and loan.name not in named
    ]
    if flagged:
        marked = ngettext(
            "{names} is marked as taken to repay other debt",
            "{names} are marked as taken to repay other debt",
            len(flagged),
        )
        parts.append((marked.format(names=names(flagged)), False))
    weeks = _recent_borrowing_weeks(facts.household, facts.today)
    if weeks:
        said = ngettext(
            "the check-in for {weeks} says something new was borrowed",
            "the check-ins for {weeks} say something new was borrowed",
            len(weeks),
        )
        parts.append((said.format(weeks=names(weeks)), True))
    if not parts:
        return None
    return _join(
        _sentence(parts),
        _("New borrowing to cover old debt adds interest and fees on top of what is owed."),
    )


def _recent_borrowing_weeks(household: Household, today: date) -> list[str]:
    window = {iso_week(today - timedelta(weeks=k)) for k in range(BORROWED_WINDOW_WEEKS)}
    return sorted({c.week for c in household.checkins if c.borrowed and c.week in window})


def _talk_to_lenders(facts: _Facts) -> str | None:
    parts: list[_Clause] = []
    for loan in facts.overdue:
        logged = [c for c in facts.household.contacts if c.loan == loan.name]
        past = [c for c in logged if days_between(c.on, facts.today) >= 0]
        if any(days_between(c.on, facts.today) <= CONTACT_WINDOW_DAYS for c in past):
            continue
        lender = loan.lender or _("its lender")
        if past:
            latest = max(past, key=lambda c: c.on)
            last = latest.on
            ago = count(days_between(last, facts.today), "day")
            contact = _("the last contact with {lender} was on {day}, {ago} ago").format(
                lender=lender, day=facts.day(last), ago=ago
            )
            if latest.asked:
                contact += _(" (you asked: {asked})").format(asked=latest.asked)
            if latest.follow_up is not None and latest.follow_up < facts.today:
                contact += _(", and its follow-up on {day} has passed").format(
                    day=facts.day(latest.follow_up)
                )
        else:
            contact = _("no contact with {lender} is logged yet").format(lender=lender)
        parts.append(
            (
                _("{overdue} and {contact}").format(
                    overdue=_overdue_phrase(loan, facts), contact=contact
                ),
                False,
            )
        )
    if not parts:
        return None
    return _join(
        _sentence(parts),
        _("A lender who hears early that you want to repay is more likely to agree to a new plan."),
    )


def _overdue_phrase(loan: Loan, facts: _Facts) -> str:
    since = loan.overdue_since
    if since is None or days_between(since, facts.today) < 0:
        return _("{name} is overdue").format(name=loan.name)
    days = days_between(since, facts.today)
    return _("{name} has been overdue for {days} (since {day})").format(
        name=loan.name, days=count(days, "day"), day=facts.day(since)
    )


def _negotiate_card(facts: _Facts) -> str | None:
    parts: list[_Clause] = []
    for loan in facts.overdue:
        if loan.kind != LoanKind.CREDIT_CARD:
            continue
        text = _(
            "{name} is an overdue credit card with {balance} owed and no installment plan agreed"
        ).format(name=loan.name, balance=facts.money(loan.balance))
        try:
            longest = longest_restructure(loan)
        except RestructureError:
            parts.append((text, False))
            continue
        parts.append(
            (
                _(
                    "{text}; over {n} installments at its {rate} rate each would be "
                    "{installment} (the minimum now is {minimum})"
                ).format(
                    text=text,
                    n=longest.installments,
                    rate=facts.percent(loan.apr),
                    installment=facts.money(longest.installment),
                    minimum=facts.money(loan.min_payment),
                ),
                False,
            )
        )
    if not parts:
        return None
    effects = []
    for loan in facts.overdue:
        stretched = _longest(loan) if loan.kind == LoanKind.CREDIT_CARD else None
        if stretched is not None:
            move = Restructure(loan.name, stretched.installments)
            head = _("{name} over {n} installments").format(
                name=loan.name, n=stretched.installments
            )
            effects.append(_move_effect(facts, move, head))
    return _join(_sentence(parts), *(e for e in effects if e))


def _longest(loan: Loan) -> RestructureQuote | None:
    try:
        return longest_restructure(loan)
    except RestructureError:
        return None


def _extend_plan(facts: _Facts) -> str | None:
    """The plan's own verdict: the first month whose budget does not cover its minimums (after
    that month's interest and late fees), so the coach and the plan never disagree."""
    if not facts.open_loans:
        return None
    plan = facts.plan()
    if plan.feasible or plan.shortfall is None or plan.short_minimums is None:
        return None
    gap, minimums = plan.shortfall, plan.short_minimums
    budget = minimums - gap
    figures = {
        "budget": facts.money(budget),
        "minimums": facts.money(minimums),
        "gap": facts.money(gap),
        "behind": _behind_clause(facts),
    }
    if plan.short_from is not None and plan.short_from != plan_month_label(facts.today, 1):
        first = _(
            "From {month} the debt budget is {budget} a month and the minimum payments add up "
            "to {minimums}: {gap} short each month{behind}."
        ).format(month=facts.month(plan.short_from), **figures)
    else:
        first = _(
            "The debt budget is {budget} a month and the minimum payments add up "
            "to {minimums}: {gap} short each month{behind}."
        ).format(**figures)
    largest = min(facts.open_loans, key=lambda loan: (-loan.balance.minor, loan.name))
    stretch = _stretch_sentence(largest, gap, facts)
    quote = installments_to_relieve(largest, gap)
    if quote is not None:
        effect = _move_parts(facts, Restructure(largest.name, quote.installments))
        if effect is not None:
            stretch = f"{stretch.removesuffix('.')}: {effect}."
    return _join(first, stretch)


def _behind_clause(facts: _Facts) -> str:
    """What the loans behind add on top of the minimums: their arrears and their late fees."""
    parts = []
    for loan in facts.overdue:
        arrears = loan_arrears(loan, facts.today)
        fee = loan.late_fee.minor if loan.late_fee is not None else 0
        if arrears.minor == 0 and fee == 0:
            continue
        if fee:
            text = _(
                "{name} is {arrears} behind and is charged {fee} each month it stays behind"
            ).format(name=loan.name, arrears=facts.money(arrears), fee=facts.money(fee))
        else:
            text = _("{name} is {arrears} behind").format(
                name=loan.name, arrears=facts.money(arrears)
            )
        parts.append(text)
    if not parts:
        return ""
    return _(", and on top of that {items}").format(items=names(parts))


def _stretch_sentence(loan: Loan, gap: Money, facts: _Facts) -> str:
    """How many installments of `loan` close `gap`, or why even the longest plan does not."""
    quote = installments_to_relieve(loan, gap)
    if quote is not None:
        return _(
            "Spreading {name}, the largest loan, over {n} installments would lower its payment "
            "from {now} to {installment} and close the gap."
        ).format(
            name=loan.name,
            n=quote.installments,
            now=facts.money(quote.current_payment),
            installment=facts.money(quote.installment),
        )
    try:
        longest = longest_restructure(loan)
    except RestructureError:
        return _("Restructuring {name}, the largest loan, cannot close the gap on its own.").format(
            name=loan.name
        )
    relief = max(longest.monthly_relief.minor, 0)
    remains = Money(gap.minor - relief, gap.currency)
    if relief == 0:
        return _(
            "Even {n} installments of {name}, the largest loan, is not enough: they would not "
            "lower its payment, and {remains} a month remains."
        ).format(n=longest.installments, name=loan.name, remains=facts.money(remains))
    return _(
        "Even {n} installments of {name}, the largest loan, is not enough: its payment would "
        "fall from {now} to {installment}, and {remains} a month remains."
    ).format(
        n=longest.installments,
        name=loan.name,
        now=facts.money(longest.current_payment),
        installment=facts.money(longest.installment),
        remains=facts.money(remains),
    )


def _act_early(facts: _Facts) -> str | None:
    owed = [(loan, loan_arrears(loan, facts.today)) for loan in facts.overdue]
    owed = [(loan, amount) for loan, amount in owed if amount.minor > 0]
    total = sum(amount.minor for _loan, amount in owed)
    if total <= 0 or total >= facts.budget.minor:
        return None
    detail = _(", ").join(_arrears_detail(loan, amount, facts) for loan, amount in owed)
    return _join(
        _(
            "The overdue amount is {total} ({detail}), less than one month's debt budget of "
            "{budget}. Clearing it now, while it is small, keeps it from growing and keeps "
            "negotiation easier{catch_up}."
        ).format(
            total=facts.money(total),
            detail=detail,
            budget=facts.money(facts.budget),
            catch_up=_catch_up_clause(facts, owed),
        ),
        _relatives_effect(facts) or "",
    )


def _catch_up_clause(facts: _Facts, owed: Sequence[tuple[Loan, Money]]) -> str:
    """When the plan brings each loan current, and the late fees it charges until then."""
    plan = facts.plan()
    if not plan.feasible:
        return ""
    outcomes = [plan.debt(loan.name) for loan, _amount in owed]
    caught = [d for d in outcomes if d is not None and d.caught_up_date is not None]
    if not caught:
        return ""
    when = names(
        [
            _("{name} current in {month}").format(
                name=d.name, month=facts.month(d.caught_up_date or "")
            )
            for d in caught
        ]
    )
    fees = sum(d.fees.minor for d in caught)
    if fees:
        return _("; the plan brings {when}, after {fees} of late fees").format(
            when=when, fees=facts.money(fees)
        )
    return _("; the plan brings {when}").format(when=when)


def _arrears_detail(loan: Loan, amount: Money, facts: _Facts) -> str:
    if loan.arrears is not None or loan.overdue_since is None:
        return f"{loan.name} {facts.money(amount)}"
    months = months_overdue_rounded_up(loan.overdue_since, facts.today)
    each = facts.money(loan.min_payment)
    if loan.late_fee is not None and loan.late_fee.minor > 0:
        each = _("{each} + {fee} late fee").format(each=each, fee=facts.money(loan.late_fee))
    detail = _("{months} of {each}").format(months=count(months, "month"), each=each)
    if amount.minor == loan.balance.minor:
        detail = _("the whole balance, less than {detail}").format(detail=detail)
    return f"{loan.name} {facts.money(amount)}: {detail}"


def _open_source_throttle(facts: _Facts) -> str | None:
    if not facts.open_loans and not facts.family_owed:
        return None
    household = facts.household
    parts: list[_Clause] = []
    if facts.budget.minor <= 0:
        parts.append(
            (
                _("the debt budget is {budget} a month, so nothing is left for the debts").format(
                    budget=facts.money(facts.budget)
                ),
                True,
            )
        )
    side = monthly_income(household.income, facts.currency, kind=IncomeKind.SIDE, today=facts.today)
    if side.minor == 0:
        parts.append((_("no side income is recorded"), True))
    uncut = [e for e in household.expenses if not e.essential and not e.cut_active]
    if uncut:
        listed = [
            _("{name} ({amount} a month)").format(name=e.name, amount=facts.money(e.current))
            for e in uncut[:_LISTED_NAMES]
        ]
        if len(uncut) > _LISTED_NAMES:
            listed.append(_("{n} more").format(n=len(uncut) - _LISTED_NAMES))
        uncut_text = ngettext(
            "{names} is non-essential and has no cut active",
            "{names} are non-essential and have no cut active",
            len(uncut),
        )
        parts.append((uncut_text.format(names=names(listed)), False))
    if not parts:
        return None
    why = _sentence(parts)
    saving = sum(e.possible_saving.minor for e in uncut)
    if saving > 0:
        why = _join(
            why,
            _("Cutting to the targets already set would free {amount} a month.").format(
                amount=facts.money(saving)
            ),
        )
    return why


def _ask_relatives(facts: _Facts) -> str | None:
    if not facts.open_loans:
        return None
    spending = expenses_with_every_cut(
        facts.household.expenses, facts.currency, no_target_is_zero=True
    )
    best = facts.breakdown.income - spending - facts.breakdown.safety_buffer
    if best.minor >= facts.minimums.minor:
        return None
    short = facts.minimums - best
    return _join(
        _(
            "Even with every non-essential expense cut to its target, the debt budget would be "
            "{best} a month, {short} less than the {minimums} of minimum payments."
        ).format(
            best=facts.money(best), short=facts.money(short), minimums=facts.money(facts.minimums)
        ),
        _relatives_effect(facts) or "",
    )


def _repay_relatives(facts: _Facts) -> str | None:
    if not facts.family_owed:
        return None
    owed = names(
        [
            _("{name} ({amount})").format(name=f.lender, amount=facts.money(f.balance))
            for f in facts.family_owed
        ]
    )
    if not facts.open_loans:
        return ngettext(
            "No institutional loan is open any more; {owed} is still owed.",
            "No institutional loan is open any more; {owed} are still owed.",
            len(facts.family_owed),
        ).format(owed=owed)
    plan = facts.plan()
    promises = _promises_at_risk(facts, plan)
    cleared = _institutions_cleared_month(plan)
    if cleared is None or cleared > RELATIVES_HORIZON_MONTHS:
        return promises or None
    label = next(d.payoff_date for d in plan.debts if not d.family and d.payoff_month == cleared)
    when = facts.month(label) if label is not None else count(cleared, "month")
    return _join(
        _(
            "The plan clears the institutional loans by {when} (in {months}); "
            "after that the debt budget goes to {owed}."
        ).format(when=when, months=count(cleared, "month"), owed=owed),
        promises,
    )


def _promises_at_risk(facts: _Facts, plan: PayoffPlan) -> str:
    """Each promise to a relative that falls before the plan repays them, with the month the
    plan can keep it (the family screen's "at risk")."""
    if not plan.feasible:
        return ""
    sentences = []
    for item in facts.family_owed:
        debt = plan.debt(item.lender, family=True)
        if item.promised is None or debt is None or not debt.at_risk:
            continue
        promised = facts.day(item.promised)
        if debt.payoff_date is None:
            sentences.append(
                _(
                    "{lender} was promised repayment by {day}, which the plan cannot keep at "
                    "this budget."
                ).format(lender=item.lender, day=promised)
            )
        else:
            sentences.append(
                _(
                    "{lender} was promised repayment by {day}: the plan can keep that promise "
                    "in {month}."
                ).format(lender=item.lender, day=promised, month=facts.month(debt.payoff_date))
            )
    if not sentences:
        return ""
    return _join(*sentences, _("Telling them early keeps their trust."))


def _institutions_cleared_month(plan: PayoffPlan) -> int | None:
    months = [d.payoff_month for d in plan.debts if not d.family]
    if not plan.feasible or not months or any(m is None for m in months):
        return None
    return max(m for m in months if m is not None)


# --- the moves that answer a rule ---------------------------------------------------------------


def _relatives_effect(facts: _Facts) -> str | None:
    """Relatives covering the arrears in the plan's first month: what is past due today and
    that month's late fee (the what-if's suggestion), when it would help."""
    arrears = sum(
        min(loan_arrears(loan, facts.today).minor, loan.balance.minor)
        + (loan.late_fee.minor if loan.late_fee is not None else 0)
        for loan in facts.overdue
    )
    if arrears <= 0:
        return None
    first = first_plan_month(facts.today)
    amount = Money(arrears, facts.currency)
    head = _("Borrowing {amount} from relatives in {month} for the loans behind").format(
        amount=facts.money(amount), month=facts.month(month_label(first))
    )
    return _move_effect(facts, Relatives(amount, first), head)


def _move_effect(facts: _Facts, move: Move, head: str) -> str | None:
    """ "Visa over 60 installments: current again in December 2026, debt-free in the same
    month as now, $435.29 less in interest and fees." None when the move cannot be made or would
    not help."""
    effect = _move_parts(facts, move)
    return None if effect is None else _("{head}: {effect}.").format(head=head, effect=effect)


def _move_parts(facts: _Facts, move: Move) -> str | None:
    """What `move` does to the plan, in the user's numbers (see `_move_effect`)."""
    if not facts.name_moves:
        return None
    plan = facts.plan()
    trial = facts.trial(move)
    if trial is None or not trial.helps:
        return None
    moved, difference = trial.moved, trial.vs_plan
    parts = []
    if moved.current_from is not None:
        parts.append(_("current again in {month}").format(month=facts.month(moved.current_from)))
    if plan.feasible and difference.months is not None:
        parts.append(months_apart_words(difference.months, facts.locale))
    elif moved.debt_free is not None and moved.months is not None:
        parts.append(
            _("debt-free in {month} ({months})").format(
                month=facts.month(moved.debt_free), months=count(moved.months, "month")
            )
        )
    # A plan that never ends has fifty years of growing interest: no price to set beside another.
    ends = moved.months is not None and plan.months is not None
    if ends and difference.total_interest is not None and difference.total_fees is not None:
        cost = difference.total_interest + difference.total_fees
        if cost.minor:
            size = facts.money(abs(cost.minor))
            parts.append(
                (
                    _("{amount} more in interest and fees")
                    if cost.minor > 0
                    else _("{amount} less in interest and fees")
                ).format(amount=size)
            )
    return _(", ").join(parts) or None


# --- wording helpers ----------------------------------------------------------------------------


def _sentence(clauses: Sequence[_Clause]) -> str:
    """Clauses joined with semicolons into one sentence; a user's name is never re-cased."""
    text = _("; ").join(clause for clause, _capital in clauses)
    if clauses and clauses[0][1]:
        text = text[:1].upper() + text[1:]
    return _("{sentence}.").format(sentence=text)


def _join(*parts: str) -> str:
    """Sentences one after the other (Chinese runs them on without a space)."""
    return _(" ").join(part for part in parts if part)
