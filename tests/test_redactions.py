"""Privacy: a name in the reviewed redactions file is published as "[withheld]" everywhere,
with the rest of its signature kept, and appears nowhere in the database, index or exports."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest
from conftest import REPO, copy_seeds, run_build

# Builds databases of its own, or serves them: left out of `make test-fast`.
pytestmark = pytest.mark.slow

REDACTIONS = """
redactions:
  - name: Ruth Cashman
    forms: [Ms Cashman, Cashman]
    reason: Test of the redactions file with a name printed in the seeds.
    reviewed_by: the test suite
"""


@pytest.fixture(scope="module")
def redacted(tmp_path_factory):
    seeds = copy_seeds(tmp_path_factory.mktemp("redacted") / "seeds")
    (seeds / "redactions.yml").write_text(REDACTIONS, encoding="utf-8")
    # Withholding a person's name removes their people row: the curator lowers that bound too.
    assertions = seeds / "assertions.yml"
    text = assertions.read_text(encoding="utf-8")
    for old, new in (("people: {min: 21,", "people: {min: 20,"),):
        assert old in text
        text = text.replace(old, new)
    assertions.write_text(text, encoding="utf-8")
    db = seeds.parent / "kashmir.db"
    result = run_build(seeds, db)
    assert result.returncode == 0, result.stderr
    return db


def test_the_name_is_published_as_withheld_with_its_place_role_and_counts_kept(redacted):
    with closing(sqlite3.connect(redacted)) as connection:
        connection.row_factory = sqlite3.Row
        row = connection.execute("select * from signatories where line = 62").fetchone()
        assert (row["name"], row["kind"], row["place"], row["role"], row["position"]) == (
            "[withheld]", "person", "Tooting", "UNISON Branch Secretary", 1)
        assert row["person_id"] is None and row["location_id"] == "tooting-constituency"
        letter = connection.execute("select * from letters where id = ?", [row["letter_id"]]).fetchone()
        assert (letter["signed_by_count"], letter["unnamed_signatories"]) == (3, 300)
        words = connection.execute("select substr(text, ? + 1, ? - ?) from documents where id = ?",
                                   [row["start"], row["end"], row["start"], row["document_id"]]).fetchone()[0]
        assert words == "[withheld], Tooting, UNISON Branch Secretary"


def test_the_name_is_nowhere_in_the_database_file(redacted):
    raw = redacted.read_bytes().lower()
    assert b"cashman" not in raw
    assert b"ruth cashman" not in raw


def test_the_name_is_not_in_the_search_index(redacted):
    with closing(sqlite3.connect(redacted)) as connection:
        for table in ("documents_fts", "signatories_fts", "people_fts", "comments_fts"):
            assert connection.execute(f"select count(*) from {table} where {table} match 'Cashman'").fetchone()[0] == 0
        assert connection.execute("select count(*) from documents_fts where documents_fts match 'withheld'").fetchone()[0] == 1


def test_the_name_is_not_in_the_exports(redacted, tmp_path):
    out = tmp_path / "csv"
    result = subprocess.run([sys.executable, "-m", "scripts.export.csv_tables", "--db", str(redacted), "--out", str(out)], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for path in out.glob("*.csv"):
        assert "cashman" not in path.read_text(encoding="utf-8").lower(), path.name


def test_the_published_seeds_redact_nothing_yet(db):
    assert db.execute("select count(*) from signatories where name = '[withheld]'").fetchone()[0] == 0
