"""Datasette plugin: limits on the requests that can make a public instance slow for everyone.

- Facets: a table page computes every facet asked for (`_facet=`, `_facet_array=`,
  `_facet_date=`), each a GROUP BY over the table; 50 of them in one URL took 4.3 s on 200,000
  rows. More than MAX_FACETS in one request is answered 400 with a message.
- Arbitrary SQL (`?sql=`, and `_where=` on table pages): Datasette runs every query on one small
  pool of threads, so a few clients looping slow queries made every other page wait seconds.
  At most MAX_CONCURRENT_SQL such requests run at once (one less than the cores), fewer than Datasette's threads
  (`num_sql_threads` in scripts/serve/settings.py), so pages, searches and canned queries always have
  threads of their own; one over the limit is answered 429 at once, with Retry-After. A rate
  limit per client for `?sql=` belongs at the proxy in front (see README, "Serving and
  deploying").
- Whole-table exports (`.csv` with `_stream=`): each streams every row of a table, page after
  page, rendered on the same event loop as the pages (two at 10,000 documents halved the pages
  served per second, 112 to 46). At most MAX_CONCURRENT_EXPORTS run at once in a process; one
  more is answered 429 at once with Retry-After. A running export yields: after every 20 ms of work
  it waits in proportion to the time that work took, so it has at most EXPORT_SHARE of the
  process's time and the pages the rest. A download of a whole table takes longer; no page
  waits for it.
"""

from __future__ import annotations

import asyncio
import os
from urllib.parse import parse_qsl

from datasette import hookimpl

MAX_FACETS = 10
# One core is always left for everything else: on the 2-core machine, one SQL query at a time
# (measured: with two, a page's 95th percentile under attack was 1.5 s; see README).
MAX_CONCURRENT_SQL = max(1, (os.cpu_count() or 2) - 1)
MAX_CONCURRENT_EXPORTS = 1
EXPORT_RETRY_SECONDS = 5
EXPORT_SHARE = 0.25
EXPORT_QUANTUM_SECONDS = 0.02
LONGEST_EXPORT_PAUSE_SECONDS = 2.0
FACET_PARAMETERS = ("_facet", "_facet_array", "_facet_date")
ARBITRARY_SQL_PARAMETERS = ("sql", "_where")


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        # Kept on the Datasette object: its internal client wraps the app again.
        if not hasattr(datasette, "_arbitrary_sql_slots"):
            datasette._arbitrary_sql_slots = [MAX_CONCURRENT_SQL]
            datasette._export_slots = [MAX_CONCURRENT_EXPORTS]

        async def limited(scope, receive, send):
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            names = [name for name, _ in parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)]
            facets = sum(1 for name in names if name in FACET_PARAMETERS)
            if facets > MAX_FACETS:
                await _refuse(send, 400, f"400 Bad Request: {facets} facets asked for; at most {MAX_FACETS} in one request.\n")
                return
            throttled = False
            if any(name in ARBITRARY_SQL_PARAMETERS for name in names):
                slots, retry = datasette._arbitrary_sql_slots, 1
                message = f"429 Too Many Requests: {_running(MAX_CONCURRENT_SQL)} already running; try again in a second.\n"
            elif "_stream" in names and scope.get("path", "").endswith(".csv"):
                slots, retry, throttled = datasette._export_slots, EXPORT_RETRY_SECONDS, True
                message = (
                    f"429 Too Many Requests: {_exporting(MAX_CONCURRENT_EXPORTS)} already being downloaded;"
                    f" try again in {EXPORT_RETRY_SECONDS} seconds.\n"
                )
            else:
                await app(scope, receive, send)
                return
            if slots[0] <= 0:
                await _refuse(send, 429, message, [(b"retry-after", str(retry).encode())])
                return
            slots[0] -= 1
            try:
                await app(scope, receive, yielding(send) if throttled else send)
            finally:
                slots[0] += 1

        return limited

    return wrap


def yielding(send, share: float = EXPORT_SHARE, clock=None, sleep=asyncio.sleep):
    """`send` for a long stream that leaves the process to others: once the chunks sent since
    the last pause took EXPORT_QUANTUM_SECONDS to make (Datasette sends a CSV row by row: a pause
    after each would cost more than the row), it sleeps (1 / share - 1) times as long, at most
    LONGEST_EXPORT_PAUSE_SECONDS. (`clock` and `sleep`: the event loop's, unless a test says.)"""
    clock = clock or asyncio.get_running_loop().time
    last, worked = clock(), 0.0

    async def send_and_yield(message):
        nonlocal last, worked
        worked += clock() - last
        await send(message)
        if message["type"] == "http.response.body" and message.get("more_body") and worked >= EXPORT_QUANTUM_SECONDS:
            await sleep(min(worked * (1 / share - 1), LONGEST_EXPORT_PAUSE_SECONDS))
            worked = 0.0
        last = clock()

    return send_and_yield


async def _refuse(send, status: int, message: str, headers: list | None = None) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"cache-control", b"no-store"), *(headers or [])],
        }
    )
    await send({"type": "http.response.body", "body": message.encode("utf-8")})


def _exporting(count: int) -> str:
    return "a whole table is" if count == 1 else f"{count} whole tables are"


def _running(count: int) -> str:
    return "a SQL query is" if count == 1 else f"{count} SQL queries are"
