"""Resolve stage: one document's rows of letters, claims, signatories and comments.

Takes: an extracted document and an `EntityResolver` of its own. Gives: a `DocumentRows`, made
anew for each document, holding the rows of every table the document feeds (plain dicts) and
the provenance statement of every value they hold; `mention_rows` and `locate` add the
document's mentions, its signatories' places and its map rows to the same object. Every id is
derived from the row's natural key (`scripts.common.identifiers`), and every extracted row
carries `document_id`, `line`, `start` and `end` (or a line range) pointing at its words.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from scripts.common.identifiers import hashed_id, normalise_name
from scripts.common.spans import Span
from scripts.curated.redactions import PLACEHOLDER
from scripts.pipeline.extract.document import ExtractedDocument, ExtractedLetter
from scripts.pipeline.extract.signatures import ParsedSignature
from scripts.pipeline.resolve import provenance
from scripts.pipeline.resolve.entities import EntityResolver, OrganisationRecord
from scripts.pipeline.resolve.gazetteer import Place
from scripts.pipeline.resolve.provenance import How, Statement


@dataclass
class DocumentRows:
    """One document's rows as they are made, and what they point at."""

    extracted: ExtractedDocument
    entities: EntityResolver  # this document's: the organisations and people its rows name
    tables: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    signatures: dict[str, ParsedSignature] = field(default_factory=dict)  # signatories row id -> its parsed signature
    places: dict[str, Place] = field(default_factory=dict)  # id -> every place a row points at
    own_locations: dict[str, dict] = field(default_factory=dict)  # organisation id -> where its own first signature locates it

    @property
    def document_id(self) -> str:
        return self.extracted.document.id

    def state(self, statement: Statement) -> None:
        """Record where a value of one of this document's rows came from."""
        self.tables[provenance.TABLE].append(statement.row(self.document_id))

    def state_unless_said(self, statement: Statement, row: dict, rule_column: str) -> None:
        """Record the statement unless `row` and its `rule_column` already say all of it
        (`provenance.said_by_its_row`)."""
        if not provenance.said_by_its_row(statement, row, row[rule_column]):
            self.state(statement)


def add_letters(rows: DocumentRows) -> None:
    """Each letter, with its claims and signatures; a title printed twice in a document names
    two letters, told apart by their order."""
    seen: Counter = Counter()
    for letter in rows.extracted.letters:
        key = normalise_name(letter.found.title.text)
        seen[key] += 1
        letter_id = hashed_id("letter", rows.document_id, key + ("" if seen[key] == 1 else f"#{seen[key]}"))
        _add_letter(rows, letter_id, letter)


def add_comments(rows: DocumentRows) -> None:
    document_text = rows.extracted.text
    for position, comment in enumerate(rows.extracted.comments, start=1):
        comment_id = hashed_id("comment", rows.document_id, normalise_name(comment.author.text), normalise_name(comment.text.text))
        body = document_text.stored_words(comment.text)  # as the page printed it, line breaks and all
        rows.tables["comments"].append(
            {
                "id": comment_id,
                "document_id": rows.document_id,
                "position": position,
                "author": comment.author.clean,
                "text": body,
                "line_start": comment.author.line,
                "line_end": document_text.line_of(comment.text.end - 1),
                "start": comment.author.start,
                "end": comment.text.end,
            }
        )
        rows.state(Statement("comments", comment_id, "author", comment.author.clean, comment.author, How.printed("comment author line")))
        rows.state(Statement("comments", comment_id, "text", body, comment.text, How.printed("comment body")))


def add_to_review(rows: DocumentRows) -> None:
    """What the rules could not read with confidence, each with its words, for a person."""
    letter_ids = [row["id"] for row in rows.tables["letters"]]
    document_text = rows.extracted.text
    for item in rows.extracted.to_review:
        stored_start = document_text.stored_offsets(item.span.start, item.span.end)[0]
        rows.tables["to_review"].append(
            {
                "id": hashed_id("review", rows.document_id, item.problem, stored_start),
                "document_id": rows.document_id,
                "problem": item.problem,
                "text": item.span.text,
                "line_start": item.span.line,
                "line_end": document_text.line_of(item.span.end - 1),
                "start": item.span.start,
                "end": item.span.end,
                "letter_id": letter_ids[item.letter_index] if item.letter_index is not None else None,
            }
        )


