"""Walking a document's lines: the next or previous line with text, and a run of lines as a span."""

from __future__ import annotations

from scripts.common.spans import DocumentText, Span


def next_text_line(document: DocumentText, first: int, stop: int) -> int | None:
    """The first line from `first` (up to `stop`, excluded) that is not blank."""
    return next((n for n in range(first, min(stop, len(document.lines) + 1)) if not document.line(n).is_blank), None)


def previous_text_line(document: DocumentText, last: int, first: int) -> int:
    """The last line from `last` back to `first` that is not blank (`first` if none is)."""
    return next((n for n in range(last, first - 1, -1) if not document.line(n).is_blank), first)


def lines_span(document: DocumentText, first: int, last: int) -> Span:
    return document.span(document.line(first).start, document.line(max(first, last)).end)


def only_blank_between(document: DocumentText, first: int, last: int) -> bool:
    return first > 0 and all(document.line(n).is_blank for n in range(first + 1, last))
