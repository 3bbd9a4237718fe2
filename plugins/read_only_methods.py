"""Datasette plugin: the public instance is read-only, so only GET, HEAD and OPTIONS are served.

Datasette 0.65 answers a POST to a table or canned query page with a 500 error (an assertion);
this ASGI wrapper refuses every other method before Datasette sees it, with 405 and a message.
"""

from __future__ import annotations

from datasette import hookimpl

ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
MESSAGE = b"405 Method Not Allowed: this dataset is read-only; only GET and HEAD requests are served.\n"


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in ALLOWED_METHODS:
                await send(
                    {
                        "type": "http.response.start",
                        "status": 405,
                        "headers": [
                            (b"content-type", b"text/plain; charset=utf-8"),
                            (b"allow", ", ".join(ALLOWED_METHODS).encode()),
                            (b"cache-control", b"no-store"),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": MESSAGE})
                return
            await app(scope, receive, send)

        return read_only

    return wrap
