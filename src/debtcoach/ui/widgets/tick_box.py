"""A checkbox whose mark itself says whether it is ticked."""

from __future__ import annotations

from textual.widgets import Checkbox

TICKED, UNTICKED = "X", " "


class TickBox(Checkbox):
    """Textual draws the same X in a box ticked or not and tells them apart by colour alone,
    which NO_COLOR, a monochrome terminal or a screen reader loses: here the X is the tick."""

    def __init__(
        self,
        label: str = "",
        value: bool = False,
        *,
        id: str | None = None,
        compact: bool = False,
        disabled: bool = False,
    ) -> None:
        super().__init__(label, value, id=id, compact=compact, disabled=disabled)
        self.BUTTON_INNER = TICKED if value else UNTICKED

    def watch_value(self) -> None:
        self.BUTTON_INNER = TICKED if self.value else UNTICKED
        super().watch_value()
