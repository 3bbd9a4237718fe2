"""Datasette plugin: ids in a query's answers link to their rows, a document's to its reader.

Datasette links foreign keys on table pages but not in the answers of a query (canned or
typed). Here a value that is a row's id, recognised by its prefix (`signature-…`,
`letter-…`, `mention-…`, `claim-…`, `comment-…`), links to that row's page, and a
`document_id` column opens the document in the reader. Only cells of query answers are looked
at; a table page's cells return at once.
"""

from __future__ import annotations

import re

from datasette import hookimpl
from datasette.utils import tilde_encode
from markupsafe import Markup, escape

DATABASE = "kashmir"
TABLE_OF_PREFIX = {"signature-": "signatories", "letter-": "letters", "mention-": "mentions", "claim-": "claims", "comment-": "comments"}
# A row's id: its kind, a hyphen and what the build makes of its key (hex digits, or a
# document id, an entity and an offset for a mention); nothing with spaces or markup.
ROW_ID = re.compile(r"^(signature|letter|mention|claim|comment)-[A-Za-z0-9_.-]+$")


@hookimpl
def render_cell(value, column, table, database, datasette):
    if table is not None or database != DATABASE or not isinstance(value, str):
        return None
    if column == "document_id":
        url = datasette.urls.path(f"/-/read/{tilde_encode(value)}")
        return Markup(f'<a href="{escape(url)}">{escape(value)}</a>')
    match = ROW_ID.match(value)
    if match is None:
        return None
    row_table = TABLE_OF_PREFIX[match.group(1) + "-"]
    return Markup(f'<a href="{escape(datasette.urls.row(DATABASE, row_table, tilde_encode(value)))}">{escape(value)}</a>')
