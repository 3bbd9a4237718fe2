"""Positions in a document's text: lines with their character offsets, and spans of words.

Every extracted row carries `line` (1-based), `start` and `end` (0-based character offsets,
end exclusive) into `documents.text`. This module is the one place that turns between them.

Text as the web gives it holds no-break and other wide spaces, zero-width spaces, soft hyphens,
runs of spaces and CR or CRLF line ends, which a reader does not see. The rules read the
document's *reading text*, where each of those is what a reader sees (one plain space, nothing,
a line break), so a no-break space after a comma reads as the plain form does; `DocumentText`
keeps the map back to the stored text, and `stored_offsets` turns a span of the reading text
into offsets into `documents.text`, which is what rows record. Line numbers are the same in
both: only line ends change form, never their number.
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
        """The words with line breaks and runs of spaces as single spaces, and what a reader
        does not see (zero-width spaces, soft hyphens) left out."""
        text = self.text
        return " ".join((text if text.isascii() else text.translate(UNSEEN)).split())


@dataclass(frozen=True)
class Line:
    number: int  # 1-based
    start: int
    end: int  # exclusive, before the line break
    text: str

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


# Characters a reader does not see, and spaces that read as one plain space.
UNSEEN = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
SPACES = "\u00a0\u2000-\u200a\u202f\u205f\u3000"
# A run of spaces only between words: indentation at a line's start reads as it is, so a page
# indented with plain spaces needs no map at all.
NOT_AS_READ = re.compile(rf"\r\n?|(?<=\S)[ {SPACES}]{{2,}}|[{SPACES}]|[\u200b\u200c\u200d\u2060\ufeff\u00ad]+")


def _as_read(piece: str) -> str:
    if piece[0] == "\r":
        return "\n"
    return "" if piece[0] in "\u200b\u200c\u200d\u2060\ufeff\u00ad" else " "


class DocumentText:
    """A document's reading text with its lines indexed, for turning offsets into spans and
    lines, and the map from reading offsets back to the stored text's."""

    def __init__(self, stored: str):
        self.stored = stored
        # (reading offset, stored offset) where each piece of the reading text starts; none
        # when the reading text is the stored text, as for most documents.
        self._reading_starts: list[int] | None = None
        self._stored_starts: list[int] = []
        if NOT_AS_READ.search(stored):
            stored = self._read(stored)
        self.text = stored
        self.lines: list[Line] = []
        for number, match in enumerate(re.finditer(r"[^\r\n]*(?:\r\n|\n|\r|$)", stored), start=1):
            if match.start() == len(stored) and number > 1:
                break
            body = match.group().rstrip("\r\n")
            self.lines.append(Line(number, match.start(), match.start() + len(body), body))
        self._line_starts = [line.start for line in self.lines]

    def _read(self, stored: str) -> str:
        pieces, reading_starts, stored_starts, reading_length, position = [], [], [], 0, 0
        for match in NOT_AS_READ.finditer(stored):
            for piece, stored_start in ((stored[position : match.start()], position), (_as_read(match.group()), match.start())):
                reading_starts.append(reading_length)
                stored_starts.append(stored_start)
                pieces.append(piece)
                reading_length += len(piece)
            position = match.end()
        reading_starts.append(reading_length)
        stored_starts.append(position)
        pieces.append(stored[position:])
        self._reading_starts, self._stored_starts = reading_starts, stored_starts
        return "".join(pieces)

    @property
    def read_as_stored(self) -> bool:
        """Whether the reading text is the stored text itself (offsets need no turning)."""
        return self._reading_starts is None

    def stored_offsets(self, start: int, end: int) -> tuple[int, int]:
        """Reading offsets [start, end) as offsets into the stored text."""
        if self._reading_starts is None:
            return start, end
        return self._stored(start), (self._stored(end - 1) + 1 if end > start else self._stored(start))

    def stored_words(self, span: Span) -> str:
        """The words of a span of the reading text, as the stored text holds them."""
        start, end = self.stored_offsets(span.start, span.end)
        return self.stored[start:end]

    def _stored(self, offset: int) -> int:
        piece = bisect.bisect_right(self._reading_starts, offset) - 1
        return self._stored_starts[piece] + offset - self._reading_starts[piece]

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
