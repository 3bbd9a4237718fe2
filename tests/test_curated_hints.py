"""A curated hint in `documents.yml` (`signature_lists`) reads a list of signatures that no rule
reads: its lines, the list's first line as printed, and the order of the fields. Without it
the letter goes to review; with it the signatures are read and traced to the hint; a hint
whose first line no longer reads as quoted stops the build naming it."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing

import pytest
from conftest import REPO, run_build

pytestmark = pytest.mark.slow

FIXTURE = REPO / "tests" / "fixtures" / "hint"


def build(tmp_path, documents_yml: str | None):
    seeds = tmp_path / "seeds"
    shutil.copytree(FIXTURE, seeds)
    if documents_yml is None:
        (seeds / "documents.yml").unlink()
    else:
        (seeds / "documents.yml").write_text(documents_yml, encoding="utf-8")
    return run_build(seeds, tmp_path / "kashmir.db"), tmp_path / "kashmir.db"


def rows(db, sql):
    with closing(sqlite3.connect(db)) as connection:
        return connection.execute(sql).fetchall()


def test_without_a_hint_the_unread_list_goes_to_review(tmp_path):
    result, db = build(tmp_path, None)
    assert result.returncode == 0, result.stderr
    assert "to review: 1" in result.stdout
    assert rows(db, "select count(*) from signatories") == [(0,)]
    assert rows(db, "select problem, line_start from to_review") == [("letter without signatures", 7)]


def test_a_hint_reads_each_line_in_its_field_order_and_is_traced_to_it(tmp_path):
    result, db = build(tmp_path, (FIXTURE / "documents.yml").read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    assert rows(db, "select name, kind, role, place from signatories order by position") == [
        ("Amira Khan", "person", "Nurse", "Leeds"), ("Tom Preston", "person", "Teacher", "Luton"),
    ]
    assert rows(db, "select signature_rule from letters") == [("curated hint",)]
    assert rows(db, "select count(*) from to_review") == [(0,)]
    assert set(rows(db, "select method, source, confidence from provenance where table_name = 'signatories' and column_name = 'name'")) == {
        ("curated hint", "documents.yml:4", "curated"),
    }


def test_a_hint_whose_first_line_no_longer_reads_as_quoted_stops_the_build_naming_it(tmp_path):
    changed = (FIXTURE / "documents.yml").read_text(encoding="utf-8").replace("first: Amira Khan; Nurse; Leeds", "first: Amira Khan; Nurse; York")
    result, db = build(tmp_path, changed)
    assert result.returncode == 1
    assert "documents.yml:4: signature list hint: line 10 no longer reads 'Amira Khan; Nurse; York'" in result.stderr
    assert not db.exists()
