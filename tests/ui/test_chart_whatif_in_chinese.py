"""The payoff chart and the what-if screen in Chinese at 80x24 with real keys: every view reads
in Chinese (the figures are the sample's, as the English tests check them), the only Latin
words left are the household's own names and the keys, the columns line up in terminal cells,
and the y axis never shows one amount twice."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from msgspec.structs import replace
from rich.cells import cell_len
from textual.pilot import Pilot

from debtcoach.domain.models import Loan, LoanKind
from debtcoach.domain.money import Money
from debtcoach.services import Ledger
from debtcoach.ui.screens.chart import ChartScreen, axis_labels, nice_ticks
from debtcoach.ui.screens.what_if import WhatIfScreen
from tests.conftest import TODAY, make_app
from tests.ui.list_pilot import skip_offer, toasts
from tests.ui.screen_text import screen_lines, screen_words
from tests.ui.test_chart_never_ends import household_that_never_pays_off

SMALL = (80, 24)
SAMPLE_NAMES = {"Visa", "QuickCash", "Car", "Sofa", "loan", "Mum", "Li", "Wei"}
"""The sample household's own names (its data, shown as typed)."""
KEY_NAMES = {"s", "v", "i", "c", "q", "d", "l", "o", "t", "f", "p", "w", "space"}
"""Keys, shown as they are typed."""
LATIN_WORD = re.compile(r"[A-Za-z]+")
MARKER_RUN = re.compile(r"o+|x+")
"""A chart line drawn with the `o` or `x` marker."""
Y_LABEL = re.compile(r"^\s*(\S+)┤")


async def open_screen(pilot: Pilot[None], *keys: str) -> None:
    await skip_offer(pilot)
    await pilot.press(*keys)
    await pilot.pause()


def english_words(lines: list[str]) -> set[str]:
    """The Latin words on screen that are not a name of the sample, a key or the app's name."""
    words = set(LATIN_WORD.findall(" ".join(lines[1:])))  # the top bar: the app's name
    return {w for w in words - SAMPLE_NAMES - KEY_NAMES if not MARKER_RUN.fullmatch(w)}


def y_labels(lines: list[str]) -> list[str]:
    return [m[1] for line in lines if (m := Y_LABEL.match(line))]


def line_with(lines: list[str], text: str) -> str:
    return next(line for line in lines if text in line)


def starts_at(line: str, text: str) -> int:
    """The terminal cell where `text` starts in `line`."""
    return cell_len(line[: line.index(text)])


def ends_at(line: str, text: str) -> int:
    """The terminal cell just after `text` in `line`."""
    return starts_at(line, text) + cell_len(text)


async def test_the_strategy_table_and_chart_read_in_chinese(zh_db: Path) -> None:
    app = make_app(zh_db)
    async with app.run_test(size=SMALL) as pilot:
        await open_screen(pilot, "p")
        assert isinstance(app.screen, ChartScreen)
        lines = screen_lines(app)
        words = screen_words(app)
        assert "策略 还清月份 月数 利息 费用" in words
        # Avalanche, the strategy in use: Sep 2028, 22 months, 2,066.86 interest, 140.00 fees.
        assert "▸ 雪崩法 2028年9月 22 ¥2,066.86 ¥140.00 使用中" in words
        assert "雪球法 2028年9月 22 ¥2,113.39 ¥140.00" in words
        # Only the minimums never finish: to the plan's Sep 2028, 4,355.71 interest, 22 fees.
        assert "最低还款 — 永不 ¥4,355.71 ¥770.00 截至2028年9月" in words
        assert "Visa 2027年3月恢复正常；只还最低还款：永不" in words
        assert "s 下一种策略 v 合计/按贷款 i 假如 │ = 还清月份" in words
        assert "o 至今 · - 只还最低还款 · • 雪球法 · + 自定义 · ⢕ 雪崩法" in words
        assert "c 建议 s 策略 v 合计/按贷款 i 假如 ? 帮助 q 退出" in words
        assert english_words(lines) == set()
        # The columns line up in cells although a Chinese month is wider than its characters.
        head, row = line_with(lines, "月数"), line_with(lines, "雪崩法")
        assert ends_at(row, "22") == ends_at(head, "月数")
        assert ends_at(row, "¥140.00") == ends_at(head, "费用")


