"""One printed signature as the letters' block rules find it (`SignatureEntry`), and what
reading it gives (`ParsedSignature`): every field a `Span` of the document's text, so each
value can be traced to its words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.common.spans import Span

ACRONYM = re.compile(r"\s*\((?P<acronym>[A-Z][A-Z0-9&]{1,9})\)")


@dataclass(frozen=True)
class SignatureEntry:
    """One printed signature, before it is parsed into name, place and role."""

    span: Span
    form: str  # "list" (after a valediction), "name-place-role", or "issuer"
    correction_id: str | None = None
    heading: Span | None = None  # the heading line of its group ("Birmingham", "Trade unionists")
    columns: tuple[tuple[str, Span], ...] = ()  # a table row's cells, under the header's field names
    hint: str | None = None  # the curated hint that says how to read it ("documents.yml:12")


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
    heading: Span | None = None  # the heading line of its group of signatures
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
