"""Resolve stage, last step: organisations, people and locations, each once, with how often
they appear (in how many documents, signatures and mentions), and the corrections as applied.

Takes: each document's `Observations` (from `scripts.pipeline.resolve.resolver`), in document
order. Gives: the rows of the entity tables. An entity's appearances, one row a document, are
written with that document's own rows (`resolver.appearance_rows`); only its totals are kept
here. Where documents say different things of one entity, the first document (by id) decides
its name and kind; an acronym or member count the first did not state is taken from the next
that does.
"""

from __future__ import annotations

import json
from collections import defaultdict

from scripts.curated.corrections import Correction
from scripts.pipeline.resolve.entities import OrganisationRecord, PersonRecord
from scripts.pipeline.resolve.gazetteer import Gazetteer, Place
from scripts.pipeline.resolve.local_authorities import source_words as local_authority_source
from scripts.pipeline.resolve.places import LOCATION_STATUSES, PlaceFinder, choose_location
from scripts.pipeline.resolve.resolver import Observations


class EntityTables:
    def __init__(self, gazetteer: Gazetteer | None):
        self.gazetteer = gazetteer
        self.place_finder = PlaceFinder(gazetteer) if gazetteer else None
        self.organisations: dict[str, OrganisationRecord] = {}
        self.people: dict[str, PersonRecord] = {}
        self.places: dict[str, Place] = {}
        self.own_locations: dict[str, dict] = {}
        # (entity type, entity id) -> [documents, signatures, mentions]: its totals (its rows
        # of the appearances table, one a document, are written with each document's rows)
        self.seen: dict[tuple[str, str], list[int]] = {}
        self.rules: dict[int, str] = {}  # id -> words

    def add(self, observations: Observations) -> None:
        for record in observations.organisations:
            self._add_organisation(record)
        for record in observations.people:
            self.people.setdefault(record.id, record)
        for place_id in observations.places:
            self.places.setdefault(place_id, None)  # the gazetteer's Place, once `attach`ed
        for organisation_id, location in observations.own_locations.items():
            self.own_locations.setdefault(organisation_id, location)
        for key, (signatures, mentions) in observations.appearances.items():
            self._count(key, 1, signatures, mentions)
        self.add_rules(observations.rules)

    def add_rules(self, rules: dict[int, str]) -> None:
        for rule_id, words in rules.items():
            known = self.rules.setdefault(rule_id, words)
            if known != words:
                raise RuntimeError(f"two rules share the id {rule_id}: {known!r} and {words!r} (change the key of small_hashed_number)")

    def _count(self, key: tuple[str, str], documents: int, signatures: int, mentions: int) -> None:
        totals = self.seen.get(key)
        if totals is None:
            self.seen[key] = [documents, signatures, mentions]
        else:
            totals[0] += documents
            totals[1] += signatures
            totals[2] += mentions

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
        for key, totals in later.seen.items():
            self._count(key, *totals)
        self.add_rules(later.rules)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        del state["gazetteer"], state["place_finder"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
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
                    "longitude": place.longitude, "precision_km": place.precision_km, "local_authority_id": place.local_authority_id,
                    "county": place.county, "region": place.region, "nation": place.nation, "country": place.country,
                    "source": place.source, "note": place.note, **self._seen("place", place.id), "area_method": place.area_method,
                }
            )
        tables["local_authorities"] = self._local_authority_rows(tables["locations"])
        tables["rules"] = [{"id": rule_id, "rule": words} for rule_id, words in sorted(self.rules.items())]
        tables["location_statuses"] = [{"id": code, "meaning": words} for code, words in LOCATION_STATUSES.items()]
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

    def _local_authority_rows(self, locations: list[dict]) -> list[dict]:
        """Every authority of Great Britain, with how many of the locations, and of the
        signatures located, lie in it."""
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for location in locations:
            if location["local_authority_id"]:
                totals[location["local_authority_id"]][0] += 1
                totals[location["local_authority_id"]][1] += location["signature_count"]
        source = local_authority_source()
        return [
            {
                "id": authority.id, "name": authority.name, "kind": authority.kind, "county": authority.county, "region": authority.region,
                "region_method": authority.region_method, "nation": authority.nation, "latitude": authority.latitude, "longitude": authority.longitude,
                "location_count": totals[authority.id][0], "signature_count": totals[authority.id][1],
                "postcode_count": authority.postcode_count, "source": source,
            }
            for authority in sorted(self.gazetteer.local_authorities, key=lambda authority: authority.id)
        ]

    def _seen(self, entity_type: str, entity_id: str) -> dict:
        documents, signatures, mentions = self.seen.get((entity_type, entity_id), (0, 0, 0))
        return {"document_count": documents, "signature_count": signatures, "mention_count": mentions}

    def _organisation_location(self, record: OrganisationRecord) -> dict:
        """Where its own signature locates it; failing that, the places in its name."""
        own = self.own_locations.get(record.id)
        if own is not None:
            return {**own, "location_method": f"from its signature: {own['location_method']}"}
        choice = choose_location(self.place_finder.find(record.name), record.name)
        if choice.place:
            self.places[choice.place.id] = choice.place
        return {
            "location_id": choice.place.id if choice.place else None, "location_status": choice.status,
            "location_method": f"from its name: {choice.method}", "local_authority_id": choice.place.local_authority_id if choice.place else None,
        }
