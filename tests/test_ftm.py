"""The FollowTheMoney export (`make ftm`, `scripts/export_ftm.py`): every entity is valid
against the FtM schema as the `followthemoney` package defines it, every reference resolves to
an entity in the export, and ids come from the dataset's stable ids, so the file loads into
Aleph or OpenAleph as it is and a later export updates the same entities."""

from __future__ import annotations

import json
import subprocess
from collections import Counter

import pytest
from conftest import REPO
from followthemoney import model
from followthemoney.types import registry

from scripts.export.ftm import entity_id


@pytest.fixture(scope="module")
def exported(built_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("ftm") / "kashmir.ftm.json"
    result = subprocess.run(["make", "--no-print-directory", "ftm", f"DB={built_db}", f"FTM={out}"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def entities(exported) -> list[dict]:
    return [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]


def test_every_entity_is_valid_against_its_schema(entities):
    assert entities
    for entity in entities:
        schema = model.get(entity["schema"])
        assert schema is not None and not schema.abstract, entity["schema"]
        assert registry.entity.validate(entity["id"]), entity["id"]
        for name in schema.required:
            assert entity["properties"].get(name), (entity["id"], name)
        for name, values in entity["properties"].items():
            prop = schema.get(name)
            assert prop is not None, (entity["schema"], name)
            for value in values:
                assert prop.type.validate(value), (entity["id"], name, value)
        proxy = model.get_proxy(entity, cleaned=False)  # what Aleph does on import
        assert proxy.id == entity["id"] and proxy.schema is schema
        for name, values in entity["properties"].items():
            assert len(proxy.get(name)) == len(values), (entity["id"], name)  # nothing dropped as invalid


def test_every_reference_resolves_to_an_entity_of_the_right_schema(entities):
    by_id = {entity["id"]: entity for entity in entities}
    assert len(by_id) == len(entities), "ids are unique"
    references = 0
    for entity in entities:
        schema = model.get(entity["schema"])
        for name, values in entity["properties"].items():
            prop = schema.get(name)
            if prop.type != registry.entity:
                continue
            for value in values:
                target = by_id.get(value)
                assert target is not None, (entity["id"], name, value)
                assert model.get(target["schema"]).is_a(prop.range), (entity["id"], name, target["schema"])
                references += 1
    assert references > 100


def test_each_table_row_is_one_entity_with_an_id_from_its_stable_id(entities, db):
    by_id = {entity["id"]: entity for entity in entities}
    for table, kind, schema in (
        ("documents", "article", "Article"), ("locations", "address", "Address"),
        ("organisations", "organisation", "Organization"), ("people", "person", "Person"),
    ):
        rows = db.execute(f"select id, {'title' if table == 'documents' else 'name'} from {table}").fetchall()
        for row_id, name in rows:
            entity = by_id[entity_id(kind, row_id)]
            assert entity["schema"] == schema and name in entity["properties"]["name"]
    assert Counter(entity["schema"] for entity in entities)["Person"] == db.execute("select count(*) from people").fetchone()[0]


def test_signatures_and_mentions_become_documentation_and_on_behalf_of_a_membership(entities, db):
    by_id = {entity["id"]: entity for entity in entities}
    documentation = [entity for entity in entities if entity["schema"] == "Documentation"]
    pairs = {(e["properties"]["document"][0], e["properties"]["entity"][0]): e for e in documentation}
    # Attiq Malik signs on behalf of Liberty Law: a Person, a Membership and a Documentation.
    person = entity_id("person", "attiq-malik")
    memberships = [entity for entity in entities if entity["schema"] == "Membership"]
    expected = db.execute("select count(*) from signatories where kind = 'person' and person_id is not null and organisation_id is not null").fetchone()[0]
    assert len(memberships) == expected >= 1
    assert any(m["properties"]["member"] == [person] and m["properties"]["organization"] == [entity_id("organisation", "liberty-law")] for m in memberships)
    # Every signing organisation is documented as a signatory of its document, with the letter.
    for document_id, organisation_id, title in db.execute(
        "select signatories.document_id, organisation_id, letters.title from signatories join letters on letters.id = letter_id where signatories.kind = 'organisation'"
    ):
        link = pairs[(entity_id("article", document_id), entity_id("organisation", organisation_id))]
        assert "signatory" in link["properties"]["role"][0] and f"signed: {title}" in link["properties"]["summary"]
    # A person only mentioned is documented as mentioned.
    mentioned_only = db.execute(
        "select document_id, person_id from mentions where person_id is not null"
        " except select document_id, person_id from signatories where person_id is not null"
    ).fetchone()
    link = pairs[(entity_id("article", mentioned_only[0]), entity_id("person", mentioned_only[1]))]
    assert link["properties"]["role"] == ["mentioned"]
    assert by_id[link["properties"]["document"][0]]["schema"] == "Article"


def test_the_export_is_the_same_every_time(exported, built_db, tmp_path):
    again = tmp_path / "again.ftm.json"
    subprocess.run(["make", "--no-print-directory", "ftm", f"DB={built_db}", f"FTM={again}"], cwd=REPO, check=True, capture_output=True)
    assert again.read_bytes() == exported.read_bytes()
