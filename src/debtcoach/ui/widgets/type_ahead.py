"""Keys typed right after the key that opened a form belong to the form.

`a` opens a form, but the form's first field only takes the focus once the form is mounted. A
user who types `a` and then a name at once sends the name's first keys before that: Textual
delivers them to the list behind the form, and they reach the app after the form is on top, with
nothing left to type them into. The first characters of the name were lost.

A `TypeAheadScreen` remembers when it first gave a field the focus. The app hands it every key
that reaches the app unhandled while the screen is on top and was pressed before that moment
(`DebtCoachApp.on_key`); the screen keeps them and, once a field has the focus, presses them
again one after the other, in the order they were typed: a character goes into the focused
field, any other key runs the binding it has there (`tab` moves on, `enter` saves). Keys pressed
later reach the field the ordinary way.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TypeVar

from textual import events
from textual.message_pump import MessagePump
from textual.screen import ModalScreen
from textual.widgets import Input

ResultType = TypeVar("ResultType")


class TypeAheadScreen(ModalScreen[ResultType]):
    """A modal screen opened by a key, which takes the keys typed right after that key."""

    def __init__(self) -> None:
        super().__init__()
        self._ready_at: float | None = None
        self._early_keys: list[events.Key] = []
        self._replaying = False

    @property
    def waits_for_a_field(self) -> bool:
        """No field has had the focus yet: keys typed now are kept for the first one."""
        return self._ready_at is None

    def pressed_before_ready(self, event: events.Key) -> bool:
        """Whether the key was pressed before one of this screen's fields had the focus."""
        return self._ready_at is None or event.time < self._ready_at

    async def take_early_key(self, event: events.Key) -> None:
        """Keep a key pressed before a field had the focus; press it once one has."""
        self._early_keys.append(event)
        if self._ready_at is not None:
            await self._replay()

    async def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if self._ready_at is None:
            self._ready_at = event.time
            await self._replay()

    async def _replay(self) -> None:
        if self._replaying:
            return  # the loop already running takes the new key in turn
        self._replaying = True
        try:
            while self._early_keys and self.is_attached:
                await self._press(self._early_keys.pop(0))
        finally:
            self._replaying = False
            self._early_keys.clear()

    async def _press(self, key: events.Key) -> None:
        """What the key does when pressed now: typed into the focused field, or its binding."""
        focused = self.focused
        if key.is_printable and isinstance(focused, Input) and key.character is not None:
            selection = focused.selection
            if selection.is_empty:
                focused.insert_text_at_cursor(key.character)
            else:
                focused.replace(key.character, *selection)
            return
        active = self.active_bindings.get(key.key)
        if active is not None and active.enabled:
            await self.app.run_action(active.binding.action, active.node)
        elif focused is not None:
            focused.post_message(events.Key(key.key, key.character))
        if isinstance(self.focused, Input) and self.focused is not focused:
            await handled(self.focused)


FOCUS_KEYS = ("tab", "shift+tab")
"""Keys that move the focus: what is typed after one belongs to the field it moves to."""


async def handled(node: MessagePump) -> None:
    """Wait until `node` has handled every message sent to it so far: a field that just got the
    focus has selected its pre-filled text then, so the next key typed replaces it (`tab` then
    a date, typed at once, gave `2026-11-232026-11-05`); a field sent a `tab` has moved the
    focus on."""
    done = asyncio.Event()
    if node.call_later(done.set):
        with contextlib.suppress(TimeoutError):  # a widget removed before it ran the callback
            await asyncio.wait_for(done.wait(), timeout=1)
