"""Documents as curators find them: saved web pages and PDFs beside plain text.

A page (tests/fixtures/documents/050_wordpress_comments.html, a WordPress article with its
navigation, sharing buttons, comments, sidebar and footer) and a PDF the tests print
(`pdf_documents`: prose, a word hyphenated at a line's end, two columns of signatories, a page
number) are read into the text a careful reader would copy: the same letters and signatures as
the same documents given as `.txt`. What a page declares about itself fills the metadata
`documents.yml` leaves out, with its provenance; the original is published only where
`documents.yml` allows it; a file that cannot be read is refused, naming it.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pdf_documents
import pytest
from conftest import REPO, DatasetteClient, run_build

from scripts.common.errors import BuildError
from scripts.curated.documents import DocumentMetadata
from scripts.pipeline.extract.document import extract_document
from scripts.pipeline.read.documents import read_document
from scripts.pipeline.read.html_text import read_html
from scripts.pipeline.read.pdf_text import _joined_hyphens, read_pdf

DOCUMENTS = REPO / "tests" / "fixtures" / "documents"
FORMS = REPO / "tests" / "fixtures" / "forms"
PAGE = DOCUMENTS / "050_wordpress_comments.html"
PAGE_AS_TEXT = FORMS / "050_wordpress_comments.txt"
PDF_AS_TEXT = FORMS / "060_calder_valley_two_columns.txt"
SIGNATORIES_IN_COLUMN_ORDER = [*pdf_documents.LEFT_COLUMN, *pdf_documents.RIGHT_COLUMN]


@pytest.fixture(scope="module")
def printed_pdf(tmp_path_factory) -> Path:
    return pdf_documents.two_column_letter(tmp_path_factory.mktemp("pdf") / "060_calder_valley_two_columns.pdf")


# The PDF's text.


def test_a_pdf_is_read_a_line_per_printed_line_with_its_columns_apart(printed_pdf):
    lines = read_pdf(printed_pdf, printed_pdf.read_bytes()).split("\n")
    # Column order, not across: every name of the left column, then every name of the right.
    first = lines.index(SIGNATORIES_IN_COLUMN_ORDER[0])
    assert lines[first : first + len(SIGNATORIES_IN_COLUMN_ORDER)] == SIGNATORIES_IN_COLUMN_ORDER
    # The prose keeps its printed lines; a blank line between paragraphs; the page number is not text.
    assert "restrictions in Kashmir and for the release of those held without charge." in lines
    assert lines[lines.index("Dear Prime Minister,") - 1] == "" and lines[lines.index("Dear Prime Minister,") + 1] == ""
    assert not [line for line in lines if "Page 1" in line]


def test_columns_are_read_in_column_order_whatever_order_the_file_holds_them_in(printed_pdf, tmp_path):
    across = pdf_documents.two_column_letter(tmp_path / "across.pdf", row_by_row=True)
    assert read_pdf(across, across.read_bytes()) == read_pdf(printed_pdf, printed_pdf.read_bytes())


def test_a_list_runs_on_from_page_to_page_without_the_running_head_and_foot(tmp_path):
    path = pdf_documents.two_page_letter(tmp_path / "two_pages.pdf")
    text = read_pdf(path, path.read_bytes())
    lines = text.split("\n")
    first = lines.index(pdf_documents.MANY_NAMES[0])
    assert lines[first : first + 30] == pdf_documents.MANY_NAMES  # one run of lines across the page break
    assert pdf_documents.RUNNING_HEAD not in text and "Page 1 of 2" not in text and "Page 2 of 2" not in text
    document = read_document(_written(tmp_path / "two_pages.pdf", path.read_bytes()))
    signatures = [signature.name.text for letter in extract_document(document, []).letters for signature in letter.signatures]
    assert signatures == pdf_documents.MANY_NAMES  # the page break ends no list


def test_a_table_under_a_header_row_is_read_across_a_row_a_line(tmp_path):
    path = pdf_documents.table_letter(tmp_path / "table.pdf")
    lines = read_pdf(path, path.read_bytes()).split("\n")
    assert "Name\tOrganisation\tTown" in lines
    assert "Peter Lord\tCalder Valley Trades Council\tHebden Bridge" in lines


NAMES = ["Aftab Ahmed", "Bernadette Quinn", "Changez Khan", "Deborah Lyons", "Ejaz Hussain", "Fiona Gallagher", "Ghazala Anjum"]
GROUPS = ["Rochdale Women's Forum", "Heywood Trades Council", "Deeplish Community Centre"]


@pytest.mark.parametrize(
    "columns, xs, expected",
    [
        # Three columns of names: each column read down, then the next.
        ([NAMES[0:3], NAMES[3:6], NAMES[6:7]], [20, 80, 140], NAMES),
        # Two columns, the second holding one name: still columns, not "Aftab Ahmed<tab>Deborah Lyons".
        ([NAMES[0:2], NAMES[2:3]], [20, 110], NAMES[0:3]),
        # A table without a header, people beside their organisations: a row a line, as a curator writes it.
        ([NAMES[0:3], GROUPS], [20, 80], [f"{name}, {group}" for name, group in zip(NAMES, GROUPS)]),
    ],
)
def test_columns_of_names_are_read_down_and_a_table_of_people_and_organisations_across(tmp_path, columns, xs, expected):
    path = pdf_documents.grid_letter(tmp_path / "grid.pdf", columns, xs)
    lines = read_pdf(path, path.read_bytes()).split("\n")
    first = lines.index(expected[0])
    assert lines[first : first + len(expected)] == expected


def test_a_word_hyphenated_at_a_lines_end_is_joined_only_when_the_joined_word_is_a_word(printed_pdf):
    text = read_pdf(printed_pdf, printed_pdf.read_bytes())
    assert "We, the undersigned community and faith organisations\nof the Calder Valley" in text
    assert _joined_hyphens("the right to self-\ndetermination for all") == "the right to self-\ndetermination for all"
    assert _joined_hyphens("faith organ-\nisations of") == "faith organisations\nof"
    assert _joined_hyphens("the Jammu-\nKashmir border") == "the Jammu-\nKashmir border"  # a capital starts a new word
    assert _joined_hyphens("Birming-\nham and Kash-\nmiri groups") == "Birmingham\nand Kashmiri\ngroups"
    # A word the document prints with its hyphen keeps it where a line's end parts it.
    assert _joined_hyphens("co-operation with X; in co-\noperation with Y") == "co-operation with X; in co-\noperation with Y"


def test_the_pdf_as_read_differs_from_its_text_only_in_where_prose_lines_break(printed_pdf):
    as_read = read_pdf(printed_pdf, printed_pdf.read_bytes())
    as_typed = PDF_AS_TEXT.read_text(encoding="utf-8")
    assert as_read.split() == as_typed.split()
    assert [line for line in as_read.split("\n") if line in SIGNATORIES_IN_COLUMN_ORDER] == SIGNATORIES_IN_COLUMN_ORDER


# The page's text and metadata.


def test_a_page_gives_its_headline_and_article_without_its_navigation_sidebar_or_footer():
    text = read_html(PAGE, PAGE.read_bytes()).text
    assert text.startswith("Open letter: Kirklees stands with Kashmir\n\n")
    for printed in ("Shahid Mahmood, Dewsbury, Councillor", "Nadia Begum, Batley, Teacher", "and 23 others"):
        assert f"\n{printed}\n" in text  # a line break the page prints (<br>) is a line
    for chrome in ("Home", "About us", "Recent Posts", "Log in", "Share this", "Twitter", "Proudly powered", "Post Comment", "Your email address"):
        assert chrome not in text, chrome


def test_a_pages_comments_come_after_the_article_under_their_own_heading():
    text = read_html(PAGE, PAGE.read_bytes()).text
    article, comments = text.split("\n\nComments\n\n")
    assert "Signed. Rafiq Hussain, Bradford" in comments and "Signed. Rafiq Hussain" not in article
    assert "@M. Saleem yes, we are translating it this week" in comments


def test_a_page_declares_its_title_site_address_and_date():
    declared = {value.column: value for value in read_html(PAGE, PAGE.read_bytes()).declared}
    assert {column: value.value for column, value in declared.items()} == {
        "title": "Open letter: Kirklees stands with Kashmir",
        "publisher": "Kirklees for Kashmir",
        "url": "https://kirkleesforkashmir.example.org/2019/08/15/open-letter-kirklees-stands-with-kashmir/",
        "published": "2019-08-15",
    }
    assert declared["published"].tag == '<meta property="article:published_time">' and declared["published"].raw == "2019-08-15T18:05:00+00:00"


def test_documents_yml_wins_over_what_the_page_declares(tmp_path):
    page = tmp_path / PAGE.name
    shutil.copy(PAGE, page)
    document = read_document(page, DocumentMetadata(publisher="Kirklees for Kashmir (the group's blog)", published="2019-08"))
    assert (document.publisher, document.published, document.title) == ("Kirklees for Kashmir (the group's blog)", "2019-08", "Open letter: Kirklees stands with Kashmir")
    assert {value.column for value in document.declared} == {"title", "url"}  # only what it filled
    assert (document.source_format, document.source_bytes, document.sha256) == ("html", page.stat().st_size, hashlib.sha256(page.read_bytes()).hexdigest())


def page(body: bytes, head: bytes = b'<meta charset="utf-8">') -> bytes:
    """A page whose article holds `body`, after enough words to be an article."""
    words = b"<p>" + b" ".join([b"words"] * 30) + b".</p>"
    return b"<!DOCTYPE html><html><head>" + head + b"</head><body><header><h1 class='site-title'>A Theme's Site Title</h1></header>" \
        b"<main><article>" + words + body + words + b"</article></main></body></html>"


def test_a_page_is_decoded_once_as_it_declares_or_as_utf8(tmp_path):
    utf8 = read_html("p.html", page("<p>Siân’s café letter</p>".encode("utf-8"), head=b""))  # no charset declared: UTF-8
    assert "Siân’s café letter" in utf8.text
    latin = read_html("p.html", page("<p>Siân’s café letter</p>".encode("cp1252"), head=b'<meta charset="iso-8859-1">'))
    assert "Siân’s café letter" in latin.text  # a page that says Latin-1 is read as browsers read it (windows-1252)
    with pytest.raises(BuildError) as refused:
        read_html("p.html", page("<p>Siân’s café letter</p>".encode("cp1252"), head=b""))
    assert "not utf-8 as assumed (the page declares none)" in str(refused.value)


def test_a_pages_lists_tables_and_quotations_keep_a_line_for_each_line():
    text = read_html("p.html", page(
        b"<ul><li>Friends of Kashmir<ul><li>Nested Person</li></ul></li><li>Another Group</li></ul>"
        b"<table><tr><td><p>Ali Khan</p><p>Councillor</p></td><td>Leeds</td></tr></table>"
        b"<blockquote><p>First quoted paragraph of the statement.</p><p>Second quoted paragraph.</p></blockquote>"
    )).text
    assert "\nFriends of Kashmir\nNested Person\nAnother Group\n" in text and text.count("Nested Person") == 1
    assert "\nAli Khan Councillor\tLeeds\n" in text
    assert "First quoted paragraph of the statement.\n\nSecond quoted paragraph." in text
    assert "A Theme's Site Title" not in text  # a theme's heading outside the article is not the headline


def test_a_list_whose_names_are_links_is_kept_whole_and_an_empty_line_ends_it():
    items = b"".join(b'<li><a href="/people/%d">%s</a></li>' % (index, name.encode()) for index, name in enumerate(NAMES[:6]))
    text = read_html("p.html", page(b"<p>Yours sincerely,</p><ul>" + items + b"</ul>"
                                    b"<p>Signed:<br><br>Amina Rauf, Rochdale<br>Colin Booth, Heywood<br><br>Media enquiries: Tahira Khan</p>")).text
    assert "\n".join(NAMES[:6]) in text  # trafilatura alone drops a list that is all links
    assert "Amina Rauf, Rochdale\nColin Booth, Heywood\n\nMedia enquiries: Tahira Khan" in text


def test_a_list_items_own_line_breaks_make_one_line():
    text = read_html("p.html", page(b"<ul><li><strong>Amina Rauf</strong><br>Teacher</li><li><strong>Colin Booth</strong><br>Retired postman</li></ul>")).text
    assert "\nAmina Rauf, Teacher\nColin Booth, Retired postman\n" in text


def test_a_withheld_name_reaches_neither_a_pages_declared_words_nor_a_published_original(tmp_path):
    from scripts.curated.redactions import Redactions

    withheld = Redactions(forms=("Zara Hidden",))
    path = _written(tmp_path / "p.html", page(b"<p>A letter.</p>", head=b'<meta charset="utf-8"><meta property="og:title" content="Letter from Zara Hidden of Leeds">'))
    document = read_document(path, None, withheld)
    assert document.title == "Letter from [withheld] of Leeds" and [value.raw for value in document.declared] == ["Letter from [withheld] of Leeds"]
    with pytest.raises(BuildError) as refused:
        read_document(path, DocumentMetadata(redistribute=True), withheld)
    assert "p.html may not be redistributed: names in it are withheld" in str(refused.value)


# What cannot be read is refused, naming the file.

def _written(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


NO_MAIN_TEXT = b"""<!DOCTYPE html><html><head><title>Search</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<form action="/search"><input name="q"><button>Search</button></form>
<footer>&copy; 2020</footer></body></html>"""


@pytest.mark.parametrize(
    "name, make, message",
    [
        ("scan.pdf", pdf_documents.scanned, "the PDF has no text layer (a scan?)"),
        ("locked.pdf", pdf_documents.encrypted, "the PDF is encrypted and needs a password"),
        ("cut.pdf", pdf_documents.cut_short, "not a PDF that can be read: it may be cut short or damaged"),
        ("letter.pdf", lambda path: _written(path, b"Dear Sir,\nThis is plain text saved as .pdf\n"), "not a PDF (it does not start with %PDF-)"),
        ("index.html", lambda path: _written(path, NO_MAIN_TEXT), "no main text found in the page"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_naming_it(tmp_path, name, make, message):
    path = make(tmp_path / name)
    with pytest.raises(BuildError) as refused:
        read_document(path)
    assert str(refused.value).startswith(f"{path}: {message}")


def test_a_pdf_with_a_scanned_page_is_refused_naming_the_page(tmp_path):
    path = pdf_documents.partly_scanned(tmp_path / "partly.pdf", tmp_path / "scan.png")
    with pytest.raises(BuildError) as refused:
        read_document(path)
    assert str(refused.value).startswith(f"{path}: page 2 is an image with 0 words of text (a scan?)")


def test_a_pdf_protected_only_against_editing_is_read(tmp_path):
    path = pdf_documents.encrypted(tmp_path / "restricted.pdf", user_password="")
    assert "Halifax Central Mosque" in read_document(path).text


# The same documents, built as text and as a page and a PDF.

LETTER_COLUMNS = "id, title, kind, addressee, organiser_id, signed_by_count, person_signatures, organisation_signatures, unnamed_signatories, claimed_signatories"
SIGNATORY_COLUMNS = "id, letter_id, position, name, kind, role, place, organisation_id, person_id, location_id, member_count"


def _built(folder: Path, db: Path) -> sqlite3.Connection:
    result = run_build(folder, db)
    assert result.returncode == 0, result.stderr
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    return connection


@pytest.fixture(scope="module")
def as_text_and_as_printed(tmp_path_factory, printed_pdf):
    root = tmp_path_factory.mktemp("formats")
    text, printed = root / "text", root / "printed"
    text.mkdir(), printed.mkdir()
    for folder in (text, printed):
        shutil.copy(REPO / "seeds" / "places.yml", folder)
    shutil.copy(PAGE_AS_TEXT, text)
    shutil.copy(PDF_AS_TEXT, text)
    shutil.copy(PAGE, printed)
    shutil.copy(printed_pdf, printed)
    (printed / "documents.yml").write_text(
        "060_calder_valley_two_columns.pdf:\n  publisher: Calder Valley Kashmir Solidarity (invented)\n  redistribute: yes\n", encoding="utf-8"
    )
    (root / "served").mkdir()
    served = root / "served" / "kashmir.db"  # Datasette names a database by its file
    with closing(_built(text, root / "text.db")) as as_text, closing(_built(printed, served)) as as_printed:
        yield as_text, as_printed, served, printed


@pytest.mark.slow
def test_a_page_and_a_pdf_give_the_letters_and_signatures_of_the_same_documents_as_text(as_text_and_as_printed):
    as_text, as_printed, _, _ = as_text_and_as_printed
    for sql in (f"select {LETTER_COLUMNS} from letters order by id", f"select {SIGNATORY_COLUMNS} from signatories order by id"):
        expected = [tuple(row) for row in as_text.execute(sql)]
        assert expected and [tuple(row) for row in as_printed.execute(sql)] == expected
    names = [row[0] for row in as_printed.execute("select name from signatories where document_id = '060_calder_valley_two_columns' order by position")]
    assert names == SIGNATORIES_IN_COLUMN_ORDER
    # The page's comments are not signatures: "Signed. Rafiq Hussain, Bradford" is a comment's words.
    assert not as_printed.execute("select 1 from signatories where name like '%Rafiq%'").fetchall()


@pytest.mark.slow
def test_each_document_keeps_its_originals_format_size_and_hash_and_what_its_page_declared(as_text_and_as_printed, printed_pdf):
    _, as_printed, _, folder = as_text_and_as_printed
    rows = {row["id"]: row for row in as_printed.execute("select * from documents")}
    page, pdf = rows["050_wordpress_comments"], rows["060_calder_valley_two_columns"]
    assert (page["source_format"], page["source_bytes"], page["sha256"]) == ("html", PAGE.stat().st_size, hashlib.sha256(PAGE.read_bytes()).hexdigest())
    assert (pdf["source_format"], pdf["source_bytes"]) == ("pdf", printed_pdf.stat().st_size)
    assert (page["title"], page["publisher"], page["published"]) == ("Open letter: Kirklees stands with Kashmir", "Kirklees for Kashmir", "2019-08-15")
    assert page["published_note"] == 'as the page declares it: <meta property="article:published_time"> 2019-08-15T18:05:00+00:00'
    assert pdf["publisher"] == "Calder Valley Kashmir Solidarity (invented)" and pdf["title"] == pdf_documents.TITLE
    statements = {
        row["column_name"]: (row["value"], row["raw_text"], row["rule"], row["source"], row["confidence"])
        for row in as_printed.execute("select * from provenance where table_name = 'documents' and row_id = '050_wordpress_comments'")
    }
    assert statements["published"] == ("2019-08-15", "2019-08-15T18:05:00+00:00", '<meta property="article:published_time">', f"{PAGE.name}, line 14", "declared by the page")
    assert set(statements) == {"title", "publisher", "url", "published"}


@pytest.mark.slow
def test_an_original_is_published_only_where_documents_yml_allows_it(as_text_and_as_printed, printed_pdf):
    _, as_printed, db, _ = as_text_and_as_printed
    assert [tuple(row) for row in as_printed.execute("select id, redistributable from documents order by id")] == [
        ("050_wordpress_comments", 0), ("060_calder_valley_two_columns", 1)
    ]
    client = DatasetteClient(db)
    try:
        served = client.get("/-/originals/060_calder_valley_two_columns.pdf")
        assert served.status_code == 200 and served.content == printed_pdf.read_bytes()
        assert served.headers["content-type"] == "application/pdf" and served.headers["etag"] == f'"{hashlib.sha256(printed_pdf.read_bytes()).hexdigest()}"'
        assert client.get("/-/originals/050_wordpress_comments.html").status_code == 404
        page = client.get("/kashmir/documents").text
        assert 'href="/-/originals/060_calder_valley_two_columns.pdf"' in page and 'href="/-/originals/050_wordpress_comments.html"' not in page
        reader = client.get("/-/read/050_wordpress_comments").text
        assert "the original file is not redistributed" in reader
        assert 'href="/kashmir/originals"' in client.get("/about").text  # offered beside the database's own download
    finally:
        client.close()
