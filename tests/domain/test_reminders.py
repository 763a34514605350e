"""What falls due between check-ins (`debtcoach due`, the calendar file), hand-checked.

Today is Monday 2026-11-23 (ISO week 2026-W48). The household: Visa due on the 25th ($150, behind
with $300 past due), a car loan due on the 28th whose $250 was already recorded in last week's
check-in, a phone plan restructured on 2026-11-15 into 12 installments of $100 due on the 1st, a
follow-up with Visa's lender that was due on 2026-11-20, and $500 promised to Mum by 2026-11-30.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from debtcoach.domain.models import Channel, CheckIn, Contact, Household, LoanStatus
from debtcoach.domain.reminders import (
    DueKind,
    calendar_plan,
    due_within,
    event_uid,
    installment_number,
)
from tests.domain.builders import family, loan, restructured, usd

TODAY = date(2026, 11, 23)


def household(*, this_week_done: bool = False) -> Household:
    visa = loan("Visa", 500000, "19.99", 15000, due_day=25, overdue_since=date(2026, 9, 1),
                arrears=usd(30000), status=LoanStatus.OVERDUE)  # fmt: skip
    car = loan("Car", 740000, "6.9", 25000, due_day=28)
    phone, _ = restructured(loan("Phone plan", 120000, 0, 20000, due_day=1), 12)
    checkins = [CheckIn("2026-W47", date(2026, 11, 22), paid={"Car": usd(25000)})]
    if this_week_done:
        checkins.append(CheckIn("2026-W48", date(2026, 11, 23)))
    return Household(
        loans=(visa, car, phone),
        family_loans=(family("Mum", 50000, promised=date(2026, 11, 30)),),
        contacts=(
            Contact(
                "Visa",
                date(2026, 11, 10),
                Channel.PHONE,
                who="Ms Lee",
                asked="36 installments",
                follow_up=date(2026, 11, 20),
            ),
        ),
        checkins=tuple(checkins),
    )


def test_due_lists_the_late_follow_up_first_and_leaves_out_the_car_already_paid() -> None:
    items = due_within(household(), TODAY, 10)
    assert [(i.kind, i.name, i.on, i.days) for i in items] == [
        (DueKind.FOLLOW_UP, "Visa", date(2026, 11, 20), -3),
        (DueKind.CHECKIN, "check-in", TODAY, 0),
        (DueKind.PAYMENT, "Visa", date(2026, 11, 25), 2),
        (DueKind.PROMISE, "Mum", date(2026, 11, 30), 7),
        (DueKind.INSTALLMENT, "Phone plan", date(2026, 12, 1), 8),
    ]
    visa = items[2]
    assert (visa.amount, visa.arrears) == (usd(15000), usd(30000))
    assert items[3].amount == usd(50000)
    # 1200.00 over 12 installments at 0 %: 100.00 each; the first due date after 2026-11-15.
    assert (items[4].amount, items[4].installment) == (usd(10000), (1, 12))


def test_due_says_each_item_in_one_line() -> None:
    lines = [item.line("en_US") for item in due_within(household(), TODAY, 10)]
    assert lines == [
        "Nov 20, 2026 (3 days ago): Follow up with Visa (Ms Lee) — asked: 36 installments",
        "Nov 23, 2026 (today): this week's check-in (2026-W48) is not done yet",
        "Nov 25, 2026 (in 2 days): Visa: pay $150.00; $300.00 past due",
        "Nov 30, 2026 (in 7 days): Promised to repay Mum $500.00",
        "Dec 1, 2026 (in 8 days): Phone plan: installment 1 of 12 $100.00",
    ]


def test_the_window_is_inclusive_and_a_done_check_in_is_not_due() -> None:
    items = due_within(household(this_week_done=True), TODAY, 7)
    assert [(i.kind, i.name) for i in items] == [
        (DueKind.FOLLOW_UP, "Visa"),
        (DueKind.PAYMENT, "Visa"),
        (DueKind.PROMISE, "Mum"),  # 7 days away: still in a 7-day window
    ]


def test_nothing_owed_means_nothing_due() -> None:
    assert due_within(Household(), TODAY) == ()
    repaid = Household(family_loans=(family("Mum", 0, promised=date(2026, 11, 24)),))
    assert due_within(repaid, TODAY) == ()


def test_installments_are_numbered_from_the_first_due_date_after_agreeing() -> None:
    phone = household().loans[2]
    assert installment_number(phone, date(2026, 12, 1)) == (1, 12)
    assert installment_number(phone, date(2027, 11, 1)) == (12, 12)
    assert installment_number(phone, date(2027, 12, 1)) is None
    assert installment_number(household().loans[0], date(2026, 11, 25)) is None


def test_the_calendar_of_two_months_holds_every_due_date_once() -> None:
    plan = calendar_plan(household(), TODAY, 2)
    assert plan.until == date(2027, 1, 23)
    assert [(i.kind, i.name, i.on, i.amount) for i in plan.items] == [
        (DueKind.PAYMENT, "Visa", date(2026, 11, 25), usd(15000)),
        # The car's November payment was recorded last week: only December's is left.
        (DueKind.PROMISE, "Mum", date(2026, 11, 30), usd(50000)),
        (DueKind.INSTALLMENT, "Phone plan", date(2026, 12, 1), usd(10000)),
        (DueKind.PAYMENT, "Visa", date(2026, 12, 25), usd(15000)),
        (DueKind.PAYMENT, "Car", date(2026, 12, 28), usd(25000)),
        (DueKind.INSTALLMENT, "Phone plan", date(2027, 1, 1), usd(10000)),
    ]
    assert [i.installment for i in plan.items if i.kind == DueKind.INSTALLMENT] == [
        (1, 12),
        (2, 12),
    ]
    # The follow-up was due before today: late, which `due` says; the calendar starts today.
    assert DueKind.FOLLOW_UP not in {i.kind for i in plan.items}
    assert plan.checkin_from == date(2026, 11, 23)
    assert calendar_plan(household(this_week_done=True), TODAY, 2).checkin_from == date(
        2026, 11, 30
    )


def test_a_restructuring_ends_with_its_last_installment() -> None:
    phone, _ = restructured(loan("Phone plan", 30000, 0, 20000, due_day=1), 3)
    plan = calendar_plan(Household(loans=(phone,)), TODAY, 6)
    assert [(i.on, i.installment) for i in plan.items] == [
        (date(2026, 12, 1), (1, 3)),
        (date(2027, 1, 1), (2, 3)),
        (date(2027, 2, 1), (3, 3)),
    ]


def test_uids_name_the_record_and_the_date_and_ignore_case() -> None:
    first = event_uid(DueKind.PAYMENT, "Visa", date(2026, 11, 25))
    assert first == event_uid(DueKind.PAYMENT, "visa", date(2026, 11, 25))
    assert first.startswith("debtcoach-payment-") and first.endswith("-20261125@debtcoach")
    assert first != event_uid(DueKind.PAYMENT, "Visa", date(2026, 12, 25))
    assert first != event_uid(DueKind.INSTALLMENT, "Visa", date(2026, 11, 25))
    assert event_uid(DueKind.PROMISE, "Ma @ home", date(2026, 11, 30)).isascii()


@settings(max_examples=150, deadline=None)
@given(
    today=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    due_days=st.lists(st.integers(1, 31), min_size=1, max_size=4),
    days=st.integers(0, 40),
    promised=st.integers(-20, 60),
)
def test_due_is_sorted_within_its_window_and_never_lists_a_paid_payment(
    today: date, due_days: list[int], days: int, promised: int
) -> None:
    loans = tuple(loan(f"L{i}", 100000, 10, 5000, due_day=d) for i, d in enumerate(due_days))
    mum = family("Mum", 20000, promised=today + timedelta(days=promised))
    items = due_within(Household(loans=loans, family_loans=(mum,)), today, days)
    assert [i.on for i in items] == sorted(i.on for i in items)
    for item in items:
        assert item.days == (item.on - today).days <= days
        if item.kind == DueKind.PAYMENT:
            assert item.days >= 0 and item.amount == usd(5000)
    payments = [i for i in items if i.kind == DueKind.PAYMENT]
    assert len(payments) == sum(1 for d in due_days if (next_on_day(d, today) - today).days <= days)
    assert (DueKind.PROMISE in {i.kind for i in items}) == (promised <= days)
    # The calendar never repeats a UID: re-importing it cannot make duplicates.
    uids = [i.uid for i in calendar_plan(Household(loans=loans), today, 3).items]
    assert len(uids) == len(set(uids))


def next_on_day(due_day: int, today: date) -> date:
    """The next date on `due_day` (clamped to short months), counted by hand."""
    day = today
    while min(due_day, monthrange(day.year, day.month)[1]) != day.day:
        day += timedelta(days=1)
    return day


def test_a_loan_behind_with_no_payment_in_the_window_is_the_first_line() -> None:
    """Visa's next due date (the 25th) is outside a one-day window; it is 83 days behind
    (since 2026-09-01) with $300.00 past due, which is said first, before the late follow-up."""
    items = due_within(household(), TODAY, 1)
    assert [(i.kind, i.name, i.on, i.days) for i in items][:2] == [
        (DueKind.OVERDUE, "Visa", date(2026, 9, 1), -83),
        (DueKind.FOLLOW_UP, "Visa", date(2026, 11, 20), -3),
    ]
    assert items[0].arrears == usd(30000)
    assert items[0].line("en_US") == (
        "Sep 1, 2026 (83 days ago): Visa fell behind, $300.00 past due now"
        " — call the lender before the next due date"
    )
    # With its payment inside the window the payment line says what is past due instead.
    assert DueKind.OVERDUE not in {i.kind for i in due_within(household(), TODAY, 10)}
