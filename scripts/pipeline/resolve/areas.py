"""Reference data for UK areas: nations, English regions, counties, unitary authorities,
metropolitan districts, London boroughs, Scottish council areas, Northern Irish districts, and
the Westminster constituencies of 2010–2024, each with the nation it lies in and, where a
source gives one, a point and a precision.

Takes: three pinned packages. Gives: `uk_areas(towns)`: `Area`s (a `Place` and the other names
it is printed as), which the gazetteer adds to the towns of GeoNames (`towns`: name -> places).

- Which areas there are, their kind and nation: ISO 3166-2:GB, as the pycountry package
  carries it (Debian's iso-codes; LGPL 2.1).
- Their points: the countrystatecity-countries package (the countries-states-cities
  database, ODbL 1.0), matched by ISO code; where the point lies far from most of the area's own
  places there (`UNTRUSTED_POINT_KM`), their median instead, and the source says so; an area
  with fewer than `AREA_MINIMUM_PLACES` places there has no point (how far it reaches is unknown). Precision: the distance from the point to the
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
  region's point is the median of its constituencies' points, its precision the farthest of
  them plus `AREA_MARGIN_KM`. So are the counties the Library files constituencies under that
  ISO 3166-2 does not list (Greater Manchester, West Yorkshire, Bedfordshire, Berkshire). Whether a town lies in a region is asked of the constituency whose
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
import statistics
from dataclasses import dataclass, replace
from importlib import metadata

from scripts.common.geometry import distance_km, great_circle_km
from scripts.common.identifiers import slug
from scripts.common.paths import package_data
from scripts.common.qualifiers import ISO_NAME

AREA_MARGIN_KM = 3
AREA_MINIMUM_KM = 5
# A point farther than this (or than twice the spread of its area's places) from the middle of
# those places is a slip of the source (the database puts Bolton off Cornwall): their median
# point stands for it.
UNTRUSTED_POINT_KM = 30
AREA_MINIMUM_PLACES = 3  # an area the database puts fewer places in has no point here
STRAY_PLACE_TIMES = 6
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

# The regions of England as the Library names them, and other names they are printed under.
REGION_NAMES = {
    "North East": ("North East England",), "North West": ("North West England",),
    "Yorkshire and The Humber": ("Yorkshire and the Humber", "Yorkshire"), "East Midlands": (), "West Midlands": (),
    "South West": ("South West England",), "South East": ("South East England",), "East of England": (),
}
# The Library's results name the East of England "Eastern" and "East": neither is read as the
# region ("Eastern Europe", "Middle Eastern"), only "East of England".
REGION_CANONICAL = {"East": "East of England", "Eastern": "East of England"}
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
    return [*areas, *_regions(constituencies, place_type), *_counties(constituencies, areas, place_type), *constituencies]


REGION_MARGIN_KM = 10


def region_of(place, constituencies: list) -> str | None:
    """The English region of a place with a point: that of the constituencies whose main towns
    are nearest to it; None near a border, where a constituency of another region is within
    `REGION_MARGIN_KM` of as near (Todmorden, Glossop: not guessed)."""
    if not place.has_point or place.nation != "England":
        return None
    located = sorted(
        ((distance_km(place, area.place), area.place.region) for area in constituencies if area.place.has_point and area.place.region),
        key=lambda pair: pair[0],
    )
    if not located:
        return None
    nearest_km, region = located[0]
    if any(other != region for distance, other in located if distance <= nearest_km + REGION_MARGIN_KM):
        return None
    return region


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
    # A nation holds the places of all its areas; any other area, its own.
    members = [other for other in states.values() if other.get("parent") == code] if kind == "nation" else [state] if state else []
    places = [(float(city["latitude"]), float(city["longitude"])) for member in members for city in member["cities"]]
    if state and state.get("latitude") and len(places) < AREA_MINIMUM_PLACES:
        source += f"; no point: the countries-states-cities database puts {len(places)} of its places in it, too few to say how far it reaches"
    elif state and state.get("latitude"):
        latitude, longitude = float(state["latitude"]), float(state["longitude"])
        point_source = f"countries-states-cities database, state {state['id']}"
        middle = (statistics.median(city[0] for city in places), statistics.median(city[1] for city in places))
        spread = statistics.median(great_circle_km(middle, city) for city in places)
        if kind != "nation" and great_circle_km((latitude, longitude), middle) > max(UNTRUSTED_POINT_KM, 2 * spread):
            latitude, longitude = round(middle[0], 5), round(middle[1], 5)
            point_source = (
                f"the median of its places' points in the countries-states-cities database (its state {state['id']}'s own point lies "
                f"far from them)"
            )
        distances = sorted(great_circle_km((latitude, longitude), city) for city in places)
        # A place filed far beyond all the others (East Chevington, Northumberland, under Dudley)
        # is a slip of the database, left out of the reach.
        typical = statistics.median(distances)
        kept = [distance for distance in distances if distance <= STRAY_PLACE_TIMES * typical + AREA_MARGIN_KM]
        precision = float(max(AREA_MINIMUM_KM, math.ceil(kept[-1] + AREA_MARGIN_KM)))
        strays = f", leaving out {len(distances) - len(kept)} filed over {STRAY_PLACE_TIMES} times farther than most" if len(kept) < len(distances) else ""
        source += (
            f"; point: {point_source} (countrystatecity-countries {version('countrystatecity-countries')}, ODbL 1.0); precision: the "
            f"farthest of its {len(places)} places there{strays}, plus {AREA_MARGIN_KM} km"
        )
    place = place_type(
        id=f"{slug(name)}-{code.lower()}", name=name, kind=kind, latitude=latitude, longitude=longitude, precision_km=precision,
        admin_area=None if kind == "nation" else nation, country="United Kingdom", source=source, nation=nation,
    )
    aliases = [parts["name"], parts["other"], *NATION_ALIASES.get(name, ()), *AREA_ALIASES.get(name, ())]
    return Area(place, tuple(dict.fromkeys(alias for alias in aliases if alias and alias != name)))


def _inverted(name: str) -> str:
    """ "London, City of" -> "City of London"; "Durham, County" -> "County Durham"; "Vale of
    Glamorgan, The" -> "Vale of Glamorgan"."""
    if name.endswith(", The"):
        return name.removesuffix(", The")
    for article in (", City of", ", County"):  # "London, City of" -> "City of London"; "Durham, County" -> "County Durham"
        if name.endswith(article):
            return f"{article.removeprefix(', ')} {name.removesuffix(article)}"
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
        opening = len(lower) - len(lower.lstrip("("))  # "(YORKS)" -> "(Yorks)"
        return lower[: opening + 1].upper() + lower[opening + 1 :]

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
    return _without_strays(constituencies)


