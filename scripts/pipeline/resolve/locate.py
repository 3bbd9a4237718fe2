"""Resolve stage: where each signatory is.

Takes: a document's `DocumentRows` and the place names found in its text, each resolved or
not (`places`). Gives: each signatories row's `location_id`, `location_status` and
`location_method`, chosen by `places.choose_location` from the place names inside the
signature's place and, for an organisation, its name (never from a person's name or role);
where those give none, or give a small place the gazetteer knows only once that does not lie
within its group's heading, from the heading ("Bradford" over "Cllr X (Toller)"; "Leeds" over "Name, Chapeltown", whose only
Chapeltown in the gazetteer is Sheffield's); a peer
never by the title's place ("Lord Ahmed of Rotherham" does not live in Rotherham, as far as
the words say: the method names the title's place); the
provenance of each location; and where each organisation's own first signature locates it.
(The map, `signatory_map`, is a view of the signatories located at a place with a point.)
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from scripts.common.qualifiers import names_abroad
from scripts.pipeline.resolve import provenance
from scripts.pipeline.resolve.document_rows import DocumentRows
from scripts.pipeline.resolve.gazetteer import Place
from scripts.pipeline.resolve.places import ONLY_PLACE, SMALL_PLACE_KM, LocationChoice, PlaceMatch, choose_location, contains
from scripts.pipeline.resolve.provenance import How, Statement


def locate_signatories(rows: DocumentRows, matches: list[PlaceMatch]) -> None:
    """Fill every signatory's location from the place names in its own words."""
    starts = [match.start for match in matches]
    for row in rows.tables["signatories"]:
        _locate(rows, row, matches, starts)


def _locate(rows: DocumentRows, row: dict, matches: list[PlaceMatch], starts: list[int]) -> None:
    signature = rows.signatures[row["id"]]
    heading = signature.heading
    place = None if _is_heading(signature.place, heading) else signature.place  # a place copied from its heading is the heading's
    own = _within([place] + ([signature.name] if signature.kind == "organisation" else []), matches, starts)
    document_text = rows.extracted.text
    choice = choose_location(own, document_text.text)
    constituency = _mps_constituency(row, own)
    if constituency is not None:
        # "Jane Doe MP (Henley)": the constituency of Henley, not the village of Suffolk.
        choice = LocationChoice(constituency[1], "located" if constituency[1].has_point else "located without a point",
                                f"an MP's constituency, “{constituency[0].text}”", match=constituency[0])
    abroad = _qualified_abroad(choice, row["end"], document_text.text, own)
    if abroad:
        # "Perth, Western Australia": the place named is abroad, whatever UK place shares its name.
        choice = LocationChoice(None, "no place", f"“{choice.match.text}” is qualified by “{abroad}”, a place abroad")
    elif signature.post == "peer" and choice.place:
        # A peer's "of Place" names the title, not where the peer lives (rule 6).
        row["title_place_id"] = choice.place.id
        rows.places[choice.place.id] = choice.place
        how = How.placed("the place a peer's title is of", choice.match.method, choice.place.source)
        rows.state(Statement("signatories", row["id"], "title_place_id", choice.place.id, document_text.span(choice.match.start, choice.match.end), how))
        choice = LocationChoice(None, "no place", f"a peer's title: “{choice.match.text}” is the place of the title (title_place_id), not where the peer lives")
    elif heading is not None:
        from_heading = choose_location(_within([heading], matches, starts), document_text.text)
        if from_heading.place and choice.place is None and choice.status in ("no place", "ambiguous"):
            unresolved = f"; its own “{own[0].text}” not resolved" if own else ""
            choice = dataclasses.replace(from_heading, method=f"the place of its group's heading, “{from_heading.match.text}”{unresolved}")
        elif _small_and_only(choice) and from_heading.place and from_heading.place.has_point and not contains(from_heading.place, choice.place):
            # Under the heading "Leeds", "Chapeltown" is Leeds's, not the Chapeltown of Sheffield,
            # the only one the gazetteer knows: a small place's name recurs as a district's, so
            # the group's place is taken. A town the gazetteer knows for sure ("Luton" under
            # "London") stays the signature's own: the signature is nearer than its heading.
            choice = dataclasses.replace(
                from_heading,
                method=f"the place of its group's heading, “{from_heading.match.text}”; no place “{choice.match.text}” is seen to lie within it",
            )
    if choice.place:
        rows.places[choice.place.id] = choice.place
    row["location_id"] = choice.place.id if choice.place else None
    row["location_status"] = choice.status
    row["location_method"] = choice.method
    row["local_authority_id"] = choice.place.local_authority_id if choice.place else None
    if choice.place and choice.match:
        how = How.placed(choice.method, choice.match.method, choice.place.source)
        statement = Statement("signatories", row["id"], "location_id", choice.place.id, document_text.span(choice.match.start, choice.match.end), how)
        if not provenance.place_said_by_its_row(statement, row, choice.place.name):
            rows.state(statement)
    if row["kind"] == "organisation":
        rows.own_locations.setdefault(row["organisation_id"], {key: row[key] for key in ("location_id", "location_status", "location_method", "local_authority_id")})


def _small_and_only(choice: LocationChoice) -> bool:
    """Whether the choice is a small place that is the gazetteer's only place of its name."""
    return (
        choice.place is not None and choice.match is not None and choice.place.has_point
        and choice.match.method == ONLY_PLACE and choice.place.precision_km <= SMALL_PLACE_KM
    )


def _mps_constituency(row: dict, own: list[PlaceMatch]) -> tuple[PlaceMatch, Place] | None:
    """For an MP, the one constituency named by a place that a town's name holds, if any."""
    if row["role"] != "MP":
        return None
    found = [(match, match.constituencies[0]) for match in own if len(match.constituencies) == 1]
    return found[0] if len(found) == 1 else None


def _within(spans: list, matches: list[PlaceMatch], starts: list[int]) -> list[PlaceMatch]:
    """The place names printed inside the spans, left to right."""
    found = []
    for span in spans:
        if span is not None:
            first = bisect.bisect_left(starts, span.start)
            found += [m for m in matches[first : bisect.bisect_left(starts, span.end)] if m.within(span.start, span.end)]
    return sorted(found, key=lambda m: m.start)


QUALIFIER_WORDS = re.compile(r",\s*([^,()]+)")


def _qualified_abroad(choice: LocationChoice, end: int, text: str, own: list[PlaceMatch]) -> str | None:
    """The name abroad printed after the chosen place, within its signature, as its qualifier
    (a name that is also a UK place, as Manchester, Jamaica's parish, is, is the UK place)."""
    if choice.match is None or choice.match.end > end:
        return None
    qualifier = QUALIFIER_WORDS.match(text, choice.match.end, end)
    if qualifier is None or any(match.start == qualifier.start(1) for match in own) or text[qualifier.end() : end].strip(" .;)"):
        return None  # a UK place's name, or not the last words of the signature
    name = qualifier.group(1).strip()
    return name if name in names_abroad() else None


def _is_heading(place, heading) -> bool:
    return place is not None and heading is not None and (place.start, place.end) == (heading.start, heading.end)
