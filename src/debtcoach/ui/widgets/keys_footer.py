"""The footer: the keys of the screen in front, drawn as one widget.

Textual's Footer builds a widget per key and rebuilds them all on every bindings signal; a list
screen's fourteen keys cost some 10 ms each time a screen opens, and more memory for every
screen. This footer draws the same keys, in the same theme colours, as lines of text: a click on
a key presses it, hovering one shows its tooltip. When the keys do not fit one row (a list
screen at 80 columns) they are laid out in two rows of aligned columns, so `? Help` and `q Quit`
are never cut off; the palette key stays docked on the right.
"""

from __future__ import annotations

from math import ceil
from typing import TYPE_CHECKING, ClassVar

from msgspec import Struct
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget

from debtcoach.domain.text_rules import cells
from debtcoach.domain.wording import _

if TYPE_CHECKING:
    from textual.screen import Screen


class FooterEntry(Struct, frozen=True):
    """One key as the footer shows it (in the active language)."""

    key: str
    key_display: str
    description: str
    tooltip: str
    enabled: bool


class PlacedEntry(Struct, frozen=True):
    """Where a key is drawn: its row and first column in the footer, and its width in cells."""

    entry: FooterEntry
    row: int
    start: int
    width: int


class KeysFooter(Widget, can_focus=False):
    """The keys of the screen in front; rebuilt only when they change."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "keys-footer--key",
        "keys-footer--description",
        "keys-footer--hover",
        "keys-footer--edge",
    }
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        width: 100%;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeysFooter.-two-rows { height: 2; }
    KeysFooter > .keys-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeysFooter > .keys-footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeysFooter > .keys-footer--hover {
        color: $footer-key-foreground;
        background: $block-hover-background;
    }
    KeysFooter > .keys-footer--edge { color: $foreground 20%; }
    """

    PALETTE_WIDTH = 14
    """Columns kept free on the right for the docked `^p Palette` key."""

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__()
        self.compact = compact
        self._entries: tuple[FooterEntry, ...] = ()
        self._palette: FooterEntry | None = None
        self._placed: tuple[PlacedEntry, ...] = ()
        self._hover: PlacedEntry | None = None
        self._check_queued = False

    # -- what is shown -------------------------------------------------------------------

    def _entry(self, binding: Binding, enabled: bool, tooltip: str) -> FooterEntry:
        # Bindings are declared in English (class attributes); shown in the language.
        return FooterEntry(
            binding.key,
            self.app.get_key_display(binding),
            _(binding.description),
            _(tooltip) if tooltip else "",
            enabled,
        )

    def _current_keys(self) -> tuple[tuple[FooterEntry, ...], FooterEntry | None]:
        """The screen's shown keys, one per action (the first binding of each, as Textual's
        Footer shows them), and the palette key when the app has a palette."""
        bindings = self.screen.active_bindings
        by_action: dict[str, FooterEntry] = {}
        for _node, binding, enabled, tooltip in bindings.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = self._entry(binding, enabled, tooltip)
        palette: FooterEntry | None = None
        found = bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if found is not None and self.app.ENABLE_COMMAND_PALETTE:
            _node, binding, enabled, _tooltip = found
            palette = self._entry(binding, enabled, binding.tooltip or binding.description)
        return tuple(by_action.values()), palette

    @property
    def shown_keys(self) -> dict[str, FooterEntry]:
        """Every key drawn, by its binding key (the palette's included)."""
        return {placed.entry.key: placed.entry for placed in self._placed}

    def key_region(self, key: str) -> Region:
        """Where the key `key` is drawn on the screen (empty when it is not shown)."""
        for placed in self._placed:
            if placed.entry.key == key:
                x, y = self.region.offset
                return Region(x + placed.start, y + placed.row, placed.width, 1)
        return Region()

    # -- layout --------------------------------------------------------------------------

    def _entry_text(self, entry: FooterEntry) -> tuple[str, str]:
        """The key and the description as drawn, with the padding of the footer's style."""
        if self.compact:
            return entry.key_display, f" {entry.description}" if entry.description else ""
        return f" {entry.key_display} ", f"{entry.description} " if entry.description else ""

    def _entry_width(self, entry: FooterEntry) -> int:
        key, description = self._entry_text(entry)
        return cells(key) + cells(description)

    def _lay_out(self, width: int) -> None:
        """One row of keys; two rows of aligned columns when one row would cut the last keys
        off (the palette's columns on the right are kept free either way)."""
        gap = 1 if self.compact else 0
        widths = [self._entry_width(entry) for entry in self._entries]
        one_row = sum(widths) + gap * len(widths)
        two_rows = one_row > width - self.PALETTE_WIDTH and len(widths) > 1
        placed: list[PlacedEntry] = []
        if two_rows:
            columns = ceil(len(widths) / 2)
            column_widths = [
                max(widths[index] for index in (column, column + columns) if index < len(widths))
                for column in range(columns)
            ]
            for index, entry in enumerate(self._entries):
                row, column = divmod(index, columns)
                start = sum(column_widths[:column]) + column
                placed.append(PlacedEntry(entry, row, start, widths[index]))
        else:
            start = 0
            for entry, entry_width in zip(self._entries, widths, strict=True):
                placed.append(PlacedEntry(entry, 0, start, entry_width))
                start += entry_width + gap
        if self._palette is not None:
            palette_width = self._entry_width(self._palette)
            start = max(width - palette_width - 1, 0)  # one blank column at the edge
            placed.append(PlacedEntry(self._palette, 0, start, palette_width))
        self._placed = tuple(placed)
        self._hover = None
        self.set_class(two_rows, "-two-rows")

    def _show(self, width: int) -> None:
        entries, palette = self._current_keys()
        if (entries, palette) == (self._entries, self._palette) and self._placed:
            return
        self._entries, self._palette = entries, palette
        self._lay_out(width)
        self.refresh()

    # -- drawing -------------------------------------------------------------------------

    def render(self) -> Content:
        key_style = self.get_visual_style("keys-footer--key")
        description_style = self.get_visual_style("keys-footer--description")
        hover_style = self.get_visual_style("keys-footer--hover")
        edge_style = self.get_visual_style("keys-footer--edge")
        rows: list[list[Content]] = [[], []]
        ends = [0, 0]
        for placed in self._placed:
            key, description = self._entry_text(placed.entry)
            drawn = Content.assemble((key, key_style), (description, description_style))
            if not placed.entry.enabled:
                drawn = drawn.stylize("dim")
            if placed is self._hover:
                drawn = drawn.stylize_before(hover_style)
            start = placed.start
            if placed.entry is self._palette:
                # The palette key is set off by a faint bar on its left.
                rows[0].append(Content(" " * max(start - 1 - ends[0], 0)))
                rows[0].append(Content.styled("▏", edge_style))
                ends[0] = start
            else:
                rows[placed.row].append(Content(" " * max(start - ends[placed.row], 0)))
            rows[placed.row].append(drawn)
            ends[placed.row] = start + placed.width
        lines = [Content("").join(row) for row in rows if row]
        return Content("\n").join(lines)

    # -- events --------------------------------------------------------------------------

    def on_mount(self) -> None:
        # The keys come with the screen's first bindings signal: before it, its widgets that
        # decide which keys apply (check_action) may not all be mounted yet.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out(event.size.width)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        """The keys may have changed (a focus change, `refresh_bindings`): the signals of one
        refresh are coalesced into one look, before the next layout."""
        if not screen.app.app_focus or self._check_queued:
            return
        if self.is_attached and screen is self.screen:
            self._check_queued = True
            self.call_next(self._show_if_current)

    def _show_if_current(self) -> None:
        self._check_queued = False
        if self.is_attached and self.screen.is_current:
            # A screen left meanwhile gets its keys when it is shown again (it signals then).
            self._show(self.size.width or self.app.size.width)

    def _placed_at(self, x: int, y: int) -> PlacedEntry | None:
        for placed in reversed(self._placed):  # the palette, drawn last, is on top
            if placed.row == y and placed.start <= x < placed.start + placed.width:
                return placed
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        placed = self._placed_at(event.x, event.y)
        if placed is not self._hover:
            self._hover = placed
            self.tooltip = placed.entry.tooltip or None if placed is not None else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        placed = self._placed_at(event.x, event.y)
        if placed is None:
            return
        if placed.entry.enabled:
            self.app.simulate_key(placed.entry.key)
        else:
            self.app.bell()
