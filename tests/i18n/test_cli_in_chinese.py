"""The command line in Chinese: plan, what-if, due, calendar and restructure read in Chinese with
the sample household's numbers (the same as in English: the language changes words, never
figures); refusals from the store, the record rules, money parsing and argparse are Chinese too,
with the field named in Chinese; JSON does not change with the language.

`zh_db` is the sample household with language and locale zh_CN and amounts in yuan; a command
on it speaks Chinese without `--lang` (the file's language)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.cli.runner import run
from tests.i18n.untranslated import english_left


def output(capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_plan_in_chinese(zh_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(zh_db, "plan") == 0
    out, _err = output(capsys)
    lines = out.splitlines()
    assert lines[:5] == [
        "还款策略：雪崩法    每月还款预算：¥964.67",
        "22 个月后还清：2028-09。",
        "利息合计：¥2,066.86    还款合计：¥20,906.86",
        "滞纳金：¥140.00",
        "只还最低还款：50 年内还不清，到那时滞纳金共 ¥21,000.00。",
    ]
    assert lines[6].split() == ["债务", "现在欠款", "已还清", "利息", "恢复正常"]
    assert "Visa            ¥5,200.00  2028-01  ¥916.08  2027-03" in lines
    assert "Mum（家人）     ¥1,400.00  2028-09    ¥0.00            有风险" in lines
    assert english_left(out, zh_db) == []


def test_whatif_in_chinese(zh_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(zh_db, "whatif") == 0
    out, _err = output(capsys)
    lines = out.splitlines()
    assert lines[:2] == [
        "现在的计划：雪崩法，每月 ¥964.67 用来还债。",
        "根据你的数据建议的几步，先单独做，再全部一起做：",
    ]
    rows = {}
    for line in lines[5:11]:
        label = line.split("  ")[0].strip()
        rows[label] = [label, *line[len(label) :].split()]
    assert rows["只还最低还款"] == ["只还最低还款", "永不", "—", "—", "—", "永不"]
    assert rows["现在的计划"][1:] == ["2028-09", "22", "¥2,066.86", "¥140.00", "2027-03"]
    assert rows["Visa：60 期"][1:] == ["2028-09", "22", "¥1,771.57", "¥0.00", "2026-12"]
    assert rows["打开 3 项节流：每月 +¥135.00"][-5:] == [
        "2028-06", "19", "¥1,662.45", "¥70.00", "2027-01",
    ]  # fmt: skip
    assert rows["2026年12月 向亲友借 ¥799.00"][-5:] == [
        "2028-09", "22", "¥1,621.98", "¥35.00", "2026-12",
    ]  # fmt: skip
    assert rows["全部一起"][1:] == ["2028-06", "19", "¥1,303.27", "¥0.00", "2026-12"]
    assert "正常：最后一笔逾期贷款恢复正常的月份。" in lines
    assert "只还最低还款永远还不清：50 年里滞纳金共 ¥21,000.00。" in lines
    assert english_left(out, zh_db) == []


def test_due_in_chinese(zh_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(zh_db, "due") == 0
    out, _err = output(capsys)
    assert out.splitlines() == [
        "2026年8月20日（95 天前）：Visa 逾期了，目前逾期 ¥764.00 — 在下一个还款日之前给贷款机构打电话",
        "2026年11月23日（今天）：本周的每周记录（2026-W48）还没做",
        "2026年11月27日（4 天后）：跟进 Visa（Harbor Bank hardship team） — "
        "提出的请求：36 installments, sent payslips",
        "2026年11月28日（5 天后）：Sofa loan：还款 ¥95.00",
    ]
    assert english_left(out, zh_db) == []  # the request is the user's own words, from the file


def test_calendar_events_in_chinese(
    zh_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "due.ics"
    assert run(zh_db, "calendar", "-o", str(target)) == 0
    assert output(capsys)[1] == f"已把 14 个事件写入 {target}。\n"
    events = Calendar.from_ical(target.read_text()).walk("VEVENT")
    by_summary = {str(e["SUMMARY"]): str(e.get("DESCRIPTION", "")) for e in events}
    assert by_summary["Sofa loan：还款 ¥95.00"] == "应还金额：¥95.00"
    assert by_summary["每周记录"].startswith("debtcoach 的每周记录，从 2026-W48 开始：")
    follow_up = by_summary["跟进 Visa（Harbor Bank hardship team）"]
    assert (
        follow_up == "联系人：Harbor Bank hardship team\n提出的请求：36 installments, sent payslips"
    )
    for summary, description in by_summary.items():
        assert english_left(f"{summary}\n{description}", zh_db) == [], summary


def test_restructure_quote_in_chinese_keeps_its_columns(
    zh_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(zh_db, "restructure", "Visa", "--installments", "24") == 0
    out, _err = output(capsys)
    assert out.splitlines() == [
        "Visa：¥5,200.00 分 24 期（annuity）",
        "  现在每月还款：   每月 ¥156.00",
        "  新的每期还款：   每月 ¥264.63（最后一期 ¥264.69）",
        "  空间：           每月多还 ¥108.63",
        "  时间：           比按现在的还款早 49 个月还清",
        "  还款合计：       ¥6,351.18（成本 ¥1,151.18）",
        "  实际成本：       每年 19.99%（现在的利率 29.99%）",
    ]


@pytest.mark.parametrize(
    "command",
    [("plan",), ("whatif",), ("due",), ("restructure", "Visa", "--installments", "24")],
)
def test_json_is_the_same_in_chinese(
    sample_db: Path, command: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(sample_db, *command, "--json") == 0
    english = output(capsys)[0]
    assert run(sample_db, "--lang", "zh_CN", *command, "--json") == 0
    assert output(capsys)[0] == english
    assert '"label": "All together"' in english or command[0] != "whatif"


def test_a_bad_amount_names_its_field_in_chinese(
    zh_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(zh_db, "whatif", "--relatives", "abc") == 2
    assert output(capsys)[1] == "debtcoach: --relatives: 金额 'abc' 不是一个数字\n"
    assert run(zh_db, "settings", "set", "safety_buffer", "1,2,3.4.5") == 2
    assert output(capsys)[1].startswith("debtcoach: safety_buffer: 安全垫 '1,2,3.4.5' 不是一个数字")
    export = tmp_path / "export.json"
    assert run(zh_db, "export", "-o", str(export)) == 0
    data = json.loads(export.read_text())
    data["loans"][0]["balance"] = "abc"
    export.write_text(json.dumps(data))
    capsys.readouterr()
    assert run(zh_db, "import", str(export)) == 2
    err = output(capsys)[1]
    assert err == f"debtcoach: import：{export}：loans[0].balance: 余额 'abc' 不是一个数字\n"
    assert run(zh_db, "--lang", "en", "import", str(export)) == 2
    assert "loans[0].balance: balance 'abc' is not a number" in output(capsys)[1]


def test_argparse_speaks_chinese(zh_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With `--lang zh_CN` and from the file's own language alike."""
    for lang in (("--lang", "zh_CN"), ()):
        assert run(zh_db, *lang, "loan", "add", "--name", "X") == 2
        assert output(capsys)[1] == (
            "debtcoach: loan add: 缺少必需的参数：--kind, --balance, --apr, --min-payment\n"
        )
        assert run(zh_db, *lang, "plan", "--bogus") == 2
        assert output(capsys)[1] == "debtcoach: 无法识别的参数：--bogus\n"
        assert run(zh_db, *lang, "lone") == 2
        assert output(capsys)[1].startswith(
            "debtcoach: 参数 COMMAND：无效的选项：'lone'（可选：'loan',"
        )
        with pytest.raises(SystemExit):
            run(zh_db, *lang, "loan", "--help")
        help_text = output(capsys)[0]
        assert help_text.startswith("用法：debtcoach loan [-h] ACTION ...")
        assert "位置参数:" in help_text and "选项:" in help_text
        assert "显示这条帮助信息并退出" in help_text
        assert english_left(help_text, zh_db) == []


