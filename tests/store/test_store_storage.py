"""AtomicJSONStorage and migrations on real files: atomicity, permissions, refusing bad files."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tinydb import TinyDB

from debtcoach.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    AtomicJSONStorage,
    Repository,
    StorageCorrupt,
    StorageIOError,
    StorageTooNew,
    StoreError,
    migrate,
)
from debtcoach.store import files as files_module
from debtcoach.store import migrations as migrations_module
from debtcoach.store import storage as storage_module


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


# -- reading ---------------------------------------------------------------------------------


def test_missing_file_reads_as_empty_and_is_not_created(db_path: Path) -> None:
    storage = AtomicJSONStorage(db_path)
    assert storage.read() is None
    assert not db_path.exists()
    assert not db_path.parent.exists()


@pytest.mark.parametrize("content", [b"", b"\n", b"  \n\t"])
def test_empty_file_reads_as_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(content)
    assert AtomicJSONStorage(path).read() is None
    assert Repository(path).load().loans == ()


def test_tinydb_works_on_top_of_the_storage(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=AtomicJSONStorage)
    db.table("loans").insert({"name": "Visa"})
    db.close()
    again = TinyDB(path, storage=AtomicJSONStorage)
    assert again.table("loans").all() == [{"name": "Visa"}]


# -- writing ---------------------------------------------------------------------------------


def test_write_creates_private_file_and_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "db.json"
    AtomicJSONStorage(path).write({"loans": {}})
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert mode(path.parent.parent) == 0o700


def test_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    AtomicJSONStorage(folder / "db.json").write({})
    assert mode(folder) == 0o755
    assert mode(folder / "db.json") == 0o600


def test_rewriting_a_world_readable_file_makes_it_private(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_text("{}")
    os.chmod(path, 0o644)
    AtomicJSONStorage(path).write({"loans": {}})
    assert mode(path) == 0o600


def test_write_leaves_no_temp_files_and_replaces_the_inode(db_path: Path) -> None:
    storage = AtomicJSONStorage(db_path)
    storage.write({"loans": {"1": {"name": "A"}}})
    first_inode = db_path.stat().st_ino
    for n in range(5):
        storage.write({"loans": {"1": {"name": f"A{n}"}}})
    assert leftovers(db_path.parent) == []
    expected = sorted([db_path.name, f"{db_path.name}.lock", "backups"])
    assert sorted(os.listdir(db_path.parent)) == expected
    assert len(os.listdir(db_path.parent / "backups")) == 5
    # os.replace swaps in a new file rather than rewriting the old one in place.
    assert db_path.stat().st_ino != first_inode
    assert json.loads(db_path.read_text())["loans"] == {"1": {"name": "A4"}}


def test_written_file_is_compact_utf8_json_with_schema_version(db_path: Path) -> None:
    AtomicJSONStorage(db_path).write({"loans": {"1": {"name": "招商银行"}}})
    text = db_path.read_text(encoding="utf-8")
    assert "招商银行" in text
    assert "\n" not in text
    meta = json.loads(text)["meta"]["1"]
    assert meta["schema_version"] == SCHEMA_VERSION
    assert "created_at" in meta


# What a data file holds: text (hostile included), whole numbers of any size, booleans, null.
STORED_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.text(), st.dictionaries(st.text(), STORED_VALUES)))
def test_the_file_reads_and_writes_as_python_json_does(data: dict[str, Any]) -> None:
    """msgspec writes the bytes Python's json module would, and reads them to the same values."""
    expected = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert storage_module.encode_data(data) == expected
    if all(isinstance(table, dict) for table in data.values()) and all(
        isinstance(doc, dict) and key.isascii() and key.isdigit()
        for table in data.values()
        for key, doc in table.items()
    ):
        assert storage_module.parse_raw(Path("x.json"), expected) == data


@pytest.mark.parametrize(
    "number", ["NaN", "Infinity", "-Infinity", "1e400"], ids=["nan", "inf", "-inf", "huge"]
)
def test_a_number_only_python_reads_survives_a_save(db_path: Path, number: str) -> None:
    """A hand-edited field msgspec refuses (NaN, Infinity) is read by Python's reader and
    written back as it was, not as null."""
    db_path.parent.mkdir(parents=True)
    db_path.write_text('{"notes": {"1": {"x": ' + number + "}}}")
    storage = AtomicJSONStorage(db_path)
    with storage.batch():
        data = storage.read() or {}
        data["loans"] = {"1": {"name": "Visa"}}
        storage.write(data)
    text = db_path.read_text(encoding="utf-8")
    assert f'"x":{"Infinity" if number == "1e400" else number}' in text
    assert json.loads(text)["loans"] == {"1": {"name": "Visa"}}


def test_failed_rename_keeps_the_old_file_and_cleans_up(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = AtomicJSONStorage(db_path)
    storage.write({"loans": {"1": {"name": "Old"}}})
    before = db_path.read_bytes()

    real_replace = os.replace

    def refuse(src: Any, dst: Any) -> None:
        if Path(dst) == db_path:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(files_module.os, "replace", refuse)
    with pytest.raises(StorageIOError, match="No space left on device") as caught:
        storage.write({"loans": {"1": {"name": "New"}}})
    assert str(db_path) in str(caught.value)
    assert db_path.read_bytes() == before
    assert leftovers(db_path.parent) == []


def test_unwritable_location_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StorageIOError) as caught:
        AtomicJSONStorage(blocker / "db.json").write({})
    assert isinstance(caught.value, StoreError)


