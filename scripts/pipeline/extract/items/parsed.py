"""What reading one printed signature gives: every field a `Span` of the document's text, so
each value can be traced to its words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.common.spans import Span
from scripts.pipeline.extract.letters import SignatureEntry

ACRONYM = re.compile(r"\s*\((?P<acronym>[A-Z][A-Z0-9&]{1,9})\)")


@dataclass(frozen=True)
class ParsedSignature:
    entry: SignatureEntry
    name: Span
    kind: str  # "person" or "organisation"
    kind_rule: str  # the rule, or item shape, that read it
    place: Span | None = None
    role: Span | None = None
    post: str | None = None  # the role's name where the words abbreviate it: "Councillor" for "Cllr", "peer" for "Lord"
    organisation: Span | None = None  # the organisation signed for: itself, or the one a person signs on behalf of
    affiliation: Span | None = None  # an organisation named only to identify a person, not signed for
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

    @property
    def role_value(self) -> str | None:
        """The role as the dataset records it: the post it names, or its words."""
        if self.role is None:
            return None
        return self.post or self.role.clean
