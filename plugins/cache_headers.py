"""Datasette plugin: only successful answers may be kept by browsers and proxies.

The database is immutable while served, so a successful page may be kept for
`default_cache_ttl` (an hour, scripts/serve/settings.py). An error is not a fact about the data: a
query stopped at the time limit, a 429 when too many queries run, a 400 for a mistake in the
URL or a 500 must be asked again next time, so this ASGI wrapper sends every answer of status
400 or more with `Cache-Control: no-store`, whatever Datasette set.
"""

from __future__ import annotations

from datasette import hookimpl

NO_STORE = (b"cache-control", b"no-store")


@hookimpl(trylast=True)
def asgi_wrapper(datasette):
    def wrap(app):
        async def headed(scope, receive, send):
            if scope["type"] != "http":
                await app(scope, receive, send)
                return

            async def with_headers(message):
                if message["type"] == "http.response.start" and message["status"] >= 400:
                    headers = [(name, value) for name, value in message.get("headers", []) if name.lower() != b"cache-control"]
                    message = {**message, "headers": [*headers, NO_STORE]}
                await send(message)

            await app(scope, receive, with_headers)

        return headed

    return wrap
