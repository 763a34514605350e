"""The restructure calculator, the contact log and the app's dialogs in Chinese at 80x24, with real
keys: hand-checked lines with the sample's numbers, and no English left on screen but the
household's own names (a loan, a lender, what a contact said, the data file's folder)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Static

from debtcoach.bundled import use_language
from debtcoach.domain.models import Household, ProposalState, RestructureMode
from debtcoach.services import Ledger
from debtcoach.store import Repository, StorageCorrupt
from debtcoach.ui.app import DebtCoachApp
from debtcoach.ui.screens.contacts import ContactForm, ContactsScreen
from debtcoach.ui.screens.restore_backup import RestoreBackupScreen
from debtcoach.ui.screens.restructure import RestructureScreen
from debtcoach.ui.screens.storage_error import StorageErrorApp
from debtcoach.ui.widgets.confirm import ConfirmDialog
from tests.conftest import TODAY, make_app
from tests.ui.list_pilot import footer_keys, notifications, skip_offer
from tests.ui.screen_text import screen_lines
from tests.ui.screen_text import screen_words as words_with_borders

SIZE = (80, 24)
ENGLISH_RUN = re.compile(r"[A-Za-z][a-z]+(?:[ '’-]+[A-Za-z][a-z]+)+")
"""Two English words or more in a row: a sentence or a label left untranslated."""


def screen_words(app: App[object]) -> str:
    """The screen's words without the borders of a dialog drawn over it."""
    return " ".join(re.sub("[│╭╮╰╯─]", " ", words_with_borders(app)).split())


def household_texts(household: Household) -> list[str]:
    """What the user typed into the sample: names, lenders, what each contact said."""
    texts = [text for loan in household.loans for text in (loan.name, loan.lender)]
    for contact in household.contacts:
        texts += [contact.loan, contact.who, contact.asked, contact.outcome]
    return sorted((t for t in texts if t), key=len, reverse=True)


def english_left(words: str, allowed: Iterable[str], path: Path | None = None) -> list[str]:
    """Runs of English words on screen once the household's own texts are taken out (whole, or
    cut short by a table column); a token of the data file's folder (shown in a letter's path,
    wrapped anywhere) is not a word."""
    for text in allowed:
        for end in range(len(text), min(len(text), 6) - 1, -1):
            words = words.replace(text[:end], " ")
    if path is not None:
        words = " ".join(
            "/".join(part for part in token.split("/") if part not in str(path))
            for token in words.split()
        )
    return ENGLISH_RUN.findall(words)


async def settle(pilot: Pilot[None]) -> None:
    """Start the app and skip the weekly check-in offer."""
    await skip_offer(pilot)


async def on_loan(pilot: Pilot[None], loan: str, key: str) -> None:
    """On the loans screen, the cursor to `loan`, then `key` (r: restructure, h: contacts)."""
    await pilot.press("l")
    await pilot.pause()
    table = pilot.app.screen.query_one("DataTable")
    keys = [row.key.value for row in table.ordered_rows]  # type: ignore[attr-defined]
    await pilot.press(*["down"] * keys.index(loan), key)
    await pilot.pause()


async def open_restructure(pilot: Pilot[None], loan: str) -> RestructureScreen:
    await on_loan(pilot, loan, "r")
    screen = pilot.app.screen
    assert isinstance(screen, RestructureScreen) and screen.loan_name == loan
    return screen


async def open_contacts(pilot: Pilot[None], loan: str) -> ContactsScreen:
    await on_loan(pilot, loan, "h")
    screen = pilot.app.screen
    assert isinstance(screen, ContactsScreen) and screen.loan_name == loan
    return screen


async def type_installments(pilot: Pilot[None], screen: RestructureScreen, value: str) -> None:
    field = screen.query_one("#rs-installments", Input)
    field.focus()
    await pilot.press("end", *["backspace"] * 3, *value)
    await pilot.pause()


