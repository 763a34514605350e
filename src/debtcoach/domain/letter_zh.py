"""The proposal as a Chinese letter: a formal 协商还款申请 to the card centre or the platform.

The same facts as the English letter (`proposal.Proposal`), the same rule: a hardship is stated
only when the plan shows one. Amounts and dates in zh_CN (¥38,600.00, 2026年12月1日).
"""

from __future__ import annotations

from debtcoach.domain.lender_case import Hardship
from debtcoach.domain.letter_layout import (
    Block,
    Heading,
    Items,
    Letter,
    Lines,
    Paragraph,
    Table,
    one_line,
)
from debtcoach.domain.models import LoanKind, RestructureMode
from debtcoach.domain.money import sum_money
from debtcoach.domain.proposal import LetterWords, Proposal, letter_locale, plan_fits

PLACEHOLDER_NAME = "[姓名]"
PLACEHOLDER_ID = "[身份证号]"
PLACEHOLDER_CARD = "[卡号]"
PLACEHOLDER_ACCOUNT = "[借款合同号]"
PLACEHOLDER_ADDRESS = "[联系地址]"
PLACEHOLDER_PHONE = "[联系电话]"
PLACEHOLDER_BANK = "[银行名称]"
PLACEHOLDER_PLATFORM = "[机构名称]"
PLACEHOLDERS = (
    PLACEHOLDER_NAME,
    PLACEHOLDER_ID,
    PLACEHOLDER_CARD,
    PLACEHOLDER_ACCOUNT,
    PLACEHOLDER_ADDRESS,
    PLACEHOLDER_PHONE,
    PLACEHOLDER_BANK,
    PLACEHOLDER_PLATFORM,
)

_KIND_WORDS = {
    LoanKind.CREDIT_CARD: "信用卡",
    LoanKind.CONSUMER_LOAN: "消费贷款",
    LoanKind.ONLINE_PLATFORM: "网络借款",
    LoanKind.MORTGAGE: "住房贷款",
    LoanKind.CAR: "汽车贷款",
    LoanKind.STUDENT: "助学贷款",
    LoanKind.OTHER: "借款",
}


