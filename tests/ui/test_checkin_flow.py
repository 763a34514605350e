"""The weekly check-in, driven with real key presses at 80x24, checked against the data file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import DataTable, Static

from debtcoach.domain.dashboard import FollowUp, follow_ups_due
from debtcoach.domain.models import CheckIn, LoanKind
from debtcoach.guidance import coach_advice
from debtcoach.services import Ledger
from debtcoach.store.repository import Repository
from debtcoach.ui.app import DebtCoachApp
from debtcoach.ui.screens.checkin import CheckInScreen
from debtcoach.ui.screens.dashboard import DashboardScreen
from debtcoach.ui.screens.loans import LoansScreen
from debtcoach.ui.widgets.checkin_offer import CheckInOffer
from tests.conftest import TODAY, make_app
from tests.ui.list_pilot import burst, footer_keys, offer_shown, shown

SIZE = (80, 24)


def text_of(screen: CheckInScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    for char in text:
        await pilot.press("space" if char == " " else char)


async def clear_and_type(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("end")
    for _ in range(12):
        await pilot.press("backspace")
    await type_text(pilot, text)


async def test_offer_starts_the_checkin_and_the_whole_flow_saves(sample_db: Path) -> None:
    app = make_app(sample_db)
    before = Repository(sample_db).load()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # the offer is a box on the dashboard itself, not a dialog screen over it
        assert isinstance(app.screen, DashboardScreen) and len(app.screen_stack) == 1
        assert offer_shown(app)
        await pilot.press("enter")  # start
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        assert "step 1 of 6: Payments made" in text_of(screen, "#ck-title")
        # Payments: Visa, QuickCash, Car loan, Sofa loan (95.00 due this week), Mum, Li Wei.
        await type_text(pilot, "156")
        await pilot.press("enter", "enter", "enter", "enter")
        await type_text(pilot, "50.25")
        await pilot.press("enter", "enter")
        assert "step 2 of 6: Income received" in text_of(screen, "#ck-title")
        await type_text(pilot, "2650")  # Salary; Weekend delivery is prefilled (weekly)
        await pilot.press("enter", "enter", "enter")
        assert "step 3 of 6: Spending" in text_of(screen, "#ck-title")
        await type_text(pilot, "101.50")
        await pilot.press("enter", "enter")
        await type_text(pilot, "12")
        await pilot.press("enter")
        assert "step 4 of 6: New borrowing" in text_of(screen, "#ck-title")
        await pilot.press("enter")  # no
        assert "step 5 of 6: Talks with lenders" in text_of(screen, "#ck-title")
        assert len(screen._shown) == 1  # no loan picked: nothing more to ask
        await pilot.press("right")  # Visa: the rest of the talk on the same step
        await pilot.pause()
        assert len(screen._shown) == 6
        await pilot.press("enter", "enter")  # by phone
        await type_text(pilot, "Ms Chen")
        await pilot.press("enter")
        await type_text(pilot, "24 installments")
        await pilot.press("enter")
        await type_text(pilot, "waiting")
        await pilot.press("enter")
        await type_text(pilot, "2026-11-30")
        await pilot.press("enter")
        assert "step 6 of 6: A note" in text_of(screen, "#ck-title")
        assert Repository(sample_db).load() == before
        await type_text(pilot, "steady week")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.view == "ck-summary"
        summary = text_of(screen, "#ck-summary-text")
        assert "Checked in 2026-W48." in text_of(screen, "#ck-summary-title")
        assert "Streak: 13 weeks in a row" in summary
        assert "down $301.25" in summary  # 156 + 95 + 50.25
        await pilot.press("enter")
        assert screen.view == "ck-overview"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and not offer_shown(app)

    after = Repository(sample_db).load()
    week = after.checkins[-1]
    assert week.week == "2026-W48" and week.on == TODAY and week.note == "steady week"
    paid = {k: v.minor for k, v in week.paid.items()}
    assert paid == {"Visa": 15_600, "Sofa loan": 9_500, "Mum": 5_025}
    assert {k: v.minor for k, v in week.received.items()} == {
        "Salary": 265_000,
        "Weekend delivery": 9_000,
    }
    assert {k: v.minor for k, v in week.spent.items()} == {"Groceries": 10_150, "Eating out": 1_200}
    assert week.borrowed is False
    loans = {loan.name: loan.balance.minor for loan in after.loans}
    assert loans["Visa"] == 520_000 - 15_600 and loans["Sofa loan"] == 230_000 - 9_500
    mum = after.family_loan("Mum")
    assert mum is not None and mum.balance.minor == 140_000 - 5_025
    contact = after.contacts[-1]
    assert (contact.loan, contact.channel.value, contact.outcome) == ("Visa", "phone", "waiting")
    assert (contact.who, contact.asked) == ("Ms Chen", "24 installments")
    assert contact.on == TODAY and contact.follow_up == date(2026, 11, 30)
    # the dashboard's follow-ups read it: one step in the check-in, no trip to the contact log
    assert FollowUp("Visa", date(2026, 11, 30), 7, "Ms Chen", "24 installments") in (
        follow_ups_due(after.contacts, TODAY)
    )
    assert {e.name for e in after.balances if e.source == "checkin:2026-W48"} == {
        "Visa", "QuickCash", "Car loan", "Sofa loan", "Mum", "Li Wei",
    }  # fmt: skip


async def test_skip_keeps_the_dashboard_and_a_done_week_is_not_offered(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        offer = app.screen.query_one(CheckInOffer)
        assert shown(offer.query_one("#offer-title", Static)) == (
            "Time for this week's check-in (2026-W48)"
        )
        assert shown(offer.query_one("#offer-text", Static)).startswith(
            "You have checked in 12 weeks in a row.\nAbout a minute: what you paid,"
        )
        assert shown(offer.query_one("#offer-keys", Static)) == "enter: start · s: skip for now"
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and not offer_shown(app)
        await pilot.press("enter")  # the offer's keys are gone with it
        await pilot.pause()
        assert app.current_mode == "dashboard"
    app = make_app(sample_db, today=TODAY.subtract(days=1))  # 2026-W47 is checked in
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and not offer_shown(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "dashboard"


async def test_keys_pressed_at_once_at_start_skip_the_offer_and_switch(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, ["s", "l"])  # both queued before the app handles the first
        assert isinstance(app.screen, LoansScreen)
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, ["escape", "w"])  # skipped: `w` is the check-in screen's key again
        screen = app.screen
        assert isinstance(screen, CheckInScreen) and screen.view == "ck-overview"
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, ["w"])  # the offer's `w` starts this week, not the list of weeks
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        assert "step 1 of 6: Payments made" in text_of(screen, "#ck-title")


async def test_the_offer_is_gone_after_going_away_and_back(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert offer_shown(app)
        await pilot.press("l")  # going elsewhere answers it: not now
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and not offer_shown(app)
        await pilot.press("s", "enter")  # nothing to skip or start any more
        await pilot.pause()
        assert app.current_mode == "dashboard"
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # skipped, then away and back
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and not offer_shown(app)


async def test_the_dashboard_keys_follow_an_offer_skipped_on_the_way_out(sample_db: Path) -> None:
    """`s` and `l` together: the dashboard is left before its keys are rebuilt; back on it, the
    footer has the coach's key again and none of the offer's."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = set(footer_keys(app.screen))
        assert {"s", "enter"} <= keys and "c" not in keys
        await burst(pilot, ["s", "l"])
        await pilot.pause()
        assert isinstance(app.screen, LoansScreen)
        await pilot.press("d")
        for _ in range(3):
            await pilot.pause()
        keys = set(footer_keys(app.screen))
        assert "c" in keys and not {"s", "enter"} & keys


