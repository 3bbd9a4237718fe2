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

import bisect
import collections
import re
from dataclasses import dataclass, field

from scripts.common.geometry import distance_km
from scripts.pipeline.extract.items.shapes import ORGANISATION_WORDS
from scripts.pipeline.resolve.gazetteer import Gazetteer, Place
from scripts.pipeline.resolve.name_index import NameIndex

# Words that end a street's name; those of the second list end other names too ("Kashmir
# Freedom Parade", "Kashmir Solidarity Walk") and make a street only after a house number.
STREET_WORDS = ("Road", "Lane", "Street", "Avenue", "Drive", "Crescent", "Terrace", "Close", "Grove", "Mews")
STREET_WORDS_AFTER_A_NUMBER = ("Square", "Way", "Walk", "Parade", "Row")
STREET_SUFFIX = rf"(?:{'|'.join(STREET_WORDS + STREET_WORDS_AFTER_A_NUMBER)})"
# "Church Street", "High Street North", "Stoke Poges Lane": one to three capitalised words, a
# street word, and a compass point that may follow it.
# A word ending in a possessive is not part of the street: "Bradford's Centenary Square".
STREET = re.compile(rf"(?<![\w’'-])(?:[A-Z](?:[\w-]|[’'](?!s\b))+ ){{1,3}}{STREET_SUFFIX}(?: (?:North|South|East|West))?(?!\w)")
STREET_AFTER_A_NUMBER_ONLY = re.compile(rf"(?:{'|'.join(STREET_WORDS_AFTER_A_NUMBER)})(?: (?:North|South|East|West))?$")
HOUSE_NUMBER = re.compile(r"(?<!\w)\d+[A-Za-z]? $")  # "14 Church Street": an address, whatever village shares the street's name
STREET_AFTER_PLACE = re.compile(rf" {STREET_SUFFIX}(?!\w)")
# A region named by compass points only ("North West", "the South East") is that region only
# when no name follows it: "North West Kent", "South East London" are parts of what follows.
COMPASS_NAME = re.compile(r"^(?:North|South|East|West)(?: (?:North|South|East|West))?$")
NAMED_AFTER = re.compile(r" [A-Z]")
ORGANISATION_AFTER = re.compile(rf" (?:{'|'.join(map(re.escape, ORGANISATION_WORDS))})\b")
PART_OF_A_LONGER_NAME = re.compile(r"[A-Z][\w’'-]* $")  # "Alum " before "Rock"
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
    # The Westminster constituencies of that name that a town or area holds ("Henley", "Preston"):
    # what the name means printed with an MP, and only then.
    constituencies: list[Place] = field(default_factory=list)

    def within(self, start: int, end: int) -> bool:
        return start <= self.start and self.end <= end


# Where a signatory or an organisation is, as a status code (kept in SQL) and in plain words
# (what the pages and facets show: the `location_statuses` table, which the codes point at).
LOCATION_STATUSES = {
    "located": "located at a place with a point on the map",
    "located without a point": "located at a place that has no point on the map (a country, or a place whose coordinates are not yet sourced)",
    "ambiguous": "not located: the place name is shared by several places and the document does not say which",
    "several places": "not located: several places are named, neither within the other",
    "no place": "not located: no place in its words locates it (location_method says why: none printed, a peer's title, a place abroad …)",
}


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

    def is_place_name(self, words: str) -> bool:
        """Whether the words are the whole name of a known place."""
        return bool(self.gazetteer.candidates(words))

    def _known_street(self, words: str) -> bool:
        """Whether the words end with the name of a street the gazetteer knows ("in Stoke Poges Lane")."""
        parts = words.split(" ")
        return any(self.gazetteer.candidates(" ".join(parts[first:])) for first in range(len(parts) - 1))

    def find(
        self, text: str, start: int = 0, end: int | None = None, excluded: list[tuple[int, int]] = (), words: list | None = None
    ) -> list[PlaceMatch]:
        """Every place name printed in text[start:end], outside the excluded spans, left to right."""
        end = len(text) if end is None else end
        # A street is a place only if the gazetteer knows it and no house number comes before
        # it: the words of any other are not searched ("Church Street" is not the village of Street; "Preston Road" not Preston).
        excluded = sorted(excluded)
        streets = [
            PlaceMatch(street.start(), street.end(), street.group(), [], status=STREET_UNKNOWN, method="a street the gazetteer does not know")
            for street in STREET.finditer(text, start, end)
            if _is_street(street, text, self._known_street) and not _inside(street.start(), excluded)
        ]
        matches: list[PlaceMatch] = list(streets)
        excluded = sorted([*excluded, *((street.start, street.end) for street in streets)])
        found = collections.deque(self.index.find(text, start, end, excluded, words))
        while found:
            found_start, found_end, name, _ = found.popleft()
            if " " in name and ORGANISATION_AFTER.match(text, found_end) and all(c.kind == "parliamentary constituency" for c in self.gazetteer.candidates(name)):
                # "Brent Central Mosque" is Brent's central mosque, not one in the constituency of
                # Brent Central: the name is read without its last word.
                found.extendleft(reversed(self.index.find(text, found_start, found_start + name.rindex(" "), excluded)))
                continue
            street = STREET_AFTER_PLACE.match(text, found_end)
            if street:
                matches.append(PlaceMatch(found_start, street.end(), text[found_start : street.end()], [], status=STREET_UNKNOWN, method="a place name that begins a street's name"))
                continue
            candidates = self.gazetteer.candidates(name)
            if COMPASS_NAME.match(name) and NAMED_AFTER.match(text, found_end):
                continue  # "North West Kent": a part of Kent, not the North West of England
            match = PlaceMatch(found_start, found_end, name, list(candidates), constituencies=self.gazetteer.constituencies_named(name))
            if len(candidates) == 1:
                match.place, match.status, match.method = candidates[0], RESOLVED, ONLY_PLACE
            matches.append(match)
        return sorted(matches, key=lambda match: match.start)


