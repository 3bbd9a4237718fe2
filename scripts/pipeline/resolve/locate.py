"""Resolve stage: where each signatory is, and its marker on the map.

Takes: a document's `DocumentRows` and the place names found in its text, each resolved or
not (`places`). Gives: each signatories row's `location_id`, `location_status` and
`location_method`, chosen by `places.choose_location` from the place names inside the
signature's place and, for an organisation, its name (never from a person's name or role); the
provenance of each location; where each organisation's own first signature locates it; and a
`signatory_map` row for each signatory located at a place with a point.
"""

from __future__ import annotations

import bisect
import json

from scripts.pipeline.resolve.document_rows import DocumentRows
from scripts.pipeline.resolve.gazetteer import Place
from scripts.pipeline.resolve.places import PlaceMatch, choose_location
from scripts.pipeline.resolve.provenance import How, Statement

POPUP_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def locate_signatories(rows: DocumentRows, matches: list[PlaceMatch]) -> None:
    """Fill every signatory's location from the place names in its own words."""
    starts = [match.start for match in matches]
    for row in rows.tables["signatories"]:
        _locate(rows, row, matches, starts)


def _locate(rows: DocumentRows, row: dict, matches: list[PlaceMatch], starts: list[int]) -> None:
    signature = rows.signatures[row["id"]]
    spans = [signature.place] + ([signature.name] if signature.kind == "organisation" else [])
    own = []
    for span in spans:
        if span is not None:
            first = bisect.bisect_left(starts, span.start)
            own += [m for m in matches[first : bisect.bisect_left(starts, span.end)] if m.within(span.start, span.end)]
    document_text = rows.extracted.text
    choice = choose_location(sorted(own, key=lambda m: m.start), document_text.text)
    if choice.place:
        rows.places[choice.place.id] = choice.place
    row["location_id"] = choice.place.id if choice.place else None
    row["location_status"] = choice.status
    row["location_method"] = choice.method
    if choice.place and choice.match:
        how = How.placed(choice.method, choice.match.method, choice.place.source)
        rows.state(Statement("signatories", row["id"], "location_id", choice.place.id, document_text.span(choice.match.start, choice.match.end), how))
    if row["kind"] == "organisation":
        rows.own_locations.setdefault(row["organisation_id"], {key: row[key] for key in ("location_id", "location_status", "location_method")})
    if choice.place and choice.place.has_point:
        rows.tables["signatory_map"].append(map_row(row, choice.place, rows.letter_titles[row["letter_id"]]))


def map_row(row: dict, place: Place, letter_title: str) -> dict:
    """A signatory's marker: at its place's point, with a popup naming it, its letter and the
    place (the popup's link is relative, to work under any base URL)."""
    popup = {"title": row["name"], "description": f"{letter_title} — {place.name} (within {place.precision_km} km)", "link": f"signatories/{row['id']}"}
    return {
        "id": row["id"], "name": row["name"], "kind": row["kind"], "letter_id": row["letter_id"],
        "location_id": place.id, "precision_km": place.precision_km, "latitude": place.latitude,
        "longitude": place.longitude, "popup": POPUP_JSON.encode(popup),
    }
