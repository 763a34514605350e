"""The scripting interface never loses or doubles what it saved: outputs that would replace the
data file are refused, and a committed write exits 0 even when its confirmation cannot be printed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from debtcoach.cli import main

TODAY = "2026-11-23"


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), "--today", TODAY, *args])


def saved_bytes(db: Path) -> bytes:
    return db.read_bytes()


def backups_of(db: Path) -> list[Path]:
    folder = db.parent / "backups"
    return sorted(folder.iterdir()) if folder.is_dir() else []


# -- item 2: an output path that belongs to the data file ----------------------------------------


@pytest.fixture
def saved_twice(sample_db: Path) -> Path:
    """The sample household after two saves, so its folder holds a lock and backups."""
    assert run(sample_db, "family", "repay", "--lender", "Mum", "--amount", "10") == 0
    assert run(sample_db, "family", "repay", "--lender", "Mum", "--amount", "10") == 0
    return sample_db


def protected_targets(db: Path) -> dict[str, Path]:
    folder = db.parent
    link = folder / "looks-harmless.json"
    link.symlink_to(db)
    return {
        "the data file": db,
        "a relative spelling": folder / "." / db.name,
        "a symbolic link": link,
        "the lock": folder / f"{db.name}.lock",
        "a temp file": folder / f".{db.name}.tmp-1234.tmp",
        "a backup": backups_of(db)[0],
        "a new file among the backups": folder / "backups" / "new.json",
    }


@pytest.mark.parametrize(
    "command",
    [
        ("export",),
        ("export", "--format", "csv"),
        ("proposal", "Visa", "--installments", "12"),
    ],
)
def test_export_and_proposal_refuse_every_path_of_the_data_file(
    saved_twice: Path, command: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """`export -o DATAFILE` and `proposal … -o DATAFILE` replaced the household (exit 0, no lock,
    no backup). Every path that resolves to the file, its lock, a temp file or a backup is
    refused with one line, exit 2, and nothing is written."""
    db = saved_twice
    for what, target in protected_targets(db).items():
        before = {path: path.read_bytes() for path in [db, *backups_of(db)]}
        existed = target.exists()
        capsys.readouterr()
        assert run(db, *command, "-o", str(target)) == 2, what
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1, (what, err)
        assert "will not write to" in err and "nothing was written" in err, what
        assert {path: path.read_bytes() for path in [db, *backups_of(db)]} == before, what
        assert target.exists() == existed, what
    # An ordinary file next to the data file is still written.
    out = db.parent / "out.txt"
    assert run(db, *command, "-o", str(out)) == 0
    assert out.stat().st_size > 0


def test_the_ledger_refuses_a_letter_onto_the_data_file(saved_twice: Path) -> None:
    """The restructure screen's `w` writes through the same door: it refuses the data file."""
    from debtcoach.services import Ledger
    from debtcoach.services.exchange import StoreInputError
    from tests.conftest import TODAY as today

    ledger = Ledger(saved_twice, today)
    quote = ledger.restructure_quote("Visa", 12)
    before = saved_twice.read_bytes()
    with pytest.raises(StoreInputError, match="it is the data file"):
        ledger.write_proposal_letter(quote, saved_twice)
    assert saved_twice.read_bytes() == before


# -- item 3: the write is committed, the confirmation cannot be printed --------------------------


def debtcoach(db: Path, *args: str, **streams: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "debtcoach.cli", "--db", str(db), "--today", TODAY, *args],
        text=True,
        stderr=subprocess.PIPE,
        check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        **streams,  # type: ignore[call-overload]
    )


def mum(db: Path) -> dict[str, object]:
    data = json.loads(db.read_text(encoding="utf-8"))
    rows = data["family_loans"].values()
    found: dict[str, object] = next(row for row in rows if row["lender"] == "Mum")
    return found


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_repayment_with_stdout_on_a_full_disk_exits_0_and_is_recorded_once(
    sample_db: Path,
) -> None:
    """`family repay … > /dev/full` exited 1 after saving; a script retrying on 1 repaid twice."""
    repaid_before = len(mum(sample_db)["repayments"])  # type: ignore[arg-type]
    with open("/dev/full", "w") as full:
        result = debtcoach(sample_db, "family", "repay", "--lender", "Mum", "--amount", "250",
                           stdout=full)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines() == [
        "debtcoach: the data was saved, but the confirmation could not be printed "
        "(No space left on device)"
    ]
    assert len(mum(sample_db)["repayments"]) == repaid_before + 1  # type: ignore[arg-type]


def test_a_repayment_with_stdout_closed_exits_0_and_is_recorded_once(sample_db: Path) -> None:
    """With stdout closed (`>&-`) it was `AttributeError: 'NoneType' object has no attribute
    'flush'`, exit 1, after the repayment had been saved."""
    repaid_before = len(mum(sample_db)["repayments"])  # type: ignore[arg-type]
    script = (
        "import os, sys; os.close(1); from debtcoach.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    args = ["--db", str(sample_db), "--today", TODAY, "family", "repay", "--lender", "Mum",
            "--amount", "250"]  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", script, *args], text=True, stderr=subprocess.PIPE, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "the data was saved, but the confirmation could not be printed" in result.stderr
    assert "Traceback" not in result.stderr and "AttributeError" not in result.stderr
    assert len(mum(sample_db)["repayments"]) == repaid_before + 1  # type: ignore[arg-type]


def test_a_read_with_stdout_closed_fails_with_one_line(sample_db: Path) -> None:
    """Nothing was saved, so a lost listing is a failure (exit 1), said in one line."""
    result = subprocess.run(
        [sys.executable, "-m", "debtcoach.cli", "--db", str(sample_db), "loan", "list"],
        text=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "debtcoach: standard output is closed"


def test_a_repayment_whose_reader_went_away_exits_0(sample_db: Path) -> None:
    """`debtcoach family repay … | true`: the pipe closes early; the repayment still counts."""
    repaid_before = len(mum(sample_db)["repayments"])  # type: ignore[arg-type]
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = debtcoach(sample_db, "family", "repay", "--lender", "Mum", "--amount", "5",
                           stdout=writer)  # fmt: skip
    finally:
        os.close(writer)
    assert result.returncode == 0, result.stderr
    assert "the data was saved" in result.stderr
    assert len(mum(sample_db)["repayments"]) == repaid_before + 1  # type: ignore[arg-type]


# -- backup list: a backup dated in the future says so -------------------------------------------


def test_backup_list_names_a_backup_dated_in_the_future(
    saved_twice: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = saved_twice
    skewed = db.parent / "backups" / f"{db.stem}-20991231T000000.000000Z.json"
    shutil.copyfile(db, skewed)
    capsys.readouterr()
    assert run(db, "backup", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    future = [line for line in lines if skewed.name in line]
    assert len(future) == 1 and "(dated in the future)" in future[0]
    assert sum("(dated in the future)" in line for line in lines) == 1
    assert lines[-1] == future[0]  # listed last: never "the newest"
    assert run(db, "backup", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [item["dated_in_future"] for item in listed] == [False, False, True]
