"""The private Textual names the app relies on still exist: an upgrade that renames one fails here."""

from __future__ import annotations

import importlib

import pytest
from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Input
from textual_serve.server import Server

from debtcoach.ui.textual_private import PRIVATE_ATTRIBUTES

OWNERS: dict[str, object] = {
    "App": App,
    "Screen": Screen,
    "DataTable": DataTable,
    "DOMNode": DOMNode,
    "Footer": Footer,
    "Input": Input,
    "Server": Server,
    "Widget": Widget,
}


@pytest.mark.parametrize(("owner", "attribute"), PRIVATE_ATTRIBUTES)
async def test_each_private_attribute_is_still_there(owner: str, attribute: str) -> None:
    if owner in OWNERS:
        cls = OWNERS[owner]
        if hasattr(cls, attribute):
            return
        # Instance attributes only exist once constructed.
        app: App[None] = App()
        async with app.run_test():
            instance = {
                "App": app,
                "Screen": app.screen,
                "Footer": Footer(),
                "DataTable": DataTable(),
                "Widget": Widget(),
            }[owner]
            assert hasattr(instance, attribute), f"{owner}.{attribute} is gone"
        return
    module = importlib.import_module(owner)
    assert hasattr(module, attribute), f"{owner}.{attribute} is gone"
