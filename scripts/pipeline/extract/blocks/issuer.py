"""Layout, the last resort: a statement with no signatures is signed by the organisation its
introduction names as author ("the SCG statement", "the statement by the Northgate Tenants
Association"), when the words name an organisation (an organisation's word, or an acronym).
"The letter from the Tarn Valley traders" names no one who signs: the letter gets no
signature, and goes to review, rather than an invented one. A title taken from a heading or
headline names no author."""

from __future__ import annotations

import re

from scripts.common.spans import Span
from scripts.pipeline.extract.blocks import Block
from scripts.pipeline.extract.items.parsed import SignatureEntry
from scripts.pipeline.extract.items.shapes import has_organisation_word
from scripts.pipeline.extract.letter_words import LETTER_WORD

ISSUER_RULES = (
    ("issuer named before the kind word", re.compile(rf"^(?:the )?(?P<issuer>[A-Z][\w’'&.\- ]*?)(?:’s|'s)? {LETTER_WORD}\b")),
    ("issuer named after from/by", re.compile(rf"\b{LETTER_WORD} (?:from|by|of) (?:the )?(?P<issuer>[A-Z][\w’'&.\- ]*?)(?: on .*)?$")),
)
ACRONYM_ALONE = re.compile(r"[A-Z][A-Z0-9&]{1,9}")


def read(title: Span, introduction: Span | None) -> Block | None:
    if introduction is None or title.line != introduction.line:
        return None
    for rule, pattern in ISSUER_RULES:
        match = pattern.search(title.text)
        issuer = match.group("issuer").strip() if match else ""
        if issuer and (has_organisation_word(issuer) or ACRONYM_ALONE.fullmatch(issuer)):
            start = title.start + match.start("issuer")
            words = Span(start, start + len(match.group("issuer")), title.line, match.group("issuer"))
            return Block(rule, [SignatureEntry(words, "issuer")])
    return None
