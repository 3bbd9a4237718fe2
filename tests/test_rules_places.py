"""The places a careful reader would place (issue 15), rule by rule, against the real
gazetteer: GeoNames towns, the UK's areas and constituencies, and the seeds' curated places."""

from __future__ import annotations

import functools

import pytest
from conftest import SEEDS

from scripts.curated.register import Register
from scripts.pipeline.extract.document import extract_document
from scripts.pipeline.load.schema import SCHEMA
from scripts.pipeline.read.documents import Document
from scripts.pipeline.resolve.gazetteer import load_gazetteer
from scripts.pipeline.resolve.personal_names import personal_name_spans
from scripts.pipeline.resolve.places import PlaceFinder, choose_location, decide_by_context
from scripts.pipeline.resolve.resolver import Resolver


@functools.cache
def finder() -> PlaceFinder:
    return PlaceFinder(load_gazetteer(SEEDS))


def places_in(text: str) -> list[str]:
    return [match.text for match in finder().find(text, excluded=personal_name_spans(text, finder().is_place_name)) if match.candidates]


def located(signature: str, heading: str | None = None):
    """Where a signature alone (under a heading line, if given) is located."""
    text = f"{heading}\n{signature}" if heading else signature
    start = len(heading) + 1 if heading else 0
    matches = finder().find(text, excluded=personal_name_spans(text, finder().is_place_name))
    scopes = [("signature", [(start, len(text))])]
    if heading:
        scopes.append(("group heading", [(start, len(text), 0, len(heading))]))
    decide_by_context(matches, [*scopes, ("document", [(0, len(text))])], finder().gazetteer.region_of)
    return choose_location([m for m in matches if m.start >= start], text)


# 1. A place name inside a person's name is never a place.


@pytest.mark.parametrize("name", ["Sarah Bolton", "James Preston", "Helen Buxton", "Mark Evans"])
def test_a_surname_or_given_name_that_is_also_a_town_is_not_a_place(name):
    assert places_in(f"The letter was organised by {name}, who spoke to reporters.") == []


def test_a_place_whose_name_reads_like_a_persons_is_the_place():
    assert places_in("Mosques in Leighton Buzzard and Milford Haven") == ["Leighton Buzzard", "Milford Haven"]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("the Preston Kashmiri community", ["Preston"]),  # a place's name is a given name only where it is a common one
        ("from Bradford Halifax Dewsbury", ["Bradford", "Halifax", "Dewsbury"]),
        ("protests in Azad Kashmir", ["Azad Kashmir"]),
    ],
)
def test_a_place_that_could_be_a_given_name_is_a_place_before_a_community_or_another_place(text, places):
    assert places_in(text) == places


def test_the_same_word_is_a_place_where_it_names_one():
    assert places_in("Mosques in Bolton and Preston signed.") == ["Bolton", "Preston"]
    assert places_in("Kent Muslim Welfare Association") == ["Kent"]


# 2. A word that is part of a street name is not the place of that word.


@pytest.mark.parametrize("address", ["14 Church Street, Glastonbury", "52 High Street North, Glastonbury", "9 Queen Street East, Glastonbury"])
def test_a_street_is_not_the_village_of_street(address):
    assert places_in(address) == ["Glastonbury"]


@pytest.mark.parametrize(("text", "places"), [("Kashmir Freedom Parade", ["Kashmir"]), ("Kashmir Solidarity Walk", ["Kashmir"])])
def test_words_that_end_other_names_make_a_street_only_after_a_house_number(text, places):
    assert places_in(text) == places
    assert places_in("2 Market Square, Leeds") == ["Leeds"]


def test_a_street_the_curated_file_knows_is_still_a_place():
    assert "Stoke Poges Lane" in places_in("Jamia Masjid, Stoke Poges Lane")


# 3. UK areas and constituencies, each with its nation, a sourced point and a precision.


def test_a_constituency_sharing_a_town_name_is_placed_by_the_constituency():
    choice = located("Owain Treharne MP (Newport West)")
    assert (choice.place.kind, choice.place.nation) == ("parliamentary constituency", "Wales")
    assert "point: its main town, Newport" in choice.place.source and choice.place.precision_km >= 10


