"""Resolve stage for one document: the steps in order.

Takes: an extracted document, and the reference data every document shares (the register and
the gazetteer, indexed once). Gives: a `ResolvedDocument`: its rows of every table, as tuples
in the schema's column order for the load stage, and its `Observations` of the organisations,
people and places it names, which `entity_tables` merges across documents. Nothing is kept
between documents, so the same document always gives the same rows, whatever came before it,
and documents can be resolved in any process.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from scripts.common.identifiers import hashed_number, small_hashed_number
from scripts.common.spans import DocumentText
from scripts.curated.register import Register
from scripts.pipeline.extract.document import ExtractedDocument
from scripts.pipeline.load.schema import RULE_COLUMNS, as_tuples
from scripts.pipeline.resolve.document_rows import DocumentRows, add_comments, add_letters, add_to_review
from scripts.pipeline.resolve.entities import EntityResolver, OrganisationRecord, PersonRecord
from scripts.pipeline.resolve.gazetteer import Gazetteer
from scripts.pipeline.resolve.locate import locate_signatories
from scripts.pipeline.resolve.mention_rows import OWN_ENTITY_COLUMN, Sections, add_mentions, names_signed
from scripts.pipeline.resolve.mentions import MentionFinder
from scripts.pipeline.resolve.name_index import tokenise
from scripts.pipeline.resolve.personal_names import personal_name_spans
from scripts.pipeline.resolve.places import PlaceFinder, decide_by_context, doubt_far_places_in_a_local_document


@dataclass
class Observations:
    """What one document shows of the entities: the entity tables are built from these, merged
    in document order, so each document can be resolved on its own (in parallel)."""

    organisations: list[OrganisationRecord]
    people: list[PersonRecord]
    places: set[str]  # ids of the places rows point at (`Gazetteer.place` gives each)
    appearances: dict[tuple[str, str], list[int]]  # (entity type, id) -> [signatures, mentions]
    own_locations: dict[str, dict]  # organisation id -> where its first own signature locates it
    rules: dict[int, str]  # id -> words of each rule its rows name (`coded_rules`)


@dataclass
class ResolvedDocument:
    document_id: str
    rows: dict[str, list[tuple]]  # in SCHEMA column order
    observations: Observations


class Resolver:
    """The reference data every document is resolved against, indexed once for the build."""

    def __init__(self, register: Register, gazetteer: Gazetteer):
        self.register = register
        self.place_finder = PlaceFinder(gazetteer)
        self.mention_finder = MentionFinder(EntityResolver(register).printed_names())

    def resolve(self, document: ExtractedDocument) -> ResolvedDocument:
        rows = DocumentRows(document, EntityResolver(self.register))
        add_letters(rows)
        add_comments(rows)
        add_to_review(rows)
        full_text = document.text.text  # as read: offsets turn into the stored text's at the end
        words = tokenise(full_text)
        named = self.mention_finder.find(full_text, names_signed(rows), words)
        # A person called Formby is not the town: neither the names the document's signatures
        # print nor any other personal name in its text is searched for places.
        people = [(start, end) for start, end, entity_type, _ in named if entity_type == "person"] + personal_name_spans(full_text, self.place_finder.is_place_name)
        places = self.place_finder.find(full_text, excluded=people, words=words)
        sections = Sections(rows)
        headings = [(row, rows.signatures[row["id"]].heading) for row in sections.signatories]
        decide_by_context(
            places,
            [
                ("signature", [(row["start"], row["end"]) for row in sections.signatories]),
                ("group heading", [(row["start"], row["end"], heading.start, heading.end) for row, heading in headings if heading]),
                ("letter", [(row["start"], row["end"]) for row in sections.letters]),
                ("document", [(0, len(full_text))]),
            ],
            self.place_finder.gazetteer.region_of,
        )
        doubt_far_places_in_a_local_document(places)
        locate_signatories(rows, places)
        add_mentions(rows, sections, named, places)
        in_stored_offsets(rows.tables, document.text)
        observations = observe(rows, coded_rules(rows.tables))
        rows.tables["appearances"] = appearance_rows(rows.document_id, observations.appearances)
        return ResolvedDocument(rows.document_id, as_tuples(rows.tables), observations)


# The columns of each table that are offsets into the document's text, and the column that
# holds the words between them (which, once the offsets point into the stored text, are the
# stored words: what `substr(documents.text, start + 1, end - start)` gives).
OFFSET_COLUMNS = {
    "letters": None, "claims": None, "signatories": None, "comments": None, "mentions": "text", "provenance": "raw_text",
    "to_review": "text",
}


def in_stored_offsets(tables: dict[str, list[dict]], text: DocumentText) -> None:
    """Rows made from the reading text, turned to point into the text as stored."""
    if text.read_as_stored:
        return
    for table, words_column in OFFSET_COLUMNS.items():
        for row in tables.get(table, ()):
            if row["start"] is None:
                continue  # a count: no words
            row["start"], row["end"] = text.stored_offsets(row["start"], row["end"])
            if words_column:
                row[words_column] = text.stored[row["start"] : row["end"]]


# Entities whose appearances are rows of their own. A place's documents are already a facet
# of the signatories located at it and the mentions of it (both by location_id), and places
# were half the table (1.1 million rows and 145 MB at 10,000 documents): its totals stay on
# its locations row.
APPEARING = {"organisation": "organisation_id", "person": "person_id"}


def appearance_rows(document_id: str, appearances: dict[tuple[str, str], list[int]]) -> list[dict]:
    """The document's rows of the appearances table: each organisation and person it names,
    with how often each signs and is mentioned here. Written with the document's other rows,
    so the build never holds the whole table (1.2 million rows at 10,000 documents) in memory."""
    return [
        {
            "id": hashed_number("appearance", entity_type, entity_id, document_id), "entity_type": entity_type,
            **{column: entity_id if kind == entity_type else None for kind, column in APPEARING.items()},
            "document_id": document_id, "signature_count": signatures, "mention_count": mentions,
        }
        for (entity_type, entity_id), (signatures, mentions) in appearances.items()
        if entity_type in APPEARING
    ]


def coded_rules(tables: dict[str, list[dict]]) -> dict[int, str]:
    """Each rule column's words replaced by the id of its `rules` row (a hash of the words, so
    the same in every document and every build); gives those rows, id -> words."""
    rules: dict[int, str] = {}
    for table, columns in RULE_COLUMNS.items():
        for row in tables.get(table, ()):
            for column in columns:
                words = row[column]
                if words is not None:
                    row[column] = rule_id = small_hashed_number("rule", words)
                    rules[rule_id] = words
    return rules


def observe(rows: DocumentRows, rules: dict[int, str]) -> Observations:
    """Who and what the document's rows name, with how often each signs and is mentioned, and
    the rules they were read by (`coded_rules`)."""
    appearances: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows.tables["signatories"]:
        for entity_type, column in OWN_ENTITY_COLUMN.items():
            if row[column]:
                appearances[entity_type, row[column]][0] += 1
    for row in rows.tables["letters"]:
        if row["organiser_id"]:
            appearances["organisation", row["organiser_id"]]  # an organiser appears, signing or not
    for row in rows.tables["mentions"]:
        entity_id = row["organisation_id"] or row["person_id"] or row["location_id"]
        if entity_id:
            appearances[row["entity_type"], entity_id][1] += 1
    appearances = dict(appearances)
    organisations = [record for record in rows.entities.organisations.values() if ("organisation", record.id) in appearances]
    for record in organisations:
        record.printed_names = set()  # only this document's mentions needed them
    return Observations(
        organisations=organisations,
        people=[record for record in rows.entities.people.values() if ("person", record.id) in appearances],
        places=set(rows.places),
        appearances=appearances,
        own_locations=rows.own_locations,
        rules=rules,
    )
