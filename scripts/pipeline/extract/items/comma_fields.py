"""Item shape, the fallback: fields separated by commas (outside parentheses).

- In a block of "Name, Place, Role" lines (`name-place-role`), and anywhere three or more
  fields start with a person's name and a place: the name, the place and the role (the rest,
  commas and all); a second field that reads as a role rather than a place is the role.
- "Name, 14 Church Street, Glastonbury", "Name, Newport, Wales", "Name, Perth, Western
  Australia": a person's name and a place printed as an address is, the whole of it.
- "Name, Organisation, Town": a person's name, an organisation that identifies them
  (affiliation), the town as place.
- "Name, Organisation": a person's name and their affiliation; "Organisation, Place": an
  organisation and its place.
- Anything else is a name alone.
Whose signature it is, when the words do not say: a person when it starts with an honorific or
comes from a "Name, Place, Role" block; an organisation when its name holds an organisation's
word; a bare name takes the kind most signatures of its letter have ("Anjuman-e-Islamia
Newham" among mosques is an organisation, "Kamran Yousaf, Oldham" among people a person).
"""

from __future__ import annotations

from scripts.pipeline.extract.items.parsed import ACRONYM, ParsedSignature
from scripts.pipeline.extract.items.shapes import (
    STARTS_WITH_HONORIFIC,
    comma_fields,
    has_organisation_word,
    post_an_honorific_names,
    reads_as_a_whole_place,
    reads_as_person_name,
    reads_as_place,
)
from scripts.pipeline.extract.items.words import SignatureWords

HONORIFIC_RULE = "starts with an honorific"
NAME_PLACE_ROLE_RULE = "name in a Name, Place, Role line"


def read(words: SignatureWords, among_organisations: bool = True) -> ParsedSignature:
    text, end, form = words.text, words.end, words.entry.form
    fields = comma_fields(text, end)
    field_texts = [text[a:b] for a, b in fields]
    name = words.sub(*fields[0])
    place = role = affiliation = None
    person_first = len(fields) >= 2 and reads_as_person_name(field_texts[0])
    if (person_first or form == "name-place-role") and len(fields) >= 3 and reads_as_a_whole_place(field_texts[1:]):
        return _person(words, name, "a name and an address or a qualified place", place=words.sub(fields[1][0], end))
    if form == "name-place-role" and len(fields) >= 2:
        if len(fields) == 2 and not reads_as_place(field_texts[1]):
            role = words.sub(fields[1][0], end)
        else:
            place = words.sub(*fields[1])
            role = words.sub(fields[2][0], end) if len(fields) >= 3 else None
    elif person_first and len(fields) >= 3 and has_organisation_word(field_texts[1]) and reads_as_place(field_texts[2]):
        affiliation, place = words.sub(*fields[1]), words.sub(*fields[2])
        role = words.sub(fields[3][0], end) if len(fields) >= 4 else None
        return _person(words, name, "a name, an organisation and a town", place=place, role=role, affiliation=affiliation)
    elif person_first and len(fields) >= 3 and reads_as_place(field_texts[1]):
        return _person(words, name, NAME_PLACE_ROLE_RULE, place=words.sub(*fields[1]), role=words.sub(fields[2][0], end))
    elif person_first and len(fields) == 2 and has_organisation_word(field_texts[1]):
        return _person(words, name, "a name and the organisation that identifies them", affiliation=words.sub(*fields[1]))
    elif form == "list" and len(fields) == 2 and reads_as_place(field_texts[1]):
        place = words.sub(*fields[1])
    else:
        name = words.sub(0, end)
    kind, kind_rule = _kind(words, name.text, among_organisations)
    if kind == "person":
        return _person(words, name, kind_rule, place=place, role=role)
    acronym = ACRONYM.search(name.text)
    return ParsedSignature(
        words.entry, name, kind, kind_rule, place=place, role=role, organisation=name, acronym=acronym.group("acronym") if acronym else None,
    )


def _person(words: SignatureWords, name, kind_rule: str, place=None, role=None, affiliation=None) -> ParsedSignature:
    """A person's signature; "Cllr" before a name with no role printed says the post."""
    post = None
    if role is None:
        role, post = post_an_honorific_names(words.document, name)
    return ParsedSignature(words.entry, name, "person", kind_rule, place=place, role=role, post=post, affiliation=affiliation)


def _kind(words: SignatureWords, name: str, among_organisations: bool) -> tuple[str, str]:
    if STARTS_WITH_HONORIFIC.match(name) and not has_organisation_word(name):
        return "person", HONORIFIC_RULE
    if words.entry.form == "name-place-role" and not has_organisation_word(name):
        return "person", NAME_PLACE_ROLE_RULE
    if words.entry.form == "issuer":
        return "organisation", "author named by the introduction"
    if has_organisation_word(name):
        return "organisation", "name holds an organisation word"
    if not among_organisations and reads_as_person_name(name):
        return "person", "a person's name among people's signatures"
    return "organisation", "entry in a list of organisations"