async def test_the_next_strategy_is_marked_in_chinese(zh_db: Path) -> None:
    app = make_app(zh_db)
    async with app.run_test(size=SMALL) as pilot:
        await open_screen(pilot, "p", "s")
        words = screen_words(app)
        assert "▸ 雪球法 2028年9月 22 ¥2,113.39 ¥140.00 使用中" in words
        assert "雪崩法 2028年9月 22 ¥2,066.86 ¥140.00 ▸ 雪球法" in words  # no longer in use
        assert english_words(screen_lines(app)) == set()


async def test_each_debt_reads_in_chinese(zh_db: Path) -> None:
    app = make_app(zh_db)
    async with app.run_test(size=SMALL) as pilot:
        await open_screen(pilot, "p", "v")
        lines = screen_lines(app)
        words = screen_words(app)
        assert "欠款 还清月份 利息 费用 恢复正常 （雪崩法）" in words
        assert "Visa 2028年1月 ¥916.08 ¥140.00 2027年3月" in words
        assert "QuickCash 2027年6月 ¥244.29 ¥0.00" in words
        assert "Mum（家人） 2028年9月 ¥0.00 约定有风险" in words
        assert "Li Wei（家人） 2028年8月 ¥0.00 约定有风险" in words
        assert "按雪崩法：每笔欠款" in words
        assert "oo Mum（家人）" in words  # the chart's key
        assert english_words(lines) == set()
        head, visa = line_with(lines, "恢复正常"), line_with(lines, "¥916.08")
        assert ends_at(visa, "¥916.08") == ends_at(head, "利息")
        assert starts_at(visa, "2027年3月") == starts_at(head, "恢复正常")


async def test_the_y_axis_says_each_amount_once(zh_db: Path) -> None:
    app = make_app(zh_db)
    async with app.run_test(size=SMALL) as pilot:
        await open_screen(pilot, "p")
        # The sample owes about 19,000 at most: ticks every 5,000, and 15,000 is 1.5万.
        assert y_labels(screen_lines(app)) == ["¥2万", "¥1.5万", "¥1万", "¥5000", "¥0"]


def test_axis_labels_use_as_few_decimals_as_the_ticks_need() -> None:
    ticks = [0.0, 5000.0, 10000.0, 15000.0, 20000.0]
    assert axis_labels(ticks, "CNY", "zh_CN") == ["¥0", "¥5000", "¥1万", "¥1.5万", "¥2万"]
    assert axis_labels(ticks, "USD", "en_US") == ["$0", "$5K", "$10K", "$15K", "$20K"]
    quarters = [0.0, 2500.0, 5000.0, 7500.0, 10000.0]
    assert axis_labels(quarters, "USD", "en_US") == ["$0", "$2.5K", "$5K", "$7.5K", "$10K"]
    assert axis_labels([0.0, 250000.0], "CNY", "zh_CN") == ["¥0", "¥25万"]


@given(
    top=st.integers(min_value=1, max_value=10**10),
    place=st.sampled_from([("CNY", "zh_CN"), ("USD", "en_US")]),
)
def test_no_two_axis_labels_are_the_same(top: int, place: tuple[str, str]) -> None:
    currency, locale = place
    labels = axis_labels(nice_ticks(top / 100), currency, locale)
    assert len(set(labels)) == len(labels), labels


async def test_the_what_if_table_reads_in_chinese(zh_db: Path) -> None:
    app = make_app(zh_db)
    async with app.run_test(size=SMALL) as pilot:
        await open_screen(pilot, "p", "i")
        assert isinstance(app.screen, WhatIfScreen)
        lines = screen_lines(app)
        words = screen_words(app)
        assert "假如：在你数据的副本上试试这些办法。这里什么都不会保存。" in words
        # Visa in 60 installments: 2,066.86 + 140.00 - (1,771.57 + 0.00) = 435.29 saved.
        assert "[x] 以时间换空间 ◂ Visa ▸ 60 期 省 ¥435.29" in words
        assert "[ ] 开源 100.00 每月，从 2026-12 关" in words
        assert "[x] 节流 3 项节流：每月 +¥135.00 省 ¥474.41" in words
        assert "[x] 先找亲友 799.00 于 2026-12 省 ¥549.88" in words
        assert "[ ] 调整预算 50.00 每月 关" in words
        assert "还清月份 月数 利息 费用 恢复正常" in words
        assert "只还最低还款 永不 — — — 永不" in words
        assert "现在的计划 2028年9月 22 ¥2,066.86 ¥140.00 2027年3月" in words
        assert "以时间换空间 2028年9月 22 ¥1,771.57 ¥0.00 2026年12月" in words
        assert "全部一起 2028年6月 19 ¥1,303.27 ¥0.00 2026年12月" in words
        assert "恢复正常：最后一笔逾期贷款恢复正常的月份。" in words
        assert "c 建议 space 开/关 ⏎ 去执行 v 表格/图 ? 帮助 q 退出" in words
        assert english_words(lines) == set()
        head, together = line_with(lines, "利息"), line_with(lines, "全部一起")
        assert ends_at(together, "¥1,303.27") == ends_at(head, "利息")
        assert starts_at(together, "2026年12月") == starts_at(head, "恢复正常")


