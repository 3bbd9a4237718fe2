"""The pages a journalist opens first, as they read them (issue: made for the people who use it).

The home and database pages list the dataset's tables in reading order and its queries, not
the largest tables first, the basemap's tiles or a pre-filled query; a canned query opens on
its form with an example, never on an error, with the SQL folded and the tab titled by the
query; ids in its answers link to their rows and documents to the reader."""

from __future__ import annotations

import csv
import io
import re

import pytest
from markupsafe import escape as markup_escape

from plugins.csv_headers import plain_header

READING_ORDER = ["documents", "letters", "signatories", "organisations", "people", "locations", "local_authorities", "signatory_map"]


def linked_tables(html: str) -> list[str]:
    """The tables a page links to, in the order it links them, each once."""
    seen = []
    for name in re.findall(r'href="/kashmir/([a-z_]+)"', html):
        if name not in seen:
            seen.append(name)
    return seen


@pytest.mark.parametrize("path", ["/", "/kashmir"])
def test_the_home_and_database_pages_list_the_tables_a_reader_needs_first(datasette, path):
    html = datasette.get(path).text
    tables = linked_tables(html)
    assert tables[: len(READING_ORDER)] == READING_ORDER
    assert {"provenance", "mentions", "changes", "rules", "places_to_review"} <= set(tables)  # the rest follow
    assert "basemap" not in html.split("</header>", 1)[1].split("<footer", 1)[0]  # the map's tiles are not the dataset
    assert "…</a>" not in html and ">...</a>" not in html  # nothing hidden behind an ellipsis


def test_the_home_page_shows_the_queries_it_speaks_of(datasette, metadata):
    html = datasette.get("/").text
    for name, query in metadata["databases"]["kashmir"]["queries"].items():
        assert f'href="/kashmir/{name}"' in html and query["title"] in html, name


def test_the_database_page_has_no_prefilled_query(datasette):
    html = datasette.get("/kashmir").text
    textarea = re.search(r'<textarea id="sql-editor"[^>]*>(.*?)</textarea>', html, re.S)
    assert textarea is not None and textarea.group(1).strip() == ""
    assert "select * from changes" not in html


def test_other_databases_keep_datasettes_page(datasette):
    page = datasette.get("/basemap")  # the offline map's tiles, attached as a database when served
    assert page.status_code == 200 and 'class="reading-order"' not in page.text and "tiles" in page.text


@pytest.mark.parametrize("name", ["search_documents", "letter_signatories", "near_place", "near_point", "source_words"])
def test_a_query_with_parameters_opens_on_an_example_not_an_error(datasette, metadata, name):
    opened = datasette.get(f"/kashmir/{name}")
    assert opened.status_code == 302
    location = opened.headers["location"]
    assert location.startswith(f"/kashmir/{name}?")
    page = datasette.get(location)
    assert page.status_code == 200 and "message-error" not in page.text
    rows = datasette.get(location.replace(f"/kashmir/{name}?", f"/kashmir/{name}.json?_shape=array&")).json()
    assert rows, name  # the example finds something in the seeds
    for parameter, value in metadata["databases"]["kashmir"]["queries"][name]["examples"].items():
        assert f'name="{parameter}" value="{value}"' in page.text  # the form holds the example to change


def test_an_emptied_search_box_answers_nothing_without_an_error(datasette):
    page = datasette.get("/kashmir/search_documents?q=")
    assert page.status_code == 200 and "message-error" not in page.text and "fts5" not in page.text


@pytest.mark.parametrize("name", ["search_documents", "stated_vs_counted", "in_several_documents", "source_words"])
def test_a_query_page_is_titled_by_its_title_with_its_sql_folded(datasette, metadata, name):
    query = metadata["databases"]["kashmir"]["queries"][name]
    html = datasette.get(f"/kashmir/{name}?" + "&".join(f"{k}={v}" for k, v in query.get("examples", {}).items())).text
    assert re.search(r"<title>\s*(.*?)\s*</title>", html, re.S).group(1) == query["title"]
    assert '<pre id="sql-query">' not in html  # folded: a "show" link opens it
    assert "_hide_sql" in html or "_show_sql" in html


def test_answers_link_ids_to_their_rows_and_documents_to_the_reader(datasette, db):
    html = datasette.get("/kashmir/search_documents?q=mosques").text
    document_id = db.execute("select id from documents where text like '%mosques%' limit 1").fetchone()[0]
    assert f'href="/-/read/{document_id}"' in html
    html = datasette.get("/kashmir/letter_signatories?letter=mosques").text
    signatory = db.execute("select id from signatories where name = 'Attiq Malik'").fetchone()[0]
    assert f'href="/kashmir/signatories/{signatory}"' in html


