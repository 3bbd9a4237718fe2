"""Datasette plugin: the "About" link points at this instance's /about page, wherever it is
hosted (under a `base_url` path too), which a fixed URL in metadata.yml could not do."""

from __future__ import annotations

from datasette import hookimpl


@hookimpl
def get_metadata(datasette, key, database, table):
    if database is None and table is None:
        return {"about": "About this dataset: how it was made, its limits, using it responsibly", "about_url": datasette.urls.path("/about")}
    return {}
