"""Resolve stage: a document's mentions of known people, organisations and places.

Takes: a document's `DocumentRows` (its letters, signatories and comments made), the names
found in its text (`mentions.MentionFinder`) and the place names (`places.PlaceFinder`). Gives:
a `mentions` row for each, with the section it is in (article, letter, signature, comment) and
the letter, signatory or comment that holds it. A mention row is its own provenance: its text,
line and offsets are the words, its entity what they name (by the name index, or for a place by
the gazetteer under `place_method`), so it makes no `provenance` statement. A signature naming
its own signatory, organisation or place makes no mention: its signatories row records those,
with the same offsets.
"""

from __future__ import annotations

import bisect
import json

from scripts.pipeline.resolve.document_rows import DocumentRows
from scripts.pipeline.resolve.gazetteer import Place
from scripts.pipeline.resolve.places import PlaceMatch

# The signatories column that holds a signature's own entity of each type.
OWN_ENTITY_COLUMN = {"organisation": "organisation_id", "person": "person_id", "place": "location_id"}


class Sections:
    """A document's signatory, letter and comment rows, to find which one holds an offset."""

    def __init__(self, rows: DocumentRows):
        tables = rows.tables
        self.signatories = sorted(tables["signatories"], key=lambda row: row["start"])
        self.letters = sorted(tables["letters"], key=lambda row: row["start"])
        self.comments = sorted(tables["comments"], key=lambda row: row["start"])
        self._starts = [[row["start"] for row in rows] for rows in (self.signatories, self.letters, self.comments)]

    def containing(self, offset: int) -> tuple[dict | None, dict | None, dict | None]:
        """The (signatory, letter, comment) rows whose words hold the offset, each or None."""
        found = []
        for rows, starts in zip((self.signatories, self.letters, self.comments), self._starts):
            index = bisect.bisect_right(starts, offset) - 1
            found.append(rows[index] if index >= 0 and offset < rows[index]["end"] else None)
        return tuple(found)


def names_signed(rows: DocumentRows) -> dict[str, tuple[str, str]]:
    """The names this document's own signatures print, to find wherever it prints them."""
    names = {}
    for row in rows.tables["signatories"]:
        signature = rows.signatures[row["id"]]
        if row["organisation_id"]:
            for printed in (signature.organisation.clean, signature.organisation_name, signature.acronym):
                if printed:
                    names.setdefault(printed, ("organisation", row["organisation_id"]))
        if row["person_id"]:
            names.setdefault(row["name"], ("person", row["person_id"]))
    return names


def add_mentions(rows: DocumentRows, sections: Sections, named: list[tuple[int, int, str, str]], places: list[PlaceMatch]) -> None:
    """A row for each name of a known entity, then for each place name, in the order found."""
    for start, end, entity_type, entity_id in named:
        _add_mention(rows, sections, start, end, entity_type, entity_id)
    for match in places:
        if match.place:
            rows.places[match.place.id] = match.place
        candidates = None
        if match.place is None and match.candidates:
            candidates = json.dumps([_candidate(place) for place in match.candidates], ensure_ascii=False)
        _add_mention(
            rows, sections, match.start, match.end, "place", match.place.id if match.place else None,
            place_status=match.status, place_method=match.method, candidates=candidates,
        )


def _add_mention(rows: DocumentRows, sections: Sections, start: int, end: int, entity_type: str, entity_id: str | None, **place) -> None:
    signature, letter, comment = sections.containing(start)
    if signature and entity_id and entity_id == signature[OWN_ENTITY_COLUMN[entity_type]]:
        return
    document_id, document_text = rows.document_id, rows.extracted.text
    mention = {
        "id": f"mention-{document_id}-{entity_type}-{document_text.stored_offsets(start, end)[0]}",  # where it is stored: a permalink
        "document_id": document_id,
        "entity_type": entity_type,
        "organisation_id": entity_id if entity_type == "organisation" else None,
        "person_id": entity_id if entity_type == "person" else None,
        "location_id": entity_id if entity_type == "place" else None,
        "text": document_text.text[start:end],
        "line": document_text.line_of(start),
        "start": start,
        "end": end,
        "section": "comment" if comment else "signature" if signature else "letter" if letter else "article",
        "letter_id": signature["letter_id"] if signature else letter["id"] if letter else None,
        "signatory_id": signature["id"] if signature else None,
        "comment_id": comment["id"] if comment else None,
        "place_status": None,
        "place_method": None,
        "candidates": None,
        **place,
    }
    rows.tables["mentions"].append(mention)


def _candidate(place: Place) -> dict:
    return {"id": place.id, "name": place.name, "kind": place.kind, "latitude": place.latitude, "longitude": place.longitude, "source": place.source}
