"""A table of signatories as text: columns separated by "|" or tabs, under a header row that
names them ("Name | Organisation | Town", "Name<TAB>Role<TAB>Town").

Takes: the lines of a letter. Gives: a `SignatureEntry` per row, each with its cells under the
header's field names (`columns`), so the row is read by its columns, not by its punctuation. A
table ends at a blank line; another table may follow under a heading line ("Faith leaders"),
whose rows keep that heading. A header is recognised by its field names: a row of cells of
which at least two are field names, one of them the name.
"""

from __future__ import annotations

from scripts.common.spans import DocumentText
from scripts.pipeline.extract.blocks import Block
from scripts.pipeline.extract.items.parsed import SignatureEntry
from scripts.pipeline.extract.lines import next_text_line

RULE = "table with a header row"
# Header words -> the field a column holds.
FIELD_NAMES = {
    "name": "name", "names": "name", "signatory": "name", "signature": "name", "full name": "name",
    "organisation": "organisation", "organization": "organisation", "group": "organisation", "affiliation": "organisation",
    "institution": "organisation", "employer": "organisation", "organisation (for identification)": "organisation",
    "town": "place", "city": "place", "place": "place", "area": "place", "location": "place", "constituency": "place",
    "ward": "place", "borough": "place", "region": "place", "town/city": "place",
    "role": "role", "position": "role", "title": "role", "occupation": "role", "job": "role", "post": "role",
}


def cells(text: str) -> list[tuple[int, int]] | None:
    """(start, end) of each cell of a row of "|"- or tab-separated text, or None if it is no row."""
    separator = "\t" if "\t" in text else "|" if "|" in text else None
    if separator is None:
        return None
    found, start = [], 0
    for index, character in enumerate(text + separator):
        if character == separator:
            piece = text[start:index]
            stripped = piece.strip()
            offset = start + (len(piece) - len(piece.lstrip()))
            found.append((offset, offset + len(stripped)))
            start = index + 1
    if text.strip().startswith("|"):
        found = found[1:]
    if text.strip().endswith("|"):
        found = found[:-1]
    return found if len(found) >= 2 else None


def header_fields(text: str) -> list[str] | None:
    """The field of each column, when the row is a header naming them."""
    row = cells(text)
    if row is None:
        return None
    fields = [FIELD_NAMES.get(text[a:b].strip().lower().rstrip(":")) for a, b in row]
    if "name" not in fields or sum(field is not None for field in fields) < 2:
        return None
    return fields


def read(document: DocumentText, first: int, stop: int) -> tuple[int, Block] | None:
    """(header line, block) of the tables starting at the first header row in [first, stop),
    or None when there is none, or its rows name no one."""
    header_line = next((n for n in range(first, stop) if header_fields(document.line(n).text)), None)
    if header_line is None:
        return None
    entries, line_number, heading = [], header_line, None
    while line_number < stop:
        fields = header_fields(document.line(line_number).text)
        if fields is None:
            break
        line_number += 1
        while line_number < stop and not document.line(line_number).is_blank:
            line = document.line(line_number)
            row = cells(line.text)
            if row is None:
                break
            columns = tuple(
                (field, document.span(line.start + a, line.start + b))
                for field, (a, b) in zip(fields, row)
                if field is not None and b > a
            )
            if any(field == "name" for field, _ in columns):
                filled = [span for _, span in columns]
                entry_span = document.span(filled[0].start, filled[-1].end)
                entries.append(SignatureEntry(entry_span, "table", heading=heading, columns=columns))
            line_number += 1
        # Another table under a heading ("Faith leaders"), after a blank line.
        following = next_text_line(document, line_number, stop)
        if following is None:
            break
        text = document.line(following).text.strip()
        after = next_text_line(document, following + 1, stop)
        if header_fields(document.line(following).text):
            heading, line_number = None, following
        elif text and len(text.split()) <= 5 and after is not None and header_fields(document.line(after).text):
            heading, line_number = document.line_span(following), after
        else:
            break
    return (header_line, Block(RULE, entries)) if entries else None
