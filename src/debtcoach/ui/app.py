"""DebtCoachApp: one screen per part of the picture, switched with single keys.

The app holds the Ledger and a cached household, plan and coach advice; every save goes through
`reload()`, which re-reads the file, recomputes the plan and the advice once, and publishes
`data_changed` so every screen and the coach panel redraw from the same numbers.
"""

from __future__ import annotations

import gc
import importlib
import io
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import ClassVar

from msgspec.structs import replace
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette, Provider
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import Theme
from textual.widget import AwaitMount, Widget
from textual.widgets import Input

from debtcoach.bundled import themes_dir, use_language
from debtcoach.domain.coach import Advice
from debtcoach.domain.dashboard import week_to_offer
from debtcoach.domain.models import Household, Settings, Strategy, settings_for_environment
from debtcoach.domain.payoff import PayoffPlan
from debtcoach.domain.record_rules import RecordProblem
from debtcoach.domain.reminders import calendar_plan
from debtcoach.domain.screens import SCREENS
from debtcoach.domain.text_rules import printable
from debtcoach.domain.wording import (
    N_,
    _,
    active_language,
    choose_language,
    month_words,
    strategy_name,
)
from debtcoach.services import Ledger, RowChanged
from debtcoach.services.config import UserConfig, downloads_dir
from debtcoach.services.crash_log import crash_log_folder, crash_message
from debtcoach.services.exchange import WATCH_INTERVAL_SECONDS, StoreError
from debtcoach.services.locale_cache import keep_locale_data
from debtcoach.ui.palette import DebtCoachCommands
from debtcoach.ui.screens.base import DebtCoachScreen
from debtcoach.ui.screens.dashboard import DashboardScreen
from debtcoach.ui.screens.help import HelpScreen

# The frame the four list screens share, with Textual's DataTable under it, loads with the app
# (as the dashboard does): the first switch to loans, income, expenses or family does not wait
# for their import (about 5 ms). Each list screen itself still loads when first shown.
from debtcoach.ui.screens.list_screen import ListScreen  # noqa: F401
from debtcoach.ui.textual_private import (
    css_generation,
    discard_exit_messages,
    forget_drawn_lines,
    mark_styles_current,
    register_default_css,
    registered_theme,
)
from debtcoach.ui.themes import DEFAULT_THEME, FALLBACK_THEME, load_themes
from debtcoach.ui.undo import UndoStep
from debtcoach.ui.widgets.confirm import ConfirmDialog
from debtcoach.ui.widgets.data_table import RecordTable
from debtcoach.ui.widgets.type_ahead import FOCUS_KEYS, TypeAheadScreen, handled

CALENDAR_FILE_NAME = "debtcoach-due.ics"

SCREEN_KEYS: tuple[tuple[str, str, str], ...] = tuple((s.key, s.mode, s.title) for s in SCREENS)
"""(key, mode, short title) of every screen: a key, a palette entry, a line in help."""

TOP_BAR_KEYS: tuple[tuple[str, str, str], ...] = tuple(
    (s.key, s.mode, s.title) for s in SCREENS if s.top_bar
)
"""The screens the top bar of every screen lists (what fits 80 columns)."""

MODE_BY_KEY: dict[str, str] = {key: mode for key, mode, _ in SCREEN_KEYS}

LAZY_SCREENS: dict[str, tuple[str, str]] = {
    "loans": ("debtcoach.ui.screens.loans", "LoansScreen"),
    "income": ("debtcoach.ui.screens.income", "IncomeScreen"),
    "expenses": ("debtcoach.ui.screens.expenses", "ExpensesScreen"),
    "family": ("debtcoach.ui.screens.family", "FamilyScreen"),
    "chart": ("debtcoach.ui.screens.chart", "ChartScreen"),
    "checkin": ("debtcoach.ui.screens.checkin", "CheckInScreen"),
    "whatif": ("debtcoach.ui.screens.what_if", "WhatIfScreen"),
}
"""(module, class) of every screen not shown at start: imported and built when first shown,
never before the first frame and never in the background (a screen nobody opens costs nothing)."""


