"""Item shape: a person signing for an organisation.

"Attiq Malik on behalf of Liberty Law", "Saima Rehman, pp. Oldham Young Muslims Collective",
"Naveed Ashraf, signed for Walsall Community Advice Trust": the person is the signatory, the
organisation is what they sign for (`organisation_id`).
"""

from __future__ import annotations

import re

from scripts.pipeline.extract.items.parsed import ParsedSignature
from scripts.pipeline.extract.items.words import SignatureWords

RULE = "on behalf of"
ON_BEHALF = re.compile(
    r"(?P<person>.+?)(?:\s+on behalf of|,?\s+(?:pp\.?|p\.p\.|per pro\.?)|,?\s+sign(?:ed|ing) for)\s+(?:the\s+)?(?P<organisation>\S.*)",
    re.DOTALL,
)


def read(words: SignatureWords) -> ParsedSignature | None:
    lowered = words.read.lower()
    if not any(marker in lowered for marker in ("behalf", "pp", "per pro", " for ")):
        return None  # most signatures: spare them the pattern
    match = words.match(ON_BEHALF)
    if match is None:
        return None
    return ParsedSignature(
        words.entry, words.sub(*match.span("person")), "person", RULE, organisation=words.sub(*match.span("organisation")),
    )