def _is_street(street: re.Match, text: str, known_street) -> bool:
    """Whether the words are a street the gazetteer does not know: after a house number always
    ("14 Church Street", "2 Market Square"); otherwise when they end in a street word and are
    not a street the gazetteer knows."""
    if HOUSE_NUMBER.search(text, max(0, street.start() - 8), street.start()):
        return True
    if STREET_AFTER_A_NUMBER_ONLY.search(street.group()):
        return False
    return not known_street(street.group())


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the offset lies in one of the sorted, non-overlapping spans."""
    at = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return at >= 0 and spans[at][0] <= offset < spans[at][1]


def decide_by_context(matches: list[PlaceMatch], scopes: list[tuple[str, list[tuple[int, ...]]]], region_of=None) -> None:
    """Resolve each ambiguous match by the unambiguous places around it (rule 4), in place.

    `scopes` lists, from the nearest, a label and the scopes of that kind: `(start, end)`, a
    span whose places are the context of the matches inside it ("signature", "letter"), or
    `(start, end, context_start, context_end)`, whose context is another span (a signature's
    group heading). The whole document is always the last scope. `region_of(place)` says
    which region of England a place lies in, for a region named as context."""
    settled = sorted((match for match in matches if match.status == RESOLVED and match.place.has_point), key=lambda match: match.start)
    settled_starts = [match.start for match in settled]
    scopes = [(label, sorted(spans)) for label, spans in scopes]
    for match in matches:
        if match.status != AMBIGUOUS or not match.candidates:
            continue
        for label, spans in scopes:
            at = bisect.bisect_right(spans, (match.start, float("inf"))) - 1
            scope = spans[at] if at >= 0 and spans[at][0] <= match.start < spans[at][1] else None
            if scope is None:
                continue
            context_start, context_end = scope[2:4] if len(scope) == 4 else scope[:2]
            inside = settled[bisect.bisect_left(settled_starts, context_start) : bisect.bisect_left(settled_starts, context_end)]
            context = list({other.place.id: other.place for other in inside if other.end <= context_end}.values())
            fitting = {
                candidate.id: (candidate, place)
                for candidate in match.candidates
                for place in context
                if place.id != candidate.id and contains(place, candidate, region_of)
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


LOCAL_SPREAD_KM = 40  # a document whose other places all lie this close together is a local one,
LOCAL_MENTIONS = 3  # …when it names them this many times at least
LOCAL_PLACES = 10  # …and names no more places than these
SMALL_PLACE_KM = 2.5  # a place this small (under some 60,000 people) may share its name with a district elsewhere
FAR_FROM_LOCAL_KM = 20  # …and a place farther than this beyond the reach of all of them (their discs apart) is far from it
ONLY_PLACE = "the only place of that name"


def doubt_far_places_in_a_local_document(matches: list[PlaceMatch]) -> None:
    """A local document's places are local (rule 4, for a name the gazetteer knows only once).

    Where every other place a document names, each known for sure, lies in one small area and
    the document keeps naming it (Leeds, three times or more, and more often than the other
    name), the name of a small place (`SMALL_PLACE_KM`) that the gazetteer knows only once, far
    from that area, is not taken for it: neighbourhood names recur (Chapeltown is a district of Leeds and a
    suburb of Sheffield; the gazetteer knows only Sheffield's). The match is left ambiguous, with
    that one place as its candidate, for review. A document whose places spread across the
    country (a national letter) doubts nothing."""
    local = [m for m in matches if m.status == RESOLVED and m.place.has_point and m.place.in_united_kingdom and m.place.precision_km <= FAR_FROM_LOCAL_KM]
    places = {m.place.id: m.place for m in local}
    if len(places) > LOCAL_PLACES + 1:
        return  # a document that names many places is not a local one
    mentions = collections.Counter(m.place.id for m in local)
    doubted = []
    for place_id, place in places.items():
        if place.precision_km > SMALL_PLACE_KM or not all(m.method == ONLY_PLACE for m in local if m.place.id == place_id):
            continue
        others = {other_id: other for other_id, other in places.items() if other.name != place.name}
        around = sum(mentions[other_id] for other_id in others)
        if not others or around < LOCAL_MENTIONS or around <= mentions[place_id]:
            continue  # the document is local only if it keeps naming its area, more often than this place
        if max(distance_km(a, b) for a in others.values() for b in others.values()) > LOCAL_SPREAD_KM:
            continue
        if all(distance_km(place, other) - place.precision_km - other.precision_km > FAR_FROM_LOCAL_KM for other in others.values()):
            names = ", ".join(sorted({other.name for other in others.values()}))
            doubted += [(match, names) for match in local if match.place.id == place_id]
    for match, names in doubted:
        match.place, match.status = None, AMBIGUOUS
        match.method = (
            f"the gazetteer's only place of that name ({match.candidates[0].id}) lies far from every other place the document "
            f"names, all near {names}: a place of that name nearer them may be meant"
        )


def contains(area: Place, place: Place, region_of=None) -> bool:
    """Whether `place` lies within `area`: within a nation by its nation, within a region of
    England by its region, within anything else by lying inside the area's disc."""
    if area.kind == "nation":
        return place.nation == area.nation
    if area.kind == "region" and area.region and region_of is not None:
        return region_of(place) == area.region
    return place.has_point and area.has_point and distance_km(place, area) <= area.precision_km


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

    # The most specific place that lies within every larger place named with it: in "Alum Rock,
    # Birmingham", the village of Rock (Worcestershire) is not within Birmingham, so not meant.
    # A place printed right after it as its qualifier ("Whitefield, Pendle") must be seen to hold
    # it: a qualifier known without a point (the constituency of Pendle) cannot vouch for the
    # Whitefield of Bury, so that Whitefield is not taken.
    ordered = sorted(home, key=specificity)
    chosen = next(
        (
            candidate for candidate in ordered
            if all(
                _nested(candidate.place, other.place) or _coordinated(candidate, other, text)
                for other in home
                if other is not candidate and specificity(other) > specificity(candidate)
                and (other.place.has_point or _qualifies(candidate, other, text))
            )
        ),
        ordered[-1],
    )
    rejected = ordered[: ordered.index(chosen)]
    # The larger place stands only where it is printed as the qualifier of the other ("Whitefield,
    # Pendle": a Whitefield in Pendle, which the gazetteer does not know), or where the other was
    # read inside a longer name ("Rock" in "Alum Rock, Birmingham"). "Leeds, Darwen" says nothing
    # a reader could place: several places.
    whole = [
        m for m in rejected
        if not PART_OF_A_LONGER_NAME.search(text, max(0, m.start - 40), m.start) and not _qualifies(m, chosen, text)
    ]
    if whole:
        return LocationChoice(
            None, "several places", f"“{whole[0].text}” and “{chosen.text}” are named together and neither lies within the other",
            (whole[0].place, chosen.place),
        )
    outside = [m.text for m in rejected]
    for other in home:
        if other is not chosen and _coordinated(chosen, other, text) and not _nested(chosen.place, other.place):
            return LocationChoice(
                None, "several places", f"“{chosen.text}” and “{other.text}” are named together and neither lies within the other",
                (chosen.place, other.place),
            )
    others = [m.text for m in matches if m is not chosen and m.status != RESOLVED]
    # The words that gave the place are quoted: a place read inside an organisation's name
    # ("Ilford Islamic Centre") is not in the row's `place` column, which holds a place printed apart.
    method = f"{'the most specific place given' if len(home) > 1 else 'the place given'}, “{chosen.text}”"
    if outside:
        method += f" (no place “{'”, “'.join(outside)}” is seen to lie within “{chosen.text}”, printed with it)"
    if chosen.method.startswith("context"):
        method += f", by {chosen.method}"
    if others:
        method += f" (“{'”, “'.join(others)}” not resolved)"
    status = "located" if chosen.place.has_point else "located without a point"
    return LocationChoice(chosen.place, status, method, match=chosen)


QUALIFIER = re.compile(r"^,\s*$")


def _qualifies(place: PlaceMatch, other: PlaceMatch, text: str) -> bool:
    """Whether `other` is printed right after `place`, after a comma: "Ward, Borough"."""
    return place.end <= other.start and bool(QUALIFIER.match(text[place.end : other.start]))


def _coordinated(a: PlaceMatch, b: PlaceMatch, text: str) -> bool:
    first, second = sorted((a, b), key=lambda match: match.start)
    return bool(COORDINATION.match(text[first.end : second.start]))


def _nested(a: Place, b: Place) -> bool:
    """Whether one place lies within the other: in a nation by its nation; otherwise the
    smaller one's disc inside the larger's."""
    for large, small in ((a, b), (b, a)):
        if large.kind == "nation" and small.kind != "nation":
            return small.nation == large.nation
    if not (a.has_point and b.has_point):
        return False
    small, large = sorted((a, b), key=lambda place: place.precision_km)
    return distance_km(small, large) + small.precision_km <= large.precision_km
