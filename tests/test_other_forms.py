"""A document of our own, in the seeds' forms with other names and places, is extracted with no
change to the code: the rules, not lists of names, find its letters and signatures."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from conftest import REPO, run_build

# Builds databases of its own, or serves them: left out of `make test-fast`.
pytestmark = pytest.mark.slow

FIXTURE = REPO / "tests" / "fixtures" / "other_forms"


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    db = tmp_path_factory.mktemp("other") / "other.db"
    result = run_build(FIXTURE, db)
    assert result.returncode == 0, result.stderr
    with closing(sqlite3.connect(db)) as connection:
        connection.row_factory = sqlite3.Row
        yield connection


def letters(other):
    return {row["title"]: row for row in other.execute("select * from letters")}


def signatures(other, title):
    return other.execute(
        "select signatories.* from signatories join letters on letters.id = letter_id where title = ? order by position",
        [title],
    ).fetchall()


def test_both_letters_are_found_with_their_counts(other):
    found = letters(other)
    assert set(found) == {"open letter organised by Pennine Friends of Kashmir", "statement from the mosques of the Pennines"}
    open_letter = found["open letter organised by Pennine Friends of Kashmir"]
    assert (open_letter["signed_by_count"], open_letter["unnamed_signatories"], open_letter["claimed_signatories"]) == (3, 12, 40)
    assert open_letter["organiser_id"] == "pennine-friends-of-kashmir"
    assert open_letter["addressee"] == "the Prime Minister"
    statement = found["statement from the mosques of the Pennines"]
    assert (statement["kind"], statement["addressee"], statement["signed_by_count"]) == ("statement", "Prime Minister", 4)


def test_name_place_role_lines(other):
    rows = signatures(other, "open letter organised by Pennine Friends of Kashmir")
    assert [(row["name"], row["kind"], row["place"], row["role"]) for row in rows] == [
        ("Amina Rahman", "person", "Oldham", "Councillor, GMB Branch Chair"),
        ("Daniel Hughes", "person", "Rochdale West", "Labour member"),
        ("Cllr Farah Qureshi", "person", "Bolton", "Councillor"),  # "Cllr" names the post
    ]
    assert rows[2]["person_id"] == "farah-qureshi"


def test_a_list_after_a_valediction(other):
    rows = signatures(other, "statement from the mosques of the Pennines")
    assert [(row["name"], row["kind"], row["organisation_id"], row["member_count"], row["place"]) for row in rows] == [
        ("Pennine Council of Mosques", "organisation", "pennine-council-of-mosques", 14, None),
        ("Valley Central Mosque", "organisation", "valley-central-mosque", None, None),
        ("Yusuf Ahmed", "person", "calder-youth-forum", None, None),
        ("Moorside Islamic Society", "organisation", "moorside-islamic-society", None, "Accrington"),
    ]
    kinds = dict(other.execute("select id, kind from organisations").fetchall())
    assert kinds["pennine-council-of-mosques"] == "federation of mosques"
    assert kinds["valley-central-mosque"] == "mosque or Islamic centre"


def test_a_comment_quoting_a_signature_is_not_one(other):
    assert other.execute("select count(*) from signatories where name = 'Amina Rahman'").fetchone()[0] == 1
    assert other.execute("select author from comments").fetchall()[0][0] == "Sam Jones"


def test_a_folder_without_register_or_corrections_still_has_every_table(other):
    tables = {row[0] for row in other.execute("select name from sqlite_master where type = 'table'")}
    assert {"documents", "letters", "signatories", "organisations", "people", "mentions", "comments", "corrections", "claims"} <= tables
    assert other.execute("select count(*) from corrections").fetchone()[0] == 0
