"""The coach's triggers: each rule fires in its case and stays quiet just past its boundary."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from msgspec.structs import replace

from debtcoach.domain import coach
from debtcoach.domain.calendar import iso_week
from debtcoach.domain.coach import Advice, evaluate, find_triggers, loan_arrears, on_track_message
from debtcoach.domain.models import (
    Channel,
    CheckIn,
    Contact,
    Expense,
    FamilyLoan,
    FamilyRepayment,
    Frequency,
    Household,
    IncomeKind,
    IncomeSource,
    Loan,
    LoanKind,
    LoanStatus,
    ProposalState,
    Settings,
)
from debtcoach.domain.money import Money
from debtcoach.domain.restructure import installments_to_relieve, quote_restructure
from debtcoach.guidance import RULES_BY_ID, Rule, coach_advice

TODAY = date(2026, 11, 23)


def usd(text: str) -> Money:
    return Money(int(Decimal(text) * 100), "USD")


def loan(name: str = "Bank", balance: str = "5000", min_payment: str = "200", **kw: object) -> Loan:
    fields: dict[str, object] = {
        "kind": LoanKind.CONSUMER_LOAN,
        "apr": Decimal(10),
        **kw,
    }
    return Loan(name=name, balance=usd(balance), min_payment=usd(min_payment), **fields)  # type: ignore[arg-type]


def overdue_card(**kw: object) -> Loan:
    fields: dict[str, object] = {
        "kind": LoanKind.CREDIT_CARD,
        "apr": Decimal(18),
        "penalty_apr": Decimal(24),
        "overdue_since": date(2026, 9, 15),
        "status": LoanStatus.OVERDUE,
        "lender": "Chase",
        **kw,
    }
    return loan("Visa", "5200", "156", **fields)


def salary(amount: str) -> IncomeSource:
    return IncomeSource("Salary", IncomeKind.REGULAR, usd(amount), Frequency.MONTHLY)


SIDE = IncomeSource("Tutoring", IncomeKind.SIDE, usd("200"), Frequency.MONTHLY)
RENT = Expense("Rent", usd("1000"), essential=True)


def household(
    loans: tuple[Loan, ...] = (),
    *,
    income: str = "3000",
    side: bool = True,
    expenses: tuple[Expense, ...] = (RENT,),
    **kw: object,
) -> Household:
    """A calm baseline (side income, only essential spending, plenty of budget) plus `loans`."""
    sources = (salary(income), SIDE) if side else (salary(income),)
    return Household(loans=loans, income=sources, expenses=expenses, **kw)  # type: ignore[arg-type]


def fired(h: Household, today: date = TODAY) -> list[str]:
    return [f.rule for f in find_triggers(h, today)]


def why(h: Household, rule_id: str, today: date = TODAY) -> str:
    found = {f.rule: f.why for f in find_triggers(h, today)}
    assert rule_id in found, f"{rule_id} did not fire: {list(found)}"
    return found[rule_id]


def test_calm_baseline_fires_nothing() -> None:
    h = household((loan(),))
    assert fired(h) == []
    assert coach_advice(h, TODAY) == ()


# --- stop-lending ---------------------------------------------------------------------------


def test_stop_lending_loan_opened_on_the_day_another_went_overdue() -> None:
    h = household((overdue_card(), loan("QuickCash", opened_on=date(2026, 9, 15))))
    assert "stop-lending" in fired(h)
    assert why(h, "stop-lending").startswith(
        "QuickCash was opened on Sep 15, 2026, the same day Visa went overdue."
    )


def test_stop_lending_quiet_for_a_loan_opened_the_day_before() -> None:
    h = household((overdue_card(), loan("QuickCash", opened_on=date(2026, 9, 14))))
    assert "stop-lending" not in fired(h)


def test_stop_lending_quiet_when_the_new_loan_is_paid_off() -> None:
    paid = loan("QuickCash", opened_on=date(2026, 10, 2), status=LoanStatus.PAID_OFF)
    assert "stop-lending" not in fired(household((overdue_card(), paid)))


def test_stop_lending_a_loan_taken_to_repay_other_debt() -> None:
    h = household((loan("Payday", to_repay_other_debt=True),))
    assert fired(h) == ["stop-lending"]
    assert why(h, "stop-lending").startswith("Payday is marked as taken to repay other debt.")


def test_stop_lending_quiet_when_that_loan_is_paid_off() -> None:
    h = household((loan("Payday", balance="0", to_repay_other_debt=True), loan()))
    assert fired(h) == []


def _borrowed(weeks_ago: int, borrowed: bool = True) -> CheckIn:
    day = TODAY - timedelta(weeks=weeks_ago)
    return CheckIn(week=iso_week(day), on=day, borrowed=borrowed)


def test_stop_lending_a_check_in_three_weeks_back_said_borrowed() -> None:
    h = household((loan(),), checkins=(_borrowed(3),))
    assert fired(h) == ["stop-lending"]
    assert why(h, "stop-lending").startswith(
        "The check-in for 2026-W45 says something new was borrowed."
    )


def test_stop_lending_quiet_for_a_check_in_four_weeks_back() -> None:
    h = household((loan(),), checkins=(_borrowed(4), _borrowed(0, borrowed=False)))
    assert fired(h) == []


def test_stop_lending_lists_every_reason() -> None:
    h = household(
        (
            overdue_card(),
            loan("QuickCash", opened_on=date(2026, 10, 2), to_repay_other_debt=True),
            loan("Payday", to_repay_other_debt=True),
        ),
        checkins=(_borrowed(0), _borrowed(1)),
    )
    text = why(h, "stop-lending")
    assert text.startswith(
        "QuickCash was opened on Oct 2, 2026, 17 days after Visa went overdue on Sep 15, 2026, "
        "taken to repay other debt; "
        "Payday is marked as taken to repay other debt; "
        "the check-ins for 2026-W47 and 2026-W48 say something new was borrowed."
    )


# --- talk-to-lenders ------------------------------------------------------------------------


def _contact(days_ago: int, name: str = "Visa") -> Contact:
    return Contact(loan=name, on=TODAY - timedelta(days=days_ago), channel=Channel.PHONE)


def test_talk_to_lenders_quiet_with_a_contact_14_days_ago() -> None:
    h = household((overdue_card(),), contacts=(_contact(14),))
    assert "talk-to-lenders" not in fired(h)


def test_talk_to_lenders_fires_when_the_last_contact_was_15_days_ago() -> None:
    h = household((overdue_card(),), contacts=(_contact(15), _contact(40)))
    assert "talk-to-lenders" in fired(h)
    assert why(h, "talk-to-lenders").startswith(
        "Visa has been overdue for 69 days (since Sep 15, 2026) and the last contact with "
        "Chase was on Nov 8, 2026, 15 days ago."
    )


def test_talk_to_lenders_names_what_was_asked_and_a_follow_up_that_passed() -> None:
    asked = Contact(
        loan="Visa",
        on=TODAY - timedelta(days=20),
        channel=Channel.PHONE,
        asked="24 installments",
        follow_up=TODAY - timedelta(days=6),
    )
    text = why(household((overdue_card(),), contacts=(asked,)), "talk-to-lenders")
    assert "was on Nov 3, 2026, 20 days ago (you asked: 24 installments), and its follow-up on " \
        "Nov 17, 2026 has passed" in text  # fmt: skip


def test_talk_to_lenders_counts_only_contacts_for_that_loan_and_not_in_the_future() -> None:
    h = household(
        (overdue_card(), loan("Car")),
        contacts=(_contact(1, name="Car"), _contact(-3)),
    )
    assert why(h, "talk-to-lenders").startswith(
        "Visa has been overdue for 69 days (since Sep 15, 2026) and no contact with Chase is "
        "logged yet."
    )


def test_talk_to_lenders_quiet_without_an_overdue_loan() -> None:
    assert "talk-to-lenders" not in fired(household((loan(),)))


# --- negotiate-card -------------------------------------------------------------------------


def test_negotiate_card_for_an_overdue_card() -> None:
    h = household((overdue_card(),))
    assert "negotiate-card" in fired(h)
    sixty = quote_restructure(overdue_card(), 60)
    text = why(h, "negotiate-card")
    assert text.startswith(
        "Visa is an overdue credit card with $5,200.00 owed and no installment plan agreed; "
        f"over 60 installments at its 18% rate each would be ${sixty.installment.to_decimal()} "
        "(the minimum now is $156.00). "
    )
    # The move's effect (tests/coach/test_coach_moves.py checks its figures by hand).
    assert "Visa over 60 installments: current again in December 2026, " in text


def test_negotiate_card_quiet_once_restructured() -> None:
    card = overdue_card()
    terms = quote_restructure(card, 48).as_terms(ProposalState.AGREED, TODAY)
    done = replace(card, status=LoanStatus.RESTRUCTURED, restructure=terms)
    assert fired(household((done,))) == []


def test_negotiate_card_quiet_for_other_kinds_and_current_cards() -> None:
    other = replace(overdue_card(), kind=LoanKind.CONSUMER_LOAN)
    current = replace(overdue_card(), overdue_since=None, status=LoanStatus.CURRENT)
    assert "negotiate-card" not in fired(household((other,)))
    assert "negotiate-card" not in fired(household((current,)))


# --- extend-plan ----------------------------------------------------------------------------


def _tight(loans: tuple[Loan, ...], budget: str) -> Household:
    """The debt budget is exactly `budget` (salary only, no spending)."""
    return household(loans, income=budget, side=False, expenses=())


def test_extend_plan_quiet_when_the_budget_equals_the_minimums() -> None:
    h = _tight((loan("Car", "9000", "300"), loan("Bank")), "500")
    assert "extend-plan" not in fired(h)


def test_extend_plan_fires_one_cent_short() -> None:
    h = _tight((loan("Car", "9000", "300"), loan("Bank")), "499.99")
    text = why(h, "extend-plan")
    assert text.startswith(
        "The debt budget is $499.99 a month and the minimum payments add up to $500.00: "
        "$0.01 short each month. Spreading Car, the largest loan, over "
    )


def test_extend_plan_names_the_installments_that_close_the_gap() -> None:
    card = overdue_card()
    h = _tight((card,), "136")  # 20 short of 156
    expected = installments_to_relieve(card, usd("20"))
    assert expected is not None and expected.installments <= 60
    assert why(h, "extend-plan") == (
        "The debt budget is $136.00 a month and the minimum payments add up to $156.00: "
        "$20.00 short each month, and on top of that Visa is $468.00 behind. Spreading Visa, "
        "the largest loan, over "
        f"{expected.installments} installments would lower its payment from $156.00 to "
        f"${expected.installment.to_decimal()} and close the gap: current again in December "
        "2026, debt-free in September 2031 (58 months)."
    )


def test_extend_plan_card_capped_at_60_says_what_remains() -> None:
    card = overdue_card()
    h = _tight((card,), "126")  # 30 short; 60 installments relieve 23.95
    sixty = quote_restructure(card, 60)
    remains = usd("30") - sixty.monthly_relief
    assert installments_to_relieve(card, usd("30")) is None
    assert why(h, "extend-plan").endswith(
        "Even 60 installments of Visa, the largest loan, is not enough: its payment would fall "
        f"from $156.00 to ${sixty.installment.to_decimal()}, and "
        f"${remains.to_decimal()} a month remains."
    )
    assert remains == usd("6.05")


def test_extend_plan_a_non_card_may_go_past_60_installments() -> None:
    big = loan("Consumer", "20000", "600", apr=Decimal(8))
    h = _tight((big,), "400")  # 200 short
    match = re.search(r"over (\d+) installments", why(h, "extend-plan"))
    assert match is not None and int(match.group(1)) > 60


def test_extend_plan_when_the_longest_plan_would_not_lower_the_payment() -> None:
    small = loan("Store card", "100", "1", kind=LoanKind.CREDIT_CARD, apr=Decimal(20))
    h = _tight((small,), "0.50")  # 0.50 short; 60 installments would be 2.65, more than 1.00
    assert why(h, "extend-plan").endswith(
        "Even 60 installments of Store card, the largest loan, is not enough: they would not "
        "lower its payment, and $0.50 a month remains."
    )


def test_extend_plan_names_what_a_loan_behind_adds_on_top() -> None:
    # 3 months overdue × (156.00 + 25.00) = 543.00 past due, and the fee while it stays behind.
    h = _tight((overdue_card(late_fee=usd("25")),), "136")
    assert why(h, "extend-plan").startswith(
        "The debt budget is $136.00 a month and the minimum payments add up to $156.00: "
        "$20.00 short each month, and on top of that Visa is $543.00 behind and is charged "
        "$25.00 each month it stays behind. Spreading Visa"
    )


def test_extend_plan_from_the_month_the_plan_falls_short() -> None:
    # 450.00 a month until the salary ends in January, 150.00 from February: the plan is short
    # from 2027-02 though today's budget covers the 200.00 minimum.
    income = (
        IncomeSource("Salary", IncomeKind.REGULAR, usd("300"), Frequency.MONTHLY,
                     end=date(2027, 1, 31)),
        IncomeSource("Tutoring", IncomeKind.SIDE, usd("150"), Frequency.MONTHLY),
    )  # fmt: skip
    h = Household(loans=(loan(),), income=income)
    assert why(h, "extend-plan").startswith(
        "From February 2027 the debt budget is $150.00 a month and the minimum payments add up "
        "to $200.00: $50.00 short each month. Spreading Bank"
    )
    ended = replace(h, income=(replace(income[0], end=None), income[1]))
    assert "extend-plan" not in fired(ended)


def test_extend_plan_quiet_without_loans() -> None:
    h = household((), income="0", side=False)
    assert "extend-plan" not in fired(h)
    assert fired(h) == []


# --- act-early ------------------------------------------------------------------------------


def test_arrears_computed_from_months_overdue_minimum_and_late_fee() -> None:
    card = overdue_card(late_fee=usd("25"))
    assert loan_arrears(card, date(2026, 11, 15)) == usd("362")  # 2 months × (156 + 25)
    assert loan_arrears(card, date(2026, 11, 16)) == usd("543")  # a started 3rd month counts
    assert loan_arrears(overdue_card(arrears=usd("100")), TODAY) == usd("100")
    assert loan_arrears(loan(), TODAY) == usd("0")


def test_act_early_quiet_when_arrears_equal_one_month_of_budget() -> None:
    h = household((overdue_card(),), income="268", expenses=())  # budget 468 = 3 × 156
    assert "act-early" not in fired(h)


def test_act_early_fires_just_below_one_month_of_budget() -> None:
    h = household((overdue_card(),), income="268.01", expenses=())
    # The plan's catch-up: 312.01 a month above the minimum clears the 468.00 in January.
    assert why(h, "act-early").startswith(
        "The overdue amount is $468.00 (Visa $468.00: 3 months of $156.00), less than one "
        "month's debt budget of $468.01. Clearing it now, while it is small, keeps it from "
        "growing and keeps negotiation easier; the plan brings Visa current in January 2027. "
        "Borrowing $468.00 from relatives in December 2026 for the loans behind: current "
        "again in December 2026, "
    )


def test_act_early_uses_entered_arrears_and_late_fees() -> None:
    h = household(
        (
            overdue_card(arrears=usd("300")),
            loan("Bank", overdue_since=date(2026, 11, 1), late_fee=usd("20")),
        )
    )
    assert "(Visa $300.00, Bank $220.00: 1 month of $200.00 + $20.00 late fee)" in why(
        h, "act-early"
    )


def test_act_early_says_when_the_plan_catches_up_and_its_late_fees() -> None:
    # 543.00 past due, budget 600.00. Dec: 24 % on 5200.00 = 104.00, fee 25.00 (arrears
    # 568.00), minimum 156.00, catch-up 444.00 → 124.00; Jan: fee 25.00 → 149.00, caught up.
    h = household((overdue_card(late_fee=usd("25")),), income="400", expenses=())
    assert (
        "keeps negotiation easier; the plan brings Visa current in January 2027, after $50.00 "
        "of late fees. Borrowing $568.00 from relatives"
    ) in why(h, "act-early")


def test_act_early_arrears_never_more_than_the_balance() -> None:
    small = replace(overdue_card(), balance=usd("300"))
    assert loan_arrears(small, TODAY) == usd("300")  # not 3 × 156.00
    assert "(Visa $300.00: the whole balance, less than 3 months of $156.00)" in why(
        household((small,)), "act-early"
    )


def test_act_early_quiet_with_no_arrears() -> None:
    h = household((overdue_card(arrears=usd("0")),))
    assert "act-early" not in fired(h)


# --- open-source-throttle -------------------------------------------------------------------


def test_open_source_without_side_income() -> None:
    h = household((loan(),), side=False)
    assert fired(h) == ["open-source-throttle"]
    assert why(h, "open-source-throttle") == "No side income is recorded."


def test_throttle_a_non_essential_expense_without_an_active_cut() -> None:
    eating = Expense("Eating out", usd("180"), usd("60"))
    h = household((loan(),), expenses=(RENT, eating))
    assert fired(h) == ["open-source-throttle"]
    assert why(h, "open-source-throttle") == (
        "Eating out ($180.00 a month) is non-essential and has no cut active. "
        "Cutting to the targets already set would free $120.00 a month."
    )


def test_throttle_quiet_once_the_cut_is_active() -> None:
    eating = Expense("Eating out", usd("180"), usd("60"), cut_active=True)
    assert fired(household((loan(),), expenses=(RENT, eating))) == []


def test_throttle_when_the_budget_is_zero_but_not_one_cent_above() -> None:
    at_zero = household((loan(min_payment="0.01"),), income="800")  # 800 + 200 side − 1000
    assert "open-source-throttle" in fired(at_zero)
    assert why(at_zero, "open-source-throttle").startswith("The debt budget is $0.00 a month")
    above = household((loan(min_payment="0.01"),), income="800.01")
    assert "open-source-throttle" not in fired(above)


def test_throttle_quiet_when_nothing_is_owed() -> None:
    assert fired(household((), side=False)) == []


# --- ask-relatives --------------------------------------------------------------------------

HOBBY = Expense("Hobby", usd("300"), usd("100"))


def test_ask_relatives_quiet_when_every_cut_just_covers_the_minimums() -> None:
    # income 1100 + 200 side − 1000 rent − 100 hobby after the cut = 200 = the minimum
    h = household((loan(),), income="1100", expenses=(RENT, HOBBY))
    assert "extend-plan" in fired(h)
    assert "ask-relatives" not in fired(h)


def test_ask_relatives_fires_one_cent_short_even_with_every_cut() -> None:
    h = household((loan(),), income="1099.99", expenses=(RENT, HOBBY))
    assert why(h, "ask-relatives") == (
        "Even with every non-essential expense cut to its target, the debt budget would be "
        "$199.99 a month, $0.01 less than the $200.00 of minimum payments."
    )


def test_ask_relatives_keeps_an_active_cut_on_an_essential() -> None:
    groceries = Expense("Groceries", usd("500"), usd("400"), essential=True, cut_active=True)
    h = household((loan(),), income="1400", expenses=(RENT, groceries))  # budget exactly 200
    assert fired(h) == []


# --- repay-relatives ------------------------------------------------------------------------

MUM = FamilyLoan("Mum", usd("2000"), date(2026, 1, 10), relationship="mother")


def test_repay_relatives_when_no_institutional_loan_is_open() -> None:
    h = household((loan(balance="0"),), family_loans=(MUM,))
    assert fired(h) == ["repay-relatives"]
    assert why(h, "repay-relatives") == (
        "No institutional loan is open any more; Mum ($2,000.00) is still owed."
    )


def test_repay_relatives_quiet_when_the_family_loan_is_repaid() -> None:
    repaid = replace(MUM, repayments=(FamilyRepayment(TODAY, usd("2000")),))
    assert fired(household((), family_loans=(repaid,))) == []


def _clears_in(balance: str) -> Household:
    zero_rate = loan("Bank", balance, "100", apr=Decimal(0))
    return replace(_tight((zero_rate,), "100"), family_loans=(MUM,))


def test_repay_relatives_when_the_plan_clears_the_institutions_in_12_months() -> None:
    h = _clears_in("1200")
    assert why(h, "repay-relatives") == (
        "The plan clears the institutional loans by November 2027 (in 12 months); after that "
        "the debt budget goes to Mum ($2,000.00)."
    )


def test_repay_relatives_quiet_when_the_plan_needs_13_months() -> None:
    assert "repay-relatives" not in fired(_clears_in("1300"))


# --- ordering, text and tone ----------------------------------------------------------------


def _troubled() -> Household:
    """Seven rules at once: everything except repay-relatives (the plan is infeasible)."""
    return household(
        (
            overdue_card(),
            loan("QuickCash", "1800", "150", opened_on=date(2026, 10, 2), apr=Decimal(36)),
            loan("Car", "9400", "310", kind=LoanKind.CAR),
        ),
        income="700",  # budget 520: above the 468 of arrears, below the 616 of minimums
        side=False,
        expenses=(Expense("Eating out", usd("180"), usd("150")),),  # 550 even with the cut
        family_loans=(MUM,),
    )


def test_a_move_two_rules_name_is_tried_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Acting early and asking relatives both name the relatives covering the arrears: one
    simulation of that move per evaluation, the same words in both whys."""
    tried: list[object] = []
    real = coach.try_move

    def counting(*args: object, **kwargs: object) -> object:
        tried.append(args[2])
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(coach, "try_move", counting)
    advice = {a.rule: a.why for a in coach_advice(_troubled(), TODAY)}
    assert {"act-early", "ask-relatives"} <= set(advice)
    assert len(tried) == len(set(tried))  # no move simulated twice
    relatives = [move for move in tried if type(move).__name__ == "Relatives"]
    assert len(relatives) == 1


