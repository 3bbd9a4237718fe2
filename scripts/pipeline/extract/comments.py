"""Extract stage: reader comments, kept apart from letters and signatures.

Takes: a document's text. Gives: `FoundComment`s, one per comment after the comments heading
("Comments (4)"): who the page says wrote it ("Ellie Palmer says:") and the words. A commenter
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


@dataclass(frozen=True)
class FoundComment:
    author: Span
    text: Span


def find_comments(document: DocumentText) -> list[FoundComment]:
    first = comments_start_line(document) + 1
    comments: list[FoundComment] = []
    author, text_lines = None, []
    for line in document.lines[first - 1 :]:
        match = COMMENT_AUTHOR.match(line.text)
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
