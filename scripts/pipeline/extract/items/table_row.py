"""Item shape: a row of a table of signatories, read by its columns (`blocks.table`), or a line
cut into fields by a curated hint (`hints`).

The Name column is the signatory; Role, Town (or City, Place, Constituency, Ward) are its role
and place; an Organisation column names the organisation that identifies a person
(affiliation), and, when the name is itself an organisation's, the row is that organisation
signing. Whose row it is: a person when the name starts with an honorific or reads as a
person's name, an organisation when it holds an organisation's word.
"""

from __future__ import annotations

from scripts.pipeline.extract.items.parsed import ACRONYM, ParsedSignature
from scripts.pipeline.extract.items.shapes import (
    STARTS_WITH_HONORIFIC,
    has_organisation_word,
    post_an_honorific_names,
    reads_as_person_name,
)
from scripts.pipeline.extract.items.words import SignatureWords

RULE = "a row of a table, by its columns"
HINT_RULE = "fields in the order a curated hint gives"


def read(words: SignatureWords) -> ParsedSignature | None:
    columns = dict(words.entry.columns)
    if "name" not in columns:
        return None
    name = columns["name"]
    rule = HINT_RULE if words.entry.hint else RULE
    organisation_named = has_organisation_word(name.text) and not STARTS_WITH_HONORIFIC.match(name.text)
    if organisation_named or not (STARTS_WITH_HONORIFIC.match(name.text) or reads_as_person_name(name.text)):
        acronym = ACRONYM.search(name.text)
        return ParsedSignature(
            words.entry, name, "organisation", rule, place=columns.get("place"), role=columns.get("role"), organisation=name,
            acronym=acronym.group("acronym") if acronym else None,
        )
    role, post = columns.get("role"), None
    if role is None:
        role, post = post_an_honorific_names(words.document, name)
    return ParsedSignature(
        words.entry, name, "person", rule, place=columns.get("place"), role=role, post=post, affiliation=columns.get("organisation"),
    )