def chinese_letter(proposal: Proposal) -> Letter:
    w = LetterWords(letter_locale(proposal.locale, "zh_CN"))
    loan, quote, case, budget = proposal.loan, proposal.quote, proposal.case, proposal.budget
    card = loan.kind == LoanKind.CREDIT_CARD
    kind = _KIND_WORDS[loan.kind]
    lender = one_line(loan.lender)
    if card:
        addressee = f"{lender or PLACEHOLDER_BANK}信用卡中心"
        you = "贵行"
    else:
        addressee = lender or PLACEHOLDER_PLATFORM
        you = "贵司" if loan.kind != LoanKind.ONLINE_PLATFORM else "贵平台"
    number_label, number = ("卡号", PLACEHOLDER_CARD) if card else ("合同号", PLACEHOLDER_ACCOUNT)
    title = "协商还款申请"
    blocks: list[Block] = [
        Heading(title, 1),
        Lines(
            (
                f"致：{addressee}",
                f"申请人：{PLACEHOLDER_NAME}",
                f"身份证号：{PLACEHOLDER_ID}",
                f"{number_label}：{number}（{loan.name}）",
                f"联系地址：{PLACEHOLDER_ADDRESS}",
                f"联系电话：{PLACEHOLDER_PHONE}",
            )
        ),
        Paragraph(f"尊敬的{addressee}："),
    ]
    holder = f"系{you}{kind}（{number_label}{number}）的{'持卡人' if card else '借款人'}"
    opening = (
        f"本人{PLACEHOLDER_NAME}，身份证号{PLACEHOLDER_ID}，{holder}。"
        f"截至{w.day(proposal.today)}，本人在{you}的欠款共计{w.money(loan.balance)}"
    )
    if loan.overdue_since is not None and loan.is_overdue:
        opening += f"，自{w.day(loan.overdue_since)}起逾期"
        if case.arrears.minor:
            about = "约" if case.arrears_estimated else ""
            opening += f"，逾期金额{about}{w.money(case.arrears)}"
    elif case.arrears.minor:
        opening += f"，其中逾期金额{w.money(case.arrears)}"
    opening += "。"
    charges = []
    if case.late_fee.minor:
        charges.append(f"每月收取滞纳金{w.money(case.late_fee)}")
    if case.penalty_apr is not None:
        charges.append(f"按罚息年利率{w.percent(case.penalty_apr)}计息")
    if charges:
        opening += f"目前逾期期间{'，并'.join(charges)}。"
    if proposal.earlier_contacts:
        dates = "、".join(w.day(c.on) for c in proposal.earlier_contacts)
        opening += f"本人曾于{dates}与{you}联系沟通，现正式提交书面申请。"
    blocks.append(Paragraph(opening))
    blocks.append(Paragraph(_situation(proposal, w, you)))
    if proposal.options.reason.strip():
        blocks.append(Paragraph(f"困难原因：{proposal.options.reason.strip()}"))

    others = len(proposal.other_debts)
    rows: list[tuple[str, str, bool]] = [
        ("固定收入", w.money(budget.regular_income), False),
        ("副业收入", w.money(budget.side_income), False),
        ("必要生活支出" + ("（已压缩）" if proposal.cuts else ""), w.money(budget.expenses), False),
    ]
    if budget.safety_buffer.minor:
        rows.append(("应急备用金", w.money(budget.safety_buffer), False))
    other_label = f"其他{others}笔欠款的最低还款" if others else "其他欠款的最低还款"
    rows += [
        ("可用于还债的资金", w.money(budget.debt_budget), False),
        (other_label, w.money(proposal.other_minimums), False),
        (f"可用于本笔{kind}", w.money(proposal.left_for_this_loan), False),
        (f"本笔{kind}当前每月应还", w.money(proposal.payment_due_now), False),
    ]
    if proposal.shortfall.minor > 0:
        rows.append(("每月缺口", w.money(proposal.shortfall), True))
    else:
        rows.append(("每月结余", w.money(proposal.remaining), False))
    blocks += [Heading("一、本人每月收支情况"), Table(("项目", "每月金额"), tuple(rows))]
    if proposal.other_debts and proposal.options.name_other_lenders:
        items = []
        for debt in proposal.other_debts:
            who = f"（{debt.lender.strip()}）" if debt.lender.strip() else ""
            items.append(f"{debt.name}{who}：每月{w.money(debt.payment)}")
        blocks += [Paragraph("其他欠款每月最低还款明细："), Items(tuple(items))]

    efforts: list[str] = []
    if proposal.side_income:
        parts = "、".join(
            f"{name}（每月{w.money(amount)}）" for name, amount in proposal.side_income
        )
        efforts.append(f"为增加收入，本人已开始从事兼职：{parts}。")
    if proposal.cuts:
        saved = sum_money([cut.before - cut.after for cut in proposal.cuts], proposal.currency)
        parts = "、".join(
            f"{cut.name}由{w.money(cut.before)}降至{w.money(cut.after)}" for cut in proposal.cuts
        )
        efforts.append(f"本人已压缩日常开支：{parts}，每月共节省{w.money(saved)}。")
    if efforts:
        blocks += [Heading("二、本人已采取的措施"), Items(tuple(efforts))]

    section = "三" if efforts else "二"
    if quote.mode == RestructureMode.ANNUITY:
        how = "免息" if loan.apr == 0 else f"按年利率{w.percent(loan.apr)}计息"
    else:
        how = f"每期手续费率{w.percent(quote.fee_rate)}"
    plan = (
        f"将上述欠款{w.money(quote.balance)}分{quote.installments}期偿还（{how}），"
        f"自{w.month(proposal.first_month)}至{w.month(proposal.last_month)}，"
        f"每期还款{w.money(quote.installment)}，最后一期{w.money(quote.last_installment)}，"
        f"共计还款{w.money(quote.total_paid)}，折合年化利率约{w.percent(quote.equivalent_apr)}"
        f"（目前执行年利率{w.percent(loan.rate_in_force)}）。"
    )
    if quote.installment.minor < proposal.payment_due_now.minor:
        plan += f"每月还款额由{w.money(proposal.payment_due_now)}降至{w.money(quote.installment)}。"
    if case.behind:
        plan += f"方案获批后，本笔欠款自{w.label(case.current_from)}起恢复正常还款状态。"
    left = proposal.left_for_this_loan
    if not plan_fits(proposal):
        if left.minor < quote.installment.minor:
            plan += (
                f"但即便如此，每期还款额仍比本人每月可用于本笔{kind}的{w.money(left)}"
                f"多{w.money(quote.installment - left)}。"
            )
        elif case.plan_shortfall is not None:
            plan += f"但即便如此，本人每月仍有{w.money(case.plan_shortfall)}的还款缺口。"
    asks = [plan]
    if proposal.options.stop_penalty_interest:
        asks.append("在本人按约还款期间，停止计收或减免罚息。")
    if proposal.options.reduce_fees:
        asks.append("减免滞纳金、违约金等相关费用。")
    blocks += [
        Heading(f"{section}、还款方案及申请事项"),
        Paragraph(f"本人恳请{you}考虑以下方案："),
        Items(tuple(asks), "number"),
    ]
    section = "四" if efforts else "三"
    promise = (
        f"本人承诺：如蒙{you}同意，本人将按期足额偿还每期款项"
        + ("，并继续增加收入、节约开支" if efforts else "")
        + f"；如本人情况发生变化，将第一时间告知{you}。"
    )
    if proposal.no_new_borrowing and proposal.borrowing_since is not None:
        promise += (
            f"自{w.day(proposal.borrowing_since)}以来，本人未新增任何借款，今后也不会以贷还贷。"
        )
    docs = ["收入证明（近三个月工资流水或银行流水）", "每月必要开支证明（房租、水电等票据或账单）"]
    if case.is_hardship or proposal.options.reason.strip():
        docs.append("困难情况证明（如离职证明、医疗费用单据等）")
    blocks += [
        Heading(f"{section}、还款承诺"),
        Paragraph(promise),
        Heading(f"{'五' if efforts else '四'}、随附材料"),
        Items(tuple(docs), "check"),
        Paragraph(f"恳请{you}综合考虑本人的实际情况，予以理解和支持，批准为盼。"),
        Lines(("此致", "敬礼！")),
        Lines((f"申请人：{PLACEHOLDER_NAME}（签字）", f"日期：{w.day(proposal.today)}")),
    ]
    return Letter(title, tuple(blocks), "zh-CN", PLACEHOLDERS)