def test_ordering_most_severe_first() -> None:
    advice = coach_advice(_troubled(), TODAY)
    assert [a.rule for a in advice] == [
        "stop-lending",
        "talk-to-lenders",
        "negotiate-card",
        "extend-plan",
        "act-early",
        "open-source-throttle",
        "ask-relatives",
    ]
    assert [a.severity for a in advice] == sorted(a.severity for a in advice)


def test_advice_carries_the_rule_text_and_the_why() -> None:
    for item in coach_advice(_troubled(), TODAY):
        text = RULES_BY_ID[item.rule]
        assert (item.title, item.quote, item.key, item.severity) == (
            text.title,
            text.quote,
            text.key,
            text.severity,
        )
        assert item.as_dict() == {
            "rule": item.rule,
            "title": item.title,
            "quote": item.quote,
            "why": item.why,
            "key": item.key,
            "severity": item.severity,
        }


def test_ordering_follows_the_table_severity() -> None:
    reversed_table = {
        rule_id: Rule(r.id, r.title, 100 - r.severity, r.quote, r.key, r.screen)
        for rule_id, r in RULES_BY_ID.items()
    }
    advice = evaluate(_troubled(), TODAY, reversed_table)
    assert advice[0].rule == "ask-relatives"
    assert advice[-1].rule == "stop-lending"