async def test_the_what_if_chart_and_a_refused_move_read_in_chinese(zh_db: Path) -> None:
    app = make_app(zh_db)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await open_screen(pilot, "p", "i", "v")
        lines = screen_lines(app)
        assert "欠款合计：o 至今 · ⢕ 现在的计划 · + 采用这些办法后" in screen_words(app)
        assert y_labels(lines) == ["¥2万", "¥1.5万", "¥1万", "¥5000", "¥0"]
        assert english_words(lines) == set()
        await pilot.press("v", "down", "down", "down", "down", "0")  # the budget change: 0
        await pilot.pause()
        words = screen_words(app)
        assert "[ ] 调整预算 0▏ 每月 不可行，见下方" in words
        assert "调整预算：改变 0 什么也不会改变。" in words
        await pilot.press("space")
        await pilot.pause()
        assert toasts(app) == ["调整预算：改变 0 什么也不会改变"]
        assert english_words(screen_lines(app)) == set()


def in_chinese(path: Path) -> None:
    """The household's language and locale Chinese, its amounts in yuan (as `zh_db`)."""
    ledger = Ledger(path, TODAY)
    settings = ledger.settings()
    ledger.save_settings(replace(settings, language="zh_CN", locale="zh_CN", currency="CNY"))


async def test_a_plan_that_never_ends_says_so_in_chinese(empty_db: Path) -> None:
    household_that_never_pays_off(empty_db, 50_000, "400")  # 500 at 400 %, 100 a month
    in_chinese(empty_db)
    app = make_app(empty_db)
    async with app.run_test(size=SMALL) as pilot:
        await open_screen(pilot, "p")
        words = screen_words(app)
        assert "▸ 雪崩法 — 永不 — ¥0.00 使用中" in words
        assert "最低还款 — 永不 — ¥0.00 50 年内" in words
        assert "按这个预算还不清：每月还 ¥100.00，50 年后仍有欠款。" in words
        assert "欠款合计：按这个预算还不清" in words
        assert english_words(screen_lines(app)) == set()
        await pilot.press("v")
        await pilot.pause()
        words = screen_words(app)
        assert "欠款 还清月份 利息 （雪崩法） Card — —" in words
        assert "每笔欠款：按这个预算还不清" in words
        assert english_words(screen_lines(app)) == {"Card"}


async def test_no_plan_is_said_in_chinese(empty_db: Path) -> None:
    card = Loan("Card", LoanKind.CREDIT_CARD, Money(50_000, "USD"), Decimal(20), Money(2000, "USD"))
    Ledger(empty_db, TODAY).add_loan(card)  # no income: the 20.00 minimum does not fit
    in_chinese(empty_db)
    app = make_app(empty_db)
    async with app.run_test(size=SMALL) as pilot:
        await open_screen(pilot, "p")
        words = screen_words(app)
        assert "还没有还款计划。最低还款每月比还款预算 ¥0.00 多 ¥20.00。" in words
        assert "没有计划：预算不够最低还款" in words
        assert english_words(screen_lines(app)) == set()
        await pilot.press("i")
        await pilot.pause()
        words = screen_words(app)
        # Only the minimums: 500 at 20 % paid 20 a month clears in 33 months, Aug 2029.
        assert "只还最低还款 2029年8月 33 ¥152.21 ¥0.00" in words
        assert "现在的计划 不够 — — —" in words
        assert "[ ] 节流 没有还没开启的节流项" in words
        assert english_words(screen_lines(app)) == {"Card"}
