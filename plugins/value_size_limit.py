"""Datasette plugin: cap the size of any string or blob a query can make.

SQLite checks Datasette's time limit between steps of its virtual machine, so one step that
allocates a huge value runs to the end: `?sql=select length(randomblob(900000000))` took about
1 GB and ran past the limit. Every connection Datasette opens gets SQLITE_LIMIT_LENGTH set to
MAX_VALUE_BYTES, so such a query fails at once ("string or blob too big"). The largest value
the dataset holds, a document's text, is far below it, and `seeds/assertions.yml` fails any
build that would hold a value too large to serve.
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

MAX_VALUE_BYTES = 2_000_000


@hookimpl
def prepare_connection(conn):
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
