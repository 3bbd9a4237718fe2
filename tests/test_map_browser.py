"""The signatory map in a real browser: Debian's Chromium, headless, driven by Playwright,
against Datasette serving the built database on 127.0.0.1. Map tiles cannot load offline; the
markers must render all the same. A screenshot is saved to build/signatory_map.png."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import METADATA, REPO

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(built_db):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", "-i", str(built_db), "--metadata", str(METADATA),
         "--host", "127.0.0.1", "--port", str(port), "--setting", "suggest_facets", "off"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/-/versions.json", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        server.kill()
        pytest.fail(f"Datasette did not start: {server.stderr.read().decode()}")
    yield base
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def page():
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is not installed: `make test` installs it (apt-get install chromium)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        yield page
        browser.close()


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
    newham = {row[0] for row in db.execute("select name from signatory_map where place = 'Newham'")}
    page.goto(f"{served}/kashmir/signatory_map?place=Newham")
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
