"""The dataset's schema: every table's columns, foreign keys, indexes and full-text columns,
and the views. Plain data: the load stage creates the database from it, the resolve stage
orders its rows by it, and metadata.yml documents every column it lists.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableSchema:
    columns: dict[str, type]
    foreign_keys: tuple[tuple[str, str], ...] = ()  # (column, table it points at by id)
    indexes: tuple[str, ...] = ()
    full_text: tuple[str, ...] = ()
    not_null: frozenset[str] = field(default_factory=frozenset)
    sparse: frozenset[str] = frozenset()  # indexed columns mostly NULL: their indexes leave NULLs out
    copy_in_key_order: bool = False  # an integer id, the rowid: copy a worker's rows in id order
    # An indexed column whose rows are read in other columns' order: its index holds them too
    # ({"organisation_id": ("document_id",)}: an organisation's appearances in document order).
    index_order: dict[str, tuple[str, ...]] = field(default_factory=dict)


# In load order: a table comes after the tables its foreign keys point at.
SCHEMA: dict[str, TableSchema] = {
    "documents": TableSchema(
        columns={
            "id": str, "title": str, "publisher": str, "url": str, "published": str, "published_note": str,
            "source_file": str, "source_format": str, "source_bytes": int, "sha256": str, "redistributable": bool,
            "word_count": int, "line_count": int, "text": str,
        },
        indexes=("publisher", "published"),
        full_text=("title", "text"),
        not_null=frozenset({"title", "source_file", "source_format", "source_bytes", "sha256", "redistributable", "text", "word_count", "line_count"}),
    ),
    # The original files documents.yml lets be published (`redistribute: yes`), as their bytes
    # are, served at /-/originals/<file> (plugins/originals.py).
    "originals": TableSchema(
        columns={"id": str, "document_id": str, "media_type": str, "bytes": int, "sha256": str, "content": bytes},
        foreign_keys=(("document_id", "documents"),),
        not_null=frozenset({"document_id", "media_type", "bytes", "sha256", "content"}),
    ),
    "corrections": TableSchema(
        columns={
            "id": str, "document_id": str, "first_line": int, "last_line": int, "source": str, "signatures": str,
            "reason": str, "evidence": str, "reviewed_by": str,
        },
        foreign_keys=(("document_id", "documents"),),
        not_null=frozenset({"document_id", "first_line", "last_line", "source", "reason", "evidence"}),
    ),
    # What each location_status code means, in plain words (`places.LOCATION_STATUSES`): the
    # status columns point at it, so pages and facets show the words and SQL keeps the code.
    "location_statuses": TableSchema(columns={"id": str, "meaning": str}, not_null=frozenset({"meaning"})),
    # The local authorities of Great Britain (`local_authorities`): what a location's
    # local_authority_id points at, with the county, region and nation above it.
    "local_authorities": TableSchema(
        columns={
            "id": str, "name": str, "kind": str, "county": str, "region": str, "nation": str, "latitude": float, "longitude": float,
            "location_count": int, "signature_count": int, "postcode_count": int, "source": str, "region_method": str,
        },
        indexes=("name", "kind", "county", "region", "nation", "signature_count"),
        not_null=frozenset({"name", "kind", "nation", "location_count", "signature_count", "postcode_count", "source"}),
    ),
    "locations": TableSchema(
        columns={
            "id": str, "name": str, "kind": str, "latitude": float, "longitude": float, "precision_km": float,
            "local_authority_id": str, "county": str, "region": str, "nation": str, "country": str, "source": str, "note": str,
            "document_count": int, "signature_count": int, "mention_count": int,
            "area_method": str,  # last: how the local authority was found, for those who check
        },
        foreign_keys=(("local_authority_id", "local_authorities"),),
        indexes=("kind", "country", "name", "region", "nation"),
        full_text=("name",),
        not_null=frozenset({"name", "kind", "source", "document_count"}),
    ),
    "organisations": TableSchema(
        columns={
            "id": str, "name": str, "acronym": str, "kind": str, "member_count": int,
            "member_unit": str, "document_count": int, "signature_count": int, "mention_count": int,
            "in_register": bool, "note": str, "location_id": str, "location_status": str, "location_method": str,
            "local_authority_id": str,
            "kind_rule": str,  # last: how the kind was decided, for those who check
        },
        foreign_keys=(("location_id", "locations"), ("location_status", "location_statuses"), ("local_authority_id", "local_authorities")),
        indexes=("kind", "document_count", "name", "in_register"),
        full_text=("name", "acronym"),
        not_null=frozenset({"name", "kind", "document_count"}),
    ),
    "people": TableSchema(
        columns={
            "id": str, "name": str, "document_count": int, "signature_count": int,
            "mention_count": int, "in_register": bool, "note": str,
        },
        indexes=("document_count", "name", "in_register"),
        full_text=("name",),
        not_null=frozenset({"name", "document_count"}),
    ),
    "letters": TableSchema(
        columns={
            "id": str, "document_id": str, "title": str, "kind": str, "addressee": str, "organiser_id": str,
            "signed_by_count": int, "person_signatures": int, "organisation_signatures": int, "members_stated": int,
            "federations": str,
            "unnamed_signatories": int, "claimed_signatories": int,
            "claimed_signatories_note": str, "line_start": int, "line_end": int, "start": int, "end": int,
            "introduction_line": int, "extraction_rule": str, "signature_rule": str,
        },
        foreign_keys=(("document_id", "documents"), ("organiser_id", "organisations")),
        indexes=("kind", "start"),
        full_text=("title", "addressee", "federations"),
        not_null=frozenset({"document_id", "title", "kind", "signed_by_count", "line_start", "line_end", "start", "end"}),
    ),
    "claims": TableSchema(
        columns={
            "id": str, "letter_id": str, "document_id": str, "text": str, "count": int, "bound": str, "rule": str,
            "line": int, "start": int, "end": int,
        },
        foreign_keys=(("letter_id", "letters"), ("document_id", "documents")),
        indexes=("start", "bound"),
        not_null=frozenset({"letter_id", "document_id", "text", "bound", "line", "start", "end"}),
    ),
    # The rules that read the signatures, each once: the signatories' rule columns point at
    # them by a small integer, and Datasette shows each as its words.
    "rules": TableSchema(
        columns={"id": int, "rule": str},
        not_null=frozenset({"rule"}),
    ),
    "signatories": TableSchema(
        columns={
            "id": str, "letter_id": str, "document_id": str, "position": int, "name": str, "kind": str, "role": str,
            "place": str, "affiliation": str, "heading": str, "organisation_id": str, "person_id": str, "member_count": int, "member_unit": str,
            "printed": str, "line": int, "start": int, "end": int, "corrected": bool, "correction_id": str,
            "location_id": str, "location_status": str, "location_method": str, "local_authority_id": str, "title_place_id": str,
            "kind_rule": int, "reading_rule": int,  # last: how it was read, for those who check
        },
        foreign_keys=(
            ("letter_id", "letters"), ("document_id", "documents"), ("organisation_id", "organisations"),
            ("person_id", "people"), ("correction_id", "corrections"), ("location_id", "locations"), ("title_place_id", "locations"),
            ("kind_rule", "rules"), ("reading_rule", "rules"), ("location_status", "location_statuses"), ("local_authority_id", "local_authorities"),
        ),
        # No index on name (33 MB at 10,000 documents): people and organisations are sorted and
        # looked up by name in their own tables.
        indexes=("kind", "place", "corrected", "start", "member_count"),  # and location_status, a foreign key
        # The table page is sorted by start: a click on a facet of few values ("organisation",
        # "located" then "person") reads its first page in that order from the index, and counts
        # it there, instead of sorting or scanning half a million rows.
        # Sorted by member_count (a click on its header), ties by id: the index holds that order,
        # so neither a million NULLs (ascending) nor the counts (descending) are sorted.
        index_order={"kind": ("start",), "location_status": ("kind", "start"), "corrected": ("start",), "member_count": ("id",),
                     "local_authority_id": ("start",)},
        full_text=("name", "role", "place"),
        not_null=frozenset({"letter_id", "document_id", "position", "name", "kind", "line", "start", "end", "corrected"}),
        sparse=frozenset({"organisation_id", "person_id", "correction_id", "title_place_id"}),
    ),
    "comments": TableSchema(
        columns={
            "id": str, "document_id": str, "position": int, "author": str, "text": str, "line_start": int,
            "line_end": int, "start": int, "end": int,
        },
        foreign_keys=(("document_id", "documents"),),
        indexes=("start",),
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
        indexes=("entity_type", "section", "place_status", "start"),
        full_text=("text",),
        not_null=frozenset({"document_id", "entity_type", "text", "line", "start", "end", "section"}),
        sparse=frozenset({"organisation_id", "person_id", "location_id", "letter_id", "signatory_id", "comment_id"}),
    ),
    # One row per organisation or person and document it appears in: what a list of documents
    # in a cell would say, without a cell that grows with the corpus; Datasette links it from
    # both sides. (A place's documents: its signatories' and mentions' document_id.)
    "appearances": TableSchema(
        columns={
            "id": int, "entity_type": str, "organisation_id": str, "person_id": str, "document_id": str,
            "signature_count": int, "mention_count": int,
        },
        foreign_keys=(("organisation_id", "organisations"), ("person_id", "people"), ("document_id", "documents")),
        # No index on entity_type (50 MB at 10,000 documents) and so no default facet on it: pages
        # of appearances are a document's or an entity's few rows (`_facet=entity_type` counts those).
        not_null=frozenset({"entity_type", "document_id", "signature_count", "mention_count"}),
        sparse=frozenset({"organisation_id", "person_id"}),
        index_order={"organisation_id": ("document_id",), "person_id": ("document_id",)},  # in_several_documents lists the first 20
        copy_in_key_order=True,
    ),
}


# What the rules could not read with confidence (`scripts.pipeline.extract.review`), each with
# its words, for a person to review: nothing is missed silently.
SCHEMA["to_review"] = TableSchema(
    columns={
        "id": str, "document_id": str, "problem": str, "text": str, "line_start": int, "line_end": int, "start": int,
        "end": int, "letter_id": str,
    },
    foreign_keys=(("document_id", "documents"), ("letter_id", "letters")),
    indexes=("problem", "start"),
    not_null=frozenset({"document_id", "problem", "text", "line_start", "line_end", "start", "end"}),
    sparse=frozenset({"letter_id"}),
)

# Where each extracted value came from (`scripts.pipeline.resolve.provenance`): one row per value, made by the
# resolve stage beside the row it describes.
SCHEMA["provenance"] = TableSchema(
    columns={
        "id": int, "table_name": str, "row_id": str, "column_name": str, "value": str, "raw_text": str,
        "document_id": str, "line": int, "start": int, "end": int, "method": str, "rule": str, "source": str,
        "confidence": str,
    },
    foreign_keys=(("document_id", "documents"),),
    indexes=("row_id", "method", "confidence"),
    not_null=frozenset({"table_name", "row_id", "column_name", "method"}),
    copy_in_key_order=True,
)

# What this build changed against the previous database, by stable id (`scripts.pipeline.release.changes`):
# filled after every other table, from a comparison of the two files.
SCHEMA["changes"] = TableSchema(
    columns={"id": str, "table_name": str, "row_id": str, "change": str, "columns": str, "previous_sha256": str},
    indexes=("table_name", "change"),
    not_null=frozenset({"change"}),
)

# Views: (name, SQL). A view is a table page in Datasette, with JSON and CSV like any other.
VIEWS = {
    # The map (datasette-cluster-map finds latitude and longitude): every signatory located at a
    # place with a point, at that point, with the popup the map shows on a click (its link is
    # relative, to work under any base_url). A view, not a table: a table repeating the
    # signatories' columns took 185 MB at 10,000 documents. Filtered by place or letter, it
    # reads the signatories' indexes; its first page and count are those of the signatories.
    "signatory_map": """