def test_whys_are_calm_and_short() -> None:
    for item in coach_advice(_troubled(), TODAY):
        assert "!" not in item.why
        assert not re.search(r"fail|fault|should have|irresponsible", item.why, re.I)
        # At most the finding, what it means, and what the move that answers it would do.
        assert 1 <= len(re.findall(r"\.(?:\s|$)", item.why)) <= 3, item.why


def test_why_in_the_households_locale_and_currency() -> None:
    settings = Settings(currency="CNY", locale="zh_CN")
    cny = Money(520000, "CNY")
    card = replace(overdue_card(), balance=cny, min_payment=Money(15600, "CNY"))
    h = Household(settings=settings, loans=(card,))
    assert "¥5,200.00" in why(h, "negotiate-card")
    assert "2026年9月15日" in why(h, "talk-to-lenders")
    assert "¥156.00" in why(h, "extend-plan")


def test_issue_example_household() -> None:
    h = household(
        (
            overdue_card(),
            loan(
                "QuickCash",
                "1800",
                "150",
                opened_on=date(2026, 10, 2),
                apr=Decimal(36),
                kind=LoanKind.ONLINE_PLATFORM,
            ),
            loan("Car loan", "9400", "310", kind=LoanKind.CAR, apr=Decimal("6.5")),
        ),
        income="3200",
        side=False,
        expenses=(
            Expense("Rent", usd("1250"), essential=True),
            Expense("Groceries", usd("420"), usd("380"), essential=True, cut_active=True),
            Expense("Eating out", usd("180"), usd("60")),
        ),
    )
    assert fired(h) == [
        "stop-lending",
        "talk-to-lenders",
        "negotiate-card",
        "act-early",
        "open-source-throttle",
    ]


