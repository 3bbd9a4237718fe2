"""Load stage: the only stage that touches SQLite.

Takes: the plain data the earlier stages produced. Gives: tables in a fresh SQLite file,
with full-text search kept in sync by triggers. Rows are inserted in id order so that two
builds from the same seeds give the same rows, rowids included.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import sqlite_utils

from scripts.read_documents import Document

DOCUMENT_COLUMNS = (
    "id",
    "title",
    "publisher",
    "url",
    "published",
    "published_note",
    "source_file",
    "sha256",
    "word_count",
    "line_count",
    "text",
)


def open_new_database(path: Path) -> sqlite_utils.Database:
    """A database for a build that writes to a temporary file: no journal is needed, because a
    failed build discards the whole file."""
    db = sqlite_utils.Database(path, recreate=True)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    return db


def load_documents(db: sqlite_utils.Database, documents: list[Document]) -> None:
    db["documents"].insert_all(
        (asdict(document) for document in sorted(documents, key=lambda d: d.id)),
        pk="id",
        column_order=DOCUMENT_COLUMNS,
        not_null={"id", "title", "source_file", "sha256", "text", "word_count", "line_count"},
        columns={"published": str, "url": str, "publisher": str, "published_note": str},
    )
    db["documents"].create_index(["publisher"])
    db["documents"].create_index(["published"])
    db["documents"].enable_fts(["title", "text"], tokenize="porter", create_triggers=True, replace=True)


def row_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Rows per table, leaving out full-text indexes and their shadow tables."""
    fts_tables = db.table_names(fts4=True) + db.table_names(fts5=True)
    return {
        table: db[table].count
        for table in db.table_names()
        if not any(table == fts or table.startswith(f"{fts}_") for fts in fts_tables)
    }
