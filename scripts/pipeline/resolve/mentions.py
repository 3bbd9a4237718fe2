"""Resolve stage: every place a document prints the name of a known organisation or person.

Takes: the printed names to look for, as `{name: (entity type, id)}`: the register's for every
document, and the names a document's own signatures print, for that document. Gives:
`(start, end, entity type, entity id)` for each mention, left to right, not overlapping. Names
match as whole words and with their case as printed ("Modi", not "modi-ish"); where names
overlap the longest wins, so "Labour Friends of India" is one mention, not a mention of Labour.
"""

from __future__ import annotations

import re

from scripts.pipeline.resolve.name_index import NameIndex, tokenise


class MentionFinder:
    def __init__(self, printed_names: dict[str, tuple[str, str]]):
        self.index = NameIndex(printed_names.items())

    def find(
        self, text: str, document_names: dict[str, tuple[str, str]] | None = None, words: list | None = None
    ) -> list[tuple[int, int, str, str]]:
        """Mentions of the shared names, and of `document_names` (this document's own)."""
        words = tokenise(text) if words is None else words
        matches = self.index.find(text, words=words)
        if document_names:
            matches = leftmost_longest(matches + occurrences(text, document_names))
        return [(start, end, *payload) for start, end, _, payload in matches]


WORD_CHARACTER = re.compile(r"\w")


def occurrences(text: str, names: dict[str, tuple[str, str]]) -> list[tuple[int, int, str, tuple[str, str]]]:
    """Every whole-word occurrence of each name: for a document's own few names, searching the
    text for each is cheaper than building an index of them."""
    found = []
    for name, payload in names.items():
        start = text.find(name)
        while start != -1:
            end = start + len(name)
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            if not WORD_CHARACTER.match(before) and not WORD_CHARACTER.match(after):
                found.append((start, end, name, payload))
            start = text.find(name, start + 1)
    return found


def leftmost_longest(matches: list[tuple]) -> list[tuple]:
    """Of overlapping matches (start, end, …), keep the leftmost, and of those the longest."""
    kept, reach = [], -1
    for match in sorted(matches, key=lambda m: (m[0], -m[1])):
        if match[0] >= reach:
            kept.append(match)
            reach = match[1]
    return kept