def test_a_row_page_is_titled_by_its_label_and_names_what_its_keys_point_at(datasette, db):
    row = db.execute(
        "select signatories.id, signatories.name, letters.title, documents.title as document, organisations.name as organisation"
        " from signatories join letters on letters.id = signatories.letter_id join documents on documents.id = signatories.document_id"
        " join organisations on organisations.id = signatories.organisation_id where signatories.kind = 'person' limit 1"
    ).fetchone()
    html = datasette.get(f"/kashmir/signatories/{row['id']}").text
    assert re.search(r"<h1[^>]*>\s*" + re.escape(row["name"]) + r"\s*</h1>", html)
    assert re.search(r"<title>\s*" + re.escape(row["name"]), html)
    for label in (row["title"], row["document"], row["organisation"]):
        assert re.search(r'<a href="/kashmir/[a-z_]+/[^"]+">' + re.escape(str(markup_escape(label))) + "</a>", html), label


def test_a_row_page_opens_with_links_to_its_words_and_its_provenance(datasette, db):
    statement = db.execute("select row_id from provenance where table_name = 'signatories' limit 1").fetchone()[0]
    document_id = db.execute("select document_id from signatories where id = ?", [statement]).fetchone()[0]
    html = datasette.get(f"/kashmir/signatories/{statement}").text
    top = html.split('class="row-values"', 1)[0]  # before the values
    assert f'href="/-/read/{document_id}#signatory-{statement}"' in top
    assert f'href="/kashmir/provenance?row_id={statement}"' in top
    count = db.execute("select count(*) from provenance where row_id = ?", [statement]).fetchone()[0]
    assert f"({count} statement" in top


def test_an_ampersand_typed_for_a_question_mark_reaches_the_page_meant(datasette):
    answer = datasette.get("/kashmir/signatories.json&kind=person")
    assert answer.status_code == 302 and answer.headers["location"] == "/kashmir/signatories.json?kind=person"


@pytest.mark.parametrize("path", ["/-/tiles/basemap/99/99999/99999.png", "/-/tiles/basemap/-1/a/b.png", "/kashmir/no_such_table", "/no_such_database"])
def test_a_missing_page_or_tile_is_a_404_with_the_ways_on(datasette, path):
    answer = datasette.get(path)
    assert answer.status_code == 404
    assert 'class="error-ways-on"' in answer.text and 'href="/"' in answer.text and 'href="/kashmir/signatories"' in answer.text


def test_csv_for_excel_starts_with_a_byte_order_mark_and_plain_csv_does_not(datasette):
    for path in ("/kashmir/signatories.csv?_size=5", "/kashmir/letter_signatories.csv?letter=mosques"):
        excel = datasette.get(path + "&_bom=1").content
        plain = datasette.get(path).content
        assert excel == b"\xef\xbb\xbf" + plain
        assert excel.decode("utf-8-sig") == plain.decode("utf-8")  # what Excel reads, once it knows the encoding


@pytest.mark.parametrize("query", ["_labels=on&_size=5", "_labels=on&_stream=on&_size=max", "_labels=on&_size=5&_bom=1"])
def test_csv_downloads_name_the_label_columns_in_words(datasette, db, query):
    answer = datasette.get(f"/kashmir/signatories.csv?{query}")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    header = rows[0]
    assert not [name for name in header if name.endswith("_label")], header
    for column, words in [("letter_id", "letter"), ("document_id", "document"), ("local_authority_id", "local_authority"),
                          ("location_status", "location_status_in_words"), ("kind_rule", "kind_rule_in_words")]:
        assert header[header.index(column) + 1] == words
    first = dict(zip(header, rows[1]))
    assert first["letter"] == db.execute("select title from letters where id = ?", (first["letter_id"],)).fetchone()[0]
    if "_stream" in query:
        assert len(rows) - 1 == db.execute("select count(*) from signatories").fetchone()[0]


def test_a_csv_header_keeps_a_name_its_words_would_repeat():
    assert plain_header(["id", "place_id", "place_id_label", "place", "status", "status_label", "note_label"]) == [
        "id", "place_id", "place_id_label", "place", "status", "status_in_words", "note_label",
    ]


def test_the_about_page_says_who_publishes_how_to_correct_or_withhold_and_how_to_cite(datasette, built_db):
    import hashlib

    html = datasette.get("/about").text
    for words in ("correction", "redactions.yml", "[withheld]", "Cite as", "Release: the database with sha256", "accessed", "KASHMIR_CONTACT"):
        assert words in html, words
    sha256 = hashlib.sha256(built_db.read_bytes()).hexdigest()
    assert sha256 in html


def test_every_constituency_point_is_sourced_to_a_gazetteer_or_official_list(db):
    rows = db.execute("select id, source from locations where kind = 'parliamentary constituency'").fetchall()
    assert rows
    for row in rows:
        assert "GeoNames" in row["source"] or "House of Commons" in row["source"], row["id"]
        assert "piglix" not in row["source"] and "Wikipedia" not in row["source"], row["id"]


def fts_tables(db) -> list[str]:
    return [row[0][: -len("_fts")] for row in db.execute("select name from sqlite_master where type = 'table' and name like '%\\_fts' escape '\\'")]


