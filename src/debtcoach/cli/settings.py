"""`debtcoach settings set|show`: currency, locale, safety buffer, strategy, theme."""

from __future__ import annotations

import argparse
from typing import Any

from msgspec.structs import replace

from debtcoach.bundled import use_language
from debtcoach.cli.common import (
    Context,
    InputError,
    add_json_flag,
    choice_arg,
    group,
    print_json,
    say,
)
from debtcoach.domain.models import (
    Strategy,
)
from debtcoach.domain.money import (
    Money,
    MoneyError,
    currency_digits,
    parse_money,
    validate_household_currency,
    validate_locale,
)
from debtcoach.domain.payoff import PlanInputError
from debtcoach.domain.wording import LANGUAGES, _, active_language, normalise_language
from debtcoach.services.exchange import settings_to_json

SETTING_KEYS = (
    "currency",
    "locale",
    "language",
    "safety_buffer",
    "strategy",
    "theme",
    "custom_order",
)


def register(commands: Any) -> None:
    settings = group(commands, "settings", _("currency, locale, safety buffer, strategy, theme"))
    p = settings.add_parser(
        "set", help=_("set one of: {names}").format(names=", ".join(SETTING_KEYS))
    )
    p.add_argument("key", help=_("one of {names}").format(names=", ".join(SETTING_KEYS)))
    p.add_argument("value", help=_("the new value (custom_order: names separated by commas)"))
    p.set_defaults(handler=settings_set)
    p = settings.add_parser("show", help=_("show the settings"))
    add_json_flag(p)
    p.set_defaults(handler=settings_show)


def settings_set(ctx: Context, args: argparse.Namespace) -> int:
    ledger = ctx.ledger
    key = args.key.strip().lower().replace("-", "_")
    value = args.value.strip()
    with ledger.transaction():
        household = ledger.household()
        settings = household.settings
        try:
            if key == "currency":
                code = validate_household_currency(value)
                has_money = bool(
                    household.loans
                    or household.income
                    or household.expenses
                    or household.family_loans
                )
                if has_money and currency_digits(code) != currency_digits(settings.currency):
                    raise InputError(
                        _(
                            "currency: {code} has a different number of decimals than {old}; "
                            "export, change and re-enter the amounts instead"
                        ).format(code=code, old=settings.currency)
                    )
                settings = replace(
                    settings, currency=code, safety_buffer=Money(settings.safety_buffer.minor, code)
                )
            elif key == "locale":
                settings = replace(settings, locale=validate_locale(value))
            elif key == "language":
                language = normalise_language(value)
                if language is None:
                    raise InputError(
                        _("language: unknown language {value!r} (one of {choices})").format(
                            value=value, choices=", ".join(LANGUAGES)
                        )
                    )
                settings = replace(settings, language=language)
                use_language(language)
            elif key == "safety_buffer":
                settings = replace(
                    settings,
                    safety_buffer=parse_money(value, settings.currency, what="safety_buffer"),
                )
            elif key == "strategy":
                strategy = choice_arg(Strategy, "strategy")(value)
                if strategy == Strategy.CUSTOM and not settings.custom_order:
                    raise InputError(
                        _("strategy: set custom_order first (names separated by commas)")
                    )
                settings = replace(settings, strategy=strategy)
            elif key == "custom_order":
                from debtcoach.domain.payoff import validate_custom_order

                names = [part.strip() for part in value.split(",") if part.strip()]
                settings = replace(
                    settings, custom_order=validate_custom_order(household.loans, names)
                )
            elif key == "theme":
                settings = replace(settings, theme=_valid_theme(value))
            else:
                raise InputError(
                    _("settings set: unknown key {key!r} (one of {choices})").format(
                        key=args.key, choices=", ".join(SETTING_KEYS)
                    )
                )
        except (MoneyError, PlanInputError) as exc:
            raise InputError(f"{key}: {exc}") from None
        ledger.save_settings(settings)
    shown = {**settings_to_json(settings), "language": settings.language}.get(key, value)
    shown = ",".join(shown) if isinstance(shown, list) else shown
    say(_("Set {key} to {value}.").format(key=key, value=shown))
    return 0


def _valid_theme(name: str) -> str:
    from debtcoach.bundled import themes_dir

    available = sorted(p.stem for p in themes_dir().glob("*.toml"))
    if available and name not in available:
        raise InputError(
            _("theme: unknown theme {name!r} (one of {choices})").format(
                name=name, choices=", ".join(available)
            )
        )
    return name


def settings_show(ctx: Context, args: argparse.Namespace) -> int:

    settings = ctx.ledger.settings()
    data = {**settings_to_json(settings), "language": settings.language or None}
    if args.json:
        print_json(data)
    else:
        for key, value in data.items():
            if key == "language" and value is None:
                value = _("(follows LANG: {language})").format(language=active_language())
            say(f"{key}: {','.join(value) if isinstance(value, list) else value}")
    return 0
