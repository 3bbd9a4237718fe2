"""The words of one printed signature, as the item shapes read them.

`SignatureWords` holds the signature's span, its text with what every signature may end with
already set aside (list punctuation, a member count, "(personal capacity)"), and `sub()`, which
turns offsets within that text into spans of the document, so every value an item shape reads
keeps its place in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.common.spans import DocumentText, Span
from scripts.pipeline.extract.items.parsed import SignatureEntry


@dataclass(frozen=True)
class SignatureWords:
    document: DocumentText
    entry: SignatureEntry
    span: Span  # the whole signature
    text: str  # the signature's words (span.text), of which text[:end] is read by the shapes
    end: int
    read: str = ""  # text[:end], set once

    def __post_init__(self):
        object.__setattr__(self, "read", self.text[: self.end])

    def sub(self, start: int, stop: int) -> Span:
        """Offsets within the signature's text as a span of the document."""
        return self.document.span(self.span.start + start, self.span.start + stop)

    def match(self, pattern: re.Pattern) -> re.Match | None:
        return pattern.fullmatch(self.text, 0, self.end)
