"""Family loans: money borrowed from relatives and friends, repaid after the institutions.

A promise the payoff plan cannot keep in time is marked "at risk" (the plan's own verdict), so
the user can talk to that person early. `r` records a repayment · `a` add · `e`/`enter` edit ·
`x` delete · `/` filter · `s` sort.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from msgspec.structs import replace
from textual.binding import Binding, BindingType

from debtcoach.domain.loan_facts import family_totals
from debtcoach.domain.models import FamilyLoan, Household
from debtcoach.domain.money import Money, format_money
from debtcoach.domain.record_rules import repayment_problems
from debtcoach.domain.wording import N_, _
from debtcoach.ui.screens.list_screen import ListScreen
from debtcoach.ui.widgets.data_table import Column, Row
from debtcoach.ui.widgets.form_fields import FieldSpec, Values
from debtcoach.ui.widgets.money_input import (
    date_field,
    date_text,
    money_field,
    money_text,
    name_field,
    optional_date_field,
    optional_rate_field,
    rate_text,
    text_field,
)

if TYPE_CHECKING:
    from debtcoach.ui.widgets.forms import RecordForm


class FamilyScreen(ListScreen):
    TITLE_TEXT = N_("Family loans")
    NOUN = N_("family loan")
    EMPTY_TEXT = N_("No family loans. If a relative or friend lent you money, press a to add it.")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "repay", N_("Repayment"), id="family.repay"),
    ]
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column(N_("Lender")),
        Column(N_("Relation")),
        Column(N_("Borrowed"), right=True),
        Column(N_("Repaid"), right=True),
        Column(N_("Remaining"), right=True),
        Column(N_("Promised")),
    )

    def at_risk(self, loan: FamilyLoan) -> bool:
        """The plan's verdict: the promise falls before the plan reaches this loan."""
        outcome = self.coach_app.plan.debt(loan.lender, family=True)
        return outcome is not None and outcome.at_risk and loan.balance.minor > 0

    def build_rows(self, household: Household) -> list[Row]:
        locale = household.settings.locale
        rows = []
        for loan in household.family_loans:
            risky = self.at_risk(loan)
            promised = date_text(loan.promised) or "-"
            if risky:
                promised += " " + _("at risk")
            rows.append(
                Row(
                    key=loan.lender,
                    cells=(
                        loan.lender,
                        loan.relationship or "-",
                        format_money(loan.amount, locale),
                        format_money(loan.repaid, locale),
                        format_money(loan.balance, locale),
                        promised,
                    ),
                    sort=(
                        loan.lender.casefold(),
                        loan.relationship.casefold() or None,
                        loan.amount.minor,
                        loan.repaid.minor,
                        loan.balance.minor,
                        loan.promised,
                    ),
                    search=f"{loan.lender} {loan.relationship}",
                    alert=risky,
                    muted=loan.balance.minor == 0,
                )
            )
        return rows

    def summary_text(self, household: Household) -> str:
        risky = [loan.lender for loan in household.family_loans if self.at_risk(loan)]
        if risky:
            names = _(", ").join(risky)
            return _(
                "At risk (!): the plan reaches {names} after the promised date. Talk early."
            ).format(names=names)
        if household.family_loans:
            if not self.coach_app.plan.pays_off:
                return _(
                    "Institutions first, then relatives. No payoff plan yet to check promises."
                )
            if not any(loan.promised for loan in household.family_loans):
                return _("Institutions first, then relatives (no promised dates recorded).")
            return _("Institutions first, then relatives: every promise fits the plan.")
        return _("Borrow from relatives only after your own efforts; repay them after the banks.")

    def totals_text(self, household: Household) -> str:
        totals = family_totals(household.family_loans, household.currency)
        locale = household.settings.locale
        return _("Borrowed {borrowed} · repaid {repaid} · still owed {remaining}").format(
            borrowed=format_money(totals.borrowed, locale),
            repaid=format_money(totals.repaid, locale),
            remaining=format_money(totals.remaining, locale),
        )

    # -- forms ---------------------------------------------------------------------------

    def _fields(self, loan: FamilyLoan | None, amount: Money | None = None) -> list[FieldSpec]:
        today = self.coach_app.today
        return [
            FieldSpec(
                "lender",
                N_("Lender"),
                parse=name_field(N_("lender")),
                initial=loan.lender if loan else "",
            ),
            FieldSpec(
                "relationship",
                N_("Relationship"),
                parse=text_field(),
                initial=loan.relationship if loan else "",
                placeholder=N_("mother, friend …"),
            ),
            FieldSpec(
                "amount",
                N_("Amount borrowed"),
                parse=money_field(self.currency, N_("amount"), allow_zero=False),
                initial=money_text(loan.amount) if loan else money_text(amount),
                placeholder=N_("e.g. 1234.56"),
            ),
            FieldSpec(
                "borrowed_on",
                N_("Borrowed on"),
                parse=date_field(N_("borrowed on"), not_after=today),
                initial=date_text(loan.borrowed_on) if loan else today.isoformat(),
                placeholder=N_("YYYY-MM-DD"),
            ),
            FieldSpec(
                "promised",
                N_("Promised back by"),
                parse=optional_date_field(N_("promised")),
                initial=date_text(loan.promised) if loan else "",
                placeholder=N_("YYYY-MM-DD (optional)"),
            ),
            FieldSpec(
                "apr",
                N_("Interest % a year"),
                parse=optional_rate_field(N_("interest")),
                initial=rate_text(loan.apr) if loan else "0",
                placeholder=N_("blank = no interest"),
            ),
            FieldSpec(
                "notes",
                N_("Notes"),
                parse=text_field(notes=True),
                initial=loan.notes if loan else "",
            ),
        ]

    @staticmethod
    def _build(values: Values, old: FamilyLoan | None) -> FamilyLoan:
        amount = values["amount"]
        fields = {
            "lender": values["lender"],
            "relationship": values["relationship"],
            "amount": amount,
            "borrowed_on": values["borrowed_on"],
            "promised": values["promised"],
            "apr": Decimal(0) if values["apr"] is None else values["apr"],
            "notes": values["notes"],
        }
        if old is None:
            return FamilyLoan(**fields)  # type: ignore[arg-type]
        return replace(old, **fields)  # type: ignore[arg-type]

    def add_form(self, amount: Money | None = None) -> RecordForm:
        ledger = self.coach_app.ledger

        def save(values: Values) -> str:
            loan = ledger.add_family_loan(self._build(values, None))
            return _("Added the loan from {name}.").format(name=loan.lender)

        fields = self._fields(None, amount)
        return self.form(_("Add a family loan"), fields, save, key_field="lender")

    def offer_add(self, amount: Money | None) -> None:
        """The add form with the amount filled in (from the what-if's "relatives first")."""
        self._open(self.add_form(amount))

    def edit_form(self, key: str) -> RecordForm | None:
        old = self.household.family_loan(key)
        if old is None:
            return None
        ledger = self.coach_app.ledger

        def save(values: Values) -> str:
            edited = self._build(values, old)
            loan = ledger.update_family_loan(key, edited, was=old)
            self.remember_edit(f"saved the changes to the loan from {key}", was=old,
                               edited=edited, saved=loan)  # fmt: skip
            return _("Saved the loan from {name}.").format(name=loan.lender)

        title = _("Edit the loan from {name}").format(name=key)
        return self.form(title, self._fields(old), save, key_field="lender")

    def record(self, key: str) -> FamilyLoan | None:
        return self.household.family_loan(key)

    def delete_record(self, key: str) -> str:
        self.coach_app.ledger.remove_family_loan(key)
        return _("Removed the loan from {name}.").format(name=key)

    def describe(self, key: str) -> str:
        return _("the loan from {name} and its repayment history").format(name=key)

    # -- repayments ----------------------------------------------------------------------

    def repay_form(self, key: str) -> RecordForm | None:
        loan = self.household.family_loan(key)
        if loan is None:
            return None
        ledger = self.coach_app.ledger
        locale = self.locale
        owed = loan.balance

        def parse_amount(text: str) -> Money:
            amount = money_field(self.currency, N_("amount"), allow_zero=False)(text)
            problem = repayment_problems(loan, amount, ledger.today, ledger.today).get("amount")
            if problem is not None:
                raise ValueError(problem)
            return amount

        def save(values: Values) -> str:
            amount, on = values["amount"], values["date"]
            assert isinstance(amount, Money) and isinstance(on, date)
            updated = ledger.repay_family(key, amount, on)
            before = replace(updated, repayments=updated.repayments[:-1])
            self.remember_edit(f"recorded {format_money(amount, locale)} repaid to {key}",
                               was=before, edited=updated, saved=updated)  # fmt: skip
            return _("Recorded {amount} repaid to {name}; {owed} still owed.").format(
                amount=format_money(amount, locale),
                name=key,
                owed=format_money(updated.balance, locale),
            )

        fields = [
            FieldSpec(
                "amount",
                N_("Amount repaid"),
                parse=parse_amount,
                placeholder=_("at most {amount}").format(amount=owed),
            ),
            FieldSpec(
                "date",
                N_("Date"),
                parse=date_field(N_("date"), not_after=self.coach_app.today),
                initial=self.coach_app.today.isoformat(),
                placeholder=N_("YYYY-MM-DD"),
            ),
        ]
        title = _("Repayment to {name} ({owed} still owed)").format(
            name=key, owed=format_money(owed, locale)
        )
        return self.form(title, fields, save, key_field="amount")

    def action_repay(self) -> None:
        key = self.table.current_key
        if key is None:
            self.notify(_("There is no family loan yet: press a to add one."), timeout=3)
            return
        loan = self.household.family_loan(key)
        if loan is not None and loan.balance.minor == 0:
            self.notify(_("Nothing is owed to {name} any more.").format(name=key), timeout=3)
            return
        self._open(self.repay_form(key))
