"""Where the data file is: --db, then DEBTCOACH_DB, then the platform's data folder."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

from debtcoach.store import DB_ENV_VAR, default_data_path, resolve_data_path


def test_default_is_in_the_user_data_folder() -> None:
    path = default_data_path()
    assert path.name == "debtcoach.json"
    assert path.parent == Path(user_data_dir("debtcoach", appauthor=False))


def test_cli_value_wins_over_environment(tmp_path: Path) -> None:
    env = {DB_ENV_VAR: str(tmp_path / "env.json")}
    assert resolve_data_path(str(tmp_path / "cli.json"), env) == tmp_path / "cli.json"


def test_environment_wins_over_default(tmp_path: Path) -> None:
    env = {DB_ENV_VAR: str(tmp_path / "env.json")}
    assert resolve_data_path(None, env) == tmp_path / "env.json"


def test_default_when_nothing_given() -> None:
    assert resolve_data_path(None, {}) == default_data_path()


def test_empty_values_count_as_not_given(tmp_path: Path) -> None:
    assert resolve_data_path("", {DB_ENV_VAR: " "}) == default_data_path()
    assert resolve_data_path("  ", {DB_ENV_VAR: str(tmp_path / "e.json")}) == tmp_path / "e.json"


def test_home_is_expanded() -> None:
    assert resolve_data_path("~/debts.json", {}) == Path.home() / "debts.json"


def test_environment_variable_name() -> None:
    assert DB_ENV_VAR == "DEBTCOACH_DB"
