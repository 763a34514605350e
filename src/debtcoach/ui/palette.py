"""The command palette (ctrl+p): go to a screen, pick a theme or strategy, run a screen's actions.

Commands follow the current screen: every key the screen (or its focused widget) binds shows up
as "<Screen>: <what it does>", so actions added later appear without touching this file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from msgspec import Struct
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from debtcoach.domain.models import Strategy
from debtcoach.domain.text_rules import printable
from debtcoach.domain.wording import N_, _, strategy_name
from debtcoach.ui.formatting import literal

if TYPE_CHECKING:
    from debtcoach.ui.app import DebtCoachApp


class PaletteCommand(Struct, frozen=True):
    """The text may hold the user's own words (a name, a theme file's name): it is always shown
    as it is, never as markup."""

    text: str
    help: str
    run: Callable[[], Any]

    def shown(self, matcher: Matcher | None = None) -> Content:
        return literal(self.text) if matcher is None else highlighted(matcher, self.text)


def _screen_label(screen: object) -> str:
    title = getattr(screen, "TITLE_TEXT", None)
    return _(str(title)) if title else type(screen).__name__


class DebtCoachCommands(Provider):
    """Screens, themes, strategies and the current screen's actions."""

    @property
    def coach_app(self) -> DebtCoachApp:
        return self.app  # type: ignore[return-value]

    def commands(self) -> Iterator[PaletteCommand]:
        app = self.coach_app
        for key, mode, english in app.screen_keys():
            title = _(english)
            yield PaletteCommand(
                _("Go to {title}").format(title=title),
                _("Switch to the {title} screen (key {key})").format(title=title, key=key),
                partial(app.action_go, mode),
            )
        yield PaletteCommand(
            _("Go to Help"), _("Every key and where your data lives (key ?)"), app.action_help
        )
        yield PaletteCommand(
            _("Go to Settings"),
            _("Language, currency, locale, safety buffer (key {key})").format(key=","),
            app.action_settings,
        )
        if app.undo_steps:
            yield PaletteCommand(
                _("Undo: {what}").format(what=app.undo_steps[-1].what),
                _("Take back the last delete or saved edit made here (key u, asks first)"),
                app.action_undo,
            )
        yield PaletteCommand(
            _("Save the due dates as a calendar (.ics)"),
            _("Payments, installments, follow-ups, promises, the weekly check-in (key ctrl+e)"),
            app.action_save_calendar,
        )
        yield PaletteCommand(
            _("Restore a backup"),
            _("The backups of the data file: when, how big, whether each loads (asks first)"),
            app.action_restore_backup,
        )
        current_marker = _(" (current)")
        for name in app.file_theme_names():
            marker = current_marker if name == app.theme else ""
            yield PaletteCommand(
                _("Theme: {name}").format(name=name) + marker,
                _("Use this colour theme and remember it"),
                partial(app.set_theme, name),
            )
        current = app.household.settings.strategy
        for strategy in app.available_strategies():
            marker = current_marker if strategy == current else ""
            yield PaletteCommand(
                _("Strategy: {name}").format(name=strategy_name(strategy.value)) + marker,
                _(_STRATEGY_HELP[strategy]),
                partial(app.set_strategy, strategy),
            )
        yield from self._screen_actions()

    def _screen_actions(self) -> Iterator[PaletteCommand]:
        """The calling screen's own keys (app-wide keys are covered above)."""
        screen = self.screen
        label = _screen_label(screen)
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            # Only the screen's own actions (they carry ids); not a table's paging or focus keys.
            if (
                active.node is self.app
                or not binding.description
                or not active.enabled
                or binding.id is None
            ):
                continue
            if binding.action in seen:
                continue
            seen.add(binding.action)
            key = binding.key_display or binding.key
            yield PaletteCommand(
                f"{label}: {_(binding.description)}",
                _("key {key}").format(key=key),
                partial(self.app.run_action, binding.action, active.node),
            )

    async def discover(self) -> Hits:
        for command in self.commands():
            yield DiscoveryHit(command.shown(), command.run, text=command.text, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            score = matcher.match(command.text)
            if score > 0:
                shown = command.shown(matcher)
                yield Hit(score, shown, command.run, text=command.text, help=command.help)


def highlighted(matcher: Matcher, text: str) -> Content:
    """`text` with the letters the query matched highlighted, as `Matcher.highlight` does, but
    literal: a theme file's name is file text, never markup."""
    shown = printable(text)
    content = Content(shown)
    _, offsets = matcher.fuzzy_search.match(matcher.query, shown)
    for offset in offsets:
        if not shown[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


_STRATEGY_HELP = {
    Strategy.AVALANCHE: N_("Extra money to the highest rate first (least interest)"),
    Strategy.SNOWBALL: N_("Extra money to the smallest balance first (quick wins)"),
    Strategy.CUSTOM: N_("Extra money in your own order"),
}