def _lazy_screen(module: str, name: str) -> Callable[[], Screen[None]]:
    def make() -> Screen[None]:
        screen_type: type[Screen[None]] = getattr(importlib.import_module(module), name)
        return screen_type()

    make.__name__ = make.__qualname__ = name
    return make


class DebtCoachApp(App[None]):
    TITLE = "debtcoach"
    CSS_PATH = str(themes_dir() / "app.tcss")
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        *App.COMMANDS,
        DebtCoachCommands,
    }
    # One entry per screen. Other work streams replace single entries here.
    MODES: ClassVar[dict[str, str | Callable[..., object]]] = {  # type: ignore[assignment]
        "dashboard": DashboardScreen,
        **{mode: _lazy_screen(*where) for mode, where in LAZY_SCREENS.items()},
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                key,
                f"go('{mode}')",
                title,
                show=False,
                id=f"go.{mode}",
                tooltip=f"Go to the {title} screen",
            )
            for key, mode, title in SCREEN_KEYS
        ),
        Binding(
            "question_mark",
            "help",
            N_("Help"),
            key_display="?",
            id="help",
            tooltip=N_("Every key, what each screen is for, where your data lives"),
        ),
        Binding(
            "comma",
            "settings",
            N_("Settings"),
            key_display=",",
            show=False,
            id="settings",
            tooltip=N_("Language, currency, locale, safety buffer"),
        ),
        Binding(
            "q", "quit", N_("Quit"), id="quit", tooltip=N_("Quit (everything is already saved)")
        ),
        Binding(
            "u",
            "undo",
            N_("Undo"),
            show=False,
            id="undo",
            tooltip=N_("Take back the last delete or saved edit made here (asks first)"),
        ),
        Binding("ctrl+p", "command_palette", N_("Palette"), show=False, id="palette"),
        Binding(
            "ctrl+e",
            "save_calendar",
            N_("Calendar"),
            show=False,
            id="calendar.save",
            tooltip=N_("Save the next months' due dates as a calendar file (.ics)"),
        ),
    ]

    def __init__(
        self,
        ledger: Ledger,
        *,
        theme_name: str | None = None,
        demo: bool = False,
        user_themes: Path | None = None,
        keymap: Mapping[str, str] | None = None,
        language: str | None = None,
        environ: Mapping[str, str] | None = None,
        offer_first_run: bool = True,
    ) -> None:
        """`user_themes` is the user's own theme folder and `keymap` maps binding ids to keys
        (both from the config file). `language` is `--lang` (for this run only); else the
        file's setting, else `environ`'s LANG / LC_ALL."""
        super().__init__()
        # The lists' table (DataTable's CSS, 2 KB) is styled with the app's own CSS, parsed at
        # start-up: not as the first list screen is opened, while the user waits for it.
        register_default_css(self, RecordTable())
        self.user_themes = user_themes
        self.keymap: dict[str, str] = dict(keymap or {})
        self.set_keymap(self.keymap)
        self.environ: Mapping[str, str] = os.environ if environ is None else environ
        self.language_flag = language
        self.first_run = offer_first_run and ledger.is_new_file()
        self.ledger = ledger
        self.demo = demo
        self.checkin_offer: str | None = None
        """The week the dashboard offers to check in, from start until the offer is answered."""
        self.data_changed: Signal[Household] = Signal(self, "data-changed")
        self.crash: BaseException | None = None
        self._startup_warnings: list[str] = []
        self.undo_steps: list[UndoStep] = []
        """The deletes and saved edits made in this app, oldest first (`u` takes the last)."""
        self._switching_mode = False
        """Within `switch_mode`, whose 50 ms display hold `delay_update` leaves out."""
        self._untouched_focus: Widget | None = None
        """The widget a tab just gave the focus to, while no other key has gone to it."""
        self._theme_names: tuple[str, ...] = ()
        self._css_refreshed: tuple[int, dict[str, str]] | None = None
        self.household: Household = ledger.household()
        self.use_locale()
        self.use_language()
        self.plan: PayoffPlan
        self.advice: tuple[Advice, ...]
        self.on_track: str
        self._take_state()
        self._setup_themes(theme_name or self.household.settings.theme)

    # -- data -----------------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self.ledger.today

    @property
    def settings(self) -> Settings:
        return self.household.settings

    def use_locale(self) -> None:
        """Every amount and date on screen reads the household's locale: its data, without
        what no screen formats, is 2.8 MiB less for the whole session, and kept compacted in
        the cache folder for the next start."""
        keep_locale_data(self.household.settings.locale)

    def use_language(self) -> None:
        """Show the interface in `--lang`, else the file's language, else the shell's."""
        language = choose_language(
            self.language_flag, self.household.settings.language, self.environ
        )
        if language != active_language():
            use_language(language)

    def _take_state(self) -> None:
        """The plan and advice of the data as loaded: one simulation per state (the Ledger's)."""
        state = self.ledger.state(self.household)
        self.plan, self.advice, self.on_track = state.plan, state.advice, state.on_track
        if state.plan_fallback is not None:
            # A stale custom order (a loan renamed or added) must not stop the app.
            self._warn(
                _("Custom order unusable ({reason}); showing avalanche instead.").format(
                    reason=state.plan_fallback
                )
            )

    def reload(self) -> None:
        """Re-read the file, recompute the plan and advice once, tell every screen."""
        self.household = self.ledger.household()
        self.use_locale()
        self.use_language()
        self._take_state()
        self.data_changed.publish(self.household)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast is literal text, whatever the caller asks: messages repeat names, notes
        and store errors ("Added loan Bad[/]."), which must never be read as markup."""
        super().notify(
            printable(message, multiline=True),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def _handle_exception(self, error: Exception) -> None:
        """An unhandled error anywhere in the app: remember it for the crash log and exit,
        without Textual's full-screen traceback (`run` prints one line instead)."""
        if self.crash is None:
            self.crash = error
        super()._handle_exception(error)
        discard_exit_messages(self)

    def action_help_quit(self) -> None:
        """Textual's hint for ctrl+c, without its markup (toasts here are literal)."""
        self.notify(_("Press q to quit the app"), title=_("Do you want to quit?"))

    def _warn(self, message: str) -> None:
        if self.is_running:
            self.notify(message, severity="warning", timeout=8)
        else:
            self._startup_warnings.append(message)

    def action_settings(self) -> None:
        """The settings form: language, currency, locale, safety buffer."""
        from debtcoach.ui.screens.settings import SettingsForm

        self._close_help()
        self.push_screen(SettingsForm(self))

    def relabel_screens(self) -> None:
        """After a language change: every screen shown again is rebuilt in the new language."""
        for screen in self.screen_stack:
            if isinstance(screen, DebtCoachScreen):
                self.call_later(screen.relabel)

    def _offer_first_run(self) -> None:
        """A new file: language, currency, locale and buffer first (filled from LANG)."""
        from debtcoach.ui.screens.settings import SettingsForm

        self.push_screen(SettingsForm(self, first_run=True))

    def _save_settings(self, settings: Settings) -> bool:
        try:
            self.ledger.save_settings(settings)
        except StoreError as exc:
            self.notify(_("Not saved: {reason}").format(reason=exc), severity="error", timeout=10)
            return False
        return True

    # -- undo and backups -----------------------------------------------------------------

    def remember(self, step: UndoStep) -> None:
        """A change just saved in the app, which `u` (or the palette) can take back."""
        self.undo_steps.append(step)

    def action_undo(self) -> None:
        """Take back the last delete or saved edit, after a question (it writes the file)."""
        if not self.undo_steps:
            self.notify(_("Nothing to undo: deletes and saved edits made here can be undone."))
            return
        step = self.undo_steps[-1]

        def answered(yes: bool | None) -> None:
            if yes:
                self._undo(step)

        question = _("Undo this change: {what}?").format(what=step.what)
        self.push_screen(ConfirmDialog(question, yes=_("Undo"), no=_("Keep it")), answered)

    def _undo(self, step: UndoStep) -> None:
        self.undo_steps.remove(step)
        try:
            step.revert(self.ledger)
        except RowChanged as exc:
            fields = ", ".join(exc.fields)
            message = _(
                "Not undone: {key} changed again since ({fields}); nothing was written."
            ).format(key=exc.key, fields=fields)
            self.notify(message, severity="error", timeout=10, markup=False)
            return
        except (StoreError, RecordProblem) as exc:
            text = exc.message if isinstance(exc, RecordProblem) else str(exc)
            self.notify(
                _("Not undone: {reason}").format(reason=text),
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        self.reload()
        self.notify(_("Undone: {what}.").format(what=step.what), timeout=5, markup=False)

    def action_restore_backup(self) -> None:
        from debtcoach.ui.screens.restore_backup import RestoreBackupScreen

        self.push_screen(RestoreBackupScreen())

    def backup_restored(self) -> None:
        """After a restore: the file is another one; undo steps no longer apply to it."""
        self.undo_steps.clear()
        self.reload()

    # -- themes ---------------------------------------------------------------------------

    def get_theme(self, theme_name: str) -> Theme | None:
        """Textual copies its whole theme registry twice per lookup, and looks the current
        theme up for every line it renders: a plain name is looked up directly."""
        theme = registered_theme(self, theme_name)
        return theme if theme is not None else super().get_theme(theme_name)

    def refresh_css(self, animate: bool = True) -> None:
        """Re-parse the stylesheet only when something it depends on changed.

        Textual calls this whenever a mode's screen is shown for the first time (its CSS
        generation starts unset), and re-parses every rule of every widget each time: about
        70 ms on the first press of `l`, `o`, `t`, … although nothing changed. New widgets get
        their styles when they are mounted, so while no theme change has invalidated the CSS
        since the last full refresh (same generation, same variables) marking the screens
        current is all there is to do.
        """
        generation = css_generation(self)
        variables = self.get_css_variables()
        if (generation, variables) == self._css_refreshed:
            for screen in (self.screen, *self.screen_stack):
                mark_styles_current(screen, generation)
            return
        super().refresh_css(animate)
        self._css_refreshed = (generation, variables)

    def _setup_themes(self, wanted: str) -> None:
        """Register every theme file, bundled then the user's own, then pick `wanted` (falling
        back, never crashing). A user theme named like a bundled one is skipped."""
        loaded = load_themes(themes_dir())
        names = list(loaded.names)
        errors = list(loaded.errors)
        themes = list(loaded.themes)
        if self.user_themes is not None and self.user_themes.is_dir():
            own = load_themes(self.user_themes)
            errors.extend(f"{self.user_themes / e}" for e in own.errors)
            for theme in own.themes:
                if theme.name in names:
                    errors.append(
                        _("{file}: a bundled theme has this name").format(file=f"{theme.name}.toml")
                    )
                    continue
                themes.append(theme)
                names.append(theme.name)
        for theme in themes:
            self.register_theme(theme)
        self._theme_names = tuple(names)
        for error in errors:
            self._warn(_("Theme file skipped: {problem}").format(problem=error))
        if wanted in self._theme_names:
            self.theme = wanted
            return
        fallback = DEFAULT_THEME if DEFAULT_THEME in self._theme_names else FALLBACK_THEME
        self._warn(
            _("Theme {name!r} is not available; using {fallback}.").format(
                name=wanted, fallback=fallback
            )
        )
        self.theme = fallback

    def file_theme_names(self) -> tuple[str, ...]:
        """The themes loaded from the theme folder (the ones the palette offers)."""
        return self._theme_names

    def set_theme(self, name: str) -> None:
        """Switch theme and remember it in the data file's settings."""
        if name not in self._theme_names:
            self.notify(_("Unknown theme {name!r}.").format(name=name), severity="warning")
            return
        self.theme = name
        if self._save_settings(replace(self.household.settings, theme=name)):
            self.household = replace(self.household, settings=self.ledger.settings())
            self.notify(_("Theme: {name}").format(name=name), timeout=3)

    # -- strategy -------------------------------------------------------------------------

    def available_strategies(self) -> tuple[Strategy, ...]:
        if self.household.settings.custom_order:
            return (Strategy.AVALANCHE, Strategy.SNOWBALL, Strategy.CUSTOM)
        return (Strategy.AVALANCHE, Strategy.SNOWBALL)

    def set_strategy(self, strategy: Strategy) -> None:
        """Use `strategy` everywhere: save it, recompute, tell every screen."""
        if strategy not in self.available_strategies():
            self.notify(_("Set a custom order first (debtcoach settings set custom_order …)."))
            return
        if not self._save_settings(replace(self.household.settings, strategy=strategy)):
            return
        self.reload()
        plan = self.plan
        if plan.pays_off and plan.debt_free is not None:
            when = _("debt-free {month}").format(
                month=month_words(plan.debt_free, self.settings.locale)
            )
        else:
            when = _("see the payoff screen")
        self.notify(
            _("Strategy: {strategy} — {when}").format(
                strategy=strategy_name(strategy.value), when=when
            ),
            timeout=4,
        )

    def cycle_strategy(self) -> None:
        choices = self.available_strategies()
        current = self.household.settings.strategy
        index = choices.index(current) if current in choices else -1
        self.set_strategy(choices[(index + 1) % len(choices)])

    # -- screens --------------------------------------------------------------------------

    def screen_keys(self) -> tuple[tuple[str, str, str], ...]:
        """(key, mode, title) of every screen, with the keys the keymap gave them."""
        return tuple(
            (self.key_in_force(f"go.{mode}", key), mode, t) for key, mode, t in SCREEN_KEYS
        )

    def key_in_force(self, binding_id: str, default: str) -> str:
        """How to write the key(s) of a binding after the config's keymap: `default` when the
        keymap leaves it alone."""
        keys = self.keymap.get(binding_id)
        if keys is None:
            return default
        shown = [self.get_key_display(Binding(key.strip(), "")) for key in keys.split(",")]
        return " / ".join(key for key in shown if key)

    # -- files for the user ----------------------------------------------------------------

    def deliver_file(self, path: Path, text: str, *, action: str) -> str:
        """Hand a letter or an export to the user: in a terminal, written to `path` (privately,
        atomically, never over the data file); in a browser (`debtcoach serve`), offered as a
        download named like `path`. Returns what happened, for a toast."""
        if self.is_web:
            self.deliver_text(io.StringIO(text), save_filename=path.name)
            return _("Sent {name} to the browser as a download.").format(name=path.name)
        written = self.ledger.write_private_file(path, text, action=action)
        return _("Wrote {path}.").format(path=written)

    def offer_file(self, path: Path, text: str, *, action: str, failed: str) -> str | None:
        """`deliver_file`, telling the user why when it cannot (`failed` holds `{problem}`);
        what happened when it could, for the caller's toast."""
        try:
            return self.deliver_file(path, text, action=action)
        except (StoreError, OSError) as exc:
            self.notify(failed.format(problem=exc), severity="error", timeout=10, markup=False)
            return None

    def action_save_calendar(self) -> None:
        """The `debtcoach calendar` file, from the app: to Downloads, or to the browser."""
        from debtcoach.services.ical import calendar_text  # icalendar: not before the first frame

        plan = calendar_plan(self.household, self.today)
        text = calendar_text(plan, self.settings.locale, datetime.now(UTC))
        message = self.offer_file(
            downloads_dir() / CALENDAR_FILE_NAME,
            text,
            action="write the calendar to",
            failed=_("Calendar not saved: {problem}"),
        )
        if message is not None:
            self.notify(
                _("{done} Import it into your calendar app.").format(done=message),
                timeout=6,
                markup=False,
            )

    def screenshot_soon(self) -> None:
        """After the palette has closed, so the picture shows the screen, not the palette."""
        self.set_timer(0.1, self.deliver_screenshot_file)

    def deliver_screenshot_file(self) -> None:
        """The palette's screenshot, handed over as every file is and told in the run's
        language: Textual's own toast is English and reads the path as markup."""
        message = self.offer_file(
            downloads_dir() / f"debtcoach_{datetime.now():%Y-%m-%dT%H_%M_%S}.svg",
            self.export_screenshot(),
            action=N_("save the screenshot to"),
            failed=_("The screenshot could not be saved: {problem}"),
        )
        if message is not None:
            self.notify(message, title=_("Screenshot"), markup=False)

    def top_bar_keys(self) -> tuple[tuple[str, str, str], ...]:
        """The top bar's screens (what fits 80 columns), with the keys the keymap gave them."""
        shown = {mode for _, mode, _ in TOP_BAR_KEYS}
        return tuple(item for item in self.screen_keys() if item[1] in shown)

    def on_mount(self) -> None:
        first_run = self.first_run and not self.demo
        if not first_run:
            # Before the dashboard is built: its first frame carries the offer.
            self.offer_checkin_if_due()
        self.switch_mode("dashboard")
        for message in self._startup_warnings:
            self.notify(message, severity="warning", timeout=10)
        self._startup_warnings.clear()
        self._watch = self.ledger.watch()
        self.set_interval(WATCH_INTERVAL_SECONDS, self.check_file_changed)
        if first_run:
            self._offer_first_run()
        # What the first frame left behind (the dashboard, its styles) lives as long as the app.
        self.call_after_refresh(gc.freeze)

    def check_file_changed(self) -> bool:
        """Reload when another process (a script, a second session) saved the file."""
        try:
            changed = self._watch.changed_by_others()
        except OSError:
            return False
        if not changed:
            return False
        try:
            self.reload()
        except StoreError as exc:
            self.notify(
                _("The data file changed but cannot be read: {reason}").format(reason=exc),
                severity="error",
            )
            return False
        self.notify(_("The data file was changed elsewhere; showing the new figures."), timeout=5)
        return True

    # --- check-in hook: owned by the check-in work stream ----------------------------------
    def offer_checkin_if_due(self) -> None:
        """Offer this week's check-in on the dashboard if the week has none yet."""
        self.checkin_offer = week_to_offer(self.household, self.today)

    # ----------------------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """A `tab` moves the focus before the keys typed after it go anywhere.

        Keys that arrive together (a paste, a burst over SSH) were all handed to the field the
        tab was leaving, since Textual moves the focus only once the tab has gone round the
        field and back to the app, behind them ("Name1Bank100" in one field). Here the field
        first takes what was typed before the tab, the focus moves, and the field it moved to
        takes the focus (a pre-filled one selects its text, so what is typed replaces it).

        From a text field that is always safe (it takes its characters itself); from a choice
        or a box only while no key has gone to it since the tab that brought the focus there,
        since its own keys (space, enter) are acted on only once they are back at the app.
        """
        if isinstance(event, events.Key) and not event.is_forwarded:
            focused = self.focused
            if event.key in FOCUS_KEYS and focused is not None and self._moves_at_once(focused):
                await handled(focused)
                if event.key == "tab":
                    self.action_focus_next()
                else:
                    self.action_focus_previous()
                if self.focused is not None and self.focused is not focused:
                    await handled(self.focused)
                self._untouched_focus = self.focused
                return
            self._untouched_focus = None
        await super().on_event(event)

    def _moves_at_once(self, focused: Widget) -> bool:
        if isinstance(self.screen, TypeAheadScreen) and self.screen.waits_for_a_field:
            return False  # typed with the key that opened a form: its turn comes later
        return isinstance(focused, Input) or focused is self._untouched_focus

    async def on_key(self, event: events.Key) -> None:
        """A key pressed before the form on top had a field to type into is the form's (see
        `TypeAheadScreen`); this runs before the app looks the key up in its bindings."""
        screen = self.screen
        if isinstance(screen, TypeAheadScreen) and screen.pressed_before_ready(event):
            event.prevent_default()
            event.stop()
            await screen.take_early_key(event)

    def _close_help(self) -> None:
        while isinstance(self.screen, HelpScreen):
            self.pop_screen()

    def action_go(self, mode: str) -> None:
        self._close_help()
        if self.current_mode != mode:
            # Going elsewhere answers the start-up offer ("not now"): it does not come back.
            self.checkin_offer = None
            self.switch_mode(mode)

    def switch_mode(self, mode: str) -> AwaitMount:
        """Textual's switch, showing the screen as soon as it is drawn: every screen here draws
        its data on mount, so the 50 ms hold Textual puts on every switch (to hide a screen
        still being built) only delayed the first key's answer. The screens left behind drop
        their drawn lines (`forget_drawn_lines`)."""
        self._switching_mode = True
        leaving = list(self.screen_stack) if mode != self.current_mode else []
        try:
            return super().switch_mode(mode)
        finally:
            self._switching_mode = False
            for screen in leaving:
                forget_drawn_lines(screen)

    def delay_update(self, delay: float = 0.05) -> None:
        """Held as Textual holds it (the command palette closing), except within a switch."""
        if not self._switching_mode:
            super().delay_update(delay)

    def action_go_key(self, key: str) -> None:
        """Go to the screen a coach advice's key names (d, l, o, t, f, p, w)."""
        mode = MODE_BY_KEY.get(key)
        if mode is not None:
            self.action_go(mode)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        else:
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Our own "Theme: …" commands replace Textual's picker, so only theme files are offered
        # and the choice is saved. Textual's own commands are English: shown in the run's language.
        # Textual's "Keys" panel lists the bindings in English; the help screen (?) lists every
        # key in the run's language. Its screenshot is ours, so its toast is too.
        for command in super().get_system_commands(screen):
            if command.title in ("Theme", "Keys"):
                continue
            if command.title == "Screenshot":
                yield SystemCommand(_(command.title), _(command.help), self.screenshot_soon)
            else:
                yield SystemCommand(_(command.title), _(command.help), command.callback)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=_("Search for commands…"))
            )