def test_every_table_with_a_full_text_index_answers_its_search_box(datasette, db):
    tables = fts_tables(db)
    assert {"documents", "letters", "signatories", "organisations", "people", "locations", "comments", "mentions"} <= set(tables)
    for table in tables:
        # A word of one row's first searched column finds that row, and not every row.
        column = db.execute(f"pragma table_info([{table}_fts])").fetchone()[1]
        row_id, words = db.execute(f"select id, [{column}] from [{table}] where length([{column}]) > 3 order by rowid limit 1").fetchone()
        word = max(re.findall(r"[A-Za-z0-9]{4,}", words), key=len)  # a whole token, as the index splits them
        found = datasette.get(f"/kashmir/{table}.json?_search={word}&_shape=array&_size=max").json()
        assert row_id in {row["id"] for row in found}, (table, word)
    answered = datasette.get("/kashmir/letters.json?_search=Momentum&_shape=array").json()
    assert [row["title"] for row in answered] == [row[0] for row in db.execute("select title from letters where title like '%Momentum%'")]


def test_search_everything_shows_a_few_linked_matches_a_table_with_their_words_marked(datasette, db):
    html = datasette.get("/-/search?q=JKLF").text
    assert len(html) < 30_000  # snippets, not a document's whole text
    jklf = db.execute("select id from organisations where acronym = 'JKLF'").fetchone()[0]
    assert f'href="/kashmir/organisations/{jklf}"' in html
    signatory, document_id = db.execute("select id, document_id from signatories where printed like '%JKLF%'").fetchone()
    assert f'href="/kashmir/signatories/{signatory}"' in html and f'href="/-/read/{document_id}#signatory-{signatory}"' in html
    assert "<mark>JKLF</mark>" in html
    mentions = db.execute("select count(*) from mentions where text = 'JKLF'").fetchone()[0]
    assert mentions > 3 and html.count('class="search-row" href="/kashmir/mentions/') == 3  # the best three, and a link to the rest
    assert f'{mentions - 3} more in mentions' in html


def test_search_everything_says_when_nothing_matches_and_never_fails_on_punctuation(datasette):
    for q in ("zzzzqqq", '"unbalanced', "AND", "*", "NEAR("):
        page = datasette.get("/-/search?q=" + q)
        assert page.status_code == 200, q
    assert "Nothing in the dataset matches" in datasette.get("/-/search?q=zzzzqqq").text


def test_statuses_read_in_plain_words_on_pages_and_stay_codes_in_sql(datasette, db):
    codes = {row[0] for row in db.execute("select distinct location_status from signatories")}
    meanings = dict(db.execute("select id, meaning from location_statuses").fetchall())
    assert codes <= set(meanings) and "no place" in codes
    facet = datasette.get("/kashmir/signatories.json?_facet=location_status&_size=0").json()["facet_results"]["location_status"]["results"]
    assert {result["label"] for result in facet} == {meanings[code] for code in codes}
    assert {result["value"] for result in facet} == codes


def test_flags_read_yes_or_no_on_pages_and_stay_one_or_zero_in_data(datasette, db):
    signatory = db.execute("select id from signatories where corrected = 1 limit 1").fetchone()[0]
    html = datasette.get(f"/kashmir/signatories?id={signatory}").text
    assert re.search(r'class="col-corrected[^"]*">yes</td>', html)
    assert datasette.get(f"/kashmir/signatories.json?id={signatory}&_shape=array").json()[0]["corrected"] == 1


@pytest.mark.parametrize("path", ["//evil.example&x=1", "/%2F%2Fevil.example&x=1", "/%5Cevil.example&x=1", "/kashmir/signatories&no_equals"])
def test_a_mistyped_address_never_redirects_off_the_site(datasette, path):
    answer = datasette.get(path)
    assert answer.status_code != 302 or answer.headers["location"].startswith("/kashmir"), answer.headers.get("location")
    assert "evil.example" not in answer.headers.get("location", "")


def test_a_mistyped_address_stays_under_the_base_url(built_db):
    from conftest import DatasetteClient

    hosted = DatasetteClient(built_db, base_url="/kashmir-data/")
    try:
        answer = hosted.get("/kashmir/signatories.json&kind=person")
        assert answer.status_code == 302 and answer.headers["location"] == "/kashmir-data/kashmir/signatories.json?kind=person"
    finally:
        hosted.close()


@pytest.mark.parametrize("path", ["/-/search?q=Redbridge", "/kashmir/letter_signatories?letter=mosques", "/kashmir/source_words?id=signature-c4c1094eedce"])
def test_pages_that_list_people_by_name_ask_search_engines_not_to_index_them(datasette, path):
    assert "noindex" in datasette.get(path).headers.get("x-robots-tag", "")


def test_a_contact_address_becomes_a_link_never_a_script():
    import importlib.util

    from conftest import PLUGINS_DIR

    spec = importlib.util.spec_from_file_location("database_download", PLUGINS_DIR / "database_download.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module._contact_url("corrections@example.org") == "mailto:corrections@example.org"
    assert module._contact_url("https://example.org/contact") == "https://example.org/contact"
    assert module._contact_url("javascript:alert(1)") == "mailto:javascript:alert(1)"
