"""Paid this cycle (issue 14): a payment recorded early is not asked for, or listed as due, again.

The sofa loan falls due on the 28th; Nov 28, 2026 is in week 2026-W48. Week 1 (W47) records the
95.00 early; week 2's check-in then pre-fills 0 and the dashboard says it is paid.
"""

from __future__ import annotations

from pathlib import Path

import pendulum
from textual.widgets import Input, Static

from debtcoach.cli import main
from debtcoach.store.repository import Repository
from debtcoach.ui.screens.checkin import CheckInScreen
from tests.conftest import make_app
from tests.ui.list_pilot import offer_shown

SIZE = (80, 24)
WEEK_1 = pendulum.date(2026, 11, 18)  # Wednesday of 2026-W47
WEEK_2 = pendulum.date(2026, 11, 23)  # Monday of 2026-W48


def household(db: Path) -> None:
    today = ["--db", str(db), "--today", WEEK_1.isoformat()]
    assert main([*today, "loan", "add", "--name", "Sofa loan", "--kind", "consumer_loan",
                 "--balance", "2300", "--apr", "14.5", "--min-payment", "95",
                 "--due-day", "28"]) == 0  # fmt: skip
    assert main([*today, "income", "add", "--name", "Salary", "--kind", "regular",
                 "--amount", "2650", "--frequency", "monthly"]) == 0  # fmt: skip


async def test_paid_in_week_1_is_prefilled_0_in_week_2_and_shown_paid(tmp_path: Path) -> None:
    db = tmp_path / "d.json"
    household(db)
    app = make_app(db, today=WEEK_1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert offer_shown(app)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        assert screen.query_one("#ck-f0", Input).value == ""  # nothing falls due in W47
        await pilot.press(*"95", "enter")  # paid early
        await pilot.press("enter")  # income: nothing typed
        await pilot.press("enter")  # no cut items
        await pilot.press("enter")  # borrowed: no
        await pilot.press("enter")  # no talk with a lender (one field until a loan is picked)
        await pilot.press("enter")  # note: save
        await pilot.pause()
        assert screen.view == "ck-summary"
    week_1 = Repository(db).load().checkins[-1]
    assert (week_1.week, {k: v.minor for k, v in week_1.paid.items()}) == (
        "2026-W47",
        {"Sofa loan": 9_500},
    )

    app = make_app(db, today=WEEK_2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert offer_shown(app)
        await pilot.press("escape")
        await pilot.pause()
        due = str(app.screen.query_one("#due", Static).content).splitlines()
        assert due[1].split() == ["Sofa", "loan", "$95.00", "Sat,", "Nov", "28,", "in", "5",
                                  "days", "·", "paid"]  # fmt: skip
        await pilot.press("w", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        assert "Week 2026-W48" in str(screen.query_one("#ck-title", Static).content)
        assert screen.query_one("#ck-f0", Input).value == "0.00"
        rows = screen.query(".ck-info")
        assert "(this week, paid already)" in str(rows.first(Static).content)
    assert Repository(db).load().checkins[-1].week == "2026-W47"  # nothing saved before the end


async def test_without_an_early_payment_week_2_prefills_the_payment_and_it_is_due(
    tmp_path: Path,
) -> None:
    db = tmp_path / "d.json"
    household(db)
    app = make_app(db, today=WEEK_2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        due = str(app.screen.query_one("#due", Static).content).splitlines()
        assert due[1].split() == ["Sofa", "loan", "$95.00", "Sat,", "Nov", "28,", "in", "5",
                                  "days"]  # fmt: skip
        await pilot.press("w", "enter")
        await pilot.pause()
        assert app.screen.query_one("#ck-f0", Input).value == "95.00"
