"""`due`, `calendar`, `locate`, `serve` and `completion` as scripts see them: exit codes, output,
files. The household is the sample one (tests/cli/runner.py: today 2026-11-23, week 2026-W48)."""

from __future__ import annotations

import argparse
import json
import os
import socket
import stat
import subprocess
import sys
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from debtcoach.cli import build_parser, main
from debtcoach.cli.serve import loopback_host
from tests.cli.runner import run

SAMPLE_DUE = [
    "Aug 20, 2026 (95 days ago): Visa fell behind, $764.00 past due now — call the lender "
    "before the next due date",
    "Nov 23, 2026 (today): this week's check-in (2026-W48) is not done yet",
    "Nov 27, 2026 (in 4 days): Follow up with Visa (Harbor Bank hardship team) — asked: "
    "36 installments, sent payslips",
    "Nov 28, 2026 (in 5 days): Sofa loan: pay $95.00",
]


def test_due_on_the_sample_household(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(sample_db, "due") == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == SAMPLE_DUE
    assert captured.err == ""


def test_due_is_quiet_when_nothing_is_due(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(sample_db, "checkin", "add", "--borrowed", "no") == 0
    capsys.readouterr()
    # This week checked in, but Visa is behind: that is said whatever the window.
    assert run(sample_db, "due", "--days", "0") == 0
    assert capsys.readouterr().out.splitlines() == SAMPLE_DUE[:1]
    current = sample_db.parent / "current.json"
    assert run(current, "loan", "add", "--name", "Car", "--kind", "car", "--balance", "900",
               "--apr", "7", "--min-payment", "90", "--due-day", "28") == 0  # fmt: skip
    assert run(current, "checkin", "add", "--borrowed", "no") == 0
    capsys.readouterr()
    # Checked in, nothing behind, the car not due until the 28th: nothing to say today.
    assert run(current, "due", "--days", "0") == 0
    assert capsys.readouterr() == ("", "")
    assert run(sample_db.parent / "new.json", "due") == 0  # no data yet: nothing owed
    assert capsys.readouterr() == ("", "")


def test_due_json(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(sample_db, "due", "--days", "12", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["currency"], data["days"]) == ("USD", 12)
    assert [(i["kind"], i["name"], i["date"], i["days"], i["amount"]) for i in data["items"]] == [
        ("overdue", "Visa", "2026-08-20", -95, None),
        ("checkin", "check-in", "2026-11-23", 0, None),
        ("follow_up", "Visa", "2026-11-27", 4, None),
        ("payment", "Sofa loan", "2026-11-28", 5, "95.00"),
        ("payment", "QuickCash", "2026-12-05", 12, "180.00"),
    ]
    assert data["items"][0]["arrears"] == "764.00"
    assert set(data["items"][0]) == {
        "kind", "name", "date", "days", "amount", "arrears", "installment", "who", "asked"
    }  # fmt: skip


@pytest.mark.parametrize("days", ["-1", "367", "soon"])
def test_due_refuses_a_bad_window(
    sample_db: Path, capsys: pytest.CaptureFixture[str], days: str
) -> None:
    assert run(sample_db, "due", "--days", days) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("debtcoach: --days: ")


def test_calendar_round_trips_through_the_icalendar_parser(
    sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "due.ics"
    assert run(sample_db, "calendar", "-o", str(out), "--months", "2") == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"Wrote 10 events to {out}.\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    calendar = Calendar.from_ical(out.read_bytes())
    assert str(calendar["VERSION"]) == "2.0" and "debtcoach" in str(calendar["PRODID"])
    events = [
        (str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND"), str(e["CATEGORIES"].cats[0]))
        for e in calendar.walk("VEVENT")
    ]
    # Today 2026-11-23, two months: until 2027-01-23. Visa is due on the 20th (November's was
    # recorded), QuickCash on the 5th, the car on the 12th, the sofa on the 28th.
    assert events == [
        (
            "Follow up with Visa (Harbor Bank hardship team)",
            date(2026, 11, 27),
            date(2026, 11, 28),
            "follow_up",
        ),
        ("Sofa loan: pay $95.00", date(2026, 11, 28), date(2026, 11, 29), "payment"),
        ("QuickCash: pay $180.00", date(2026, 12, 5), date(2026, 12, 6), "payment"),
        ("Car loan: pay $245.00", date(2026, 12, 12), date(2026, 12, 13), "payment"),
        ("Visa: pay $156.00", date(2026, 12, 20), date(2026, 12, 21), "payment"),
        ("Sofa loan: pay $95.00", date(2026, 12, 28), date(2026, 12, 29), "payment"),
        ("QuickCash: pay $180.00", date(2027, 1, 5), date(2027, 1, 6), "payment"),
        ("Car loan: pay $245.00", date(2027, 1, 12), date(2027, 1, 13), "payment"),
        ("Visa: pay $156.00", date(2027, 1, 20), date(2027, 1, 21), "payment"),
        ("Weekly check-in", date(2026, 11, 23), date(2026, 11, 24), "checkin"),
    ]
    visa = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("Visa"))
    assert "Amount due: $156.00" in str(visa["DESCRIPTION"])
    assert "Past due now: $" in str(visa["DESCRIPTION"])  # Visa is behind
    weekly = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "Weekly check-in")
    assert weekly["RRULE"]["FREQ"] == ["WEEKLY"]
    assert weekly["RRULE"]["UNTIL"] == [date(2027, 1, 23)]
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert all(uid.endswith("@debtcoach") for uid in uids)
    assert all(e.get("DTSTAMP") is not None for e in calendar.walk("VEVENT"))


def test_calendar_installments_and_promises_round_trip_through_the_parser(
    sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(sample_db, "restructure", "Visa", "--installments", "36", "--agree", "--json") == 0
    installment = json.loads(capsys.readouterr().out)["installment"]
    assert installment == "193.22"
    out = tmp_path / "due.ics"
    assert run(sample_db, "calendar", "-o", str(out), "--months", "8") == 0
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")

    def of_kind(kind: str) -> list[tuple[str, date, str]]:
        return [(str(e["SUMMARY"]), e.decoded("DTSTART"), str(e["DESCRIPTION"])) for e in events
                if str(e["CATEGORIES"].cats[0]) == kind]  # fmt: skip

    # Agreed on 2026-11-23: Visa's installments fall on its due day, the 20th, from December;
    # eight months ahead ends on 2027-07-23, after the 8th.
    days = [date(2026, 12, 20)] + [date(2027, month, 20) for month in range(1, 8)]
    assert of_kind("installment") == [
        (f"Visa: installment {n} of 36 $193.22", day, "Amount due: $193.22")
        for n, day in enumerate(days, start=1)
    ]
    assert not [s for s, _, _ in of_kind("payment") if s.startswith("Visa")]
    # The relatives' promised dates (sample household): Li Wei by 2027-03-31, Mum by 2027-06-30.
    assert of_kind("promise") == [
        ("Promised to repay Li Wei $600.00", date(2027, 3, 31), "Still owed: $600.00"),
        ("Promised to repay Mum $1,400.00", date(2027, 6, 30), "Still owed: $1,400.00"),
    ]
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)


def test_calendar_uids_stay_the_same_so_a_new_file_updates_the_old_events(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(sample_db, "calendar") == 0
    before = Calendar.from_ical(capsys.readouterr().out)
    assert run(sample_db, "calendar", today="2026-11-30") == 0
    after = Calendar.from_ical(capsys.readouterr().out)

    def by_uid(calendar: Calendar) -> dict[str, str]:
        return {str(e["UID"]): str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}

    old, new = by_uid(before), by_uid(after)
    shared = set(old) & set(new)
    # A week later the same payments keep their UIDs; only the window's ends differ.
    assert len(shared) == len(new) - 1  # the 2027-02-28 sofa payment enters the window
    assert all(old[uid] == new[uid] for uid in shared)


def test_calendar_refuses_to_write_over_the_data_file(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sample_db.read_bytes()
    assert run(sample_db, "calendar", "-o", str(sample_db)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "will not write to" in captured.err and "it is the data file" in captured.err
    assert captured.err.count("\n") == 1
    assert sample_db.read_bytes() == before
    assert run(sample_db, "calendar", "--months", "0") == 2
    assert capsys.readouterr().err.startswith("debtcoach: --months: ")


def test_locate_prints_each_path(
    sample_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = tmp_path / "conf" / "config.toml"
    monkeypatch.setenv("DEBTCOACH_CONFIG", str(config))
    expected = {
        "data": sample_db,
        "backups": sample_db.parent / "backups",
        "config": config,
        "themes": config.parent / "themes",
    }
    for place, path in expected.items():
        assert run(sample_db, "locate", place) == 0
        assert capsys.readouterr() == (f"{path}\n", "")
    assert run(sample_db, "locate") == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{place:<8} {path}" for place, path in expected.items()
    ]
    assert run(sample_db, "locate", "everything") == 2
    assert "invalid choice" in capsys.readouterr().err


def test_locate_defaults_to_the_platform_folders(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # conftest points XDG_DATA_HOME and XDG_CONFIG_HOME into a temporary home.
    assert main(["locate", "config"]) == 0
    config_home = Path(os.environ["XDG_CONFIG_HOME"])
    assert capsys.readouterr().out == f"{config_home / 'debtcoach' / 'config.toml'}\n"
    assert main(["locate", "data"]) == 0
    data_home = Path(os.environ["XDG_DATA_HOME"])
    assert capsys.readouterr().out == f"{data_home / 'debtcoach' / 'debtcoach.json'}\n"


def test_the_config_names_the_data_file_but_db_and_the_environment_win(
    sample_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'data = "{sample_db.name}"\n', encoding="utf-8")  # relative: to the config
    monkeypatch.setenv("DEBTCOACH_CONFIG", str(config))
    assert main(["locate", "data"]) == 0
    assert capsys.readouterr().out == f"{sample_db}\n"
    assert main(["--today", "2026-11-23", "due"]) == 0
    assert capsys.readouterr().out.splitlines() == SAMPLE_DUE
    monkeypatch.setenv("DEBTCOACH_DB", str(tmp_path / "other.json"))
    assert main(["locate", "data"]) == 0
    assert capsys.readouterr().out == f"{tmp_path / 'other.json'}\n"
    assert main(["--db", "x.json", "locate", "data"]) == 0
    assert capsys.readouterr().out == "x.json\n"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("theme = [\n", "not valid TOML"),
        ("colour = 'red'\n", "unknown key 'colour'"),
        ("theme = 3\n", "theme must be a theme name"),
        ("[keymap]\n'go.loans' = 5\n", "keymap 'go.loans' must be a key"),
        (
            "[keymap]\n'go.loan' = 'L'\n",
            "keymap 'go.loan' is not a binding id; did you mean 'go.loans'?",
        ),
        ("[keymap]\n'zzz' = 'L'\n", "keymap 'zzz' is not a binding id (the README lists them)"),
        ("keymap = 'L'\n", "[keymap] must be a table"),
        ("data = ''\n", "data must be the path of the data file"),
    ],
)
def test_a_broken_config_is_one_line_and_exit_2(
    sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], text: str, says: str,
) -> None:  # fmt: skip
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("DEBTCOACH_CONFIG", str(config))
    assert run(sample_db, "due") == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"debtcoach: config {config}: ")
    assert says in captured.err and captured.err.count("\n") == 1
    # `locate` still says where things are (the config's path is what one needs to fix it).
    assert run(sample_db, "locate", "config") == 0
    captured = capsys.readouterr()
    assert captured.out == f"{config}\n" and says in captured.err


def test_a_broken_config_stops_the_app_before_it_starts(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("theme = [\n", encoding="utf-8")
    env = {**os.environ, "DEBTCOACH_CONFIG": str(config)}
    done = subprocess.run([sys.executable, "-m", "debtcoach.cli", "--db", str(tmp_path / "d.json")],
                          capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"debtcoach: config {config}: not valid TOML")
    assert not (tmp_path / "d.json").exists()


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org", ""])
def test_serve_refuses_any_host_but_this_computer(
    sample_db: Path, capsys: pytest.CaptureFixture[str], host: str
) -> None:
    assert run(sample_db, "serve", "--host", host) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(f"debtcoach: serve --host {host}: refused")
    assert "SSH tunnel" in captured.err


def test_serve_accepts_the_loopback_addresses() -> None:
    assert loopback_host("127.0.0.1") == "127.0.0.1"
    assert loopback_host("127.0.0.2") == "127.0.0.2"
    assert loopback_host("::1") == "::1"
    assert loopback_host("[::1]") == "::1"
    assert loopback_host("LocalHost") == "localhost"


def test_serve_refuses_a_bad_port(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(sample_db, "serve", "--port", "70000") == 2
    assert capsys.readouterr().err.startswith("debtcoach: --port: 70000 is out of range")


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_prints_a_script_for_the_shell(
    capsys: pytest.CaptureFixture[str], shell: str
) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    assert "debtcoach" in script and "_ARGCOMPLETE" in script
    if shell == "bash":
        assert "complete -o nospace -o default -o bashdefault -F" in script
    else:
        assert script.startswith("#compdef debtcoach")


def complete(line: str, tmp_path: Path) -> list[str]:
    """What the shell offers after `line`, asking the command as the completion script does."""
    answer = tmp_path / "completions"
    env = {**os.environ, "_ARGCOMPLETE": "1", "COMP_LINE": line, "COMP_POINT": str(len(line)),
           "_ARGCOMPLETE_STDOUT_FILENAME": str(answer)}  # fmt: skip
    done = subprocess.run([sys.executable, "-m", "debtcoach.cli"], env=env, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return sorted(answer.read_text().split("\v"))


def test_the_shell_completes_subcommands_options_and_choices(tmp_path: Path) -> None:
    assert complete("debtcoach lo", tmp_path) == ["loan", "locate"]
    assert complete("debtcoach due --", tmp_path) == ["--days", "--help", "--json"]
    words = complete("debtcoach locate ", tmp_path)
    assert [w for w in words if not w.startswith("-")] == ["backups", "config", "data", "themes"]
    words = complete("debtcoach completion ", tmp_path)
    assert [w for w in words if not w.startswith("-")] == ["bash", "zsh"]


def parsers(parser: argparse.ArgumentParser, path: str = "debtcoach"):  # type: ignore[no-untyped-def]
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                assert helps.get(name), f"{path} {name} has no help line"
                yield from parsers(sub, f"{path} {name}")


def test_every_option_of_every_subcommand_has_a_help_line() -> None:
    seen = set()
    for path, parser in parsers(build_parser()):
        seen.add(path)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            name = "/".join(action.option_strings) or action.dest
            assert action.help and action.help.strip(), f"{path} {name} has no help"
    assert {"debtcoach due", "debtcoach calendar", "debtcoach locate", "debtcoach serve",
            "debtcoach completion", "debtcoach loan add"} <= seen  # fmt: skip


def test_serve_on_a_port_in_use_says_so_in_one_line(sample_db: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "debtcoach.cli", "--db", str(sample_db), "serve", "--port",
             str(port)], capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout == ""  # never "serving the app at …" for a server that is not there
    assert done.stderr.count("\n") == 1 and "address already in use" in done.stderr


def ipv6_loopback_port() -> int:
    """A free port on ::1 (the test is skipped on a machine without IPv6 loopback)."""
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
            return int(probe.getsockname()[1])
    except OSError:
        pytest.skip("this machine has no IPv6 loopback (::1)")


def test_serve_on_the_ipv6_loopback_gives_a_url_a_browser_can_open(sample_db: Path) -> None:
    port = ipv6_loopback_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "debtcoach.cli", "--db", str(sample_db), "serve", "--host", "::1",
         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        url = f"http://[::1]:{port}"
        assert line == f"debtcoach: serving the app at {url} (Ctrl+C stops it)\n"
        with urllib.request.urlopen(url) as answer:
            page = answer.read().decode("utf-8")
        # The page loads its script and styles from the address it was served on.
        assert f'src="{url}/static/js/textual.js"' in page
        assert "http://::1" not in page
    finally:
        server.terminate()
        server.wait(timeout=30)
