"""How the build behaves: any folder in, stable ids out, and a failed build loses nothing."""

from __future__ import annotations

import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest
from conftest import REPO, copy_seeds, run_build

# Builds databases of its own, or serves them: left out of `make test-fast`.
pytestmark = pytest.mark.slow

NEW_DOCUMENT = """

Councillors sign letter on Kashmir

A second paragraph that mentions Srinagar.
"""


def rows(db_path: Path, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(db_path)) as connection:
        return connection.execute(sql).fetchall()


def dump(db_path: Path) -> list[str]:
    with closing(sqlite3.connect(db_path)) as connection:
        return list(connection.iterdump())


def assert_build_ok(seeds: Path, db: Path) -> None:
    result = run_build(seeds, db)
    assert result.returncode == 0, result.stderr


def test_a_document_dropped_into_the_folder_is_built_and_other_ids_do_not_change(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    db = tmp_path / "kashmir.db"
    assert_build_ok(seeds, db)
    before = rows(db, "select id, sha256, title, published from documents order by id")

    (seeds / "002_new_letter.txt").write_text(NEW_DOCUMENT, encoding="utf-8")
    assert_build_ok(seeds, db)

    after = rows(db, "select id, sha256, title, published from documents order by id")
    assert [row for row in after if row[0] != "002_new_letter"] == before
    new = rows(db, "select title, publisher, url, published, published_note from documents where id = '002_new_letter'")
    # No metadata entry: the title is the first non-empty line, everything else unknown.
    assert new == [("Councillors sign letter on Kashmir", None, None, None, None)]
    assert rows(
        db, "select id from documents join documents_fts on documents.rowid = documents_fts.rowid where documents_fts match 'Srinagar'"
    ) == [
        ("002_new_letter",)
    ]


def test_adding_a_document_changes_no_existing_id_in_any_table(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    db = tmp_path / "kashmir.db"
    assert_build_ok(seeds, db)
    tables = ("letters", "signatories", "organisations", "people", "mentions", "comments", "claims", "corrections")
    before = {table: set(rows(db, f"select id from {table}")) for table in tables}

    fixture = REPO / "tests" / "fixtures" / "other_forms" / "010_pennine_letters.txt"
    (seeds / "010_pennine_letters.txt").write_bytes(fixture.read_bytes())
    assert_build_ok(seeds, db)

    for table in tables:
        after = set(rows(db, f"select id from {table}"))
        assert before[table] <= after, table
    assert rows(db, "select count(*) from letters") == [(5,)]


def test_a_folder_without_a_metadata_file_builds(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    (seeds / "documents.yml").unlink()
    db = tmp_path / "plain.db"
    assert_build_ok(seeds, db)
    assert rows(db, "select count(*), count(publisher), count(published) from documents") == [(3, 0, 0)]
    assert rows(db, "select title from documents where id = '001_6f5deee30d7d4c90'") == [("End The Occupation of Kashmir!",)]


def test_two_builds_give_the_same_rows(tmp_path):
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    assert_build_ok(REPO / "seeds", first)
    assert_build_ok(REPO / "seeds", second)
    assert dump(first) == dump(second)


def test_make_build_takes_any_seeds_folder_and_database_path(tmp_path):
    seeds = tmp_path / "other-seeds"
    seeds.mkdir()
    (seeds / "only.txt").write_text(NEW_DOCUMENT, encoding="utf-8")
    db = tmp_path / "out" / "other.db"
    result = subprocess.run(
        ["make", "--no-print-directory", "build", f"SEEDS={seeds}", f"DB={db}"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert rows(db, "select id, title from documents") == [("only", "Councillors sign letter on Kashmir")]


# Each bad input: what to write into a copy of the seeds, and where the error must point.
BAD_INPUTS = {
    "latin-1 text": ("bad.txt", "Kashmir appeal\nDonations: £5\n".encode("latin-1"), "bad.txt:2: not UTF-8"),
    "NUL byte": ("bad.txt", b"Title\n\nline three\x00\n", "bad.txt:3: contains a NUL byte"),
    "image renamed .txt": ("bad.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "bad.txt:3: contains a NUL byte"),
    "empty file": ("bad.txt", b"", "bad.txt: document is empty"),
    "whitespace only": ("bad.txt", b"  \n\t\n\n", "bad.txt: document is empty"),
    "bad date": ("documents.yml", b'x.txt:\n  title: X\n  published: "2020-13"\n', "documents.yml:3: published '2020-13'"),
    "unknown field": ("documents.yml", b"x.txt:\n  titel: X\n", "documents.yml:2: unknown field 'titel'"),
    "entry for a missing file": ("documents.yml", b"x.txt:\n  title: X\nmissing.txt:\n  title: Y\n", "documents.yml:3: entry for missing.txt"),
    "broken YAML": ("documents.yml", b"x.txt:\n  title: [unclosed\n", "documents.yml:3: not valid YAML"),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_a_failed_build_names_file_and_line_and_keeps_the_previous_database(tmp_path, case):
    file_name, content, expected_error = BAD_INPUTS[case]
    seeds = copy_seeds(tmp_path / "seeds")
    db = tmp_path / "kashmir.db"
    assert_build_ok(seeds, db)
    previous_bytes = db.read_bytes()
    previous_changes = (tmp_path / "changes.csv").read_bytes()

    (seeds / "x.txt").write_text("Title of x\n", encoding="utf-8")
    (seeds / file_name).write_bytes(content)
    result = run_build(seeds, db)

    assert result.returncode == 1
    assert expected_error in result.stderr
    assert result.stderr.startswith("build failed: ")
    assert db.read_bytes() == previous_bytes
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert (tmp_path / "changes.csv").read_bytes() == previous_changes
    assert sorted(path.name for path in tmp_path.iterdir()) == ["changes.csv", "kashmir.db", "seeds"]


def test_an_unwritable_build_folder_is_a_clear_error(tmp_path):
    not_a_folder = tmp_path / "build"
    not_a_folder.write_text("a file where the build folder should be")
    result = run_build(REPO / "seeds", not_a_folder / "kashmir.db")
    assert result.returncode == 1
    assert f"{not_a_folder}: cannot create the build folder" in result.stderr


def test_an_empty_seeds_folder_does_not_replace_a_database(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_build(tmp_path / "empty", tmp_path / "kashmir.db")
    assert result.returncode == 1
    assert "no documents in the seeds folder (*.txt, *.html, *.htm, *.pdf)" in result.stderr
    assert not (tmp_path / "kashmir.db").exists()
