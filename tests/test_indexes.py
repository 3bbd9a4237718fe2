"""Indexes that keep pages fast at any size: every foreign key and every default facet and sort
column has one, and SQLite uses it for the lookups Datasette makes (a row's related rows, a
facet's counts). Sparse columns have partial indexes that leave their NULLs out."""

from __future__ import annotations

from scripts.pipeline.load.schema import SCHEMA


def indexed_columns(db, table: str) -> dict[str, bool]:
    """First column of each index on the table -> whether the index is partial."""
    columns = {}
    for index in db.execute(f"pragma index_list([{table}])"):
        first = db.execute(f"pragma index_info([{index['name']}])").fetchone()
        columns[first["name"]] = bool(index["partial"])
    return columns


def plan(db, sql: str, parameters=()) -> str:
    return " | ".join(row[3] for row in db.execute(f"explain query plan {sql}", parameters))


def test_every_foreign_key_facet_and_sort_column_has_an_index(db, metadata):
    tables = metadata["databases"]["kashmir"]["tables"]
    for table, schema in SCHEMA.items():
        wanted = {column for column, _ in schema.foreign_keys}
        wanted |= set(tables.get(table, {}).get("facets", []))
        wanted |= {tables[table]["sort"]} if "sort" in tables.get(table, {}) else set()
        wanted.discard("id")
        assert wanted <= set(indexed_columns(db, table)), (table, wanted - set(indexed_columns(db, table)))


def test_sparse_columns_have_partial_indexes_that_lookups_use(db):
    for table, schema in SCHEMA.items():
        for column in schema.sparse:
            assert indexed_columns(db, table)[column] is True, (table, column)
            used = plan(db, f"select count(*) from [{table}] where [{column}] = ?", ["x"])
            assert f"idx_{table}_{column}" in used, (table, column, used)


def test_related_rows_and_facets_read_indexes_not_the_table(db):
    assert "idx_signatories_letter_id" in plan(db, "select count(*) from signatories where letter_id = ?", ["x"])
    facet = "select kind, count(*) from signatories where kind is not null group by kind"
    assert "COVERING INDEX idx_signatories_kind" in plan(db, facet)


def test_the_largest_tables_offer_only_sorts_an_index_holds_in_order(db, metadata):
    """A click on a column's header sorts by it: on the tables that grow with the signatures,
    only columns an index holds are offered, and SQLite reads the first page from that index."""
    tables = metadata["databases"]["kashmir"]["tables"]
    for table in ("signatories", "mentions", "appearances", "provenance"):
        sortable = tables[table]["sortable_columns"]
        assert sortable and set(sortable) <= set(indexed_columns(db, table)) | {"id"}, table
    assert tables["signatory_map"]["sortable_columns"] == []  # a view of a million rows: no sort is quick
    for direction in ("", "desc"):
        used = plan(db, f"select * from signatories order by member_count {direction}, id {direction} limit 51")
        assert "idx_signatories_member_count" in used and "TEMP B-TREE" not in used, used


def test_every_foreign_key_points_at_a_row(db):
    """Ids, rule ids and status codes alike: no value names a row that is not there."""
    assert db.execute("pragma foreign_key_check").fetchall() == []
