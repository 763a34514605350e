"""On start, when this week has no check-in yet, offer it: `enter` starts, `s` (or `esc`) skips.

Not offered on a file with no loan and no family loan yet (a first start): there is nothing to
check in, and the dashboard shows how to begin instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from debtcoach.domain.calendar import iso_week
from debtcoach.domain.checkin import find_checkin, streak
from debtcoach.domain.wording import N_, _, ngettext

if TYPE_CHECKING:
    from debtcoach.ui.app import DebtCoachApp


class CheckInOffer(ModalScreen[bool]):
    """A small, calm question; dismissed with True to start the check-in."""

    DEFAULT_CSS = """
    CheckInOffer { align: center middle; }
    CheckInOffer #offer {
        width: 60; max-width: 95%; height: auto; padding: 1 2;
        border: round $accent; background: $panel;
    }
    CheckInOffer #offer-title { text-style: bold; color: $accent; }
    CheckInOffer #offer-keys { margin-top: 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,w", "start", N_("Start the check-in"), id="checkin.offer.start"),
        Binding("s,escape", "skip", N_("Skip for now"), id="checkin.offer.skip"),
    ]

    def __init__(self, week: str, weeks_in_a_row: int) -> None:
        super().__init__()
        self.week = week
        self.weeks_in_a_row = weeks_in_a_row

    def compose(self) -> ComposeResult:
        if self.weeks_in_a_row:
            keep = ngettext(
                "You have checked in {n} week in a row. ",
                "You have checked in {n} weeks in a row. ",
                self.weeks_in_a_row,
            ).format(n=self.weeks_in_a_row)
        else:
            keep = ""
        with Vertical(id="offer"):
            yield Static(
                _("Time for this week's check-in ({week})").format(week=self.week),
                id="offer-title",
            )
            yield Static(
                keep
                + _(
                    "About a minute: what you paid, what came in, what you spent, and anything new."
                ),
                id="offer-text",
            )
            yield Static(_("enter: start · s: skip for now"), id="offer-keys")

    def action_start(self) -> None:
        self.dismiss(True)

    def action_skip(self) -> None:
        self.dismiss(False)


def offer_checkin(app: DebtCoachApp) -> None:
    """Push the offer if this week has no check-in; starting opens the check-in screen on it."""
    week = iso_week(app.today)
    household = app.household
    if find_checkin(household, week) is not None:
        return
    if not household.loans and not household.family_loans:
        # A brand-new file: nothing to pay or report yet; the dashboard says where to begin.
        return

    def answered(start: bool | None) -> None:
        if not start:
            return
        from debtcoach.ui.screens.checkin import CheckInScreen

        app.action_go("checkin")
        screen = app.screen
        if isinstance(screen, CheckInScreen):
            screen.request_start(week)

    weeks = streak((c.week for c in household.checkins), app.today)
    app.push_screen(CheckInOffer(week, weeks), answered)
