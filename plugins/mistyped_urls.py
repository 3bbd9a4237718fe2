"""Datasette plugin: an address with `&` typed for `?` is read as its writer meant it.

`/kashmir/signatories.json&kind=person` names no page; a reader who typed or pasted it meant
`/kashmir/signatories.json?kind=person`. A path holding `&` and no query string is redirected
(302) to the path with its first `&` made `?`. Only the path changes, so the redirect stays on
this site (plugins/safe_paths.py also checks every Location).
"""

from __future__ import annotations

from datasette import hookimpl


def meant(path: str, query_string: bytes) -> str | None:
    if query_string or "&" not in path or "=" not in path.split("&", 1)[1]:
        return None
    return path.replace("&", "?", 1)


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def redirect_mistyped(scope, receive, send):
            if scope["type"] == "http":
                location = meant(scope["path"], scope.get("query_string", b""))
                if location is not None:
                    await send({"type": "http.response.start", "status": 302, "headers": [(b"location", location.encode("utf-8")), (b"content-length", b"0")]})
                    await send({"type": "http.response.body", "body": b""})
                    return
            await app(scope, receive, send)

        return redirect_mistyped

    return wrap
