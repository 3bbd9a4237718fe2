"""Datasette plugin: show search snippets with their matches highlighted, safely.

The ranked-search canned query marks each match in `snippet` with [[ and ]] (readable as they
are in CSV and JSON). In HTML this plugin escapes the snippet first, so a document's own text
can never become markup, and only then turns the marks into <mark> elements.
"""

from __future__ import annotations

from datasette import hookimpl
from markupsafe import Markup, escape

OPEN, CLOSE = "[[", "]]"


@hookimpl
def render_cell(value, column):
    if column != "snippet" or not isinstance(value, str) or OPEN not in value:
        return None
    escaped = str(escape(value))
    return Markup(escaped.replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))
