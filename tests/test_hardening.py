"""A public instance hardened beyond Datasette 0.65's defaults: no open redirect, no query that
allocates gigabytes, bounded facets, arbitrary SQL unable to take every thread, errors never
cached, person rows kept out of search engines, and the whole database offered with its sha256.
Each test fails without the plugin or setting it names."""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import re
import sqlite3
import types
from contextlib import closing

import httpx
import pytest
from conftest import REPO

from plugins import request_limits
from scripts.serve.settings import SETTINGS
from scripts.tools.hardening_bench import raw_get

# Builds databases of its own, or serves them: left out of `make test-fast`.
pytestmark = pytest.mark.slow


@pytest.mark.parametrize("path", ["/\\example.com/", "/%5Cexample.com/", "//example.com/", "/\\/example.com/", "/kashmir/\\..\\/"])
def test_no_path_redirects_to_another_site(served, path):
    status, headers = raw_get(served, path)
    assert status.startswith("404 ") and "location" not in headers, (status, headers)


def test_redirects_within_the_site_still_work(served):
    status, headers = raw_get(served, "/kashmir/")
    assert status.startswith("302 ") and headers["location"] == "/kashmir"


def test_a_query_making_a_huge_value_fails_at_once_and_real_values_are_served(datasette, db):
    response = datasette.get("/kashmir.json?sql=select+length(randomblob(900000000))+as+n")
    assert response.status_code == 400 and "string or blob too big" in response.json()["error"]
    # The largest value the dataset holds is served whole, as are searches and exports.
    limit = int(re.search(r"MAX_VALUE_BYTES = ([\d_]+)", (REPO / "plugins" / "value_size_limit.py").read_text()).group(1))
    longest_id, longest = db.execute("select id, length(cast(text as blob)) from documents order by 2 desc limit 1").fetchone()
    assert longest < limit / 2
    row = datasette.get(f"/kashmir/documents/{longest_id}.json?_shape=array").json()[0]
    assert len(row["text"].encode("utf-8")) == longest
    assert datasette.get("/kashmir/signatories.json?_search=mosque&_shape=array").json()
    assert datasette.get("/kashmir/documents.csv?_stream=on").status_code == 200


def test_facets_are_capped_per_request(datasette):
    ten = "&".join(["_facet=kind"] * 10)
    assert datasette.get(f"/kashmir/signatories?{ten}").status_code == 200
    eleven = datasette.get(f"/kashmir/signatories?{ten}&_facet_array=place")
    assert eleven.status_code == 400 and "at most 10" in eleven.text


def test_the_settings_bound_queries_for_a_two_core_machine():
    assert SETTINGS["suggest_facets"] == "off"
    assert int(SETTINGS["sql_time_limit_ms"]) == 1000
    assert int(SETTINGS["num_sql_threads"]) == 4
    assert 0 < int(SETTINGS["max_csv_mb"]) <= 500


SLOW_SQL = "with recursive c(x) as (select 1 union all select x + 1 from c where x < 100000000) select count(*) from c"


def test_slow_sql_from_many_clients_cannot_take_every_thread(served):
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        slow = [pool.submit(httpx.get, f"{served}/kashmir.json", params={"sql": SLOW_SQL}, timeout=30) for _ in range(6)]
        page = httpx.get(f"{served}/kashmir/letters.json?_shape=array&_nocache=1", timeout=30)
        answers = [future.result() for future in slow]
    assert page.status_code == 200 and page.json()
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses.count(429) >= 1, statuses
    refused = next(answer for answer in answers if answer.status_code == 429)
    assert refused.headers["retry-after"] == "1" and refused.headers["cache-control"] == "no-store"
    stopped = [answer for answer in answers if answer.status_code == 400]
    assert stopped and all("interrupted" in answer.text.lower() or "time limit" in answer.text.lower() for answer in stopped)
    assert all(answer.headers["cache-control"] == "no-store" for answer in stopped)


@pytest.mark.parametrize(
    "path, status",
    [
        ("/kashmir.json?sql=select+nope", 400),
        ("/kashmir/no_such_table", 404),
        ("/kashmir/signatories?_sort=nope", 400),
        (f"/kashmir/signatories?{'&'.join(['_facet=kind'] * 11)}", 400),
    ],
)
def test_errors_are_never_cached(datasette, path, status):
    response = datasette.get(path)
    assert response.status_code == status
    assert response.headers["cache-control"] == "no-store"


def test_successful_pages_are_cached_for_the_configured_time(datasette):
    response = datasette.get("/kashmir/documents")
    assert response.status_code == 200 and response.headers["cache-control"] == f"max-age={SETTINGS['default_cache_ttl']}"


