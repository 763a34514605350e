"""Wheel build hook: compile every gettext catalog (`.po`) into the `.mo` the app reads."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("src/debtcoach/locale")


class CompileCatalogs(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        out = Path(tempfile.mkdtemp(prefix="debtcoach-mo-"))
        for po in sorted((Path(self.root) / LOCALE).glob("*/LC_MESSAGES/*.po")):
            relative = po.relative_to(Path(self.root) / LOCALE).with_suffix(".mo")
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=relative.parts[0])
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)
            build_data["force_include"][str(target)] = f"debtcoach/locale/{relative.as_posix()}"
