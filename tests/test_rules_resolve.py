"""The resolve stage's rules, one by one, on short invented phrases (no database, no GeoNames).

Specifies how `scripts.pipeline.resolve` reads names: the name index (the longest name wins,
whole words, case and punctuation as printed), mentions of known organisations and people,
places (the longest place name wins, streets, names that are not places, a name several places
share decided by the places around it, the most specific place locating a signature, places
named together, places abroad that never locate one), which organisation or person a printed
name stands for (one per name, acronym or alias; an honorific is not part of a person's name),
and the kind an organisation's name gives it. Places come from a small gazetteer built here, so
each test says exactly which places exist.
"""

from __future__ import annotations

import pytest

from scripts.curated.register import Organisation, Person, Register
from scripts.pipeline.extract.document import extract_document
from scripts.pipeline.load.schema import SCHEMA
from scripts.pipeline.read.documents import Document
from scripts.pipeline.resolve import gazetteer as gazetteer_module
from scripts.pipeline.resolve.entities import EntityResolver
from scripts.pipeline.resolve.gazetteer import LONDON_GEONAMES_ID, Gazetteer, Place, load_gazetteer
from scripts.pipeline.resolve.mentions import MentionFinder, leftmost_longest
from scripts.pipeline.resolve.name_index import NameIndex
from scripts.pipeline.resolve.organisation_kinds import kind_by_rules
from scripts.pipeline.resolve.places import AMBIGUOUS, RESOLVED, STREET_UNKNOWN, PlaceFinder, choose_location, decide_by_context
from scripts.pipeline.resolve.resolver import Resolver

# A small gazetteer. Precision is how far from its point a place reaches, in km.


def place(place_id, name, latitude, longitude, precision_km, kind="town or city", admin_area="England", country="United Kingdom"):
    return Place(place_id, name, kind, latitude, longitude, precision_km, admin_area, country, "invented for a test")


PLACES = [
    place("gillingham-kent", "Gillingham", 51.389, 0.549, 4, admin_area="Kent"),
    place("gillingham-dorset", "Gillingham", 51.034, -2.274, 2, admin_area="Dorset"),
    place("kent", "Kent", 51.19, 0.73, 50, kind="county"),  # about 26 km from the Kent Gillingham
    place("dorset", "Dorset", 50.75, -2.33, 40, kind="county"),  # about 32 km from the Dorset Gillingham
    place("south-of-england", "South of England", 51.2, -0.8, 250, kind="region"),  # holds both Gillinghams
    place("south-east-london", "South East London", 51.45, 0.05, 10, kind="region"),  # about 55 km from Kent's point
    place("newbury", "Newbury", 51.401, -1.323, 3),
    place("newbury-park", "Newbury Park", 51.575, 0.089, 1, kind="district or neighbourhood"),
    place("leyton", "Leyton", 51.570, -0.010, 2, kind="district or neighbourhood"),
    place("leytonstone", "Leytonstone", 51.568, 0.008, 2, kind="district or neighbourhood"),
    place("brent", "Brent", 51.56, -0.28, 6, kind="London borough"),
    place("belgrave", "Belgrave", 52.655, -1.128, 1, kind="district or neighbourhood"),
    place("stoke-poges", "Stoke Poges", 51.546, -0.587, 1),
    place("stoke-poges-lane", "Stoke Poges Lane", 51.52, -0.60, 1, kind="street", admin_area="Slough"),
    place("luton", "Luton", 51.879, -0.417, 4),
    place("leeds", "Leeds", 53.797, -1.548, 6),
    place("bradford", "Bradford", 53.795, -1.759, 6),
    place("formby", "Formby", 53.553, -3.071, 2),
    place("preston", "Preston", 53.763, -2.703, 5),
    place("yorkshire", "Yorkshire", None, None, None, kind="region"),  # too large to be a point
    place("pakistan", "Pakistan", 30.0, 70.0, 800, kind="country", admin_area=None, country="Pakistan"),
    place("kashmir", "Kashmir", 34.0, 75.0, 300, kind="region", admin_area=None, country=None),
]


def gazetteer_of(places) -> Gazetteer:
    by_name: dict[str, list[Place]] = {}
    for each in places:
        by_name.setdefault(each.name, []).append(each)
    return Gazetteer(by_name)


