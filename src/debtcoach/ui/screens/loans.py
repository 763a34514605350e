"""Loans: every institutional loan in one table; overdue ones stand out.

`a` add · `e`/`enter` edit · `x` delete · `/` filter by name or lender · `s` sort.
`r` opens the restructure calculator for the selected loan, `h` its contact history.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from textual.binding import Binding, BindingType

from debtcoach.domain.loan_facts import days_overdue, loan_totals, penalty_in_force
from debtcoach.domain.models import Household, Loan, LoanKind, LoanStatus
from debtcoach.domain.money import Money, format_money
from debtcoach.domain.wording import N_, count
from debtcoach.ui.screens.contacts import ContactsScreen
from debtcoach.ui.screens.list_screen import ListScreen
from debtcoach.ui.screens.restructure import RestructureScreen
from debtcoach.ui.undo import UndoStep, undo_removal
from debtcoach.ui.widgets.data_table import Column, Row, clip
from debtcoach.ui.widgets.forms import FieldSpec, RecordForm, Values
from debtcoach.ui.widgets.money_input import (
    date_text,
    money_field,
    money_text,
    name_field,
    optional_date_field,
    optional_int_field,
    optional_money_field,
    optional_rate_field,
    rate_field,
    rate_text,
    text_field,
)

KIND_LABELS: dict[str, str] = {
    LoanKind.CREDIT_CARD: "card",
    LoanKind.CONSUMER_LOAN: "consumer",
    LoanKind.ONLINE_PLATFORM: "online",
    LoanKind.MORTGAGE: "mortgage",
    LoanKind.CAR: "car",
    LoanKind.STUDENT: "student",
    LoanKind.OTHER: "other",
}
KIND_CHOICES: tuple[tuple[str, str], ...] = (
    ("credit card", LoanKind.CREDIT_CARD.value),
    ("consumer loan", LoanKind.CONSUMER_LOAN.value),
    ("online platform", LoanKind.ONLINE_PLATFORM.value),
    ("mortgage", LoanKind.MORTGAGE.value),
    ("car", LoanKind.CAR.value),
    ("student", LoanKind.STUDENT.value),
    ("other", LoanKind.OTHER.value),
)
LENDER_WIDTH = 15
"""What the lender column shows at 80 columns, beside the other figures."""
STATUS_LABELS: dict[str, str] = {
    LoanStatus.CURRENT: "current",
    LoanStatus.OVERDUE: "overdue",
    LoanStatus.NEGOTIATING: "talking",
    LoanStatus.RESTRUCTURED: "stretched",
    LoanStatus.PAID_OFF: "paid off",
}
STATUS_CHOICES: tuple[tuple[str, str], ...] = (
    ("current", LoanStatus.CURRENT.value),
    ("overdue", LoanStatus.OVERDUE.value),
    ("negotiating with the lender", LoanStatus.NEGOTIATING.value),
    ("restructured (agreed terms)", LoanStatus.RESTRUCTURED.value),
    ("paid off", LoanStatus.PAID_OFF.value),
)


class LoansScreen(ListScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "r",
            "restructure",
            N_("Restructure"),
            id="loans.restructure",
            tooltip="Stretch the selected loan into installments (time for space)",
        ),
        Binding(
            "h",
            "contacts",
            N_("Contacts"),
            id="loans.contacts",
            tooltip="The selected loan's talks with its lender; log one",
        ),
    ]
    TITLE_TEXT = N_("Loans")
    NOUN = "loan"
    EMPTY_TEXT = "No loans yet. Press a to add the first one: name, balance, rate, minimum."
    # Most telling first, so an 80-column terminal shows them without scrolling sideways.
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("Name"),
        Column("Status"),
        Column("Late", right=True),
        Column("Balance", right=True),
        Column("Payment", right=True),
        Column("Rate", right=True),
        Column("Lender"),
        Column("Due", right=True),
        Column("Kind"),
    )

    def build_rows(self, household: Household) -> list[Row]:
        today = self.coach_app.today
        locale = household.settings.locale
        rows = []
        for loan in household.loans:
            late = days_overdue(loan, today)
            payment = loan.scheduled_payment
            rows.append(
                Row(
                    key=loan.name,
                    cells=(
                        clip(loan.name, 14),
                        STATUS_LABELS.get(loan.status, loan.status.value),
                        "-" if late is None else str(late),
                        format_money(loan.balance, locale),
                        format_money(payment, locale),
                        self._rate_cell(loan),
                        clip(loan.lender, LENDER_WIDTH) or "-",
                        "-" if loan.due_day is None else str(loan.due_day),
                        KIND_LABELS.get(loan.kind, loan.kind.value),
                    ),
                    sort=(
                        loan.name.casefold(),
                        loan.status.value,
                        late,
                        loan.balance.minor,
                        payment.minor,
                        loan.apr,
                        loan.lender.casefold() or None,
                        loan.due_day,
                        loan.kind.value,
                    ),
                    search=f"{loan.name} {loan.lender}",
                    alert=loan.is_overdue,
                    muted=not loan.is_open,
                )
            )
        return rows

    @staticmethod
    def _rate_cell(loan: Loan) -> str:
        """The APR, and under it the penalty rate a loan behind pays (two short lines fit at 80
        columns with the lender beside them; one long one would push the lender off)."""
        penalty = penalty_in_force(loan)
        return f"{loan.apr}%" if penalty is None else f"{loan.apr}%\npenalty {penalty}%"

    def summary_text(self, household: Household) -> str:
        totals = loan_totals(household.loans, household.currency)
        if not household.loans:
            return "Institutional loans: banks, cards, online platforms."
        loans = count(totals.open_count, "open loan")
        if not totals.overdue_count:
            return f"{loans}, none overdue. enter edits the selected loan."
        today = self.coach_app.today
        late = [(days_overdue(loan, today) or 0, loan.name) for loan in household.loans]
        days, name = max((item for item in late if item[0]), default=(0, ""))
        longest = f": {name} is {days} days late" if days else ""
        return f"{loans}, {totals.overdue_count} overdue (marked !){longest}."

    def totals_text(self, household: Household) -> str:
        totals = loan_totals(household.loans, household.currency)
        locale = household.settings.locale
        return (
            f"Owed {format_money(totals.balance, locale)} · "
            f"payments due monthly {format_money(totals.scheduled, locale)}"
        )

    # -- forms ---------------------------------------------------------------------------

    def _fields(self, loan: Loan | None) -> list[FieldSpec]:
        currency = self.currency
        today = self.coach_app.today
        return [
            FieldSpec("name", "Name", parse=name_field("name"), initial=loan.name if loan else ""),
            FieldSpec("lender", "Lender", parse=text_field(), initial=loan.lender if loan else ""),
            FieldSpec(
                "kind",
                "Kind",
                kind="select",
                options=KIND_CHOICES,
                initial=loan.kind.value if loan else LoanKind.CREDIT_CARD.value,
            ),
            FieldSpec(
                "status",
                "Status",
                kind="select",
                options=STATUS_CHOICES,
                initial=loan.status.value if loan else LoanStatus.CURRENT.value,
            ),
            FieldSpec(
                "balance",
                "Balance owed",
                parse=money_field(currency, "balance"),
                initial=money_text(loan.balance) if loan else "",
                placeholder="e.g. 1234.56",
            ),
            FieldSpec(
                "apr",
                "APR %",
                parse=rate_field("APR"),
                initial=rate_text(loan.apr) if loan else "",
                placeholder="e.g. 19.99",
            ),
            FieldSpec(
                "penalty_apr",
                "Penalty APR %",
                parse=optional_rate_field("penalty APR"),
                initial=rate_text(loan.penalty_apr) if loan else "",
                placeholder="blank = same as APR",
            ),
            FieldSpec(
                "min_payment",
                "Minimum payment",
                parse=money_field(currency, "minimum payment"),
                initial=money_text(loan.min_payment) if loan else "",
                placeholder="per month",
            ),
            FieldSpec(
                "due_day",
                "Due day",
                parse=optional_int_field("due day", 1, 31),
                initial=str(loan.due_day) if loan and loan.due_day else "",
                placeholder="1-31",
            ),
            FieldSpec(
                "overdue_since",
                "Overdue since",
                parse=optional_date_field("overdue since", not_after=today),
                initial=date_text(loan.overdue_since) if loan else "",
                placeholder="YYYY-MM-DD, blank if not overdue",
            ),
            FieldSpec(
                "arrears",
                "Arrears",
                parse=optional_money_field(currency, "arrears"),
                initial=money_text(loan.arrears) if loan else "",
                placeholder="amount past due (optional)",
            ),
            FieldSpec(
                "late_fee",
                "Late fee",
                parse=optional_money_field(currency, "late fee"),
                initial=money_text(loan.late_fee) if loan else "",
                placeholder="per month (optional)",
            ),
            FieldSpec(
                "promo_apr",
                "Promo APR %",
                parse=optional_rate_field("promotional APR"),
                initial=rate_text(loan.promo_apr) if loan else "",
                placeholder="a lower rate for a while, e.g. 0",
            ),
            FieldSpec(
                "promo_until",
                "Promo until",
                parse=optional_date_field("promo until"),
                initial=date_text(loan.promo_until) if loan else "",
                placeholder="YYYY-MM-DD, its last day",
            ),
            FieldSpec(
                "opened_on",
                "Opened on",
                parse=optional_date_field("opened on"),
                initial=date_text(loan.opened_on) if loan else "",
                placeholder="YYYY-MM-DD (optional)",
            ),
            FieldSpec(
                "purpose", "Purpose", parse=text_field(), initial=loan.purpose if loan else ""
            ),
            FieldSpec(
                "to_repay_other_debt",
                "Taken to repay debt",
                kind="bool",
                initial=loan.to_repay_other_debt if loan else False,
            ),
        ]

    def _build(self, values: Values, old: Loan | None) -> Loan:
        balance = values["balance"]
        assert isinstance(balance, Money)
        status = LoanStatus(str(values["status"]))
        if balance.minor == 0:
            status = LoanStatus.PAID_OFF  # as the CLI does: nothing owed is paid off
        fields = {
            "name": values["name"],
            "lender": values["lender"],
            "kind": LoanKind(str(values["kind"])),
            "status": status,
            "balance": balance,
            "apr": values["apr"],
            "penalty_apr": values["penalty_apr"],
            "min_payment": values["min_payment"],
            "due_day": values["due_day"],
            "overdue_since": values["overdue_since"],
            "arrears": values["arrears"],
            "late_fee": values["late_fee"],
            "opened_on": values["opened_on"],
            "purpose": values["purpose"],
            "to_repay_other_debt": bool(values["to_repay_other_debt"]),
            "promo_apr": values["promo_apr"],
            "promo_until": values["promo_until"],
        }
        if old is None:
            return Loan(**fields)  # type: ignore[arg-type]
        return dataclasses.replace(old, **fields)  # type: ignore[arg-type]

    def add_form(self) -> RecordForm:
        ledger = self.coach_app.ledger

        def save(values: Values) -> str:
            loan = ledger.add_loan(self._build(values, None))
            return f"Added loan {loan.name}."

        def follow(form: RecordForm, key: str, value: object) -> None:
            # As the CLI: a loan with an overdue date is overdue unless told otherwise. The
            # status list changes in view, so nothing is decided behind the user's back.
            current = form.choice("status") == LoanStatus.CURRENT.value
            if key == "overdue_since" and value is not None and current:
                form.set_choice("status", LoanStatus.OVERDUE.value)

        return RecordForm("Add a loan", self._fields(None), save, on_change=follow)

    def edit_form(self, key: str) -> RecordForm | None:
        old = self.household.loan(key)
        if old is None:
            return None
        ledger = self.coach_app.ledger

        def save(values: Values) -> str:
            edited = self._build(values, old)
            loan = ledger.update_loan(key, edited, was=old)
            self.remember_edit(f"saved the changes to the loan {key}", was=old, edited=edited,
                               saved=loan)  # fmt: skip
            return f"Saved loan {loan.name}."

        return self.form(f"Edit loan {key}", self._fields(old), save)

    def delete_record(self, key: str) -> str:
        self.coach_app.ledger.remove_loan(key)
        return f"Removed loan {key}. Its contacts and history are kept."

    def record(self, key: str) -> Loan | None:
        return self.household.loan(key)

    def removal_undo(self, key: str) -> UndoStep | None:
        """Putting a loan back also earmarks again the incomes its removal freed."""
        loan = self.household.loan(key)
        if loan is None:
            return None
        earmarked = [source.name for source in self.household.income if source.for_loan == key]
        return undo_removal(f"removed {self.describe(key)}", loan, earmarked=earmarked)

    def describe(self, key: str) -> str:
        loan = self.household.loan(key)
        if loan is None:
            return f"the loan “{key}”"
        return f"the loan “{key}” ({format_money(loan.balance, self.locale)} owed)"

    # -- talking to the lender -----------------------------------------------------------

    def action_restructure(self) -> None:
        key = self.table.current_key
        if key is None:
            self.notify("There is no loan to restructure: press a to add one.", timeout=3)
            return
        self.app.push_screen(RestructureScreen(key))

    def action_contacts(self) -> None:
        key = self.table.current_key
        if key is None:
            self.notify("There is no loan to show contacts for: press a to add one.", timeout=3)
            return
        self.app.push_screen(ContactsScreen(key))
