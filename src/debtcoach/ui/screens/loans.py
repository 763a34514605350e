"""Loans: every institutional loan in one table; overdue ones stand out.

`a` add · `e`/`enter` edit · `x` delete · `/` filter by name or lender · `s` sort.
`r` opens the restructure calculator for the selected loan, `h` its contact history.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from msgspec.structs import replace
from textual.binding import Binding, BindingType

from debtcoach.domain.loan_facts import days_overdue, loan_totals, penalty_in_force
from debtcoach.domain.models import Household, Loan, LoanKind, LoanStatus
from debtcoach.domain.money import Money, daily_rate, format_money
from debtcoach.domain.wording import N_, _, active_language, count
from debtcoach.ui.screens.list_screen import ListScreen
from debtcoach.ui.undo import UndoStep, undo_removal
from debtcoach.ui.widgets.data_table import Column, Row, clip
from debtcoach.ui.widgets.form_fields import FieldSpec, Values
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

if TYPE_CHECKING:
    from debtcoach.ui.widgets.forms import RecordForm

KIND_LABELS: dict[str, str] = {
    LoanKind.CREDIT_CARD: N_("card"),
    LoanKind.CONSUMER_LOAN: N_("consumer"),
    LoanKind.ONLINE_PLATFORM: N_("online"),
    LoanKind.MORTGAGE: N_("mortgage"),
    LoanKind.CAR: N_("car"),
    LoanKind.STUDENT: N_("student"),
    LoanKind.OTHER: N_("other"),
}
KIND_CHOICES: tuple[tuple[str, str], ...] = (
    (N_("credit card"), LoanKind.CREDIT_CARD.value),
    (N_("consumer loan"), LoanKind.CONSUMER_LOAN.value),
    (N_("online platform"), LoanKind.ONLINE_PLATFORM.value),
    (N_("mortgage"), LoanKind.MORTGAGE.value),
    (N_("car"), LoanKind.CAR.value),
    (N_("student"), LoanKind.STUDENT.value),
    (N_("other"), LoanKind.OTHER.value),
)
LENDER_WIDTH = 15
"""What the lender column shows at 80 columns, beside the other figures."""
STATUS_LABELS: dict[str, str] = {
    LoanStatus.CURRENT: N_("current"),
    LoanStatus.OVERDUE: N_("overdue"),
    LoanStatus.NEGOTIATING: N_("talking"),
    LoanStatus.RESTRUCTURED: N_("stretched"),
    LoanStatus.PAID_OFF: N_("paid off"),
}
STATUS_CHOICES: tuple[tuple[str, str], ...] = (
    (N_("current"), LoanStatus.CURRENT.value),
    (N_("overdue"), LoanStatus.OVERDUE.value),
    (N_("negotiating with the lender"), LoanStatus.NEGOTIATING.value),
    (N_("restructured (agreed terms)"), LoanStatus.RESTRUCTURED.value),
    (N_("paid off"), LoanStatus.PAID_OFF.value),
)


def show_rate_both_ways(form: RecordForm, key: str, value: object) -> None:
    """Under a rate as it is typed: the same rate the other way (yearly and per day), so a
    platform's 日利率 of 0.05 % is seen to be 18.25 % a year."""
    if key in ("apr", "penalty_apr", "promo_apr") and isinstance(value, Decimal):
        form.set_field_note(
            key,
            _("= {apr}% a year = {daily}%/day").format(apr=value, daily=daily_rate(value)),
        )


