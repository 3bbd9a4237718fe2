"""The response cache: an immutable database answers a repeated URL from memory, exactly as
it first answered it; errors, requests with cookies and mutable databases are never cached;
the kept answers' bytes stay within the budget, the least recently used dropped first."""

from __future__ import annotations

import asyncio
import shutil

from conftest import PLUGINS_DIR, DatasetteClient
from datasette.app import Datasette
from datasette.plugins import pm

from scripts.serve.settings import SETTINGS


def running_plugin():
    """plugins/response_cache.py as Datasette loaded it from the plugins folder (registered once
    per process, by the first Datasette made; a DatasetteClient must exist first)."""
    plugin = pm.get_plugin("response_cache.py")
    assert plugin is not None, "plugins/response_cache.py is not registered"
    return plugin


def kept(client: DatasetteClient) -> dict:
    status = client.get("/-/response-cache.json")
    assert status.status_code == 200
    return status.json()


def test_a_repeated_page_is_answered_from_memory_with_the_same_content(built_db):
    client = DatasetteClient(built_db)
    try:
        first = client.get("/kashmir/signatories?kind=person")
        again = client.get("/kashmir/signatories?kind=person")
        assert first.status_code == 200
        assert first.headers.get("x-answered-from") is None
        assert again.headers.get("x-answered-from") == "memory"
        assert again.status_code == 200 and again.text == first.text
        assert again.headers["content-type"] == first.headers["content-type"]
        other = client.get("/kashmir/signatories?kind=organisation")
        assert other.status_code == 200
        assert other.headers.get("x-answered-from") is None and other.text != first.text
    finally:
        client.close()


def test_errors_and_requests_with_cookies_are_not_cached(built_db):
    client = DatasetteClient(built_db)
    try:
        for _ in range(2):
            missing = client.get("/kashmir/no_such_table")
            assert missing.status_code == 404 and missing.headers.get("x-answered-from") is None
        assert client.get("/kashmir/documents").status_code == 200
        with_cookie = client.loop.run_until_complete(client.datasette.client.get("/kashmir/documents", cookies={"ds_actor": "x"}))
        assert with_cookie.status_code == 200 and with_cookie.headers.get("x-answered-from") is None
    finally:
        client.close()


def test_a_mutable_database_is_never_cached(built_db, tmp_path):
    mutable = tmp_path / "kashmir.db"
    shutil.copy(built_db, mutable)
    datasette = Datasette([str(mutable)], plugins_dir=str(PLUGINS_DIR))
    loop = asyncio.new_event_loop()
    try:
        for _ in range(2):
            response = loop.run_until_complete(datasette.client.get("/kashmir/documents"))
            assert response.status_code == 200 and response.headers.get("x-answered-from") is None
    finally:
        loop.close()


def test_table_pages_are_warmed_after_the_first_request(built_db):
    client = DatasetteClient(built_db)
    try:
        assert kept(client)["warmed"] is False
        client.loop.run_until_complete(client.datasette._response_cache_warming)
        assert kept(client)["warmed"] is True
        for table in ("signatories", "organisations", "signatory_map", "places_to_review"):
            page = client.get(f"/kashmir/{table}")
            assert page.status_code == 200 and page.headers.get("x-answered-from") == "memory", table
    finally:
        client.close()


def test_warmed_first_pages_count_their_facets_with_the_sql_time_limit_and_visitors_with_the_facet_limit(built_db):
    """A table of a million rows counts each default facet in a few hundred ms: its first page,
    warmed once and kept, gets the SQL time limit; a visitor's page keeps the short facet limit."""
    client = DatasetteClient(built_db)
    try:
        datasette, limits_seen = client.datasette, []
        visitors_limit = datasette.setting("facet_time_limit_ms")
        assert visitors_limit == int(SETTINGS["facet_time_limit_ms"]) < datasette.setting("sql_time_limit_ms")
        asked = datasette.client.get

        async def get(path, **kwargs):
            limits_seen.append(datasette.setting("facet_time_limit_ms"))
            return await asked(path, **kwargs)

        datasette.client.get = get
        kept(client)
        client.loop.run_until_complete(datasette._response_cache_warming)
        assert len(limits_seen) > 10 and set(limits_seen[1:]) == {datasette.setting("sql_time_limit_ms")}  # the first is kept()'s own
        assert datasette.setting("facet_time_limit_ms") == visitors_limit
    finally:
        client.close()


def test_the_byte_budget_drops_the_least_recently_used_answer_first(built_db):
    client = DatasetteClient(built_db)
    try:
        kept(client)  # the first request starts the warming: let it finish, so it adds nothing below
        client.loop.run_until_complete(client.datasette._response_cache_warming)
        first, second, third = "/kashmir/signatories?kind=person", "/kashmir/signatories?kind=organisation", "/kashmir/documents?_size=2"
        sizes = []
        for page in (first, second, third):
            response = client.get(page)
            assert response.status_code == 200 and response.headers.get("x-answered-from") is None, page
            sizes.append(len(response.content))
        # Any two of the three answers fit the budget, all three do not, with room to spare either way.
        budget = max(a + b for a in sizes for b in sizes if a is not b) + min(sizes) // 2
        assert sum(sizes) > budget
        client.datasette._response_cache = running_plugin().answer_cache(budget)

        held = 0
        for page in (first, second):
            response = client.get(page)
            assert response.status_code == 200 and response.headers.get("x-answered-from") is None, page
            held += len(response.content)
        assert kept(client)["answers"] == 2 and kept(client)["bytes"] == held <= budget
        assert client.get(first).headers.get("x-answered-from") == "memory"  # first is now the more recently used
        newest = client.get(third)
        assert newest.status_code == 200 and newest.headers.get("x-answered-from") is None
        status = kept(client)
        assert status["answers"] == 2 and status["bytes"] <= budget
        assert client.get(first).headers.get("x-answered-from") == "memory"  # kept: recently used
        dropped = client.get(second)  # the least recently used when the third came in
        assert dropped.status_code == 200 and dropped.headers.get("x-answered-from") is None
        assert kept(client)["bytes"] <= budget
    finally:
        client.close()


def test_an_answer_larger_than_the_whole_budget_is_served_but_never_kept(built_db):
    client = DatasetteClient(built_db)
    try:
        kept(client)
        client.loop.run_until_complete(client.datasette._response_cache_warming)
        client.datasette._response_cache = running_plugin().answer_cache(100)
        for _ in range(2):
            page = client.get("/kashmir/signatories?kind=person")
            assert page.status_code == 200 and len(page.content) > 100 and page.headers.get("x-answered-from") is None
        assert kept(client)["answers"] == 0 and kept(client)["bytes"] == 0
    finally:
        client.close()