GAZETTEER = gazetteer_of(PLACES)
FINDER = PlaceFinder(GAZETTEER)


def found(text: str, **options) -> list[tuple[str, str | None, str]]:
    """(words, place id, status) of each place name printed in the text."""
    matches = FINDER.find(text, **options)
    for match in matches:
        assert text[match.start : match.end] == match.text
    return [(match.text, match.place.id if match.place else None, match.status) for match in matches]


def decided(text: str, scopes=None):
    """The place matches of the text, with the shared names decided by their context."""
    matches = FINDER.find(text)
    decide_by_context(matches, scopes or [("signature", [(0, len(text))])])
    return matches


def the(matches, words: str):
    [match] = [match for match in matches if match.text == words]
    return match


def line_span(text: str, number: int) -> tuple[int, int]:
    start = sum(len(line) + 1 for line in text.split("\n")[: number - 1])
    return start, start + len(text.split("\n")[number - 1])


# The name index: longest name first, whole words, case as printed.


def test_where_names_overlap_the_longest_wins():
    text = "The Tarn Valley Trust met at Tarn."
    index = NameIndex([("Tarn", "the lake"), ("Tarn Valley Trust", "the trust")])
    long_start, short_start = text.index("Tarn Valley Trust"), text.rindex("Tarn")
    assert index.find(text) == [
        (long_start, long_start + len("Tarn Valley Trust"), "Tarn Valley Trust", "the trust"),
        (short_start, short_start + len("Tarn"), "Tarn", "the lake"),
    ]


def test_names_found_do_not_overlap_and_the_leftmost_is_kept():
    index = NameIndex([("Tarn Valley", 1), ("Valley Trust", 2)])
    assert [name for _, _, name, _ in index.find("Tarn Valley Trust")] == ["Tarn Valley"]


@pytest.mark.parametrize(
    ("name", "text", "found_"),
    [
        ("Brent", "Brentwood Forum", False),  # whole words only
        ("Brent", "Brent Forum", True),
        ("Modi", "a modi-ish speech", False),  # case as printed
        ("Modi", "MODI", False),
        ("Stoke-on-Trent", "Stoke on Trent", False),  # punctuation as listed
        ("Stoke-on-Trent", "from Stoke-on-Trent.", True),
    ],
)
def test_a_name_matches_only_as_whole_words_with_its_case_and_punctuation_as_printed(name, text, found_):
    assert bool(NameIndex([(name, None)]).find(text)) is found_


def test_excluded_spans_and_the_bounds_of_a_search_are_respected():
    text = "Tarn and Tarn and Tarn"
    index = NameIndex([("Tarn", None)])
    assert [start for start, *_ in index.find(text, excluded=[(9, 13)])] == [0, 18]
    assert [start for start, *_ in index.find(text, start=1, end=len(text) - 1)] == [9]


# Mentions of the register's and the document's own names.


def test_a_mention_is_a_printed_name_with_the_entity_it_stands_for():
    finder = MentionFinder({"Hillside Mosque": ("organisation", "hillside-mosque"), "Amira Khan": ("person", "amira-khan")})
    text = "Amira Khan spoke at Hillside Mosque."
    mosque = text.index("Hillside")
    assert finder.find(text) == [(0, 10, "person", "amira-khan"), (mosque, mosque + 15, "organisation", "hillside-mosque")]


def test_labour_friends_of_tarn_is_one_mention_not_a_mention_of_labour():
    finder = MentionFinder({"Labour": ("organisation", "labour-party")})
    text = "Labour Friends of Tarn backs Labour."
    mentions = finder.find(text, {"Labour Friends of Tarn": ("organisation", "labour-friends-of-tarn")})
    assert [(text[start:end], entity_id) for start, end, _, entity_id in mentions] == [
        ("Labour Friends of Tarn", "labour-friends-of-tarn"),
        ("Labour", "labour-party"),
    ]


def test_a_documents_own_names_match_as_whole_words_with_their_case():
    text = "A modi-ish speech; Modiste; Modi's visit."
    mentions = MentionFinder({}).find(text, {"Modi": ("person", "modi")})
    assert [(start, end) for start, end, *_ in mentions] == [(text.index("Modi'"), text.index("Modi'") + 4)]