select
  signatories.id as signatory_id,
  signatories.name as name,
  signatories.kind as kind,
  signatories.letter_id as letter_id,
  signatories.location_id as location_id,
  locations.name as place,
  locations.precision_km as precision_km,
  locations.latitude as latitude,
  locations.longitude as longitude,
  json_object(
    'title', signatories.name,
    'description', locations.name || coalesce(' (within ' || locations.precision_km || ' km)', ''),
    'link', 'signatories/' || signatories.id
  ) as popup
from signatories
join locations on locations.id = signatories.location_id
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




# The columns whose rule, as the resolve stage names it, is stored as the id of its `rules` row.
RULE_COLUMNS = {
    name: tuple(column for column, target in schema.foreign_keys if target == "rules")
    for name, schema in SCHEMA.items()
    if any(target == "rules" for _, target in schema.foreign_keys)
}

_COLUMN_GETTERS = {name: operator.itemgetter(*schema.columns) for name, schema in SCHEMA.items()}


def as_tuples(rows: dict[str, list[dict]]) -> dict[str, list[tuple]]:
    """Rows as tuples in their table's column order: compact to pass between processes, and
    what the load stage inserts. Every row must hold every column of its table."""
    return {name: list(map(_COLUMN_GETTERS[name], table_rows)) for name, table_rows in rows.items()}
