"""How the dataset is served: the Datasette settings for a public, read-only instance.

The one place that holds them: `make serve`, the publish targets and the tests all read
`SETTINGS` from here (`python -m scripts.serve.settings options` prints them as command-line options).
The database is always served immutable (`-i`) with the inspect file made at build time, so
table counts are computed once, not on every page.
"""

from __future__ import annotations

import shlex

import click

from scripts.common.paths import REPO

PLUGINS_DIR = REPO / "plugins"
TEMPLATES_DIR = REPO / "templates"

SETTINGS = {
    # Facets users want are chosen in metadata.yml; guessing more on every page is slow.
    "suggest_facets": "off",
    # A facet is counted for at most this long: over a subset of a few thousand rows it takes a
    # few ms; over half a million (signatories?location_status=located at 10,000 documents, a
    # click on a facet) each took 200-400 ms, and the page waited for five of them. Past the
    # limit the page is served without that facet, saying so ("These facets timed out"); at 50
    # ms a page sorted by member count still took 248 ms on its first request, its four default
    # facets each timing out in turn.
    "facet_time_limit_ms": "25",
    # A query that runs past this is stopped with an error page, and the next one is served.
    # The slowest page at a million signatures took 0.45 s (five facets counted); see README.
    "sql_time_limit_ms": "1000",
    # Threads that run SQL. plugins/request_limits.py lets arbitrary SQL hold at most one less
    # than the cores, so the others always serve pages, searches and canned queries.
    "num_sql_threads": "4",
    # A CSV of a whole table streams until this size; the whole database is a download too.
    "max_csv_mb": "200",
    # Rows a page, a canned query or ?sql= returns at most; table pages paginate beyond it.
    "max_returned_rows": "1000",
    # Document texts are long: table cells show the start, row pages the whole.
    "truncate_cells_html": "300",
    # The database never changes while served: let browsers and proxies keep pages an hour.
    "default_cache_ttl": "3600",
}


def serve_options(base_url: str = "/") -> list[str]:
    options = [
        "--metadata", str(REPO / "metadata.yml"),
        "--plugins-dir", str(PLUGINS_DIR),
        "--template-dir", str(TEMPLATES_DIR),
    ]
    for name, value in {**SETTINGS, "base_url": base_url}.items():
        options += ["--setting", name, value]
    return options


def settings_options() -> str:
    """The settings alone, as `datasette publish --extra-options` takes them."""
    return " ".join(f"--setting {name} {value}" for name, value in SETTINGS.items())


@click.group(help="The Datasette settings every way of serving uses.")
def main() -> None:
    pass


@main.command(help="Options for `datasette serve`, under BASE_URL (default /).")
@click.argument("base_url", default="/")
def options(base_url: str) -> None:
    click.echo(shlex.join(serve_options(base_url)))


@main.command(help="The settings alone, for `datasette publish --extra-options`.")
def settings() -> None:
    click.echo(settings_options())


if __name__ == "__main__":
    main()
