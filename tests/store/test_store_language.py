"""Schema 4: the settings carry the interface language; an older file reads as "follow LANG"
and is stamped 4 with `language: null` on its first write."""

from __future__ import annotations

import json
from pathlib import Path

from msgspec.structs import replace

from debtcoach.store import SCHEMA_VERSION, Repository


def test_a_version_2_file_follows_lang_until_a_language_is_set(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    meta = {"schema_version": 2, "currency": "CNY", "locale": "zh_CN", "last_contact_id": 0,
            "settings": {"safety_buffer": 0, "strategy": "avalanche", "custom_order": [],
                         "theme": "debtcoach-dark"}}  # fmt: skip
    path.write_text(json.dumps({"meta": {"1": meta}}))
    repo = Repository(path)
    settings = repo.settings()
    assert settings.language == ""  # unset: the app follows LANG / LC_ALL
    repo.save_settings(replace(settings, safety_buffer=settings.safety_buffer))
    stored = json.loads(path.read_text())["meta"]["1"]
    assert stored["schema_version"] == SCHEMA_VERSION == 4
    assert stored["settings"]["language"] is None
    repo.save_settings(replace(repo.settings(), language="zh_CN"))
    assert json.loads(path.read_text())["meta"]["1"]["settings"]["language"] == "zh_CN"
    assert Repository(path).settings().language == "zh_CN"
