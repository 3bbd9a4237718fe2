"""Release changes (`scripts/pipeline/release/changes.py`): every build compares itself with the database it
replaces, by stable id, and records what was added, removed and changed, per table, in a
`changes` table and in changes.csv beside the database, against the previous file's sha256."""

from __future__ import annotations

import csv
import hashlib
import sqlite3
from contextlib import closing

import pytest
from conftest import REPO, DatasetteClient, copy_seeds, run_build

# Builds databases of its own, or serves them: left out of `make test-fast`.
pytestmark = pytest.mark.slow


def changes(db) -> list[dict]:
    with closing(sqlite3.connect(db)) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute("select * from changes order by rowid")]


def build(seeds, db) -> None:
    result = run_build(seeds, db)
    assert result.returncode == 0, result.stderr


def test_a_first_build_says_it_has_nothing_to_compare_with(built_db):
    assert changes(built_db) == [
        {"id": "build/no previous build", "table_name": None, "row_id": None, "change": "no previous build", "columns": None, "previous_sha256": None}
    ]


def test_a_rebuild_of_the_same_seeds_changes_nothing_and_names_the_release_it_compared(tmp_path):
    db = tmp_path / "kashmir.db"
    build(REPO / "seeds", db)
    previous_sha256 = hashlib.sha256(db.read_bytes()).hexdigest()
    build(REPO / "seeds", db)
    assert changes(db) == [
        {"id": "build/compared with the previous build", "table_name": None, "row_id": None, "change": "compared with the previous build",
         "columns": None, "previous_sha256": previous_sha256}
    ]
    with open(tmp_path / "changes.csv", newline="", encoding="utf-8") as file:
        assert list(csv.DictReader(file)) == [
            {"table_name": "", "row_id": "", "change": "compared with the previous build", "columns": "", "previous_sha256": previous_sha256}
        ]


def test_an_added_document_and_an_edited_title_are_listed_row_by_row(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    db = tmp_path / "kashmir.db"
    build(seeds, db)
    with closing(sqlite3.connect(db)) as connection:
        before = {table: {row[0] for row in connection.execute(f"select id from {table}")} for table in ("letters", "signatories", "documents")}

    (seeds / "010_pennine_letters.txt").write_bytes((REPO / "tests" / "fixtures" / "other_forms" / "010_pennine_letters.txt").read_bytes())
    metadata = seeds / "documents.yml"
    text = metadata.read_text(encoding="utf-8")
    assert "title: More solidarity with Kashmir" in text
    metadata.write_text(text.replace("title: More solidarity with Kashmir", "title: More solidarity with Kashmir (retitled)"), encoding="utf-8")
    build(seeds, db)

    rows = changes(db)
    assert rows[0]["change"] == "compared with the previous build"
    with closing(sqlite3.connect(db)) as connection:
        after = {table: {row[0] for row in connection.execute(f"select id from {table}")} for table in ("letters", "signatories", "documents")}
    for table in ("letters", "signatories", "documents"):
        added = {row["row_id"] for row in rows if row["table_name"] == table and row["change"] == "added"}
        assert added == after[table] - before[table] and added, table
        assert not [row for row in rows if row["table_name"] == table and row["change"] == "removed"]
    retitled = [row for row in rows if row["table_name"] == "documents" and row["change"] == "changed"]
    assert retitled == [{**retitled[0], "row_id": "000_256be309d504f665", "columns": "title"}]
    assert len({row["id"] for row in rows}) == len(rows)


def test_a_removed_document_lists_its_rows_as_removed(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    db = tmp_path / "kashmir.db"
    (seeds / "010_pennine_letters.txt").write_bytes((REPO / "tests" / "fixtures" / "other_forms" / "010_pennine_letters.txt").read_bytes())
    build(seeds, db)
    with closing(sqlite3.connect(db)) as connection:
        pennine = {row[0] for row in connection.execute("select id from signatories where document_id = '010_pennine_letters'")}
    (seeds / "010_pennine_letters.txt").unlink()
    build(seeds, db)
    removed = {row["row_id"] for row in changes(db) if row["table_name"] == "signatories" and row["change"] == "removed"}
    assert removed == pennine and pennine


def test_the_changes_query_counts_them_per_table(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    db = tmp_path / "kashmir.db"
    build(seeds, db)
    (seeds / "010_pennine_letters.txt").write_bytes((REPO / "tests" / "fixtures" / "other_forms" / "010_pennine_letters.txt").read_bytes())
    build(seeds, db)
    expected = {}
    for row in changes(db):
        key = (row["table_name"] or "the whole database", row["change"])
        expected[key] = expected.get(key, 0) + 1
    client = DatasetteClient(db)
    try:
        rows = client.get("/kashmir/changes_per_table.json?_shape=array").json()
    finally:
        client.close()
    assert {(row["table_name"], row["change"]): row["rows"] for row in rows} == expected
    assert expected[("documents", "added")] == 1
    assert rows[0]["table_name"] == "the whole database" and rows[0]["change"] == "compared with the previous build"
    assert {row["previous_sha256"] for row in rows} == {changes(db)[0]["previous_sha256"]}
