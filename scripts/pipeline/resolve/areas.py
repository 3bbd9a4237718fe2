"""Reference data for UK areas: nations, English regions, counties, unitary authorities,
metropolitan districts, London boroughs, Scottish council areas, Northern Irish districts, and
the Westminster constituencies of 2010–2024, each with the nation it lies in and, where a
source gives one, a point and a precision.

Takes: three pinned packages. Gives: `uk_areas(towns)`: `Area`s (a `Place` and the other names
it is printed as), which the gazetteer adds to the towns of GeoNames (`towns`: name -> places).

- Which areas there are, their kind and nation: ISO 3166-2:GB, as the pycountry package
  carries it (Debian's iso-codes; LGPL 2.1).
- Their points: the countrystatecity-countries package (the countries-states-cities
  database, ODbL 1.0), matched by ISO code; where the point lies far from all the area's own
  places there (`UNTRUSTED_POINT_KM`), the mean of those places instead, and the source says so. Precision: the distance from the point to the
  farthest of the area's places in the same database, plus `AREA_MARGIN_KM`, at least
  `AREA_MINIMUM_KM`: a disc holding every place the source puts in the area.
- Constituencies, their nation and region: the House of Commons Library's general election
  results 2010–2019 (Open Parliament Licence v3.0), as the uk-politics package carries them
  (`GE_results.tsv`; names in capitals, as the Library sorts them: "ANTRIM EAST"). Each is read
  under its names as printed in letters ("Birmingham Hall Green", "Birmingham, Hall Green",
  "Oldham West & Royton"; in Scotland and Northern Ireland also "East Antrim"). Its point is its main town's: the town
  of GeoNames its name begins with, in its nation, decided by its county where several share the
  name ("Newport West": Newport, Wales); the precision is a disc round the town that holds the
  whole county or unitary area the town lies in, and so the constituency. A constituency whose
  name begins with no town has no point. The constituencies first contested in 2024 are not
  in any package found; their names are not read yet.
- Regions of England: the region each constituency lies in, from the same results; a
  region's point is the mean of its constituencies' points, its precision the farthest of
  them plus `AREA_MARGIN_KM`. Whether a town lies in a region is asked of the constituency whose
  main town is nearest to it (`region_of`), not of the disc.

A name a place already has adds no other place: a town of GeoNames stands for the district or
constituency named after it ("Bradford", "Slough": a town's point is the more precise), an
area for the constituency of its name ("Isle of Wight"). A nation's name always means the
nation: the village of Wales (South Yorkshire) is not read under it.
"""

from __future__ import annotations

import csv
import functools
import json
import math
import re
from dataclasses import dataclass, replace
from importlib import metadata

from scripts.common.identifiers import slug
from scripts.common.paths import package_data

AREA_MARGIN_KM = 3
AREA_MINIMUM_KM = 5
# A point farther than this from every place of its own area is a slip of the source (the
# database puts Bolton in the sea off Cornwall): the mean of the area's places stands for it.
UNTRUSTED_POINT_KM = 30
NATION_CODES = {"GB-ENG": "England", "GB-SCT": "Scotland", "GB-WLS": "Wales", "GB-NIR": "Northern Ireland"}
NATION_ALIASES = {"Scotland": ("Alba",)}  # Cymru is in ISO 3166-2's own name for Wales
AREA_KINDS = {
    "Two-tier county": "county", "Unitary authority": "unitary authority", "Metropolitan district": "metropolitan borough",
    "London borough": "London borough", "Council area": "council area", "District": "district council",
    "City corporation": "London borough",
}
# Other names areas are printed as: the short name of an island authority, the Welsh name.
AREA_ALIASES = {
    "Isle of Anglesey": ("Anglesey", "Ynys Môn"), "Eilean Siar": ("Western Isles", "Na h-Eileanan Siar"),
    "Orkney Islands": ("Orkney",), "Shetland Islands": ("Shetland",),
}
# ISO 3166-2 prints a second official name in brackets: "Newport [Casnewydd GB-CNW]".
ISO_NAME = re.compile(r"^(?P<name>[^\[]+?)(?: \[(?P<other>[^\]]+?)(?: GB-\w+)?\])?$")
REGION_NAMES = {
    "North East": ("North East England", "the North East"), "North West": ("North West England",),
    "Yorkshire and The Humber": ("Yorkshire and the Humber", "Yorkshire"), "East Midlands": (), "West Midlands": (),
    "South West": ("South West England",), "South East": ("South East England",), "Eastern": ("East of England",),
    "East": ("East of England",),
}
REGION_CANONICAL = {"East": "Eastern"}  # the results name the East of England both ways
COMPASS = r"(?:North|South|East|West|Central|Mid)(?: (?:North|South|East|West))?"
SMALL_WORDS = {"and", "of", "the", "upon", "under", "on", "in", "with", "le", "by", "super", "an", "am", "y", "yr"}
# Spellings the Library's capitals lose.
RESTORED_SPELLINGS = {"Ynys Mon": "Ynys Môn", "Na H-Eileanan an Iar": "Na h-Eileanan an Iar"}


