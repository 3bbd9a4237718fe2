"""Statement-level provenance: for every value the build extracts, where it came from.

Takes: a `Statement`: a value as the resolve stage writes it into a row, with the words of the
document it was read from (a `Span`) and how it was read (`How`). Gives: `provenance` rows, one per value, naming
the row and column it fills, the value, the raw words before cleaning, the document, line and
offsets, the method (an extraction rule, a reviewed correction, a curated hint, the gazetteer, the register,
a count), the rule's own name or explanation, the source it was looked up in, and a confidence
where the method has one.

Confidence is one of a fixed set, decided by the method, never estimated:
- "as printed": the value is the words themselves (spacing and list punctuation aside);
- "curated": the value comes from a reviewed file (a correction, the register, the places file);
- "inferred by rule": a rule classified the words ("name holds an organisation word");
- "only candidate": the words name exactly one place in the gazetteer;
- "decided by context": several places share the name; the document's own context chose one;
- "counted": the value is a count of other rows.
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

from scripts.common.spans import Span

TABLE = "provenance"

AS_PRINTED = "as printed"
CURATED = "curated"
INFERRED = "inferred by rule"
ONLY_CANDIDATE = "only candidate"
BY_CONTEXT = "decided by context"
COUNTED = "counted"

EXTRACTION_RULE = "extraction rule"
CORRECTION = "correction"
GAZETTEER = "gazetteer"
REGISTER = "register"
NAME_INDEX = "name index"
COUNT = "count"
HINT = "curated hint"


def statement_id(table: str, row_id: str, column: str) -> int:
    """A statement's stable id: 63 bits of a hash of what it is about (table, row and column),
    so the same value of the same row keeps its id in every build. An integer, so it is the
    table's rowid and needs no index of its own (a text id's index took about 40 bytes a
    statement). Two statements sharing an id would fail the build."""
    digest = hashlib.blake2b(f"{table}\x1f{row_id}\x1f{column}".encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


class How(NamedTuple):
    """How a value was read: the method, the confidence that method gives, the rule's name or
    explanation, and the source it was looked up in (a correction's id, a gazetteer entry).
    (A named tuple: the build makes several for every signature, and tuples are quick to make.)"""

    method: str
    confidence: str
    rule: str | None = None
    source: str | None = None

    @classmethod
    def printed(cls, rule: str | None, correction_id: str | None = None) -> How:
        """Words read by an extraction rule, or as a reviewed correction says they read."""
        if correction_id:
            return cls(CORRECTION, CURATED, rule, correction_id)
        return cls(EXTRACTION_RULE, AS_PRINTED, rule)

    @classmethod
    def inferred(cls, rule: str) -> How:
        return cls(EXTRACTION_RULE, INFERRED, rule)

    @classmethod
    def counted(cls, rule: str) -> How:
        return cls(COUNT, COUNTED, rule)

    @classmethod
    def placed(cls, rule: str, match_method: str, place_source: str) -> How:
        """A place from the gazetteer, as sure as the way its name was resolved."""
        return cls(GAZETTEER, place_confidence(match_method, place_source), rule, place_source)


class Statement(NamedTuple):
    """One value of one row, with the words of the document it was read from (none for a
    count) and how it was read."""

    table: str
    row_id: str
    column: str
    value: object
    words: Span | None
    how: How

    def row(self, document_id: str | None) -> dict:
        """The statement as a row of the provenance table."""
        words, how = self.words, self.how
        return {
            "id": statement_id(self.table, self.row_id, self.column),
            "table_name": self.table,
            "row_id": self.row_id,
            "column_name": self.column,
            "value": None if self.value is None else str(self.value),
            "raw_text": words.text if words is not None else None,
            "document_id": document_id,
            "line": words.line if words is not None else None,
            "start": words.start if words is not None else None,
            "end": words.end if words is not None else None,
            "method": how.method,
            "rule": how.rule,
            "source": how.source,
            "confidence": how.confidence,
        }


def place_confidence(match_method: str, place_source: str) -> str:
    """How a place name was resolved: by the document's context, from the curated places file,
    or as the gazetteer's only place of that name."""
    if match_method.startswith("context"):
        return BY_CONTEXT
    if not place_source.startswith("GeoNames"):
        return CURATED
    return ONLY_CANDIDATE
