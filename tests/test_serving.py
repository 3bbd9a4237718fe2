"""Datasette serving the built database with metadata.yml: the pages and downloads users get."""

from __future__ import annotations

import csv
import io

import pytest

JVL = "000_256be309d504f665"


def test_home_page_shows_the_dataset_title(datasette):
    response = datasette.get("/")
    assert response.status_code == 200
    assert "UK responses to the Kashmir dispute, 2019–2021" in response.text


def test_documents_table_is_served_as_html_with_its_description(datasette):
    response = datasette.get("/kashmir/documents")
    assert response.status_code == 200
    assert "One row per source document" in response.text
    assert "More solidarity with Kashmir" in response.text
    assert "Jewish Voice for Labour" in response.text


def test_documents_table_is_served_as_json(datasette):
    response = datasette.get("/kashmir/documents.json?_shape=array&_sort=id")
    assert response.status_code == 200
    documents = response.json()
    assert [document["id"] for document in documents] == [JVL, "001_6f5deee30d7d4c90", "003_1373bc5d39599841"]
    assert documents[0]["published"] == "2020-05"
    assert documents[0]["text"].startswith("More solidarity with Kashmir\n")


def test_documents_table_is_served_as_csv(datasette):
    response = datasette.get("/kashmir/documents.csv?_sort=id&_size=max")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert len(table) == 3
    assert table[2]["publisher"] == "Daily Mail"
    assert datasette.get("/kashmir/documents.csv?_dl=1").headers["content-disposition"] == 'attachment; filename="documents.csv"'
    assert {"id", "title", "publisher", "url", "published", "source_file", "sha256", "text", "word_count"} <= set(table[0])


def test_search_through_the_table_page(datasette):
    response = datasette.get("/kashmir/documents.json?_search=mosques&_shape=array")
    assert [document["id"] for document in response.json()] == [JVL]
    html = datasette.get("/kashmir/documents?_search=mosques")
    assert html.status_code == 200
    assert "1 row where search matches" in html.text


def test_a_document_has_a_permalink_row_page(datasette):
    response = datasette.get(f"/kashmir/documents/{JVL}.json?_shape=array")
    assert response.status_code == 200
    assert response.json()[0]["title"] == "More solidarity with Kashmir"
    assert datasette.get(f"/kashmir/documents/{JVL}").status_code == 200


def test_publisher_is_a_default_facet(datasette):
    response = datasette.get("/kashmir/documents.json?_extra=facet_results")
    facets = response.json()["facet_results"]
    publishers = {value["value"] for value in facets["publisher"]["results"]}
    assert publishers == {"Jewish Voice for Labour", "Birmingham Socialist Party", "Daily Mail"}


def test_the_database_cannot_be_written_through_sql(datasette):
    response = datasette.get("/kashmir.json?sql=delete+from+documents")
    assert response.status_code == 400
    assert "Statement must be a SELECT" in response.json()["error"]
    assert len(datasette.get("/kashmir/documents.json?_shape=array").json()) == 3


def test_signatories_are_searchable_by_name_role_and_place(datasette):
    by_role = datasette.get("/kashmir/signatories.json?_search=UNISON&_shape=array").json()
    assert [row["name"] for row in by_role] == ["Ruth Cashman"]
    by_place = datasette.get("/kashmir/signatories.json?_search=Stevenage&_shape=array").json()
    assert [row["name"] for row in by_place] == ["Joshua Lovell"]


def test_organisations_are_searchable_by_acronym(datasette):
    rows = datasette.get("/kashmir/organisations.json?_search=SELKOM&_shape=array").json()
    assert [row["id"] for row in rows] == ["south-east-london-and-kent-council-of-mosques"]


def test_a_signatory_row_shows_its_letter_and_organisation_by_name(datasette):
    response = datasette.get("/kashmir/signatories?name=Attiq+Malik")
    assert response.status_code == 200
    assert "Liberty Law" in response.text
    assert "letter from the mosques" in response.text


# Errors cost no more than a page and log one line (Datasette 0.65 printed every exception's
# traceback with its local variables through rich: some 100 lines and half a second each).


@pytest.mark.parametrize(
    "path", ["/kashmir/no_such_table", "/kashmir/signatories/no-such-row", "/kashmir/signatories.json?_sort=no_such_column", "/kashmir.json?sql=selec"]
)
def test_a_users_mistake_is_answered_without_printing_a_traceback(datasette, capfd, path):
    capfd.readouterr()
    response = datasette.get(path)
    assert 400 <= response.status_code < 500
    printed = capfd.readouterr()
    assert printed.out + printed.err == ""


def test_a_server_error_logs_one_line_naming_where_it_was_raised(datasette, capfd, caplog):
    from datasette.utils.asgi import Request

    from plugins.quiet_errors import handle_exception

    try:
        {}["missing"]
    except KeyError as error:
        exception = error
    capfd.readouterr()
    with caplog.at_level("ERROR", logger="datasette.errors"):
        respond = handle_exception(datasette.datasette, Request.fake("/kashmir/letters"), exception)
        response = datasette.loop.run_until_complete(respond())
    assert response.status == 500 and "missing" in response.body
    assert [record.getMessage() for record in caplog.records] == [
        f"GET /kashmir/letters: KeyError \"'missing'\" at {__file__}:{exception.__traceback__.tb_lineno} in test_a_server_error_logs_one_line_naming_where_it_was_raised"
    ]
    printed = capfd.readouterr()
    assert printed.out + printed.err == ""
