"""The published instance: every table, view and canned query as HTML, JSON and CSV, the
search page, SQL through the URL, the About page, metadata, and hosting under a path."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from urllib.parse import urlencode

import pytest
from conftest import REPO, DatasetteClient

TABLES = [
    "documents", "letters", "claims", "signatories", "organisations", "people", "locations", "mentions", "comments", "corrections",
    "signatory_map", "to_review",
]
VIEWS = ["places_to_review"]

# Each canned query with sample parameters, and a value its rows must contain.
CANNED_QUERIES = {
    "search_documents": ({"q": "mosques"}, "More solidarity with Kashmir"),
    "letter_signatories": ({"letter": "Momentum"}, "Syed Tahseen Gilani"),
    "near_place": ({"place": "Redbridge"}, "Gants Hill"),
    "signatories_in_area": ({"area": "Redbridge"}, "Seven Kings"),
    "near_point": ({"latitude": "51.5577", "longitude": "0.0728", "km": "3"}, "Ilford Islamic Centre (Albert Road)"),
    "stated_vs_counted": ({}, "letter from the mosques"),
    "in_several_documents": ({}, "Jammu Kashmir Liberation Front"),
    "source_words": ({"id": None}, "Redbridge Talks"),  # id filled in from the database
    "changes_per_table": ({}, "no previous build"),  # the test database is a first build
}


def sample_parameters(db, name):
    parameters, expected = CANNED_QUERIES[name]
    if name == "source_words":
        parameters = {"id": db.execute("select id from signatories where name = 'Redbridge Talks'").fetchone()[0]}
    return parameters, expected


@pytest.mark.parametrize("table", TABLES + VIEWS)
def test_every_table_and_view_is_served_as_html_json_and_csv(datasette, db, table):
    count = db.execute(f"select count(*) from [{table}]").fetchone()[0]
    assert datasette.get(f"/kashmir/{table}").status_code == 200
    rows = datasette.get(f"/kashmir/{table}.json?_shape=array&_size=max").json()
    assert len(rows) == min(count, 1000)
    streamed = datasette.get(f"/kashmir/{table}.csv?_stream=on&_size=max")
    assert streamed.status_code == 200
    assert len(list(csv.DictReader(io.StringIO(streamed.text)))) == count


def test_every_canned_query_is_listed_with_a_title(datasette, metadata):
    queries = metadata["databases"]["kashmir"]["queries"]
    assert set(queries) == set(CANNED_QUERIES)
    page = datasette.get("/kashmir").text
    for name, query in queries.items():
        assert query["title"] in page and query["description"]


@pytest.mark.parametrize("name", list(CANNED_QUERIES))
def test_every_canned_query_answers_as_html_json_and_csv(datasette, db, name):
    parameters, expected = sample_parameters(db, name)
    query = urlencode(parameters)
    html = datasette.get(f"/kashmir/{name}?{query}")
    assert html.status_code == 200 and expected in html.text
    rows = datasette.get(f"/kashmir/{name}.json?{query}&_shape=array").json()
    assert rows and any(expected in json.dumps(row, ensure_ascii=False) for row in rows)
    as_csv = datasette.get(f"/kashmir/{name}.csv?{query}&_stream=on")
    assert as_csv.status_code == 200 and expected in as_csv.text


def test_search_ranks_documents_and_marks_the_matches(datasette, db):
    rows = datasette.get("/kashmir/search_documents.json?q=Labour&_shape=array").json()
    ranked = db.execute(
        "select documents.id from documents_fts join documents on documents.rowid = documents_fts.rowid"
        " where documents_fts match 'Labour' order by documents_fts.rank"
    ).fetchall()
    assert len(rows) == 2 and [row["document_id"] for row in rows] == [row[0] for row in ranked]
    assert all("[[Labour]]" in row["snippet"] for row in rows)
    html = datasette.get("/kashmir/search_documents?q=Labour").text
    assert "<mark>Labour</mark>" in html


def test_letter_signatories_come_in_printed_order(datasette):
    rows = datasette.get("/kashmir/letter_signatories.json?letter=mosques&_shape=array").json()
    assert [row["position"] for row in rows] == list(range(1, 62))
    attiq = next(row for row in rows if row["name"] == "Attiq Malik")
    assert attiq["organisation"] == "Liberty Law"


def test_near_point_measures_distance(datasette):
    rows = datasette.get("/kashmir/near_point.json?latitude=51.38914&longitude=0.54863&km=1&_shape=array").json()
    assert {(row["what"], row["name"]) for row in rows} == {
        ("signatory", "Kent Muslim Welfare Association (Gillingham Mosque)"),
        ("organisation", "Kent Muslim Welfare Association (Gillingham Mosque)"),
    }
    assert all(row["distance_km"] == 0 for row in rows)


def test_stated_and_counted_stay_side_by_side(datasette):
    rows = {row["letter"]: row for row in datasette.get("/kashmir/stated_vs_counted.json?_shape=array").json()}
    mosques = rows["letter from the mosques"]
    assert (mosques["named_signatures"], mosques["organisations"], mosques["people"]) == (61, 60, 1)
    assert mosques["members_stated_by_federations"] == 17 + 22 + 20 + 7 + 9
    assert mosques["claimed_signatories"] == 100
    momentum = rows["open letter organised by Momentum Internationalists"]
    assert (momentum["named_signatures"], momentum["stated_unnamed"]) == (3, 300)


def test_source_words_show_the_line_and_its_surroundings(datasette, db):
    mention = db.execute("select id from mentions where text = 'Emily Thornberry' order by start limit 1").fetchone()[0]
    rows = datasette.get(f"/kashmir/source_words.json?id={mention}&_shape=array").json()
    assert [row["line"] for row in rows] == [13, 14, 15, 16, 17]
    assert [row["here"] for row in rows] == ["", "", "▶", "", ""]
    assert rows[2]["text"].startswith("Shadow foreign secretary Emily Thornberry (pictured")
    assert rows[0]["words"] == "Emily Thornberry"


def test_search_everything_searches_every_searchable_table(datasette):
    page = datasette.get("/-/search?q=Redbridge")
    assert page.status_code == 200
    for table in ("documents", "letters", "signatories", "organisations", "locations", "mentions"):
        assert f'href="/kashmir/{table}?_search=Redbridge"' in page.text, table
    assert datasette.get("/kashmir/organisations.json?_search=Redbridge&_shape=array").json()


def test_sql_through_the_url_with_a_parameter(datasette):
    rows = datasette.get("/kashmir.json?sql=select+name+from+signatories+where+place+%3D+%3Aplace&place=Tooting&_shape=array").json()
    assert rows == [{"name": "Ruth Cashman"}]


def test_home_page_describes_the_dataset_and_every_document_address(datasette, db):
    page = datasette.get("/").text
    for row in db.execute("select url from documents"):
        assert row["url"] in page
    assert "CC BY 4.0" in page and "takes no side" in page


def test_the_about_page_explains_method_limits_and_responsible_use(datasette):
    page = datasette.get("/about")
    assert page.status_code == 200
    for words in ("How it was made", "Known limits", "Using it responsibly", "Licences and sources"):
        assert words in page.text
    assert 'href="/about"' in datasette.get("/").text


def test_facets_users_want_are_on_by_default(datasette):
    for table, facet in [("signatories", "letter_id"), ("signatories", "kind"), ("signatories", "location_status"),
                         ("signatories", "local_authority_id"),
                         ("organisations", "kind"), ("documents", "publisher")]:
        facets = datasette.get(f"/kashmir/{table}.json?_size=0").json()["facet_results"]
        assert facet in facets, (table, facet)


def test_foreign_keys_read_as_labels(datasette):
    page = datasette.get("/kashmir/signatories?name=Attiq+Malik").text
    assert "letter from the mosques" in page and "Liberty Law" in page and "More solidarity with Kashmir" in page


def test_hosting_under_a_path_with_base_url(built_db):
    hosted = DatasetteClient(built_db, base_url="/kashmir-data/")
    try:
        home = hosted.get("/").text
        assert 'href="/kashmir-data/kashmir"' in home
        assert 'href="/kashmir-data/about"' in home
        assert 'href="/kashmir-data/kashmir/signatory_map"' in hosted.get("/kashmir").text
        assert hosted.get("/kashmir/signatories.json?_shape=array&name=Ruth+Cashman").json()[0]["place"] == "Tooting"
    finally:
        hosted.close()


@pytest.mark.slow
def test_the_inspect_file_made_at_build_time_holds_the_counts(tmp_path):
    db = tmp_path / "kashmir.db"
    inspect = tmp_path / "kashmir-inspect.json"
    result = subprocess.run(["make", "--no-print-directory", "build", f"DB={db}"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    counts = {name: table["count"] for name, table in json.loads(inspect.read_text())["kashmir"]["tables"].items()}
    assert counts["signatories"] == 65 and counts["documents"] == 3
    serve = subprocess.run(["make", "-n", "serve", f"DB={db}"], cwd=REPO, capture_output=True, text=True).stdout
    assert f"-i {db} --inspect-file {inspect}" in serve
