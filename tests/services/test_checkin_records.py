"""The check-in's door (`save_checkin`) holds new borrowing and lender talks to the record rules:
nothing is written when a row breaks one."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from msgspec.structs import replace

from debtcoach.domain.models import Channel, CheckIn, Contact, Loan, LoanKind
from debtcoach.domain.money import Money
from debtcoach.domain.record_rules import RecordProblem
from debtcoach.services import Ledger
from debtcoach.services.checkin import save_checkin
from tests.conftest import TODAY

WEEK = CheckIn("2026-W48", date(2026, 11, 23), borrowed=True)
PAYDAY = Loan(
    "Payday app",
    LoanKind.ONLINE_PLATFORM,
    Money(30_000, "USD"),
    Decimal(0),
    Money(6_000, "USD"),
    opened_on=date(2026, 11, 23),
)


def test_a_new_loan_without_a_due_day_is_refused(sample_db: Path) -> None:
    before = sample_db.read_bytes()
    with pytest.raises(RecordProblem) as problem:
        save_checkin(Ledger(sample_db, TODAY), WEEK, new_loans=[PAYDAY])
    assert problem.value.field == "due_day"
    assert sample_db.read_bytes() == before


def test_a_complete_loan_and_a_talk_about_it_are_saved(sample_db: Path) -> None:
    loan = replace(PAYDAY, due_day=15, to_repay_other_debt=True)
    talk = Contact(
        "Payday app", date(2026, 11, 23), Channel.APP, who="support", asked="a later due day",
        follow_up=date(2026, 11, 30),
    )  # fmt: skip
    ledger = Ledger(sample_db, TODAY)
    save_checkin(ledger, WEEK, new_loans=[loan], contacts=[talk])
    saved = ledger.household()
    assert saved.loan("Payday app") == loan
    assert saved.contacts[-1] == talk


def test_a_follow_up_before_the_talk_is_refused(sample_db: Path) -> None:
    talk = Contact("Visa", date(2026, 11, 23), Channel.PHONE, follow_up=date(2026, 11, 1))
    with pytest.raises(RecordProblem) as problem:
        save_checkin(Ledger(sample_db, TODAY), replace(WEEK, borrowed=False), contacts=[talk])
    assert problem.value.field == "follow_up"
