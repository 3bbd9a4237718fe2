"""Locations: every signatory on the map where the text supports it, and nowhere it does not."""

from __future__ import annotations

import json

import pytest


def located(db, name):
    row = db.execute(
        "select signatories.*, locations.name as location_name, locations.kind as location_kind "
        "from signatories left join locations on locations.id = location_id where signatories.name = ?",
        [name],
    ).fetchone()
    assert row is not None, name
    return row


@pytest.mark.parametrize(
    "signatory, location_id",
    [
        ("Newbury Park Mosque", "newbury-park-13354228"),
        ("Leytonstone Masjid Majlis-e-Ulama-e-Shia-Europe", "leytonstone-6692921"),
        ("Leyton Jamia Masjid MCT", "leyton-2644542"),
        ("Stoke Poges Lane Masjid", "stoke-poges-lane-slough"),
    ],
)
def test_the_longest_name_wins(db, signatory, location_id):
    assert located(db, signatory)["location_id"] == location_id


def test_newbury_park_is_in_redbridge_not_newbury_in_berkshire(db):
    row = db.execute("select * from locations where id = 'newbury-park-13354228'").fetchone()
    assert row["latitude"] == pytest.approx(51.577, abs=0.01)
    assert db.execute("select count(*) from locations where name = 'Newbury'").fetchone()[0] == 0


def test_stoke_poges_lane_is_a_street_of_slough_not_stoke_on_trent(db):
    row = located(db, "Stoke Poges Lane Masjid")
    assert (row["location_name"], row["location_kind"]) == ("Stoke Poges Lane", "street")
    assert "Slough" in db.execute("select source from locations where id = ?", [row["location_id"]]).fetchone()[0]


@pytest.mark.parametrize(
    "signatory, place",
    [
        ("Kent Muslim Welfare Association (Gillingham Mosque)", "Gillingham"),
        ("Redbridge Islamic Centre (Redbridge and Gants Hill)", "Gants Hill"),
        ("Great Barr Muslim Foundation Birmingham", "Great Barr"),
        ("North West Kent Muslim Association (Crayford Mosque)", "Crayford"),
        ("Tehreek-e-Kashmir UK", "London"),
        ("Ilford Islamic Centre (Albert Road)", "Ilford"),
    ],
)
def test_the_most_specific_place_the_text_gives_wins(db, signatory, place):
    assert located(db, signatory)["location_name"] == place


def test_gillingham_is_the_kent_one_because_the_signature_names_kent(db):
    row = located(db, "Kent Muslim Welfare Association (Gillingham Mosque)")
    assert row["location_id"] == "gillingham-2648657"  # Gillingham, Kent; not 2648658 in Dorset
    assert "within Kent" in row["location_method"]


def test_kent_in_muslim_association_of_kent_is_the_county(db):
    row = located(db, "Muslim Association of Kent")
    assert (row["location_id"], row["location_kind"]) == ("kent", "county")


def test_shirley_stays_unresolved_and_flagged_with_its_candidates(db):
    row = located(db, "Shirley Muslim Association")
    assert row["location_id"] is None and row["location_status"] == "ambiguous"
    review = db.execute("select * from places_to_review where printed = 'Shirley'").fetchone()
    candidates = json.loads(review["candidates"])
    assert {candidate["id"] for candidate in candidates} == {"shirley-2637934", "shirley-2637935", "shirley-8224782"}
    assert all(candidate["source"].startswith("GeoNames") for candidate in candidates)
    assert review["signatory"] == "Shirley Muslim Association"


def test_places_named_together_that_do_not_nest_are_several_places(db):
    row = located(db, "South East London & Kent Council of Mosques (SELKOM)")
    assert row["location_id"] is None and row["location_status"] == "several places"


def test_an_organisation_whose_name_holds_no_place_has_no_location(db):
    for name in ("Hazrat Sultan Bahu Trust", "Apex Trust", "Jamia Masjid and Islamic Centre (JMIC)", "Masjid Falah"):
        row = located(db, name)
        assert (row["location_id"], row["location_status"]) == (None, "no place"), name
    organisation = db.execute("select location_id from organisations where id = 'socialist-campaign-group'").fetchone()
    assert organisation["location_id"] is None


def test_people_are_located_by_the_place_printed_with_them_not_by_their_role(db):
    assert located(db, "Joshua Lovell")["location_name"] == "Stevenage"  # not Cambridge, from "Cambridge UCU"
    assert located(db, "Syed Tahseen Gilani")["location_kind"] == "parliamentary constituency"
    assert located(db, "Ruth Cashman")["location_id"] == "tooting-constituency"


