"""The signatories table: one row per printed signature, each pointing at its words."""

from __future__ import annotations

import pytest

from scripts.curated.register import Register
from scripts.pipeline.extract.document import extract_document
from scripts.pipeline.read.documents import Document
from scripts.pipeline.resolve.gazetteer import Gazetteer
from scripts.pipeline.resolve.resolver import Resolver


def signatory(db, name):
    rows = db.execute("select * from signatories where name = ?", [name]).fetchall()
    assert len(rows) == 1, name
    return rows[0]


def mosques_list(db):
    return db.execute(
        "select signatories.* from signatories join letters on letters.id = letter_id "
        "where letters.title = 'letter from the mosques' order by position"
    ).fetchall()


@pytest.mark.parametrize(
    "name, place, role",
    [
        ("Ruth Cashman", "Tooting", "UNISON Branch Secretary"),
        ("Joshua Lovell", "Stevenage", "Councillor, Cambridge UCU Member"),
        ("Syed Tahseen Gilani", "Luton North", "Labour member and President of the Jammu Kashmir Liberation Front (JKLF)"),
    ],
)
def test_the_momentum_signatories_have_their_place_and_role(db, name, place, role):
    row = signatory(db, name)
    assert (row["kind"], row["place"], row["role"]) == ("person", place, role)
    assert row["organisation_id"] is None  # they sign as themselves; their roles name organisations
    assert row["person_id"] is not None


def test_momentum_signatories_are_in_printed_order(db):
    rows = db.execute(
        "select name, position, line from signatories where letter_id = "
        "(select id from letters where title like '%Momentum%') order by position"
    ).fetchall()
    assert [tuple(row) for row in rows] == [("Ruth Cashman", 1, 62), ("Joshua Lovell", 2, 63), ("Syed Tahseen Gilani", 3, 64)]


def test_attiq_malik_signs_on_behalf_of_liberty_law(db):
    row = signatory(db, "Attiq Malik")
    assert row["kind"] == "person"
    assert row["organisation_id"] == "liberty-law"
    assert row["line"] == 120
    assert db.execute("select kind from organisations where id = 'liberty-law'").fetchone()[0] == "legal"


@pytest.mark.parametrize(
    "name, count, unit",
    [
        ("Federation of Redbridge Muslim Organisations (FORMO)", 17, "organisations"),
        ("Hazrat Sultan Bahu Trust", 22, "centres"),
        ("Muslim Association of Kent", 20, "organisations"),
        ("South East London & Kent Council of Mosques (SELKOM)", 7, "organisations"),
        ("Waltham Forest Council of Mosques (WFCOM)", 9, "organisations"),
    ],
)
def test_federations_state_their_member_counts(db, name, count, unit):
    row = signatory(db, name)
    assert (row["member_count"], row["member_unit"]) == (count, unit)
    organisation = db.execute("select * from organisations where id = ?", [row["organisation_id"]]).fetchone()
    assert (organisation["member_count"], organisation["kind"]) == (count, "federation of mosques")


def test_indian_muslim_federation_states_no_member_count(db):
    row = signatory(db, "Indian Muslim Federation UK")
    assert row["member_count"] is None and row["member_unit"] is None


def test_the_mosques_list_is_organisations_but_for_one_person(db):
    kinds = [row["kind"] for row in mosques_list(db)]
    assert len(kinds) == 61
    assert kinds.count("person") == 1


def test_the_mosques_list_keeps_its_printed_order(db):
    names = [row["name"] for row in mosques_list(db)]
    assert names[:2] == ["Federation of Redbridge Muslim Organisations (FORMO)", "Hazrat Sultan Bahu Trust"]
    assert names[-1] == "UKIM Masjid Ibrahim and Islamic Centre Newham"
    assert [row["position"] for row in mosques_list(db)] == list(range(1, 62))
    lines = [row["line"] for row in mosques_list(db)]
    assert lines == sorted(lines) and lines[0] == 105 and lines[-1] == 163


def test_a_name_followed_by_a_place_after_a_comma_gives_the_place(db):
    assert signatory(db, "Tehreek-e-Kashmir UK")["place"] == "London"


def test_every_rows_offsets_point_at_words_that_contain_its_name(db):
    rows = db.execute(
        "select signatories.*, substr(documents.text, start + 1, end - start) as words "
        "from signatories join documents on documents.id = document_id"
    ).fetchall()
    assert len(rows) == 65
    for row in rows:
        assert row["name"] in " ".join(row["words"].split()), row["name"]
        assert row["words"] == row["words"].strip()
        lines = db.execute("select text from documents where id = ?", [row["document_id"]]).fetchone()[0].split("\n")
        assert row["words"].split("\n")[0] in lines[row["line"] - 1]


def test_signature_ids_are_unique_and_say_what_they_are(db):
    ids = [row["id"] for row in db.execute("select id from signatories")]
    assert len(ids) == len(set(ids))
    assert all(identifier.startswith("signature-") for identifier in ids)


LETTER = """Here is the letter from the Tarn Valley imams in full:

We ask for calm.

Yours sincerely,

{earlier}Hillside Mosque, Leeds
Eastgate Islamic Centre
Tarn Valley Muslim Association
"""


def signature_ids(text: str) -> list[str]:
    document = Document("x", "x.txt", "x", None, None, None, None, "0" * 64, text, len(text.split()), text.count("\n"))
    rows = Resolver(Register(), Gazetteer({})).resolve(extract_document(document, [])).rows["signatories"]
    return [row[0] for row in rows]  # id is the first column


def test_signature_ids_do_not_depend_on_position():
    before = signature_ids(LETTER.format(earlier=""))
    after = signature_ids(LETTER.format(earlier="Northfield Mosque\n"))
    assert len(before) == 3 and len(after) == 4
    assert after[1:] == before  # every signature moved down one place and kept its id


def test_reader_comments_are_not_signatures(db):
    comment_authors = {row[0] for row in db.execute("select author from comments")}
    assert comment_authors == {"Ellie Palmer", "Joern Janssen", "RC"}
    signed_names = {row[0] for row in db.execute("select name from signatories")}
    assert not comment_authors & signed_names
    assert db.execute("select count(*) from signatories where line >= 165").fetchone()[0] == 0


def test_a_signatorys_rules_are_rows_of_the_rules_table_shown_by_their_words(db, datasette):
    """kind_rule and reading_rule hold the id of a rules row (4 bytes, not the rule's 30 or so
    characters on every signature); every id is one, and Datasette shows the words."""
    assert db.execute("select count(*) from rules").fetchone()[0] > 0
    dangling = db.execute(
        "select count(*) from signatories where kind_rule not in (select id from rules) or reading_rule not in (select id from rules)"
    ).fetchone()[0]
    assert dangling == 0
    row = db.execute(
        "select signatories.id, kind.rule as kind_words, reading.rule as reading_words from signatories"
        " join rules as kind on kind.id = signatories.kind_rule join rules as reading on reading.id = signatories.reading_rule"
        " where signatories.kind = 'person' limit 1"
    ).fetchone()
    assert row["kind_words"] and row["reading_words"]
    page = datasette.get(f"/kashmir/signatories.json?id={row['id']}&_labels=on&_shape=array").json()[0]
    assert page["kind_rule"]["label"] == row["kind_words"] and page["reading_rule"]["label"] == row["reading_words"]
