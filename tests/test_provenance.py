"""Statement-level provenance (`provenance` table, `scripts/pipeline/resolve/provenance.py`): every value the
build extracts is traced to its document and its words, with the method that produced it and the
confidence that method gives: by a statement of its own, or, where the value is printed word for
word within its own row's words and read by the rule the row names, by the row itself."""

from __future__ import annotations

import functools

import pytest

from scripts.common.identifiers import normalise_name
from scripts.common.paths import REPO
from scripts.pipeline.resolve import provenance as prov
from scripts.pipeline.resolve.gazetteer import load_gazetteer

METHODS = {prov.EXTRACTION_RULE, prov.CORRECTION, prov.GAZETTEER, prov.REGISTER, prov.COUNT, prov.HINT}
CONFIDENCES = {prov.AS_PRINTED, prov.CURATED, prov.INFERRED, prov.ONLY_CANDIDATE, prov.BY_CONTEXT, prov.COUNTED}

# Every value of these columns, wherever it is not NULL, is traced: by its statement, or by its
# row as the statement's "row" rule says (see `said_by_its_row` below).
TRACED = {
    "signatories": ("name", "kind", "role", "place", "affiliation", "heading", "member_count", "organisation_id", "person_id", "location_id", "title_place_id"),
    "letters": ("title", "addressee", "organiser_id", "claimed_signatories", "unnamed_signatories", "signed_by_count"),
    "claims": ("count",),
    "comments": ("author", "text"),
}
# The rule column of a row that says how a value printed within its words was read.
RULE_COLUMN = {("signatories", "kind"): "kind_rule", ("signatories", "organisation_id"): "kind_rule", ("signatories", "location_id"): "location_method"}
ROW_RULE = {"signatories": "reading_rule", "letters": "extraction_rule"}


@functools.lru_cache(maxsize=1)
def gazetteer():
    return load_gazetteer(REPO / "seeds")


def said_by_its_row(db, table: str, column: str, row) -> bool:
    """What the dataset promises of a value with no statement: its row's own words (the document's
    text at the row's start and end) hold it word for word (its slug, for an organisation or a
    person; the place's name, for the gazetteer's only place of that name), and the row names the
    rule that read it."""
    words = db.execute("select substr(text, ? + 1, ? - ?) from documents where id = ?", [row["start"], row["end"], row["start"], row["document_id"]]).fetchone()[0]
    rule_column = RULE_COLUMN.get((table, column), ROW_RULE.get(table))
    if rule_column is None or not row[rule_column]:
        return False
    value = str(row[column])
    if column == "kind":
        return value in ("person", "organisation")
    if column in ("organisation_id", "person_id", "organiser_id"):
        return f" {value.replace('-', ' ')} " in f" {normalise_name(words)} "
    if column == "location_id":
        name = db.execute("select name from locations where id = ?", [value]).fetchone()[0]
        return name in words and [place.id for place in gazetteer().candidates(name)] == [value]
    return value in words


def test_the_raw_words_are_exactly_the_documents_words_at_the_offsets(db):
    rows = db.execute(
        "select provenance.id, raw_text, substr(documents.text, provenance.start + 1, provenance.\"end\" - provenance.start) as words"
        " from provenance join documents on documents.id = provenance.document_id where provenance.start is not null"
    ).fetchall()
    assert len(rows) > 40
    assert [row["id"] for row in rows if row["raw_text"] != row["words"]] == []


@pytest.mark.parametrize("table, column", [(table, column) for table, columns in TRACED.items() for column in columns])
def test_every_extracted_value_is_traced_by_its_statement_or_its_own_row(db, table, column):
    rows = {row["id"]: row for row in db.execute(f"select * from {table} where [{column}] is not null")}
    statements = {
        row["row_id"]: row["value"]
        for row in db.execute("select row_id, value from provenance where table_name = ? and column_name = ?", [table, column])
    }
    assert set(statements) <= set(rows)
    assert {row_id: value for row_id, value in statements.items() if value != str(rows[row_id][column])} == {}
    untraced = [(row_id, row[column]) for row_id, row in rows.items() if row_id not in statements and not said_by_its_row(db, table, column, row)]
    assert untraced == []


def test_values_printed_within_their_rows_words_need_no_statement_and_the_rest_keep_theirs(db):
    """The slimming is real (most names, places and kinds are said by their rows) and does not
    swallow what the words do not say: every correction, every place chosen by context and every
    count keeps its statement."""
    signatories = db.execute("select count(*) from signatories").fetchone()[0]
    named = db.execute("select count(*) from provenance where table_name = 'signatories' and column_name = 'name'").fetchone()[0]
    assert 0 < named < signatories / 4
    corrected = db.execute("select count(*) from signatories where corrected").fetchone()[0]
    assert db.execute("select count(*) from provenance where table_name = 'signatories' and column_name = 'name' and method = 'correction'").fetchone()[0] == corrected
    assert db.execute("select count(*) from provenance where column_name = 'signed_by_count'").fetchone()[0] == db.execute("select count(*) from letters").fetchone()[0]


def test_a_mention_is_its_own_statement(db):
    """A mention row holds its words (tests/test_mentions.py checks them against the offsets),
    what they name and, for a place, how it was chosen: no statement repeats it."""
    assert db.execute("select count(*) from mentions where location_id is not null and place_method is null").fetchone()[0] == 0
    assert db.execute("select count(*) from provenance where table_name = 'mentions'").fetchone()[0] == 0


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
