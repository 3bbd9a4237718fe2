"""Datasette plugin: the whole database as a download, with its sha256 published beside it.

Offered on purpose: an open dataset is most useful whole, and SQLite is a format any tool
reads. This plugin serves the immutable file at /kashmir.db as a static file: with its
Content-Length (Datasette 0.65's own download sends it chunked, without one, so a client can
neither show progress nor tell a cut-short download), its sha256 as the ETag (a client that has
it gets 304), and the same cache lifetime as the pages. It publishes the sha256 at
/kashmir.db.sha256 in `sha256sum` form (`sha256sum -c kashmir.db.sha256` checks a download)
and gives the about page the file's address, size, sha256 (which names the release), the
file's date and the publisher's contact (`KASHMIR_CONTACT`, set when serving). The hash is the one
`datasette inspect` computed at build time.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone

from datasette import hookimpl
from datasette.utils.asgi import AsgiFileDownload, NotFound, Response

DATABASE = "kashmir"


def download(datasette, name: str = DATABASE) -> dict | None:
    database = datasette.databases.get(name)
    if database is None or database.is_mutable or not database.hash:
        return None
    # A build is deterministic, so the database holds no date of its own: its sha256 names the
    # release, and the file's own date (as this copy serves it) is given as that, no more.
    dated = datetime.fromtimestamp(os.path.getmtime(database.path), tz=timezone.utc).date().isoformat()
    contact = os.environ.get("KASHMIR_CONTACT", "").strip() or None  # set by whoever publishes this copy
    return {
        "url": datasette.urls.path(f"/{name}.db"), "sha256": database.hash, "bytes": database.size, "file": f"{name}.db",
        "file_dated": dated, "today": datetime.now(timezone.utc).date().isoformat(),
        "contact": contact, "contact_url": _contact_url(contact),
    }


def _contact_url(contact: str | None) -> str | None:
    """A web address as it is, anything else as an e-mail address (never a script)."""
    if contact is None:
        return None
    return contact if contact.startswith(("https://", "http://")) else f"mailto:{contact}"


async def sha256_file(request, datasette):
    found = download(datasette, request.url_vars["database"])
    if found is None:
        raise NotFound("No published hash for that database")
    return Response.text(f"{found['sha256']}  {found['file']}\n")


async def database_file(request, datasette):
    name = request.url_vars["database"]
    found = download(datasette, name)
    if found is None or not datasette.setting("allow_download"):
        raise NotFound("This database is not offered as a download")
    etag = f'"{found["sha256"]}"'
    headers = {"etag": etag, "cache-control": f"max-age={datasette.setting('default_cache_ttl')}"}
    if request.headers.get("if-none-match") == etag:
        return Response("", status=304, headers=headers)
    path = datasette.databases[name].path
    return AsgiFileDownload(path, filename=os.path.basename(path), content_type="application/vnd.sqlite3", headers=headers)


@hookimpl
def register_routes():
    return [
        (r"^/(?P<database>[^/]+)\.db\.sha256$", sha256_file),
        (r"^/(?P<database>[^/]+)\.db$", database_file),
    ]


@hookimpl
def extra_template_vars(datasette):
    return {"database_download": download(datasette)}
