"""Throttling: what each category costs now, where a cut would bring it, which cuts are on.

`space` turns the selected cut on or off (saved at once) · `a` add · `e`/`enter` edit ·
`x` delete · `/` filter · `s` sort.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from msgspec.structs import replace
from textual.binding import Binding, BindingType

from debtcoach.domain.loan_facts import cut_saving, cut_totals
from debtcoach.domain.models import Expense, Household
from debtcoach.domain.money import Money, format_money
from debtcoach.domain.wording import N_, _, count
from debtcoach.services.exchange import StoreError
from debtcoach.ui.screens.list_screen import ListScreen
from debtcoach.ui.widgets.data_table import Column, Row
from debtcoach.ui.widgets.form_fields import FieldSpec, Values
from debtcoach.ui.widgets.money_input import (
    money_field,
    money_text,
    name_field,
    optional_money_field,
)

if TYPE_CHECKING:
    from debtcoach.ui.widgets.forms import RecordForm


def _cut_cell(expense: Expense, saving: Money) -> str:
    """`[x] on` / `[ ] off`; `-` when there is nothing to cut (no target below today's cost)."""
    if expense.cut_active:
        return _("[x] on")
    return _("[ ] off") if saving.minor else "-"


class ExpensesScreen(ListScreen):
    TITLE_TEXT = N_("Throttling: expenses")
    NOUN = N_("expense")
    EMPTY_TEXT = N_("No expenses yet. Press a to add a category (rent, food, phone …).")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_cut", N_("Cut on/off"), id="expenses.toggle_cut"),
    ]
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column(N_("Category")),
        Column(N_("Current"), right=True),
        Column(N_("Target"), right=True),
        Column(N_("Saves"), right=True),
        Column(N_("Essential")),
        Column(N_("Cut")),
    )

    def build_rows(self, household: Household) -> list[Row]:
        locale = household.settings.locale
        rows = []
        for expense in household.expenses:
            saving = cut_saving(expense)
            rows.append(
                Row(
                    key=expense.name,
                    cells=(
                        expense.name,
                        format_money(expense.current, locale),
                        "-" if expense.target is None else format_money(expense.target, locale),
                        format_money(saving, locale) if saving.minor else "-",
                        _("yes") if expense.essential else _("no"),
                        _cut_cell(expense, saving),
                    ),
                    sort=(
                        expense.name.casefold(),
                        expense.current.minor,
                        None if expense.target is None else expense.target.minor,
                        saving.minor,
                        expense.essential,
                        expense.cut_active,
                    ),
                    search=expense.name,
                )
            )
        return rows

    def summary_text(self, household: Household) -> str:
        waiting = [
            e
            for e in household.expenses
            if not e.cut_active and cut_saving(e).minor and not e.essential
        ]
        if waiting:
            cuts = count(len(waiting), "non-essential cut")
            return _("{cuts} not on yet. space turns a cut on or off.").format(cuts=cuts)
        return _("space turns the selected cut on or off; it is saved at once.")

    def totals_text(self, household: Household) -> str:
        totals = cut_totals(household.expenses, household.currency)
        locale = household.settings.locale
        return _(
            "Spending {monthly}/month (without cuts {current})\n"
            "Saved by active cuts {active} · with every cut {possible}"
        ).format(
            monthly=format_money(totals.monthly, locale),
            current=format_money(totals.current, locale),
            active=format_money(totals.active_saving, locale),
            possible=format_money(totals.possible_saving, locale),
        )

    # -- the cut -------------------------------------------------------------------------

    def action_toggle_cut(self) -> None:
        key = self.table.current_key
        expense = next((item for item in self.household.expenses if item.name == key), None)
        if key is None or expense is None:
            self.notify(_("There is no expense to cut: press a to add one."), timeout=3)
            return
        turning_on = not expense.cut_active
        if turning_on and not cut_saving(expense).minor:
            self.notify(
                _("{name} has no target below what it costs now: press e to set one.").format(
                    name=key
                ),
                timeout=4,
            )
            return
        try:
            # The row as saved, not as this screen last drew it: another session may have
            # changed its amounts meanwhile.
            saved = self.coach_app.ledger.set_cut(key, turning_on)
        except StoreError as exc:
            self.notify(
                _("Nothing was changed: {reason}").format(reason=exc), severity="error", timeout=6
            )
            return
        before = replace(saved, cut_active=not turning_on)
        switched = "on" if turning_on else "off"
        self.remember_edit(f"turned the cut of {key} {switched}", was=before, edited=saved,
                           saved=saved)  # fmt: skip
        self.reload_app()
        locale = self.locale
        saving = format_money(cut_saving(saved), locale)
        if turning_on:
            self.notify(
                _("Cut on: {name} now saves {saving} a month.").format(name=key, saving=saving),
                timeout=3,
            )
        else:
            self.notify(
                _("Cut off: {name} back to {amount}.").format(
                    name=key, amount=format_money(saved.current, locale)
                ),
                timeout=3,
            )

    # -- forms ---------------------------------------------------------------------------

    def _fields(self, expense: Expense | None) -> list[FieldSpec]:
        return [
            FieldSpec(
                "name",
                N_("Category"),
                parse=name_field(N_("name")),
                initial=expense.name if expense else "",
            ),
            FieldSpec(
                "current",
                N_("Now per month"),
                parse=money_field(self.currency, N_("current amount")),
                initial=money_text(expense.current) if expense else "",
                placeholder=N_("e.g. 1234.56"),
            ),
            FieldSpec(
                "target",
                N_("Target after cut"),
                parse=optional_money_field(self.currency, N_("target")),
                initial=money_text(expense.target) if expense else "",
                placeholder=N_("blank = no cut planned"),
            ),
            FieldSpec(
                "essential",
                N_("Essential"),
                kind="bool",
                initial=expense.essential if expense else False,
            ),
            FieldSpec(
                "cut_active",
                N_("Cut is on"),
                kind="bool",
                initial=expense.cut_active if expense else False,
            ),
        ]

    @staticmethod
    def _build(values: Values, old: Expense | None) -> Expense:
        current, target = values["current"], values["target"]
        assert isinstance(current, Money)
        fields = {
            "name": values["name"],
            "current": current,
            "target": target,
            "essential": bool(values["essential"]),
            "cut_active": bool(values["cut_active"]),
        }
        if old is None:
            return Expense(**fields)  # type: ignore[arg-type]
        return replace(old, **fields)  # type: ignore[arg-type]

    def add_form(self) -> RecordForm:
        ledger = self.coach_app.ledger

        def save(values: Values) -> str:
            expense = ledger.add_expense(self._build(values, None))
            return _("Added expense {name}.").format(name=expense.name)

        return self.form(_("Add an expense category"), self._fields(None), save)

    def edit_form(self, key: str) -> RecordForm | None:
        old = next((item for item in self.household.expenses if item.name == key), None)
        if old is None:
            return None
        ledger = self.coach_app.ledger

        def save(values: Values) -> str:
            edited = self._build(values, old)
            expense = ledger.update_expense(key, edited, was=old)
            self.remember_edit(f"saved the changes to the expense {key}", was=old, edited=edited,
                               saved=expense)  # fmt: skip
            return _("Saved expense {name}.").format(name=expense.name)

        return self.form(_("Edit expense {name}").format(name=key), self._fields(old), save)

    def record(self, key: str) -> Expense | None:
        return next((item for item in self.household.expenses if item.name == key), None)

    def delete_record(self, key: str) -> str:
        self.coach_app.ledger.remove_expense(key)
        return _("Removed expense {name}.").format(name=key)
