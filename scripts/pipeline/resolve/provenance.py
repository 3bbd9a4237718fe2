"""Statement-level provenance: for every value the build extracts, where it came from.

Takes: a `Statement`: a value as the resolve stage writes it into a row, with the words of the
document it was read from (a `Span`) and how it was read (`How`). Gives: `provenance` rows, one
per value its row does not already account for, naming
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
- "counted": the value is a count of other rows;
- "declared by the page": a saved web page's own metadata (a `<meta>` tag, JSON-LD) says it.

What the row already says is not said again (`said_by_its_row`): a value printed word for word
within its row's own words, read by the rule the row names (a signatory's name, place and role
under `reading_rule`, its kind under `kind_rule`, a letter's title under `extraction_rule`), an
id that is the slug of such words, or the gazetteer's only place of a name printed so
(`place_said_by_its_row`, under `location_method`), has no statement: the row's `line`, `start`
and `end` point at the words and its rule column says how they were read. A mention row is its
own statement (its words, offsets and entity). Everything decided beyond the words keeps its
statement: corrections, curated hints, the register, a place chosen by context or from the
curated places file, counts, a post inferred from words, a value cleaned from its words.
"""

from __future__ import annotations

from typing import NamedTuple

from scripts.common.identifiers import hashed_number, slug
from scripts.common.spans import Span

TABLE = "provenance"

AS_PRINTED = "as printed"
CURATED = "curated"
INFERRED = "inferred by rule"
ONLY_CANDIDATE = "only candidate"
BY_CONTEXT = "decided by context"
COUNTED = "counted"
DECLARED = "declared by the page"

EXTRACTION_RULE = "extraction rule"
CORRECTION = "correction"
GAZETTEER = "gazetteer"
REGISTER = "register"
COUNT = "count"
HINT = "curated hint"
PAGE_METADATA = "page metadata"


def statement_id(table: str, row_id: str, column: str) -> int:
    """A statement's stable id, from what it is about (table, row and column), so the same value
    of the same row keeps its id in every build (`identifiers.hashed_number`)."""
    return hashed_number(table, row_id, column)


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


def said_by_its_row(statement: Statement, row: dict, rule: str | None) -> bool:
    """True when `row` (holding `start` and `end`) and its rule column (`rule`, its value) say
    all that the statement would: words within the row's own, read by that rule with nothing
    looked up, and the value those words as printed, their slug (an organisation's or person's
    id), or, for a value inferred by the rule, what the rule made of the row's whole words."""
    words, how = statement.words, statement.how
    if not _within_row(words, row) or how.method != EXTRACTION_RULE or how.source is not None or how.rule is None or how.rule != rule:
        return False
    if how.confidence == INFERRED:
        return (words.start, words.end) == (row["start"], row["end"])
    value = str(statement.value)
    return how.confidence == AS_PRINTED and (value == words.text or value == slug(words.text))


def place_said_by_its_row(statement: Statement, row: dict, place_name: str) -> bool:
    """True for the gazetteer's only place of a name, found by the rule the row names in
    `location_method`, whose name is printed word for word within the row's own words: the
    row's location_id (whose locations row gives the name and source), location_method and
    words say all that the statement would."""
    words, how = statement.words, statement.how
    return (
        _within_row(words, row) and how.method == GAZETTEER and how.confidence == ONLY_CANDIDATE
        and how.rule == row["location_method"] and words.text == place_name
    )


def _within_row(words: Span | None, row: dict) -> bool:
    return words is not None and row["start"] <= words.start and words.end <= row["end"]


def place_confidence(match_method: str, place_source: str) -> str:
    """How a place name was resolved: by the document's context, from the curated places file,
    or as the gazetteer's only place of that name."""
    if match_method.startswith("context"):
        return BY_CONTEXT
    if not place_source.startswith("GeoNames"):
        return CURATED
    return ONLY_CANDIDATE
