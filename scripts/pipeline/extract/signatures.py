"""Extract stage, continued: split each printed signature into name, place, role and counts.

Takes: a `SignatureEntry` (the words of one signature and the form of list it came from).
Gives: a `ParsedSignature` whose every field is a `Span` of the document, so each value can be
traced to its words. The rules, in order:
- list punctuation at the end (",", ";") is not part of the signature;
- "… – 17 organisations" at the end is a member count and its unit;
- "X on behalf of Y": X is a person signing for the organisation Y;
- fields are separated by commas outside parentheses. In a block of "Name, Place, Role" lines
  the fields are, in order, the name, the place and the role (the rest, commas and all); a
  second field that reads as a role rather than a place ("Councillor") is the role. In a list
  after a valediction a signature is a name, optionally followed by ", Place";
- a signature is a person's when it signs on behalf of an organisation, starts with an
  honorific (Cllr, Dr …), or comes from a "Name, Place, Role" block and its name holds no
  organisation word; otherwise it is an organisation's;
- a parenthesis of capitals after an organisation's name is its acronym ("(FORMO)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.common.spans import DocumentText, Span
from scripts.pipeline.extract.letters import STARTS_WITH_HONORIFIC, SignatureEntry
from scripts.pipeline.resolve.organisation_kinds import NAME_RULES

MEMBER_COUNT = re.compile(r"\s+[–—-]\s+(?P<words>(?P<count>\d[\d,]*)\s+(?P<unit>[A-Za-z]+))\s*$")
ON_BEHALF_OF = re.compile(r"^(?P<person>.+?)\s+on behalf of\s+(?:the\s+)?(?P<organisation>.+)$", re.DOTALL)
ACRONYM = re.compile(r"\s*\((?P<acronym>[A-Z][A-Z0-9&]{1,9})\)")
ORGANISATION_WORDS = tuple(word for _, words in NAME_RULES for word in words) + (
    "UK", "Group", "Committee", "Council", "Centre", "Center", "Academy", "Institute", "Corporation",
    "Network", "Forum", "Front", "Campaign", "Coalition", "Alliance", "Movement", "Talks", "Ltd", "Limited",
)
ROLE_WORDS = (
    "Councillor", "Cllr", "Secretary", "Member", "member", "President", "Chair", "Chairman", "Chairwoman",
    "Officer", "Leader", "Director", "Trustee", "Treasurer", "Organiser", "Candidate", "Mayor", "MP", "MEP",
    "Imam", "Activist", "activist", "Delegate", "Representative", "Convenor", "Coordinator", "Founder", "Editor",
)
PLACE_CONNECTORS = {"and", "upon", "on", "under", "the", "of", "in", "by", "next", "the", "&", "le", "en"}


@dataclass(frozen=True)
class ParsedSignature:
    entry: SignatureEntry
    name: Span
    kind: str  # "person" or "organisation"
    kind_rule: str
    place: Span | None = None
    role: Span | None = None
    organisation: Span | None = None  # the organisation signed for: itself, or "on behalf of" one
    acronym: str | None = None
    member_count: int | None = None
    member_unit: str | None = None
    member_span: Span | None = None

    @property
    def organisation_name(self) -> str | None:
        """The organisation's name without its acronym in parentheses."""
        if self.organisation is None:
            return None
        return " ".join(ACRONYM.sub("", self.organisation.text).split())


def parse_signature(document: DocumentText, entry: SignatureEntry) -> ParsedSignature:
    span = entry.span
    text = span.text
    end = len(text.rstrip(" \t\r\n,;"))
    member_count = member_unit = member_span = None
    member = MEMBER_COUNT.search(text[:end])
    if member:
        member_count = int(member.group("count").replace(",", ""))
        member_unit = member.group("unit")
        member_span = document.span(span.start + member.start("words"), span.start + member.end("words"))
        end = member.start()

    def sub(start: int, stop: int) -> Span:
        return document.span(span.start + start, span.start + stop)

    behalf = ON_BEHALF_OF.match(text[:end])
    if behalf:
        return ParsedSignature(
            entry, sub(behalf.start("person"), behalf.end("person")), "person", "on behalf of",
            organisation=sub(behalf.start("organisation"), behalf.end("organisation")),
            member_count=member_count, member_unit=member_unit, member_span=member_span,
        )

    fields = _comma_fields(text, end)
    name = sub(*fields[0])
    place = role = None
    if entry.form == "name-place-role" and len(fields) >= 2:
        second = sub(*fields[1])
        if len(fields) == 2 and not _reads_as_place(second.text):
            role = sub(fields[1][0], end)
        else:
            place = second
            role = sub(fields[2][0], end) if len(fields) >= 3 else None
    elif entry.form == "list" and len(fields) == 2 and _reads_as_place(sub(*fields[1]).text):
        place = sub(*fields[1])
    else:
        name = sub(0, end)

    kind, kind_rule = _kind(entry, name.text)
    acronym = ACRONYM.search(name.text) if kind == "organisation" else None
    return ParsedSignature(
        entry, name, kind, kind_rule, place=place, role=role,
        organisation=name if kind == "organisation" else None,
        acronym=acronym.group("acronym") if acronym else None,
        member_count=member_count, member_unit=member_unit, member_span=member_span,
    )


def _kind(entry: SignatureEntry, name: str) -> tuple[str, str]:
    if STARTS_WITH_HONORIFIC.match(name):
        return "person", "starts with an honorific"
    if entry.form == "name-place-role" and not _has_organisation_word(name):
        return "person", "name in a Name, Place, Role line"
    if entry.form == "issuer":
        return "organisation", "author named by the introduction"
    if _has_organisation_word(name):
        return "organisation", "name holds an organisation word"
    return "organisation", "entry in a list of organisations"


FIELD = re.compile(r"[^,]+")


def _comma_fields(text: str, end: int) -> list[tuple[int, int]]:
    """(start, end) of each comma-separated field of text[:end], ignoring commas in parentheses."""
    if "(" not in text and "[" not in text:  # the common case, without walking each character
        return [(m.start() + len(m.group()) - len(m.group().lstrip()), m.end()) for m in FIELD.finditer(text, 0, end) if m.group().strip()]
    fields, depth, start = [], 0, 0
    for index, character in enumerate(text[:end]):
        if character in "([":
            depth += 1
        elif character in ")]":
            depth = max(0, depth - 1)
        elif character == "," and depth == 0:
            fields.append((start, index))
            start = index + 1
    fields.append((start, end))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in fields if text[a:b].strip()]


ORGANISATION_WORD = re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(word) for word in ORGANISATION_WORDS)})(?!\w)")


def _has_organisation_word(text: str) -> bool:
    return bool(ORGANISATION_WORD.search(text))


def _reads_as_place(text: str) -> bool:
    """A short run of capitalised words with no role or organisation word: "Luton North"."""
    words = text.split()
    if not 1 <= len(words) <= 4 or any(character.isdigit() for character in text):
        return False
    if any(word in ROLE_WORDS for word in words) or _has_organisation_word(text):
        return False
    return all(word[0].isupper() or word.lower() in PLACE_CONNECTORS for word in words)
