"""Item shape: "Name – Role, Organisation" (en dash, em dash or a hyphen with spaces).

"Dr Nadia Hussain – Secretary, British Kashmiri Rights Forum": a person; the words after the
dash up to the first comma (outside parentheses) are the role, the rest the organisation that
identifies them (affiliation), not one they sign for. A parenthesis after the name is its
place ("Cllr Rizwan Hafeez (Toller) – Councillor, Bradford Council"). "Hamza Siddiq – Youth worker" has a role
alone; "Asif Mirza – Reading Interfaith Forum", an organisation alone, has an affiliation alone.
The name must read as a person's: "Pennine Mosques Forum — 32 mosques" is a member count.
"""

from __future__ import annotations

import re

from scripts.pipeline.extract.items.parsed import ParsedSignature
from scripts.pipeline.extract.items.shapes import ROLE_WORDS, comma_fields, has_organisation_word, reads_as_person_name
from scripts.pipeline.extract.items.words import SignatureWords

RULE = "a name, a dash, then role and organisation"
NAME_DASH = re.compile(r"(?P<name>[^–—(]+?)(?:\s*\((?P<place>[^()]+)\))?\s+[–—-]\s+(?P<rest>\S.*)", re.DOTALL)


def read(words: SignatureWords) -> ParsedSignature | None:
    text = words.read
    if "–" not in text and "—" not in text and " - " not in text:
        return None
    match = words.match(NAME_DASH)
    if match is None or not reads_as_person_name(match.group("name")):
        return None
    rest_start = match.start("rest")
    fields = [(rest_start + a, rest_start + b) for a, b in comma_fields(match.group("rest"), len(match.group("rest")))]
    first = words.text[fields[0][0] : fields[0][1]]
    role = affiliation = None
    if len(fields) == 1 and has_organisation_word(first) and not any(word in ROLE_WORDS for word in first.split()):
        affiliation = words.sub(*fields[0])
    else:
        role = words.sub(*fields[0])
        if len(fields) > 1:
            affiliation = words.sub(fields[1][0], fields[-1][1])
    place = words.sub(*match.span("place")) if match.group("place") else None  # "Cllr Rizwan Hafeez (Toller) – …"
    return ParsedSignature(words.entry, words.sub(*match.span("name")), "person", RULE, role=role, place=place, affiliation=affiliation)
