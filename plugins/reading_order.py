"""Datasette plugin: the dataset's tables and queries in the order a reader needs them, for the
home page and the database page (templates/index.html, templates/database.html).

Datasette lists tables largest first (provenance and mentions before letters and documents,
the rest behind "…"), shows the basemap's tile tables and their hidden tables beside the
dataset's, and fills a database page's SQL box with the alphabetically first table (`changes`).
Here: what a journalist opens first (documents, letters, signatories, organisations, people,
places, the map), then what explains them, then what curators and SQL users need; each with its
row count and the first sentence of its description; the canned queries with theirs. The
basemap is the map's background, not part of the dataset: it is not listed. A table this list
does not know yet comes after the known ones, so nothing is ever left off.
"""

from __future__ import annotations

import html
import re

from datasette import hookimpl

DATABASE = "kashmir"
READING_ORDER = (
    "documents", "letters", "signatories", "organisations", "people", "locations", "local_authorities", "signatory_map",
    "claims", "comments", "mentions", "appearances", "rules", "corrections", "provenance", "to_review",
    "places_to_review", "changes",
)
# How a list names a table whose metadata gives it no title of its own.
TITLES = {"locations": "places (locations)", "to_review": "to review"}
TAGS = re.compile(r"<[^>]+>")


def first_sentence(text: str | None) -> str:
    """The first sentence of a description, as plain text."""
    plain = " ".join(html.unescape(TAGS.sub(" ", text or "")).split())
    match = re.match(r"(.+?\.)(\s|$)", plain)
    return match.group(1) if match else plain


async def reading_order(datasette) -> dict | None:
    """The dataset's tables (reading order) and canned queries, each with what a list shows;
    None where the dataset is not served (the templates then show Datasette's own lists)."""
    if DATABASE not in datasette.databases:
        return None
    database = datasette.get_database(DATABASE)
    hidden = set(await database.hidden_table_names())
    views = set(await database.view_names())
    names = [name for name in await database.table_names() if name not in hidden] + sorted(views)
    ordered = [name for name in READING_ORDER if name in names] + sorted(name for name in names if name not in READING_ORDER)
    counts = await database.table_counts(limit=10)  # counted from the inspect file when served
    tables = []
    for name in ordered:
        table_metadata = datasette.table_metadata(DATABASE, name)
        tables.append(
            {
                "name": name,
                "title": table_metadata.get("title") or TITLES.get(name, name),
                "url": datasette.urls.table(DATABASE, name),
                "count": counts.get(name),
                "is_view": name in views,
                "summary": first_sentence(table_metadata.get("description") or table_metadata.get("description_html")),
            }
        )
    queries = [
        {"name": name, "title": query.get("title") or name, "url": datasette.urls.query(DATABASE, name), "summary": first_sentence(query.get("description"))}
        for name, query in (datasette.metadata("queries", database=DATABASE) or {}).items()
    ]
    return {"tables": tables, "queries": queries, "hidden_count": len(hidden), "database_url": datasette.urls.database(DATABASE)}


@hookimpl
def extra_template_vars(template, datasette):
    if template not in ("index.html", "database.html"):
        return {}

    async def inner():
        return {"reading_order": await reading_order(datasette)}

    return inner