STRAY_KM = 30


def _without_strays(constituencies: list[Area]) -> list[Area]:
    """No point for a constituency whose main town lies away from its region (in England) or
    nation: the town its name begins with is not its own ("Chipping Barnet" is not at Chipping,
    Lancashire; "Houghton and Sunderland South" not at Houghton, Cambridgeshire). A point is a
    stray when its nearest constituency is of another region or nation and none of its own lies
    within `STRAY_KM` of it (a town near a border keeps its point)."""
    located = [area.place for area in constituencies if area.place.has_point]

    def home(place) -> str:
        return place.region or place.nation

    def squared(place, other) -> float:
        scale = math.cos(math.radians(place.latitude))
        return (other.latitude - place.latitude) ** 2 + ((other.longitude - place.longitude) * scale) ** 2

    kept = []
    for area in constituencies:
        place = area.place
        if place.has_point:
            others = [other for other in located if other.id != place.id and (other.latitude, other.longitude) != (place.latitude, place.longitude)]
            nearest = min(others, key=lambda other: squared(place, other))
            own = [other for other in others if home(other) == home(place)]
            nearest_own_km = min((great_circle_km((place.latitude, place.longitude), (o.latitude, o.longitude)) for o in own), default=float("inf"))
            if home(nearest) != home(place) and nearest_own_km > STRAY_KM:
                place = replace(
                    place, latitude=None, longitude=None, precision_km=None,
                    source=(
                        f"{place.source.split('; point')[0]}; no point: the town its name begins with lies {nearest_own_km:.0f} km from "
                        f"every other constituency of {home(place)}, among those of {home(nearest)}"
                    ),
                )
        kept.append(Area(place, area.aliases))
    return kept


