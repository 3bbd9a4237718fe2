"""Positions in a document's text: lines with their character offsets, and spans of words.

Every extracted row carries `line` (1-based), `start` and `end` (0-based character offsets,
end exclusive) into `documents.text`. This module is the one place that turns between them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """Words of a document: text[start:end], starting on 1-based `line`."""

    start: int
    end: int
    line: int
    text: str

    @property
    def clean(self) -> str:
        """The words with line breaks and runs of spaces as single spaces."""
        return " ".join(self.text.split())


@dataclass(frozen=True)
class Line:
    number: int  # 1-based
    start: int
    end: int  # exclusive, before the line break
    text: str

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


class DocumentText:
    """A document's text with its lines indexed, for turning offsets into spans and lines."""

    def __init__(self, text: str):
        self.text = text
        self.lines: list[Line] = []
        for number, match in enumerate(re.finditer(r"[^\r\n]*(?:\r\n|\n|\r|$)", text), start=1):
            if match.start() == len(text) and number > 1:
                break
            body = match.group().rstrip("\r\n")
            self.lines.append(Line(number, match.start(), match.start() + len(body), body))
        self._line_starts = [line.start for line in self.lines]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset)

    def line(self, number: int) -> Line:
        return self.lines[number - 1]

    def span(self, start: int, end: int) -> Span:
        """The words text[start:end], trimmed of surrounding whitespace."""
        piece = self.text[start:end]
        stripped = piece.strip()
        if stripped is not piece and stripped != piece:
            start += len(piece) - len(piece.lstrip())
            piece = stripped
        return Span(start, start + len(piece), bisect.bisect_right(self._line_starts, start), piece)

    def line_span(self, number: int) -> Span:
        line = self.line(number)
        return self.span(line.start, line.end)
