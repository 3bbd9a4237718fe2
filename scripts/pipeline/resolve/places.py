"""Resolve stage: which places the words of a document name, and where each signatory is.

Takes: a document's text, the gazetteer, and spans of the text that are people's names (a
person called Formby is not the town). Gives: `PlaceMatch`es (every place name printed, with
the place it stands for, or why none was chosen), and for a signature the one place that
locates it. The rules, each a careful reader's:

1. The longest name wins: "Newbury Park" is one place, not Newbury; "Leytonstone" is not
   Leyton ("Brent" inside "Brentwood" is never read: names match as whole words).
2. A place name that begins a street's name is part of the street ("Belgrave Road"); a street
   is a place only if the curated places file knows it ("Stoke Poges Lane", in Slough).
3. Names the curated file lists as `not_places` ("March", "Over") are words, not places.
4. A name several places share is decided by the document's own context: the candidate that
   lies within a place named without ambiguity in the same signature, else the same letter,
   else the same document (Gillingham in Kent when the signature names Kent). If the context
   fits none or more than one, the name stays unresolved, flagged ambiguous with its candidates.
5. A signature's location is the most specific place it gives (the smallest precision: a
   parenthetical "(Gillingham Mosque)" over "Kent"). A person is located by the place printed
   with their name, never by places in their role; an organisation by places in its name.
   Places joined by "&" or "and" that do not lie one within the other ("South East London &
   Kent") are several places: none is chosen. Places abroad name a cause or origin ("Pakistan
   Welfare Association"), not where a UK organisation is; they never locate one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scripts.pipeline.resolve.gazetteer import Gazetteer, Place, distance_km
from scripts.pipeline.resolve.name_index import NameIndex

STREET_SUFFIX = r"(?:Road|Lane|Street|Avenue|Drive|Crescent|Terrace)"
STREET = re.compile(rf"(?<![\w’'-])(?:[A-Z][\w’'-]+ ){{1,3}}{STREET_SUFFIX}(?!\w)")
STREET_AFTER_PLACE = re.compile(rf" {STREET_SUFFIX}(?!\w)")
COORDINATION = re.compile(r"^\s*(?:&|and)\s*$")

RESOLVED = "resolved"
AMBIGUOUS = "ambiguous"
STREET_UNKNOWN = "street not in gazetteer"


@dataclass
class PlaceMatch:
    start: int
    end: int
    text: str
    candidates: list[Place]
    place: Place | None = None
    status: str = AMBIGUOUS
    method: str = ""

    def within(self, start: int, end: int) -> bool:
        return start <= self.start and self.end <= end


@dataclass(frozen=True)
class LocationChoice:
    place: Place | None
    status: str  # located | located without a point | ambiguous | several places | no place
    method: str
    candidates: tuple[Place, ...] = field(default_factory=tuple)
    match: PlaceMatch | None = None  # the printed place name that gave the location


class PlaceFinder:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        # A hyphen joins words into one name: "Kashmir" is not read inside "Tehreek-e-Kashmir".
        self.index = NameIndex(((name, None) for name in gazetteer.names), boundary=r"[\w-]")

    def find(
        self, text: str, start: int = 0, end: int | None = None, excluded: list[tuple[int, int]] = (), words: list | None = None
    ) -> list[PlaceMatch]:
        """Every place name printed in text[start:end], outside the excluded spans, left to right."""
        end = len(text) if end is None else end
        matches: list[PlaceMatch] = []
        for found_start, found_end, name, _ in self.index.find(text, start, end, excluded, words):
            street = STREET_AFTER_PLACE.match(text, found_end)
            if street:
                matches.append(PlaceMatch(found_start, street.end(), text[found_start : street.end()], [], status=STREET_UNKNOWN, method="a place name that begins a street's name"))
                continue
            candidates = self.gazetteer.candidates(name)
            match = PlaceMatch(found_start, found_end, name, list(candidates))
            if len(candidates) == 1:
                match.place, match.status, match.method = candidates[0], RESOLVED, "the only place of that name"
            matches.append(match)
        for street in STREET.finditer(text, start, end):
            if not any(m.start < street.end() and street.start() < m.end for m in matches):
                if not any(a <= street.start() < b for a, b in excluded):
                    matches.append(PlaceMatch(street.start(), street.end(), street.group(), [], status=STREET_UNKNOWN, method="a street the gazetteer does not know"))
        return sorted(matches, key=lambda match: match.start)


def decide_by_context(matches: list[PlaceMatch], scopes: list[tuple[str, list[tuple[int, int]]]]) -> None:
    """Resolve each ambiguous match by the unambiguous places around it (rule 4), in place.

    `scopes` lists, from the narrowest, a label and the spans of that kind ("signature",
    [(start, end), …]); the whole document is always the last scope."""
    settled = [match for match in matches if match.status == RESOLVED and match.place.has_point]
    for match in matches:
        if match.status != AMBIGUOUS or not match.candidates:
            continue
        for label, spans in scopes:
            scope = next(((a, b) for a, b in spans if a <= match.start < b), None)
            if scope is None:
                continue
            context = [other.place for other in settled if other.within(*scope)]
            fitting = {
                candidate.id: (candidate, place)
                for candidate in match.candidates
                for place in context
                if candidate.has_point and place.id != candidate.id and distance_km(candidate, place) <= place.precision_km
            }
            if len(fitting) == 1:
                candidate, place = next(iter(fitting.values()))
                match.place, match.status = candidate, RESOLVED
                match.method = f"context: within {place.name}, named in the same {label}"
                break
            if len(fitting) > 1:
                names = ", ".join(sorted({place.name for _, place in fitting.values()}))
                match.method = f"context fits {len(fitting)} of {len(match.candidates)} places of that name (near {names}, in the same {label})"
                break
        else:
            match.method = f"{len(match.candidates)} places of that name and nothing in the document decides"


def choose_location(matches: list[PlaceMatch], text: str) -> LocationChoice:
    """The one place that locates a signature, from the matches in its place and name (rule 5)."""
    home = [m for m in matches if m.status == RESOLVED and m.place.in_united_kingdom]
    if not home:
        ambiguous = [m for m in matches if m.status == AMBIGUOUS and m.candidates]
        if ambiguous:
            return LocationChoice(None, "ambiguous", f"“{ambiguous[0].text}”: {ambiguous[0].method}", tuple(ambiguous[0].candidates))
        if any(m.status == RESOLVED for m in matches):
            return LocationChoice(None, "no place", "only places abroad, which name a cause or origin, not where it is")
        if matches:
            return LocationChoice(None, "no place", f"“{matches[0].text}”: {matches[0].status}")
        return LocationChoice(None, "no place", "the text gives no place")

    def specificity(match: PlaceMatch) -> float:
        return match.place.precision_km if match.place.has_point else float("inf")

    chosen = min(home, key=specificity)
    for other in home:
        if other is not chosen and _coordinated(chosen, other, text) and not _nested(chosen.place, other.place):
            return LocationChoice(
                None, "several places", f"“{chosen.text}” and “{other.text}” are named together and neither lies within the other",
                (chosen.place, other.place),
            )
    others = [m.text for m in matches if m is not chosen and m.status != RESOLVED]
    method = "the most specific place given" if len(home) > 1 else "the place given"
    if chosen.method.startswith("context"):
        method += f", “{chosen.text}” by {chosen.method}"
    if others:
        method += f" (“{'”, “'.join(others)}” not resolved)"
    status = "located" if chosen.place.has_point else "located without a point"
    return LocationChoice(chosen.place, status, method, match=chosen)


def _coordinated(a: PlaceMatch, b: PlaceMatch, text: str) -> bool:
    first, second = sorted((a, b), key=lambda match: match.start)
    return bool(COORDINATION.match(text[first.end : second.start]))


def _nested(a: Place, b: Place) -> bool:
    """Whether one place lies within the other: the smaller one's disc inside the larger's."""
    if not (a.has_point and b.has_point):
        return False
    small, large = sorted((a, b), key=lambda place: place.precision_km)
    return distance_km(small, large) + small.precision_km <= large.precision_km
