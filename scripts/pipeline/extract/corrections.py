"""Extract stage: the reviewed corrections applied to a document's signature lists.

Takes: the corrections (`scripts.curated.corrections`) and the signature entries the letters
of one document hold. Gives: the entries with each corrected run of lines replaced by the
signatures the correction says they hold, located by their words so their offsets stay exact.
A correction whose `source` no longer matches its document, or whose signatures do not account
for the words, stops the build with a message naming the entry; so does one that matches no
signature list.
"""

from __future__ import annotations

import re

from scripts.common.spans import DocumentText
from scripts.curated.corrections import Correction
from scripts.pipeline.extract.items.parsed import SignatureEntry
from scripts.pipeline.extract.letters import FoundLetter


def apply_corrections(
    corrections: list[Correction], document: DocumentText, file_name: str, letters: list[FoundLetter]
) -> None:
    """Replace, in place, the entries on each correction's lines by the corrected signatures."""
    for correction in (c for c in corrections if c.document == file_name):
        _check_source(correction, document)
        letter = next((l for l in letters if _covers(l, correction)), None)
        if letter is None:
            raise correction.fail(
                f"lines {correction.first_line}-{correction.last_line} of {file_name} are not in a list of signatures"
            )
        corrected = _locate(correction, document)
        kept = [e for e in letter.entries if not correction.first_line <= e.span.line <= correction.last_line]
        letter.entries = sorted(kept + corrected, key=lambda entry: entry.span.start)


def _check_source(correction: Correction, document: DocumentText) -> None:
    if correction.last_line > len(document.lines) or correction.first_line < 1:
        raise correction.fail(f"the document has no line {correction.last_line}")
    actual = "\n".join(document.line(n).text for n in range(correction.first_line, correction.last_line + 1))
    # Both as read: a no-break space or CRLF saved in the document or the file is no difference.
    if actual.strip() != DocumentText(correction.source).text.strip():
        raise correction.fail(
            f"source no longer matches {correction.document} lines {correction.first_line}-{correction.last_line}: "
            f"expected {correction.source.strip()!r}, found {actual.strip()!r}"
        )


def _covers(letter: FoundLetter, correction: Correction) -> bool:
    lines = {entry.span.line for entry in letter.entries if entry.form != "issuer"}
    return correction.first_line in lines and correction.last_line in lines


def _locate(correction: Correction, document: DocumentText) -> list[SignatureEntry]:
    """Find each corrected signature's words, in order, in the corrected lines."""
    position = document.line(correction.first_line).start
    region_end = document.line(correction.last_line).end
    entries = []
    for signature in correction.signatures:
        pattern = r"\s+".join(re.escape(word) for word in signature.split())
        match = re.compile(pattern).search(document.text, position, region_end)
        if match is None or document.text[position : match.start()].strip():
            raise correction.fail(f"signature {signature!r} is not the next words of lines {correction.first_line}-{correction.last_line}")
        entries.append(SignatureEntry(document.span(match.start(), match.end()), "list", correction.id))
        position = match.end()
    leftover = document.text[position:region_end].strip()
    if leftover:
        raise correction.fail(f"the signatures do not account for {leftover!r}")
    return entries