# --- on_track_message -----------------------------------------------------------------------


def test_on_track_names_the_next_payoff_and_the_debt_free_month() -> None:
    loans = (loan("Bank", "1000", "100", apr=Decimal(0)), loan("Car", "9000", "300"))
    h = household(loans, income="200", expenses=())  # budget 400 = the minimums
    message = on_track_message(h, TODAY)
    assert message.startswith("Nothing in the guidance needs action right now. Next milestone: ")
    assert "Bank paid off in September 2027 (in 10 months); debt-free in " in message


def test_on_track_with_one_loan_names_the_debt_free_month() -> None:
    h = household((loan("Bank", "3600", "100", apr=Decimal(0)),), income="1100")  # budget 300
    assert fired(h) == []
    assert on_track_message(h, TODAY) == (
        "Nothing in the guidance needs action right now. "
        "Next milestone: debt-free in November 2027 (in 12 months)."
    )


def test_on_track_with_nothing_owed() -> None:
    assert on_track_message(Household(), TODAY) == (
        "Nothing in the guidance needs action right now. Nothing is owed at the moment."
    )


def test_on_track_does_not_claim_calm_when_rules_fire() -> None:
    message = on_track_message(_troubled(), TODAY)
    assert not message.startswith("Nothing in the guidance")
    assert "short of the minimum payments" in message


def test_the_state_tells_on_track_what_it_evaluated_and_the_line_is_the_same() -> None:
    """The Ledger evaluates the rules once and tells `on_track_message` whether any fired."""
    loans = (loan("Bank", "1000", "100", apr=Decimal(0)), loan("Car", "9000", "300"))
    for h in (household(loans, income="200", expenses=()), _troubled(), Household()):
        quiet = not coach_advice(h, TODAY)
        assert on_track_message(h, TODAY, quiet=quiet) == on_track_message(h, TODAY)
    assert on_track_message(Household(), TODAY, quiet=False) == "Nothing is owed at the moment."


def test_advice_is_a_frozen_value() -> None:
    item = coach_advice(_troubled(), TODAY)[0]
    assert isinstance(item, Advice)
    with pytest.raises(AttributeError, match="immutable"):
        item.why = "changed"  # type: ignore[misc]


def test_rule_ids_are_the_design_ids() -> None:
    assert coach.RULE_IDS == (
        "stop-lending",
        "talk-to-lenders",
        "negotiate-card",
        "extend-plan",
        "act-early",
        "open-source-throttle",
        "ask-relatives",
        "repay-relatives",
    )
