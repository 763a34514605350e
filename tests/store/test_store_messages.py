"""The store's messages reach a terminal: no name, key or path in them is printed raw."""

from __future__ import annotations

from pathlib import Path

import pytest

from debtcoach.cli import main
from debtcoach.domain.text_rules import is_control
from debtcoach.store import (
    BackupUnusable,
    DuplicateName,
    StorageCorrupt,
    StorageIOError,
    StoreError,
    StoreInputError,
    UnknownName,
)
from debtcoach.store.exchange import ExchangeError, household_from_json

ESCAPES = "\x1b]0;pwned\x07\x1b[31m\x9b"


def assert_printable(message: str) -> None:
    assert not any(is_control(c) for c in message), repr(message)
    message.encode("utf-8")


@pytest.mark.parametrize(
    "error",
    [
        UnknownName("contacts", f"3{ESCAPES}"),  # contact ids are not quoted: were printed raw
        UnknownName("loans", f"Visa{ESCAPES}"),
        DuplicateName("family_loans", f"Mom{ESCAPES}"),
        StorageCorrupt(Path(f"/tmp/{ESCAPES}.json"), f"table {ESCAPES}"),
        StorageIOError(Path(f"/tmp/{ESCAPES}.json"), "write", "Permission denied"),
        BackupUnusable(Path(f"/tmp/{ESCAPES}.json"), ESCAPES),
        StoreInputError(f"raw {ESCAPES} \udcff"),
    ],
    ids=["contact-id", "loan", "family", "corrupt", "io", "backup", "input"],
)
def test_no_store_message_holds_a_control_character(error: StoreError) -> None:
    assert_printable(str(error))
    assert "\\x1b]0;pwned\\x07" in str(error)


def test_an_import_key_with_escapes_is_named_visibly() -> None:
    data = {
        "debtcoach_export": 1,
        "checkins": [{"week": "2026-W48", "date": "2026-11-23", "paid": {ESCAPES: "abc"}}],
    }
    with pytest.raises(ExchangeError) as caught:
        household_from_json(data)
    assert_printable(str(caught.value))
    assert str(caught.value).startswith("checkins[0].paid.\\x1b]0;pwned\\x07")


def test_a_data_path_with_escapes_is_printed_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / f"data{ESCAPES}.json"
    db.write_text("{not json")
    assert main(["--db", str(db), "loan", "list"]) == 1
    err = capsys.readouterr().err
    assert_printable(err.removesuffix("\n"))
    assert "data\\x1b]0;pwned\\x07" in err
