"""The organisations and people tables: each distinct entity once, found by any of its names."""

from __future__ import annotations

import pytest

from scripts.curated.register import Organisation, Person, Register
from scripts.pipeline.extract.document import extract_document
from scripts.pipeline.read.documents import Document
from scripts.pipeline.resolve.gazetteer import Gazetteer
from scripts.pipeline.resolve.organisation_kinds import ORGANISATION_KINDS
from scripts.pipeline.resolve.resolver import Resolver


def organisation(db, organisation_id):
    return db.execute("select * from organisations where id = ?", [organisation_id]).fetchone()


@pytest.mark.parametrize(
    "organisation_id, kind",
    [
        ("unison", "trade union"),
        ("university-and-college-union", "trade union"),
        ("labour-party", "political party"),
        ("momentum-internationalists", "party faction or campaign"),
        ("socialist-campaign-group", "party faction or campaign"),
        ("labour-friends-of-india", "party faction or campaign"),
        ("jammu-kashmir-liberation-front", "political party"),
        ("hindu-forum-of-britain", "community or charity"),
        ("socialist-party", "political party"),
    ],
)
def test_organisations_named_in_roles_and_body_text_are_included(db, organisation_id, kind):
    row = organisation(db, organisation_id)
    assert row is not None, organisation_id
    assert row["kind"] == kind


def documents_of(db, entity_type: str, entity_id: str) -> list[str]:
    """The documents an entity appears in, from the appearances table."""
    column = {"organisation": "organisation_id", "person": "person_id"}[entity_type]
    return [row[0] for row in db.execute(f"select document_id from appearances where {column} = ? order by document_id", [entity_id])]


def test_an_acronym_and_a_full_name_are_one_organisation(db):
    jklf = organisation(db, "jammu-kashmir-liberation-front")
    assert jklf["acronym"] == "JKLF"
    printed = {row[0] for row in db.execute("select text from mentions where organisation_id = ?", [jklf["id"]])}
    assert printed == {"JKLF", "Jammu Kashmir Liberation Front"}
    assert documents_of(db, "organisation", jklf["id"]) == ["000_256be309d504f665", "003_1373bc5d39599841"]
    assert db.execute("select count(*) from organisations where name like '%Liberation Front%'").fetchone()[0] == 1


def test_acronyms_printed_in_signatures_are_kept(db):
    acronyms = {row[0] for row in db.execute("select acronym from organisations where acronym is not null")}
    assert {"FORMO", "SELKOM", "WFCOM", "MPAC", "JKLF", "PWA", "JMIC"} <= acronyms


def test_the_socialist_party_appears_in_the_birmingham_report(db):
    row = organisation(db, "socialist-party")
    assert documents_of(db, "organisation", row["id"]) == ["001_6f5deee30d7d4c90"]


@pytest.mark.parametrize(
    "organisation_id, kind",
    [
        ("kent-muslim-welfare-association-gillingham-mosque", "mosque or Islamic centre"),
        ("brent-central-mosque", "mosque or Islamic centre"),
        ("association-of-muslim-lawyers", "legal"),
        ("apex-trust", "community or charity"),
        ("muslim-public-affairs-committee", "other"),
    ],
)
def test_signing_organisations_get_a_kind_from_their_name(db, organisation_id, kind):
    row = organisation(db, organisation_id)
    assert row["kind"] == kind
    assert row["kind_rule"].startswith("name contains") or row["kind_rule"] == "no rule matched"


def test_every_kind_is_in_the_controlled_list_documented_in_metadata(db, metadata):
    kinds = {row[0] for row in db.execute("select distinct kind from organisations")}
    assert kinds <= set(ORGANISATION_KINDS)
    documented = metadata["databases"]["kashmir"]["tables"]["organisations"]["columns"]["kind"]
    for kind in ORGANISATION_KINDS:
        assert kind in documented


def test_every_organisation_and_person_appears_in_a_document_with_its_counts(db):
    for table, entity_type, column in (("organisations", "organisation", "organisation_id"), ("people", "person", "person_id")):
        assert db.execute(f"select count(*) from {table} where document_count < 1").fetchone()[0] == 0
        mismatched = db.execute(
            f"select {table}.id from {table} left join ("
            f"  select {column} as id, count(*) as documents, sum(signature_count) as signatures, sum(mention_count) as mentions"
            f"  from appearances where entity_type = ? group by {column}"
            f") as seen on seen.id = {table}.id"
            f" where seen.documents is not {table}.document_count or seen.signatures is not {table}.signature_count"
            f" or seen.mentions is not {table}.mention_count",
            [entity_type],
        ).fetchall()
        assert mismatched == [], table


def test_a_places_counts_are_those_of_the_signatories_located_at_it_and_its_mentions(db):
    assert db.execute("select count(*) from appearances where entity_type not in ('organisation', 'person')").fetchone()[0] == 0
    assert db.execute("select count(*) from locations where document_count < 1").fetchone()[0] == 0
    mismatched = db.execute(
        "select locations.id from locations left join ("
        "  select location_id as id, count(distinct document_id) as documents, sum(signature) as signatures, sum(1 - signature) as mentions from ("
        "    select location_id, document_id, 1 as signature from signatories where location_id is not null"
        "    union all select location_id, document_id, 0 from mentions where location_id is not null"
        "  ) group by location_id"
        ") as seen on seen.id = locations.id"
        " where seen.documents is not locations.document_count or seen.signatures is not locations.signature_count"
        " or seen.mentions is not locations.mention_count"
    ).fetchall()
    assert mismatched == []


def test_an_appearance_is_one_entity_in_one_document_and_counts_what_it_does_there(db):
    rows = db.execute("select * from appearances where organisation_id = 'jammu-kashmir-liberation-front' order by document_id").fetchall()
    assert [(row["document_id"], row["entity_type"], row["person_id"]) for row in rows] == [
        ("000_256be309d504f665", "organisation", None), ("003_1373bc5d39599841", "organisation", None),
    ]
    mentions = db.execute(
        "select document_id, count(*) from mentions where organisation_id = 'jammu-kashmir-liberation-front' group by 1 order by 1"
    ).fetchall()
    assert [(row["document_id"], row["mention_count"]) for row in rows] == [tuple(row) for row in mentions]


def test_register_entries_never_mentioned_do_not_reach_the_dataset():
    # Every entry of the seeds' register is printed somewhere, so the rule is shown on a
    # register with one entry that the document names and one that it never prints.
    register = Register(
        organisations=(
            Organisation(name="Labour Party", aliases=("Labour",), kind="political party"),
            Organisation(name="Never Mentioned Society", kind="community or charity"),
        ),
        people=(Person(name="Nobody Named"),),
    )
    text = "Labour members wrote to the party leader about Kashmir.\n"
    document = Document("x", "x.txt", "x", None, None, None, None, "0" * 64, text, 9, 1)
    observed = Resolver(register, Gazetteer({})).resolve(extract_document(document, [])).observations
    assert [record.id for record in observed.organisations] == ["labour-party"]
    assert observed.people == []


def test_people_who_sign_and_people_who_are_only_mentioned(db):
    people = {row["id"]: row for row in db.execute("select * from people")}
    assert people["ruth-cashman"]["signature_count"] == 1
    for mentioned_only in ("keir-starmer", "jeremy-corbyn", "emily-thornberry"):
        assert people[mentioned_only]["signature_count"] == 0
        assert people[mentioned_only]["mention_count"] >= 1
    assert documents_of(db, "person", "jeremy-corbyn") == ["000_256be309d504f665", "003_1373bc5d39599841"]
