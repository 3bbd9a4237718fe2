"""Shared fixtures: the real database, built once from the real seeds, and Datasette serving it.

The database is built by running the build command itself (`python -m scripts.build`), the
same way `make build` does, into a temporary folder, so tests never touch build/.
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import yaml
from datasette.app import Datasette

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
METADATA = REPO / "metadata.yml"


def run_build(seeds: Path, db: Path) -> subprocess.CompletedProcess:
    """Run the build command as a user would; never raises, so tests can read its failures."""
    return subprocess.run(
        [sys.executable, "-m", "scripts.build", "--seeds", str(seeds), "--db", str(db)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )


def copy_seeds(destination: Path) -> Path:
    """A private copy of the real seeds folder, for tests that add or break documents."""
    shutil.copytree(SEEDS, destination)
    return destination


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("build") / "kashmir.db"
    result = run_build(SEEDS, db)
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture(scope="session")
def db(built_db) -> sqlite3.Connection:
    connection = sqlite3.connect(f"file:{built_db}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


class DatasetteClient:
    """Datasette running in-process on the built database, with a synchronous `get`."""

    def __init__(self, db_path: Path):
        self.loop = asyncio.new_event_loop()
        self.datasette = Datasette(
            immutables=[str(db_path)],
            metadata=yaml.safe_load(METADATA.read_text(encoding="utf-8")),
            settings={"suggest_facets": False},
        )
        self.loop.run_until_complete(self.datasette.invoke_startup())

    def get(self, path: str) -> httpx.Response:
        return self.loop.run_until_complete(self.datasette.client.get(path))

    def close(self) -> None:
        self.loop.close()


@pytest.fixture(scope="session")
def datasette(built_db) -> DatasetteClient:
    client = DatasetteClient(built_db)
    yield client
    client.close()


@pytest.fixture(scope="session")
def metadata() -> dict:
    return yaml.safe_load(METADATA.read_text(encoding="utf-8"))