class LoansScreen(ListScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "r",
            "restructure",
            N_("Restructure"),
            id="loans.restructure",
            tooltip=N_("Stretch the selected loan into installments (time for space)"),
        ),
        Binding(
            "h",
            "contacts",
            N_("Contacts"),
            id="loans.contacts",
            tooltip=N_("The selected loan's talks with its lender; log one"),
        ),
    ]
    TITLE_TEXT = N_("Loans")
    NOUN = N_("loan")
    EMPTY_TEXT = N_("No loans yet. Press a to add the first one: name, balance, rate, minimum.")
    # Most telling first, so an 80-column terminal shows them without scrolling sideways.
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column(N_("Name")),
        Column(N_("Status")),
        Column(N_("Late"), right=True),
        Column(N_("Balance"), right=True),
        Column(N_("Payment"), right=True),
        Column(N_("Rate"), right=True),
        Column(N_("Lender")),
        Column(N_("Due"), right=True),
        Column(N_("Kind")),
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
                        _(STATUS_LABELS.get(loan.status, loan.status.value)),
                        "-" if late is None else str(late),
                        format_money(loan.balance, locale),
                        format_money(payment, locale),
                        self._rate_cell(loan),
                        clip(loan.lender, LENDER_WIDTH) or "-",
                        "-" if loan.due_day is None else str(loan.due_day),
                        _(KIND_LABELS.get(loan.kind, loan.kind.value)),
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
        rate = f"{loan.apr}%"
        if active_language() == "zh_CN":
            # How Chinese lenders quote it: the daily rate (日利率) under the yearly one.
            rate += "\n" + _("{rate}%/day").format(rate=daily_rate(loan.apr))
        if penalty is None:
            return rate
        return rate + "\n" + _("penalty {rate}%").format(rate=penalty)

    def summary_text(self, household: Household) -> str:
        totals = loan_totals(household.loans, household.currency)
        if not household.loans:
            return _("Institutional loans: banks, cards, online platforms.")
        loans = count(totals.open_count, "open loan")
        if not totals.overdue_count:
            return _("{loans}, none overdue. enter edits the selected loan.").format(loans=loans)
        today = self.coach_app.today
        late = [(days_overdue(loan, today) or 0, loan.name) for loan in household.loans]
        days, name = max((item for item in late if item[0]), default=(0, ""))
        if days:
            return _("{loans}, {n} overdue (marked !): {name} is {days} days late.").format(
                loans=loans, n=totals.overdue_count, name=name, days=days
            )
        return _("{loans}, {n} overdue (marked !).").format(loans=loans, n=totals.overdue_count)

    def totals_text(self, household: Household) -> str:
        totals = loan_totals(household.loans, household.currency)
        locale = household.settings.locale
        return _("Owed {owed} · payments due monthly {scheduled}").format(
            owed=format_money(totals.balance, locale),
            scheduled=format_money(totals.scheduled, locale),
        )

    # -- forms ---------------------------------------------------------------------------

    def _fields(self, loan: Loan | None) -> list[FieldSpec]:
        currency = self.currency
        today = self.coach_app.today
        return [
            FieldSpec(
                "name", N_("Name"), parse=name_field(N_("name")), initial=loan.name if loan else ""
            ),
            FieldSpec(
                "lender", N_("Lender"), parse=text_field(), initial=loan.lender if loan else ""
            ),
            FieldSpec(
                "kind",
                N_("Kind"),
                kind="select",
                options=KIND_CHOICES,
                initial=loan.kind.value if loan else LoanKind.CREDIT_CARD.value,
            ),
            FieldSpec(
                "status",
                N_("Status"),
                kind="select",
                options=STATUS_CHOICES,
                initial=loan.status.value if loan else LoanStatus.CURRENT.value,
            ),
            FieldSpec(
                "balance",
                N_("Balance owed"),
                parse=money_field(currency, N_("balance")),
                initial=money_text(loan.balance) if loan else "",
                placeholder=N_("e.g. 1234.56"),
            ),
            FieldSpec(
                "apr",
                N_("APR %"),
                parse=rate_field(N_("APR")),
                initial=rate_text(loan.apr) if loan else "",
                placeholder=N_("e.g. 19.99, or a daily rate: 0.05%/day"),
            ),
            FieldSpec(
                "penalty_apr",
                N_("Penalty APR %"),
                parse=optional_rate_field(N_("penalty APR")),
                initial=rate_text(loan.penalty_apr) if loan else "",
                placeholder=N_("blank = same as APR"),
            ),
            FieldSpec(
                "min_payment",
                N_("Minimum payment"),
                parse=money_field(currency, N_("minimum payment")),
                initial=money_text(loan.min_payment) if loan else "",
                placeholder=N_("per month"),
            ),
            FieldSpec(
                "due_day",
                N_("Due day"),
                parse=optional_int_field(N_("due day"), 1, 31),
                initial=str(loan.due_day) if loan and loan.due_day else "",
                placeholder=N_("1-31"),
            ),
            FieldSpec(
                "overdue_since",
                N_("Overdue since"),
                parse=optional_date_field(N_("overdue since"), not_after=today),
                initial=date_text(loan.overdue_since) if loan else "",
                placeholder=N_("YYYY-MM-DD, blank if not overdue"),
            ),
            FieldSpec(
                "arrears",
                N_("Arrears"),
                parse=optional_money_field(currency, N_("arrears")),
                initial=money_text(loan.arrears) if loan else "",
                placeholder=N_("amount past due (optional)"),
            ),
            FieldSpec(
                "late_fee",
                N_("Late fee"),
                parse=optional_money_field(currency, N_("late fee")),
                initial=money_text(loan.late_fee) if loan else "",
                placeholder=N_("per month (optional)"),
            ),
            FieldSpec(
                "promo_apr",
                N_("Promo APR %"),
                parse=optional_rate_field(N_("promotional APR")),
                initial=rate_text(loan.promo_apr) if loan else "",
                placeholder=N_("a lower rate for a while, e.g. 0"),
            ),
            FieldSpec(
                "promo_until",
                N_("Promo until"),
                parse=optional_date_field(N_("promo until")),
                initial=date_text(loan.promo_until) if loan else "",
                placeholder=N_("YYYY-MM-DD, its last day"),
            ),
            FieldSpec(
                "opened_on",
                N_("Opened on"),
                parse=optional_date_field(N_("opened on")),
                initial=date_text(loan.opened_on) if loan else "",
                placeholder=N_("YYYY-MM-DD (optional)"),
            ),
            FieldSpec(
                "purpose", N_("Purpose"), parse=text_field(), initial=loan.purpose if loan else ""
            ),
            FieldSpec(
                "to_repay_other_debt",
                N_("Taken to repay debt"),
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
        return replace(old, **fields)  # type: ignore[arg-type]

    def add_form(self) -> RecordForm:
        ledger = self.coach_app.ledger

        def save(values: Values) -> str:
            loan = ledger.add_loan(self._build(values, None))
            return _("Added loan {name}.").format(name=loan.name)

        def follow(form: RecordForm, key: str, value: object) -> None:
            # As the CLI: a loan with an overdue date is overdue unless told otherwise. The
            # status list changes in view, so nothing is decided behind the user's back.
            current = form.choice("status") == LoanStatus.CURRENT.value
            if key == "overdue_since" and value is not None and current:
                form.set_choice("status", LoanStatus.OVERDUE.value)
            show_rate_both_ways(form, key, value)

        return self.form(_("Add a loan"), self._fields(None), save, on_change=follow)

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
            return _("Saved loan {name}.").format(name=loan.name)

        form = self.form(_("Edit loan {name}").format(name=key), self._fields(old), save)
        form.on_change = show_rate_both_ways
        return form

    def delete_record(self, key: str) -> str:
        self.coach_app.ledger.remove_loan(key)
        return _("Removed loan {name}. Its contacts and history are kept.").format(name=key)

    def record(self, key: str) -> Loan | None:
        return self.household.loan(key)

    def removal_undo(self, key: str) -> UndoStep | None:
        """Putting a loan back also earmarks again the incomes its removal freed."""
        loan = self.household.loan(key)
        if loan is None:
            return None
        earmarked = [source.name for source in self.household.income if source.for_loan == key]
        what = _("removed {what}").format(what=self.describe(key))
        return undo_removal(what, loan, earmarked=earmarked)

    def describe(self, key: str) -> str:
        loan = self.household.loan(key)
        if loan is None:
            return _("the loan “{name}”").format(name=key)
        return _("the loan “{name}” ({amount} owed)").format(
            name=key, amount=format_money(loan.balance, self.locale)
        )

    # -- talking to the lender -----------------------------------------------------------

    def action_restructure(self) -> None:
        key = self.table.current_key
        if key is None:
            self.notify(_("There is no loan to restructure: press a to add one."), timeout=3)
            return
        # The calculator and the letter load when first asked for, not with the list.
        from debtcoach.ui.screens.restructure import RestructureScreen

        self.app.push_screen(RestructureScreen(key))

    def action_contacts(self) -> None:
        key = self.table.current_key
        if key is None:
            self.notify(_("There is no loan to show contacts for: press a to add one."), timeout=3)
            return
        from debtcoach.ui.screens.contacts import ContactsScreen

        self.app.push_screen(ContactsScreen(key))
