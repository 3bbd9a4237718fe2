"""The signatory map in a real browser: Debian's Chromium, headless, driven by Playwright,
against Datasette serving the built database on 127.0.0.1, with the offline basemap's tiles
(tests/test_basemap_browser.py). A screenshot is saved to build/signatory_map.png."""

from __future__ import annotations

from conftest import REPO


def markers_represented(page) -> int:
    """Signatories the map shows: single markers plus the counts on cluster icons."""
    singles = page.locator(".leaflet-marker-icon:not(.marker-cluster)").count()
    clusters = [int(text) for text in page.locator(".marker-cluster span").all_inner_texts() if text.strip().isdigit()]
    return singles + sum(clusters)


def test_the_map_shows_every_located_signatory_and_a_popup_names_one(page, served, db):
    expected = db.execute("select count(*) from signatory_map").fetchone()[0]
    names = {row[0] for row in db.execute("select name from signatory_map")}
    page.goto(f"{served}/kashmir/signatory_map")
    page.wait_for_selector(".leaflet-marker-icon", timeout=20_000)
    assert markers_represented(page) == expected

    # Zoom into the biggest cluster until single markers show, then open one's popup.
    for _ in range(8):
        if page.locator(".leaflet-marker-icon:not(.marker-cluster)").count():
            break
        page.locator(".marker-cluster").first.click()
        page.wait_for_timeout(700)
    marker = page.locator(".leaflet-marker-icon:not(.marker-cluster)").first
    marker.click()
    popup = page.wait_for_selector(".leaflet-popup-content", timeout=5_000)
    assert any(name in popup.inner_text() for name in names), popup.inner_text()

    (REPO / "build").mkdir(exist_ok=True)
    page.locator(".leaflet-container").screenshot(path=str(REPO / "build" / "signatory_map.png"))


def test_signatories_sharing_a_point_can_each_be_reached(page, served, db):
    # Seven signatories are located at Newham's one point: clicking their cluster at the
    # deepest zoom spreads them out, one marker each.
    newham = {row[0] for row in db.execute("select name from signatory_map where location_id = 'london-borough-of-newham'")}
    page.goto(f"{served}/kashmir/signatory_map?location_id=london-borough-of-newham")
    page.wait_for_selector(".leaflet-marker-icon", timeout=20_000)
    assert markers_represented(page) == len(newham) == 7
    for _ in range(20):
        if page.locator(".leaflet-marker-icon:not(.marker-cluster)").count() >= len(newham):
            break
        page.locator(".marker-cluster").first.click()
        page.wait_for_timeout(600)
    reached = set()
    singles = page.locator(".leaflet-marker-icon:not(.marker-cluster)")
    for index in range(singles.count()):
        singles.nth(index).dispatch_event("click")  # the popup of one may cover the next
        page.wait_for_timeout(200)
        text = page.locator(".leaflet-popup-content").inner_text()
        reached |= {name for name in newham if name in text}
    assert reached == newham


def test_the_map_opens_first_with_a_legend_and_never_zooms_past_its_tiles(page, served):
    tiles = []
    page.on("request", lambda request: tiles.append(request.url) if "/-/tiles/basemap/" in request.url else None)
    page.goto(f"{served}/kashmir/signatory_map")
    page.wait_for_selector("#signatory-map .leaflet-marker-icon", timeout=20_000)
    box = page.locator("#signatory-map").bounding_box()
    assert box["y"] < 300 and box["height"] >= 400  # under the title, not under the column notes
    legend = page.locator(".map-legend").inner_text()
    assert "cluster" in legend and "never an address" in legend
    for _ in range(12):  # click into clusters as far as the map lets a reader go
        clusters = page.locator(".marker-cluster")
        if not clusters.count():
            break
        clusters.first.click()
        page.wait_for_timeout(500)
    zooms = {int(url.split("/-/tiles/basemap/")[1].split("/")[0]) for url in tiles}
    assert zooms and max(zooms) <= 6, sorted(zooms)  # no tile asked for past the offline basemap's last zoom
    page.screenshot(path=str(REPO / "build" / "signatory_map_page.png"), full_page=False)


def test_table_pages_fold_their_column_notes(page, served):
    page.goto(f"{served}/kashmir/signatories")
    notes = page.locator("details.column-notes")
    assert notes.count() == 1 and not notes.get_attribute("open")
    assert page.locator("dl.column-descriptions").is_hidden()
    folded = page.locator("table.rows-and-columns").bounding_box()["y"]
    page.locator("details.column-notes summary").click()
    unfolded = page.locator("table.rows-and-columns").bounding_box()["y"]
    # 26 notes no longer stand between the title and the rows (what remains: description, filters, facets)
    assert unfolded > folded + 600 and folded < 1_200
