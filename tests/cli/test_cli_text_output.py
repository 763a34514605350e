"""The CLI never prints stored or typed text raw, and refuses invalid UTF-8 in free text.

An older file may hold control characters (an ESC retitles the terminal, U+009B starts an escape
sequence); the lists, the JSON, the confirmations and `settings show` print them as escapes. A
free-text option with bytes that are not UTF-8 is bad input: exit 2, one line naming the option,
nothing written. These run the real command in a child process where the bytes matter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from msgspec.structs import replace

from debtcoach.cli import main
from debtcoach.domain.models import Channel, CheckIn, Contact, FamilyLoan
from debtcoach.domain.money import Money
from debtcoach.store.repository import Repository

TODAY = "2026-11-23"
ESC = "\x1b]0;pwned\x07"
CSI = "\x9b31m"


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), "--today", TODAY, *args])


def command(db: Path, *args: bytes) -> subprocess.CompletedProcess[bytes]:
    """`debtcoach` as a shell runs it: arguments as bytes, not necessarily UTF-8."""
    argv = [
        sys.executable,
        "-m",
        "debtcoach.cli",
        b"--db",
        os.fsencode(db),
        b"--today",
        b"2026-11-23",
    ]
    return subprocess.run([*argv, *args], capture_output=True, check=False)


@pytest.fixture
def old_file(sample_db: Path) -> Path:
    """The sample household as an older debtcoach wrote it: control characters in free text."""
    repository = Repository(sample_db)
    household = repository.load()
    visa = household.loan("Visa")
    assert visa is not None
    repository.update_loan("Visa", replace(visa, lender=f"Harbor{ESC}", purpose=f"sofa{CSI}"))
    repository.add_family_loan(
        FamilyLoan("Aunt", Money(10000, "USD"), date(2026, 1, 1), relationship=f"aunt{ESC}")
    )
    repository.add_contact(
        Contact("Visa", date(2026, 11, 20), Channel.PHONE, who=f"desk{CSI}", outcome=f"ok{ESC}")
    )
    repository.put_checkin(CheckIn("2026-W47", date(2026, 11, 20), note=f"hard week{ESC}"))
    repository.save_settings(replace(household.settings, theme=f"dark{ESC}"))
    return sample_db


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("family", "list"), "aunt\\x1b]0;pwned\\x07"),
        (("contact", "list"), "ok\\x1b]0;pwned\\x07"),
        (("checkin", "list"), "hard week\\x1b]0;pwned\\x07"),
        (("settings", "show"), "theme: dark\\x1b]0;pwned\\x07"),
    ],
    ids=["family", "contact", "checkin", "settings"],
)
def test_lists_show_stored_control_characters_as_escapes(
    old_file: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], shown: str
) -> None:
    assert run(old_file, *args) == 0
    out = capsys.readouterr().out
    assert shown in out
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out


def test_json_escapes_c1_controls(old_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(old_file, "loan", "list", "--json") == 0
    out = capsys.readouterr().out
    assert "\x9b" not in out and "\\u009b" in out
    visa = next(loan for loan in json.loads(out) if loan["name"] == "Visa")
    assert visa["purpose"] == f"sofa{CSI}"  # the same text once read back


def test_confirmations_that_repeat_a_path_never_print_it_raw(
    sample_db: Path, tmp_path: Path
) -> None:
    target = os.fsencode(tmp_path) + b"/export\x1b[31m\xff.json"
    result = command(sample_db, b"export", b"--format", b"json", b"-o", target)
    assert result.returncode == 0, result.stderr
    shown = b"Exported to " + os.fsencode(tmp_path) + b"/export\\x1b[31m\\udcff.json.\n"
    assert result.stderr == shown
    assert Path(os.fsdecode(target)).exists()


FREE_TEXT = [
    ("--lender", [b"loan", b"add", b"--name", b"N", b"--kind", b"other", b"--balance", b"10",
                  b"--apr", b"1", b"--min-payment", b"1", b"--lender"]),
    ("--purpose", [b"loan", b"add", b"--name", b"N", b"--kind", b"other", b"--balance", b"10",
                   b"--apr", b"1", b"--min-payment", b"1", b"--purpose"]),
    ("--relationship", [b"family", b"add", b"--lender", b"Bob", b"--amount", b"10",
                        b"--borrowed-on", b"2026-01-01", b"--relationship"]),
    ("--notes", [b"family", b"add", b"--lender", b"Bob", b"--amount", b"10",
                 b"--borrowed-on", b"2026-01-01", b"--notes"]),
    ("--notes", [b"income", b"add", b"--name", b"Gig", b"--kind", b"side", b"--amount", b"10",
                 b"--frequency", b"monthly", b"--notes"]),
    ("--who", [b"contact", b"add", b"--loan", b"Visa", b"--date", b"2026-11-20",
               b"--channel", b"phone", b"--who"]),
    ("--asked", [b"contact", b"add", b"--loan", b"Visa", b"--date", b"2026-11-20",
                 b"--channel", b"phone", b"--asked"]),
    ("--outcome", [b"contact", b"add", b"--loan", b"Visa", b"--date", b"2026-11-20",
                   b"--channel", b"phone", b"--outcome"]),
    ("--note", [b"checkin", b"add", b"--note"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("option", "args"), FREE_TEXT, ids=[f"{a[0].decode()}-{o}" for o, a in FREE_TEXT]
)
def test_invalid_utf8_in_free_text_is_bad_input_and_nothing_is_written(
    sample_db: Path, option: str, args: list[bytes]
) -> None:
    before = sample_db.read_bytes()
    result = command(sample_db, *args, b"ab\xffcd")
    assert result.returncode == 2
    assert result.stderr == f"debtcoach: {option}: is not valid UTF-8\n".encode()
    assert result.stdout == b""
    assert sample_db.read_bytes() == before
