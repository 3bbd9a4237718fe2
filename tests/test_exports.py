"""`make csv`: every table and the map view as CSV, checked with csvkit."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from conftest import REPO

# Builds databases of its own, or serves them: left out of `make test-fast`.
pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
EXPECTED_FILES = {
    "documents", "letters", "claims", "signatories", "organisations", "people", "locations", "mentions",
    "comments", "corrections", "signatory_map", "places_to_review", "changes", "provenance", "to_review", "appearances", "rules", "location_statuses",
    "local_authorities", "originals",
}


@pytest.fixture(scope="module")
def exported(built_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "csv"
    result = subprocess.run(
        ["make", "--no-print-directory", "csv", f"DB={built_db}", f"CSV_DIR={out}"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def csvkit(tool: str, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / tool), *arguments], capture_output=True, text=True)


def test_every_table_and_the_map_view_is_exported(exported):
    assert {path.stem for path in exported.glob("*.csv")} == EXPECTED_FILES


@pytest.mark.parametrize("name", sorted(EXPECTED_FILES))
def test_each_file_is_valid_utf8_csv_with_the_tables_columns_and_rows(exported, built_db, name):
    path = exported / f"{name}.csv"
    path.read_bytes().decode("utf-8")  # strict: raises on anything that is not UTF-8
    clean = csvkit("csvclean", "--length-mismatch", str(path))
    assert clean.returncode == 0, clean.stdout + clean.stderr

    with closing(sqlite3.connect(built_db)) as connection:
        columns = [row[1] for row in connection.execute(f"pragma table_info([{name}])")]
        count = connection.execute(f"select count(*) from [{name}]").fetchone()[0]
    names = csvkit("csvcut", "-n", str(path)).stdout.splitlines()
    assert [line.split(":", 1)[1].strip() for line in names] == columns
    counted = csvkit("csvstat", "--count", str(path))
    assert counted.returncode == 0, counted.stderr
    assert int(counted.stdout.strip().split()[-1]) == count


def test_exported_text_keeps_curly_quotes_and_line_breaks(exported):
    import csv

    with open(exported / "documents.csv", encoding="utf-8", newline="") as file:
        rows = {row["id"]: row for row in csv.DictReader(file)}
    jvl = rows["000_256be309d504f665"]["text"]
    assert "Starmer’s" in jvl and jvl.count("\n") == 184
