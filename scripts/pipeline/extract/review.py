"""Extract stage: what the rules could not read with confidence, for a person to review.

Takes: a document's text, its letters and its comment section. Gives: `ToReview` items, each a
span of the document and the problem, so nothing is missed silently:
- "signature-like lines that no rule read": three or more lines in a row, outside every letter
  and the comments, each of which reads as a signature (a person's name or an organisation's,
  short, no sentence), as a list no introduction announced would be;
- "letter without signatures": a letter the rules found whose signatures they could not read;
- "claim-like sentence linked to no letter": a sentence saying that a number signed, which no
  claim rule read, or which no letter was found for.
The build records them in the `to_review` table and prints how many there are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.common.spans import DocumentText, Span
from scripts.pipeline.extract.items.shapes import looks_like_a_signature
from scripts.pipeline.extract.letters import FoundLetter

UNREAD_LIST = "signature-like lines that no rule read"
NO_SIGNATURES = "letter without signatures"
UNLINKED_CLAIM = "claim-like sentence linked to no letter"

LIST_FROM_LINES = 3  # fewer lines in a row that read as signatures are as likely a paragraph's names
NUMBER = r"(?:\d[\d,]*|hundreds|dozens|thousands|scores)"
SIGNING = r"sign(?:ed|atories|atures)"
# A number within a few words of signing, in one sentence: "1,200 people signed", "signed by 30".
CLAIM_LIKE = re.compile(rf"\b{NUMBER}\b(?:\W+\w+){{0,6}}?\W+{SIGNING}|\b{SIGNING}\b(?:\W+\w+){{0,3}}?\W+\d[\d,]*\b", re.IGNORECASE)
SENTENCE = re.compile(r"[^.!?]+[.!?]?")


@dataclass(frozen=True)
class ToReview:
    problem: str  # UNREAD_LIST, NO_SIGNATURES or UNLINKED_CLAIM
    span: Span
    letter_index: int | None = None  # the letter it is about, by its place in the document's letters


def to_review(document: DocumentText, letters: list[FoundLetter], comments_line: int) -> list[ToReview]:
    items: list[ToReview] = []
    read_lines = set()
    for letter in letters:
        read_lines.update(range(letter.title.line, document.line_of(max(letter.end - 1, letter.start)) + 1))
        if letter.introduction is not None:
            read_lines.add(letter.introduction.line)
    for index, letter in enumerate(letters):
        if not letter.entries:
            items.append(ToReview(NO_SIGNATURES, letter.body, index))
    run: list[int] = []
    for line in document.lines[: comments_line - 1] + [None]:
        if line is not None and line.number not in read_lines and not line.is_blank and looks_like_a_signature(line.text):
            run.append(line.number)
            continue
        if line is not None and line.is_blank and run:
            continue  # a blank line inside a list does not end it
        if len(run) >= LIST_FROM_LINES:
            items.append(ToReview(UNREAD_LIST, document.span(document.line(run[0]).start, document.line(run[-1]).end)))
        run = []
    claimed = [(claim.span.start, claim.span.end) for letter in letters for claim in letter.claims]
    letter_spans = [(letter.start, letter.end) for letter in letters]
    text_end = document.line(comments_line - 1).end if comments_line > 1 else 0
    sentences = (
        (line.start + sentence.start(), line.start + sentence.end())
        for line in document.lines[: comments_line - 1]
        if "sign" in line.text.lower()
        for sentence in SENTENCE.finditer(line.text)
    )
    for start, end in sentences:
        if end > text_end or not CLAIM_LIKE.search(document.text, start, end):
            continue
        if any(a <= start < b for a, b in letter_spans) or any(a < end and start < b for a, b in claimed):
            continue
        span = document.span(start, end)
        if span.text:
            items.append(ToReview(UNLINKED_CLAIM, span))
    return sorted(items, key=lambda item: item.span.start)
