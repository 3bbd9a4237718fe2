"""Datasette plugin: a canned query opened without its parameters opens on an example.

A query page asked for with no query string would run its SQL with every parameter empty: an
FTS error for a search, "0 results" for a place. Instead, where the query's metadata gives
`examples` (parameter -> value), the page redirects to itself with them filled in, so a reader
sees the form, a value to change and what the answers look like. Only the HTML page: JSON and
CSV answer exactly what was asked.
"""

from __future__ import annotations

from urllib.parse import urlencode

from datasette import hookimpl


def example_location(datasette, path: str) -> str | None:
    """The example URL for a canned query page's path, or None."""
    base_url = datasette.setting("base_url")
    if base_url != "/" and path.startswith(base_url):
        path = "/" + path[len(base_url) :]
    parts = path.strip("/").split("/")
    if len(parts) != 2 or "." in parts[1]:
        return None
    database, name = parts
    if database not in datasette.databases:
        return None
    query = (datasette.metadata("queries", database=database) or {}).get(name)
    if not isinstance(query, dict) or not query.get("examples"):
        return None
    return datasette.urls.query(database, name) + "?" + urlencode(query["examples"])


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def with_examples(scope, receive, send):
            if scope["type"] == "http" and scope.get("method") == "GET" and not scope.get("query_string"):
                location = example_location(datasette, scope["path"])
                if location:
                    await send({"type": "http.response.start", "status": 302, "headers": [(b"location", location.encode()), (b"content-length", b"0")]})
                    await send({"type": "http.response.body", "body": b""})
                    return
            await app(scope, receive, send)

        return with_examples

    return wrap