def test_of_overlapping_matches_the_leftmost_and_then_the_longest_is_kept():
    assert leftmost_longest([(3, 12, "c"), (0, 5, "a"), (0, 10, "b"), (10, 15, "d")]) == [(0, 10, "b"), (10, 15, "d")]


# Places, rule 1: the longest name wins, as whole words.


def test_newbury_park_is_one_place_not_newbury():
    assert found("We met in Newbury Park, then in Newbury.") == [
        ("Newbury Park", "newbury-park", RESOLVED),
        ("Newbury", "newbury", RESOLVED),
    ]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Leytonstone Mosque", ["leytonstone"]),  # not Leyton
        ("Brentwood Forum", []),  # Brent is never read inside Brentwood
        ("Tehreek-e-Kashmir", []),  # a hyphen joins words into one name
        ("Kashmir Solidarity", ["kashmir"]),
    ],
)
def test_a_place_name_is_read_only_as_whole_words(text, places):
    assert [place_id for _, place_id, _ in found(text)] == places


def test_the_only_place_of_a_name_is_that_place():
    [match] = FINDER.find("Luton")
    assert (match.place.id, match.status, match.method) == ("luton", RESOLVED, "the only place of that name")


def test_a_persons_name_is_not_read_for_places():
    text = "Dr Ellis Formby, Leeds"
    person = (text.index("Ellis"), text.index(","))
    assert found(text, excluded=[person]) == [("Leeds", "leeds", RESOLVED)]


# Places, rule 2: streets.


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Belgrave Road Mosque", "Belgrave Road"),  # a place name that begins a street's name
        ("Acacia Avenue Centre", "Acacia Avenue"),  # a street with no place in its name
    ],
)
def test_a_street_the_gazetteer_does_not_know_is_not_a_place(text, street):
    [match] = FINDER.find(text)
    assert (match.text, match.place, match.candidates, match.status) == (street, None, [], STREET_UNKNOWN)


def test_a_street_the_curated_places_know_is_a_place():
    assert found("Masjid Noor, Stoke Poges Lane") == [("Stoke Poges Lane", "stoke-poges-lane", RESOLVED)]


# Places, rule 3: names the curated file lists as not places.


def test_a_name_the_curated_file_lists_as_not_a_place_is_a_word(tmp_path, monkeypatch):
    def record(geonameid, name, latitude, longitude):
        return {
            "geonameid": geonameid, "name": name, "latitude": latitude, "longitude": longitude, "population": 20000, "admin1code": "ENG",
        }

    geonames = {
        LONDON_GEONAMES_ID: record(LONDON_GEONAMES_ID, "London", 51.5085, -0.1257),
        1: record(1, "March", 52.55, 0.09),
        2: record(2, "Over", 52.32, 0.01),
        3: record(3, "Ely", 52.40, 0.26),
    }
    monkeypatch.setattr(gazetteer_module, "geonames_united_kingdom", lambda: geonames)
    (tmp_path / "places.yml").write_text(
        "not_places:\n  - name: March\n    reason: the month\n  - name: Over\n    reason: a preposition\n", encoding="utf-8"
    )
    gazetteer = load_gazetteer(tmp_path)
    assert gazetteer.candidates("March") == [] and gazetteer.candidates("Over") == []
    assert [match.text for match in PlaceFinder(gazetteer).find("Over 40 of us march in March from Ely.")] == ["Ely"]


# Places, rule 4: a name several places share is decided by its context.


def test_a_name_shared_by_two_places_is_decided_by_a_county_named_in_the_same_signature():
    gillingham = the(decided("Hillside Mosque, Gillingham, Kent"), "Gillingham")
    assert (gillingham.place.id, gillingham.status) == ("gillingham-kent", RESOLVED)
    assert gillingham.method == "context: within Kent, named in the same signature"


SIGNED_IN_KENT = "We write from Dorset.\nHillside Mosque, Gillingham, Kent\n\nNews from Dorset.\n"
LETTER_FROM_DORSET = "We write from Dorset.\nHillside Mosque, Gillingham\n\nNews from Kent.\n"
LETTER_FROM_NOWHERE = "We write to you all.\nHillside Mosque, Gillingham\n\nNews from Dorset.\n"


