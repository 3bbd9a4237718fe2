"""Datasette plugin: the original files of the documents whose publishers' rights allow it.

`documents.yml` says, document by document, whether the original file (the saved page, the
PDF) may be redistributed (`redistribute: yes`; no when not said). The build keeps those files
whole in the `originals` table; this plugin serves each at `/-/originals/<file name>`, with its
sha256 as the ETag, beside the database's own download. A PDF opens in the browser's viewer; a
saved web page or a text file is offered as a download only, sandboxed, so that a page's own
scripts never run on this site. A document whose original may not be redistributed has none here: its
row says so, and its text is in `documents.text`.

The documents table's `source_file` cell links to the original where there is one.
"""

from __future__ import annotations

from urllib.parse import quote

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

DATABASE = "kashmir"
INLINE_TYPES = {"application/pdf"}


def original_url(datasette, file_name: str) -> str:
    return datasette.urls.path(f"/-/originals/{quote(file_name)}")


async def original_file(request, datasette):
    file_name = request.url_vars["file"]
    database = datasette.databases.get(DATABASE)
    if database is None:
        raise NotFound("No such database")
    rows = (await database.execute("select media_type, sha256, content from originals where id = ?", [file_name])).rows
    if not rows:
        raise NotFound("No original of that name is published: its publisher's rights may not allow it (see the documents table)")
    media_type, sha256, content = rows[0]
    etag = f'"{sha256}"'
    inline = media_type in INLINE_TYPES
    headers = {
        "etag": etag,
        "cache-control": f"max-age={datasette.setting('default_cache_ttl')}",
        "x-content-type-options": "nosniff",
        "content-disposition": f"{'inline' if inline else 'attachment'}; filename*=UTF-8''{quote(file_name)}",
    }
    if not inline:
        headers["content-security-policy"] = "sandbox"  # a saved page's scripts never run here (a PDF viewer refuses a sandbox)
    if request.headers.get("if-none-match") == etag:
        return Response("", status=304, headers=headers)
    return Response(content, status=200, headers=headers, content_type=media_type)


@hookimpl
def register_routes():
    return [(r"^/-/originals/(?P<file>[^/]+)$", original_file)]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if table != "documents" or column != "source_file" or database != DATABASE or not value:
        return None
    try:
        if not row["redistributable"]:
            return None
    except (IndexError, KeyError):  # a page of chosen columns without it
        return None
    return Markup(f'{escape(value)} <a class="original-file" href="{escape(original_url(datasette, value))}">original file</a>')


@hookimpl
def extra_template_vars(datasette):
    return {"original_url": lambda file_name: original_url(datasette, file_name)}
