"""The app in Chinese at 80x24: the dashboard, a list screen, the settings form and the first
run read in Chinese with real keys; the chart keeps its month axis and ¥0 line on screen; the
coach's quote stays the guidance's words."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rich.cells import cell_len

from debtcoach.guidance import RULES_BY_ID
from debtcoach.ui.screens.settings import SettingsForm
from tests.conftest import make_app
from tests.ui.list_pilot import messages, skip_offer
from tests.ui.screen_text import screen_words

SMALL = (80, 24)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


async def test_the_dashboard_reads_in_chinese(zh_db: Path) -> None:
    app = make_app(zh_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        words = screen_words(app)
        assert "d 总览 l 贷款 o 收入" in words
        assert "欠款合计 ¥18,700.00" in words
        assert "金融机构 ¥16,700.00 4 笔贷款" in words
        assert "还款预算 ¥964.67" in words
        # Visa is ¥764.00 behind and current again in March 2027 (the plan's month, in Chinese).
        assert "Visa ¥764.00 2027年3月恢复正常" in words
        assert "2028年9月还清 · 22 个月 · 雪崩法" in words
        assert "Sofa loan ¥95.00 11月28日周六，5 天后" in words
        assert "? 帮助 q 退出" in words
        for english in ("Owed in total", "Debt budget", "Quit", "Help"):
            assert english not in words


async def test_a_list_screen_reads_in_chinese(zh_db: Path) -> None:
    app = make_app(zh_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("l")
        await pilot.pause()
        words = screen_words(app)
        assert "名称" in words and "余额" in words
        assert "a 添加" in words
        assert "Visa" in words and "¥5,200.00" in words


async def test_the_coach_keeps_the_guidance_quote_verbatim(zh_db: Path) -> None:
    app = make_app(zh_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await skip_offer(pilot)
        titles = [a.title for a in app.advice]
        assert titles[0] == "不要借新还旧"
        advice = next(a for a in app.advice if a.title == "先和贷款机构沟通")
        assert advice.quote == RULES_BY_ID[advice.rule].quote  # English, as the guidance says it
        assert "已逾期 95 天（自 2026年8月20日 起）" in advice.why
        words = screen_words(app)
        assert "指南原文：" in words


async def test_settings_form_changes_the_language_through_the_ledger(sample_db: Path) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("comma")
        await pilot.pause()
        assert isinstance(app.screen, SettingsForm)
        assert "Settings" in screen_words(app)
        await pilot.press("down")  # open the language list
        await pilot.pause()
        await pilot.press("down", "enter")  # 中文（简体）
        await pilot.pause()
        await pilot.press("enter")  # save
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, SettingsForm)
        stored = json.loads(sample_db.read_text())["meta"]["1"]
        assert stored["settings"]["language"] == "zh_CN"
        assert stored["currency"] == "USD"  # unchanged: nothing relabelled
        words = screen_words(app)
        assert "欠款合计" in words and "Owed in total" not in words


async def test_changing_the_currency_warns_that_amounts_are_relabelled(zh_db: Path) -> None:
    app = make_app(zh_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("comma")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SettingsForm)
        await pilot.press("tab")  # to the currency
        await pilot.press("end", "backspace", "backspace", "backspace", *"USD")
        await pilot.pause()
        note = form.field_note("currency")
        # The first loan, Visa, holds 5,200.00: the number stays, only the label changes.
        assert "金额只是换了币种标签，并没有换算：¥5,200.00 会变成 US$5,200.00" in note


async def test_the_first_run_asks_in_the_shells_language(tmp_path: Path) -> None:
    db = tmp_path / "new" / "debtcoach.json"
    app = make_app(db, environ={"LANG": "zh_CN.UTF-8"}, first_run=True)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SettingsForm)
        words = screen_words(app)
        assert "欢迎使用 debtcoach" in words
        assert "语言 中文（简体）" in words
        assert "币种 CNY" in words and "区域格式 zh_CN" in words
        await pilot.press("tab", "tab", "tab", "end", "backspace", *"¥300")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsForm)
    stored = json.loads(db.read_text())["meta"]["1"]
    assert stored["currency"] == "CNY" and stored["locale"] == "zh_CN"
    assert stored["settings"]["language"] == "zh_CN"
    assert stored["settings"]["safety_buffer"] == 30_000  # ¥300.00


async def test_the_zh_cn_chart_keeps_its_month_axis_and_zero_line(zh_db: Path) -> None:
    app = make_app(zh_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("p")
        await pilot.pause()
        plot: Any = app.screen.query_one("#chart-plot")
        drawn = [ANSI.sub("", line) for line in plot.plt.build().splitlines()]
        assert drawn, "nothing drawn"
        width = plot.size.width
        assert max(cell_len(line) for line in drawn) <= width <= SMALL[0]
        assert len(drawn) <= plot.size.height
        # The bottom rows: the ¥0 line, the axis, the months in Chinese.
        assert any(line.lstrip().startswith("¥0┤") for line in drawn)
        assert "2027年" in drawn[-1].replace("\u200b", "")
        region = plot.region
        assert region.bottom <= SMALL[1] - 1  # above the footer: on screen
        words = screen_words(app).replace("\u200b", "")
        assert "¥0" in words and "2027年" in words


def english_messages() -> list[str]:
    """The catalog's English sentences long enough to be told apart from a name or a key."""
    from babel.messages.pofile import read_po

    from debtcoach.bundled import locale_dir

    with (locale_dir() / "debtcoach.pot").open("rb") as handle:
        catalog = read_po(handle)
    found = []
    for message in catalog:
        text = message.id[0] if isinstance(message.id, tuple) else message.id
        if text and "{" not in text and len(text.split()) >= 3:
            found.append(text)
    return found