def test_argparse_stays_english_by_default(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(sample_db, "loan", "add", "--name", "X") == 2
    assert "the following arguments are required: --kind" in output(capsys)[1]


def test_store_refusals_in_chinese(zh_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(zh_db, "loan", "add", "--name", "visa", "--kind", "car", "--balance", "5",
               "--apr", "5", "--min-payment", "1") == 2  # fmt: skip
    assert output(capsys)[1] == (
        "debtcoach: 已经有名为 'visa' 的贷款（已存的写法是 'Visa'）；请换一个名称，或者修改已有的那一项\n"
    )
    assert run(zh_db, "loan", "remove", "Nobody") == 2
    assert output(capsys)[1] == "debtcoach: 没有名为 'Nobody' 的贷款\n"
    assert run(zh_db, "family", "add", "--lender", "Visa", "--amount", "5",
               "--borrowed-on", "2026-11-01") == 2  # fmt: skip
    assert output(capsys)[1].startswith(
        "debtcoach: 已经有名为 'Visa' 的贷款，所以家人借款的出借人就不能也叫 'Visa'："
    )


def test_a_damaged_file_is_named_in_chinese(
    zh_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file cannot be read, so its language is unknown: `--lang` says it in Chinese."""
    data = json.loads(zh_db.read_text())
    data["loans"]["1"]["apr"] = "-3"
    zh_db.write_text(json.dumps(data))
    assert run(zh_db, "--lang", "zh_CN", "loan", "list") == 1
    err = output(capsys)[1]
    assert err.startswith(
        f"debtcoach: {zh_db} 无法读取（贷款 'Visa'：年利率：-3% 超出范围（0 到 1000 %））"
    )
    assert "文件保持原样" in err
    assert english_left(err.replace(str(zh_db.parent), ""), zh_db) == []


def test_every_command_help_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    from debtcoach.bundled import sample_data_file, use_language
    from debtcoach.cli import build_parser

    use_language("zh_CN")
    pending = [build_parser()]
    left = {}
    while pending:
        parser = pending.pop()
        words = english_left(parser.format_help(), sample_data_file(), ("textual-serve",
                             "key value", "one-off"))  # fmt: skip
        if words:
            left[parser.prog] = words
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                pending.extend(action.choices.values())
    assert left == {}


def test_english_left_finds_english(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(sample_db, "plan") == 0
    out, _err = output(capsys)
    assert "Paying only the minimums" in english_left(out, sample_db)
    assert english_left("现在的计划 `backup list` Harbor Bank --budget-change", sample_db) == []


def test_a_refusal_before_the_file_is_read_follows_its_language(
    zh_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere" / "due.ics"
    assert run(zh_db, "calendar", "-o", str(missing)) == 2
    assert output(capsys)[1] == (
        f"debtcoach: calendar -o：文件夹 {missing.parent} 不存在；没有写入任何内容\n"
    )
    assert run(zh_db, "contact", "remove", "99") == 2
    assert output(capsys)[1] == "debtcoach: 没有编号为 99 的沟通记录\n"
    assert run(zh_db, "backup", "list") == 0
    assert output(capsys)[0].split()[:4] == ["备份", "备份时间（本地时间）", "字节", "能否读取"]
