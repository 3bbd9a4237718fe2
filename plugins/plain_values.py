"""Datasette plugin: plain words where a reader sees a column's values or name.

SQLite stores a flag as 1 or 0, and so do the JSON and CSV; on a page, `corrected` and
`in_register` read as "yes" or "no". Every other cell returns at once.

A facet is headed by its column in words (`column_words`: "local authority" for
`local_authority_id`), with the column's own name beside it for those who write SQL
(templates/_facet_results.html).
"""

from __future__ import annotations

from datasette import hookimpl

DATABASE = "kashmir"
FLAGS = {("signatories", "corrected"), ("organisations", "in_register"), ("people", "in_register"), ("documents", "redistributable")}


def column_words(column: str) -> str:
    """A column's name as a reader says it: `local_authority_id` -> "local authority"."""
    return column.removesuffix("_id").replace("_", " ")


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["column_words"] = column_words


@hookimpl
def render_cell(value, column, table, database):
    if (table, column) not in FLAGS or database != DATABASE or value not in (0, 1):
        return None
    return "yes" if value else "no"
