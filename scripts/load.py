"""Load stage: the only stage that touches SQLite.

Takes: the documents and the rows the resolve stage assembled. Gives: every table, created
from the schema below even when it has no rows (so a build of any folder has the same tables),
with foreign keys, an index on every foreign key and faceted column, and full-text search kept
in sync by triggers. Rows are inserted in a fixed order so two builds from the same seeds give
the same rows, rowids included.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import sqlite_utils

from scripts.read_documents import Document


@dataclass(frozen=True)
class TableSchema:
    columns: dict[str, type]
    foreign_keys: tuple[tuple[str, str], ...] = ()  # (column, table it points at by id)
    indexes: tuple[str, ...] = ()
    full_text: tuple[str, ...] = ()
    not_null: frozenset[str] = field(default_factory=frozenset)


# In load order: a table comes after the tables its foreign keys point at.
SCHEMA: dict[str, TableSchema] = {
    "documents": TableSchema(
        columns={
            "id": str, "title": str, "publisher": str, "url": str, "published": str, "published_note": str,
            "source_file": str, "sha256": str, "word_count": int, "line_count": int, "text": str,
        },
        indexes=("publisher", "published"),
        full_text=("title", "text"),
        not_null=frozenset({"title", "source_file", "sha256", "text", "word_count", "line_count"}),
    ),
    "corrections": TableSchema(
        columns={
            "id": str, "document_id": str, "first_line": int, "last_line": int, "source": str, "signatures": str,
            "reason": str, "evidence": str, "reviewed_by": str,
        },
        foreign_keys=(("document_id", "documents"),),
        not_null=frozenset({"document_id", "first_line", "last_line", "source", "reason", "evidence"}),
    ),
    "locations": TableSchema(
        columns={
            "id": str, "name": str, "kind": str, "latitude": float, "longitude": float, "precision_km": float,
            "admin_area": str, "country": str, "source": str, "note": str, "document_count": int, "documents": str,
            "signature_count": int, "mention_count": int,
        },
        indexes=("kind", "country"),
        full_text=("name", "admin_area"),
        not_null=frozenset({"name", "kind", "source", "document_count"}),
    ),
    "organisations": TableSchema(
        columns={
            "id": str, "name": str, "acronym": str, "kind": str, "kind_rule": str, "member_count": int,
            "member_unit": str, "document_count": int, "documents": str, "signature_count": int, "mention_count": int,
            "in_register": bool, "note": str, "location_id": str, "location_status": str, "location_method": str,
        },
        foreign_keys=(("location_id", "locations"),),
        indexes=("kind", "document_count", "location_status"),
        full_text=("name", "acronym"),
        not_null=frozenset({"name", "kind", "document_count"}),
    ),
    "people": TableSchema(
        columns={
            "id": str, "name": str, "document_count": int, "documents": str, "signature_count": int,
            "mention_count": int, "in_register": bool, "note": str,
        },
        indexes=("document_count",),
        full_text=("name",),
        not_null=frozenset({"name", "document_count"}),
    ),
    "letters": TableSchema(
        columns={
            "id": str, "document_id": str, "title": str, "kind": str, "addressee": str, "organiser_id": str,
            "signed_by_count": int, "unnamed_signatories": int, "claimed_signatories": int,
            "claimed_signatories_note": str, "line_start": int, "line_end": int, "start": int, "end": int,
            "introduction_line": int, "extraction_rule": str, "signature_rule": str,
        },
        foreign_keys=(("document_id", "documents"), ("organiser_id", "organisations")),
        indexes=("kind",),
        not_null=frozenset({"document_id", "title", "kind", "signed_by_count", "line_start", "line_end", "start", "end"}),
    ),
    "claims": TableSchema(
        columns={
            "id": str, "letter_id": str, "document_id": str, "text": str, "count": int, "bound": str, "rule": str,
            "line": int, "start": int, "end": int,
        },
        foreign_keys=(("letter_id", "letters"), ("document_id", "documents")),
        not_null=frozenset({"letter_id", "document_id", "text", "bound", "line", "start", "end"}),
    ),
    "signatories": TableSchema(
        columns={
            "id": str, "letter_id": str, "document_id": str, "position": int, "name": str, "kind": str, "role": str,
            "place": str, "organisation_id": str, "person_id": str, "member_count": int, "member_unit": str,
            "printed": str, "line": int, "start": int, "end": int, "corrected": bool, "correction_id": str,
            "kind_rule": str, "location_id": str, "location_status": str, "location_method": str,
        },
        foreign_keys=(
            ("letter_id", "letters"), ("document_id", "documents"), ("organisation_id", "organisations"),
            ("person_id", "people"), ("correction_id", "corrections"), ("location_id", "locations"),
        ),
        indexes=("kind", "place", "corrected", "name", "location_status"),
        full_text=("name", "role", "place"),
        not_null=frozenset({"letter_id", "document_id", "position", "name", "kind", "line", "start", "end", "corrected"}),
    ),
    "comments": TableSchema(
        columns={
            "id": str, "document_id": str, "position": int, "author": str, "text": str, "line_start": int,
            "line_end": int, "start": int, "end": int,
        },
        foreign_keys=(("document_id", "documents"),),
        full_text=("author", "text"),
        not_null=frozenset({"document_id", "position", "author", "text", "line_start", "line_end", "start", "end"}),
    ),
    "mentions": TableSchema(
        columns={
            "id": str, "document_id": str, "entity_type": str, "organisation_id": str, "person_id": str,
            "location_id": str, "text": str, "line": int, "start": int, "end": int, "section": str, "letter_id": str,
            "signatory_id": str, "comment_id": str, "place_status": str, "place_method": str, "candidates": str,
        },
        foreign_keys=(
            ("document_id", "documents"), ("organisation_id", "organisations"), ("person_id", "people"),
            ("location_id", "locations"), ("letter_id", "letters"), ("signatory_id", "signatories"),
            ("comment_id", "comments"),
        ),
        indexes=("entity_type", "section", "place_status"),
        not_null=frozenset({"document_id", "entity_type", "text", "line", "start", "end", "section"}),
    ),
}


# Views: (name, SQL). A view is a table page in Datasette, with JSON and CSV like any other.
VIEWS = {
    "signatory_map": """
