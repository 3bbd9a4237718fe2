"""Resolve stage, last step: organisations, people and locations, each once, with how often
they appear; the appearances table (each entity and each document it appears in, with its
signatures and mentions there); and the corrections as applied.

Takes: each document's `Observations` (from `scripts.pipeline.resolve.document_rows`), in document order. Gives: the
rows of the entity tables (`rows`) and of the appearances (`appearance_rows`, made as inserted). Where documents say different things of one entity, the first
document (by id) decides its name and kind; an acronym or member count the first did not
state is taken from the next that does.
"""

from __future__ import annotations

import json
from array import array
from collections import defaultdict
from collections.abc import Iterator

from scripts.common.identifiers import hashed_number
from scripts.curated.corrections import Correction
from scripts.pipeline.resolve.entities import OrganisationRecord, PersonRecord
from scripts.pipeline.resolve.gazetteer import Gazetteer, Place
from scripts.pipeline.resolve.places import PlaceFinder, choose_location
from scripts.pipeline.resolve.resolver import Observations


class EntityTables:
    def __init__(self, gazetteer: Gazetteer | None):
        self.gazetteer = gazetteer
        self.place_finder = PlaceFinder(gazetteer) if gazetteer else None
        self.organisations: dict[str, OrganisationRecord] = {}
        self.people: dict[str, PersonRecord] = {}
        self.places: dict[str, Place] = {}
        self.own_locations: dict[str, dict] = {}
        # (entity type, entity id) -> [(document id, signatures, mentions)], a document once
        self.appearances: dict[tuple[str, str], list[tuple[str, int, int]]] = defaultdict(list)

    def add(self, document_id: str, observations: Observations) -> None:
        for record in observations.organisations:
            self._add_organisation(record)
        for record in observations.people:
            self.people.setdefault(record.id, record)
        for place_id in observations.places:
            self.places.setdefault(place_id, None)  # the gazetteer's Place, once `attach`ed
        for organisation_id, location in observations.own_locations.items():
            self.own_locations.setdefault(organisation_id, location)
        for key, (signatures, mentions) in observations.appearances.items():
            self.appearances[key].append((document_id, signatures, mentions))

    def _add_organisation(self, record: OrganisationRecord) -> None:
        """The first observation names it; a later one adds an acronym or count it lacked."""
        known = self.organisations.setdefault(record.id, record)
        if known is not record:
            known.acronym = known.acronym or record.acronym
            if known.member_count is None and record.member_count is not None:
                known.member_count, known.member_unit = record.member_count, record.member_unit

    def attach(self, gazetteer: Gazetteer) -> None:
        """The gazetteer, to fill in the places observed and to locate organisations by name."""
        self.gazetteer, self.place_finder = gazetteer, PlaceFinder(gazetteer)
        self.places = {place_id: place or gazetteer.place(place_id) for place_id, place in self.places.items()}

    def merge(self, later: EntityTables) -> None:
        """Add what a later run of documents (another worker's) observed, as if added here."""
        for record in later.organisations.values():
            self._add_organisation(record)
        for record in later.people.values():
            self.people.setdefault(record.id, record)
        for place_id, place in later.places.items():
            self.places.setdefault(place_id, place)
        for organisation_id, location in later.own_locations.items():
            self.own_locations.setdefault(organisation_id, location)
        for key, appearances in later.appearances.items():
            self.appearances[key].extend(appearances)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__, appearances=dict(self.appearances))
        del state["gazetteer"], state["place_finder"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.appearances = defaultdict(list, state["appearances"])
        self.gazetteer = self.place_finder = None

    def rows(self, corrections: list[Correction], document_ids: dict[str, str]) -> dict[str, list[dict]]:
        tables: dict[str, list[dict]] = defaultdict(list)
        for record in sorted(self.organisations.values(), key=lambda r: r.id):
            tables["organisations"].append(
                {
                    "id": record.id, "name": record.name, "acronym": record.acronym, "kind": record.kind,
                    "kind_rule": record.kind_rule, "member_count": record.member_count, "member_unit": record.member_unit,
                    **self._seen("organisation", record.id), "in_register": record.in_register, "note": record.note,
                    **self._organisation_location(record),
                }
            )
        for record in sorted(self.people.values(), key=lambda r: r.id):
            tables["people"].append(
                {"id": record.id, "name": record.name, **self._seen("person", record.id), "in_register": record.in_register, "note": record.note}
            )
        for place in sorted(self.places.values(), key=lambda p: p.id):
            tables["locations"].append(
                {
                    "id": place.id, "name": place.name, "kind": place.kind, "latitude": place.latitude,
                    "longitude": place.longitude, "precision_km": place.precision_km, "admin_area": place.admin_area,
                    "nation": place.nation, "country": place.country, "source": place.source, "note": place.note, **self._seen("place", place.id),
                }
            )
        for correction in corrections:
            tables["corrections"].append(
                {
                    "id": correction.id,
                    "document_id": document_ids[correction.document],
                    "first_line": correction.first_line,
                    "last_line": correction.last_line,
                    "source": correction.source.strip(),
                    "signatures": json.dumps(list(correction.signatures), ensure_ascii=False),
                    "reason": correction.reason,
                    "evidence": correction.evidence,
                    "reviewed_by": correction.reviewed_by,
                }
            )
        return dict(tables)

    def appearance_rows(self) -> Iterator[tuple]:
        """The appearances table's rows, as tuples in SCHEMA's column order and in id order (the
        id is the rowid: rows arrive appended, not scattered), each made as it is inserted: at
        10,000 documents there are 2.3 million, and a list of them as dicts took a gigabyte. Only
        the ids and the order are held, as an array and a list of positions."""
        keys, seen_in, ids = [], [], array("q")
        for key, appearances in self.appearances.items():
            for appearance in appearances:
                keys.append(key)
                seen_in.append(appearance)
                ids.append(hashed_number("appearance", key[0], key[1], appearance[0]))
        for index in sorted(range(len(ids)), key=ids.__getitem__):
            (entity_type, entity_id), (document_id, signatures, mentions) = keys[index], seen_in[index]
            yield (
                ids[index], entity_type,
                *(entity_id if entity_type == kind else None for kind in ("organisation", "person", "place")),
                document_id, signatures, mentions,
            )

    def _seen(self, entity_type: str, entity_id: str) -> dict:
        appearances = self.appearances.get((entity_type, entity_id), [])
        return {
            "document_count": len({document_id for document_id, _, _ in appearances}),
            "signature_count": sum(signatures for _, signatures, _ in appearances),
            "mention_count": sum(mentions for _, _, mentions in appearances),
        }

    def _organisation_location(self, record: OrganisationRecord) -> dict:
        """Where its own signature locates it; failing that, the places in its name."""
        own = self.own_locations.get(record.id)
        if own is not None:
            return {**own, "location_method": f"from its signature: {own['location_method']}"}
        choice = choose_location(self.place_finder.find(record.name), record.name)
        if choice.place:
            self.places[choice.place.id] = choice.place
        return {"location_id": choice.place.id if choice.place else None, "location_status": choice.status, "location_method": f"from its name: {choice.method}"}