def _situation(proposal: Proposal, w: LetterWords, you: str) -> str:
    case = proposal.case
    want = "本人一直有还款意愿，愿意全额偿还所欠款项。"
    if case.hardship == Hardship.MINIMUMS_NOT_COVERED and case.shortfall is not None:
        when = ""
        if case.short_from is not None and case.short_from != case.current_from:
            when = f"（自{w.label(case.short_from)}起）"
        return (
            f"{want}但目前本人的收入不足以支付各项最低还款：扣除必要生活开支后，"
            f"每月可用于偿还全部欠款的资金为{w.money(proposal.budget.debt_budget)}，"
            f"比各项最低还款额合计少{w.money(case.shortfall)}{when}。"
            f"为此，本人如实说明情况，恳请{you}{_relief(proposal)}"
            + ("，使本人能够每月按时还款，直至还清。" if plan_fits(proposal) else "。")
        )
    if case.hardship == Hardship.CANNOT_CATCH_UP:
        if case.caught_up_date is None or case.caught_up_month is None:
            catch = f"按目前的收支，本人无法还清逾期的{w.money(case.arrears)}"
        else:
            catch = (
                f"按目前的收支，需到{w.label(case.caught_up_date)}（{case.caught_up_month}个月后）"
                f"才能还清逾期的{w.money(case.arrears)}"
            )
        return (
            f"{want}本人目前的收入能够支付每月应还款项，但结余有限，{catch}，"
            f"期间罚息和滞纳金还将不断增加。为此，本人如实说明情况，恳请{you}调整还款计划，"
            "使本笔欠款尽快恢复正常。"
        )
    if case.behind and case.caught_up_date is not None:
        return (
            f"按本人目前的收支，能够支付每月应还款项，并可在{w.label(case.caught_up_date)}前"
            f"还清逾期款项。现特向{you}申请以下还款方案。"
        )
    return f"本人目前还款正常，无逾期。现特向{you}申请以下分期还款方案。"


def _relief(proposal: Proposal) -> str:
    if proposal.quote.installment.minor < proposal.payment_due_now.minor:
        return "延长还款期限、降低每期还款额"
    return "调整还款计划、分期偿还"
