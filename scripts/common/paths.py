"""Where the project's folders are, for code that runs from any working directory."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BUILD_DIR = REPO / "build"


def package_data(package: str, *parts: str) -> Path:
    """A data file an installed package carries, found without importing the package (whose
    code, and its dependencies, the build never needs)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the package {package} is not installed: run `make install`")
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)
