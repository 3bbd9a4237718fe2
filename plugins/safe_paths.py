"""Datasette plugin: refuse paths that a redirect would turn into another site's address.

Datasette 0.65.5 redirects a path with a trailing slash to the same path without it. Sent as
is, `GET /\\example.com/` is answered `302 Location: /\\example.com`, which browsers read as
`//example.com`, another site: an open redirect, usable to lend this dataset's address to a
phishing link. This ASGI wrapper answers 404 to any path holding a backslash (raw or
percent-encoded) or starting with two slashes, before Datasette sees it, and, as a second line,
never lets a response carry a Location that leaves this site.
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from datasette import hookimpl

MESSAGE = b"404 Not Found: no page of this dataset has such an address.\n"


def leaves_the_site(location: bytes, host: bytes) -> bool:
    """A Location that a browser would resolve to a host other than this request's."""
    decoded = unquote_to_bytes(location).replace(b"\\", b"/").lstrip(b" \t")
    if decoded.startswith(b"/") and not decoded.startswith(b"//"):
        return False  # a path on this site
    target = decoded.split(b"//", 1)[1] if b"//" in decoded else b""
    return target.split(b"/", 1)[0].lower() != host.lower() or not decoded.lower().startswith((b"http://", b"https://"))


def unsafe_path(scope) -> bool:
    raw = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
    decoded = unquote_to_bytes(raw)
    return b"\\" in decoded or decoded.startswith(b"//")


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def safe(scope, receive, send):
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            if unsafe_path(scope):
                await _not_found(send)
                return
            refused = False
            host = next((value for name, value in scope.get("headers", []) if name == b"host"), b"")

            async def checked(message):
                nonlocal refused
                if message["type"] == "http.response.start":
                    location = next((value for name, value in message.get("headers", []) if name.lower() == b"location"), None)
                    if location is not None and leaves_the_site(location, host):
                        refused = True
                        await _not_found(send)
                        return
                if not refused:
                    await send(message)

            await app(scope, receive, checked)

        return safe

    return wrap


async def _not_found(send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 404,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"cache-control", b"no-store")],
        }
    )
    await send({"type": "http.response.body", "body": MESSAGE})
