"""The map's background (`plugins/basemap.py`), in a real browser: served locally it is read
from this instance's own tiles, so the map is readable with no network and the browser asks no
one else for anything; `make serve BASEMAP=online` uses OpenStreetMap's servers instead, with
their attribution, as the published containers do."""

from __future__ import annotations

from urllib.parse import urlparse

import httpx

from scripts.serve.server import running_server


def open_map(page, url: str) -> list[str]:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.route("**/*", lambda route: route.abort() if urlparse(route.request.url).hostname != "127.0.0.1" else route.continue_())
    page.goto(f"{url}/kashmir/signatory_map")
    page.wait_for_selector(".leaflet-marker-icon", timeout=20_000)
    return requested


def test_offline_the_basemap_tiles_load_from_this_instance(page, served):
    requested = open_map(page, served)
    page.wait_for_selector("img.leaflet-tile-loaded", timeout=20_000)
    tiles = page.eval_on_selector_all("img.leaflet-tile", "tiles => tiles.map(t => [t.src, t.complete && t.naturalWidth])")
    assert tiles and all(src.startswith(f"{served}/-/tiles/basemap/") for src, _ in tiles), tiles[:3]
    assert any(width == 256 for _, width in tiles)
    assert {urlparse(url).hostname for url in requested} == {"127.0.0.1"}, sorted(set(requested))[:5]
    assert "OpenStreetMap" in page.locator(".leaflet-control-attribution").inner_text()


def test_online_the_map_uses_openstreetmap_and_the_basemap_is_not_served(page, built_db):
    with running_server(built_db, basemap="online") as url:
        requested = open_map(page, url)
        page.wait_for_selector("img.leaflet-tile", state="attached", timeout=20_000)
        sources = page.eval_on_selector_all("img.leaflet-tile", "tiles => tiles.map(t => t.src)")
        assert sources and all(urlparse(src).hostname.endswith("tile.openstreetmap.org") for src in sources)
        assert any(urlparse(request).hostname.endswith("tile.openstreetmap.org") for request in requested)
        assert "OpenStreetMap" in page.locator(".leaflet-control-attribution").inner_text()
        assert httpx.get(f"{url}/basemap").status_code == 404
        assert httpx.get(f"{url}/-/tiles/basemap/0/0/0.png").status_code == 404
