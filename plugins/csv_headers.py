"""Datasette plugin: CSV downloads whose label columns are named in words.

A table's CSV link asks for labels (`_labels=on`): beside each foreign key Datasette writes
the label of the row it points at, under the key's name with `_label` added
(`letter_id_label`). A reader opening the file in a spreadsheet sees the names, so they are
named as a reader would: the label of `letter_id` is `letter`, of `local_authority_id`
`local_authority`; the label of a column not named `…_id` (`location_status`, `kind_rule`) is
`location_status_in_words`, `kind_rule_in_words`. Only the header line changes; the JSON
keeps Datasette's names (`{"value": …, "label": …}` needs none).

The same pass puts the byte-order mark of a "CSV for Excel" (`plugins/excel_csv.py`) before
the first byte: one rewrite of a CSV's start, not two wrappers each holding its first chunk.
"""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qsl

from datasette import hookimpl

BOM = "\ufeff".encode("utf-8")
LABEL_SUFFIX = "_label"
ID_SUFFIX = "_id"


def plain_header(names: list[str]) -> list[str]:
    """The header with each `<column>_label` that follows its column renamed in words."""
    taken = set(names)
    renamed = []
    for index, name in enumerate(names):
        column = name[: -len(LABEL_SUFFIX)] if name.endswith(LABEL_SUFFIX) else None
        if column is None or index == 0 or names[index - 1] != column:
            renamed.append(name)
            continue
        words = column[: -len(ID_SUFFIX)] if column.endswith(ID_SUFFIX) else f"{column}_in_words"
        if words in taken:
            words = name
        taken.add(words)
        renamed.append(words)
    return renamed


def wants_bom(scope) -> bool:
    """A "CSV for Excel": any CSV address with `_bom=1` (a parameter Datasette ignores)."""
    return ("_bom", "1") in parse_qsl(scope.get("query_string", b"").decode("latin-1"))


def _renamed_first_line(body: bytes) -> bytes:
    """`body` (which holds the whole first line) with that line's header renamed."""
    text = body.decode("utf-8")
    line_end = text.index("\n") + 1
    names = next(csv.reader([text[:line_end]]))
    renamed = plain_header(names)
    if renamed == names:
        return body
    out = io.StringIO()
    csv.writer(out, lineterminator=text[:line_end][len(text[:line_end].rstrip("\r\n")):]).writerow(renamed)
    return (out.getvalue() + text[line_end:]).encode("utf-8")


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def plain_csv(scope, receive, send):
            if scope["type"] != "http" or not scope["path"].endswith(".csv"):
                await app(scope, receive, send)
                return
            state = {"start": None, "pending": b"", "done": False, "mark": BOM if wants_bom(scope) else b""}

            async def renamed_send(message):
                if message["type"] == "http.response.start":
                    if message["status"] != 200:
                        state["done"] = True
                        await send(message)
                        return
                    headers = [(name, value) for name, value in message["headers"] if name.lower() != b"content-length"]
                    state["start"] = {**message, "headers": headers}
                    return
                if message["type"] != "http.response.body" or state["done"]:
                    await send(message)
                    return
                # Hold the body until the header line is whole, then send it renamed.
                state["pending"] += message.get("body", b"")
                more = message.get("more_body", False)
                if b"\n" not in state["pending"] and more:
                    return
                body = state["mark"] + (_renamed_first_line(state["pending"]) if b"\n" in state["pending"] else state["pending"])
                state["done"], state["pending"] = True, b""
                if state["start"] is not None:
                    await send(state["start"])
                await send({**message, "body": body, "more_body": more})

            await app(scope, receive, renamed_send)

        return plain_csv

    return wrap
