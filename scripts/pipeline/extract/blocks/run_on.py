"""Layout: signatures run on in one paragraph after a label: "Signed by: Cllr Nargis Rashid
(Cheetham, Manchester), Cllr Aftab Hussain (Longsight, Manchester) and 23 other councillors."

The items are separated by semicolons, or else by commas, outside parentheses (so "(Ward,
Borough)" stays whole); "… and 23 other councillors" at the end counts the unnamed.
"""

from __future__ import annotations

import re

from scripts.common.spans import DocumentText
from scripts.pipeline.extract.blocks import Block
from scripts.pipeline.extract.items.parsed import SignatureEntry

RULE = "run-on paragraph after Signed by"
RUN_ON = re.compile(r"^(?:Signed(?: by)?|Signatories|Signed on behalf of|Signatures)\s*:\s*(?P<items>\S.*)$", re.IGNORECASE)
RUN_ON_TAIL = re.compile(r"\s+(?P<unnamed>and\s+(?P<count>\d[\d,]*)\s+(?:others|more|other\s+[a-z]+(?:\s+[a-z]+)?))\.?\s*$", re.IGNORECASE)


def starts(document: DocumentText, line_number: int) -> bool:
    return bool(RUN_ON.match(document.line(line_number).text.strip()))


def read(document: DocumentText, line_number: int, next_start: int) -> Block:
    block = Block(RULE)
    line = document.line(line_number)
    match = RUN_ON.match(line.text.strip())
    start = line.start + (len(line.text) - len(line.text.lstrip())) + match.start("items")
    last = line_number
    while last + 1 < next_start and not document.line(last + 1).is_blank:
        last += 1
    end = document.line(last).end
    text = document.text[start:end]
    separator = ";" if ";" in outside_parentheses(text) else ","
    items = split_outside_parentheses(text, separator)
    if items:
        final_start, final_end = items[-1]
        tail = RUN_ON_TAIL.search(text, final_start, final_end)
        if tail:
            unnamed = document.span(start + tail.start("unnamed"), start + tail.end("unnamed"))
            block.unnamed = (int(tail.group("count").replace(",", "")), unnamed)
            items[-1] = (final_start, tail.start())
    for item_start, item_end in items:
        span = document.span(start + item_start, start + item_end)
        if span.text.strip(" .;,"):
            block.entries.append(SignatureEntry(document.span(span.start, span.end - len(span.text) + len(span.text.rstrip(" ."))), "list"))
    return block


def outside_parentheses(text: str) -> str:
    """The text with what parentheses hold blanked out."""
    depth, kept = 0, []
    for character in text:
        depth += character == "("
        kept.append(" " if depth else character)
        depth -= character == ")" and depth > 0
    return "".join(kept)


def split_outside_parentheses(text: str, separator: str) -> list[tuple[int, int]]:
    """(start, end) of each piece of text between separators outside parentheses."""
    pieces, start = [], 0
    for index, character in enumerate(outside_parentheses(text)):
        if character == separator:
            pieces.append((start, index))
            start = index + 1
    pieces.append((start, len(text)))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in pieces if text[a:b].strip()]
