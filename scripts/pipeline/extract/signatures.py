"""Extract stage, continued: read each printed signature into name, kind, role, place,
organisation, affiliation and counts.

Takes: a `SignatureEntry` (the words of one signature and the form of list it came from).
Gives: a `ParsedSignature` whose every field is a `Span` of the document, so each value can be
traced to its words. In order:
- list punctuation at the end (",", ";", a full stop after a word longer than an abbreviation) is
  not part of the signature;
- "… – 17 organisations" at the end is a member count and its unit;
- "(personal capacity)" at the end says the organisations named identify the person, not what
  they sign for: they become the affiliation;
- then the item shapes of `scripts.pipeline.extract.items`, tried in their documented order
  (a table row by its columns, on behalf of, elected member, name-dash-role, comma fields); the
  first that fits reads it;
- a signature under a group heading keeps the heading, and, printing no place of its own, takes
  the heading's place when the heading reads as one ("Birmingham", not "Trade unionists");
- a parenthesis of capitals after an organisation's name is its acronym ("(FORMO)").
"""

from __future__ import annotations

import re
from dataclasses import replace

from scripts.common.spans import DocumentText
from scripts.pipeline.extract.items import comma_fields, elected_member, name_dash_role, on_behalf, table_row
from scripts.pipeline.extract.items.parsed import ParsedSignature, SignatureEntry
from scripts.pipeline.extract.items.shapes import has_organisation_word, name_part, reads_as_place
from scripts.pipeline.extract.items.words import SignatureWords

__all__ = ["ParsedSignature", "parse_signature", "among_organisations"]

MEMBER_COUNT = re.compile(r"\s+[–—-]\s+(?P<words>(?P<count>\d[\d,]*)\s+(?P<unit>[A-Za-z]+))\s*$")
PERSONAL_CAPACITY = re.compile(r"\s*\((?:in (?:a |an |my |his |her |their )?)?(?:personal|individual) capacity\)\s*$", re.IGNORECASE)
# The shapes tried before the fallback, comma fields, in order.
ITEM_SHAPES = (table_row.read, on_behalf.read, elected_member.read, name_dash_role.read)


def among_organisations(entries: list[SignatureEntry]) -> bool:
    """Whether most of a letter's signatures are organisations' (their names hold an
    organisation's word): a bare name among them is one too."""
    return sum(has_organisation_word(name_part(entry.span.text)) for entry in entries) * 2 > len(entries)


def parse_signature(document: DocumentText, entry: SignatureEntry, organisations_around: bool = True) -> ParsedSignature:
    span = entry.span
    text = span.text
    end = len(text.rstrip(" \t\r\n,;"))  # list punctuation
    if text[:end].endswith(".") and len(text[:end - 1].split()[-1:][0] if text[:end - 1].split() else "") > 3:
        end -= 1  # a full stop ending the list, not an abbreviation's ("Ltd.", "J.")
    member_count = member_unit = member_span = None
    member = MEMBER_COUNT.search(text[:end])
    if member:
        member_count = int(member.group("count").replace(",", ""))
        member_unit = member.group("unit")
        member_span = document.span(span.start + member.start("words"), span.start + member.end("words"))
        end = member.start()
    capacity = PERSONAL_CAPACITY.search(text[:end])
    if capacity:
        end = capacity.start()
    words = SignatureWords(document, entry, span, text, end)
    parsed = next(filter(None, (read(words) for read in ITEM_SHAPES)), None) or comma_fields.read(words, organisations_around)
    if capacity and parsed.kind == "person" and parsed.organisation is not None:
        parsed = replace(parsed, affiliation=parsed.organisation, organisation=None)
    if member:
        parsed = replace(parsed, member_count=member_count, member_unit=member_unit, member_span=member_span)
    if entry.heading is not None:
        parsed = replace(parsed, heading=entry.heading)
        if parsed.place is None and reads_as_place(entry.heading.text):
            parsed = replace(parsed, place=entry.heading)  # the group's place: "Birmingham" over its signatories
    return parsed

