"""The controlled list of organisation kinds, and the rules that give an organisation its kind.

Takes: an organisation's name (and member count, where its signature states one). Gives: a
kind from `ORGANISATION_KINDS` and the rule that chose it, so a user can see why. The register
(`seeds/register.yml`) sets the kind of the organisations it lists; these rules cover the rest,
judging only by the words of the name. The first rule that matches wins.
"""

from __future__ import annotations

import functools
import re

# kind -> what it covers (published in metadata.yml as the column's documentation).
ORGANISATION_KINDS = {
    "mosque or Islamic centre": "A mosque, masjid or Islamic centre, or the trust that runs one.",
    "federation of mosques": "A council or federation of mosques or Muslim organisations, or a network of centres.",
    "trade union": "A trade union or one of its branches.",
    "political party": "A political party or movement.",
    "party faction or campaign": "A group or campaign inside or beside a party (Momentum Internationalists, the Socialist Campaign Group).",
    "community or charity": "A community association, society, trust, foundation or charity.",
    "legal": "A law firm or lawyers' association.",
    "news media": "A newspaper, news site or broadcaster.",
    "government or international body": "A government, parliament or intergovernmental body.",
    "other": "Anything the other kinds do not describe.",
}

# A signature that counts its members in these units is a federation ("– 17 organisations").
FEDERATION_UNITS = {"organisations", "organizations", "centres", "centers", "mosques", "members"}

# (kind, words in the name that make it so), tried in order. Mosque words come first, so that
# "Kent Muslim Welfare Association (Gillingham Mosque)" is a mosque, not an association.
NAME_RULES = (
    ("federation of mosques", ("Council of Mosques", "Federation")),
    ("mosque or Islamic centre", ("Mosque", "Masjid", "Islamic Centre", "Islamic Center", "Jamia", "Musjid")),
    ("trade union", ("Union", "UNISON")),
    ("legal", ("Law", "Lawyers", "Solicitors", "Chambers")),
    ("political party", ("Party",)),
    (
        "community or charity",
        ("Association", "Society", "Trust", "Foundation", "Community", "Welfare", "Charity", "Cemetery", "Diaspora"),
    ),
)


_RULE_PATTERNS = [
    (kind, word, re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")) for kind, words in NAME_RULES for word in words
]


@functools.lru_cache(maxsize=100_000)  # organisations recur across documents
def kind_by_rules(name: str, member_unit: str | None = None) -> tuple[str, str]:
    """(kind, rule) for an organisation the register does not list."""
    if member_unit and member_unit.lower() in FEDERATION_UNITS:
        return "federation of mosques", f"member count in {member_unit}"
    for kind, word, pattern in _RULE_PATTERNS:
        if pattern.search(name):
            return kind, f"name contains “{word}”"
    return "other", "no rule matched"
