"""Resolve stage: every place a document prints the name of a known organisation or person.

Takes: a text and the printed names to look for (from `EntityResolver.printed_names`). Gives:
`(start, end, entity type, entity id)` for each mention, left to right, not overlapping. Names
match as whole words and with their case as printed ("Modi", not "modi-ish"); where names
overlap the longest wins, so "Labour Friends of India" is one mention, not a mention of Labour.
"""

from __future__ import annotations

import re


class MentionFinder:
    def __init__(self, printed_names: dict[str, tuple[str, str]]):
        self.entities = printed_names
        names = sorted(printed_names, key=lambda name: (-len(name), name))
        alternatives = "|".join(re.escape(name) for name in names)
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if names else None

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str, str]]:
        if self.pattern is None:
            return []
        end = len(text) if end is None else end
        return [(m.start(), m.end(), *self.entities[m.group()]) for m in self.pattern.finditer(text, start, end)]
