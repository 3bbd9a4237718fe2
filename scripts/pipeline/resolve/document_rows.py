"""Resolve stage: turn an extracted document into the rows of every table it feeds.

Takes: one extracted document. Gives: its rows, `{table: [row, …]}` of plain dicts ready for
the load stage, and its observations of organisations, people and places, which
`scripts.pipeline.resolve.entity_tables` merges across documents. Every id is derived from the
row's natural key (`scripts.common.identifiers`), and every extracted row carries `document_id`,
`line`, `start` and `end` (or a line range) pointing at the words it came from.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter, defaultdict
from dataclasses import dataclass

from scripts.common.identifiers import hashed_id, normalise_name
from scripts.common.spans import Span
from scripts.curated.redactions import PLACEHOLDER
from scripts.curated.register import Register
from scripts.pipeline.extract.document import ExtractedDocument, ExtractedLetter
from scripts.pipeline.extract.signatures import ParsedSignature
from scripts.pipeline.load.schema import as_tuples
from scripts.pipeline.resolve import provenance as prov
from scripts.pipeline.resolve.entities import (
    EntityResolver,
    OrganisationRecord,
    PersonRecord,
)
from scripts.pipeline.resolve.gazetteer import Gazetteer, Place
from scripts.pipeline.resolve.mentions import MentionFinder
from scripts.pipeline.resolve.name_index import tokenise
from scripts.pipeline.resolve.places import (
    PlaceFinder,
    PlaceMatch,
    choose_location,
    decide_by_context,
)


@dataclass
class Observations:
    """What one document shows of the entities: the entity tables are built from these, merged
    in document order, so each document can be assembled on its own (in parallel)."""

    organisations: list[OrganisationRecord]
    people: list[PersonRecord]
    places: set[str]  # ids of the places rows point at (`Gazetteer.place` gives each)
    appearances: dict[tuple[str, str], list[int]]  # (entity type, id) -> [signatures, mentions]
    own_locations: dict[str, dict]  # organisation id -> where its first own signature locates it


@dataclass
class AssembledDocument:
    document_id: str
    source_file: str
    rows: dict[str, list[tuple]]  # in SCHEMA column order
    observations: Observations


class Assembly:
    """Turns one extracted document into its rows: letters, claims, signatories, comments and
    mentions, and its observations of the entities. It keeps nothing between documents, so the
    same document always gives the same rows, whatever was assembled before it."""

    def __init__(self, register: Register, gazetteer: Gazetteer):
        self.register = register
        self.place_finder = PlaceFinder(gazetteer)
        self.mention_finder = MentionFinder(EntityResolver(register).printed_names())

    def assemble(self, item: ExtractedDocument) -> AssembledDocument:
        self.resolver = EntityResolver(self.register)
        self.tables: dict[str, list[dict]] = defaultdict(list)
        self.parsed: dict[str, ParsedSignature] = {}
        self.letter_titles: dict[str, str] = {}
        self.places: dict[str, Place] = {}
        self.own_locations: dict[str, dict] = {}
        self.add_document(item)
        self.add_mentions_and_places(item)
        appearances = self._count_appearances()
        organisations = [r for r in self.resolver.organisations.values() if ("organisation", r.id) in appearances]
        for record in organisations:
            record.printed_names = set()  # only this document's mentions needed them
        observations = Observations(
            organisations=organisations,
            people=[r for r in self.resolver.people.values() if ("person", r.id) in appearances],
            places=set(self.places),
            appearances=appearances,
            own_locations=self.own_locations,
        )
        return AssembledDocument(item.document.id, item.document.source_file, as_tuples(self.tables), observations)

    # Letters, claims, signatures and comments, document by document.

    def add_document(self, item: ExtractedDocument) -> None:
        seen: Counter = Counter()
        for letter in item.letters:
            key = normalise_name(letter.found.title.text)
            seen[key] += 1
            letter_id = hashed_id("letter", item.document.id, key + ("" if seen[key] == 1 else f"#{seen[key]}"))
            self._add_letter(item, letter_id, letter)
        for position, comment in enumerate(item.comments, start=1):
            self.tables["comments"].append(
                {
                    "id": hashed_id("comment", item.document.id, normalise_name(comment.author.text), normalise_name(comment.text.text)),
                    "document_id": item.document.id,
                    "position": position,
                    "author": comment.author.clean,
                    "text": comment.text.text,
                    "line_start": comment.author.line,
                    "line_end": item.text.line_of(comment.text.end - 1),
                    "start": comment.author.start,
                    "end": comment.text.end,
                }
            )
            comment_id = self.tables["comments"][-1]["id"]
            self._state("comments", comment_id, "author", comment.author.clean, item.document.id, comment.author, prov.EXTRACTION_RULE, "comment author line", confidence=prov.AS_PRINTED)
            self._state("comments", comment_id, "text", comment.text.text, item.document.id, comment.text, prov.EXTRACTION_RULE, "comment body", confidence=prov.AS_PRINTED)

    def _add_letter(self, item: ExtractedDocument, letter_id: str, letter: ExtractedLetter) -> None:
        found = letter.found
        document_id = item.document.id
        first_claim = next((claim for claim in found.claims if claim.count is not None), found.claims[0] if found.claims else None)
        organiser = self.resolver.organisation(found.organiser.clean, found.organiser.clean) if found.organiser else None
        self.letter_titles[letter_id] = found.title.clean
        self.tables["letters"].append(
            {
                "id": letter_id,
                "document_id": document_id,
                "title": found.title.clean,
                "kind": found.kind,
                "addressee": found.addressee.clean if found.addressee else None,
                "organiser_id": organiser.id if organiser else None,
                "signed_by_count": len(letter.signatures),
                "person_signatures": sum(1 for signature in letter.signatures if signature.kind == "person"),
                "organisation_signatures": sum(1 for signature in letter.signatures if signature.kind == "organisation"),
                "members_stated": sum(signature.member_count or 0 for signature in letter.signatures) or None,
                "federations": "; ".join(
                    f"{signature.name.clean}: {signature.member_count} {signature.member_unit}"
                    for signature in letter.signatures if signature.member_count is not None
                ) or None,
                "unnamed_signatories": found.unnamed[0] if found.unnamed else None,
                "claimed_signatories": first_claim.count if first_claim else None,
                "claimed_signatories_note": f"{first_claim.bound}: “{first_claim.span.clean}” (line {first_claim.span.line})" if first_claim else None,
                "line_start": found.body.line,
                "line_end": item.text.line_of(found.end - 1),
                "start": found.start,
                "end": found.end,
                "introduction_line": found.introduction.line if found.introduction else None,
                "extraction_rule": found.rule,
                "signature_rule": found.signature_rule,
            }
        )
        self._letter_statements(document_id, letter_id, found, first_claim, organiser)
        for claim in found.claims:
            self.tables["claims"].append(
                {
                    "id": hashed_id("claim", document_id, claim.span.start),
                    "letter_id": letter_id,
                    "document_id": document_id,
                    "text": claim.span.clean,
                    "count": claim.count,
                    "bound": claim.bound,
                    "rule": claim.rule,
                    **_position(claim.span),
                }
            )
            if claim.count is not None:
                self._state("claims", self.tables["claims"][-1]["id"], "count", claim.count, document_id, claim.span, prov.EXTRACTION_RULE, claim.rule, confidence=prov.AS_PRINTED)
        seen: Counter = Counter()
        for position, signature in enumerate(letter.signatures, start=1):
            name = signature.name.clean
            key = normalise_name(name)
            seen[key] += 1
            organisation = person = None
            if signature.organisation is not None:
                organisation = self.resolver.organisation(
                    signature.organisation_name, signature.organisation.clean, signature.acronym,
                    signature.member_count if signature.kind == "organisation" else None, signature.member_unit,
                )
            if signature.kind == "person" and name != PLACEHOLDER:  # a withheld name identifies no one
                person = self.resolver.person(name)
            entry = signature.entry
            row_id = hashed_id("signature", letter_id, key + ("" if seen[key] == 1 else f"#{seen[key]}"))
            self.parsed[row_id] = signature
            self.tables["signatories"].append(
                {
                    "id": row_id,
                    "letter_id": letter_id,
                    "document_id": document_id,
                    "position": position,
                    "name": name,
                    "kind": signature.kind,
                    "role": signature.role.clean if signature.role else None,
                    "place": signature.place.clean if signature.place else None,
                    "organisation_id": organisation.id if organisation else None,
                    "person_id": person.id if person else None,
                    "member_count": signature.member_count,
                    "member_unit": signature.member_unit,
                    "printed": entry.span.clean,
                    **_position(entry.span),
                    "corrected": entry.correction_id is not None,
                    "correction_id": entry.correction_id,
                    "kind_rule": signature.kind_rule,
                    "location_id": None,
                    "location_status": None,
                    "location_method": None,
                }
            )
            self._signature_statements(self.tables["signatories"][-1], signature, organisation, found.signature_rule)

    def _state(self, table, row_id, column, value, document_id, span, method, rule=None, source=None, confidence=None) -> None:
        self.tables[prov.TABLE].append(prov.statement(table, row_id, column, value, document_id, span, method, rule, source, confidence))

    def _letter_statements(self, document_id: str, letter_id: str, found, first_claim, organiser) -> None:
        state = self._state
        state("letters", letter_id, "title", found.title.clean, document_id, found.title, prov.EXTRACTION_RULE, found.rule, confidence=prov.AS_PRINTED)
        if found.addressee:
            state("letters", letter_id, "addressee", found.addressee.clean, document_id, found.addressee, prov.EXTRACTION_RULE, found.rule, confidence=prov.AS_PRINTED)
        if organiser:
            method, confidence = (prov.REGISTER, prov.CURATED) if organiser.in_register else (prov.EXTRACTION_RULE, prov.AS_PRINTED)
            state("letters", letter_id, "organiser_id", organiser.id, document_id, found.organiser, method, found.rule, confidence=confidence)
        if first_claim and first_claim.count is not None:
            state("letters", letter_id, "claimed_signatories", first_claim.count, document_id, first_claim.span, prov.EXTRACTION_RULE, first_claim.rule, confidence=prov.AS_PRINTED)
        if found.unnamed:
            state("letters", letter_id, "unnamed_signatories", found.unnamed[0], document_id, found.unnamed[1], prov.EXTRACTION_RULE, found.signature_rule, confidence=prov.AS_PRINTED)
        letter = self.tables["letters"][-1]
        state("letters", letter_id, "signed_by_count", letter["signed_by_count"], document_id, None, prov.COUNT, "signatories rows of the letter", confidence=prov.COUNTED)

    def _signature_statements(self, row: dict, signature: ParsedSignature, organisation, signature_rule: str | None) -> None:
        state, row_id, document_id = self._state, row["id"], row["document_id"]
        correction = signature.entry.correction_id
        method, confidence = (prov.CORRECTION, prov.CURATED) if correction else (prov.EXTRACTION_RULE, prov.AS_PRINTED)
        rule = f"{signature_rule}: {signature.entry.form}" if signature_rule else signature.entry.form
        state("signatories", row_id, "name", row["name"], document_id, signature.name, method, rule, correction, confidence)
        state("signatories", row_id, "kind", row["kind"], document_id, signature.entry.span, prov.EXTRACTION_RULE, signature.kind_rule, confidence=prov.INFERRED)
        for column, span in (("role", signature.role), ("place", signature.place)):
            if span is not None:
                state("signatories", row_id, column, row[column], document_id, span, method, rule, correction, confidence)
        if signature.member_count is not None:
            state("signatories", row_id, "member_count", signature.member_count, document_id, signature.member_span, method, "a count and unit after a dash", correction, confidence)
        if organisation is not None:
            how, sure = (prov.REGISTER, prov.CURATED) if organisation.in_register else (method, confidence)
            state("signatories", row_id, "organisation_id", organisation.id, document_id, signature.organisation, how, signature.kind_rule, correction, sure)
        if row["person_id"]:
            state("signatories", row_id, "person_id", row["person_id"], document_id, signature.name, method, rule, correction, confidence)

    # Mentions of people, organisations and places; where each signatory is.

    def add_mentions_and_places(self, item: ExtractedDocument) -> None:
        rows = _RowsOfDocument(self.tables)
        words = tokenise(item.document.text)
        named = self.mention_finder.find(item.document.text, self._document_names(), words)
        people_spans = [(start, end) for start, end, entity_type, _ in named if entity_type == "person"]
        matches = self.place_finder.find(item.document.text, excluded=people_spans, words=words)
        decide_by_context(
            matches,
            [
                ("signature", [(row["start"], row["end"]) for row in rows.signatories]),
                ("letter", [(row["start"], row["end"]) for row in rows.letters]),
                ("document", [(0, len(item.document.text))]),
            ],
        )
        starts = [match.start for match in matches]
        for row in rows.signatories:
            self._locate_signatory(item, row, matches, starts)
        for start, end, entity_type, entity_id in named:
            self._add_mention(item, rows, start, end, entity_type, entity_id)
        for match in matches:
            self._add_place_mention(item, rows, match)

    def _document_names(self) -> dict[str, tuple[str, str]]:
        """The names this document's own signatures print, to find wherever it prints them."""
        names = {}
        for row in self.tables["signatories"]:
            signature = self.parsed[row["id"]]
            if row["organisation_id"]:
                for printed in (signature.organisation.clean, signature.organisation_name, signature.acronym):
                    if printed:
                        names.setdefault(printed, ("organisation", row["organisation_id"]))
            if row["person_id"]:
                names.setdefault(row["name"], ("person", row["person_id"]))
        return names

    def _add_mention(self, item, rows, start: int, end: int, entity_type: str, entity_id: str | None, **extra) -> None:
        """A mention row, unless it is a signature naming its own signatory, organisation or
        place: the signatories row records those, with the same offsets."""
        signature, letter, comment = rows.containing(start)
        if signature and entity_id and entity_id == signature[OWN_ENTITY_COLUMN[entity_type]]:
            return
        document_id = item.document.id
        mention = {
            "id": f"mention-{document_id}-{entity_type}-{start}",
            "document_id": document_id,
            "entity_type": entity_type,
            "organisation_id": entity_id if entity_type == "organisation" else None,
            "person_id": entity_id if entity_type == "person" else None,
            "location_id": entity_id if entity_type == "place" else None,
            "text": item.document.text[start:end],
            "line": item.text.line_of(start),
            "start": start,
            "end": end,
            "section": "comment" if comment else "signature" if signature else "letter" if letter else "article",
            "letter_id": signature["letter_id"] if signature else letter["id"] if letter else None,
            "signatory_id": signature["id"] if signature else None,
            "comment_id": comment["id"] if comment else None,
            "place_status": None,
            "place_method": None,
            "candidates": None,
        }
        mention.update(extra)
        self.tables["mentions"].append(mention)
        if entity_id:
            span = item.text.span(start, end)
            if entity_type == "place":
                place = self.places[entity_id]
                self._state("mentions", mention["id"], "location_id", entity_id, document_id, span, prov.GAZETTEER, mention["place_method"], place.source, prov.place_confidence(mention["place_method"], place.source))
            else:
                self._state("mentions", mention["id"], OWN_ENTITY_COLUMN[entity_type], entity_id, document_id, span, prov.NAME_INDEX, "a name printed by a signature or in the register, as whole words", confidence=prov.AS_PRINTED)

    def _add_place_mention(self, item, rows, match: PlaceMatch) -> None:
        if match.place:
            self.places[match.place.id] = match.place
        candidates = None
        if match.place is None and match.candidates:
            candidates = json.dumps([_candidate(place) for place in match.candidates], ensure_ascii=False)
        self._add_mention(
            item, rows, match.start, match.end, "place", match.place.id if match.place else None,
            place_status=match.status, place_method=match.method, candidates=candidates,
        )

    def _locate_signatory(self, item: ExtractedDocument, row: dict, matches: list[PlaceMatch], starts: list[int]) -> None:
        signature = self.parsed[row["id"]]
        spans = [signature.place] + ([signature.name] if signature.kind == "organisation" else [])
        own = []
        for span in spans:
            if span is not None:
                first = bisect.bisect_left(starts, span.start)
                own += [m for m in matches[first : bisect.bisect_left(starts, span.end)] if m.within(span.start, span.end)]
        choice = choose_location(sorted(own, key=lambda m: m.start), item.document.text)
        if choice.place:
            self.places[choice.place.id] = choice.place
        row["location_id"] = choice.place.id if choice.place else None
        row["location_status"] = choice.status
        row["location_method"] = choice.method
        if choice.place and choice.match:
            self._state(
                "signatories", row["id"], "location_id", choice.place.id, row["document_id"],
                item.text.span(choice.match.start, choice.match.end), prov.GAZETTEER, choice.method, choice.place.source,
                prov.place_confidence(choice.match.method, choice.place.source),
            )
        if row["kind"] == "organisation":
            self.own_locations.setdefault(row["organisation_id"], {key: row[key] for key in ("location_id", "location_status", "location_method")})
        if choice.place and choice.place.has_point:
            self._add_map_row(item, row, choice.place)

    def _add_map_row(self, item: ExtractedDocument, row: dict, place: Place) -> None:
        letter = self.letter_titles[row["letter_id"]]
        popup = {"title": row["name"], "description": f"{letter} — {place.name} (within {place.precision_km} km)", "link": f"signatories/{row['id']}"}
        self.tables["signatory_map"].append(
            {
                "id": row["id"], "name": row["name"], "kind": row["kind"], "letter_id": row["letter_id"],
                "location_id": place.id, "precision_km": place.precision_km, "latitude": place.latitude,
                "longitude": place.longitude, "popup": POPUP_JSON.encode(popup),
            }
        )

    # Organisations, people and locations: each once, with where they appear.

    def _count_appearances(self) -> dict[tuple[str, str], list[int]]:
        """Who and what appeared in this document: [signatures, mentions] for each."""
        appearances: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        for row in self.tables["signatories"]:
            for entity_type, entity_id in (("organisation", row["organisation_id"]), ("person", row["person_id"]), ("place", row["location_id"])):
                if entity_id:
                    appearances[entity_type, entity_id][0] += 1
        for row in self.tables["letters"]:
            if row["organiser_id"]:
                appearances["organisation", row["organiser_id"]]
        for row in self.tables["mentions"]:
            entity_id = row["organisation_id"] or row["person_id"] or row["location_id"]
            if entity_id:
                appearances[row["entity_type"], entity_id][1] += 1
        return dict(appearances)


