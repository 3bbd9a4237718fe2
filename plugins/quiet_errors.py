"""Datasette plugin: an error costs no more than a page and logs one line.

Datasette 0.65 prints every exception's traceback with its local variables through `rich`
when `rich` is installed (followthemoney brings it): some 100 lines and half a second of the
server's one event loop for each 404 or 400, which stalls every other request. Here a
client's mistake (4xx) prints nothing beyond the server's access line, and a server error
prints one line naming the exception and where it was raised; the page the user gets is
Datasette's own error page, as before.
"""

from __future__ import annotations

import logging
import traceback

import datasette.handle_exception as datasette_errors
from datasette import hookimpl
from datasette.utils.asgi import Base400
from datasette.views.base import DatasetteError

datasette_errors.rich = None  # no traceback with local variables, for any error

log = logging.getLogger("datasette.errors")


@hookimpl
def handle_exception(datasette, request, exception):
    if isinstance(exception, Base400) or (isinstance(exception, DatasetteError) and exception.status < 500):
        return None  # Datasette's page, which now prints nothing
    log.error("%s %s: %s", request.method, request.path, one_line(exception))
    # Datasette's page for a server error, without the traceback it would print for others.
    quiet = DatasetteError(str(exception), status=getattr(exception, "status", 500), title=getattr(exception, "title", None))
    return datasette_errors.handle_exception(datasette, request, quiet)


def one_line(exception: BaseException) -> str:
    """ "KeyError 'x' at scripts/…/plugin.py:12 in render" """
    frames = traceback.extract_tb(exception.__traceback__)
    where = f" at {frames[-1].filename}:{frames[-1].lineno} in {frames[-1].name}" if frames else ""
    return f"{type(exception).__name__} {str(exception)!r}{where}".replace("\n", " ")
