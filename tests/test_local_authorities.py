"""Places by area: every location's local authority, county, region and nation.

The rules (`scripts.pipeline.resolve.local_authorities`) on invented places at real points,
whose authorities are known from a map, then the published tables: the authorities of Great
Britain, each location's authority or the reason it has none, the signatories' facet by
authority ("Redbridge gives the 10 of the mosques' 61") and the query "signatories in an area".
"""

from __future__ import annotations

import re

import pytest

from scripts.common.errors import BuildError
from scripts.pipeline.resolve import local_authorities as module
from scripts.pipeline.resolve.gazetteer import Place
from scripts.pipeline.resolve.local_authorities import authority_key, place_in_authorities

REDBRIDGE, NEWHAM, WESTMINSTER, BIRMINGHAM, SANDWELL = "E09000026", "E09000025", "E09000033", "E08000025", "E08000028"
EDINBURGH, CARDIFF = "S12000036", "W06000015"


def place(name, latitude, longitude, kind="district or neighbourhood", precision_km=1.0, nation="England", country="United Kingdom"):
    return Place(
        id=name.lower().replace(" ", "-"), name=name, kind=kind, latitude=latitude, longitude=longitude,
        precision_km=precision_km if latitude is not None else None, admin_area=None, country=country,
        source="invented for a test", nation=nation,
    )


def placements(*places, curated=None):
    found, _ = place_in_authorities(list(places), curated or {}, [])
    return found


def test_a_neighbourhood_is_in_the_authority_of_the_postcode_nearest_its_point():
    found = placements(
        place("Seven Kings", 51.5640, 0.0970), place("Forest Gate", 51.5495, 0.0240),
        place("Leith", 55.9750, -3.1700, nation="Scotland"), place("Canton", 51.4820, -3.2000, nation="Wales"),
    )
    assert [found[key].local_authority_id for key in ("seven-kings", "forest-gate", "leith", "canton")] == [REDBRIDGE, NEWHAM, EDINBURGH, CARDIFF]
    assert found["seven-kings"].method.startswith("that of the postcode nearest its point (") and "ONS Postcode Directory" in found["seven-kings"].method


def test_a_town_is_placed_only_when_its_points_authority_holds_most_of_it():
    found = placements(
        place("Birmingham", 52.4814, -1.8998, kind="town or city", precision_km=11.1),
        place("London", 51.5085, -0.1257, kind="town or city", precision_km=30.8),
    )
    assert found["birmingham"].local_authority_id == BIRMINGHAM
    assert found["london"].local_authority_id is None
    assert "Westminster" in found["london"].method and "of the postcodes within the town's 30.8 km" in found["london"].method


def test_the_curated_places_file_wins_over_the_point():
    # Great Barr's curated point lies on the Sandwell side of the border; the reviewed file says Birmingham.
    great_barr = place("Great Barr", 52.548, -1.932, precision_km=3.0)
    assert placements(great_barr)["great-barr"].local_authority_id == SANDWELL
    found = placements(great_barr, curated={"great-barr": "Birmingham"})["great-barr"]
    assert found.local_authority_id == BIRMINGHAM and found.method == "the curated places file says it is in Birmingham"
    assert placements(place("Neasden", None, None), curated={"neasden": "London Borough of Brent"})["neasden"].local_authority_id == "E09000005"


def test_a_curated_area_that_names_no_one_authority_is_said_so_and_the_rules_decide():
    # "London" is not the City of London; "Greater London" is no authority.
    seven_kings = place("Seven Kings", 51.5640, 0.0970)
    for area in ("London", "Greater London"):
        found = placements(seven_kings, curated={"seven-kings": area})["seven-kings"]
        assert found.local_authority_id == REDBRIDGE and found.method.endswith(f"(the curated places file's “{area}” names no one local authority)")


def test_a_point_whose_nearest_postcode_is_in_another_nation_is_not_placed():
    # The English shore of the Severn estuary, nearer to a Monmouthshire postcode than to any English one.
    found = placements(place("Severn shore", 51.60, -2.68))["severn-shore"]
    assert found.local_authority_id is None and "Wales" in found.method and "the place is in England" in found.method


def test_a_town_without_a_precision_is_not_placed():
    found = placements(place("London", 51.5085, -0.1257, kind="town or city", precision_km=None))["london"]
    assert found.local_authority_id is None and found.method.startswith("none: a town without a precision")


def test_an_authority_is_the_authority_of_its_name_whatever_its_point():
    # A borough's point stands for its town hall's town; the name decides.
    found = placements(place("Newham", 51.5577, 0.0728, kind="London borough", precision_km=6))["newham"]
    assert found.local_authority_id == NEWHAM and found.method == "the local authority of its name"