POPUP_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))

# The signatories column that holds a signature's own entity of each type.
OWN_ENTITY_COLUMN = {"organisation": "organisation_id", "person": "person_id", "place": "location_id"}


class _RowsOfDocument:
    """A document's signatory, letter and comment rows, to find which one holds an offset."""

    def __init__(self, tables: dict[str, list[dict]]):
        self.signatories = sorted(tables["signatories"], key=lambda row: row["start"])
        self.letters = sorted(tables["letters"], key=lambda row: row["start"])
        self.comments = sorted(tables["comments"], key=lambda row: row["start"])
        self._starts = [[row["start"] for row in rows] for rows in (self.signatories, self.letters, self.comments)]

    def containing(self, offset: int) -> tuple[dict | None, dict | None, dict | None]:
        found = []
        for rows, starts in zip((self.signatories, self.letters, self.comments), self._starts):
            index = bisect.bisect_right(starts, offset) - 1
            found.append(rows[index] if index >= 0 and offset < rows[index]["end"] else None)
        return tuple(found)


def _candidate(place: Place) -> dict:
    return {"id": place.id, "name": place.name, "kind": place.kind, "latitude": place.latitude, "longitude": place.longitude, "source": place.source}


def _position(span: Span) -> dict:
    return {"line": span.line, "start": span.start, "end": span.end}
