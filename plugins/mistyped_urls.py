"""Datasette plugin: an address with `&` typed for `?` is read as its writer meant it.

`/kashmir/signatories.json&kind=person` names no page; a reader who typed or pasted it meant
`/kashmir/signatories.json?kind=person`. A path holding `&` and no query string is redirected
(302) to the path with its first `&` made `?`, as sent (its escapes kept) and under this
instance's base_url. Only a plain path of this site is redirected: one starting with two
slashes, or holding a backslash or an escaped slash or backslash, could be read by a browser
as another site's address, and is left to Datasette's 404.
"""

from __future__ import annotations

from datasette import hookimpl

UNSAFE = ("//", "\\", "%2f", "%5c")


def meant(raw_path: str, query_string: bytes, base_url: str = "/") -> str | None:
    """The address meant, or None. `raw_path` as sent (percent-escapes kept)."""
    if query_string or "&" not in raw_path or not raw_path.startswith("/"):
        return None
    before, after = raw_path.split("&", 1)
    if "=" not in after or any(mark in before.lower() for mark in UNSAFE) or raw_path.startswith("//"):
        return None
    if base_url != "/" and not before.startswith(base_url):
        before = base_url.rstrip("/") + before  # a proxy that strips the prefix sent it without
    return f"{before}?{after}"


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def redirect_mistyped(scope, receive, send):
            if scope["type"] == "http":
                raw = (scope.get("raw_path") or scope["path"].encode("utf-8")).decode("latin-1")
                location = meant(raw, scope.get("query_string", b""), datasette.setting("base_url"))
                if location is not None:
                    headers = [(b"location", location.encode("latin-1")), (b"content-length", b"0")]
                    await send({"type": "http.response.start", "status": 302, "headers": headers})
                    await send({"type": "http.response.body", "body": b""})
                    return
            await app(scope, receive, send)

        return redirect_mistyped

    return wrap
