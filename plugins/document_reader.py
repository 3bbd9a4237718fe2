"""Datasette plugin: read a document with every extracted row highlighted in place.

`/-/read/<document id>` shows a document's text, line by line, with its letters and comments
shaded and its signatories, claims and mentions highlighted. Each highlight links to its row,
and each row has an anchor (`#signatory-<id>`, `#mention-<id>`, `#organisation-<id>` …) that
its row page links to. The highlights are placed from the offsets stored in the rows, and
nothing else, so reading a document is a check of those offsets. The text is escaped: a
document that holds HTML shows it as text.

Row pages link here through `render_cell`: the `start` cell of every table with offsets (and
of provenance rows, to the row they describe), the `document_id` cell of appearances (an entity in a document), and the `title` of a document.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from datasette import hookimpl
from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

DATABASE = "kashmir"

# Tables whose rows are words of a document, with the anchor name of each row.
ANCHOR_OF_TABLE = {
    "letters": "letter", "comments": "comment", "claims": "claim", "signatories": "signatory", "mentions": "mention",
}
# Shaded regions that hold other rows; their words link to nothing, a label links to the row.
CONTAINERS = ("letters", "comments")
# Entities that appear in several documents: their anchor is their first appearance here.
ENTITY_COLUMNS = {"organisation": "organisation_id", "person": "person_id", "location": "location_id"}
ENTITY_TABLES = {"organisations": "organisation", "people": "person", "locations": "location"}
APPEARANCE_ANCHORS = {"organisation": "organisation", "person": "person"}  # appearances hold no places


class Highlight(NamedTuple):  # not a dataclass: Datasette loads plugins outside sys.modules
    table: str
    row_id: str
    start: int
    end: int
    label: str

    @property
    def anchor(self) -> str:
        return f"{ANCHOR_OF_TABLE[self.table]}-{self.row_id}"


def highlighted_html(text: str, highlights: list[Highlight], anchors: dict[int, list[str]], row_url) -> Markup:
    """The text as HTML: numbered lines, anchors at their offsets, each stretch of words inside
    rows wrapped in one link to the innermost of them (the shortest), named with all of them.
    Every character of the text is escaped; offsets outside the text raise ValueError."""
    for highlight in highlights:
        if not 0 <= highlight.start < highlight.end <= len(text):
            raise ValueError(f"{highlight.table} {highlight.row_id}: offsets {highlight.start}–{highlight.end} outside the text (length {len(text)})")
    line_starts = [0] + [index + 1 for index, character in enumerate(text) if character == "\n" and index + 1 < len(text)]
    boundaries = sorted({0, len(text), *line_starts, *anchors, *(h.start for h in highlights), *(h.end for h in highlights)})
    starting: dict[int, list[Highlight]] = {}
    for highlight in sorted(highlights, key=lambda h: (h.start, -h.end)):
        starting.setdefault(highlight.start, []).append(highlight)
    line_number = {offset: number for number, offset in enumerate(line_starts, start=1)}
    active: list[Highlight] = []
    parts: list[str] = []
    for start, end in zip(boundaries, boundaries[1:]):
        if start in line_number:
            parts.append(f'<span class="line-number" id="line-{line_number[start]}" data-line="{line_number[start]}"></span>')
        active = [h for h in active if h.end > start] + starting.get(start, [])
        for highlight in starting.get(start, []):
            parts.append(f'<span class="anchor" id="{escape(highlight.anchor)}"></span>')
            if highlight.table in CONTAINERS:
                parts.append(
                    f'<a class="container-label" href="{escape(row_url(highlight))}">{escape(ANCHOR_OF_TABLE[highlight.table])}: '
                    f"{escape(highlight.label)}</a>"
                )
        for anchor in anchors.get(start, []):
            parts.append(f'<span class="anchor" id="{escape(anchor)}"></span>')
        words = str(escape(text[start:end]))
        containers = [h for h in active if h.table in CONTAINERS]
        leaves = [h for h in active if h.table not in CONTAINERS]
        classes = [f"in-{ANCHOR_OF_TABLE[h.table]}" for h in containers]
        if leaves:
            innermost = min(leaves, key=lambda h: (h.end - h.start, h.start))
            rows = " ".join(f"{h.table}/{h.row_id}" for h in leaves)
            title = "; ".join(f"{ANCHOR_OF_TABLE[h.table]}: {h.label}" for h in leaves)
            kinds = " ".join(sorted({f"hl-{ANCHOR_OF_TABLE[h.table]}" for h in leaves}))
            parts.append(
                f'<a class="hl {kinds} {" ".join(classes)}" href="{escape(row_url(innermost))}" data-rows="{escape(rows)}" '
                f'title="{escape(title)}">{words}</a>'
            )
        elif classes:
            parts.append(f'<span class="{" ".join(classes)}">{words}</span>')
        else:
            parts.append(words)
    return Markup("".join(parts))


async def _highlights(db, document_id: str) -> list[Highlight]:
    queries = {
        "letters": "select id, start, end, title as label from letters where document_id = ?",
        "comments": "select id, start, end, author as label from comments where document_id = ?",
        "claims": "select id, start, end, text as label from claims where document_id = ?",
        "signatories": "select id, start, end, name as label from signatories where document_id = ?",
        "mentions": "select id, start, end, entity_type || ' ' || text as label from mentions where document_id = ?",
    }
    highlights = []
    for table, sql in queries.items():
        for row in (await db.execute(sql, [document_id])).rows:
            highlights.append(Highlight(table, row["id"], row["start"], row["end"], row["label"] or ""))
    return highlights


async def _entity_anchors(db, document_id: str) -> dict[int, list[str]]:
    """Where each organisation, person and location first appears in the document, by the
    signatories and mentions that point at it."""
    first: dict[str, int] = {}
    for entity, column in ENTITY_COLUMNS.items():
        sql = (
            f"select {column} as entity_id, min(start) as start from ("
            f" select {column}, start from signatories where document_id = :d and {column} is not null"
            f" union all select {column}, start from mentions where document_id = :d and {column} is not null"
            f") group by {column}"
        )
        for row in (await db.execute(sql, {"d": document_id})).rows:
            first[f"{entity}-{row['entity_id']}"] = row["start"]
    anchors: dict[int, list[str]] = {}
    for anchor, start in sorted(first.items()):
        anchors.setdefault(start, []).append(anchor)
    return anchors


async def read_document(request, datasette):
    document_id = tilde_decode(request.url_vars["document_id"])
    if DATABASE not in datasette.databases:
        raise NotFound(f"No database {DATABASE} is served here")
    db = datasette.get_database(DATABASE)
    rows = (await db.execute("select * from documents where id = ?", [document_id])).rows
    if not rows:
        raise NotFound(f"No document with id {document_id}")
    document = dict(rows[0])
    highlights = await _highlights(db, document_id)
    counts = {table: sum(1 for h in highlights if h.table == table) for table in ANCHOR_OF_TABLE}

    def row_url(highlight: Highlight) -> str:
        return datasette.urls.row(DATABASE, highlight.table, tilde_encode(highlight.row_id))

    body = highlighted_html(document["text"], highlights, await _entity_anchors(db, document_id), row_url)
    return Response.html(
        await datasette.render_template(
            "document_reader.html",
            {"document": document, "body": body, "counts": counts, "database": DATABASE},
            request=request,
        )
    )


@hookimpl
def register_routes():
    return [(r"^/-/read/(?P<document_id>[^/]+)$", read_document)]


def _plain(value):
    """A cell's value: table pages give a foreign key as {"value": …, "label": …}."""
    return value["value"] if isinstance(value, dict) and "value" in value else value


