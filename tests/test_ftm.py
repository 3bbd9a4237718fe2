"""The FollowTheMoney export (`make ftm`, `scripts/export/ftm.py`): every entity is valid
against the FtM schema as the `followthemoney` package defines it, every reference resolves to
an entity in the export, and ids come from the dataset's stable ids, with no dot in them, so the
file loads into Aleph or OpenAleph as it is, FtM's own tools (`ftm validate`, `ftm aggregate`)
keep every entity apart, and a later export updates the same entities."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO
from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.types import registry

from scripts.export.ftm import documentation_id, entity_id, main, make

FTM = Path(sys.executable).parent / "ftm"  # the followthemoney command-line tool of this venv


def run_ftm(*arguments: str | Path) -> subprocess.CompletedProcess:
    result = subprocess.run([str(FTM), *map(str, arguments)], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def read_entities(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def exported(built_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("ftm") / "kashmir.ftm.json"
    result = subprocess.run(["make", "--no-print-directory", "ftm", f"DB={built_db}", f"FTM={out}"], check=False, cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def entities(exported) -> list[dict]:
    return read_entities(exported)


def test_every_entity_is_valid_against_its_schema(entities):
    assert entities
    for entity in entities:
        assert set(entity) == {"id", "schema", "properties"}
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
            assert proxy.get(name) == values, (entity["id"], name)  # nothing dropped or changed by cleaning again


def test_no_id_holds_a_dot_so_no_part_of_it_reads_as_a_namespace_signature(entities):
    ids = [entity["id"] for entity in entities]
    references = [
        value for entity in entities for name, values in entity["properties"].items()
        if model.get(entity["schema"]).get(name).type == registry.entity for value in values
    ]
    assert ids and references
    for value in ids + references:
        assert "." not in value and value.startswith("kashmir-"), value


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
        assert Counter(entity["schema"] for entity in entities)[schema] == len(rows) > 0
        for row_id, name in rows:
            entity = by_id[entity_id(kind, row_id)]
            assert entity["schema"] == schema and name in entity["properties"]["name"]
    assert Counter(entity["schema"] for entity in entities)["Person"] == db.execute("select count(*) from people").fetchone()[0]


def test_an_id_keeps_a_plain_stable_id_and_digests_one_with_other_characters():
    assert entity_id("person", "attiq-malik") == "kashmir-person-attiq-malik"
    article = entity_id("article", "000_256be309d504f665")
    assert article.startswith("kashmir-article-000-256be309d504f665-") and registry.entity.validate(article) and "." not in article
    assert article == entity_id("article", "000_256be309d504f665"), "the same row id always gives the same id"
    # Row ids that clean to the same hyphens still give different ids.
    similar = ["a_b", "a.b", "a b", "a__b", "a-b", "a–b", "a_b_"]
    ids = [entity_id("organisation", row_id) for row_id in similar]
    assert len(set(ids)) == len(similar), ids
    assert all(registry.entity.validate(id_) and "." not in id_ for id_ in ids), ids


def test_a_documentation_id_comes_from_the_stable_ids_of_its_article_and_entity(entities):
    documentation = [entity for entity in entities if entity["schema"] == "Documentation"]
    assert documentation
    for entity in documentation:
        (document,), (linked,) = entity["properties"]["document"], entity["properties"]["entity"]
        assert entity["id"] == documentation_id(document, linked)
        assert entity["id"].startswith("kashmir-documentation-")
    assert len({entity["id"] for entity in documentation}) == len(documentation)


def test_signatures_and_mentions_become_documentation_and_on_behalf_of_a_membership(entities, db):
    by_id = {entity["id"]: entity for entity in entities}
    documentation = [entity for entity in entities if entity["schema"] == "Documentation"]
    pairs = {(e["properties"]["document"][0], e["properties"]["entity"][0]): e for e in documentation}
    assert len(pairs) == len(documentation), "one Documentation per article and entity"
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


def test_a_point_keeps_its_coordinates_as_the_database_holds_them(entities, db):
    by_id = {entity["id"]: entity for entity in entities}
    rows = db.execute("select id, latitude, longitude from locations where latitude is not null").fetchall()
    assert rows
    for row_id, latitude, longitude in rows:
        properties = by_id[entity_id("address", row_id)]["properties"]
        assert properties["latitude"] == [str(latitude)] and properties["longitude"] == [str(longitude)]


def test_a_value_ftm_would_refuse_stops_the_export_rather_than_being_dropped():
    address = make("Address", "kashmir-address-x", name="X", country="gb", latitude=51.53333, region=None, notes="")
    assert address.to_dict()["properties"] == {"name": ["X"], "country": ["gb"], "latitude": ["51.53333"]}  # None and "" are no value
    for schema, properties in (("Address", {"country": "Atlantis"}), ("Article", {"publishedAt": "sometime"}), ("Person", {"addressEntity": "a.b c"})):
        with pytest.raises(InvalidData):
            make(schema, "kashmir-test-x", **properties)


@pytest.mark.slow  # runs a command of its own
def test_ftm_validate_accepts_the_export_and_changes_nothing(exported, entities, tmp_path):
    validated = tmp_path / "validated.ftm.json"
    run_ftm("validate", "-i", exported, "-o", validated)
    out = read_entities(validated)
    assert len(out) == len(entities)
    assert {e["id"]: (e["schema"], e["properties"]) for e in out} == {e["id"]: (e["schema"], e["properties"]) for e in entities}


@pytest.mark.slow  # runs a command of its own
def test_ftm_aggregate_keeps_every_entity_apart(exported, entities, tmp_path):
    aggregated = tmp_path / "aggregated.ftm.json"
    run_ftm("aggregate", "-i", exported, "-o", aggregated)
    out = read_entities(aggregated)
    assert len(out) == len(entities)
    assert Counter(e["schema"] for e in out) == Counter(e["schema"] for e in entities)
    assert {e["id"] for e in out} == {e["id"] for e in entities}


@pytest.mark.slow  # runs a command of its own
def test_ftm_aggregate_would_fold_ids_that_differ_only_after_a_dot(entities, tmp_path):
    """Why ids hold no dot: the former Documentation ids, `<article id>.doc.<entity id>`, read to
    FtM as `<article id>.doc` signed with `<entity id>`, and aggregate into one per article."""
    documentation = [entity for entity in entities if entity["schema"] == "Documentation"]
    dotted = tmp_path / "dotted.ftm.json"
    with open(dotted, "w", encoding="utf-8") as file:
        for entity in documentation:
            properties = entity["properties"]
            file.write(json.dumps({**entity, "id": f"{properties['document'][0]}.doc.{properties['entity'][0]}"}) + "\n")
    aggregated = tmp_path / "aggregated.ftm.json"
    run_ftm("aggregate", "-i", dotted, "-o", aggregated)
    articles = {entity["properties"]["document"][0] for entity in documentation}
    assert len(documentation) > len(articles) == len(read_entities(aggregated))


@pytest.mark.slow  # runs a command of its own
def test_the_export_is_the_same_every_time(exported, built_db, tmp_path):
    again = tmp_path / "again.ftm.json"
    subprocess.run(["make", "--no-print-directory", "ftm", f"DB={built_db}", f"FTM={again}"], cwd=REPO, check=True, capture_output=True)
    assert again.read_bytes() == exported.read_bytes()


@pytest.mark.slow  # runs a command of its own
def test_the_command_writes_the_file_and_says_how_many_entities(built_db, entities, tmp_path):
    out = tmp_path / "kashmir.ftm.json"
    result = CliRunner().invoke(main, ["--db", str(built_db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {len(entities)} entities to {out}\n"
    assert len(read_entities(out)) == len(entities)
    assert not list(tmp_path.glob(".*.tmp")), "the temporary file is moved into place"


@pytest.mark.slow  # runs a command of its own
def test_the_command_refuses_a_missing_database(tmp_path):
    out = tmp_path / "kashmir.ftm.json"
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "missing.db"), "--out", str(out)])
    assert result.exit_code == 1
    assert "no such database (run `make build` first)" in result.output
    assert not out.exists()
