"""Words that tell the parts of a signature apart, shared by the item shapes: what reads as a
place, as an organisation's name, as a role or as a person's name, and comma fields."""

from __future__ import annotations

import functools
import re

from scripts.common.qualifiers import UK_QUALIFIERS, names_abroad, uk_area_names
from scripts.pipeline.extract.items import elected_member
from scripts.pipeline.extract.names import PERSON_NAME, STARTS_WITH_HONORIFIC
from scripts.pipeline.resolve.organisation_kinds import NAME_RULES

ORGANISATION_WORDS = tuple(word for _, words in NAME_RULES for word in words) + (
    "UK", "Group", "Committee", "Council", "Centre", "Center", "Academy", "Institute", "Corporation",
    "Network", "Forum", "Front", "Campaign", "Coalition", "Alliance", "Movement", "Talks", "Ltd", "Limited",
    "College", "University", "School", "Church", "Partnership", "Project", "Collective", "Circle",
    "Club", "Voice", "Together", "Trades", "Branch", "Friends of",
)
ROLE_WORDS = (
    "Councillor", "Cllr", "Secretary", "Member", "member", "President", "Chair", "Chairman", "Chairwoman",
    "Officer", "Leader", "Director", "Trustee", "Treasurer", "Organiser", "Candidate", "Mayor", "MP", "MEP",
    "Imam", "Activist", "activist", "Delegate", "Representative", "Convenor", "Coordinator", "Founder", "Editor",
)
PLACE_CONNECTORS = {"and", "upon", "on", "under", "the", "of", "in", "by", "next", "&", "le", "en"}

ORGANISATION_WORD = re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(word) for word in ORGANISATION_WORDS)})(?!\w)")
IS_PERSON_NAME = re.compile(PERSON_NAME)
FIELD = re.compile(r"[^,]+")


def has_organisation_word(text: str) -> bool:
    return bool(ORGANISATION_WORD.search(text))


def reads_as_place(text: str) -> bool:
    """A short run of capitalised words with no role or organisation word: "Luton North"."""
    words = text.split()
    if not 1 <= len(words) <= 4 or any(character.isdigit() for character in text):
        return False
    if any(word in ROLE_WORDS for word in words) or has_organisation_word(text):
        return False
    return all(word[0].isupper() or word.lower() in PLACE_CONNECTORS for word in words)


# "14 Church Street", "2a Mill Lane": a field of an address.
ADDRESS_FIELD = re.compile(r"^\d+[A-Za-z]?\s+[A-Z]")


def reads_as_a_whole_place(texts: list[str]) -> bool:
    """Whether comma fields after a name are all one place, as an address is printed: house-number
    fields, then a town, then the county, nation or country it is in ("14 Church Street,
    Glastonbury"; "Luton, Bedfordshire"; "Newport, Wales"; "Perth, Western Australia"). A town alone is not enough to say so: it needs
    an address before it or a qualifier after it, or "Name, Town, Role" would lose its role."""
    at = 0
    while at < len(texts) and ADDRESS_FIELD.match(texts[at]):
        at += 1
    addresses = at
    if at >= len(texts) or not reads_as_place(texts[at]):
        return False
    qualifiers = texts[at + 1 :]
    if not all(text in UK_QUALIFIERS or text in uk_area_names() or text in names_abroad() for text in qualifiers):
        return False
    return bool(addresses or qualifiers)


def reads_as_person_name(text: str) -> bool:
    """Two to five words of a name, with honorifics, none of them an organisation's word and
    none in capitals alone ("UKIM" is an acronym): "Cllr Amira Khan", "Sarah Collins-Ward"."""
    text = " ".join(text.split())
    if not IS_PERSON_NAME.fullmatch(text) or has_organisation_word(text):
        return False
    name = STARTS_WITH_HONORIFIC.sub("", text)
    return all(not word.isupper() or len(word) == 1 for word in name.replace("-", " ").split())


def comma_fields(text: str, end: int) -> list[tuple[int, int]]:
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


SENTENCE_END = re.compile(r"(?:\w{4,}[.!?]|[!?:])[”\"’']?$")


@functools.lru_cache(maxsize=4096)  # a list asks of each line twice: as itself and as the line below a heading
def looks_like_a_signature(text: str) -> bool:
    """Whether a line reads as one more signature rather than prose: short, not ending a
    sentence, and starting with a person's name or naming an organisation."""
    text = " ".join(text.split())
    if not text or len(text.split()) > 16 or SENTENCE_END.search(text):
        return False
    first = name_part(text)
    if ":" in first:
        return False  # a label ("Filed under: Community"), not a name
    if has_organisation_word(first) or reads_as_person_name(first):
        return True
    return any(pattern.fullmatch(text) for pattern in (elected_member.AFTER_NAME, elected_member.PEER, elected_member.COUNCILLOR))


def name_part(text: str) -> str:
    """The words a signature starts with, before a comma, a spaced dash or a parenthesis."""
    return re.split(r",|\s[–—-]\s|\s\(", text, maxsplit=1)[0]


def post_an_honorific_names(document, name):
    """("Cllr" as a span, "Councillor") when a person's name starts with a councillor's
    honorific, which names their post; (None, None) otherwise."""
    honorific = STARTS_WITH_HONORIFIC.match(name.text)
    first = honorific.group().split()[0] if honorific else ""
    if first.rstrip(".") not in ("Cllr", "Councillor"):
        return None, None
    return document.span(name.start, name.start + len(first)), "Councillor"