select
  signatories.id as id,
  signatories.name as name,
  signatories.kind as kind,
  signatories.role as role,
  letters.title as letter,
  documents.title as document,
  locations.name as place,
  locations.kind as place_kind,
  locations.precision_km as precision_km,
  locations.latitude as latitude,
  locations.longitude as longitude,
  json_object(
    'title', signatories.name,
    'description', letters.title || ' — ' || locations.name
      || ' (within ' || locations.precision_km || ' km)',
    'link', '/kashmir/signatories/' || signatories.id
  ) as popup
from signatories
join locations on locations.id = signatories.location_id
join letters on letters.id = signatories.letter_id
join documents on documents.id = signatories.document_id
where locations.latitude is not null
""",
    "places_to_review": """
select
  mentions.place_status as problem,
  mentions.text as printed,
  mentions.place_method as why,
  mentions.candidates as candidates,
  mentions.document_id as document_id,
  mentions.line as line,
  signatories.id as signatory_id,
  signatories.name as signatory,
  mentions.id as mention_id
from mentions
left join signatories on signatories.id = mentions.signatory_id
where mentions.entity_type = 'place' and mentions.place_status != 'resolved'
union all
select
  signatories.location_status, signatories.printed, signatories.location_method, null,
  signatories.document_id, signatories.line, signatories.id, signatories.name, null
from signatories
where signatories.location_status in ('several places', 'located without a point')
""",
}


def open_new_database(path: Path) -> sqlite_utils.Database:
    """A database for a build that writes to a temporary file: no journal is needed, because a
    failed build discards the whole file."""
    db = sqlite_utils.Database(path, recreate=True)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    return db


def load_tables(db: sqlite_utils.Database, documents: list[Document], rows: dict[str, list[dict]]) -> None:
    rows = {**rows, "documents": [asdict(document) for document in documents]}
    with db.conn:
        for name, schema in SCHEMA.items():
            table = db[name]
            table.create(
                schema.columns,
                pk="id",
                foreign_keys=[(column, target, "id") for column, target in schema.foreign_keys],
                not_null=set(schema.not_null),
            )
            table.insert_all(sorted(rows.get(name, []), key=lambda row: row["id"]), batch_size=1000)
            for column in [column for column, _ in schema.foreign_keys] + list(schema.indexes):
                table.create_index([column])
    for name, schema in SCHEMA.items():
        if schema.full_text:
            db[name].enable_fts(list(schema.full_text), tokenize="porter", create_triggers=True, replace=True)
    for name, sql in VIEWS.items():
        db.create_view(name, sql.strip(), replace=True)


def row_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Rows per table, leaving out full-text indexes and their shadow tables."""
    return {name: db[name].count for name in SCHEMA}
