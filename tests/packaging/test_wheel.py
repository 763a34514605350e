"""A non-editable install must carry everything: themes, sample data, the guidance text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    return next(out.glob("debtcoach-*.whl"))


def test_wheel_carries_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "debtcoach/_data/sample_data/debtcoach.json" in names
    assert "debtcoach/_data/themes/app.tcss" in names
    assert any(n.startswith("debtcoach/_data/themes/") and n.endswith(".toml") for n in names)
    assert "debtcoach/guidance/guidance.txt" in names


def test_installed_wheel_plans_from_cli_data(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    db = str(tmp_path / "d.json")

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        code = "import sys, debtcoach.cli as c; sys.exit(c.main(sys.argv[1:]))"
        return subprocess.run([sys.executable, "-c", code, "--db", db, "--today", "2026-11-23", *args],
                              env=env, capture_output=True, text=True)  # fmt: skip

    where = subprocess.run([sys.executable, "-c", "import debtcoach; print(debtcoach.__file__)"],
                           env=env, capture_output=True, text=True, check=True)  # fmt: skip
    assert where.stdout.startswith(str(target))
    assert cli("loan", "add", "--name", "Visa", "--kind", "credit_card", "--balance", "1000",
               "--apr", "12", "--min-payment", "100").returncode == 0  # fmt: skip
    result = cli("plan", "--json")  # no income yet: a budget of 0 cannot pay the 100.00 minimum
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["shortfall"] == "100.00"
    result = cli("plan", "--budget", "200", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["months"] == 6
    found = subprocess.run(
        [sys.executable, "-c", "from debtcoach.bundled import sample_data_file, themes_dir; "
         "print(sample_data_file().is_file(), len(list(themes_dir().glob('*.toml'))) >= 3)"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert found.stdout.split() == ["True", "True"]


def test_wheel_carries_the_compiled_catalogs(wheel: Path, tmp_path: Path) -> None:
    """The `.mo` is built by the hook from the `.po` in the repository and read by the app."""
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "debtcoach/locale/zh_CN/LC_MESSAGES/debtcoach.mo" in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)  # fmt: skip
    source = target / "debtcoach" / "locale" / "zh_CN" / "LC_MESSAGES" / "debtcoach.po"
    source.unlink()  # only the compiled catalog can answer now
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = ("from debtcoach.bundled import translations; "
            "print(translations('zh_CN').ngettext('{n} month', '{n} months', 3).format(n=3))")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True)  # fmt: skip
    assert out.stdout.strip() == "3 个月"