def test_search_engines_are_asked_to_leave_person_rows_alone(datasette, db):
    robots = datasette.get("/robots.txt").text
    for table in ("signatories", "people", "mentions", "provenance", "signatory_map"):
        assert f"Disallow: /kashmir/{table}\n" in robots
    for table in ("documents", "letters", "organisations"):
        assert f"Disallow: /kashmir/{table}\n" not in robots
    person = db.execute("select id from people limit 1").fetchone()[0]
    assert datasette.get(f"/kashmir/people/{person}").headers["x-robots-tag"] == "noindex, nofollow"
    assert datasette.get("/kashmir/organisations.json").headers["x-robots-tag"] == "noindex, nofollow"
    assert "x-robots-tag" not in datasette.get("/kashmir/organisations").headers


def test_the_whole_database_downloads_with_its_published_sha256(served, built_db):
    expected = hashlib.sha256(built_db.read_bytes()).hexdigest()
    download = httpx.get(f"{served}/kashmir.db", timeout=30)
    assert download.status_code == 200 and hashlib.sha256(download.content).hexdigest() == expected
    assert int(download.headers["content-length"]) == built_db.stat().st_size
    assert download.headers["etag"] == f'"{expected}"'
    assert httpx.get(f"{served}/kashmir.db", headers={"if-none-match": f'"{expected}"'}).status_code == 304
    assert httpx.get(f"{served}/kashmir.db.sha256").text == f"{expected}  kashmir.db\n"
    about = httpx.get(f"{served}/about").text
    assert expected in about and 'href="/kashmir.db"' in about
    with closing(sqlite3.connect(":memory:")) as connection:
        connection.execute("attach database ? as downloaded", [str(built_db)])
        assert connection.execute("select count(*) from downloaded.documents").fetchone()[0] == 3


def test_whole_table_exports_wait_their_turn_and_pages_do_not():
    """One whole-table CSV stream at a time: another is told to retry at once, while a page or
    a CSV of one page passes straight through (the plugin's own ASGI wrapper, around an app that
    holds the first export open)."""
    async def scenario():
        release, answered = asyncio.Event(), []

        async def app(scope, receive, send):
            if scope["path"].endswith(".csv") and b"_stream" in scope["query_string"]:
                await release.wait()
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b""})

        wrapped = request_limits.asgi_wrapper(types.SimpleNamespace())(app)

        async def get(path, query=b""):
            statuses = []

            async def send(message):
                if message["type"] == "http.response.start":
                    statuses.append((message["status"], dict(message["headers"])))

            await wrapped({"type": "http", "path": path, "query_string": query}, None, send)
            answered.append(path)
            return statuses[0]

        first = asyncio.create_task(get("/kashmir/signatories.csv", b"_stream=on&_size=max"))
        await asyncio.sleep(0)
        second = await get("/kashmir/mentions.csv", b"_stream=on&_size=max")
        page = await get("/kashmir/signatories")
        one_page = await get("/kashmir/signatories.csv")
        release.set()
        assert (await first)[0] == 200
        after = await get("/kashmir/mentions.csv", b"_stream=on")
        return second, page, one_page, after

    second, page, one_page, after = asyncio.run(scenario())
    assert second[0] == 429 and second[1][b"retry-after"] == str(request_limits.EXPORT_RETRY_SECONDS).encode()
    assert page[0] == 200 and one_page[0] == 200 and after[0] == 200


def test_a_running_export_yields_three_quarters_of_the_time_to_the_pages():
    """Once an export has worked 20 ms, it sleeps three times as long (at most EXPORT_SHARE of
    the process's time), never after its last chunk, and never for long; rows sent one by one
    are paused once per 20 ms of them, not once each."""
    now, sent, pauses = [0.0], [], []

    async def send(message):
        sent.append(message)

    async def sleep(seconds):
        pauses.append(seconds)
        now[0] += seconds

    async def stream():
        send_and_yield = request_limits.yielding(send, clock=lambda: now[0], sleep=sleep)
        chunks = [0.001] * 40 + [0.1, 5.0, 0.01]  # forty rows of 1 ms, then larger chunks, the last not followed by more
        for position, took in enumerate(chunks):
            now[0] += took
            await send_and_yield({"type": "http.response.body", "body": b"x", "more_body": position < len(chunks) - 1})

    asyncio.run(stream())
    assert len(sent) == 43
    assert request_limits.EXPORT_QUANTUM_SECONDS == 0.02 and request_limits.EXPORT_SHARE == 0.25
    assert pauses == pytest.approx([0.06, 0.06, 0.3, request_limits.LONGEST_EXPORT_PAUSE_SECONDS])
