"""Datasette plugin: an immutable database's schema is read once, not on every page.

Datasette 0.65 asks SQLite for a table's columns, keys, foreign keys and label column again
and again while it builds one page (for each foreign key it labels, each facet, each link from
another table), and every ask is a trip to a SQL thread and back: a page of signatories made
about thirty. A database served immutable cannot change its schema, so this plugin keeps each
answer of those methods the first time it is asked, per database and per argument, and gives
a copy every time after (a caller may change what it gets). Mutable databases are left alone.
"""

from __future__ import annotations

import copy
import functools

from datasette import hookimpl

SCHEMA_METHODS = (
    "table_exists", "table_names", "view_names", "table_columns", "table_column_details", "primary_keys",
    "fts_table", "label_column_for_table", "foreign_keys_for_table", "hidden_table_names", "get_all_foreign_keys",
    "get_table_definition", "get_view_definition",
)


# Answers kept per method at most: the tables and views number a few dozen, but a visitor can
# ask about any name (/kashmir/<anything> asks whether such a table exists); past this, an
# answer not yet kept is asked of SQLite each time, so the memory held stays bounded.
MAX_ANSWERS = 1_000


def remembered(method):
    answers: dict = {}

    @functools.wraps(method)
    async def answer(*arguments, **named):
        key = (arguments, tuple(sorted(named.items())))
        if key in answers:
            return copy.deepcopy(answers[key])
        found = await method(*arguments, **named)
        if len(answers) < MAX_ANSWERS:
            answers[key] = found
        return copy.deepcopy(found)

    return answer


@hookimpl
def startup(datasette):
    for database in datasette.databases.values():
        if database.is_mutable or getattr(database, "_schema_remembered", False):
            continue
        for name in SCHEMA_METHODS:
            setattr(database, name, remembered(getattr(database, name)))
        database._schema_remembered = True