def test_places_abroad_never_locate_a_uk_organisation(db):
    assert located(db, "Pakistan Welfare Association (PWA) Slough")["location_name"] == "Slough"
    lfin = db.execute("select location_id, location_status from organisations where id = 'labour-friends-of-india'").fetchone()
    assert tuple(lfin) == (None, "no place")


def test_a_street_named_after_a_place_is_a_street(db):
    row = db.execute("select * from mentions where text = 'Belgrave Road'").fetchone()
    assert (row["entity_type"], row["place_status"], row["location_id"]) == ("place", "street not in gazetteer", None)
    assert db.execute("select count(*) from mentions where text = 'Belgrave'").fetchone()[0] == 0


def test_names_of_people_and_ordinary_words_are_not_places(db):
    printed = {row[0] for row in db.execute("select text from mentions where entity_type = 'place'")}
    assert not printed & {"Carden", "Formby", "March", "Over", "Law", "Valley"}


def test_how_many_signatories_are_located(db):
    statuses = dict(db.execute("select location_status, count(*) from signatories group by location_status").fetchall())
    assert statuses == {"located": 44, "located without a point": 3, "ambiguous": 1, "several places": 1, "no place": 16}


def test_every_location_has_a_source_and_every_point_a_precision(db):
    for row in db.execute("select * from locations"):
        assert row["source"], row["id"]
        assert (row["latitude"] is None) == (row["longitude"] is None) == (row["precision_km"] is None), row["id"]
        if row["latitude"] is not None:
            assert 49 < row["latitude"] < 61 and -9 < row["longitude"] < 2, row["id"]


def test_the_map_has_one_row_per_located_signatory(db):
    rows = db.execute("select * from signatory_map").fetchall()
    assert len(rows) == 44
    newham = [row for row in rows if row["location_id"] == "london-borough-of-newham"]
    assert len(newham) == 7  # seven signatories share one point: the map must cluster them
    located = db.execute(
        "select signatories.id from signatories join locations on locations.id = signatories.location_id"
        " where signatories.location_status = 'located' and locations.latitude is not null"
    ).fetchall()
    assert sorted(row["signatory_id"] for row in rows) == sorted(row[0] for row in located)
    for row in rows:
        popup = json.loads(row["popup"])
        assert popup["title"] == row["name"]
        place, precision_km = db.execute("select name, precision_km from locations where id = ?", [row["location_id"]]).fetchone()
        assert (row["place"], row["precision_km"]) == (place, precision_km)
        assert popup["description"] == f"{place} (within {precision_km} km)"
        assert popup["link"] == f"signatories/{row['signatory_id']}"  # relative: works under any base_url


@pytest.mark.parametrize("place", ["Redbridge", "London", "Tooting"])
def test_near_place_lists_each_signature_once_nearest_first(datasette, db, place):
    rows = datasette.get(f"/kashmir/near_place.json?place={place}&_shape=array").json()
    assert rows, place
    assert len({row["id"] for row in rows}) == len(rows)  # no signature or organisation twice
    assert [row["distance_km"] for row in rows] == sorted(row["distance_km"] for row in rows)
    for row in rows:
        if row["what"] == "organisation":  # an organisation that signs there is listed by its signatures
            signs_there = db.execute(
                "select count(*) from signatories join organisations on organisations.id = signatories.organisation_id"
                " where organisations.id = ? and signatories.location_id = organisations.location_id",
                [row["id"]],
            ).fetchone()[0]
            assert signs_there == 0, row


def test_near_place_reads_a_towns_name_as_the_town_not_its_constituency(db):
    """A constituency (52 km across) named as its town would have made "near Harlow" most of
    Essex, and at 10,000 documents a query past its time limit."""
    import yaml
    from conftest import METADATA

    sql = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"]["kashmir"]["queries"]["near_place"]["sql"]
    target = sql.split("target as (", 1)[1].split("),", 1)[0]
    named = [("harlow-town", "town or city"), ("harlow-constituency", "parliamentary constituency")]
    chosen = db.execute(
        "with named(id, kind) as (values " + ", ".join("(?, ?)" for _ in named) + "), target as (" + target + ") select id from target",
        [value for pair in named for value in pair],
    ).fetchall()
    assert [row[0] for row in chosen] == ["harlow-town"]
    only_constituency = db.execute("with named(id, kind) as (values ('tooting-constituency', 'parliamentary constituency')), target as (" + target + ") select id from target").fetchall()
    assert [row[0] for row in only_constituency] == ["tooting-constituency"]
