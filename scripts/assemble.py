"""Resolve stage, last step: turn the extracted documents into the rows of every table.

Takes: the extracted documents, the register, the gazetteer and the corrections. Gives:
`{table: [row, …]}` of plain dicts, ready for the load stage. Every id is derived from the
row's natural key (`scripts.identifiers`), and every extracted row carries `document_id`,
`line`, `start` and `end` (or a line range) pointing at the words it came from.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

from scripts.corrections import Correction
from scripts.extract import ExtractedDocument, ExtractedLetter
from scripts.find_mentions import MentionFinder
from scripts.gazetteer import Gazetteer, Place
from scripts.identifiers import hashed_id, normalise_name
from scripts.parse_signatures import ParsedSignature
from scripts.redactions import PLACEHOLDER
from scripts.register import Register
from scripts.resolve_entities import EntityResolver
from scripts.resolve_places import PlaceFinder, PlaceMatch, choose_location, decide_by_context
from scripts.text_spans import Span


def assemble(
    extracted: list[ExtractedDocument], register: Register, gazetteer: Gazetteer, corrections: list[Correction]
) -> dict[str, list[dict]]:
    assembly = Assembly(EntityResolver(register), PlaceFinder(gazetteer))
    for item in extracted:
        assembly.add_document(item)
    assembly.add_mentions_and_places()
    assembly.add_entities()
    assembly.add_corrections(corrections)
    return dict(assembly.tables)


class Assembly:
    def __init__(self, resolver: EntityResolver, place_finder: PlaceFinder):
        self.resolver = resolver
        self.place_finder = place_finder
        self.tables: dict[str, list[dict]] = defaultdict(list)
        self.documents: list[ExtractedDocument] = []
        self.parsed: dict[str, ParsedSignature] = {}  # signatory id -> its parse
        self.places: dict[str, Place] = {}  # every place a row points at, by id

    # Letters, claims, signatures and comments, document by document.

    def add_document(self, item: ExtractedDocument) -> None:
        self.documents.append(item)
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

    def _add_letter(self, item: ExtractedDocument, letter_id: str, letter: ExtractedLetter) -> None:
        found = letter.found
        document_id = item.document.id
        first_claim = next((claim for claim in found.claims if claim.count is not None), found.claims[0] if found.claims else None)
        organiser = self.resolver.organisation(found.organiser.clean, found.organiser.clean) if found.organiser else None
        self.tables["letters"].append(
            {
                "id": letter_id,
                "document_id": document_id,
                "title": found.title.clean,
                "kind": found.kind,
                "addressee": found.addressee.clean if found.addressee else None,
                "organiser_id": organiser.id if organiser else None,
                "signed_by_count": len(letter.signatures),
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

    # Mentions of people, organisations and places; where each signatory is.

    def add_mentions_and_places(self) -> None:
        finder = MentionFinder(self.resolver.printed_names())
        for item in self.documents:
            document_id = item.document.id
            rows = _RowsOfDocument(self.tables, document_id)
            people_spans = []
            for start, end, entity_type, entity_id in finder.find(item.document.text):
                if entity_type == "person":
                    people_spans.append((start, end))
                self._add_mention(item, rows, start, end, entity_type, entity_id)
            matches = self.place_finder.find(item.document.text, excluded=people_spans)
            decide_by_context(
                matches,
                [
                    ("signature", [(row["start"], row["end"]) for row in rows.signatories]),
                    ("letter", [(row["start"], row["end"]) for row in rows.letters]),
                    ("document", [(0, len(item.document.text))]),
                ],
            )
            for match in matches:
                self._add_place_mention(item, rows, match)
            for row in rows.signatories:
                self._locate_signatory(item, row, matches)

    def _add_mention(self, item, rows, start: int, end: int, entity_type: str, entity_id: str, **extra) -> dict:
        signature, letter, comment = rows.containing(start)
        mention = {
            "id": hashed_id("mention", item.document.id, entity_type, start),
            "document_id": item.document.id,
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
        return mention

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

    def _locate_signatory(self, item: ExtractedDocument, row: dict, matches: list[PlaceMatch]) -> None:
        signature = self.parsed[row["id"]]
        spans = [signature.place] + ([signature.name] if signature.kind == "organisation" else [])
        own = [m for m in matches for span in spans if span is not None and m.within(span.start, span.end)]
        choice = choose_location(sorted(own, key=lambda m: m.start), item.document.text)
        if choice.place:
            self.places[choice.place.id] = choice.place
        row["location_id"] = choice.place.id if choice.place else None
        row["location_status"] = choice.status
        row["location_method"] = choice.method

    # Organisations, people and locations: each once, with where they appear.

    def add_entities(self) -> None:
        appearances: dict[tuple[str, str], dict] = defaultdict(lambda: {"documents": set(), "signatures": 0, "mentions": 0})
        for row in self.tables["signatories"]:
            for entity_type, entity_id in (("organisation", row["organisation_id"]), ("person", row["person_id"]), ("place", row["location_id"])):
                if entity_id:
                    appearances[entity_type, entity_id]["documents"].add(row["document_id"])
                    appearances[entity_type, entity_id]["signatures"] += 1
        for row in self.tables["letters"]:
            if row["organiser_id"]:
                appearances["organisation", row["organiser_id"]]["documents"].add(row["document_id"])
        for row in self.tables["mentions"]:
            entity_id = row["organisation_id"] or row["person_id"] or row["location_id"]
            if entity_id:
                appearances[row["entity_type"], entity_id]["documents"].add(row["document_id"])
                appearances[row["entity_type"], entity_id]["mentions"] += 1

        def seen(entity_type: str, entity_id: str) -> dict:
            found = appearances[entity_type, entity_id]
            documents = sorted(found["documents"])
            return {
                "document_count": len(documents),
                "documents": json.dumps(documents),
                "signature_count": found["signatures"],
                "mention_count": found["mentions"],
            }

        own_signatures = {}
        for row in self.tables["signatories"]:
            if row["kind"] == "organisation":
                own_signatures.setdefault(row["organisation_id"], row)
        for record in sorted(self.resolver.organisations.values(), key=lambda r: r.id):
            if not appearances.get(("organisation", record.id), {}).get("documents"):
                continue
            location = self._organisation_location(record.name, own_signatures.get(record.id))
            self.tables["organisations"].append(
                {
                    "id": record.id, "name": record.name, "acronym": record.acronym, "kind": record.kind,
                    "kind_rule": record.kind_rule, "member_count": record.member_count, "member_unit": record.member_unit,
                    **seen("organisation", record.id), "in_register": record.in_register, "note": record.note,
                    **location,
                }
            )
        for record in sorted(self.resolver.people.values(), key=lambda r: r.id):
            if appearances.get(("person", record.id), {}).get("documents"):
                self.tables["people"].append(
                    {"id": record.id, "name": record.name, **seen("person", record.id), "in_register": record.in_register, "note": record.note}
                )
        for place in sorted(self.places.values(), key=lambda p: p.id):
            self.tables["locations"].append(
                {
                    "id": place.id, "name": place.name, "kind": place.kind, "latitude": place.latitude,
                    "longitude": place.longitude, "precision_km": place.precision_km, "admin_area": place.admin_area,
                    "country": place.country, "source": place.source, "note": place.note, **seen("place", place.id),
                }
            )

    def _organisation_location(self, name: str, own_signature: dict | None) -> dict:
        """Where its own signature locates it; failing that, the places in its name."""
        if own_signature is not None:
            location = {key: own_signature[key] for key in ("location_id", "location_status", "location_method")}
            location["location_method"] = f"from its signature: {location['location_method']}"
            return location
        matches = self.place_finder.find(name)
        choice = choose_location(matches, name)
        if choice.place:
            self.places[choice.place.id] = choice.place
        return {"location_id": choice.place.id if choice.place else None, "location_status": choice.status, "location_method": f"from its name: {choice.method}"}

    def add_corrections(self, corrections: list[Correction]) -> None:
        document_ids = {item.document.source_file: item.document.id for item in self.documents}
        for correction in corrections:
            self.tables["corrections"].append(
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


class _RowsOfDocument:
    """A document's signatory, letter and comment rows, to find which one holds an offset."""

    def __init__(self, tables: dict[str, list[dict]], document_id: str):
        self.signatories = [row for row in tables["signatories"] if row["document_id"] == document_id]
        self.letters = [row for row in tables["letters"] if row["document_id"] == document_id]
        self.comments = [row for row in tables["comments"] if row["document_id"] == document_id]

    def containing(self, offset: int) -> tuple[dict | None, dict | None, dict | None]:
        return tuple(
            next((row for row in rows if row["start"] <= offset < row["end"]), None)
            for rows in (self.signatories, self.letters, self.comments)
        )


def _candidate(place: Place) -> dict:
    return {"id": place.id, "name": place.name, "kind": place.kind, "latitude": place.latitude, "longitude": place.longitude, "source": place.source}


def _position(span: Span) -> dict:
    return {"line": span.line, "start": span.start, "end": span.end}
