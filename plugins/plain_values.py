"""Datasette plugin: yes and no, not 1 and 0, where a reader sees a true-or-false column.

SQLite stores a flag as 1 or 0, and so do the JSON and CSV; on a page, `corrected` and
`in_register` read as "yes" or "no". Every other cell returns at once.
"""

from __future__ import annotations

from datasette import hookimpl

DATABASE = "kashmir"
FLAGS = {("signatories", "corrected"), ("organisations", "in_register"), ("people", "in_register")}


@hookimpl
def render_cell(value, column, table, database):
    if (table, column) not in FLAGS or database != DATABASE or value not in (0, 1):
        return None
    return "yes" if value else "no"