def shown(screen: RestructureScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def question(app: App[object]) -> str:
    dialog = app.screen
    assert isinstance(dialog, ConfirmDialog)
    return str(dialog.query_one("#confirm-question", Static).render())


async def test_the_calculator_reads_in_chinese_with_the_car_loans_figures(zh_db: Path) -> None:
    app = make_app(zh_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_restructure(pilot, "Car loan")
        lines = screen_lines(app)
        words = screen_words(app)
        assert " Car loan · City Auto Finance · 欠款 ¥7,400.00" in lines
        assert "分期期数 36 方式 按贷款利率等额本息 ▼ 月手续费 %" in words
        assert "申请信： ▐ ▌ 停止罚息 (i) ▐ ▌ 减免费用 (e) ▐ ▌ 写明机构 (a)" in words
        # 36 × ¥228.15 at 6.9 %: ¥7,400 × 0.00575 / (1 − 1.00575^−36); the last one ¥228.24.
        assert "今天 36 期" in words
        assert "月供 ¥245.00 ¥228.15" in words
        assert "最后一期 ¥228.24" in words
        assert "还清月数 34 36" in words
        assert "本金外的费用 ¥751.72 ¥813.49" in words
        assert "共计还款 ¥8,151.72 ¥8,213.49" in words  # 35 × ¥228.15 + ¥228.24
        assert "年利率 6.9% 6.9%" in words
        # ¥245.00 − ¥228.15 a month, 36 − 34 months, ¥813.49 − ¥751.72 in total.
        assert "空间：每月少还 ¥16.85" in words
        assert "时间：延长 2 个月；比按现在的还款总共多付 ¥61.77" in words
        assert "代价：年化 6.9%，现在是 6.9%" in words
        assert "计划：现在 2028年9月还清（22 个月）" in words
        assert shown(screen, "#rs-case") == (
            "看不出困难：现在的预算够还款。这个方案在本金之外要多付 ¥813.49（年化 6.9%）。"
        )
        assert "m 已提出 y 已同意 n 被拒绝 w 申请信 ? 帮助 q 退出" in words
        tooltips = {key.description: key.tooltip for key in footer_keys(app.screen).values()}
        assert tooltips["已提出"] == "把这个方案记在贷款上，标记为已向机构提出"
        assert tooltips["退出"] == "退出（所有内容都已保存）"
        await pilot.press("pagedown")
        await pilot.pause()
        words = screen_words(app)
        assert "如获同意 2028年9月还清（22 个月）" in words
        assert "申请信 (w)：Markdown，中文 · s：格式 · g：语言" in words
        assert "这笔贷款还没有保存的协商方案。" in words
        assert english_left(words, household_texts(app.household)) == []


async def test_typing_sixty_installments_and_writing_the_letter(zh_db: Path) -> None:
    app = make_app(zh_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_restructure(pilot, "Car loan")
        await type_installments(pilot, screen, "60")
        words = screen_words(app)
        assert "今天 60 期" in words
        assert "月供 ¥245.00 ¥146.18" in words
        assert "本金外的费用 ¥751.72 ¥1,370.74" in words
        # 60 − 34 months longer; ¥1,370.74 − ¥751.72 more in total; ¥245.00 − ¥146.18 a month.
        assert "时间：延长 26 个月；比按现在的还款总共多付 ¥619.02" in words
        assert "空间：每月少还 ¥98.82" in words
        await pilot.press("w")
        await pilot.pause()
        written = zh_db.parent / f"proposal-car-loan-{TODAY.isoformat()}.md"
        assert written.is_file()
        assert "协商还款申请" in written.read_text(encoding="utf-8")
        assert f"申请信已写好：{written.resolve()}" in notifications(pilot)
        await pilot.press("pagedown")
        await pilot.pause()
        letter = shown(screen, "#rs-letter")
        assert letter.splitlines()[1] == f"申请信已写好：{written.resolve()}"
        words = screen_words(app)
        assert "申请信 (w)：Markdown，中文" in words
        assert english_left(words, household_texts(app.household), written.resolve()) == []


async def test_in_a_browser_the_letter_is_a_download_said_in_chinese(
    zh_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    delivered: list[str] = []

    def deliver_text(self: DebtCoachApp, file: io.StringIO, **options: object) -> str:
        delivered.append(file.read())
        return "key"

    monkeypatch.setattr(DebtCoachApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(DebtCoachApp, "deliver_text", deliver_text)
    app = make_app(zh_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_restructure(pilot, "Car loan")
        await pilot.press("w")
        await pilot.pause()
        name = f"proposal-car-loan-{TODAY.isoformat()}.md"
        assert f"已把 {name} 发送到浏览器下载。" in notifications(pilot)
    assert len(delivered) == 1 and "协商还款申请" in delivered[0]
    assert not (zh_db.parent / name).exists()


async def test_the_card_limit_the_flat_fee_and_agreeing_read_in_chinese(zh_db: Path) -> None:
    app = make_app(zh_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_restructure(pilot, "Visa")
        assert " Visa · Harbor Bank · 欠款 ¥5,200.00 · 最多 60 期" in screen_lines(app)
        # Visa is behind: the estimated arrears, its late fee and penalty rate, not current
        # before March 2027 (4 months, more than the 3 the case allows).
        assert shown(screen, "#rs-case").splitlines() == [
            "逾期：目前逾期金额约 ¥764.00，另有每月滞纳金 ¥35.00，以及罚息利率 29.99%。",
            "困难：按现在的预算，这笔贷款要到2027年3月才能恢复正常（4 个月，超过 3 个月），"
            "在此之前要付滞纳金 ¥140.00。",
            "如获同意：从2026年12月起恢复正常，每期还款 ¥193.22。",
        ]
        await type_installments(pilot, screen, "61")
        assert shown(screen, "#rs-error") == (
            "信用卡分不了 61 期：信用卡最长可分 60 期（商业银行信用卡业务监督管理办法）"
        )
        await type_installments(pilot, screen, "24")
        screen.query_one("#rs-mode").focus()
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        assert "方式 每月固定手续费" in screen_words(app)
        assert shown(screen, "#rs-error") == "手续费率：输入每月手续费的百分比，例如 0.6"
        screen.query_one("#rs-fee", Input).focus()
        await pilot.press(*"0.6")
        await pilot.pause()
        words = screen_words(app)
        # ¥5,200 / 24 + ¥5,200 × 0.6 % = ¥247.87 a month; fees 24 × ¥31.20 = ¥748.80.
        assert "月供 ¥156.00 ¥247.87" in words
        assert "最后一期 ¥247.79" in words  # ¥5,948.80 − 23 × ¥247.87
        assert "本金外的费用 ¥6,113.55 ¥748.80" in words
        assert "年利率 29.99% 13.27%" in words
        assert "空间：每月多还 ¥91.87（没有减轻）" in words
        assert "时间：缩短 49 个月；比按现在的还款总共少付 ¥5,364.75" in words
        assert shown(screen, "#rs-warning") == (
            "这个方案每月要还的比现在多。如果你确实想这样，仍然可以提出。"
        )
        assert english_left(words, household_texts(app.household)) == []
        await pilot.press("y")
        await pilot.pause()
        assert "Visa：24 期方案已标记为已同意 — 还款计划现在按它执行。" in notifications(pilot)
        assert shown(screen, "#rs-saved") == (
            "已保存：24 期 × ¥247.87（固定手续费），2026-11-23 已同意。"
        )
    terms = Repository(zh_db).load().loan("Visa").restructure  # type: ignore[union-attr]
    assert terms is not None and terms.state == ProposalState.AGREED
    assert terms.mode == RestructureMode.FLAT_FEE and terms.installments == 24


async def test_the_contact_log_and_its_form_read_in_chinese(zh_db: Path) -> None:
    app = make_app(zh_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_contacts(pilot, "Visa")  # two letters and calls with Harbor Bank
        lines = screen_lines(app)
        assert " Visa · Harbor Bank · 欠款 ¥5,200.00 · 逾期" in lines
        words = screen_words(app)
        assert "下次跟进：2026-11-27（4 天后）" in words
        assert "日期 方式 结果 跟进日期 对方" in words
        assert "2026-10-20 信函 waiting for an answer 2026-11-27 Harbor Bank hardsh" in words
        assert "2026-10-20 通过信函，对方：Harbor Bank hardship team" in words
        assert "esc 返回 a 记一次沟通 e 编辑 x 移除" in words
        assert english_left(words, household_texts(app.household)) == []
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        await pilot.press("end", *["backspace"] * 10, *"2026-11-24", *["tab"] * 5, *"2026-11-20")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(form.query_one("#cf-date-error", Static).render()) == (
            "2026-11-24 晚于今天（2026-11-23）"
        )
        assert str(form.query_one("#cf-follow_up-error", Static).render()) == (
            "2026-11-20 早于沟通日期 2026-11-24"
        )
        form.query_one("#cf-date", Input).focus()
        await pilot.press("end", "backspace", "backspace", *"31")
        await pilot.pause()
        assert str(form.query_one("#cf-date-error", Static).render()) == (
            "日期 '2026-11-31' 不存在"
        )
        words = screen_words(app)
        assert "记录与 Harbor Bank 关于 Visa 的沟通" in words
        assert english_left(words, household_texts(app.household)) == []


async def test_undoing_a_removed_contact_asks_in_chinese(zh_db: Path) -> None:
    app = make_app(zh_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_contacts(pilot, "Car loan")  # nothing logged yet
        assert " Car loan · City Auto Finance · 欠款 ¥7,400.00 · 正常" in screen_lines(app)
        assert "还没有沟通记录。按 a 记录第一次与机构的沟通。" in screen_words(app)
        await pilot.press("a", "ctrl+s")  # today, by phone
        await pilot.pause()
        assert "已记录 2026-11-23 的电话沟通。" in notifications(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert "删除 2026-11-23 关于 Car loan 的电话沟通记录？ 保留 (n) 移除 (y)" in (
            screen_words(app)
        )
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        words = screen_words(app)
        assert "撤销这次修改：移除了 Car loan 在 2026-11-23 的电话沟通记录？" in words
        assert "保留 (n) 撤销 (y)" in words
        assert english_left(words, household_texts(app.household)) == []
        await pilot.press("y")
        await pilot.pause()
        assert "已撤销：移除了 Car loan 在 2026-11-23 的电话沟通记录。" in notifications(pilot)
    assert len(Ledger(zh_db, TODAY).contacts_of("Car loan")) == 1


async def test_restoring_a_backup_reads_in_chinese(zh_db: Path) -> None:
    Ledger(zh_db, TODAY).remove_expense("Gym")  # a save: the file before it is a backup
    app = make_app(zh_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"恢复备份")
        await pilot.pause(0.3)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RestoreBackupScreen)
        words = screen_words(app)
        assert "恢复备份 备份时间（本地） 字节 能否读取 备注" in words
        assert "enter：恢复选中的备份（会先询问） · esc：关闭" in words
        backup = app.ledger.backups()[0]
        taken = backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        assert f"{taken} {backup.size:,} 是" in words
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert question(app) == f"恢复 {taken} 的备份吗？现在的文件会先另存为一份新备份。"
        assert "保留 (n) 恢复 (y)" in screen_words(app)
        await pilot.press("y")
        await pilot.pause()
        assert f"已恢复 {taken} 的备份。被替换的文件已另存为" in notifications(pilot)
    assert "Gym" in {e.name for e in Repository(zh_db).load().expenses}


async def test_the_storage_error_screen_reads_in_chinese(zh_db: Path) -> None:
    Ledger(zh_db, TODAY).remove_expense("Gym")
    zh_db.write_bytes(b"{oops")
    try:
        Repository(zh_db).load()
    except StorageCorrupt as caught:
        error = caught
    use_language("zh_CN")  # as the CLI does from LANG before the file can be read
    app = StorageErrorApp(zh_db, error)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        words = screen_words(app)
        assert "你的数据文件打不开" in words
        backup = Ledger(zh_db, TODAY).newest_good_backup()
        assert backup is not None
        hint = str(app.screen.query_one("#hint", Static).render())
        assert hint == f"按 r 恢复最新的完好备份（{backup.name}），按 q 退出。"
        assert "r 恢复最新的完好备份 q 退出" in words
        assert "palette" not in words
        await pilot.press("r")
        await pilot.pause()
    assert app.return_value is True
    assert "Gym" in {e.name for e in Repository(zh_db).load().expenses}  # the backup before