def test_a_constituency_is_read_under_the_names_letters_print():
    for printed in ("Birmingham Hall Green", "Birmingham, Hall Green", "East Antrim", "Oldham West & Royton"):
        assert [place.kind for place in finder().gazetteer.candidates(printed)] == ["parliamentary constituency"], printed


def test_an_mp_whose_constituency_is_named_as_a_village_elsewhere_is_placed_by_the_constituency():
    row = signatories("Dear Prime Minister,\n\nWe ask for calm.\n\nYours sincerely,\n\nBob Day MP (Henley)\n")["Bob Day"]
    assert row["location_id"].startswith("henley-e14") and row["location_method"] == "an MP's constituency, “Henley”"


def test_a_one_word_constituency_before_an_organisation_word_is_read_without_failing():
    assert places_in("Gower Mosque") == ["Gower"]


def test_a_constituency_point_is_never_a_town_of_another_region():
    constituency = finder().gazetteer.candidates("Chipping Barnet")[0]
    assert constituency.latitude is None and "no point: the town its name begins with" in constituency.source


def test_a_ward_followed_by_its_island_is_decided_by_it():
    choice = located("Cllr Daniel Coombes (Newport Central, Isle of Wight)")
    assert choice.place.name == "Newport" and choice.place.nation == "England" and choice.place.latitude < 51


def test_the_counties_the_library_files_constituencies_under_are_places():
    for name in ("Greater Manchester", "West Yorkshire", "Merseyside"):
        [county] = finder().gazetteer.candidates(name)
        assert county.kind == "county" and "constituencies' points" in county.source and county.precision_km >= 30


def test_a_county_after_a_town_is_part_of_the_place_not_a_role():
    row = signatories("Dear Editor,\n\nWe object.\n\nYours sincerely,\n\nPeter Lund, Luton, Bedfordshire\nAmina Khan, Leeds, Teacher\n")
    assert (row["Peter Lund"]["place"], row["Peter Lund"]["role"]) == ("Luton, Bedfordshire", None)
    assert (row["Amina Khan"]["place"], row["Amina Khan"]["role"]) == ("Leeds", "Teacher")


def test_every_area_says_where_its_point_comes_from():
    areas = [place for places in map(finder().gazetteer.candidates, finder().gazetteer.names) for place in places if place.id.count("-gb-")]
    assert len({place.id for place in areas}) > 100  # the others share a town's name, and the town stands for them
    assert all("ISO 3166-2" in place.source and place.nation for place in areas)
    assert all(place.precision_km for place in areas if place.latitude is not None)


# 4. Nations and regions decide between places of the same name.


def test_a_nation_in_the_signature_decides_between_places_of_one_name():
    assert located("Elin Pryce, Bangor, Cymru").place.nation == "Wales"
    assert located("Fiona Baird, Whitburn, Scotland").place.nation == "Scotland"


def test_a_region_decides_by_the_region_a_town_lies_in():
    assert finder().gazetteer.region_of(located("Preston, Yorkshire").place) == "Yorkshire and The Humber"


def test_eastern_is_not_the_east_of_england():
    assert places_in("refugees from Eastern Europe and Middle Eastern food") == []


def test_a_compass_region_followed_by_a_name_is_part_of_that_name():
    assert places_in("North West Kent Muslim Association") == ["Kent"]


# 5. Headings over a group of signatures are the place context of each signature under them
# (that a heading also locates a signature that gives no place: tests/test_forms_corpus.py).


def test_a_nation_heading_decides_a_shared_name_under_it():
    choice = located("Rhodri Gwilym, Bridgend", heading="Wales")
    assert choice.place.nation == "Wales" and "group heading" in choice.method


def signatories(text: str) -> dict[str, dict]:
    """name -> signatories row of an invented document, read and resolved whole."""
    document = Document("doc", "doc.txt", "An invented page", None, None, None, None, "0" * 64, text, len(text.split()), text.count("\n"))
    tables = Resolver(Register(), finder().gazetteer).resolve(extract_document(document, [])).rows
    return {row["name"]: row for row in (dict(zip(SCHEMA["signatories"].columns, values)) for values in tables["signatories"])}


