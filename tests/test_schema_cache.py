"""plugins/schema_cache.py: an immutable database's schema is asked of SQLite once, and every
page gets the same answers it would have had; a mutable database is asked every time."""

from __future__ import annotations

import asyncio

from datasette.app import Datasette


def test_an_immutable_databases_schema_answers_are_kept_and_unchanged(datasette, built_db):
    database = datasette.datasette.get_database("kashmir")
    assert getattr(database, "_schema_remembered", False)
    plain = Datasette(immutables=[str(built_db)]).get_database("kashmir")  # no plugins: asks SQLite
    loop = datasette.loop
    for table in ("signatories", "letters", "organisations", "signatory_map"):
        for method in ("foreign_keys_for_table", "primary_keys", "table_columns", "label_column_for_table", "fts_table"):
            kept = loop.run_until_complete(getattr(database, method)(table))
            assert kept == loop.run_until_complete(getattr(plain, method)(table)), (table, method)
    first = loop.run_until_complete(database.foreign_keys_for_table("signatories"))
    first.clear()  # a caller changing its copy changes nothing kept
    assert loop.run_until_complete(database.foreign_keys_for_table("signatories"))


def test_a_mutable_database_is_asked_every_time(tmp_path):
    from conftest import PLUGINS_DIR

    path = tmp_path / "mutable.db"
    import sqlite3

    sqlite3.connect(path).execute("create table t (id integer primary key)").connection.commit()
    instance = Datasette([str(path)], plugins_dir=str(PLUGINS_DIR))
    asyncio.run(instance.invoke_startup())
    assert not getattr(instance.get_database("mutable"), "_schema_remembered", False)
