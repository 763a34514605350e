"""On start, when this week has no check-in yet, the dashboard offers it in a small box:
`enter` starts, `s` (or `esc`) skips (the keys are the dashboard's, see `DashboardScreen`).

Drawn on the dashboard itself rather than as a dialog screen over it, so the first frame renders
the dashboard once, not a second time tinted under the dialog. Not offered on a file with no
loan and no family loan yet (a first start): there is nothing to check in, and the dashboard
shows how to begin instead.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from debtcoach.domain.wording import _, ngettext


class CheckInOffer(Vertical):
    """A small, calm question over the dashboard's figures (on its own layer, centred)."""

    DEFAULT_CSS = """
    CheckInOffer {
        layer: offer; width: 60; max-width: 95%; height: auto; padding: 1 2;
        border: round $accent; background: $panel;
    }
    CheckInOffer #offer-title { text-style: bold; color: $accent; }
    CheckInOffer #offer-keys { margin-top: 1; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__(id="offer")

    def compose(self) -> ComposeResult:
        yield Static(id="offer-title")
        yield Static(id="offer-text")
        yield Static(Content(_("enter: start · s: skip for now")), id="offer-keys")

    def show(self, week: str, weeks_in_a_row: int) -> None:
        if weeks_in_a_row:
            keep = ngettext(
                "You have checked in {n} week in a row. ",
                "You have checked in {n} weeks in a row. ",
                weeks_in_a_row,
            ).format(n=weeks_in_a_row)
        else:
            keep = ""
        title = _("Time for this week's check-in ({week})").format(week=week)
        self.query_one("#offer-title", Static).update(Content(title))
        about = _("About a minute: what you paid, what came in, what you spent, and anything new.")
        # The streak on a line of its own: run on, a Chinese line broke between "520" and "周".
        lines = (keep.strip(), about) if keep else (about,)
        self.query_one("#offer-text", Static).update(Content("\n".join(lines)))