def _add_letter(rows: DocumentRows, letter_id: str, letter: ExtractedLetter) -> None:
    found, document_id = letter.found, rows.document_id
    first_claim = next((claim for claim in found.claims if claim.count is not None), found.claims[0] if found.claims else None)
    organiser = rows.entities.organisation(found.organiser.clean, found.organiser.clean) if found.organiser else None
    row = {
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
            for signature in letter.signatures
            if signature.member_count is not None
        )
        or None,
        "unnamed_signatories": found.unnamed[0] if found.unnamed else None,
        "claimed_signatories": first_claim.count if first_claim else None,
        "claimed_signatories_note": f"{first_claim.bound}: “{first_claim.span.clean}” (line {first_claim.span.line})" if first_claim else None,
        "line_start": found.body.line,
        "line_end": rows.extracted.text.line_of(found.end - 1),
        "start": found.start,
        "end": found.end,
        "introduction_line": found.introduction.line if found.introduction else None,
        "extraction_rule": found.rule,
        "signature_rule": found.signature_rule,
    }
    rows.tables["letters"].append(row)
    _letter_statements(rows, row, letter, first_claim, organiser)
    for claim in found.claims:
        claim_id = hashed_id("claim", document_id, rows.extracted.text.stored_offsets(claim.span.start, claim.span.end)[0])
        rows.tables["claims"].append(
            {
                "id": claim_id,
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
            rows.state(Statement("claims", claim_id, "count", claim.count, claim.span, How.printed(claim.rule)))
    seen: Counter = Counter()
    for position, signature in enumerate(letter.signatures, start=1):
        key = normalise_name(signature.name.clean)
        seen[key] += 1
        row_id = hashed_id("signature", letter_id, key + ("" if seen[key] == 1 else f"#{seen[key]}"))
        _add_signature(rows, row_id, letter_id, position, signature, found.signature_rule)


def _letter_statements(rows: DocumentRows, row: dict, letter: ExtractedLetter, first_claim, organiser) -> None:
    found = letter.found

    def state(column: str, value, words: Span | None, how: How) -> None:
        rows.state_unless_said(Statement("letters", row["id"], column, value, words, how), row, "extraction_rule")

    state("title", found.title.clean, found.title, How.printed(found.rule))
    if found.addressee:
        state("addressee", found.addressee.clean, found.addressee, How.printed(found.rule))
    if organiser:
        state("organiser_id", organiser.id, found.organiser, _registered_or(organiser, How.printed(found.rule)))
    if first_claim and first_claim.count is not None:
        state("claimed_signatories", first_claim.count, first_claim.span, How.printed(first_claim.rule))
    if found.unnamed:
        state("unnamed_signatories", found.unnamed[0], found.unnamed[1], How.printed(found.signature_rule))
    state("signed_by_count", len(letter.signatures), None, How.counted("signatories rows of the letter"))


def _add_signature(rows: DocumentRows, row_id: str, letter_id: str, position: int, signature: ParsedSignature, signature_rule: str | None) -> None:
    name = signature.name.clean
    organisation = person = None
    if signature.organisation is not None:
        organisation = rows.entities.organisation(
            signature.organisation_name,
            signature.organisation.clean,
            signature.acronym,
            signature.member_count if signature.kind == "organisation" else None,
            signature.member_unit,
        )
    if signature.kind == "person" and name != PLACEHOLDER:  # a withheld name identifies no one
        person = rows.entities.person(name)
    entry = signature.entry
    rows.signatures[row_id] = signature
    row = {
        "id": row_id,
        "letter_id": letter_id,
        "document_id": rows.document_id,
        "position": position,
        "name": name,
        "kind": signature.kind,
        "role": signature.role_value,
        "place": signature.place.clean if signature.place else None,
        "affiliation": signature.affiliation.clean if signature.affiliation else None,
        "heading": signature.heading.clean if signature.heading else None,
        "organisation_id": organisation.id if organisation else None,
        "person_id": person.id if person else None,
        "member_count": signature.member_count,
        "member_unit": signature.member_unit,
        "printed": entry.span.clean,
        **_position(entry.span),
        "corrected": entry.correction_id is not None,
        "correction_id": entry.correction_id,
        "kind_rule": signature.kind_rule,
        "reading_rule": f"{signature_rule}: {entry.form}" if signature_rule else entry.form,
        "location_id": None,  # `locate` fills the location columns, once the document's places are known
        "location_status": None,
        "location_method": None,
        "local_authority_id": None,  # the authority of its location (`local_authorities`)
        "title_place_id": None,
    }
    rows.tables["signatories"].append(row)
    _signature_statements(rows, row, signature, organisation, signature_rule)


def _signature_statements(rows: DocumentRows, row: dict, signature: ParsedSignature, organisation, signature_rule: str | None) -> None:
    correction = signature.entry.correction_id
    rule = row["reading_rule"]
    as_read = How(provenance.HINT, provenance.CURATED, rule, signature.entry.hint) if signature.entry.hint else How.printed(rule, correction)

    def state(column: str, words: Span | None, how: How, rule_column: str = "reading_rule") -> None:
        rows.state_unless_said(Statement("signatories", row["id"], column, row[column], words, how), row, rule_column)

    state("name", signature.name, as_read)
    state("kind", signature.entry.span, How.inferred(signature.kind_rule), "kind_rule")
    if signature.role is not None:
        state("role", signature.role, How.inferred("the post its words name") if signature.post else as_read)
    for column, words in (("place", signature.place), ("affiliation", signature.affiliation), ("heading", signature.heading)):
        if words is not None:
            state(column, words, as_read)
    if signature.member_count is not None:
        state("member_count", signature.member_span, How.printed("a count and unit after a dash", correction))
    if organisation is not None:
        state("organisation_id", signature.organisation, _registered_or(organisation, How.printed(signature.kind_rule, correction)), "kind_rule")
    if row["person_id"]:
        state("person_id", signature.name, as_read)


def _registered_or(organisation: OrganisationRecord, how: How) -> How:
    """An organisation the register lists is curated, whatever words named it."""
    return How(provenance.REGISTER, provenance.CURATED, how.rule, how.source) if organisation.in_register else how


def _position(span: Span) -> dict:
    return {"line": span.line, "start": span.start, "end": span.end}
