"""Open source: regular pay and side income, each normalised to a month.

`a` add · `e`/`enter` edit · `x` delete · `/` filter · `s` sort.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from msgspec.structs import replace
from textual.content import Content

from debtcoach.domain.budget import is_active, monthly_amount
from debtcoach.domain.loan_facts import income_totals
from debtcoach.domain.models import Frequency, Household, IncomeKind, IncomeSource
from debtcoach.domain.money import format_money
from debtcoach.domain.wording import N_, _, count
from debtcoach.ui.screens.list_screen import ListScreen
from debtcoach.ui.widgets.data_table import Column, Row
from debtcoach.ui.widgets.form_fields import FieldSpec, Values
from debtcoach.ui.widgets.money_input import (
    date_text,
    money_field,
    money_text,
    name_field,
    optional_date_field,
    text_field,
)

if TYPE_CHECKING:
    from debtcoach.ui.widgets.forms import RecordForm

KIND_CHOICES: tuple[tuple[str, str], ...] = (
    (N_("regular (salary, pension)"), IncomeKind.REGULAR.value),
    (N_("side (open source)"), IncomeKind.SIDE.value),
)
INCOME_KINDS: dict[IncomeKind, str] = {
    IncomeKind.REGULAR: N_("regular"),
    IncomeKind.SIDE: N_("side"),
}
"""An income's kind in a table cell or a line (the stored value, in the active language)."""
FREQUENCY_WORDS: dict[Frequency, str] = {
    Frequency.MONTHLY: N_("monthly"),
    Frequency.WEEKLY: N_("weekly"),
    Frequency.BIWEEKLY: N_("biweekly"),
    Frequency.YEARLY: N_("yearly"),
    Frequency.ONE_OFF: N_("one-off"),
}
"""How a frequency reads in running text (the stored value, in the active language)."""
NO_LOAN = ""
"""The "for loan" choice of money that is not earmarked (no loan is named "")."""
FREQUENCY_CHOICES: tuple[tuple[str, str], ...] = (
    (N_("monthly"), Frequency.MONTHLY.value),
    (N_("weekly"), Frequency.WEEKLY.value),
    (N_("every two weeks"), Frequency.BIWEEKLY.value),
    (N_("yearly"), Frequency.YEARLY.value),
    (N_("one-off"), Frequency.ONE_OFF.value),
)


