"""Datasette plugin: one search over every table of the dataset, at /-/search.

For each searchable table, in the order a reader needs them (documents, letters, signatories,
organisations, people, places, comments, mentions): how many rows match, the best few, each
titled by its label and linked to its row page, with a short snippet of its matching words
marked, a link to its words in the document reader where it has some, and a link to all its
matches in the table (`?_search=`, where the whole list can be faceted and downloaded). Answered
in one page, in SQL (the full-text indexes' `snippet()` and `rank`): no script needed. Replaces
datasette-search-all, which printed each match whole (a document's whole text) and linked no row.
"""

from __future__ import annotations

from urllib.parse import urlencode

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils import escape_fts, tilde_encode
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

DATABASE = "kashmir"
SHOWN = 3  # the best matches a table shows; the rest are one link away
# (table, label column), in reading order; a table without a full-text index is skipped.
SEARCHED = (
    ("documents", "title"), ("letters", "title"), ("signatories", "name"), ("organisations", "name"),
    ("people", "name"), ("locations", "name"), ("comments", "author"), ("mentions", "text"),
)
OPEN, CLOSE = "\x02", "\x03"  # snippet() marks, replaced by <mark> once the text is escaped


def marked(snippet: str | None) -> Markup:
    return Markup(str(escape(snippet or "")).replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))


async def search(datasette, q: str) -> list[dict]:
    database = datasette.get_database(DATABASE)
    names = set(await database.table_names())
    query = escape_fts(q)
    results = []
    for table, label in SEARCHED:
        fts = f"{table}_fts"
        if table not in names or fts not in names:
            continue
        all_url = datasette.urls.table(DATABASE, table) + "?" + urlencode({"_search": q})
        try:
            found = await matches_in(datasette, database, table, label, query)
        except QueryInterrupted:  # past the SQL time limit: the table's own search may still answer
            results.append({"table": table, "count": None, "matches": [], "all_url": all_url, "timed_out": True})
            continue
        if found is not None:
            count, matches = found
            results.append({"table": table, "count": count, "matches": matches, "all_url": all_url, "timed_out": False})
    return results


async def matches_in(datasette, database, table: str, label: str, query: str) -> tuple[int, list[dict]] | None:
    """How many rows of the table match, and the best few, each with the document its words are
    in (templates link them with `reader_link`); None when none does."""
    fts = f"{table}_fts"
    count = (await database.execute(f"select count(*) from [{fts}] where [{fts}] match :q", {"q": query})).first()[0]
    if not count:
        return None
    column = "id" if table == "documents" else "document_id" if "document_id" in await database.table_columns(table) else None
    document = f"[{table}].[{column}]" if column else "null"
    rows = await database.execute(
        f"select [{table}].id, [{table}].[{label}] as label, {document} as document_id,"
        f" snippet([{fts}], -1, '{OPEN}', '{CLOSE}', ' … ', 12) as snippet"
        f" from [{fts}] join [{table}] on [{table}].rowid = [{fts}].rowid where [{fts}] match :q order by [{fts}].rank limit {SHOWN}",
        {"q": query},
    )
    matches = [
        {
            "id": row["id"], "label": row["label"] or row["id"], "document_id": row["document_id"], "snippet": marked(row["snippet"]),
            "url": datasette.urls.row(DATABASE, table, tilde_encode(str(row["id"]))),
        }
        for row in rows
    ]
    return count, matches


async def search_page(datasette, request):
    q = (request.args.get("q") or "").strip()
    results = await search(datasette, q) if q and DATABASE in datasette.databases else []
    return Response.html(await datasette.render_template("search_everything.html", {"q": q, "results": results}, request=request))


@hookimpl
def register_routes():
    return [(r"^/-/search$", search_page)]


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path("/-/search"), "label": "Search everything"}]