async def test_the_offer_goes_when_the_week_is_checked_in_elsewhere(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert offer_shown(app)
        Repository(sample_db).put_checkin(CheckIn("2026-W48", TODAY))  # a script, meanwhile
        assert app.check_file_changed()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and not offer_shown(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "dashboard"


async def test_the_keymap_moves_the_offer_keys(sample_db: Path) -> None:
    keymap = {"checkin.offer.start": "g", "checkin.offer.skip": "x"}
    app = DebtCoachApp(Ledger(sample_db, TODAY), keymap=keymap)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = {key: entry.description for key, entry in footer_keys(app.screen).items()}
        assert footer["g"] == "Start the check-in" and footer["x"] == "Skip for now"
        await pilot.press("s", "enter")  # no longer the offer's keys
        await pilot.pause()
        assert app.current_mode == "dashboard" and offer_shown(app)
        await pilot.press("x")
        await pilot.pause()
        assert app.current_mode == "dashboard" and not offer_shown(app)
    app = DebtCoachApp(Ledger(sample_db, TODAY), keymap=keymap)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        assert "step 1 of 6: Payments made" in text_of(screen, "#ck-title")


async def test_escape_steps_back_and_nothing_is_saved_until_the_end(sample_db: Path) -> None:
    original = sample_db.read_bytes()
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # skip the offer
        await pilot.press("w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        assert screen.view == "ck-overview"
        table = screen.query_one("#ck-weeks", DataTable)
        assert table.get_row_at(0)[0] == "2026-W48"
        await pilot.press("enter")
        await type_text(pilot, "10")
        for _ in range(6):
            await pilot.press("enter")
        assert screen.step_index == 1
        await pilot.press("escape")
        assert screen.step_index == 0
        assert screen.draft is not None and screen.draft.values["paid:Visa"] == "10"
        await pilot.press("escape", "y")  # discard this week's check-in? yes
        assert screen.view == "ck-overview"
    assert sample_db.read_bytes() == original


async def test_overpayment_is_refused_on_the_step(sample_db: Path) -> None:
    original = sample_db.read_bytes()
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        await pilot.press("enter")  # Visa: nothing
        await type_text(pilot, "1800.01")  # QuickCash owes 1,800.00
        for _ in range(5):
            await pilot.press("enter")
        assert screen.step_index == 0
        assert "QuickCash: $1,800.01 is more than the $1,800.00 owed" in text_of(
            screen, "#ck-error"
        )
        await type_text(pilot, "x")
        assert screen.focused is not None and screen.focused.id == "ck-f1"
    assert sample_db.read_bytes() == original


async def test_correcting_a_past_week_reapplies_exactly(sample_db: Path) -> None:
    repo = Repository(sample_db)
    start = repo.load()
    old = repo.checkin("2026-W46")
    assert old is not None and set(old.paid) == {"Visa"}
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s", "w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        # Rows: 2026-W48 (not done), W47, W46, …
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert "Correcting 2026-W46" in text_of(screen, "#ck-title")
        assert screen.draft is not None and screen.draft.values["paid:Visa"] == "100.00"
        await clear_and_type(pilot, "87.65")
        await pilot.press("enter", "enter")
        await type_text(pilot, "10")  # Car loan
        for _ in range(4):
            await pilot.press("enter")  # to the income step
        for _ in range(3):
            await pilot.press("enter")  # income as recorded
        for _ in range(3):
            await pilot.press("enter")  # spending as recorded
        await pilot.press("enter", "enter")  # no, no contact
        await pilot.press("enter")  # note as it was: save
        await pilot.pause()
        assert screen.view == "ck-summary"
        assert "Corrected 2026-W46." in text_of(screen, "#ck-summary-title")

    after = Repository(sample_db).load()
    corrected = after.checkins[[c.week for c in after.checkins].index("2026-W46")]
    assert {k: v.minor for k, v in corrected.paid.items()} == {"Visa": 8_765, "Car loan": 1_000}
    assert corrected.on == old.on
    assert corrected.received == old.received and corrected.spent == old.spent
    visa_before = start.loan("Visa").balance.minor  # type: ignore[union-attr]
    car_before = start.loan("Car loan").balance.minor  # type: ignore[union-attr]
    assert after.loan("Visa").balance.minor == visa_before + 10_000 - 8_765  # type: ignore[union-attr]
    assert after.loan("Car loan").balance.minor == car_before - 1_000  # type: ignore[union-attr]
    # History: W46 rewritten under the new source, later weeks shifted by the same difference.
    w47_before = {e.name: e.balance.minor for e in start.balances if e.source == "2026-W47"}
    w47_after = {e.name: e.balance.minor for e in after.balances if e.source == "2026-W47"}
    assert w47_after["Visa"] == w47_before["Visa"] + 10_000 - 8_765
    assert w47_after["Car loan"] == w47_before["Car loan"] - 1_000
    assert not [e for e in after.balances if e.source == "2026-W46"]
    assert {e.name for e in after.balances if e.source == "checkin:2026-W46"} >= {"Visa"}


async def test_new_borrowing_opens_a_loan_and_the_coach_says_stop(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        for _ in range(6 + 3 + 3):
            await pilot.press("enter")
        assert screen.step_index == 3
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("enter")
        await type_text(pilot, "Payday app")
        await pilot.press("enter")
        await type_text(pilot, "FastMoney")
        await pilot.press("enter")
        await type_text(pilot, "300")
        await pilot.press("enter")
        await pilot.press("enter")  # no monthly payment: refused
        await pilot.press("enter", "enter", "enter", "enter")
        assert screen.step_index == 3
        assert "the monthly payment" in text_of(screen, "#ck-error")
        await type_text(pilot, "60")
        await pilot.press("enter")
        await pilot.press("enter", "enter", "enter", "enter")  # no due day: refused
        assert screen.step_index == 3
        assert "the due day: is needed" in text_of(screen, "#ck-error")
        await type_text(pilot, "15")
        await pilot.press("enter", "enter", "right", "enter")  # kind: other
        await pilot.press("right", "enter")  # it went to repay another debt
        assert screen.step_index == 4
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert screen.view == "ck-summary"
        assert "New loan recorded: Payday app" in text_of(screen, "#ck-summary-text")
        assert "Coach: " in text_of(screen, "#ck-summary-text")

    after = Repository(sample_db).load()
    loan = after.loan("Payday app")
    assert loan is not None
    assert (loan.kind, loan.lender, loan.balance.minor, loan.min_payment.minor) == (
        LoanKind.OTHER, "FastMoney", 30_000, 6_000,
    )  # fmt: skip
    assert loan.opened_on == TODAY
    assert loan.due_day == 15 and loan.to_repay_other_debt
    assert after.checkins[-1].borrowed is True
    advice = coach_advice(after, TODAY)
    assert advice[0].rule == "stop-lending"
    assert (
        "Payday app was opened on Nov 23, 2026, 95 days after Visa went overdue on "
        "Aug 20, 2026, taken to repay other debt"
    ) in advice[0].why
