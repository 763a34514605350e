"""The language follows the user: `settings set language`, locales written any common way, a
new file from LANG (zh_CN -> CNY), `--lang` for one run; JSON never changes with the language.
Amounts and rates typed the Chinese way are read with hand-checked numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.runner import run


def meta(db: Path) -> dict[str, object]:
    return json.loads(db.read_text())["meta"]["1"]  # type: ignore[no-any-return]


def loans(db: Path) -> list[dict[str, object]]:
    return list(json.loads(db.read_text())["loans"].values())


@pytest.fixture
def zh_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")


def test_a_new_file_takes_language_locale_and_currency_from_lang(
    tmp_path: Path, zh_shell: None
) -> None:
    db = tmp_path / "d.json"
    assert run(db, "expense", "add", "--name", "房租", "--current", "2500") == 0
    stored = meta(db)
    assert stored["currency"] == "CNY"
    assert stored["locale"] == "zh_CN"
    assert stored["settings"]["language"] == "zh_CN"  # type: ignore[index]


def test_a_new_file_in_a_plain_shell_stays_english_and_dollars(tmp_path: Path) -> None:
    db = tmp_path / "d.json"
    assert run(db, "expense", "add", "--name", "Rent", "--current", "900") == 0
    stored = meta(db)
    assert (stored["currency"], stored["locale"]) == ("USD", "en_US")
    assert stored["settings"]["language"] is None  # type: ignore[index]


@pytest.mark.parametrize("typed", ["zh-CN", "zh_CN.UTF-8", "zh_Hans_CN", "zh_CN"])
def test_locale_is_accepted_however_it_is_written(tmp_path: Path, typed: str) -> None:
    db = tmp_path / "d.json"
    assert run(db, "settings", "set", "locale", typed) == 0
    assert meta(db)["locale"] == "zh_CN"


def test_settings_set_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.json"
    assert run(db, "settings", "set", "language", "zh-CN") == 0
    assert meta(db)["settings"]["language"] == "zh_CN"  # type: ignore[index]
    assert "已将 language 设为 zh_CN。" in capsys.readouterr().out
    assert run(db, "settings", "set", "language", "en") == 0
    assert meta(db)["settings"]["language"] == "en"  # type: ignore[index]
    assert "Set language to en." in capsys.readouterr().out


def test_an_unknown_language_is_refused_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "d.json"
    assert run(db, "settings", "set", "language", "klingon") == 2
    assert "unknown language 'klingon'" in capsys.readouterr().err
    assert not db.exists()


def test_lang_flag_translates_the_help_for_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        run(tmp_path / "d.json", "--lang", "zh_CN", "--help")
    assert "本次运行使用的语言" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        run(tmp_path / "d.json", "--help")
    assert "language for this run" in capsys.readouterr().out


def test_money_typed_the_chinese_way_through_the_cli(tmp_path: Path, zh_shell: None) -> None:
    db = tmp_path / "d.json"
    code = run(db, "loan", "add", "--name", "招行信用卡", "--kind", "credit_card",
               "--balance", "38，600", "--apr", "0.05%/天", "--min-payment", "¥1,930",
               "--late-fee", "50元")  # fmt: skip
    assert code == 0
    (loan,) = loans(db)
    assert loan["balance"] == 3_860_000  # ¥38,600.00 in fen
    assert loan["min_payment"] == 193_000  # ¥1,930.00
    assert loan["late_fee"] == 5_000  # ¥50.00
    assert loan["apr"] == "18.25"  # 0.05 % a day × 365


def test_json_does_not_change_with_the_language(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commands = [("plan", "--json"), ("coach", "--json"), ("loan", "list", "--json")]
    english = []
    for command in commands:
        assert run(sample_db, *command) == 0
        english.append(capsys.readouterr().out)
    assert run(sample_db, "settings", "set", "language", "zh_CN") == 0
    capsys.readouterr()
    for command, before in zip(commands, english, strict=True):
        assert run(sample_db, *command) == 0
        assert capsys.readouterr().out == before
        assert run(sample_db, "--lang", "zh_CN", *command) == 0
        assert capsys.readouterr().out == before
    assert "Talk to your lenders first" in english[1]


def test_every_command_help_prints_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    """argparse formats help with %: a translation with a lone % would crash `--help`."""
    import argparse

    from debtcoach.bundled import use_language
    from debtcoach.cli import build_parser

    use_language("zh_CN")
    parser = build_parser()
    seen = 0
    pending = [parser]
    while pending:
        current = pending.pop()
        assert current.format_help()
        seen += 1
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                pending.extend(action.choices.values())
    assert seen > 30
    assert "本次运行使用的语言" in parser.format_help()


def test_the_coach_in_chinese_wraps_in_terminal_cells(
    zh_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from rich.cells import cell_len

    assert run(zh_db, "coach") == 0
    out = capsys.readouterr().out
    assert "1. 不要借新还旧" in out
    assert "怎么做：在应用里按 l（贷款）。" in out
    why = [
        line for line in out.splitlines() if line.startswith("   ") and not line.startswith("   “")
    ]
    assert why and max(cell_len(line) for line in why) <= 78