GROUPED_LETTER = (
    "Dear Prime Minister,\n\nWe ask for calm in Kashmir.\n\nYours sincerely,\n\n"
    "Leeds\nAmina Farooq, Chapeltown\nPeter Lund\n\n"
    "Bradford\nCllr Rizwan Hafeez (Toller)\n\n"
    "London\nSara Khan, Tooting\n\n"
    "Members of the House of Lords\nLord Hartley of Batley\n"
)


def test_a_place_heading_locates_a_signature_that_gives_none():
    assert signatories(GROUPED_LETTER)["Peter Lund"]["location_id"].startswith("leeds-")
    row = signatories(GROUPED_LETTER)["Cllr Rizwan Hafeez"]
    assert row["location_id"].startswith("bradford-") and row["location_method"].startswith("the place of its group's heading, “Bradford”")


def test_a_place_that_does_not_lie_within_its_heading_gives_way_to_the_heading():
    # The gazetteer's only Chapeltown is Sheffield's; under "Leeds" the reader means Leeds's
    # (a letter from Leeds and London: its places spread, so nothing doubts Chapeltown before).
    row = signatories(GROUPED_LETTER)["Amina Farooq"]
    assert row["location_id"].startswith("leeds-") and "no place “Chapeltown” is seen to lie within it" in row["location_method"]


def test_in_a_local_document_a_far_place_known_only_once_is_left_for_review():
    letter = "Dear Councillors of Leeds,\n\nResidents of Leeds ask for calm.\n\nYours sincerely,\n\nAmina Farooq, Chapeltown\nPeter Lund, Leeds\n"
    row = signatories(letter)["Amina Farooq"]
    assert (row["location_id"], row["location_status"]) == (None, "ambiguous")
    assert "lies far from every other place the document names, all near Leeds" in row["location_method"]
    # A large town is not doubted: its name is not a district's elsewhere.
    assert signatories(letter.replace("Chapeltown", "Luton"))["Amina Farooq"]["location_id"].startswith("luton-")


def test_a_town_the_gazetteer_knows_for_sure_stays_the_signatures_own_under_another_heading():
    row = signatories(GROUPED_LETTER)["Sara Khan"]
    assert row["location_id"].startswith("tooting")
    letter = GROUPED_LETTER.replace("Sara Khan, Tooting", "Sara Khan, Luton")
    assert signatories(letter)["Sara Khan"]["location_id"].startswith("luton-")


@pytest.mark.parametrize(("printed", "status"), [("Darwen, Leeds", "located"), ("Leeds, Darwen", "several places")])
def test_a_qualifier_holds_the_place_before_it_and_nothing_else_is_guessed(printed, status):
    # "Darwen, Leeds" says a Darwen in Leeds, which the gazetteer does not know: Leeds.
    # "Leeds, Darwen" says nothing a reader could place.
    assert located(printed).status == status


def test_ireland_after_a_town_is_not_a_place_abroad():
    row = signatories("Dear Editor,\n\nWe object.\n\nYours sincerely,\n\nAmina Farooq, Belfast, Ireland\nTom Lee, Luton\n")["Amina Farooq"]
    assert row["location_id"].startswith("belfast-")


# 6. A peer's title names a place in the title, not where the person lives.


def test_a_peer_is_not_located_by_the_title_which_names_its_place():
    row = signatories(GROUPED_LETTER)["Lord Hartley"]
    assert (row["location_id"], row["location_status"]) == (None, "no place")
    assert row["title_place_id"].startswith("batley-")


# 7. Nothing is placed by guessing.


def test_a_shared_name_nothing_decides_stays_unresolved_with_its_candidates():
    choice = located("Tom Ellison, Richmond")
    assert choice.place is None and choice.status == "ambiguous" and len(choice.candidates) >= 2


def test_a_place_not_seen_to_lie_within_the_place_named_after_it_is_not_taken():
    choice = located("Cllr Adeel Qamar (Alum Rock, Birmingham)")
    assert choice.place.name == "Birmingham"
