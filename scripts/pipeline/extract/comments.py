"""Extract stage: reader comments, kept apart from letters and signatures.

Takes: a document's text. Gives: `FoundComment`s, one per comment after the comments heading
("Comments (4)"): who the page says wrote it ("Ellie Palmer says:", or a name alone on a line
over the date the comment was posted) and the words. A commenter
is not a signatory, and a comment's words are not a letter or a claim about one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.common.spans import DocumentText, Span
from scripts.pipeline.extract.letters import comments_start_line

COMMENT_AUTHOR = re.compile(r"^\s*(?:[•*·-]\s*)?(?P<author>\S.{0,80}?) (?:says|said|wrote|writes):\s*$")
# What ends the last comment: the section closed, or the form for a new comment.
COMMENTS_CLOSED = re.compile(
    r"^\s*(?:Comments are (?:now )?closed(?: for this (?:post|article|page))?|Leave a (?:Reply|Comment)|Post Comment)\.?\s*$", re.IGNORECASE
)
REPLY_LINK = re.compile(r"^\s*Reply\s*$")  # a link under each comment, not its words
# The date a publishing system prints under a commenter's name: "12 September 2020 at 7:45 pm".
DATE_LINE = re.compile(
    r"^\s*(?:\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+,? \d{4}|[A-Z][a-z]+ \d{1,2}(?:st|nd|rd|th)?,? \d{4})(?:,? (?:at )?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?)?\s*$",
    re.IGNORECASE,
)
NAME_LINE = re.compile(r"^\s*(?:[•*·-]\s*)?(?P<author>[^\s.!?:;,][^.!?:;]{0,60}?)\s*$")


@dataclass(frozen=True)
class FoundComment:
    author: Span
    text: Span


def find_comments(document: DocumentText) -> list[FoundComment]:
    first = comments_start_line(document) + 1
    comments: list[FoundComment] = []
    author, text_lines = None, []
    lines = document.lines[first - 1 :]
    for index, line in enumerate(lines):
        match = COMMENT_AUTHOR.match(line.text) or _name_over_a_date(line, lines[index + 1] if index + 1 < len(lines) else None)
        if match or COMMENTS_CLOSED.match(line.text):
            _close(document, comments, author, text_lines)
            author, text_lines = None, []
            if match:
                author = document.span(line.start + match.start("author"), line.start + match.end("author"))
        elif author is not None and not line.is_blank and not REPLY_LINK.match(line.text):
            text_lines.append(line)
    _close(document, comments, author, text_lines)
    return comments


def _close(document: DocumentText, comments: list[FoundComment], author: Span | None, text_lines: list) -> None:
    if author is not None and text_lines:
        comments.append(FoundComment(author, document.span(text_lines[0].start, text_lines[-1].end)))


def _name_over_a_date(line, below) -> re.Match | None:
    """A commenter's name on a line of its own, a date on the line below it (no "says:")."""
    if below is None or not DATE_LINE.match(below.text) or len(line.text.split()) > 6:
        return None
    return NAME_LINE.match(line.text)

