"""The shapes one printed signature can take (`scripts/pipeline/extract/items/`), each read into
the fields a reader sees: name, kind, role, place, the organisation signed for, the affiliation
that only identifies a person, and member counts. Invented names, real UK places."""

from __future__ import annotations

import pytest

from scripts.common.spans import DocumentText
from scripts.pipeline.extract.items.parsed import SignatureEntry
from scripts.pipeline.extract.signatures import among_organisations, parse_signature

FIELDS = ("name", "kind", "role", "place", "organisation", "affiliation")


def read(line: str, form: str = "list", organisations_around: bool = True) -> dict:
    """The signature printed on the second line of a document, as its row would hold it."""
    document = DocumentText(f"Yours sincerely,\n{line}\n")
    entry = SignatureEntry(document.line_span(2), form)
    parsed = parse_signature(document, entry, organisations_around)
    for span in (parsed.name, parsed.place, parsed.role, parsed.organisation, parsed.affiliation):
        if span is not None:
            assert document.text[span.start : span.end] == span.text  # every field is words of the document
    return {
        "name": parsed.name.clean, "kind": parsed.kind, "role": parsed.role_value,
        "place": parsed.place.clean if parsed.place else None,
        "organisation": parsed.organisation.clean if parsed.organisation else None,
        "affiliation": parsed.affiliation.clean if parsed.affiliation else None,
    }


def fields(name, kind="person", role=None, place=None, organisation=None, affiliation=None) -> dict:
    return dict(zip(FIELDS, (name, kind, role, place, organisation, affiliation)))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Rubina Aslam MP (Bradford West)", fields("Rubina Aslam", role="MP", place="Bradford West")),
        ("Dr Kamran Younis MP (Birmingham Hall Green)", fields("Dr Kamran Younis", role="MP", place="Birmingham Hall Green")),
        ("Alan Pryce MEP (Yorkshire and the Humber)", fields("Alan Pryce", role="MEP", place="Yorkshire and the Humber")),
        ("Morag Lennox MSP (Glasgow Pollok)", fields("Morag Lennox", role="MSP", place="Glasgow Pollok")),
        ("Rhodri Evans MS (Cardiff South and Penarth)", fields("Rhodri Evans", role="MS", place="Cardiff South and Penarth")),
        ("Helen Marsden MP for Luton South", fields("Helen Marsden", role="MP", place="Luton South")),
        ("Jane Doe MP", fields("Jane Doe", role="MP")),
        ("Lord Mirza of Batley", fields("Lord Mirza", role="peer", place="Batley")),
        ("Baroness Haq of Heaton", fields("Baroness Haq", role="peer", place="Heaton")),
        ("Cllr Nargis Rashid (Cheetham, Manchester)", fields("Cllr Nargis Rashid", role="Councillor", place="Cheetham, Manchester")),
        ("Cllr Dr Sana Rafiq (Werneth, Oldham)", fields("Cllr Dr Sana Rafiq", role="Councillor", place="Werneth, Oldham")),
    ],
)
def test_an_elected_member_or_a_peer_is_a_person_with_the_post_as_role_and_the_seat_as_place(line, expected):
    assert read(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Dr Nadia Hussain – Secretary, British Kashmiri Rights Forum", fields("Dr Nadia Hussain", role="Secretary", affiliation="British Kashmiri Rights Forum")),
        ("Sarah Collins-Ward — Senior Lecturer in Politics, Calder Valley College", fields("Sarah Collins-Ward", role="Senior Lecturer in Politics", affiliation="Calder Valley College")),
        ("Rev Peter Holloway - Vicar, St Barnabas Parish Church", fields("Rev Peter Holloway", role="Vicar", affiliation="St Barnabas Parish Church")),
        ("Hamza Siddiq – Youth worker", fields("Hamza Siddiq", role="Youth worker")),
        ("Asif Mirza – Reading Interfaith Forum", fields("Asif Mirza", affiliation="Reading Interfaith Forum")),
    ],
)
def test_a_name_a_dash_then_role_and_organisation_is_a_person_the_organisation_an_affiliation(line, expected):
    assert read(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Zubair Chaudhry on behalf of Kirklees Kashmiri Forum", fields("Zubair Chaudhry", organisation="Kirklees Kashmiri Forum")),
        ("Saima Rehman, pp. Oldham Young Muslims Collective", fields("Saima Rehman", organisation="Oldham Young Muslims Collective")),
        ("Naveed Ashraf, signed for Walsall Community Advice Trust", fields("Naveed Ashraf", organisation="Walsall Community Advice Trust")),
    ],
)
def test_a_person_signing_for_an_organisation_signs_for_it(line, expected):
    assert read(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Cllr Imran Bashir, Luton Labour Group (personal capacity)", fields("Cllr Imran Bashir", role="Councillor", affiliation="Luton Labour Group")),
        ("Dr Helen Marsh, Leicester Trades Council (personal capacity)", fields("Dr Helen Marsh", affiliation="Leicester Trades Council")),
        ("Yasmin Qadir on behalf of Crawley Women's Voice (in a personal capacity)", fields("Yasmin Qadir", affiliation="Crawley Women's Voice")),
    ],
)
def test_in_a_personal_capacity_the_organisation_is_an_affiliation_not_signed_for(line, expected):
    assert read(line) == expected


