"""`debtcoach coach`: the guidance's rules, verbatim, for cron mails and SSH login messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debtcoach.cli import main
from debtcoach.guidance import guidance_text


def test_coach_json_on_the_sample(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--db", str(sample_db), "--today", "2026-11-23", "coach", "--json"]) == 0
    advice = json.loads(capsys.readouterr().out)
    assert [a["rule"] for a in advice][:2] == ["stop-lending", "talk-to-lenders"]
    for item in advice:
        assert set(item) == {"rule", "title", "quote", "why", "key", "severity"}
        assert item["quote"] in guidance_text()
    assert [a["severity"] for a in advice] == sorted(a["severity"] for a in advice)
    assert "QuickCash" in advice[0]["why"]


def test_coach_text_keeps_every_word_of_the_quote(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--db", str(sample_db), "--today", "2026-11-23", "coach"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. Stop borrowing to repay")
    words = " ".join(out.split())
    assert "don't handle the loan business after the deadline." in words
    assert "Next milestone" in out


def test_coach_on_track(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.json"
    capsys.readouterr()
    assert main(["--db", str(db), "coach", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
