"""The response cache: an immutable database answers a repeated URL from memory, exactly as
it first answered it; errors, requests with cookies and mutable databases are never cached."""

from __future__ import annotations

import asyncio
import shutil

from conftest import PLUGINS_DIR, DatasetteClient
from datasette.app import Datasette


def test_a_repeated_page_is_answered_from_memory_with_the_same_content(built_db):
    client = DatasetteClient(built_db)
    try:
        first = client.get("/kashmir/signatories?kind=person")
        again = client.get("/kashmir/signatories?kind=person")
        assert first.headers.get("x-answered-from") is None
        assert again.headers.get("x-answered-from") == "memory"
        assert again.status_code == 200 and again.text == first.text
        assert again.headers["content-type"] == first.headers["content-type"]
        other = client.get("/kashmir/signatories?kind=organisation")
        assert other.headers.get("x-answered-from") is None and other.text != first.text
    finally:
        client.close()


def test_errors_and_requests_with_cookies_are_not_cached(built_db):
    client = DatasetteClient(built_db)
    try:
        for _ in range(2):
            missing = client.get("/kashmir/no_such_table")
            assert missing.status_code == 404 and missing.headers.get("x-answered-from") is None
        client.get("/kashmir/documents")
        with_cookie = client.loop.run_until_complete(client.datasette.client.get("/kashmir/documents", cookies={"ds_actor": "x"}))
        assert with_cookie.headers.get("x-answered-from") is None
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
            assert response.headers.get("x-answered-from") is None
    finally:
        loop.close()


def test_table_pages_are_warmed_after_the_first_request(built_db):
    client = DatasetteClient(built_db)
    try:
        assert client.get("/-/response-cache.json").json()["warmed"] is False
        client.loop.run_until_complete(client.datasette._response_cache_warming)
        assert client.get("/-/response-cache.json").json()["warmed"] is True
        for table in ("signatories", "organisations", "signatory_map", "places_to_review"):
            assert client.get(f"/kashmir/{table}").headers.get("x-answered-from") == "memory", table
    finally:
        client.close()
