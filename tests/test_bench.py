"""`make bench` keeps running: the benchmark script, run whole on a tiny corpus, builds each
size, measures SQLite's floor, serves the largest and times every table page, search and canned
query of metadata.yml (each answering 200), and times the map in Chromium."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench")
    command = [sys.executable, "-m", "scripts.tools.bench", "4", "8", "--bench-dir", str(folder), "--out", str(folder / "bench.md"), "--repeats", "2"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return json.loads((folder / "bench.json").read_text(encoding="utf-8")), (folder / "bench.md").read_text(encoding="utf-8")


def test_every_size_is_built_and_compared_with_the_sqlite_floor(report):
    figures, _ = report
    assert [build["documents"] for build in figures["builds"]] == [4, 8]
    for build in figures["builds"]:
        assert build["signatures"] > 0 and build["wall_s"] > 0 and build["floor_s"] > 0 and build["db_mb"] > 0


def test_every_canned_query_in_the_metadata_is_timed_and_answers(report, metadata):
    figures, _ = report
    timed = {row["what"].removeprefix("canned query: ") for row in figures["serving"] if row["what"].startswith("canned query: ")}
    assert timed == set(metadata["databases"]["kashmir"]["queries"])
    for row in figures["serving"]:
        assert row["statuses"] == [200], row


def test_the_map_shows_its_markers(report):
    figures, markdown = report
    assert len(figures["map"]) == 3
    for run in figures["map"]:
        assert run["markers_shown"] == run["markers_expected"] > 0, run
    for heading in ("## Build", "## Serving the largest database", "## The map in headless Chromium"):
        assert heading in markdown