async def test_no_english_message_is_left_on_the_translated_screens(zh_db: Path) -> None:
    english = english_messages()
    assert len(english) > 100
    app = make_app(zh_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await skip_offer(pilot)
        for key in ("d", "l", "o", "t", "f", "question_mark", "escape", "comma"):
            await pilot.press(key)
            await pilot.pause()
            words = screen_words(app)
            left = [text for text in english if text in words]
            assert left == [], (key, left)


async def test_the_loan_form_reads_yuan_and_a_daily_rate(zh_db: Path) -> None:
    app = make_app(zh_db)
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("l", "a")
        await pilot.pause()
        form = app.screen
        await pilot.press(*"招行信用卡", "tab", "tab", "tab", "tab")  # to the balance
        await pilot.press(*"38，600", "tab", *"0.05%/天")
        await pilot.pause()
        assert form.field_error("balance") == ""  # type: ignore[attr-defined]
        # 0.05 % a day × 365 = 18.25 % a year, said both ways under the field.
        assert form.field_note("apr") == "= 年利率 18.25% = 日利率 0.0500%"  # type: ignore[attr-defined]
        await pilot.press("tab", "tab", *"¥1,930")  # past the penalty rate, to the minimum
        await pilot.press("enter")
        await pilot.pause()
        assert form is not app.screen
    loan = next(
        doc
        for doc in json.loads(zh_db.read_text())["loans"].values()
        if doc["name"] == "招行信用卡"
    )
    assert loan["balance"] == 3_860_000  # ¥38,600.00
    assert loan["apr"] == "18.25"
    assert loan["min_payment"] == 193_000  # ¥1,930.00


async def test_an_empty_loans_list_answers_r_and_h_in_chinese(empty_db: Path) -> None:
    app = make_app(empty_db, language="zh_CN")
    async with app.run_test(size=SMALL) as pilot:
        await skip_offer(pilot)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("r", "h")
        await pilot.pause()
        shown = messages(app)
        assert shown[-2:] == [
            "没有可以协商分期的贷款：按 a 添加。",
            "没有可以查看联系记录的贷款：按 a 添加。",
        ]
