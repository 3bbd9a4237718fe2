"""Serving against hostile requests, on a real Datasette on 127.0.0.1: no way to write, runaway
queries stopped, markup shown as text, and mistakes answered 4xx with a readable message."""

from __future__ import annotations

import shutil
import time

import httpx
import pytest
from conftest import copy_seeds, run_build
from test_build_faults import HOSTILE, PAYLOADS

from scripts.serve.server import running_server

# Builds databases of its own, or serves them: left out of `make test-fast`.
pytestmark = pytest.mark.slow

HOSTILE_DOCUMENT = "030_markup_in_signatures"


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    seeds = copy_seeds(tmp_path_factory.mktemp("hostile") / "seeds")
    shutil.copy(HOSTILE, seeds)
    db = seeds.parent / "kashmir.db"
    assert run_build(seeds, db).returncode == 0
    return db


@pytest.fixture(scope="module")
def server(hostile_db):
    with running_server(hostile_db) as url:
        with httpx.Client(base_url=url, timeout=30) as client:
            yield client


WRITES = [
    "insert into documents (id) values ('x')",
    "update signatories set name = 'x'",
    "delete from signatories",
    "drop table signatories",
    "attach database '/tmp/elsewhere.db' as elsewhere",
    "pragma writable_schema = 1",
    "create table x (y)",
    "vacuum",
]


@pytest.mark.parametrize("sql", WRITES)
def test_sql_that_would_write_is_refused(server, hostile_db, sql):
    before = hostile_db.read_bytes()
    response = server.get("/kashmir.json", params={"sql": sql})
    assert response.status_code == 400
    assert response.json()["error"]
    assert hostile_db.read_bytes() == before


@pytest.mark.parametrize("path", ["/", "/kashmir", "/kashmir/signatories", "/kashmir/search_documents", "/-/search", "/kashmir.json?sql=select+1", "/-/logout", "/kashmir/signatories/x"])
def test_a_post_to_any_path_is_refused(server, hostile_db, path):
    before = hostile_db.read_bytes()
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        response = server.request(method, path, data={"sql": "delete from signatories"})
        assert response.status_code == 405, (method, path)
        assert "read-only" in response.text
    assert hostile_db.read_bytes() == before


def test_a_query_that_would_run_for_ever_is_stopped_and_the_next_is_served(server):
    forever = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"
    started = time.monotonic()
    stopped = server.get("/kashmir", params={"sql": forever})
    assert stopped.status_code == 400
    assert "SQL query took too long" in stopped.text
    assert time.monotonic() - started < 10
    started = time.monotonic()
    assert server.get("/kashmir/documents.json?_shape=array").status_code == 200
    assert time.monotonic() - started < 2


def test_markup_is_escaped_in_html_and_verbatim_in_json(server):
    page = server.get(f"/kashmir/signatories?document_id={HOSTILE_DOCUMENT}").text
    assert '&lt;script&gt;alert(&#34;signature&#34;)&lt;/script&gt;' in page or "&lt;script&gt;alert(&quot;signature&quot;)" in page
    assert '<script>alert("signature")' not in page and "<img src=x" not in page
    rows = server.get(f"/kashmir/signatories.json?document_id={HOSTILE_DOCUMENT}&_shape=array").json()  # in printed order (by start)
    assert [row["name"] for row in rows][:2] == PAYLOADS
    document = server.get(f"/kashmir/documents/{HOSTILE_DOCUMENT}").text
    assert '<script>alert("signature")' not in document


# (path, status, words the answer must hold so a person can see what went wrong)
BAD_REQUESTS = [
    ("/kashmir/no_such_table", 404, "not found"),
    ("/no_such_database", 404, "not found"),
    ("/kashmir/signatories/no-such-row", 404, "not found"),
    ("/kashmir/signatories.json?_sort=no_such_column", 400, "Cannot sort table by no_such_column"),
    ("/kashmir/signatories?_sort_desc=no_such_column", 400, "Cannot sort table by no_such_column"),
    ("/kashmir/signatories.json?_size=lots", 400, "_size must be a positive integer"),
    ("/kashmir/signatories.json?_facet=no_such_column", 400, "no_such_column"),
    ("/kashmir/signatories.json?_through=not-json", 400, "_through parameter must be JSON"),
    ('/kashmir/signatories.json?_through={"table":"x","column":"y","value":"z"}', 400, "Invalid _through"),
    ("/kashmir/signatories.json?_shape=no_such_shape", 400, "Invalid _shape"),
    ("/kashmir/signatories.json?_where=1)", 400, "syntax error"),
    ("/kashmir.json?sql=selec+from", 400, "Statement must be a SELECT"),
    ("/kashmir.json?sql=select+from+where", 400, "syntax error"),
    ("/kashmir/signatories.json?_search=%22", 400, "syntax error"),
    ("/kashmir/search_documents.json?q=%22", 400, "syntax error"),
]


@pytest.mark.parametrize("path, status, words", BAD_REQUESTS)
def test_mistakes_get_a_4xx_with_a_readable_message(server, path, status, words):
    response = server.get(path)
    assert response.status_code == status
    assert words.lower() in response.text.lower()


def test_no_script_payload_runs_in_the_browser(page, hostile_db):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with running_server(hostile_db) as url:
        for path in (f"/kashmir/signatories?document_id={HOSTILE_DOCUMENT}", f"/kashmir/documents/{HOSTILE_DOCUMENT}",
                     f"/kashmir/mentions?document_id={HOSTILE_DOCUMENT}", "/-/search?q=Community"):
            page.goto(f"{url}{path}")
            page.wait_for_load_state("networkidle")
            page.mouse.move(300, 300)
        page.goto(f"{url}/kashmir/signatories?document_id={HOSTILE_DOCUMENT}")
        assert PAYLOADS[0] in page.locator("body").inner_text()
    assert dialogs == []