@pytest.mark.parametrize(
    ("line", "form", "around", "expected"),
    [
        ("Mohammed Arif Qureshi, Glodwick Community Forum, Oldham", "list", False, fields("Mohammed Arif Qureshi", place="Oldham", affiliation="Glodwick Community Forum")),
        ("Nasir Mahmood, Harehills, Community organiser", "list", False, fields("Nasir Mahmood", role="Community organiser", place="Harehills")),
        ("Cllr Tahira Bashir, Rochdale, Councillor", "list", True, fields("Cllr Tahira Bashir", role="Councillor", place="Rochdale")),
        ("Asif Mirza, Reading Interfaith Forum", "list", True, fields("Asif Mirza", affiliation="Reading Interfaith Forum")),
        ("Kamran Yousaf, Oldham", "list", False, fields("Kamran Yousaf", place="Oldham")),
        ("Jamia Masjid Farooqia, High Wycombe", "list", True, fields("Jamia Masjid Farooqia", kind="organisation", place="High Wycombe", organisation="Jamia Masjid Farooqia")),
        ("Anjuman-e-Islamia Newham", "list", True, fields("Anjuman-e-Islamia Newham", kind="organisation", organisation="Anjuman-e-Islamia Newham")),
        ("Cllr Farah Qureshi, Bolton", "name-place-role", False, fields("Cllr Farah Qureshi", role="Councillor", place="Bolton")),
        ("Bishop Sutton Islamic Society", "list", True, fields("Bishop Sutton Islamic Society", kind="organisation", organisation="Bishop Sutton Islamic Society")),
    ],
)
def test_comma_fields_are_read_by_what_each_field_reads_as(line, form, around, expected):
    assert read(line, form, around) == expected


def test_a_bare_name_takes_the_kind_most_signatures_of_its_letter_have():
    document = DocumentText("Hillside Mosque\nEastgate Islamic Centre\nAnjuman-e-Islamia Newham\n")
    entries = [SignatureEntry(document.line_span(number), "list") for number in (1, 2, 3)]
    assert among_organisations(entries)
    assert read("Amira Khan", organisations_around=False)["kind"] == "person"
    assert read("Amira Khan", organisations_around=True)["kind"] == "organisation"


def test_a_member_count_in_any_unit_is_kept_apart_from_the_name():
    document = DocumentText("Yours sincerely,\nPennine Mosques Forum — 32 mosques\n")
    parsed = parse_signature(document, SignatureEntry(document.line_span(2), "list"))
    assert (parsed.name.clean, parsed.kind, parsed.member_count, parsed.member_unit) == ("Pennine Mosques Forum", "organisation", 32, "mosques")


def test_a_group_heading_that_is_a_place_is_the_place_of_a_signature_that_prints_none():
    document = DocumentText("Yours sincerely,\nBirmingham\nTariq Nawaz – Chair, Kashmir Community Alliance UK\nCllr Rizwan Hafeez (Toller) – Councillor, Bradford Council\nTrade unionists\n")
    heading, other_heading = document.line_span(2), document.line_span(5)
    tariq = parse_signature(document, SignatureEntry(document.line_span(3), "list", heading=heading))
    rizwan = parse_signature(document, SignatureEntry(document.line_span(4), "list", heading=heading))
    assert (tariq.place.text, tariq.heading.text, tariq.affiliation.text) == ("Birmingham", "Birmingham", "Kashmir Community Alliance UK")
    assert (rizwan.name.text, rizwan.place.text, rizwan.role.text) == ("Cllr Rizwan Hafeez", "Toller", "Councillor")  # its own place wins
    kevin = parse_signature(document, SignatureEntry(document.line_span(3), "list", heading=other_heading))
    assert kevin.place is None and kevin.heading.text == "Trade unionists"  # a sector is no place


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ((("name", "Shazia Malik"), ("organisation", "Tarn Women's Group"), ("place", "Luton")), fields("Shazia Malik", place="Luton", affiliation="Tarn Women's Group")),
        ((("name", "Cllr Yasmin Begum"), ("place", "Luton")), fields("Cllr Yasmin Begum", role="Councillor", place="Luton")),
        ((("name", "Dunstable Kashmir Welfare Association"), ("place", "Dunstable")), fields("Dunstable Kashmir Welfare Association", kind="organisation", place="Dunstable", organisation="Dunstable Kashmir Welfare Association")),
    ],
)
def test_a_table_row_is_read_by_its_columns(cells, expected):
    text = " | ".join(value for _, value in cells)
    document = DocumentText(f"Name | Town\n{text}\n")
    line = document.line(2)
    columns, position = [], line.start
    for field, value in cells:
        start = document.text.index(value, position)
        columns.append((field, document.span(start, start + len(value))))
        position = start + len(value)
    parsed = parse_signature(document, SignatureEntry(document.line_span(2), "table", columns=tuple(columns)))
    assert {
        "name": parsed.name.clean, "kind": parsed.kind, "role": parsed.role_value, "place": parsed.place.clean if parsed.place else None,
        "organisation": parsed.organisation.clean if parsed.organisation else None, "affiliation": parsed.affiliation.clean if parsed.affiliation else None,
    } == expected

