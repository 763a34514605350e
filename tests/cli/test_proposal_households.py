"""The letter for three households, read back and held against `plan --json` and
`restructure --json`: in real hardship (the minimums are not covered), behind and slow to catch
up, and not in hardship. Also its formats (md, txt at 80 columns, HTML in headless Chromium), the
Chinese letter, and that a letter is never written over another."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from debtcoach.domain.letter_layout import TEXT_WIDTH, cell_width
from tests.cli.runner import run

CARD = [
    "loan", "add", "--name", "Visa", "--kind", "credit_card", "--balance", "5200",
    "--apr", "19.99", "--penalty-apr", "29.99", "--min-payment", "156", "--lender", "Harbor Bank",
    "--due-day", "12",
]  # fmt: skip
OVERDUE = ["--overdue-since", "2026-08-20", "--late-fee", "35"]
CAR = [
    "loan", "add", "--name", "Car", "--kind", "car", "--balance", "7400", "--apr", "6.9",
    "--min-payment", "245", "--lender", "City Auto",
]  # fmt: skip


def build(db: Path, salary: str, arrears: str | None) -> Path:
    """Salary a month, rent 1,200, a card (overdue with `arrears` past due when given), a car."""
    assert run(db, "income", "add", "--name", "Salary", "--kind", "regular", "--amount", salary,
               "--frequency", "monthly") == 0  # fmt: skip
    assert run(db, "expense", "add", "--name", "Rent", "--current", "1200", "--essential") == 0
    card = CARD + ([*OVERDUE, "--arrears", arrears] if arrears else [])
    assert run(db, *card) == 0
    assert run(db, *CAR) == 0
    return db


@pytest.fixture
def hardship(tmp_path: Path) -> Path:
    """Budget 300.00 against minimums of 401.00: 101.00 short from month 1."""
    return build(tmp_path / "hardship.json", "1500", "468")


@pytest.fixture
def behind(tmp_path: Path) -> Path:
    """Budget 850.00, minimums 401.00, 2,200.00 past due: current again only in month 6."""
    return build(tmp_path / "behind.json", "2050", "2200")


@pytest.fixture
def fine(tmp_path: Path) -> Path:
    """Nothing overdue, 449.00 a month left after the minimums."""
    return build(tmp_path / "fine.json", "2050", None)


def cli_json(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    assert run(db, *args, "--json") == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def letter(db: Path, capsys: pytest.CaptureFixture[str], *args: str, months: str = "36") -> str:
    assert run(db, "proposal", "Visa", "--installments", months, *args) == 0
    return capsys.readouterr().out


def usd(text: str) -> Decimal:
    return Decimal(text.replace("$", "").replace(",", ""))


def figure(pattern: str, text: str) -> tuple[str, ...]:
    match = re.search(pattern, " ".join(text.split()))
    assert match, f"the letter does not say {pattern!r}"
    return match.groups()


def assert_quote_matches(text: str, quote: dict) -> None:  # type: ignore[type-arg]
    (installment,) = figure(r"- Installment: (\$[\d,.]+) a month", text)
    (total,) = figure(r"- Total repaid: (\$[\d,.]+)", text)
    (rate,) = figure(r"- Equivalent yearly rate: ([\d.]+)% \(the rate I pay now: ", text)
    assert usd(installment) == Decimal(quote["installment"])
    assert usd(total) == Decimal(quote["total_paid"])
    assert Decimal(rate) == Decimal(quote["equivalent_apr"])


def test_real_hardship_says_the_minimums_are_not_covered(
    hardship: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = cli_json(hardship, capsys, "plan")
    quote = cli_json(hardship, capsys, "restructure", "Visa", "--installments", "60")
    text = letter(hardship, capsys, "--ask-stop-penalty", "--ask-reduce-fees", months="60")
    assert plan["feasible"] is False
    budget, short = figure(
        r"I have (\$[\d,.]+) a month for all my debts, (\$[\d,.]+) less than the minimum", text
    )
    assert usd(budget) == Decimal(plan["budget"]) == Decimal("300.00")
    assert usd(short) == Decimal(plan["shortfall"]) == Decimal("101.00")
    (past_due,) = figure(r"overdue since August 20, 2026, with (\$[\d,.]+) past due", text)
    assert usd(past_due) == Decimal("468.00")
    assert_quote_matches(text, quote)
    assert "Extend the repayment period to 60 months and lower each installment to $137.74." in text
    assert "Stop or reduce the penalty interest while I keep to this plan." in text
    assert "Stop or reduce the late fees and other charges" in text
    assert "Proof of the hardship" in text
    assert "It fits within" not in text  # the budget is short even with the plan


def test_a_plan_the_budget_still_cannot_pay_is_not_called_payable(
    hardship: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 300.00 for the debts − the car's 245.00 = 55.00 left for the card; 60 installments are
    # 137.74 each: 82.74 a month more than that, so the letter must not say it can be paid.
    quote = cli_json(hardship, capsys, "restructure", "Visa", "--installments", "60")
    assert Decimal(quote["installment"]) == Decimal("137.74")
    text = " ".join(letter(hardship, capsys, months="60").split())
    assert "one I can pay every month" not in text
    assert (
        "Even so, it is $82.74 a month more than the $55.00 I have left for this credit card."
        in text
    )
    chinese = " ".join(letter(hardship, capsys, "--lang", "zh_CN", months="60").split())
    assert "能够每月按时还款" not in chinese
    assert "每期还款额仍比本人每月可用于本笔信用卡的US$55.00多US$82.74" in chinese
    # with 1,000.00 of side income the plan is paid out of what is left: the letter may say so
    assert run(hardship, "income", "add", "--name", "Evenings", "--kind", "side", "--amount",
               "1000", "--frequency", "monthly") == 0  # fmt: skip
    capsys.readouterr()
    fits = " ".join(letter(hardship, capsys, months="60").split())
    assert "It fits within the $1,055.00 a month I have left for this credit card" in fits
    assert "Even so" not in fits


def test_behind_and_slow_to_catch_up_says_when_it_would_be_current(
    behind: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = cli_json(behind, capsys, "plan")
    quote = cli_json(behind, capsys, "restructure", "Visa", "--installments", "36")
    text = letter(behind, capsys)
    visa = next(loan for loan in plan["loans"] if loan["name"] == "Visa")
    assert plan["feasible"] is True and visa["caught_up_month"] == 6
    when, months = figure(r"up to date again only in (\w+ \d{4}), (\d+) months from now", text)
    assert (when, int(months)) == ("May 2027", visa["caught_up_month"])
    assert visa["caught_up_date"] == "2027-05"
    assert "a late fee of $35.00 a month and interest at the penalty rate of 29.99%" in text
    assert "does not cover my minimum payments" not in text
    assert_quote_matches(text, quote)
    assert "With it my credit card is up to date again from December 2026." in text
    assert "one I can pay every month until the debt is cleared" in " ".join(text.split())
    assert "Stop or reduce" not in text  # nothing ticked: nothing more asked


def test_no_hardship_claims_none(fine: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = cli_json(fine, capsys, "plan")
    quote = cli_json(fine, capsys, "restructure", "Visa", "--installments", "36")
    text = letter(fine, capsys)
    assert plan["feasible"] is True
    assert "my payments are up to date" in text
    for claim in ("does not cover", "too little", "past due", "Proof of the hardship",
                  "explain my situation"):  # fmt: skip
        assert claim not in text
    assert_quote_matches(text, quote)


def test_nothing_is_asked_to_stop_on_a_loan_that_is_not_behind(
    fine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The card is up to date: no penalty interest or late fee to stop, whatever is ticked.
    text = letter(fine, capsys, "--ask-stop-penalty", "--ask-reduce-fees")
    assert "my payments are up to date" in text
    assert "Stop or reduce" not in text
    chinese = letter(fine, capsys, "--ask-stop-penalty", "--ask-reduce-fees", "--lang", "zh_CN")
    assert "罚息" not in chinese and "滞纳金" not in chinese


def test_other_lenders_are_a_total_unless_named(
    hardship: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = letter(hardship, capsys)
    assert "| Minimum payments to my 1 other lender | $245.00 |" in text
    assert "City Auto" not in text and "Car" not in text.replace("Card", "")
    named = letter(hardship, capsys, "--name-other-lenders")
    assert "- Car (City Auto): $245.00" in named


def test_the_reason_and_the_placeholders(
    hardship: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = letter(hardship, capsys, "--reason", "I lost my job in August.")
    assert "What happened: I lost my job in August." in text
    for placeholder in ("[your name]", "[your ID number]", "[your address]", "[card number]"):
        assert placeholder in text


def test_a_reason_the_letter_cannot_hold_is_refused_in_one_line(
    hardship: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = hardship.read_bytes()
    for reason, words in (
        ("lost my job\x1b]0;pwned\x07", "--reason: must not contain control characters"),
        ("x" * 501, "--reason: is longer than 500 characters (it has 501)"),
    ):
        assert run(hardship, "proposal", "Visa", "--installments", "36", "--reason", reason) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1 and words in err
    assert hardship.read_bytes() == before
    # Line breaks and runs of spaces are one space: the reason is one line of the letter.
    text = letter(hardship, capsys, "--reason", "lost my job\n\n  in   August")
    assert "What happened: lost my job in August" in text


def test_the_text_letter_fits_80_columns(behind: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("en", "zh_CN"):
        text = letter(behind, capsys, "--format", "txt", "--lang", lang, "--ask-stop-penalty")
        lines = text.splitlines()
        assert max(cell_width(line) for line in lines) <= TEXT_WIDTH
        assert not any(line.startswith(("，", "。", "、", "）")) for line in lines)
        assert "|" not in text and "**" not in text  # no Markdown left in plain text


def test_the_chinese_letter_has_the_same_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "zh.json"
    assert run(db, "settings", "set", "currency", "CNY") == 0
    assert run(db, "settings", "set", "locale", "zh_CN") == 0
    build(db, "1500", "468")
    capsys.readouterr()
    plan = cli_json(db, capsys, "plan")
    quote = cli_json(db, capsys, "restructure", "Visa", "--installments", "36")
    text = " ".join(letter(db, capsys, "--ask-stop-penalty").split())  # zh_CN by the locale
    assert text.startswith("# 协商还款申请")
    assert "致：Harbor Bank信用卡中心" in text
    assert "身份证号：[身份证号]" in text and "卡号：[卡号]" in text and "[姓名]" in text
    assert "截至2026年11月23日" in text and "自2026年8月20日起逾期，逾期金额¥468.00" in text
    assert f"比各项最低还款额合计少¥{Decimal(plan['shortfall']):,}" in text
    assert f"每月可用于偿还全部欠款的资金为¥{Decimal(plan['budget']):,}" in text
    assert f"每期还款¥{Decimal(quote['installment']):,}" in text
    assert f"折合年化利率约{quote['equivalent_apr']}%" in text
    assert "停止计收或减免罚息" in text
    assert "此致 敬礼！" in text
    english = letter(db, capsys, "--lang", "en")
    assert "Dear Harbor Bank," in english and "年" not in english  # en_US formats, not zh_CN


def test_html_is_one_page_with_every_value_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "odd.json"
    lender = '<img src="http://x/y.png"> & <script>alert(1)</script>'
    card = [*CARD[: CARD.index("--lender") + 1], lender, *CARD[CARD.index("--lender") + 2 :]]
    assert run(db, *card) == 0
    capsys.readouterr()
    text = letter(db, capsys, "--format", "html", "--reason", "<b>job</b>")
    assert html.escape(lender) in text
    assert text.startswith("<!DOCTYPE html>")
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert html.escape("<b>job</b>") in text
    # nothing fetched from anywhere: no src or href attribute, no url(), a CSP that forbids it
    assert not re.search(r"<[^>]+\s(src|href)=", text) and "url(" not in text
    assert "default-src 'none'" in text
    assert "<table>" in text and 'class="check"' in text


def test_a_letter_is_never_written_over(hardship: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = hardship.parent / "letter.md"
    target.write_text("my own edits", encoding="utf-8")
    assert run(hardship, "proposal", "Visa", "--installments", "36", "-o", str(target)) == 0
    assert run(hardship, "proposal", "Visa", "--installments", "36", "-o", str(target)) == 0
    err = capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "my own edits"
    second, third = target.with_name("letter-2.md"), target.with_name("letter-3.md")
    assert f"Wrote the proposal to {second.resolve()}." in err
    assert f"Wrote the proposal to {third.resolve()}." in err
    assert "Installment" in second.read_text(encoding="utf-8")


def test_o_still_refuses_the_data_file(hardship: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = hardship.read_bytes()
    assert run(hardship, "proposal", "Visa", "--installments", "36", "-o", str(hardship)) == 2
    assert "will not write to" in capsys.readouterr().err
    assert hardship.read_bytes() == before


@pytest.mark.skipif(
    shutil.which("chromium") is None,
    reason="headless Chromium is not installed (apt-get install chromium); CI installs it",
)
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_html_letter_prints_to_pdf_in_chromium(
    hardship: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    page = tmp_path / f"letter-{lang}.html"
    assert run(hardship, "proposal", "Visa", "--installments", "36", "--format", "html",
               "--lang", lang, "-o", str(page)) == 0  # fmt: skip
    pdf = tmp_path / f"letter-{lang}.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
         f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 1
