"""Statement-level provenance (`provenance` table, `scripts/pipeline/resolve/provenance.py`): every value the
build extracts is traced to its document, its offsets and the raw words before cleaning, with
the method that produced it and the confidence that method gives."""

from __future__ import annotations

import pytest

from scripts.pipeline.resolve import provenance as prov

METHODS = {prov.EXTRACTION_RULE, prov.CORRECTION, prov.GAZETTEER, prov.REGISTER, prov.NAME_INDEX, prov.COUNT}
CONFIDENCES = {prov.AS_PRINTED, prov.CURATED, prov.INFERRED, prov.ONLY_CANDIDATE, prov.BY_CONTEXT, prov.COUNTED}

# Every value of these columns, wherever it is not NULL, has its statement.
TRACED = {
    "signatories": ("name", "kind", "role", "place", "member_count", "organisation_id", "person_id", "location_id"),
    "letters": ("title", "addressee", "organiser_id", "claimed_signatories", "unnamed_signatories", "signed_by_count"),
    "claims": ("count",),
    "comments": ("author", "text"),
    "mentions": ("organisation_id", "person_id", "location_id"),
}


def test_the_raw_words_are_exactly_the_documents_words_at_the_offsets(db):
    rows = db.execute(
        "select provenance.id, raw_text, substr(documents.text, provenance.start + 1, provenance.\"end\" - provenance.start) as words"
        " from provenance join documents on documents.id = provenance.document_id where provenance.start is not null"
    ).fetchall()
    assert len(rows) > 400
    assert [row["id"] for row in rows if row["raw_text"] != row["words"]] == []


@pytest.mark.parametrize("table, column", [(table, column) for table, columns in TRACED.items() for column in columns])
def test_every_extracted_value_has_one_statement_holding_it(db, table, column):
    values = {row[0]: str(row[1]) for row in db.execute(f"select id, [{column}] from {table} where [{column}] is not null")}
    statements = {
        row["row_id"]: row["value"]
        for row in db.execute("select row_id, value from provenance where table_name = ? and column_name = ?", [table, column])
    }
    assert statements == values


def test_a_statement_id_is_the_hash_of_what_it_is_about(db):
    for row in db.execute("select id, table_name, row_id, column_name from provenance"):
        assert row["id"] == prov.statement_id(row["table_name"], row["row_id"], row["column_name"])


def test_methods_and_confidences_come_from_the_fixed_sets(db):
    assert {row[0] for row in db.execute("select distinct method from provenance")} <= METHODS
    assert {row[0] for row in db.execute("select distinct confidence from provenance")} <= CONFIDENCES
    # Every value read from the text has offsets; only counts have none.
    assert db.execute("select count(*) from provenance where start is null and method != 'count'").fetchone()[0] == 0


def test_values_from_a_correction_name_it_and_a_curator_can_list_them(db, datasette):
    corrected = {row[0]: row[1] for row in db.execute("select id, correction_id from signatories where corrected")}
    assert corrected
    rows = datasette.get("/kashmir/provenance.json?method=correction&column_name=name&_shape=array&_size=max").json()
    assert {row["row_id"]: row["source"] for row in rows} == corrected
    assert all(row["confidence"] == "curated" for row in rows)
    # The raw words are kept beside the value read from them.
    row = db.execute("select * from provenance where table_name = 'letters' and column_name = 'unnamed_signatories'").fetchone()
    assert (row["value"], row["raw_text"], row["method"]) == ("300", "and 300 others", "extraction rule")


def test_a_place_chosen_by_context_says_so_with_the_gazetteer_entry(db):
    row = db.execute(
        "select provenance.* from provenance join signatories on signatories.id = provenance.row_id"
        " where provenance.column_name = 'location_id' and provenance.confidence = 'decided by context'"
    ).fetchone()
    assert row["raw_text"] == "Gillingham" and row["method"] == "gazetteer"
    assert "within Kent" in row["rule"]
    assert row["source"] == db.execute("select source from locations where id = ?", [row["value"]]).fetchone()[0]
