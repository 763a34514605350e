"""Where the files that ship beside the code live: `themes/` and `sample_data/`.

In a wheel they are packaged under `debtcoach/_data/`; in a source checkout (editable install)
they sit at the repository root. Resolve them here and nowhere else.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent.parent / name


def themes_dir() -> Path:
    return _bundled("themes")


def sample_data_dir() -> Path:
    return _bundled("sample_data")


def sample_data_file() -> Path:
    return sample_data_dir() / "debtcoach.json"
