"""Where the data file is: --db, then DEBTCOACH_DB, then the platform's data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from platformdirs import user_data_dir

from debtcoach.store import DB_ENV_VAR, StoreInputError, default_data_path, resolve_data_path
from debtcoach.store.paths import protected_path_problem

from .writers import run_cli


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


def test_an_empty_environment_variable_counts_as_unset(tmp_path: Path) -> None:
    assert resolve_data_path(None, {DB_ENV_VAR: ""}) == default_data_path()
    assert resolve_data_path(None, {DB_ENV_VAR: " "}) == default_data_path()


@pytest.mark.parametrize("typed", ["", "  "])
def test_an_explicit_empty_db_is_bad_input(tmp_path: Path, typed: str) -> None:
    env = {DB_ENV_VAR: str(tmp_path / "e.json")}
    with pytest.raises(StoreInputError, match=r"^--db: the path is empty$"):
        resolve_data_path(typed, env)


def test_the_cli_refuses_an_empty_db_and_touches_no_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    data_home = home / ".local" / "share"
    result = run_cli("", "loan", "add", "--name", "Visa", "--kind", "credit_card",
                     "--balance", "500", "--apr", "18", "--min-payment", "25",
                     HOME=str(home), XDG_DATA_HOME=str(data_home))  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip() == "debtcoach: --db: the path is empty"
    assert not home.exists()


def test_home_is_expanded() -> None:
    assert resolve_data_path("~/debts.json", {}) == Path.home() / "debts.json"


def test_environment_variable_name() -> None:
    assert DB_ENV_VAR == "DEBTCOACH_DB"


# -- paths an export must not write -----------------------------------------------------------


@pytest.fixture
def written_db(tmp_path: Path) -> Path:
    """A data file that has been saved twice: it has its lock file and one backup."""
    db = tmp_path / "data" / "debtcoach.json"
    for name in ("A", "B"):
        result = run_cli(db, "loan", "add", "--name", name, "--kind", "credit_card",
                         "--balance", "500", "--apr", "18", "--min-payment", "25")  # fmt: skip
        assert result.returncode == 0, result.stderr
    return db


def test_the_data_file_its_lock_temps_and_backups_are_protected(written_db: Path) -> None:
    folder = written_db.parent
    (backup,) = (folder / "backups").iterdir()
    temp = folder / ".debtcoach.json.k3j4h5.tmp"
    temp.write_text("half a write")
    assert "the data file" in (protected_path_problem(written_db, written_db) or "")
    lock = folder / "debtcoach.json.lock"
    assert lock.is_file()
    assert "lock file" in (protected_path_problem(lock, written_db) or "")
    assert "temp file" in (protected_path_problem(temp, written_db) or "")
    assert "backups folder" in (protected_path_problem(backup, written_db) or "")
    assert "backups folder" in (protected_path_problem(folder / "backups", written_db) or "")
    new_in_backups = folder / "backups" / "mine.csv"
    assert "backups folder" in (protected_path_problem(new_in_backups, written_db) or "")
    # Spelled another way, it is still the same file.
    roundabout = folder / "backups" / ".." / "debtcoach.json"
    assert "the data file" in (protected_path_problem(roundabout, written_db) or "")


def test_symlinks_and_hard_links_to_protected_files_are_protected(
    written_db: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "out"
    elsewhere.mkdir()
    to_data = elsewhere / "export.csv"
    to_data.symlink_to(written_db)
    assert "the data file" in (protected_path_problem(to_data, written_db) or "")
    (backup,) = (written_db.parent / "backups").iterdir()
    to_backup = elsewhere / "letter.md"
    to_backup.symlink_to(backup)
    assert "backups folder" in (protected_path_problem(to_backup, written_db) or "")
    hard = elsewhere / "hard.json"
    hard.hardlink_to(written_db)
    assert "the data file" in (protected_path_problem(hard, written_db) or "")


def test_a_symlinked_data_path_protects_the_file_it_points_to(
    written_db: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link" / "debtcoach.json"
    link.parent.mkdir()
    link.symlink_to(written_db)
    assert "the data file" in (protected_path_problem(written_db, link) or "")
    real_temp = written_db.parent / ".debtcoach.json.abc.tmp"
    assert "temp file" in (protected_path_problem(real_temp, link) or "")


def test_other_paths_may_be_written(written_db: Path, tmp_path: Path) -> None:
    folder = written_db.parent
    for path in (
        folder / "export.csv",
        folder / "debtcoach.json.csv",
        folder / "backups-old" / "x.json",
        tmp_path / "elsewhere" / "debtcoach.json",
        folder / ".debtcoach.json.tmp.txt",
    ):
        assert protected_path_problem(path, written_db) is None, path