TEXTUAL_COMMAND_WORDS = (
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
"""Textual's palette commands, for the catalog: `get_system_commands` translates them."""


def create_app(
    *,
    path: Path,
    today: date,
    theme: str | None,
    demo: bool,
    config: UserConfig | None = None,
    language: str | None = None,
) -> DebtCoachApp:
    """The app as `debtcoach` starts it: the theme asked for (else the config's, else the
    file's), the user's own themes and keymap from the config file; a new file takes its
    language, locale and currency from LANG / LC_ALL; `language` is `--lang`."""
    return DebtCoachApp(
        Ledger(path, today, new_file_settings=settings_for_environment(os.environ), session=True),
        theme_name=theme or (None if config is None else config.theme),
        demo=demo,
        user_themes=None if config is None else config.themes_dir,
        keymap=None if config is None else config.keymap,
        language=language,
    )


def run(
    *,
    path: Path,
    today: date,
    theme: str | None,
    demo: bool,
    config: UserConfig | None = None,
    language: str | None = None,
) -> int:
    """Entry point used by the CLI (imported lazily so scripts never load Textual).

    0 when the user quit; 1 after an unexpected error, once the terminal is restored, with its
    traceback in a crash log next to the data file and one line on stderr naming it.
    """
    app = create_app(
        path=path, today=today, theme=theme, demo=demo, config=config, language=language
    )
    # What exists now (the modules, and years of check-ins just loaded) lives as long as the
    # app: take it out of the cyclic collector's full passes, which otherwise re-scan it all and
    # stall a screen switch for ~40 ms on ten years of data. Refcounting still frees it.
    gc.freeze()
    gc.enable()  # the CLI keeps the collector off while starting up
    app.run()
    if app.crash is not None:
        folder = crash_log_folder(path, demo=demo)
        print(crash_message(folder, app.crash, datetime.now()), file=sys.stderr)
        return 1
    return 0
