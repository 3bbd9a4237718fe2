"""The first pages a reader opens, in Chromium as `make serve` serves them; screenshots are saved
under build/ (home.png, database.png, query.png) for the closing notes and for review."""

from __future__ import annotations

from conftest import REPO

SHOTS = REPO / "build"


def test_the_home_page_opens_on_the_tables_in_reading_order(page, served):
    page.goto(f"{served}/")
    links = page.locator("ul.reading-order").first.locator("a").all_inner_texts()
    assert links[:3] == ["documents", "letters", "signatories"]
    assert page.locator("text=basemap").count() == 0
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "home.png"), full_page=True)


def test_the_database_page_opens_on_its_tables_and_an_empty_sql_box(page, served):
    page.goto(f"{served}/kashmir")
    assert page.locator("ul.reading-order").first.locator("a").first.inner_text() == "documents"
    assert "select * from changes" not in page.content()
    page.screenshot(path=str(SHOTS / "database.png"), full_page=True)


def test_a_query_opens_on_its_form_and_an_example_without_an_error(page, served):
    page.goto(f"{served}/kashmir/search_documents")
    assert "q=mosques" in page.url
    assert page.title() == "Search the documents"
    assert page.locator(".message-error").count() == 0
    assert page.locator("mark").count() > 0  # the example's matches, marked
    assert page.locator("table.rows-and-columns a[href^='/-/read/']").count() > 0  # each answer opens its document
    page.screenshot(path=str(SHOTS / "query.png"), full_page=True)


def test_a_row_page_shows_its_name_and_the_way_to_its_words_on_the_first_screen(page, served, db):
    signatory_id, name = db.execute("select id, name from signatories where kind = 'person' and organisation_id is not null limit 1").fetchone()
    page.goto(f"{served}/kashmir/signatories/{signatory_id}")
    assert page.locator("h1").inner_text().strip() == name
    link = page.locator(".row-actions a.read-in-document")
    box = link.bounding_box()
    assert box is not None and box["y"] + box["height"] < 900 and box["x"] + box["width"] < 1280  # on the first screen at 1280 x 900
    page.screenshot(path=str(SHOTS / "row_page.png"), full_page=False)
    link.click()
    page.wait_for_url("**/-/read/**")


def test_a_table_page_offers_csv_for_excel_beside_the_plain_csv(page, served):
    page.goto(f"{served}/kashmir/letters")
    excel = page.locator("p.export-links a.excel-csv")
    assert excel.count() == 1 and "_bom=1" in excel.get_attribute("href")
    plain = page.locator("p.export-links a", has_text="CSV").first
    assert "_bom" not in plain.get_attribute("href")


def test_a_missing_page_offers_the_way_home(page, served):
    page.goto(f"{served}/kashmir/no_such_table")
    page.locator(".error-ways-on a", has_text="the home page").click()
    page.wait_for_url(f"{served}/")
    page.goto(f"{served}/kashmir/no_such_table")
    page.screenshot(path=str(SHOTS / "not_found.png"), full_page=True)


def test_search_everything_puts_every_tables_matches_on_the_first_screens(page, served):
    page.goto(f"{served}/-/search?q=JKLF")
    sections = page.locator("section.search-table")
    assert sections.count() >= 3
    organisations = page.locator("#search-organisations").bounding_box()
    assert organisations is not None and organisations["y"] < 1800  # not 33,000 px down, under a document's whole text
    page.screenshot(path=str(SHOTS / "search.png"), full_page=True)
    page.locator("#search-organisations a.search-row").first.click()
    page.wait_for_url("**/kashmir/organisations/**")


def test_a_letters_signatories_are_counted_by_local_authority_and_one_click_lists_them(page, served, db):
    letter = db.execute("select id from letters where title like '%mosques%'").fetchone()[0]
    page.goto(f"{served}/kashmir/signatories?letter_id={letter}")
    facet = page.locator(".facet-info[data-column='local_authority_id']")
    redbridge = facet.locator("li", has_text="Redbridge").first
    assert redbridge.inner_text().split()[-1] == "10"
    page.screenshot(path=str(SHOTS / "places_by_area.png"), full_page=False)
    redbridge.locator("a").first.click()
    page.wait_for_url("**local_authority_id=E09000026**")
    assert "10 rows" in page.locator("h3").first.inner_text()
