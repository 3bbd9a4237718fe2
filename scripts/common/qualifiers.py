"""Names printed after a place to say where it is ("Newport, Wales", "Perth, Western
Australia"), shared by the extract stage (such a name is part of the place, not a role) and the
resolve stage (a place qualified by a name abroad is not a UK place).

The UK's own: its nations, their names in Welsh and Scottish Gaelic, and the UK; and its
counties and other areas, by their names in ISO 3166-2:GB (pycountry) and the counties the
House of Commons Library's election results file constituencies under (uk-politics). Abroad: the
names of countries and of their subdivisions outside the UK in ISO 3166-1 and 3166-2, as the
pycountry package carries them ("Western Australia", "Punjab", "Ontario"), less the words that
are only compass points or kinds of area ("Central", "Northern", "Eastern") and "Ireland",
which writers also use for Northern Ireland ("Belfast, Ireland").
"""

from __future__ import annotations

import functools
import json
import re

from scripts.common.paths import package_data

UK_QUALIFIERS = frozenset({"England", "Scotland", "Wales", "Northern Ireland", "Cymru", "Alba", "UK", "United Kingdom"})
NOT_ABROAD = frozenset({"Ireland"})
ONLY_COMPASS_OR_KIND = re.compile(
    r"^(?:(?:North|South|East|West|Central|Northern|Southern|Eastern|Western|Upper|Lower|Middle|Inner|Outer|Greater|Capital|"
    r"Lakes|Coast|Coastal|Islands|Highlands|Region|Province|District|Territory|City|Municipality)\s*)+$"
)
# ISO 3166-2 prints a second official name in brackets: "Newport [Casnewydd GB-CNW]".
ISO_NAME = re.compile(r"^(?P<name>[^\[]+?)(?: \[(?P<other>[^\]]+?)(?: [A-Z]{2}-\w+)?\])?$")


@functools.cache
def names_abroad() -> frozenset[str]:
    """Names of countries and of their subdivisions outside the UK."""
    countries = json.loads(package_data("pycountry", "databases", "iso3166-1.json").read_text(encoding="utf-8"))["3166-1"]
    names = {country.get(key) for country in countries if country["alpha_2"] != "GB" for key in ("name", "common_name", "official_name")}
    subdivisions = json.loads(package_data("pycountry", "databases", "iso3166-2.json").read_text(encoding="utf-8"))["3166-2"]
    names |= {ISO_NAME.match(entry["name"])["name"] for entry in subdivisions if not entry["code"].startswith("GB-")}
    return frozenset(name for name in names if name and name not in NOT_ABROAD and not ONLY_COMPASS_OR_KIND.match(name))


@functools.cache
def uk_area_names() -> frozenset[str]:
    """Names of the UK's counties and other areas ("Kent", "Bedfordshire", "Isle of Wight")."""
    subdivisions = json.loads(package_data("pycountry", "databases", "iso3166-2.json").read_text(encoding="utf-8"))["3166-2"]
    names = set()
    for entry in subdivisions:
        if entry["code"].startswith("GB-"):
            parts = ISO_NAME.match(entry["name"])
            names |= {parts["name"], parts["other"]}
    with package_data("uk_politics", "data", "GE_results.tsv").open(encoding="utf-8") as lines:
        next(lines)
        names |= {line.split("\t", 1)[0].split("|")[2] for line in lines}
    return frozenset(name for name in names if name and "," not in name)
