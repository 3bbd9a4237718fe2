"""A line after a list of signatures saying how many more signed unnamed: "and 300 others",
"plus 12 more", "and 23 other councillors"."""

from __future__ import annotations

import re

from scripts.common.spans import DocumentText, Span

UNNAMED_SIGNATORIES = re.compile(
    r"^(?:and|plus|\+)\s+(?P<count>\d[\d,]*)\s+(?:others|more|other\s+[a-z]+(?:\s+[a-z]+)?)(?:\s+signatories)?\.?$", re.IGNORECASE
)


def unnamed_on(document: DocumentText, line_number: int) -> tuple[int, Span] | None:
    """(count, words) when the line states how many more signed, else None."""
    line = document.line_span(line_number)
    match = UNNAMED_SIGNATORIES.match(line.text)
    return (int(match.group("count").replace(",", "")), line) if match else None