@pytest.mark.parametrize(
    ("text", "place_id", "method"),
    [
        (SIGNED_IN_KENT, "gillingham-kent", "context: within Kent, named in the same signature"),
        (LETTER_FROM_DORSET, "gillingham-dorset", "context: within Dorset, named in the same letter"),
        (LETTER_FROM_NOWHERE, "gillingham-dorset", "context: within Dorset, named in the same document"),
    ],
)
def test_the_narrowest_context_that_names_a_place_decides_signature_then_letter_then_document(text, place_id, method):
    signature = line_span(text, 2)
    letter = (0, signature[1])
    gillingham = the(decided(text, [("signature", [signature]), ("letter", [letter]), ("document", [(0, len(text))])]), "Gillingham")
    assert (gillingham.place.id, gillingham.status, gillingham.method) == (place_id, RESOLVED, method)


def test_a_shared_name_nothing_in_the_document_decides_stays_ambiguous_with_its_candidates():
    gillingham = the(decided("Hillside Mosque, Gillingham, Leeds"), "Gillingham")
    assert (gillingham.place, gillingham.status) == (None, AMBIGUOUS)
    assert {candidate.id for candidate in gillingham.candidates} == {"gillingham-kent", "gillingham-dorset"}
    assert gillingham.method == "2 places of that name and nothing in the document decides"


def test_a_shared_name_whose_context_fits_several_of_its_places_stays_ambiguous():
    gillingham = the(decided("Hillside Mosque, Gillingham, South of England"), "Gillingham")
    assert (gillingham.place, gillingham.status) == (None, AMBIGUOUS)
    assert gillingham.method == "context fits 2 of 2 places of that name (near South of England, in the same signature)"


# Places, rule 5: the one place that locates a signature.


def location(text: str):
    return choose_location(decided(text), text)


def test_a_signature_is_located_by_the_most_specific_place_it_gives():
    text = "Kent Ummah Trust (Gillingham Mosque)"
    choice = location(text)
    assert (choice.place.id, choice.status) == ("gillingham-kent", "located")
    assert choice.method == "the most specific place given, “Gillingham”, by context: within Kent, named in the same signature"
    assert text[choice.match.start : choice.match.end] == "Gillingham"


def test_a_place_with_a_point_is_more_specific_than_one_without():
    assert location("Yorkshire Imams Forum, Leeds").place.id == "leeds"


def test_a_place_without_a_point_locates_without_a_point():
    choice = location("Yorkshire Imams Forum")
    assert (choice.place.id, choice.status) == ("yorkshire", "located without a point")


@pytest.mark.parametrize("joined", ["South East London & Kent Council of Mosques", "South East London and Kent Council of Mosques"])
def test_places_named_together_that_do_not_lie_one_within_the_other_are_several_places(joined):
    choice = location(joined)
    assert (choice.place, choice.status) == (None, "several places")
    assert {candidate.id for candidate in choice.candidates} == {"south-east-london", "kent"}


def test_places_named_together_where_one_lies_within_the_other_locate_by_the_smaller():
    choice = location("Gillingham and Kent Youth Network")
    assert (choice.place.id, choice.status) == ("gillingham-kent", "located")


def test_a_place_abroad_names_a_cause_not_where_an_organisation_is():
    choice = location("Pakistan Welfare Association")
    assert (choice.place, choice.status) == (None, "no place")
    assert choice.method == "only places abroad, which name a cause or origin, not where it is"


def test_a_place_abroad_gives_way_to_the_place_in_the_united_kingdom():
    choice = location("Pakistan Welfare Association, Luton")
    assert (choice.place.id, choice.status, choice.method) == ("luton", "located", "the place given, “Luton”")


def test_a_signature_whose_only_place_is_ambiguous_is_not_located_and_says_why():
    choice = location("Gillingham Youth Forum")
    assert (choice.place, choice.status) == (None, "ambiguous")
    assert {candidate.id for candidate in choice.candidates} == {"gillingham-kent", "gillingham-dorset"}
    assert choice.method.startswith("“Gillingham”: 2 places of that name")


