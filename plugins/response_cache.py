"""Datasette plugin: keep the answers to repeated requests, since the database never changes.

The public database is served immutable, so a page's answer depends only on its URL. This
ASGI wrapper keeps successful GET answers of up to 1 MB in memory (at most 64 MB in all, the
least recently used going first) and answers the same URL again from memory: a table page
whose facets count a million rows is computed once, not on every visit. Answers to requests
that carry cookies or credentials, errors and large downloads are never kept. It does nothing
unless every database is immutable.

At startup it also asks for the first page of every table and view, in the background, so
that even the first visitor to a table whose facets count a million rows gets a kept answer.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict

from datasette import hookimpl

MAX_ANSWER_BYTES = 1_000_000
MAX_TOTAL_BYTES = 64_000_000


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        answers: OrderedDict[tuple, tuple[dict, bytes]] = OrderedDict()
        held = [0]

        async def cached(scope, receive, send):
            if not _cacheable_request(datasette, scope):
                await app(scope, receive, send)
                return
            key = (scope["path"], scope.get("query_string", b""), scope.get("root_path", ""))
            if key in answers:
                answers.move_to_end(key)
                start, body = answers[key]
                await send({**start, "headers": [*start["headers"], (b"x-answered-from", b"memory")]})
                await send({"type": "http.response.body", "body": body})
                return
            start_message, chunks, size, keep = {}, [], 0, True

            async def capture(message):
                nonlocal start_message, size, keep
                if message["type"] == "http.response.start":
                    start_message = message
                    keep = message["status"] == 200
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
                answers[key] = (start_message, body)
                held[0] += len(body)
                while held[0] > MAX_TOTAL_BYTES and answers:
                    _, (_, dropped) = answers.popitem(last=False)
                    held[0] -= len(dropped)

        return cached

    return wrap


def _cacheable_request(datasette, scope) -> bool:
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    if any(name in (b"cookie", b"authorization") for name, _ in scope.get("headers", [])):
        return False
    return _all_immutable(datasette)


def _all_immutable(datasette) -> bool:
    served = [database for name, database in datasette.databases.items() if name != "_internal"]
    return bool(served) and all(not database.is_mutable for database in served)


@hookimpl
def startup(datasette):
    async def warm():
        if not _all_immutable(datasette):
            return
        paths = []
        for name, database in datasette.databases.items():
            if name == "_internal":
                continue
            tables = await database.table_names() + await database.view_names()
            paths += [datasette.urls.table(name, table) for table in tables if not _is_search_index(table)]
        for path in paths:
            await datasette.client.get(path)

    async def start_warming():
        datasette._response_cache_warming = asyncio.get_running_loop().create_task(warm())

    return start_warming


def _is_search_index(table: str) -> bool:
    return "_fts" in table
