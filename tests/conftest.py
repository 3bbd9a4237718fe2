"""Shared fixtures: the real database, built once from the real seeds, and Datasette serving it.

Markers: `browser` (drives Chromium) and `slow` (builds databases of its own, or serves and
measures at length). `make test` runs everything; `make test-fast` (pytest -m "not browser and
not slow") runs the rest in seconds, for the loop while working.

The database is built by `make build` itself, into a temporary folder, so tests never touch
build/; tests of the build's failures run `python -m scripts.build` directly to read its errors.
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `pytest` run as a command finds `scripts` too

from scripts.serve.server import running_server
from scripts.serve.settings import PLUGINS_DIR, SETTINGS, TEMPLATES_DIR
from scripts.tools.chromium import launch as launch_chromium

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
METADATA = REPO / "metadata.yml"


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Debian's Chromium (headless); every test using the browser or page fixture has it")
    config.addinivalue_line("markers", "slow: builds databases of its own or serves and measures at length; `pytest -m 'not browser and not slow'` leaves these out")


def pytest_collection_modifyitems(items):
    """A test that drives the browser is a browser test, whether or not its module says so."""
    for item in items:
        if {"browser", "page"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


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
    """The real database, built by `make build` (the build and its inspect file) from the real seeds."""
    db = tmp_path_factory.mktemp("build") / "kashmir.db"
    result = subprocess.run(["make", "--no-print-directory", "build", f"DB={db}"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return db


@pytest.fixture(scope="session")
def db(built_db) -> sqlite3.Connection:
    connection = sqlite3.connect(f"file:{built_db}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


def datasette_settings(**overrides) -> dict:
    """The served settings (scripts/serve/settings.py), typed as Datasette's Python API takes them."""
    typed = {}
    for name, value in {**SETTINGS, **overrides}.items():
        typed[name] = {"off": False, "on": True}.get(value, int(value) if str(value).isdigit() else value)
    return typed


class DatasetteClient:
    """Datasette running in-process on the built database, configured as `make serve` serves
    it (metadata, plugins, templates, settings), with a synchronous `get`."""

    def __init__(self, db_path: Path, **settings):
        self.loop = asyncio.new_event_loop()
        self.datasette = Datasette(
            immutables=[str(db_path)],
            metadata=yaml.safe_load(METADATA.read_text(encoding="utf-8")),
            plugins_dir=str(PLUGINS_DIR),
            template_dir=str(TEMPLATES_DIR),
            settings=datasette_settings(**settings),
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


@pytest.fixture(scope="session")
def served(built_db):
    """The built database served by a real Datasette on 127.0.0.1, configured as `make serve`."""
    with running_server(built_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by Playwright; never a downloaded browser. Scoped to
    a module: Playwright's sync API holds an event loop while it runs, which in-process
    Datasette tests in other modules need for their own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()
