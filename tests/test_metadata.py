"""metadata.yml is tested like code: every table and every column a user sees is documented."""

from __future__ import annotations


def user_tables(db):
    rows = db.execute(
        "select name from sqlite_master where type in ('table', 'view') and name not like '%_fts%' and name not like 'sqlite_%'"
    )
    return [row[0] for row in rows]


def test_every_table_has_a_description(db, metadata):
    documented = metadata["databases"]["kashmir"]["tables"]
    for table in user_tables(db):
        assert table in documented, table
        assert documented[table].get("description") or documented[table].get("description_html"), table


def test_every_column_is_documented(db, metadata):
    documented = metadata["databases"]["kashmir"]["tables"]
    for table in user_tables(db):
        columns = [row[1] for row in db.execute(f"pragma table_info([{table}])")]
        missing = [column for column in columns if column not in documented[table].get("columns", {})]
        assert missing == [], f"{table}: {missing}"


def test_documented_columns_exist(db, metadata):
    for table, settings in metadata["databases"]["kashmir"]["tables"].items():
        columns = {row[1] for row in db.execute(f"pragma table_info([{table}])")}
        assert set(settings.get("columns", {})) <= columns, table
        for facet in settings.get("facets", []):
            assert facet in columns, (table, facet)
