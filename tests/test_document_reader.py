"""The document reader (`plugins/document_reader.py`): every document can be read with its rows
highlighted in place, from their stored offsets, each highlight linking to its row, and every
row page linking back to its words. Reading a document is therefore a check of the offsets."""

from __future__ import annotations

import importlib.util
import sys
from html.parser import HTMLParser

import pytest
from conftest import REPO


def load_reader():
    spec = importlib.util.spec_from_file_location("document_reader", REPO / "plugins" / "document_reader.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["document_reader"] = module
    spec.loader.exec_module(module)
    return module


reader = load_reader()


class ReaderPage(HTMLParser):
    """The reader's text: what each highlight link covers, by row, and the anchors it holds.
    The labels of letters and comments are not the document's words and are left out."""

    def __init__(self):
        super().__init__()
        self.covered: dict[str, str] = {}  # "table/id" -> text of the highlights naming it
        self.links: dict[str, list[str]] = {}  # href of a highlight -> the rows it names
        self.anchors: set[str] = set()
        self.text: list[str] = []
        self._depth = 0  # elements open inside the document text
        self._open: list[tuple[list[str], bool]] = []  # (rows named, is a label) per open element

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") == "document-text":
            self._depth = 1
            return
        if not self._depth:
            return
        self._depth += 1
        classes = attrs.get("class", "").split()
        if "anchor" in classes:
            self.anchors.add(attrs["id"])
        rows = attrs.get("data-rows", "").split() if tag == "a" and "hl" in classes else []
        if rows:
            self.links.setdefault(attrs["href"], rows)
        self._open.append((rows, "container-label" in classes))

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1
            if self._open:
                self._open.pop()

    def handle_data(self, data):
        if not self._depth or any(is_label for _, is_label in self._open):
            return
        self.text.append(data)
        for rows, _ in self._open:
            for row in rows:
                self.covered[row] = self.covered.get(row, "") + data


def parse(html: str) -> ReaderPage:
    page = ReaderPage()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def pages(datasette, db) -> dict[str, ReaderPage]:
    result = {}
    for (document_id,) in db.execute("select id from documents"):
        response = datasette.get(f"/-/read/{document_id}")
        assert response.status_code == 200, response.text[:500]
        result[document_id] = parse(response.text)
    return result


HIGHLIGHTED = {"signatories": "signatory", "mentions": "mention", "claims": "claim"}


@pytest.mark.parametrize("table", sorted(HIGHLIGHTED))
def test_each_highlight_covers_exactly_the_words_its_offsets_give(pages, db, table):
    rows = db.execute(f"select {table}.id, {table}.document_id, substr(documents.text, {table}.start + 1, {table}.end - {table}.start) from {table} join documents on documents.id = {table}.document_id").fetchall()
    assert rows
    for row_id, document_id, words in rows:
        assert pages[document_id].covered.get(f"{table}/{row_id}") == words, (table, row_id)


def test_every_row_of_a_document_has_its_anchor_in_the_reader(pages, db):
    for table, anchor in reader.ANCHOR_OF_TABLE.items():
        for row_id, document_id in db.execute(f"select id, document_id from {table}"):
            assert f"{anchor}-{row_id}" in pages[document_id].anchors, (table, row_id)


APPEARANCES_OF = {
    "organisations": "select organisation_id, document_id from appearances where organisation_id is not null",
    "people": "select person_id, document_id from appearances where person_id is not null",
    "locations": "select location_id, document_id from signatories where location_id is not null"
    " union select location_id, document_id from mentions where location_id is not null",
}


@pytest.mark.parametrize("table, entity", [("organisations", "organisation"), ("people", "person"), ("locations", "location")])
def test_every_entity_can_be_found_in_each_document_it_appears_in(pages, db, table, entity):
    checked = 0
    for row_id, document_id in db.execute(APPEARANCES_OF[table]):
        assert f"{entity}-{row_id}" in pages[document_id].anchors, (table, row_id, document_id)
        checked += 1
    assert checked


def test_the_reader_shows_the_whole_text_and_links_each_highlight_to_its_innermost_row(pages, db):
    for document_id, text in db.execute("select id, text from documents"):
        page = pages[document_id]
        assert "".join(page.text) == text
        for href, rows in page.links.items():
            assert any(href.endswith("/" + row) for row in rows), (href, rows)


def test_row_pages_link_to_their_words_in_the_document(datasette, db):
    signatory_id, document_id = db.execute("select id, document_id from signatories where kind = 'person' limit 1").fetchone()
    html = datasette.get(f"/kashmir/signatories/{signatory_id}").text
    assert f'href="/-/read/{document_id}#signatory-{signatory_id}"' in html
    mention_id, document_id = db.execute("select id, document_id from mentions limit 1").fetchone()
    assert f'href="/-/read/{document_id}#mention-{mention_id}"' in datasette.get(f"/kashmir/mentions/{mention_id}").text
    appearance_id, organisation_id, document_id = db.execute("select id, organisation_id, document_id from appearances where organisation_id is not null limit 1").fetchone()
    for page in (f"/kashmir/appearances/{appearance_id}", f"/kashmir/appearances?organisation_id={organisation_id}"):
        response = datasette.get(page)
        assert response.status_code == 200 and f'href="/-/read/{document_id}#organisation-{organisation_id}"' in response.text, page
    html = datasette.get(f"/kashmir/organisations/{organisation_id}").text
    assert "appearances.organisation_id" in html or f"/kashmir/appearances?organisation_id={organisation_id}" in html  # links from other tables
    document_id = db.execute("select id from documents limit 1").fetchone()[0]
    assert f'href="/-/read/{document_id}"' in datasette.get(f"/kashmir/documents/{document_id}").text
    statement_id, signatory_id, signatory_document = db.execute(
        "select id, row_id, document_id from provenance where table_name = 'signatories' and column_name = 'location_id' limit 1"
    ).fetchone()
    html = datasette.get(f"/kashmir/provenance/{statement_id}").text
    assert f'href="/-/read/{signatory_document}#signatory-{signatory_id}"' in html


def test_an_unknown_document_is_not_found(datasette):
    assert datasette.get("/-/read/no-such-document").status_code == 404


def test_text_that_looks_like_html_is_shown_as_text():
    text = 'Signed: <script>alert("x")</script> & <b>Bold Group</b>\nline two'
    start = text.index("<b>")
    highlights = [reader.Highlight("signatories", 'id"<img>', start, start + len("<b>Bold Group</b>"), "<i>label</i>")]
    html = str(reader.highlighted_html(text, highlights, {}, lambda h: "/row?<x>"))
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html and "<img>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; " in html
    page = parse(f'<div id="document-text">{html}</div>')
    assert "".join(page.text) == text
    assert page.covered['signatories/id"<img>'] == "<b>Bold Group</b>"


def test_nested_rows_link_to_the_innermost_and_name_all():
    text = "Jane Doe, Leeds, Chair"
    outer = reader.Highlight("signatories", "s1", 0, len(text), "Jane Doe")
    inner = reader.Highlight("mentions", "m1", 10, 15, "place Leeds")
    letter = reader.Highlight("letters", "l1", 0, len(text), "A letter")
    page = parse(f'<div id="document-text">{reader.highlighted_html(text, [outer, inner, letter], {}, lambda h: f"/{h.table}/{h.row_id}")}</div>')
    assert page.covered == {"signatories/s1": text, "mentions/m1": "Leeds"}
    assert page.links["/mentions/m1"] == ["signatories/s1", "mentions/m1"]
    assert page.links["/signatories/s1"] == ["signatories/s1"]
    assert {"letter-l1", "signatory-s1", "mention-m1"} <= page.anchors


def test_offsets_outside_the_text_are_refused():
    with pytest.raises(ValueError, match="outside the text"):
        reader.highlighted_html("short", [reader.Highlight("signatories", "s1", 2, 40, "x")], {}, str)