@pytest.mark.parametrize(
    "where, reason",
    [
        (place("Kent", 51.267, 0.517, kind="county", precision_km=60), "none: a county may span several local authorities"),
        (place("Tooting", 51.425, -0.164, kind="parliamentary constituency", precision_km=3), "none: a parliamentary constituency may span several local authorities"),
        (place("Midlands", None, None, kind="region"), "none: a region may span several local authorities"),
        (place("Keston", None, None), "none: the place has no point"),
        (place("Belfast", 54.5973, -5.9301, kind="town or city", precision_km=5, nation="Northern Ireland"), "none: Northern Ireland's postcodes"),
        (place("Islamabad", 33.72, 73.06, kind="town or city", precision_km=10, nation=None, country="Pakistan"), "none: not in the United Kingdom"),
        (place("Dogger Bank", 54.75, 2.0), "none: no postcode within 2 km of its point"),
    ],
)
def test_a_place_that_may_span_authorities_or_cannot_be_placed_has_none_and_says_why(where, reason):
    found = placements(where)[where.id]
    assert found.local_authority_id is None and found.method.startswith(reason)


def test_authority_names_compare_without_their_style():
    assert authority_key("London Borough of Redbridge") == authority_key("Redbridge") == "redbridge"
    assert authority_key("Bristol, City of") == authority_key("Bristol") == "bristol"  # the ONS prints "Bristol, City of"
    assert authority_key("City of London") != authority_key("London")  # London is not the City of London
    assert authority_key("Royal Borough of Greenwich") == "greenwich"
    assert authority_key("Brighton & Hove") == "brighton and hove"


def test_a_code_no_file_names_or_a_code_named_twice_is_a_build_error(tmp_path, monkeypatch):
    names = tmp_path / "local_authority_names.yml"
    names.write_text("authorities:\n  - code: E09000026\n    name: Redbridge\n    evidence: invented\n", encoding="utf-8")
    monkeypatch.setattr(module, "NAMES_FILE", names)
    with pytest.raises(BuildError) as error:
        placements(place("Seven Kings", 51.5640, 0.0970))
    assert "local_authority_names.yml:2" in str(error.value) and "E09000026 is named by the ONS lookup already" in str(error.value)
    names.write_text("authorities: []\n", encoding="utf-8")
    with pytest.raises(BuildError) as error:
        placements(place("Seven Kings", 51.5640, 0.0970))
    assert "codes no file names: E06000063, E06000064" in str(error.value) and "S12000050" in str(error.value)


# The published tables.


def test_every_authority_of_great_britain_is_listed_with_its_tier_region_and_nation(db):
    rows = db.execute("select id, name, kind, county, region, nation from local_authorities").fetchall()
    by_type = {}
    for code, name, kind, county, region, nation in rows:
        by_type.setdefault(code[:3], set()).add(kind)
        assert nation == {"E": "England", "S": "Scotland", "W": "Wales"}[code[0]], code
        assert (county is not None) == (code[:3] == "E07"), (code, county)
        assert region is None or nation == "England", code
        if code[:3] == "E09":
            assert region == "London", code
    # 2025's authorities: 33 London boroughs, 36 metropolitan boroughs, 63 unitary authorities,
    # 164 districts, 22 Welsh principal areas, 32 Scottish council areas.
    assert {prefix: len([row for row in rows if row[0][:3] == prefix]) for prefix in by_type} == {
        "E06": 63, "E07": 164, "E08": 36, "E09": 33, "S12": 32, "W06": 22
    }
    assert dict(db.execute("select id, name from local_authorities where id in ('E06000066', 'E08000039', 'S12000013', 'E07000112')").fetchall()) == {
        "E06000066": "Somerset", "E08000039": "Sheffield", "S12000013": "Na h-Eileanan Siar", "E07000112": "Folkestone and Hythe",
    }
    assert tuple(db.execute("select county, region from local_authorities where name = 'Folkestone and Hythe'").fetchone()) == ("Kent", "South East")
    for code, region, method in db.execute("select id, region, region_method from local_authorities where nation = 'England'"):
        assert method and (region is None) == method.startswith("none: "), code
    assert db.execute("select count(*) from local_authorities where nation = 'England' and region is null").fetchone()[0] <= 10


@pytest.mark.parametrize(
    "name, region",
    [
        # Districts on region borders, which the nearest constituency towns got wrong.
        ("High Peak", "East Midlands"), ("Pendle", "North West"), ("Staffordshire Moorlands", "West Midlands"),
        # Rother Valley is in South Yorkshire; Rother is in East Sussex. Bury St Edmunds is not in Bury.
        ("Rother", "South East"), ("Bury", "North West"),
        ("Cornwall", "South West"), ("Hertsmere", "East of England"), ("New Forest", "South East"), ("Calderdale", "Yorkshire and The Humber"),
        ("Redbridge", "London"), ("Sheffield", "Yorkshire and The Humber"),
    ],
)
def test_an_authoritys_region_is_the_one_it_lies_in(db, name, region):
    assert db.execute("select region from local_authorities where name = ?", (name,)).fetchone()[0] == region