@functools.cache
def version(package: str) -> str:
    """The installed version of a package, asked of its metadata once."""
    return metadata.version(package)


@dataclass(frozen=True)
class Area:
    place: object  # gazetteer.Place
    aliases: tuple[str, ...]


def uk_areas(towns: dict[str, list], place_type) -> list[Area]:
    """Every area, nation and constituency, given the towns of GeoNames by name."""
    states = _states()
    subdivisions = _iso_subdivisions()
    for code, state in states.items():
        state["parent"] = subdivisions.get(code, {}).get("parent")
    areas = [_area(code, entry, states, place_type) for code, entry in subdivisions.items()]
    areas = [area for area in areas if area]
    constituencies = _constituencies(towns, areas, place_type)
    return [*areas, *_regions(constituencies, place_type), *constituencies]


def region_of(place, constituencies: list) -> str | None:
    """The English region of a place with a point: that of the constituency whose main town is nearest."""
    if not place.has_point or place.nation != "England":
        return None
    from scripts.pipeline.resolve.gazetteer import distance_km

    located = [area.place for area in constituencies if area.place.has_point and area.place.region]
    return min(located, key=lambda constituency: distance_km(place, constituency)).region if located else None


def _iso_subdivisions() -> dict[str, dict]:
    path = package_data("pycountry", "databases", "iso3166-2.json")
    return {entry["code"]: entry for entry in json.loads(path.read_text(encoding="utf-8"))["3166-2"] if entry["code"].startswith("GB-")}


@functools.cache
def _states() -> dict[str, dict]:
    """countrystatecity's UK states by ISO code, each with its cities."""
    folder = package_data("countrystatecity_countries", "data", "by-country", "GB")
    states = {}
    for state in json.loads((folder / "states.json").read_text(encoding="utf-8")):
        cities = folder / "states" / state["state_code"] / "cities.json"
        state["cities"] = json.loads(cities.read_text(encoding="utf-8")) if cities.exists() else []
        states[state["iso3166_2"]] = state
    return states


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _area(code: str, entry: dict, states: dict[str, dict], place_type):
    nation = NATION_CODES.get(code) or NATION_CODES.get(entry.get("parent"))
    if nation is None:
        return None
    kind = "nation" if code in NATION_CODES else AREA_KINDS.get(entry["type"], "area")
    parts = ISO_NAME.match(entry["name"])
    name = _inverted(parts["name"])
    state = states.get(code)
    latitude = longitude = precision = None
    source = f"ISO 3166-2 {code} ({entry['type']}, in {nation}; pycountry {version('pycountry')})"
    if state and state.get("latitude"):
        latitude, longitude = float(state["latitude"]), float(state["longitude"])
        # A nation holds the places of all its areas; any other area, its own.
        members = [other for other in states.values() if other.get("parent") == code] if kind == "nation" else [state]
        places = [(float(city["latitude"]), float(city["longitude"])) for member in members for city in member["cities"]]
        point_source = f"countries-states-cities database, state {state['id']}"
        if kind != "nation" and places and min(_distance((latitude, longitude), city) for city in places) > UNTRUSTED_POINT_KM:
            latitude = round(sum(city[0] for city in places) / len(places), 5)
            longitude = round(sum(city[1] for city in places) / len(places), 5)
            point_source = f"the mean of its places' points in the countries-states-cities database (its state {state['id']}'s own point lies over {UNTRUSTED_POINT_KM} km from all of them)"
        farthest = max((_distance((latitude, longitude), city) for city in places), default=0)
        precision = float(max(AREA_MINIMUM_KM, math.ceil(farthest + AREA_MARGIN_KM)))
        source += (
            f"; point: {point_source} (countrystatecity-countries "
            f"{version('countrystatecity-countries')}, ODbL 1.0); precision: the farthest of its {len(places)} places there, plus {AREA_MARGIN_KM} km"
        )
    place = place_type(
        id=f"{slug(name)}-{code.lower()}", name=name, kind=kind, latitude=latitude, longitude=longitude, precision_km=precision,
        admin_area=None if kind == "nation" else nation, country="United Kingdom", source=source, nation=nation,
    )
    aliases = [parts["name"], parts["other"], *NATION_ALIASES.get(name, ()), *AREA_ALIASES.get(name, ())]
    return Area(place, tuple(dict.fromkeys(alias for alias in aliases if alias and alias != name)))