class IncomeScreen(ListScreen):
    TITLE_TEXT = N_("Open source: income")
    NOUN = N_("income source")
    EMPTY_TEXT = N_("No income yet. Press a to add your pay, then any side income.")
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column(N_("Name")),
        Column(N_("Kind")),
        Column(N_("Amount"), right=True),
        Column(N_("How often")),
        Column(N_("Per month"), right=True),
    )

    def build_rows(self, household: Household) -> list[Row]:
        locale = household.settings.locale
        today = self.coach_app.today
        rows = []
        for source in household.income:
            monthly = monthly_amount(source.amount, source.frequency)
            active = is_active(source, today)
            note = "" if active else _(" (not now)")
            rows.append(
                Row(
                    key=source.name,
                    cells=(
                        source.name + note,
                        _(INCOME_KINDS[source.kind]),
                        format_money(source.amount, locale),
                        _(FREQUENCY_WORDS[source.frequency]),
                        "-"
                        if source.frequency == Frequency.ONE_OFF
                        else format_money(monthly, locale),
                    ),
                    sort=(
                        source.name.casefold(),
                        source.kind.value,
                        source.amount.minor,
                        source.frequency.value,
                        monthly.minor,
                    ),
                    search=f"{source.name} {source.notes}",
                    muted=not active,
                )
            )
        return rows

    def summary_text(self, household: Household) -> str:
        side = sum(1 for item in household.income if item.kind == IncomeKind.SIDE)
        if not household.income:
            return _("Open source: your pay and every side income, per month.")
        if side == 0:
            return _("No side income yet: even a small one helps the plan (press a).")
        sources = count(len(household.income), "source")
        return _("{sources}, {side} of them side income.").format(sources=sources, side=side)

    def totals_text(self, household: Household) -> str:
        totals = income_totals(household.income, household.currency)
        locale = household.settings.locale
        return _("Per month: regular {regular} · side {side} · both {total}").format(
            regular=format_money(totals.regular, locale),
            side=format_money(totals.side, locale),
            total=format_money(totals.total, locale),
        )

    # -- forms ---------------------------------------------------------------------------

    def _fields(self, source: IncomeSource | None) -> list[FieldSpec]:
        return [
            FieldSpec(
                "name",
                N_("Name"),
                parse=name_field(N_("name")),
                initial=source.name if source else "",
            ),
            FieldSpec(
                "kind",
                N_("Kind"),
                kind="select",
                options=KIND_CHOICES,
                initial=source.kind.value if source else IncomeKind.REGULAR.value,
            ),
            FieldSpec(
                "amount",
                N_("Amount"),
                parse=money_field(self.currency, N_("amount"), allow_zero=False),
                initial=money_text(source.amount) if source else "",
                placeholder=N_("each payment, e.g. 250.00"),
            ),
            FieldSpec(
                "frequency",
                N_("How often"),
                kind="select",
                options=FREQUENCY_CHOICES,
                initial=source.frequency.value if source else Frequency.MONTHLY.value,
            ),
            FieldSpec(
                "start",
                N_("Starts / one-off on"),
                parse=optional_date_field(N_("start")),
                initial=date_text(source.start) if source else "",
                placeholder=N_("YYYY-MM-DD, a one-off's date"),
            ),
            FieldSpec(
                "end",
                N_("Ends"),
                parse=optional_date_field(N_("end")),
                initial=date_text(source.end) if source else "",
                placeholder=N_("YYYY-MM-DD (optional)"),
            ),
            FieldSpec(
                "for_loan",
                N_("One-off for loan"),
                kind="select",
                options=self._loan_choices(source),
                initial=(source.for_loan or NO_LOAN) if source else NO_LOAN,
            ),
            FieldSpec(
                "notes",
                N_("Notes"),
                parse=text_field(notes=True),
                initial=source.notes if source else "",
            ),
        ]

    def _loan_choices(self, source: IncomeSource | None) -> list[tuple[str | Content, str]]:
        """No loan, or one of the open loans (and the one already earmarked, even if closed)."""
        names = [loan.name for loan in self.household.open_loans]
        if source is not None and source.for_loan and source.for_loan not in names:
            names.append(source.for_loan)
        return [("no loan", NO_LOAN), *((Content(name), name) for name in names)]

    @staticmethod
    def _build(values: Values, old: IncomeSource | None) -> IncomeSource:
        start, end = values["start"], values["end"]
        fields = {
            "name": values["name"],
            "kind": IncomeKind(str(values["kind"])),
            "amount": values["amount"],
            "frequency": Frequency(str(values["frequency"])),
            "start": start,
            "end": end,
            "notes": values["notes"],
            "for_loan": str(values["for_loan"]) or None,
        }
        if old is None:
            return IncomeSource(**fields)  # type: ignore[arg-type]
        return replace(old, **fields)  # type: ignore[arg-type]

    def add_form(self) -> RecordForm:
        ledger = self.coach_app.ledger

        def save(values: Values) -> str:
            source = ledger.add_income(self._build(values, None))
            return _("Added income {name}.").format(name=source.name)

        return self.form(_("Add income"), self._fields(None), save)

    def edit_form(self, key: str) -> RecordForm | None:
        old = next((item for item in self.household.income if item.name == key), None)
        if old is None:
            return None
        ledger = self.coach_app.ledger

        def save(values: Values) -> str:
            edited = self._build(values, old)
            source = ledger.update_income(key, edited, was=old)
            self.remember_edit(f"saved the changes to the income {key}", was=old, edited=edited,
                               saved=source)  # fmt: skip
            return _("Saved income {name}.").format(name=source.name)

        return self.form(_("Edit income {name}").format(name=key), self._fields(old), save)

    def delete_record(self, key: str) -> str:
        self.coach_app.ledger.remove_income(key)
        return _("Removed income {name}.").format(name=key)

    def record(self, key: str) -> IncomeSource | None:
        return next((item for item in self.household.income if item.name == key), None)

    def describe(self, key: str) -> str:
        source = next((item for item in self.household.income if item.name == key), None)
        if source is None:
            return _("the income “{name}”").format(name=key)
        return _("the income “{name}” ({amount} {frequency})").format(
            name=key,
            amount=format_money(source.amount, self.locale),
            frequency=_(FREQUENCY_WORDS[source.frequency]),
        )
