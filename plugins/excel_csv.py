"""Datasette plugin: CSV that Excel reads as UTF-8, beside the plain CSV.

Excel opens a CSV file without a byte-order mark in the system's legacy encoding, so “ ” – and
every accented name show as garbage. Any CSV address with `_bom=1` (a parameter Datasette
ignores) is answered with the byte-order mark U+FEFF before the first byte, streamed exports
too; and every page that offers CSV gets a "CSV for Excel" link beside it. The plain CSV stays
as it is, for programs that would read the mark as part of the first column's name.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from datasette import hookimpl

BOM = "\ufeff".encode("utf-8")


def wants_bom(scope) -> bool:
    return scope["type"] == "http" and scope["path"].endswith(".csv") and ("_bom", "1") in parse_qsl(scope.get("query_string", b"").decode("latin-1"))


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def with_bom(scope, receive, send):
            if not wants_bom(scope):
                await app(scope, receive, send)
                return
            state = {"status": 200, "marked": False}

            async def marked_send(message):
                if message["type"] == "http.response.start":
                    state["status"] = message["status"]
                    if state["status"] == 200:
                        headers = [(name, value) for name, value in message["headers"] if name.lower() != b"content-length"]
                        message = {**message, "headers": headers}
                elif message["type"] == "http.response.body" and state["status"] == 200 and not state["marked"]:
                    state["marked"] = True
                    message = {**message, "body": BOM + message.get("body", b"")}
                await send(message)

            await app(scope, receive, marked_send)

        return with_bom

    return wrap


# After each CSV link of a page ("This data as … CSV"), a link to the same CSV for Excel.
EXCEL_LINKS = """
document.querySelectorAll('p.export-links a').forEach(function (link) {
  if (link.textContent !== 'CSV') { return; }
  var excel = document.createElement('a');
  excel.href = link.href + (link.href.indexOf('?') === -1 ? '?' : '&') + '_bom=1';
  excel.textContent = 'CSV for Excel';
  excel.className = 'excel-csv';
  link.insertAdjacentText('afterend', ')');
  link.insertAdjacentElement('afterend', excel);
  link.insertAdjacentText('afterend', ' (');
});
"""


@hookimpl
def extra_body_script(view_name):
    if view_name in ("table", "query"):
        return EXCEL_LINKS
    return None