@pytest.mark.parametrize(
    ("text", "method"),
    [("Brightwater Collective", "the text gives no place"), ("Belgrave Road Mosque", "“Belgrave Road”: street not in gazetteer")],
)
def test_a_signature_that_names_no_place_is_not_located(text, method):
    choice = location(text)
    assert (choice.place, choice.status, choice.method) == (None, "no place", method)


def signatories(text: str) -> dict[str, tuple[str | None, str]]:
    """name -> (location id, status) of each signatory of an invented document, assembled whole."""
    document = Document("doc", "doc.txt", "An invented page", None, None, None, None, "0" * 64, text, len(text.split()), text.count("\n"))
    tables = Resolver(Register(), GAZETTEER).resolve(extract_document(document, [])).rows
    rows = [dict(zip(SCHEMA["signatories"].columns, row)) for row in tables["signatories"]]
    mentions = [dict(zip(SCHEMA["mentions"].columns, row)) for row in tables["mentions"]]
    places_mentioned = {row["location_id"] for row in mentions if row["entity_type"] == "place"}
    assert "formby" not in places_mentioned and "preston" not in places_mentioned  # people's names are not places
    return {row["name"]: (row["location_id"], row["location_status"]) for row in rows}


def test_a_person_is_located_by_the_place_printed_with_their_name_never_by_their_role():
    located = signatories(
        "Here is the appeal from local councillors in full:\n"
        "We ask for calm.\n"
        "Amira Khan, Leeds, Councillor for Bradford East\n"
        "Tom Preston, Luton, Teacher\n"
        "Owen Birch, Councillor for Bradford\n"
    )
    assert located == {
        "Amira Khan": ("leeds", "located"),
        "Tom Preston": ("luton", "located"),
        "Owen Birch": (None, "no place"),
    }


def test_an_organisation_is_located_by_the_places_in_its_name():
    located = signatories(
        "Dear Editor,\n"
        "We object.\n"
        "Yours sincerely,\n"
        "Luton Peace Forum\n"
        "Hillside Mosque, Leeds\n"
        "Pakistan Welfare Association\n"
        "Dr Ellis Formby\n"
    )
    assert located == {
        "Luton Peace Forum": ("luton", "located"),
        "Hillside Mosque": ("leeds", "located"),
        "Pakistan Welfare Association": (None, "no place"),
        "Dr Ellis Formby": (None, "no place"),  # a person, and the town in their name is not where they are
    }


# Which organisation or person a name stands for.


REGISTER = Register(
    organisations=(
        Organisation(
            name="Northern Federation of Mosques", kind="federation of mosques", acronym="NFM", aliases=("Northern Mosques Federation",)
        ),
        Organisation(name="Hilltop Mosque Trust", kind="community or charity"),
    ),
    people=(Person(name="Aisha Rahman", aliases=("Aisha Rehman",)),),
)


@pytest.mark.parametrize(
    "printed",
    [
        "Northern Federation of Mosques", "NFM", "Northern Mosques Federation",
        "the northern federation of mosques", "Northern Federation of Mosques.",
    ],
)
def test_an_organisation_is_one_whichever_of_its_names_acronym_or_aliases_is_printed(printed):
    resolver = EntityResolver(REGISTER)
    record = resolver.organisation(printed, printed)
    assert (record.id, record.in_register) == ("northern-federation-of-mosques", True)
    assert (record.kind, record.kind_rule) == ("federation of mosques", "register")
    assert len(resolver.organisations) == 2 and printed in record.printed_names


def test_the_registers_kind_wins_over_the_kind_rules():
    record = EntityResolver(REGISTER).organisation("Hilltop Mosque Trust", "Hilltop Mosque Trust")
    assert (record.kind, record.kind_rule) == ("community or charity", "register")


def test_ampersand_and_and_name_the_same_organisation():
    resolver = EntityResolver(Register())
    first = resolver.organisation("Peace & Justice Forum", "Peace & Justice Forum")
    assert resolver.organisation("Peace and Justice Forum", "Peace and Justice Forum") is first
    assert len(resolver.organisations) == 1


