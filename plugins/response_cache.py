"""Datasette plugin: keep the answers to repeated requests, since the database never changes.

The public database is served immutable, so a page's answer depends only on its URL. This
ASGI wrapper keeps successful GET answers of up to 1 MB in memory and answers the same URL
again from memory: a table page whose facets count a million rows is computed once, not on
every visit. The answers are kept in a `cachetools.LRUCache` that measures each one by its
body's bytes, so the library holds them to 64 MB in all, the least recently used going first.
Answers to requests that carry cookies or credentials, answers marked no-store, Datasette's
own /-/ pages (but for the search and the document reader, which read only the database),
errors and large downloads are never kept. It does nothing unless every
database is immutable.

When the server answers its first request it also asks, in the background, for the first page
of every table and view, so that even the first visitor to a table whose facets count a
million rows gets a kept answer. /-/response-cache.json tells what is kept.
"""

from __future__ import annotations

import asyncio
import os

from cachetools import LRUCache
from datasette import hookimpl

MAX_ANSWER_BYTES = 1_000_000
# /-/ pages that answer from the database alone, and so are kept like any other page: the
# search of every table (plugins/search_everything.py) and the document reader.
KEPT_OWN_PAGES = ("/-/search", "/-/read/")
MAX_TOTAL_BYTES = 64_000_000


def answer_cache(max_total_bytes: int = MAX_TOTAL_BYTES) -> LRUCache:
    """Kept answers, (start message, body) by request, sized by their bodies' bytes: storing one
    past `max_total_bytes` in all drops the least recently used first."""
    return LRUCache(maxsize=max_total_bytes, getsizeof=lambda answer: len(answer[1]))


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        # Kept on the Datasette object: its internal client wraps the app again, and its
        # requests (the warming) must fill the same cache the server answers from.
        if not hasattr(datasette, "_response_cache"):
            datasette._response_cache = answer_cache()

        async def cached(scope, receive, send):
            if scope["type"] == "http" and not hasattr(datasette, "_response_cache_warming"):
                # The first request starts the warming, on the server's own event loop, for the
                # host name it was sent to (pages name their host in some links).
                datasette._response_cache_warming = asyncio.get_running_loop().create_task(_warm(datasette, _host(scope)))
            if not _cacheable_request(datasette, scope):
                await app(scope, receive, send)
                return
            answers = datasette._response_cache  # looked up each time: a test may give it a smaller budget
            key = (_host(scope), scope["path"], scope.get("query_string", b""), scope.get("root_path", ""))
            kept = answers.get(key)  # a hit becomes the most recently used
            if kept is not None:
                start, body = kept
                await send({**start, "headers": [*start["headers"], (b"x-answered-from", b"memory")]})
                await send({"type": "http.response.body", "body": body})
                return
            start_message, chunks, size, keep = {}, [], 0, True

            async def capture(message):
                nonlocal start_message, size, keep
                if message["type"] == "http.response.start":
                    start_message = message
                    no_store = any(name == b"cache-control" and b"no-store" in value for name, value in message.get("headers", []))
                    keep = message["status"] == 200 and not no_store
                elif message["type"] == "http.response.body" and keep:
                    size += len(message.get("body", b""))
                    if size > MAX_ANSWER_BYTES:
                        keep = False
                        chunks.clear()
                    else:
                        chunks.append(message.get("body", b""))
                await send(message)

            await app(scope, receive, capture)
            if keep and start_message:
                body = b"".join(chunks)
                # LRUCache raises ValueError for one value larger than its whole budget: never ask it to.
                if len(body) <= answers.maxsize:
                    answers[key] = (start_message, body)

        return cached

    return wrap


def _cacheable_request(datasette, scope) -> bool:
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    if scope["path"].startswith("/-/") and not scope["path"].startswith(KEPT_OWN_PAGES):
        return False  # Datasette's own /-/ pages (settings, versions, this cache's status) are live
    if any(name in (b"cookie", b"authorization", b"if-none-match", b"range") for name, _ in scope.get("headers", [])):
        return False  # personal, or conditional (the answer may be 304), or partial
    return _all_immutable(datasette)


def _all_immutable(datasette) -> bool:
    served = [database for name, database in datasette.databases.items() if name != "_internal"]
    return bool(served) and all(not database.is_mutable for database in served)


def _host(scope) -> bytes:
    return next((value for name, value in scope.get("headers", []) if name == b"host"), b"")


async def _warm(datasette, host: bytes) -> None:
    """Ask once for the first page of every table and view, so they are kept from the start.
    A visitor's facet is counted for at most `facet_time_limit_ms` (a few ms over a subset, too
    short for a table of a million rows); these first pages, asked once and kept, are counted
    with the SQL time limit instead, so every table opens with all its default facets."""
    if _all_immutable(datasette):
        visitors_limit = datasette._settings["facet_time_limit_ms"]
        datasette._settings["facet_time_limit_ms"] = max(visitors_limit, datasette.setting("sql_time_limit_ms"))
        try:
            for name, database in list(datasette.databases.items()):
                if name == "_internal":
                    continue
                for table in await database.table_names() + await database.view_names():
                    if not _is_search_index(table):
                        await datasette.client.get(datasette.urls.table(name, table), headers={"host": host.decode("latin-1")} if host else None)
        finally:
            datasette._settings["facet_time_limit_ms"] = visitors_limit
    datasette._response_cache_warmed = True


@hookimpl
def register_routes():
    return [(r"^/-/response-cache\.json$", response_cache_status)]


async def response_cache_status(datasette):
    """What the cache holds, for operators: answers kept, their bytes, whether the start-up
    warming has finished, and the process answering (`make serve` runs one per core, each with
    its own cache)."""
    from datasette.utils.asgi import Response

    answers = getattr(datasette, "_response_cache", None)
    if answers is None:
        answers = answer_cache()
    return Response.json(
        {"answers": len(answers), "bytes": answers.currsize, "warmed": getattr(datasette, "_response_cache_warmed", False), "process": os.getpid()},
        headers={"cache-control": "no-store"},
    )


def _is_search_index(table: str) -> bool:
    return "_fts" in table
