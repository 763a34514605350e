"""Settings (`,` or the palette) and the first-run step: language, currency, locale, buffer.

Both are one form over the household's settings, saved through the Ledger (`save_settings`).
The first run shows it once, when the data file does not exist yet, filled from the shell's
LANG / LC_ALL. Changing the currency of a file that holds amounts relabels them (a yuan is not
a dollar): the form says so under the field before anything is saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec.structs import replace

from debtcoach.domain.models import Household, Settings
from debtcoach.domain.money import (
    Money,
    MoneyError,
    format_money,
    validate_household_currency,
    validate_locale,
)
from debtcoach.domain.wording import N_, _, active_language, normalise_language
from debtcoach.ui.widgets.form_fields import FieldError, FieldSpec, Values
from debtcoach.ui.widgets.forms import RecordForm
from debtcoach.ui.widgets.money_input import money_field

if TYPE_CHECKING:
    from debtcoach.ui.app import DebtCoachApp

LANGUAGE_CHOICES = (("English", "en"), ("中文（简体）", "zh_CN"))


def has_amounts(household: Household) -> bool:
    return bool(household.loans or household.income or household.expenses or household.family_loans)


def relabel_note(household: Household, currency: str) -> str:
    """What a currency change does to the amounts already recorded (nothing is converted)."""
    if currency == household.currency or not has_amounts(household):
        return ""
    example = household.loans[0].balance if household.loans else None
    if example is None:
        return _(
            "Amounts are relabelled, not converted: every amount keeps its number in {new}."
        ).format(new=currency)
    locale = household.settings.locale
    before = format_money(example, locale)
    after = format_money(Money(example.minor, currency), locale)
    return _(
        "Amounts are relabelled, not converted: {before} becomes {after}. "
        "To convert, export, change and re-enter them."
    ).format(before=before, after=after)


def _currency(text: str) -> str:
    try:
        return validate_household_currency(text.strip().upper())
    except MoneyError as exc:
        raise ValueError(str(exc)) from None


def _locale(text: str) -> str:
    try:
        return validate_locale(text)
    except MoneyError as exc:
        raise ValueError(str(exc)) from None


class SettingsForm(RecordForm):
    """The settings as one form; `first_run` gives it the welcome title and wording."""

    def __init__(self, app: DebtCoachApp, *, first_run: bool = False) -> None:
        self.coach_app = app
        self.first_run = first_run
        settings = app.household.settings
        language = normalise_language(settings.language) or active_language()
        buffer = settings.safety_buffer
        fields = [
            FieldSpec(
                "language",
                _("Language"),
                "select",
                initial=language,
                options=LANGUAGE_CHOICES,
            ),
            FieldSpec("currency", _("Currency"), parse=_currency, initial=settings.currency),
            FieldSpec(
                "locale",
                _("Locale"),
                parse=_locale,
                initial=settings.locale,
                placeholder=N_("zh_CN, en_US"),
            ),
            FieldSpec(
                "safety_buffer",
                _("Safety buffer"),
                parse=money_field(settings.currency, _("safety buffer")),
                initial=str(buffer.to_decimal()) if buffer.minor else "0",
            ),
        ]
        title = (
            _("Welcome to debtcoach: first, how should it speak and count?")
            if first_run
            else _("Settings")
        )
        super().__init__(title, fields, self._save, on_change=self._currency_changed)

    def _currency_changed(self, form: RecordForm, key: str, value: object) -> None:
        if key == "currency" and isinstance(value, str):
            note = relabel_note(self.coach_app.household, value)
            if note:
                form.set_field_note("currency", note)

    def _save(self, values: Values) -> str:
        household = self.coach_app.household
        old = household.settings
        currency = str(values["currency"])
        buffer = values["safety_buffer"]
        if not isinstance(buffer, Money):
            raise FieldError("safety_buffer", _("safety buffer: not an amount"))
        language = str(values["language"])
        settings: Settings = replace(
            old,
            language=language,
            currency=currency,
            locale=str(values["locale"]),
            safety_buffer=Money(buffer.minor, currency),
        )
        self.coach_app.ledger.save_settings(settings)  # a StoreError stays in the form
        self.coach_app.reload()
        self.coach_app.relabel_screens()
        return _("Settings saved.")