def reader_url(datasette, document_id: str, anchor: str | None = None) -> str:
    return datasette.urls.path(f"/-/read/{tilde_encode(document_id)}") + (f"#{anchor}" if anchor else "")


# The cells this plugin renders, (table, column): every other cell returns at once (the hook is
# called for every cell of every page, 2,700 on a page of signatories).
RENDERED_CELLS = {(table, "start") for table in ANCHOR_OF_TABLE} | {("provenance", "start"), ("appearances", "document_id"), ("documents", "title")}


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if (table, column) not in RENDERED_CELLS or database != DATABASE or value is None:
        return None
    row = {key: _plain(row[key]) for key in row.keys()}
    if table in ANCHOR_OF_TABLE and column == "start" and row.get("document_id") and row.get("id"):
        url = reader_url(datasette, row["document_id"], f"{ANCHOR_OF_TABLE[table]}-{row['id']}")
        return Markup(f'{escape(value)} <a class="read-in-document" href="{escape(url)}">read in its document</a>')
    if table == "provenance" and column == "start" and row.get("table_name") in ANCHOR_OF_TABLE and row.get("document_id"):
        url = reader_url(datasette, row["document_id"], f"{ANCHOR_OF_TABLE[row['table_name']]}-{row['row_id']}")
        return Markup(f'{escape(value)} <a class="read-in-document" href="{escape(url)}">read in its document</a>')
    if table == "appearances" and column == "document_id":
        entity = APPEARANCE_ANCHORS.get(row.get("entity_type"))
        entity_id = row.get("organisation_id") or row.get("person_id")
        if entity is None or not entity_id:
            return None
        # On a table page a foreign key's value comes with its label: {"value": id, "label": title}.
        document_id, label = (value["value"], value.get("label") or value["value"]) if isinstance(value, dict) else (value, value)
        document_url = datasette.urls.row(DATABASE, "documents", document_id)
        url = reader_url(datasette, document_id, f"{entity}-{entity_id}")
        return Markup(f'<a href="{escape(document_url)}">{escape(label)}</a> <a class="read-in-document" href="{escape(url)}">read in its document</a>')
    if table == "documents" and column == "title" and row.get("id"):
        url = reader_url(datasette, row["id"])
        return Markup(f'{escape(value)} <a class="read-in-document" href="{escape(url)}">read with highlights</a>')
    return None


def words_link(datasette, table: str, row_id: str, document_id: str | None) -> str | None:
    """Where a row's words are read: its document, at the row's highlight (a document's own row:
    the whole document); None for a row that is not words of a document."""
    if not document_id:
        return None
    if table == "documents":
        return reader_url(datasette, document_id)
    anchor = ANCHOR_OF_TABLE.get(table)
    return reader_url(datasette, document_id, f"{anchor}-{row_id}") if anchor else None


@hookimpl
def extra_template_vars(datasette):
    """`reader_link(table, row id, document id)` for the templates that link rows to their words
    (templates/row.html, templates/search_everything.html)."""
    return {"reader_link": functools.partial(words_link, datasette)}
