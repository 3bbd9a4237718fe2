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
    found, _ = place_in_authorities(list(places), curated or {}, [], lambda latitude, longitude: None)
    return found


def test_a_neighbourhood_is_in_the_authority_of_the_postcode_nearest_its_point():
    found = placements(
        place("Seven Kings", 51.5640, 0.0970), place("Forest Gate", 51.5495, 0.0240),
        place("Leith", 55.9750, -3.1700), place("Canton", 51.4820, -3.2000, nation="Wales"),
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
    assert authority_key("Bristol, City of") == authority_key("City of Bristol") == "bristol"
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
    unplaced = db.execute("select count(*) from local_authorities where nation = 'England' and region is null").fetchone()[0]
    assert unplaced < 30  # near a region border the rule does not guess; the closing note gives the count


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


@pytest.mark.parametrize("area, column", [("Redbridge", "name"), ("london", "region"), ("Hertfordshire", "county"), ("England", "nation"), ("E09000026", "id")])
def test_signatories_in_an_area_counts_each_signature_once(datasette, db, area, column):
    rows = datasette.get(f"/kashmir/signatories_in_area.json?area={area}&_shape=array").json()
    ids = [row["id"] for row in rows]
    expected = db.execute(
        f"select count(*) from signatories join local_authorities on local_authorities.id = signatories.local_authority_id where local_authorities.{column} = ? collate nocase",
        (area,),
    ).fetchone()[0]
    assert rows and len(ids) == len(set(ids)) == expected


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