def test_a_folder_in_place_of_the_file_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "db.json").mkdir()
    with pytest.raises(StorageIOError, match="cannot read"):
        AtomicJSONStorage(tmp_path / "db.json").read()


# -- batches -----------------------------------------------------------------------------------


def count_writes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record each real file write (the write still happens)."""
    writes: list[int] = []
    real = AtomicJSONStorage._write_file

    def spy(self: AtomicJSONStorage, data: dict[str, Any]) -> None:
        writes.append(1)
        real(self, data)

    monkeypatch.setattr(AtomicJSONStorage, "_write_file", spy)
    return writes


def test_batch_writes_once(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writes = count_writes(monkeypatch)
    db = TinyDB(db_path, storage=AtomicJSONStorage)
    storage = db.storage
    assert isinstance(storage, AtomicJSONStorage)
    with storage.batch():
        for n in range(10):
            db.table("loans").insert({"name": f"L{n}"})
        with storage.batch():  # nested: joins
            db.table("income").insert({"name": "Salary"})
        assert writes == []
    assert writes == [1]
    assert len(TinyDB(db_path, storage=AtomicJSONStorage).table("loans")) == 10


def visa_file_counting_parses(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, *, keep_parsed: bool = True
) -> tuple[AtomicJSONStorage, list[int]]:
    """A storage over a file holding one loan, and a list that grows by one at each parse."""
    from debtcoach.store import storage as storage_module

    storage = AtomicJSONStorage(db_path, keep_parsed=keep_parsed)
    storage.write({"loans": {"1": {"name": "Visa"}}})
    parses: list[int] = []
    real_parse = storage_module._parse
    monkeypatch.setattr(storage_module, "_parse", lambda *a: parses.append(1) or real_parse(*a))
    return storage, parses


def rename_visa_to_card(storage: AtomicJSONStorage) -> None:
    """A save in a write batch: the loan of `visa_file_counting_parses` renamed."""
    with storage.batch():
        data = storage.read()
        assert data is not None
        data["loans"]["1"]["name"] = "Card"
        storage.write(data)


def test_a_session_keeps_no_raw_data_between_a_read_and_a_save(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app keeps the household it read; the file's parsed JSON is not kept beside it (a
    save parses the file again), and the save is the same."""
    storage, parses = visa_file_counting_parses(db_path, monkeypatch, keep_parsed=False)
    with storage.batch(write=False):
        assert (storage.read() or {})["loans"] == {"1": {"name": "Visa"}}
    rename_visa_to_card(storage)
    assert len(parses) == 2
    assert (AtomicJSONStorage(db_path).read() or {})["loans"] == {"1": {"name": "Card"}}


