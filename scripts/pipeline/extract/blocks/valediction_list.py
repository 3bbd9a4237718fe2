"""Layout: a list of signatures after a valediction ("Yours sincerely,", "In solidarity",
"Signed:", "Signatories:").

Every line is one signature, up to a blank line that the next line does not continue (as one
more signature, or a group heading over one, would); a number or bullet before a line ("1.",
"•") only counts it; a short line that is no signature, over signatures ("Birmingham", "Trade
unionists"), heads its group, and its signatures keep it, when it opens the list, follows a
blank line or follows another group (in an unheaded list it is one more signature); "and 300
others" ends the list.
"""

from __future__ import annotations

import re

from scripts.common.spans import DocumentText
from scripts.pipeline.extract.blocks import Block
from scripts.pipeline.extract.blocks.unnamed import unnamed_on
from scripts.pipeline.extract.items.parsed import SignatureEntry
from scripts.pipeline.extract.items.shapes import looks_like_a_signature
from scripts.pipeline.extract.lines import next_text_line

VALEDICTION = re.compile(
    r"^(?:Yours(?: (?:sincerely|faithfully|truly|respectfully|in solidarity))?|Respectfully(?: yours)?|(?:With )?(?:best|kind|warm) (?:regards|wishes)|Regards|In solidarity"
    r"|Signed(?: by)?|Signatories|Signed on behalf of)\s*[,:.]?$",
    re.IGNORECASE,
)
NUMBERING = re.compile(r"^\s*(?:\d{1,3}[.)]|[•·▪*])\s+")


def read(document: DocumentText, first: int, next_start: int) -> Block:
    """The list from the line after the valediction (`first`)."""
    block = Block("list after valediction")
    line_number = next_text_line(document, first, next_start) or next_start
    stop = min(next_start, len(document.lines) + 1)
    numbered, heading = 0, None
    while line_number < stop:
        line = document.line(line_number)
        if line.is_blank:
            following = next_text_line(document, line_number + 1, stop)
            if following is None or not (is_group_heading(document, following, stop) or looks_like_a_signature(without_numbering(document.line(following).text))):
                break
            line_number = following
            continue
        block.unnamed = unnamed_on(document, line_number)
        if block.unnamed:
            break
        # A group's heading opens the list, follows a blank line, or follows an earlier heading's
        # group: a line inside an unheaded list is one more signature, however it reads
        # ("Hebden Bridge Friends of Kashmir" between two organisations is not a heading).
        opens_a_group = heading is not None or not block.entries or document.line(line_number - 1).is_blank
        if opens_a_group and is_group_heading(document, line_number, stop):
            heading = document.line_span(line_number)
            line_number += 1
            continue
        numbering = NUMBERING.match(line.text)
        numbered += bool(numbering)
        block.entries.append(SignatureEntry(document.span(line.start + (numbering.end() if numbering else 0), line.end), "list", heading=heading))
        line_number += 1
    if numbered and numbered == len(block.entries):
        block.rule = "numbered list after valediction"
    return block


def is_group_heading(document: DocumentText, line_number: int, stop: int) -> bool:
    """A short line over a group of signatures ("Birmingham", "Trade unionists", "Members of the
    House of Lords"): no signature
    itself, and the line below it is one."""
    text = document.line(line_number).text.strip()
    if not text or len(text.split()) > 7 or any(mark in text for mark in ",()–—:;.") or looks_like_a_signature(text):
        return False
    below = line_number + 1
    return below < stop and not document.line(below).is_blank and looks_like_a_signature(without_numbering(document.line(below).text))


def without_numbering(text: str) -> str:
    numbering = NUMBERING.match(text)
    return text[numbering.end() :] if numbering else text