def _with_main_town(place, forms: list[str], county: str, towns: dict[str, list], areas_by_name: dict):
    """The constituency at its main town's point, with a precision holding the town's area."""
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
            # The town must lie in the constituency's county where the Library names a county
            # known here; several towns of the name are decided by it, or by the area named as
            # the town is ("Newport West": the Newport of the city of Newport).
            for deciding in (areas_by_name.get(county), area):
                if (len(found) > 1 or deciding is areas_by_name.get(county)) and deciding is not None and deciding.has_point and deciding.nation == place.nation:
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
    return [
        _grouped(name, "region", members, place_type, "Region of England", AREA_MARGIN_KM, aliases=REGION_NAMES.get(name, ()), region=name)
        for name, members in sorted(regions.items())
    ]


COUNTY_MARGIN_KM = 20  # a constituency reaches this far beyond its main town, or less


def _counties(constituencies: list[Area], areas: list[Area], place_type) -> list[Area]:
    """The counties the Library files constituencies under that ISO 3166-2 does not list (the
    metropolitan and ceremonial counties: Greater Manchester, West Yorkshire, Bedfordshire,
    Berkshire, Cheshire; the preserved counties of Wales: Gwent, Clwyd), each from its
    constituencies with a point, when at least three points, and half of them, are known."""
    known = {area.place.name for area in areas} | set(REGION_NAMES) | set(REGION_CANONICAL) | {"London", "Scotland", "Wales", "Northern Ireland"}
    counties: dict[tuple[str, str], list] = {}
    for area in constituencies:
        county = area.place.admin_area
        if county and county not in known:
            counties.setdefault((county, area.place.nation), []).append(area.place)
    return [
        _grouped(name, "county", [m for m in members if m.has_point], place_type, f"County of {nation}", COUNTY_MARGIN_KM, nation=nation)
        for (name, nation), members in sorted(counties.items())
        if len({(m.latitude, m.longitude) for m in members if m.has_point}) >= max(3, len(members) / 2)  # enough of it to say how far it reaches
    ]


def _grouped(name: str, kind: str, members: list, place_type, what: str, margin_km: float, aliases=(), region=None, nation="England") -> Area:
    """An area made of its constituencies: at the median of their points, reaching the farthest."""
    latitude = statistics.median(member.latitude for member in members)
    longitude = statistics.median(member.longitude for member in members)
    distances = sorted(great_circle_km((latitude, longitude), (m.latitude, m.longitude)) for m in members)
    # A constituency whose point strayed (its name's town is another county's) does not widen the reach.
    farthest = max(distance for distance in distances if distance <= STRAY_PLACE_TIMES * statistics.median(distances) + margin_km)
    place = place_type(
        id=f"{slug(name)}-{kind}", name=name, kind=kind, latitude=round(latitude, 5), longitude=round(longitude, 5),
        precision_km=float(math.ceil(farthest + margin_km)), admin_area=nation, country="United Kingdom",
        source=(
            f"{what}, as the House of Commons Library's election results name it (uk-politics {version('uk-politics')}; "
            f"Open Parliament Licence v3.0); point: the median of its {len(members)} constituencies' points; precision: the farthest of "
            f"them, plus {margin_km} km"
        ),
        nation=nation, region=region,
    )
    return Area(place, tuple(alias for alias in aliases if alias != name))