def test_a_write_batch_takes_over_the_read_of_unchanged_bytes_and_never_shares_it(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A command reads, then saves under the lock: the same bytes are parsed once; what the
    write batch changes never leaks into the next read, and another writer's bytes are read."""
    storage, parses = visa_file_counting_parses(db_path, monkeypatch)
    with storage.batch(write=False):
        assert storage.read() == {"loans": {"1": {"name": "Visa"}}, **meta_of(storage)}
    rename_visa_to_card(storage)
    assert len(parses) == 1
    with storage.batch(write=False):
        assert (storage.read() or {})["loans"] == {"1": {"name": "Card"}}
    assert len(parses) == 2
    with pytest.raises(RuntimeError), storage.batch():  # a refused save changed its copy
        (storage.read() or {})["loans"]["1"]["name"] = "Lost"
        raise RuntimeError("refused")
    with storage.batch(write=False):
        assert (storage.read() or {})["loans"] == {"1": {"name": "Card"}}
    other = AtomicJSONStorage(db_path)
    other.write({"loans": {"1": {"name": "Loan"}}})
    with storage.batch(write=False):
        assert (storage.read() or {})["loans"] == {"1": {"name": "Loan"}}
    with storage.batch():
        assert (storage.read() or {})["loans"] == {"1": {"name": "Loan"}}


def meta_of(storage: AtomicJSONStorage) -> dict[str, Any]:
    return {"meta": json.loads(storage.path.read_bytes())["meta"]}


def test_batch_without_changes_does_not_write(db_path: Path) -> None:
    storage = AtomicJSONStorage(db_path)
    with storage.batch():
        storage.read()
    assert not db_path.exists()


def test_batch_error_writes_nothing(db_path: Path) -> None:
    storage = AtomicJSONStorage(db_path)
    storage.write({"loans": {"1": {"name": "Kept"}}})
    before = db_path.read_bytes()
    with pytest.raises(RuntimeError), storage.batch():
        storage.write({"loans": {}})
        raise RuntimeError("boom")
    assert db_path.read_bytes() == before
    assert not storage.in_batch


# -- corrupt and unknown files are never overwritten ----------------------------------------------

CORRUPT = [
    pytest.param(b'{"loans": {"1": {"name": "Visa"', id="truncated"),
    pytest.param(b"[1, 2, 3]", id="list"),
    pytest.param(b'{"loans": [1]}', id="table-not-object"),
    pytest.param(b'{"loans": {"1": 5}}', id="doc-not-object"),
    pytest.param(b'{"loans": {"x": {}}}', id="non-numeric-id"),
    pytest.param(b"\xff\xfe\x00garbage", id="not-utf8"),
    pytest.param(b'{"meta": {"1": {"schema_version": "one"}}}', id="bad-version"),
    pytest.param(b'{"meta": {"1": {"schema_version": -1}}}', id="negative-version"),
    pytest.param(b'{"loans": {"1": {"name": "Visa"}}}', id="loan-missing-fields"),
    pytest.param(
        b'{"meta": {"1": {"schema_version": 1, "settings": {"strategy": "yolo"}}}}',
        id="bad-setting",
    ),
]


@pytest.mark.parametrize("content", CORRUPT)
def test_corrupt_file_raises_and_stays_byte_identical(
    db_path: Path, content: bytes, make: Any
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    repo = Repository(db_path)
    attempts = [
        repo.load,
        lambda: repo.add_loan(make.loan("New")),
        lambda: repo.save_settings(repo.settings()),
        lambda: repo.replace_all(repo.load()),
    ]
    for attempt in attempts:
        with pytest.raises(StorageCorrupt) as caught:
            attempt()
        assert str(db_path) in str(caught.value)
        assert "left untouched" in str(caught.value)
    assert db_path.read_bytes() == content
    assert leftovers(db_path.parent) == []


def test_corrupt_file_is_not_overwritten_by_a_direct_write(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"{not json")
    with pytest.raises(StorageCorrupt, match="invalid JSON at line 1"):
        AtomicJSONStorage(db_path).write({})
    assert db_path.read_bytes() == b"{not json"


def test_corrupt_file_message_mentions_the_backup_when_known(tmp_path: Path) -> None:
    error = StorageCorrupt(tmp_path / "db.json", "bad", backup=tmp_path / "backups" / "b1.json")
    assert "b1.json" in str(error)


def test_newer_schema_raises_too_new_and_is_left_alone(db_path: Path, make: Any) -> None:
    db_path.parent.mkdir(parents=True)
    content = json.dumps(
        {"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}, "loans": {}}
    ).encode()
    db_path.write_bytes(content)
    repo = Repository(db_path)
    with pytest.raises(StorageTooNew) as caught:
        repo.load()
    assert caught.value.found == SCHEMA_VERSION + 1
    assert caught.value.known == SCHEMA_VERSION
    assert str(db_path) in str(caught.value)
    assert "upgrade debtcoach" in str(caught.value)
    with pytest.raises(StorageTooNew):
        repo.add_loan(make.loan())
    assert db_path.read_bytes() == content


# -- migrations --------------------------------------------------------------------------------


def test_every_older_version_has_a_migration() -> None:
    assert set(MIGRATIONS) == set(range(0, SCHEMA_VERSION))


def test_migrate_current_or_unversioned_data_is_unchanged() -> None:
    assert migrate({}) == {}
    raw: dict[str, dict[str, Any]] = {"loans": {"1": {"name": "A"}}}
    assert migrate(raw) == {"loans": {"1": {"name": "A"}}}
    current = {"meta": {"1": {"schema_version": SCHEMA_VERSION}}}
    assert migrate(current) == current


def test_migrate_refuses_a_newer_version() -> None:
    with pytest.raises(StorageTooNew):
        migrate({"meta": {"1": {"schema_version": SCHEMA_VERSION + 5}}})


def test_a_registered_migration_runs_on_read_and_is_stamped_on_write(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulate the next schema: it renames loans' `purpose` to `reason`."""
    current, created = SCHEMA_VERSION, "2026-01-01T00:00:00+00:00"

    def rename_purpose(raw: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        for doc in raw.get("loans", {}).values():
            doc["reason"] = doc.pop("purpose", "")
        return raw

    db_path.parent.mkdir(parents=True)
    db_path.write_text(
        json.dumps(
            {
                "meta": {"1": {"schema_version": current, "created_at": created}},
                "loans": {"1": {"name": "A", "purpose": "rent"}},
            }
        )
    )
    monkeypatch.setattr(migrations_module, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(migrations_module.MIGRATIONS, current, rename_purpose)
    storage = AtomicJSONStorage(db_path)
    data = storage.read()
    assert data is not None
    assert data["loans"]["1"] == {"name": "A", "reason": "rent"}
    assert data["meta"]["1"]["schema_version"] == current + 1
    # Reading alone does not rewrite the file; the next write stores the migrated form.
    assert json.loads(db_path.read_text())["meta"]["1"]["schema_version"] == current
    storage.write(data)
    on_disk = json.loads(db_path.read_text())
    assert on_disk["meta"]["1"] == {"schema_version": current + 1, "created_at": created}
    assert on_disk["loans"]["1"] == {"name": "A", "reason": "rent"}
