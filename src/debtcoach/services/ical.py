"""The calendar file (iCalendar, RFC 5545) of what falls due, written with `icalendar`.

All-day events, one per due date, with UIDs that stay the same from one export to the next (the
record and the date), so importing a newer file into a calendar updates the events instead of
adding a second copy. The weekly check-in is one event that repeats every Monday.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar, Event

from debtcoach.domain.calendar import iso_week
from debtcoach.domain.reminders import CalendarPlan, DueItem, DueKind
from debtcoach.domain.text_rules import printable
from debtcoach.domain.wording import _

PRODUCT_ID = "-//debtcoach//debtcoach calendar//EN"


def _description(item: DueItem, locale: str) -> str:
    lines: list[str] = []
    if item.amount is not None:
        what = (
            _("Still owed: {amount}") if item.kind == DueKind.PROMISE else _("Amount due: {amount}")
        )
        lines.append(what.format(amount=item.amount.format(locale)))
    if item.arrears is not None and item.arrears.minor > 0:
        lines.append(_("Past due now: {amount}").format(amount=item.arrears.format(locale)))
    if item.who:
        lines.append(_("Who: {who}").format(who=item.who))
    if item.asked:
        lines.append(_("Asked: {asked}").format(asked=item.asked))
    return "\n".join(printable(line) for line in lines)


def calendar_text(plan: CalendarPlan, locale: str, stamp: datetime) -> str:
    """The whole file; `stamp` (an aware time) is every event's DTSTAMP."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "debtcoach")
    for item in plan.items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.on)
        event.add("dtend", item.on + timedelta(days=1))
        event.add("summary", printable(item.summary(locale)))
        description = _description(item, locale)
        if description:
            event.add("description", description)
        event.add("categories", [item.kind.value])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    if plan.checkin_from is not None:
        event = Event()
        event.add("uid", plan.checkin_uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", plan.checkin_from)
        event.add("dtend", plan.checkin_from + timedelta(days=1))
        event.add("rrule", {"freq": "weekly", "until": plan.until})
        event.add("summary", _("Weekly check-in"))
        event.add(
            "description",
            _(
                "debtcoach's weekly check-in, from {week}: what was paid, received and spent this "
                "week (press w in the app)."
            ).format(week=iso_week(plan.checkin_from)),
        )
        event.add("categories", [DueKind.CHECKIN.value])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical.decode("utf-8")
