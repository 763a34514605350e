"""The contact log (the negotiation history with lenders): what a contact entry must respect.

The screen's form and the CLI check the same dates with the same words. Follow-ups due soon are
computed for the dashboard by `debtcoach.domain.dashboard.follow_ups_due`.
"""

from __future__ import annotations

from datetime import date

from debtcoach.domain.wording import _


def contact_date_problems(on: date, follow_up: date | None, today: date) -> dict[str, str]:
    """Field ("date", "follow_up") → message for dates a contact may not have; empty if fine.

    A contact happened, so it is not in the future; its follow-up is not before it.
    """
    problems: dict[str, str] = {}
    if on > today:
        problems["date"] = _("{day} is after today ({today})").format(
            day=on.isoformat(), today=today.isoformat()
        )
    if follow_up is not None and follow_up < on:
        problems["follow_up"] = _("{day} is before the contact date {on}").format(
            day=follow_up.isoformat(), on=on.isoformat()
        )
    return problems
