"""Item shape: an elected member or a peer, who signs with the post after the name.

- "Rubina Aslam MP (Bradford West)", "… MEP (Yorkshire and the Humber)", "… MSP (Glasgow
  Pollok)", "… MS (Cardiff South and Penarth)", "… AM", "… MLA": the post is the role, the
  constituency or region in parentheses (or after "for") the place;
- "Lord Mirza of Batley", "Baroness Haq of Heaton": the role is "peer", the place the one the
  title is of; the name is the title and the name before "of";
- "Cllr Nargis Rashid (Cheetham, Manchester)": the role is "Councillor", the ward and borough
  in parentheses the place.
A person always, never an organisation.
"""

from __future__ import annotations

import re

from scripts.pipeline.extract.items.parsed import ParsedSignature
from scripts.pipeline.extract.items.words import SignatureWords
from scripts.pipeline.extract.names import HONORIFIC, NAME_PARTICLE, NAME_WORD, PERSON_NAME

POSTS = ("MP", "MEP", "MSP", "MS", "AM", "MLA")
POST_WORD = re.compile(rf" (?:{'|'.join(POSTS)})\b")
PLACE_WORDS = rf"{NAME_WORD}(?:\s+(?:{NAME_WORD}|and|upon|on|in|the|under|le|by|with))*"
AFTER_NAME = re.compile(rf"(?P<name>{PERSON_NAME})\s+(?P<post>{'|'.join(POSTS)})(?:\s*\((?P<place>[^()]+)\)|\s+for\s+(?P<for>{PLACE_WORDS}))?")
PEER = re.compile(
    rf"(?P<name>(?P<title>Lord|Baroness|Baron|Lady|Viscount|Viscountess|Earl|Countess)\s+{NAME_WORD}(?:\s+(?:{NAME_WORD}|{NAME_PARTICLE})){{0,2}}?)"
    rf"\s+of\s+(?P<place>{PLACE_WORDS})"
)
COUNCILLOR = re.compile(rf"(?P<name>(?P<title>Cllr\.?|Councillor)\s+(?:{HONORIFIC}\s+)*{NAME_WORD}(?:\s+(?:{NAME_WORD}|{NAME_PARTICLE})){{1,4}})\s*\((?P<place>[^()]+)\)")


def read(words: SignatureWords) -> ParsedSignature | None:
    text = words.read
    if "(" not in text and " of " not in text and not POST_WORD.search(text):
        return None  # no post, no title "of" a place, no ward: spare the patterns
    match = words.match(AFTER_NAME)
    if match:
        place = "place" if match.group("place") else "for" if match.group("for") else None
        return ParsedSignature(
            words.entry, words.sub(*match.span("name")), "person", f"a post after the name ({match.group('post')})",
            role=words.sub(*match.span("post")), place=words.sub(*match.span(place)) if place else None,
        )
    match = words.match(PEER)
    if match:
        return ParsedSignature(
            words.entry, words.sub(*match.span("name")), "person", "a peer: title, name and of Place",
            role=words.sub(*match.span("title")), post="peer", place=words.sub(*match.span("place")),
        )
    match = words.match(COUNCILLOR)
    if match:
        return ParsedSignature(
            words.entry, words.sub(*match.span("name")), "person", "a councillor with the ward in parentheses",
            role=words.sub(*match.span("title")), post="Councillor", place=words.sub(*match.span("place")),
        )
    return None
