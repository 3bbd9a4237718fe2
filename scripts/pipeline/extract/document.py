"""Extract stage for one document: its letters, their parsed signatures, and reader comments.

Takes: a `Document` and the reviewed corrections. Gives: an `ExtractedDocument` of plain data
(spans into the document's text), with the corrections applied to the signature lists, and
what the rules could not read with confidence, to review.
"""

from __future__ import annotations

from dataclasses import dataclass

from scripts.common.spans import DocumentText
from scripts.curated.corrections import Correction
from scripts.pipeline.extract.comments import FoundComment, find_comments
from scripts.pipeline.extract.corrections import apply_corrections
from scripts.pipeline.extract.hints import apply_hints
from scripts.pipeline.extract.letters import FoundLetter, comments_start_line, find_letters
from scripts.pipeline.extract.review import ToReview, to_review
from scripts.pipeline.extract.signatures import ParsedSignature, among_organisations, parse_signature
from scripts.pipeline.read.documents import Document


@dataclass
class ExtractedLetter:
    found: FoundLetter
    signatures: list[ParsedSignature]


@dataclass
class ExtractedDocument:
    document: Document
    text: DocumentText
    letters: list[ExtractedLetter]
    comments: list[FoundComment]
    to_review: list[ToReview]


def extract_document(document: Document, corrections: list[Correction]) -> ExtractedDocument:
    text = DocumentText(document.text)
    letters = find_letters(text)
    apply_hints(document.signature_lists, text, letters)
    apply_corrections(corrections, text, document.source_file, letters)
    return ExtractedDocument(
        document=document,
        text=text,
        letters=[ExtractedLetter(letter, _signatures(text, letter)) for letter in letters],
        comments=find_comments(text),
        to_review=to_review(text, letters, comments_start_line(text)),
    )


def _signatures(text: DocumentText, letter: FoundLetter) -> list[ParsedSignature]:
    organisations_around = among_organisations(letter.entries)
    return [parse_signature(text, entry, organisations_around) for entry in letter.entries]
