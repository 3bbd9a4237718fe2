"""Layout: after a letter's text (a quotation that closes, or its last paragraph), a block of
"Name, Place, Role" lines, one signature a line, ended by "and 300 others" or by a line that
is not one. A line is one when it starts with a person's name (honorifics allowed; a withheld
name too) followed by a comma."""

from __future__ import annotations

import re

from scripts.common.spans import DocumentText
from scripts.pipeline.extract.blocks import Block
from scripts.pipeline.extract.blocks.unnamed import UNNAMED_SIGNATORIES, unnamed_on
from scripts.pipeline.extract.items.parsed import SignatureEntry
from scripts.pipeline.extract.names import HONORIFIC, NAME_PARTICLE, NAME_WORD

RULE = "name-place-role lines"
# A withheld name (scripts/curated/redactions.py) still makes a signature line.
PERSON_SIGNATURE_LINE = re.compile(
    rf"^(?:(?:{HONORIFIC} )?{NAME_WORD}(?: (?:{NAME_WORD}|{NAME_PARTICLE})){{1,4}}|\[withheld\]), \S.{{0,250}}$"
)


def is_person_signature(document: DocumentText, line_number: int) -> bool:
    text = document.line(line_number).text.strip()
    return bool(PERSON_SIGNATURE_LINE.match(text)) and not UNNAMED_SIGNATORIES.match(text)


def read(document: DocumentText, first: int, next_start: int) -> Block:
    block = Block(RULE)
    line_number = first
    while line_number < next_start and is_person_signature(document, line_number):
        block.entries.append(SignatureEntry(document.line_span(line_number), "name-place-role"))
        line_number += 1
    if line_number < next_start:
        block.unnamed = unnamed_on(document, line_number)
    return block
