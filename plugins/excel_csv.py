"""Datasette plugin: CSV that Excel reads as UTF-8, beside the plain CSV.

Excel opens a CSV file without a byte-order mark in the system's legacy encoding, so “ ” – and
every accented name show as garbage. Any CSV address with `_bom=1` (a parameter Datasette
ignores) is answered with the byte-order mark U+FEFF before the first byte, streamed exports
too (`plugins/csv_headers.py` writes it, as it rewrites a CSV's first line); and
every page that offers CSV gets a "CSV for Excel" link beside it. The plain CSV stays
as it is, for programs that would read the mark as part of the first column's name.
"""

from __future__ import annotations

from datasette import hookimpl

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
