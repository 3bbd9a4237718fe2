"""Resolve stage, last step: turn the extracted documents into the rows of every table.

Takes: the extracted documents, the register and the corrections. Gives: `{table: [row, …]}`
of plain dicts, ready for the load stage. Every id is derived from the row's natural key
(`scripts.identifiers`), and every extracted row carries `document_id`, `line`, `start` and
`end` (or a line range) pointing at the words it came from.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

from scripts.corrections import Correction
from scripts.extract import ExtractedDocument, ExtractedLetter
from scripts.find_mentions import MentionFinder
from scripts.identifiers import hashed_id, normalise_name
from scripts.register import Register
from scripts.resolve_entities import EntityResolver
from scripts.text_spans import Span


def assemble(extracted: list[ExtractedDocument], register: Register, corrections: list[Correction]) -> dict[str, list[dict]]:
    resolver = EntityResolver(register)
    tables: dict[str, list[dict]] = defaultdict(list)
    document_ids = {item.document.source_file: item.document.id for item in extracted}
    for item in extracted:
        for letter in _unique_letter_ids(item):
            _letter_rows(tables, item, letter, resolver)
        _comment_rows(tables, item)
    _mention_rows(tables, extracted, resolver)
    _entity_rows(tables, resolver)
    tables["corrections"] = [
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
        for correction in corrections
    ]
    return dict(tables)


def _unique_letter_ids(item: ExtractedDocument) -> list[tuple[str, ExtractedLetter]]:
    seen: Counter = Counter()
    letters = []
    for letter in item.letters:
        key = normalise_name(letter.found.title.text)
        seen[key] += 1
        suffix = "" if seen[key] == 1 else f"#{seen[key]}"
        letters.append((hashed_id("letter", item.document.id, key + suffix), letter))
    return letters


def _letter_rows(tables, item: ExtractedDocument, id_and_letter, resolver: EntityResolver) -> None:
    letter_id, letter = id_and_letter
    found = letter.found
    document_id = item.document.id
    first_claim = next((claim for claim in found.claims if claim.count is not None), found.claims[0] if found.claims else None)
    organiser = resolver.organisation(found.organiser.clean, found.organiser.clean) if found.organiser else None
    tables["letters"].append(
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
        tables["claims"].append(
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
            organisation = resolver.organisation(
                signature.organisation_name, signature.organisation.clean, signature.acronym,
                signature.member_count if signature.kind == "organisation" else None, signature.member_unit,
            )
        if signature.kind == "person":
            person = resolver.person(name)
        entry = signature.entry
        tables["signatories"].append(
            {
                "id": hashed_id("signature", letter_id, key + ("" if seen[key] == 1 else f"#{seen[key]}")),
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
            }
        )


def _comment_rows(tables, item: ExtractedDocument) -> None:
    for position, comment in enumerate(item.comments, start=1):
        tables["comments"].append(
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


def _mention_rows(tables, extracted: list[ExtractedDocument], resolver: EntityResolver) -> None:
    finder = MentionFinder(resolver.printed_names())
    letters_by_document = defaultdict(list)
    for row in tables["letters"]:
        letters_by_document[row["document_id"]].append(row)
    signatures_by_document = defaultdict(list)
    for row in tables["signatories"]:
        signatures_by_document[row["document_id"]].append(row)
    comments_by_document = defaultdict(list)
    for row in tables["comments"]:
        comments_by_document[row["document_id"]].append(row)

    for item in extracted:
        document_id = item.document.id
        for start, end, entity_type, entity_id in finder.find(item.document.text):
            signature = _containing(signatures_by_document[document_id], start)
            letter = _containing(letters_by_document[document_id], start)
            comment = _containing(comments_by_document[document_id], start)
            section = "comment" if comment else "signature" if signature else "letter" if letter else "article"
            tables["mentions"].append(
                {
                    "id": hashed_id("mention", document_id, start),
                    "document_id": document_id,
                    "entity_type": entity_type,
                    "organisation_id": entity_id if entity_type == "organisation" else None,
                    "person_id": entity_id if entity_type == "person" else None,
                    "text": item.document.text[start:end],
                    "line": item.text.line_of(start),
                    "start": start,
                    "end": end,
                    "section": section,
                    "letter_id": signature["letter_id"] if signature else letter["id"] if letter else None,
                    "signatory_id": signature["id"] if signature else None,
                    "comment_id": comment["id"] if comment else None,
                }
            )


def _containing(rows: list[dict], offset: int) -> dict | None:
    return next((row for row in rows if row["start"] <= offset < row["end"]), None)


def _entity_rows(tables, resolver: EntityResolver) -> None:
    appearances: dict[tuple[str, str], dict] = defaultdict(lambda: {"documents": set(), "signatures": 0, "mentions": 0})
    for row in tables["signatories"]:
        for entity_type, entity_id in (("organisation", row["organisation_id"]), ("person", row["person_id"])):
            if entity_id:
                appearances[entity_type, entity_id]["documents"].add(row["document_id"])
                appearances[entity_type, entity_id]["signatures"] += 1
    for row in tables["letters"]:
        if row["organiser_id"]:
            appearances["organisation", row["organiser_id"]]["documents"].add(row["document_id"])
    for row in tables["mentions"]:
        entity_id = row["organisation_id"] or row["person_id"]
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

    for record in sorted(resolver.organisations.values(), key=lambda r: r.id):
        if appearances.get(("organisation", record.id), {}).get("documents"):
            tables["organisations"].append(
                {
                    "id": record.id, "name": record.name, "acronym": record.acronym, "kind": record.kind,
                    "kind_rule": record.kind_rule, "member_count": record.member_count, "member_unit": record.member_unit,
                    **seen("organisation", record.id), "in_register": record.in_register, "note": record.note,
                }
            )
    for record in sorted(resolver.people.values(), key=lambda r: r.id):
        if appearances.get(("person", record.id), {}).get("documents"):
            tables["people"].append(
                {
                    "id": record.id, "name": record.name, **seen("person", record.id),
                    "in_register": record.in_register, "note": record.note,
                }
            )


def _position(span: Span) -> dict:
    return {"line": span.line, "start": span.start, "end": span.end}
