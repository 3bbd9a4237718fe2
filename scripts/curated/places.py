"""The curated places file (`places.yml` in the seeds folder): what the offline gazetteer
lacks or gets wrong for these documents.

Takes: the seeds folder. Gives: its places, each with a kind, a point given as
coordinates or as the GeoNames place whose point stands for it (or neither, for a place too
large to be a point), a precision exactly when it has a point, and the source of every point;
and `not_places`, names that are ordinary words in these documents, each with its reason. The
gazetteer (`scripts.pipeline.resolve.gazetteer`) merges them with GeoNames.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, ClassVar

from pydantic import BeforeValidator, model_validator

from scripts.common.identifiers import slug
from scripts.curated.schema import (
    CuratedFile,
    Entry,
    Integer,
    Number,
    RequiredText,
    Text,
    Texts,
    check_unique_ids,
    one_of,
    read_curated_file,
)

PLACES_FILE_NAME = "places.yml"
PLACE_KINDS = (
    "country", "region", "county", "town or city", "London borough", "district or neighbourhood",
    "parliamentary constituency", "street", "nation", "unitary authority", "metropolitan borough", "council area",
    "district council",
)


def _latitude_longitude(value):
    """"51.5, -0.1" -> (51.5, -0.1), in range."""
    if value is None or value == "":
        return None
    try:
        latitude, longitude = (float(part) for part in str(value).split(","))
    except ValueError:
        raise ValueError("must be 'latitude, longitude'") from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError(f"{value!r} are out of range")
    return latitude, longitude


class CuratedPlace(Entry):
    id: Text = None  # permanent; the slug of the name when not given
    name: RequiredText
    aliases: Texts = ()
    kind: Annotated[RequiredText, one_of(PLACE_KINDS)]
    coordinates: Annotated[tuple[float, float] | None, BeforeValidator(_latitude_longitude)] = None
    geonames: Integer = None  # the GeoNames place whose point stands for this one
    precision_km: Number = None
    admin_area: Text = None
    country: Text = "United Kingdom"
    nation: Annotated[Text, one_of(("England", "Scotland", "Wales", "Northern Ireland"))] = None  # for a place in the UK
    source: RequiredText
    note: Text = None

    @model_validator(mode="after")
    def _precision_with_a_point(self):
        if (self.coordinates is None and self.geonames is None) != (self.precision_km is None):
            raise ValueError(f"{self.name} needs precision_km exactly when it has coordinates or a GeoNames point")
        if self.country == "United Kingdom" and self.kind != "country" and self.nation is None:
            raise ValueError(f"{self.name} is in the United Kingdom: say which nation (England, Scotland, Wales or Northern Ireland)")
        if self.id is None:
            object.__setattr__(self, "id", slug(self.name))
        return self


class NotAPlace(Entry):
    name: RequiredText
    reason: RequiredText


class PlacesFile(CuratedFile):
    shape: ClassVar[str] = "a 'places:' list and a 'not_places:' list"
    places: tuple[CuratedPlace, ...] = ()
    not_places: tuple[NotAPlace, ...] = ()


def load_places(seeds_dir: Path) -> PlacesFile:
    path = seeds_dir / PLACES_FILE_NAME
    places = read_curated_file(PlacesFile, path) or PlacesFile()
    check_unique_ids(places.places, path)
    return places