def _inverted(name: str) -> str:
    """ "London, City of" -> "City of London"; "Vale of Glamorgan, The" -> "Vale of Glamorgan"."""
    if name.endswith(", The"):
        return name.removesuffix(", The")
    if name.endswith(", City of"):
        return f"City of {name.removesuffix(', City of')}"
    return name


# Where the Library sorts a constituency's name with its compass point last ("ANTRIM EAST") while
# the name is printed with it first ("East Antrim"). In England and Wales it prints the official
# names ("Harrow East", "Clwyd South"), and "East Harrow" is a district, not the constituency.
COMPASS_FIRST_NATIONS = ("Scotland", "Northern Ireland")


def printed_forms(library_name: str, compass_first: bool = False) -> list[str]:
    """The names a constituency is printed as, from the Library's capitals: "BIRMINGHAM, HALL
    GREEN" -> "Birmingham, Hall Green", "Birmingham Hall Green"; "CHESTER, CITY OF" -> "City of
    Chester"; "&" and "and" both; and, `compass_first`, "ANTRIM EAST" -> "Antrim East", "East Antrim"."""
    name = _title_case(library_name)
    for suffix in (", City of", ", The"):
        if name.endswith(suffix):
            name = f"{suffix.removeprefix(', ')} {name.removesuffix(suffix)}"
    name = re.sub(r" \((\w+)\)$", r" (\1)", name)
    forms = {name, name.replace(",", "")}
    for form in list(forms) if compass_first else ():
        # "Dunfermline & Fife West" -> "Dunfermline & West Fife": compass points first, part by part.
        parts = re.split(r"( & | and |, )", form)
        inverted = "".join(re.sub(rf"^(.+?) ({COMPASS})$", r"\2 \1", part) if i % 2 == 0 else part for i, part in enumerate(parts))
        forms.add(inverted)
    for form in list(forms):
        forms |= {form.replace(" & ", " and "), form.replace(" and ", " & ")}
    return sorted((RESTORED_SPELLINGS.get(form, form) for form in forms), key=lambda form: (form != name, form))


def _title_case(capitals: str) -> str:
    def word(part: str, first: bool) -> str:
        lower = part.lower()
        if lower in SMALL_WORDS and not first:
            return lower
        return lower[:1].upper() + lower[1:]

    words = capitals.split(" ")
    return " ".join("-".join(word(piece, i == 0 and j == 0) for j, piece in enumerate(w.split("-"))) for i, w in enumerate(words))


def _constituencies(towns: dict[str, list], areas: list[Area], place_type) -> list[Area]:
    path = package_data("uk_politics", "data", "GE_results.tsv")
    seen: dict[str, dict] = {}
    with path.open(encoding="utf-8", newline="") as lines:
        for row in csv.DictReader(lines, delimiter="\t"):
            if row["date"] < "2010":
                continue
            code, name, county, region, nation, _ = row["location"].split("|")
            record = seen.setdefault(code, {"names": [], "county": "", "region": REGION_CANONICAL.get(region, region), "nation": nation, "date": ""})
            if name not in record["names"]:
                record["names"].append(name)
            if row["date"] >= record["date"]:
                record["date"], record["canonical"] = row["date"], name
            record["county"] = record["county"] or county
    areas_by_name = {area.place.name: area.place for area in areas}
    constituencies = []
    for code, record in sorted(seen.items()):
        forms = list(dict.fromkeys(form for name in [record["canonical"], *record["names"]] for form in printed_forms(name, record["nation"] in COMPASS_FIRST_NATIONS)))
        place = place_type(
            id=f"{slug(forms[0])}-{code.lower()}", name=forms[0], kind="parliamentary constituency", latitude=None, longitude=None,
            precision_km=None, admin_area=record["county"] or record["region"], country="United Kingdom",
            source=f"House of Commons Library, general election results 2010–2019, constituency {code} (uk-politics {version('uk-politics')}; Open Parliament Licence v3.0)",
            nation=record["nation"], region=record["region"] if record["nation"] == "England" else None,
        )
        place = _with_main_town(place, forms, record["county"], towns, areas_by_name)
        constituencies.append(Area(place, tuple(forms[1:])))
    return constituencies


