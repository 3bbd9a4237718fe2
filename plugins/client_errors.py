"""Datasette plugin: a bad request gets a 400 with a readable message, not a 500.

Datasette 0.65 reports some mistakes in the URL as server errors: sorting by a column that
does not exist (`?_sort=nope`) and a `_through` parameter that is not the JSON it expects.
(or one naming no foreign key). These are the user's to fix, so they are answered 400 with the same message; every other
error keeps Datasette's own handling.
"""

from __future__ import annotations

import json

from datasette import hookimpl
from datasette.handle_exception import handle_exception as datasette_handle_exception
from datasette.views.base import DatasetteError

THROUGH_HELP = 'the _through parameter must be JSON like {"table": "…", "column": "…", "value": "…"}'


@hookimpl(tryfirst=True)
def handle_exception(datasette, request, exception):
    message = client_error_message(request, exception)
    if message is None:
        return None
    return datasette_handle_exception(datasette, request, DatasetteError(message, status=400, title="Invalid request"))


# Datasette's own messages for these mistakes, which it sends with status 500.
CLIENT_MISTAKES = ("Cannot sort", "Invalid _through")


def client_error_message(request, exception) -> str | None:
    if isinstance(exception, DatasetteError) and exception.status == 500 and str(exception.message).startswith(CLIENT_MISTAKES):
        return str(exception.message)
    if "_through" in request.args and isinstance(exception, (json.JSONDecodeError, KeyError, TypeError, AttributeError)):
        return f"Invalid request: {THROUGH_HELP}"
    return None
