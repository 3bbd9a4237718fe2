"""Datasette plugin: a bad request gets a 400 with a readable message, not a 500.

Datasette 0.65 reports some mistakes in the URL as server errors: sorting by a column that
does not exist (`?_sort=nope`) and a `_through` parameter that is not the JSON it expects.
(or one naming no foreign key). These are the user's to fix, so they are answered 400 with the same message; a map
tile past the basemap's zooms is answered 404; every other error keeps Datasette's own handling.
"""

from __future__ import annotations

import json

from datasette import hookimpl
from datasette.handle_exception import handle_exception as datasette_handle_exception
from datasette.views.base import DatasetteError

THROUGH_HELP = 'the _through parameter must be JSON like {"table": "…", "column": "…", "value": "…"}'


@hookimpl(tryfirst=True)
def handle_exception(datasette, request, exception):
    missing = not_found_message(request, exception)
    if missing is not None:
        return datasette_handle_exception(datasette, request, DatasetteError(missing, status=404, title="Not found"))
    message = client_error_message(request, exception)
    if message is None:
        return None
    return datasette_handle_exception(datasette, request, DatasetteError(message, status=400, title="Invalid request"))


# Datasette's own messages for these mistakes, which it sends with status 500.
CLIENT_MISTAKES = ("Cannot sort", "Invalid _through")


def not_found_message(request, exception) -> str | None:
    """A map tile past the basemap's zooms or coordinates: datasette-tiles lets SQLite fail on
    the number (OverflowError, a 500). There is no such tile: 404."""
    if "/-/tiles/" in request.path and isinstance(exception, (OverflowError, ValueError)):
        return "No such map tile: the offline basemap has zoom levels 0 to 6."
    return None


def client_error_message(request, exception) -> str | None:
    if isinstance(exception, DatasetteError) and exception.status == 500 and str(exception.message).startswith(CLIENT_MISTAKES):
        return str(exception.message)
    if "_through" in request.args and isinstance(exception, (json.JSONDecodeError, KeyError, TypeError, AttributeError)):
        return f"Invalid request: {THROUGH_HELP}"
    return None