def test_every_district_of_a_county_is_in_one_region(db):
    split = db.execute(
        "select county, group_concat(distinct region) from local_authorities where county is not null group by county having count(distinct region) > 1"
    ).fetchall()
    assert not split, [tuple(row) for row in split]


def test_every_location_has_an_authority_or_says_why_not_and_repeats_its_authoritys_hierarchy(db):
    for name, authority, county, region, nation, method, authority_county, authority_region, authority_nation in db.execute(
        """select locations.name, locations.local_authority_id, locations.county, locations.region, locations.nation, area_method,
                  local_authorities.county, local_authorities.region, local_authorities.nation
           from locations left join local_authorities on local_authorities.id = locations.local_authority_id"""
    ):
        assert method, name
        if authority is None:
            assert method.startswith("none: ") and county is None, name
        else:
            assert not method.startswith("none") and (county, nation) == (authority_county, authority_nation), name
            assert region == authority_region or (authority_region is None and region is not None), name


def test_the_mosques_signatories_in_redbridge_are_ten_of_sixty_one(datasette, db):
    letter = db.execute("select id from letters where title like '%mosques%'").fetchone()[0]
    page = datasette.get(f"/kashmir/signatories.json?letter_id={letter}&_facet=local_authority_id&_size=0").json()
    assert page["filtered_table_rows_count"] == 61
    facet = {value["label"]: value["count"] for value in page["facet_results"]["local_authority_id"]["results"]}
    assert facet["Redbridge"] == 10
    names = {row[0] for row in db.execute("select locations.name from signatories join locations on locations.id = signatories.location_id where letter_id = ? and signatories.local_authority_id = ?", (letter, REDBRIDGE))}
    assert names == {"Ilford", "Seven Kings", "Gants Hill", "Newbury Park", "South Woodford", "Redbridge"}


def test_the_signatories_page_offers_the_authority_facet_in_words(datasette):
    html = datasette.get("/kashmir/signatories").text
    facet = re.search(r'<div class="facet-info[^"]*" id="facet-local_authority_id[^>]*>(.*?)</div>', html, re.S).group(1)
    assert re.search(r"<strong>local authority\s*<code[^>]*>local_authority_id</code>", facet)
    assert ">Redbridge</a> 10" in facet  # all ten are the mosques': no other letter has a signatory there


# Each area's signatories, found another way: by the places known to lie in it.
REDBRIDGE_PLACES = ("Ilford", "Seven Kings", "Gants Hill", "Newbury Park", "South Woodford", "Redbridge")


@pytest.mark.parametrize(
    "area, expected_sql",
    [
        ("Redbridge", f"select s.id from signatories s join locations l on l.id = s.location_id where l.name in {REDBRIDGE_PLACES}"),
        ("E09000026", f"select s.id from signatories s join locations l on l.id = s.location_id where l.name in {REDBRIDGE_PLACES}"),
        # London: the signatories at places of kind London borough, or at places in one.
        ("london", "select s.id from signatories s join local_authorities a on a.id = s.local_authority_id where a.kind = 'London borough'"),
        ("Hertfordshire", "select s.id from signatories s join locations l on l.id = s.location_id where l.name = 'Stevenage'"),
        # Every place of the seeds with an authority is in England.
        ("England", "select id from signatories where local_authority_id is not null"),
    ],
)
def test_signatories_in_an_area_lists_each_signature_once(datasette, db, area, expected_sql):
    rows = datasette.get(f"/kashmir/signatories_in_area.json?area={area}&_shape=array").json()
    ids = [row["id"] for row in rows]
    expected = {row[0] for row in db.execute(expected_sql)}
    assert expected and len(ids) == len(set(ids)) and set(ids) == expected


def test_signatories_in_an_area_answers_nothing_when_emptied(datasette):
    # Opened without an area it opens on its example (tests/test_reader_pages.py, for every query).
    assert datasette.get("/kashmir/signatories_in_area.json?area=&_shape=array").json() == []


def test_each_authority_counts_the_signatures_located_in_it(db):
    counted = dict(db.execute("select local_authority_id, count(*) from signatories where local_authority_id is not null group by 1").fetchall())
    listed = dict(db.execute("select id, signature_count from local_authorities where signature_count > 0").fetchall())
    assert counted == listed and counted[REDBRIDGE] == 10


def test_the_seeds_figures_the_readme_gives(db):
    # README, "Places and the map": 35 of the 43 locations and 43 of the 65 signatures have an authority.
    assert tuple(db.execute("select count(local_authority_id), count(*) from locations").fetchone()) == (35, 43)
    assert tuple(db.execute("select count(local_authority_id), count(*) from signatories").fetchone()) == (43, 65)
