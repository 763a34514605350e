"""The top line of every screen: the screen keys, with the current screen marked.

The screen-switching keys live here (always visible, even at 80 columns) so the Footer below has
room for the current screen's own actions, help, quit and the palette.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from debtcoach.domain.wording import _


class NavBar(Static):
    DEFAULT_CSS = """
    NavBar { height: 1; width: 1fr; background: $panel; color: $foreground; }
    """

    def __init__(self, screens: tuple[tuple[str, str, str], ...], current: str | None) -> None:
        super().__init__(id="nav")
        self.screens = screens
        self.current = current

    def on_mount(self) -> None:
        self.update(self.render_nav(self.size.width or self.app.size.width))

    def on_resize(self) -> None:
        self.update(self.render_nav(self.size.width))

    def render_nav(self, width: int) -> Content:
        bar = self._bar(compact=False)
        if width and bar.cell_length > width:
            bar = self._bar(compact=True)  # below ~76 columns: keys only, current screen named
        brand = Content.styled(" debtcoach ", "dim")
        if bar.cell_length + brand.cell_length <= width:
            gap = " " * (width - bar.cell_length - brand.cell_length)
            return Content.assemble(bar, gap, brand)
        return bar

    def _bar(self, *, compact: bool) -> Content:
        parts: list[Content] = []
        for key, mode, english in self.screens:
            title = _(english)
            if mode == self.current:
                parts.append(Content.styled(f" {key} {title} ", "bold reverse"))
            elif compact:
                parts.append(Content.assemble(" ", (key, "bold $accent"), " "))
            else:
                parts.append(Content.assemble(" ", (key, "bold $accent"), f" {title} "))
        return Content("").join(parts)
