"""Hypothesis fuzzing of every parser that user text or a file reaches.

Each parser either returns a value or raises its one documented error (a sentence for the user);
never anything else. An import that fails leaves the data file byte for byte as it was; one that
succeeds loads back exactly what was imported.
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debtcoach.bundled import sample_data_file
from debtcoach.cli import main
from debtcoach.domain.calendar import DateError, parse_date, parse_week
from debtcoach.domain.models import Household, InvalidName, validate_name
from debtcoach.domain.money import MoneyError, parse_money, parse_rate
from debtcoach.store import Repository, StoreError
from debtcoach.store.exchange import ExchangeError, household_from_json, household_to_json

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text that looks like what people and files actually contain, plus anything at all.
numberish = st.one_of(
    st.text(max_size=30),
    st.from_regex(
        r"\s*-?[0-9,_]{0,16}(\.[0-9]{0,8})?([eE][+-]?[0-9]{1,7})?\s*%?\s*", fullmatch=True
    ),
    st.sampled_from(["NaN", "-inf", "Infinity", "sNaN", "1e999999999", "1e-999999999", "0E-1000"]),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
dateish = st.one_of(
    st.text(max_size=20),
    st.from_regex(r"\s*[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}\s*", fullmatch=True),
    st.from_regex(r"\s*[0-9]{1,5}-[wW][0-9]{1,3}\s*", fullmatch=True),
    st.dates().map(str),
)


@FUZZ
@given(text=numberish, currency=st.sampled_from(["USD", "JPY", "CNY", "BHD"]))
def test_parse_money_only_raises_money_error(text: str, currency: str) -> None:
    try:
        amount = parse_money(text, currency, what="--balance")
    except MoneyError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert amount.currency == currency
    assert amount.minor >= 0


@FUZZ
@given(text=numberish)
def test_parse_rate_only_raises_money_error(text: str) -> None:
    try:
        rate = parse_rate(text, what="--apr")
    except MoneyError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert 0 <= rate <= 1000


@FUZZ
@given(text=dateish)
def test_parse_date_and_week_only_raise_date_error(text: str) -> None:
    for parse in (parse_date, parse_week):
        try:
            parse(text)
        except DateError as exc:
            assert str(exc)


@FUZZ
@given(text=st.text(max_size=80))
def test_validate_name_only_raises_invalid_name(text: str) -> None:
    try:
        name = validate_name(text)
    except InvalidName as exc:
        assert str(exc)
        return
    assert name == name.strip() and 0 < len(name) <= 60


# -- import files ------------------------------------------------------------------------------

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**15), max_value=10**15),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=12),
        st.sampled_from(["", "0", "-1", "1e400", "12.345", "2026-02-30", "2026-W53", "NaN"]),
    ),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _sample_export() -> dict[str, Any]:
    household = Repository(sample_data_file()).load()
    return household_to_json(household)


SAMPLE_EXPORT = _sample_export()


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


ALL_PATHS = [path for path in _paths(SAMPLE_EXPORT) if path]


@st.composite
def mutated_exports(draw: st.DrawFn) -> Any:
    data = copy.deepcopy(SAMPLE_EXPORT)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent: Any = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            action = draw(st.sampled_from(["replace", "delete", "duplicate"]))
            if action == "delete" and isinstance(parent, dict):
                parent.pop(path[-1], None)
            elif action == "duplicate" and isinstance(parent, list) and parent:
                parent.append(copy.deepcopy(parent[path[-1] % len(parent)]))
            else:
                parent[path[-1]] = draw(json_values)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this place
    if draw(st.booleans()):
        return data
    return draw(json_values)  # sometimes not an export at all


def _comparable(household: Household) -> Household:
    return Household(
        settings=household.settings,
        loans=household.loans,
        income=household.income,
        expenses=household.expenses,
        family_loans=household.family_loans,
        contacts=household.contacts,
        checkins=tuple(sorted(household.checkins, key=lambda c: c.week)),
        balances=household.balances,
    )


@pytest.fixture(scope="module")
def target_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-import")


@FUZZ
@given(data=mutated_exports())
def test_import_validates_everything_before_writing_anything(data: Any, target_dir: Path) -> None:
    target = target_dir / "debtcoach.json"
    shutil.copyfile(sample_data_file(), target)
    before = target.read_bytes()
    try:
        household = household_from_json(data)
    except ExchangeError as exc:
        assert str(exc) and "\n" not in str(exc)
        assert target.read_bytes() == before
        return
    repo = Repository(target)
    try:
        repo.replace_all(household)
    except StoreError:
        assert target.read_bytes() == before  # refused whole: nothing written
        return
    assert _comparable(repo.load()) == _comparable(household)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=mutated_exports())
def test_cli_import_exits_0_or_2_and_never_half_writes(
    data: Any, target_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = target_dir / "cli.json"
    shutil.copyfile(sample_data_file(), target)
    before = target.read_bytes()
    source = target_dir / "import.json"
    source.write_text(json.dumps(data))
    code = main(["--db", str(target), "import", str(source)])
    err = capsys.readouterr().err
    assert code in (0, 2), err
    assert "Traceback" not in err
    if code == 2:
        assert err.count("\n") == 1
        assert target.read_bytes() == before


def test_export_import_round_trip_is_identical(tmp_path: Path) -> None:
    """export -> import into an empty file -> the same household, field for field."""
    source = Repository(sample_data_file()).load()
    exported = json.loads(json.dumps(household_to_json(source)))
    fresh = Repository(tmp_path / "new" / "debtcoach.json")
    fresh.replace_all(household_from_json(exported))
    assert fresh.load() == source
    assert household_to_json(fresh.load()) == household_to_json(source)


# -- the data file itself ----------------------------------------------------------------------

SAMPLE_BYTES = Path(sample_data_file()).read_bytes()


@st.composite
def damaged_files(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["truncate", "flip", "splice", "json"]))
    if kind == "truncate":
        return SAMPLE_BYTES[: draw(st.integers(0, len(SAMPLE_BYTES) - 1))]
    if kind == "flip":
        at = draw(st.integers(0, len(SAMPLE_BYTES) - 1))
        return SAMPLE_BYTES[:at] + bytes([draw(st.integers(0, 255))]) + SAMPLE_BYTES[at + 1 :]
    if kind == "splice":
        at = draw(st.integers(0, len(SAMPLE_BYTES)))
        return SAMPLE_BYTES[:at] + draw(st.binary(max_size=8)) + SAMPLE_BYTES[at:]
    raw = json.loads(SAMPLE_BYTES)
    table = draw(st.sampled_from(sorted(raw)))
    doc_id = draw(st.sampled_from(sorted(raw[table])))
    field = draw(st.sampled_from(sorted(raw[table][doc_id]) or ["x"]))
    raw[table][doc_id][field] = draw(json_values)
    return json.dumps(raw).encode()


@FUZZ
@given(content=damaged_files())
def test_a_damaged_data_file_is_refused_and_never_overwritten(
    content: bytes, target_dir: Path, make: Any
) -> None:
    target = target_dir / "damaged.json"
    target.write_bytes(content)
    repo = Repository(target, backups=False)
    try:
        repo.load()
    except StoreError as exc:
        assert str(target) in str(exc)
        with pytest.raises(StoreError):
            repo.add_loan(make.loan("Fuzz-new"))
        assert target.read_bytes() == content
        return
    try:
        repo.add_loan(make.loan("Fuzz-new"))  # a file that loads can be written, or is refused
    except StoreError:
        assert target.read_bytes() == content
