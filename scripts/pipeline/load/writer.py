"""Load stage: the only stage that touches SQLite.

Takes: the documents and the rows the resolve stage assembles, a document's at a time. Gives:
every table, created from the schema below even when it has no rows (so a build of any folder
has the same tables), with foreign keys, an index on every foreign key and faceted column,
full-text search kept in sync by triggers, and statistics for the query planner (ANALYZE).
Rows arrive in a fixed order (documents by id, then as printed), so two builds from the same
seeds give the same rows, rowids included.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import sqlite_utils

from scripts.common.timings import Timings
from scripts.pipeline.load.schema import SCHEMA, VIEWS, as_tuples
from scripts.pipeline.read.documents import Document, declared_statements


def open_new_database(path: Path, cache_mb: int = 64) -> sqlite_utils.Database:
    """A database for a build that writes to a temporary file: no journal is needed, because a
    failed build discards the whole file. `cache_mb`: SQLite's page cache, which builds the
    indexes; a worker's shard, only appended to and never indexed, needs little."""
    db = sqlite_utils.Database(path, recreate=True)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute(f"PRAGMA cache_size = -{cache_mb * 1000}")
    return db


class DatabaseWriter:
    """Creates every table from SCHEMA, takes rows as the build produces them (one document's
    at a time) in a single transaction, then adds indexes, full-text search and views."""

    def __init__(self, db: sqlite_utils.Database, shard: bool = False):
        """`shard`: a worker's scratch database, only copied from: plain tables, no keys."""
        self.db = db
        self.connection = db.conn
        for name, schema in SCHEMA.items():
            if shard:
                db[name].create(schema.columns)
                continue
            db[name].create(
                schema.columns,
                pk="id",
                foreign_keys=[(column, target, "id") for column, target in schema.foreign_keys],
                not_null=set(schema.not_null),
            )
        self._insert_sql = {
            name: f"insert into [{name}] ({', '.join(f'[{c}]' for c in schema.columns)}) values ({', '.join('?' * len(schema.columns))})"
            for name, schema in SCHEMA.items()
        }
        self.connection.isolation_level = None
        self.connection.execute("begin")
        self.timings = Timings()  # of the steps of `finish`

    def insert(self, rows: dict[str, list[tuple]]) -> None:
        """Rows as tuples of the table's columns in SCHEMA order (`as_tuples`)."""
        for name, table_rows in rows.items():
            self.connection.executemany(self._insert_sql[name], table_rows)

    def copy_shard(self, shard: Path) -> None:
        """Append every row of a shard database (same tables, written by a worker) in SQL, in
        the order written (sorting a shard by id first, so the primary key index grew in one
        sweep, measured slower: 10.4 s against 7.3 s for two shards of 5,000 documents), except
        tables whose id is their rowid (`copy_in_key_order`): written in rowid order, their rows
        are appended rather than scattered (provenance at 10,000 documents: 26 s against 65 s)."""
        self.connection.execute("attach database ? as shard", [str(shard)])
        for name, schema in SCHEMA.items():
            columns = ", ".join(f"[{column}]" for column in schema.columns)
            order = " order by id" if schema.copy_in_key_order else ""
            self.connection.execute(f"insert into main.[{name}] ({columns}) select {columns} from shard.[{name}]{order}")
        self.connection.execute("commit")
        self.connection.execute("detach database shard")
        self.connection.execute("begin")

    def close_shard(self) -> None:
        """A shard only holds rows for `copy_shard`: no indexes, no search, no views."""
        self.connection.execute("commit")

    def insert_documents(self, documents: list[Document]) -> None:
        """The documents, the provenance of what their pages declared, and the originals that may be published."""
        self.insert(as_tuples({
            "documents": [asdict(document) for document in documents],
            "provenance": [row for document in documents for row in declared_statements(document)],
            "originals": [
                {
                    "id": document.source_file, "document_id": document.id, "media_type": document.media_type,
                    "bytes": document.source_bytes, "sha256": document.sha256, "content": document.original,
                }
                for document in documents if document.redistributable
            ],
        }))

    def finish(self) -> None:
        # Building an index sorts its table: let SQLite's sorter use both cores.
        self.connection.execute("pragma threads = 2")
        self.connection.execute("commit")
        for name, schema in SCHEMA.items():
            with self.timings.stage("indexes"):
                for column in [column for column, _ in schema.foreign_keys] + list(schema.indexes):
                    self._create_index(name, column, partial=column in schema.sparse, then=schema.index_order.get(column, ()))
            with self.timings.stage("full-text search"):
                if schema.full_text:
                    self.db[name].enable_fts(list(schema.full_text), tokenize="porter", create_triggers=True, replace=True)
        for name, sql in VIEWS.items():
            self.db.create_view(name, sql.strip(), replace=True)
        with self.timings.stage("statistics"):
            self.db.execute("pragma analysis_limit = 1000")  # statistics from a sample of each index
            self.db.execute("analyze")

    def insert_changes(self, changes: list[dict]) -> None:
        """The `changes` table, filled once every other table is final."""
        self.connection.execute("begin")
        self.insert(as_tuples({"changes": changes}))
        self.connection.execute("commit")
        self.connection.execute("analyze [changes]")

    def _create_index(self, table: str, column: str, partial: bool, then: tuple[str, ...] = ()) -> None:
        """A sparse column's index leaves its NULLs out: smaller and quicker to build, and still
        used for `column = ?` (which implies `column is not null`). `then`: more columns the
        index holds, so rows of one value are read in their order without sorting them."""
        where = f" where [{column}] is not null" if partial else ""
        columns = ", ".join(f"[{name}]" for name in (column, *then))
        self.connection.execute(f"create index [idx_{table}_{column}] on [{table}] ({columns}){where}")



def row_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Rows per table, leaving out full-text indexes and their shadow tables."""
    return {name: db[name].count for name in SCHEMA}