def test_an_organisation_the_register_does_not_list_gets_its_kind_from_its_name_and_member_count():
    resolver = EntityResolver(Register())
    mosque = resolver.organisation("Hillside Mosque", "Hillside Mosque")
    assert (mosque.id, mosque.in_register) == ("hillside-mosque", False)
    assert (mosque.kind, mosque.kind_rule) == ("mosque or Islamic centre", "name contains “Mosque”")
    network = resolver.organisation("Tarn Valley Network", "Tarn Valley Network – 12 organisations", None, 12, "organisations")
    assert (network.kind, network.kind_rule, network.member_count, network.member_unit) == (
        "federation of mosques", "member count in organisations", 12, "organisations",
    )


def test_an_acronym_a_signature_gives_finds_its_organisation_again():
    resolver = EntityResolver(Register())
    forum = resolver.organisation("Eastside Youth Forum", "Eastside Youth Forum (EYF)", "EYF")
    assert forum.acronym == "EYF"
    assert resolver.organisation("Eastside Youth Forum", "Eastside Youth Forum", "EYF") is forum


def test_an_acronym_a_signature_gives_finds_its_organisation_when_printed_alone():
    resolver = EntityResolver(Register())
    forum = resolver.organisation("Eastside Youth Forum", "Eastside Youth Forum (EYF)", "EYF")
    assert resolver.organisation("EYF", "EYF") is forum


@pytest.mark.parametrize("printed", ["Cllr Amira Khan", "Dr Amira Khan", "Prof. Amira Khan", "Baroness Amira Khan"])
def test_an_honorific_is_not_part_of_a_persons_name(printed):
    resolver = EntityResolver(Register())
    record = resolver.person(printed)
    assert (record.id, record.name) == ("amira-khan", "Amira Khan")
    assert resolver.person("Amira Khan") is record
    assert record.printed_names == {printed, "Amira Khan"}


def test_no_honorific_of_several_is_part_of_a_persons_name():
    resolver = EntityResolver(Register())
    record = resolver.person("Cllr Dr Amira Khan")
    assert record.name == "Amira Khan" and resolver.person("Amira Khan") is record


def test_a_person_in_the_register_is_found_by_an_alias_after_an_honorific():
    record = EntityResolver(REGISTER).person("Dr Aisha Rehman")
    assert (record.id, record.name, record.in_register) == ("aisha-rahman", "Aisha Rahman", True)


def test_a_persons_name_wins_over_an_organisation_printed_the_same_way():
    resolver = EntityResolver(Register())
    resolver.organisation("Noor", "Noor")
    resolver.person("Noor")
    assert resolver.printed_names()["Noor"] == ("person", "noor")


# The kind an organisation's name gives it.


@pytest.mark.parametrize(
    ("name", "kind", "word"),
    [
        ("Eastfield Council of Mosques", "federation of mosques", "Council of Mosques"),
        ("Tarn Federation of Students", "federation of mosques", "Federation"),
        ("Hillside Masjid", "mosque or Islamic centre", "Masjid"),
        ("Kent Welfare Association (Gillingham Mosque)", "mosque or Islamic centre", "Mosque"),  # mosque words come first
        ("Riverside Islamic Centre", "mosque or Islamic centre", "Islamic Centre"),
        ("Tarn Valley Branch of UNISON", "trade union", "UNISON"),
        ("Marsh Lane Solicitors", "legal", "Solicitors"),
        ("Greenway Party", "political party", "Party"),
        ("Aziz Foundation", "community or charity", "Foundation"),
        ("Kashmiri Diaspora of Leeds", "community or charity", "Diaspora"),
    ],
)
def test_the_first_name_rule_that_fits_gives_an_organisation_its_kind(name, kind, word):
    assert kind_by_rules(name) == (kind, f"name contains “{word}”")


@pytest.mark.parametrize("name", ["Brightwater Collective", "Unionist Voice", "Lawson Associates", "Partygoers Club"])
def test_a_name_with_no_kind_word_as_a_whole_word_is_other(name):
    assert kind_by_rules(name) == ("other", "no rule matched")


@pytest.mark.parametrize(
    ("unit", "kind"),
    [
        ("organisations", "federation of mosques"), ("Mosques", "federation of mosques"),
        ("centres", "federation of mosques"), ("supporters", "other"),
    ],
)
def test_a_member_count_in_organisations_or_mosques_makes_a_federation(unit, kind):
    assert kind_by_rules("Brightwater Collective", unit)[0] == kind