def _with_main_town(place, forms: list[str], county: str, towns: dict[str, list], areas_by_name: dict):
    """The constituency at its main town's point, with a precision holding the town's area."""
    from scripts.pipeline.resolve.gazetteer import distance_km

    for form in forms:
        words = form.replace(",", "").split(" ")
        for length in range(len(words), 0, -1):
            prefix = " ".join(words[:length])
            found = [town for town in towns.get(prefix, ()) if town.nation == place.nation and town.has_point]
            area = areas_by_name.get(prefix)
            if area is not None and area.nation == place.nation and area.has_point and not found:
                return replace(
                    place, latitude=area.latitude, longitude=area.longitude, precision_km=area.precision_km,
                    source=f"{place.source}; point and precision: those of {area.name}, which its name begins with",
                )
            # Several towns of the name in its nation: decided by its county, or by the area
            # named as the town is ("Newport West": the Newport of the city of Newport).
            for deciding in (areas_by_name.get(county), area):
                if len(found) > 1 and deciding is not None and deciding.has_point and deciding.nation == place.nation:
                    found = [town for town in found if distance_km(town, deciding) <= deciding.precision_km]
            if len(found) == 1:
                town = found[0]
                holding = [a for a in areas_by_name.values() if a.has_point and a.kind != "nation" and distance_km(town, a) <= a.precision_km]
                if not holding:
                    return place
                smallest = min(holding, key=lambda a: a.precision_km)
                precision = float(math.ceil(distance_km(town, smallest) + smallest.precision_km))
                return replace(
                    place, latitude=town.latitude, longitude=town.longitude, precision_km=precision,
                    source=(
                        f"{place.source}; point: its main town, {town.name} ({town.source}); precision: a disc round the town "
                        f"holding all of {smallest.name}, where the town lies"
                    ),
                )
            if found:
                return place  # several towns of that name in its nation and no county to decide
    return place


def _regions(constituencies: list[Area], place_type) -> list[Area]:
    regions = {}
    for area in constituencies:
        if area.place.region and area.place.has_point:
            regions.setdefault(area.place.region, []).append(area.place)
    found = []
    for name, members in sorted(regions.items()):
        latitude = sum(member.latitude for member in members) / len(members)
        longitude = sum(member.longitude for member in members) / len(members)
        farthest = max(_distance((latitude, longitude), (m.latitude, m.longitude)) for m in members)
        place = place_type(
            id=f"{slug(name)}-region", name=name, kind="region", latitude=round(latitude, 5), longitude=round(longitude, 5),
            precision_km=float(math.ceil(farthest + AREA_MARGIN_KM)), admin_area="England", country="United Kingdom",
            source=(
                f"Region of England, as the House of Commons Library's election results name it (uk-politics {version('uk-politics')}; "
                f"Open Parliament Licence v3.0); point: the mean of its {len(members)} constituencies' points; precision: the farthest of them, plus {AREA_MARGIN_KM} km"
            ),
            nation="England", region=name,
        )
        found.append(Area(place, tuple(alias for alias in REGION_NAMES.get(name, ()) if alias != name)))
    return found


@functools.cache
def names_abroad() -> frozenset[str]:
    """Names of countries and of their subdivisions outside the UK (ISO 3166-1 and 3166-2, as
    pycountry carries them): "Western Australia", "Punjab", "Ontario"."""
    countries = json.loads(package_data("pycountry", "databases", "iso3166-1.json").read_text(encoding="utf-8"))["3166-1"]
    names = {country.get(key) for country in countries if country["alpha_2"] != "GB" for key in ("name", "common_name", "official_name")}
    names |= {ISO_NAME.match(entry["name"])["name"] for entry in json.loads(package_data("pycountry", "databases", "iso3166-2.json").read_text(encoding="utf-8"))["3166-2"] if not entry["code"].startswith("GB-")}
    return frozenset(name for name in names if name)
