"""Extract stage: a curator's hint for a list of signatures no rule reads.

Takes: the `signature_lists` hints of the document's entry in `documents.yml` (lines, the first
line as printed, the order of the fields on each line and their separator) and the letters the
rules found. Gives: the letter before the hinted lines holding one signature per non-blank line
of them, each cut into the hinted fields (`columns`, read by the table-row shape), recorded as
coming from the hint. A hint whose first line no longer reads as quoted, or with no letter
before it, stops the build naming the hint, as a correction does.
"""

from __future__ import annotations

import re

from scripts.common.spans import DocumentText
from scripts.curated.documents import SEPARATORS, SignatureListHint
from scripts.pipeline.extract.items.parsed import SignatureEntry
from scripts.pipeline.extract.letters import FoundLetter

RULE = "curated hint"
DASH = re.compile(r"\s+[–—-]\s+")


def apply_hints(hints: tuple[SignatureListHint, ...], document: DocumentText, letters: list[FoundLetter]) -> None:
    for hint in hints:
        first, last = hint.lines
        if first < 1 or last > len(document.lines) or last < first:
            raise hint.fail(f"the document has no lines {first}-{last}")
        printed = document.line(first).text.strip()
        if printed != DocumentText(hint.first).text.strip():
            raise hint.fail(f"line {first} no longer reads {hint.first!r}: found {printed!r}")
        letter = next((letter for letter in reversed(letters) if letter.title.line <= first), None)
        if letter is None:
            raise hint.fail(f"no letter starts before line {first}: a hint says how to read a letter's signatures, not where a letter is")
        kept = [entry for entry in letter.entries if not first <= entry.span.line <= last]
        hinted = [_entry(document, hint, number) for number in range(first, last + 1) if not document.line(number).is_blank]
        letter.entries = sorted(kept + [entry for entry in hinted if entry is not None], key=lambda entry: entry.span.start)
        letter.signature_rule = RULE


def _entry(document: DocumentText, hint: SignatureListHint, number: int) -> SignatureEntry | None:
    line = document.line(number)
    separator = SEPARATORS[hint.separator]
    pieces = DASH.split(line.text) if separator == "–" else line.text.split(separator)
    columns, position = [], line.start
    for field, piece in zip(hint.fields, pieces):
        start = document.text.index(piece, position)
        position = start + len(piece)
        span = document.span(start, position)
        if field != "skip" and span.text:
            columns.append((field, span))
    if not any(field == "name" for field, _ in columns):
        return None
    return SignatureEntry(document.span(columns[0][1].start, columns[-1][1].end), "hint", columns=tuple(columns), hint=hint.where)
