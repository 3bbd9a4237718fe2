"""Find printed names in a text: the longest name first, whole words, case as printed.

Takes: names (each with a payload: what the name stands for). Gives: `NameIndex.find(text)`,
every occurrence left to right, not overlapping, the longest name winning where names overlap
("Labour Friends of India", not "Labour"). Names are stored in a trie of their words, so the
cost of a search grows with the length of the text, not with the number of names (the
gazetteer alone has some 6,000), and a match is confirmed character for character, so
punctuation inside a name must be printed as listed ("Stoke-on-Trent").
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Iterable

WORD = re.compile(r"\w+")
_END = object()  # the trie key under which the names ending at a node are kept


class NameIndex:
    def __init__(self, names: Iterable[tuple[str, Any]] = (), boundary: str = r"\w"):
        """`boundary`: a regular expression for one character that may not touch a match."""
        self._root: dict = {}
        self._boundary = re.compile(boundary)
        for name, payload in names:
            self.add(name, payload)

    def add(self, name: str, payload: Any) -> None:
        words = WORD.findall(name)
        if not words:
            return
        node = self._root
        for word in words:
            node = node.setdefault(word, {})
        endings = node.setdefault(_END, {})
        endings.setdefault(name, payload)

    def find(
        self, text: str, start: int = 0, end: int | None = None, excluded: list[tuple[int, int]] = (), words: list | None = None
    ) -> list[tuple[int, int, str, Any]]:
        """(start, end, name, payload) of each name printed in text[start:end]. `words`, when
        given, is `tokenise(text)`, so several indexes can search one text tokenised once."""
        end = len(text) if end is None else end
        if words is None or start or end != len(text):
            words = tokenise(text, start, end)
        excluded = sorted(excluded)
        excluded_starts = [a for a, _ in excluded]
        root, found, reach = self._root, [], -1
        for index, (first, _, word) in enumerate(words):
            if first < reach or word not in root:
                continue
            if excluded:
                at = bisect.bisect_right(excluded_starts, first) - 1
                if at >= 0 and first < excluded[at][1]:
                    continue
            best, node = None, root
            for position in range(index, len(words)):
                node = node.get(words[position][2])
                if node is None:
                    break
                for name, payload in node.get(_END, {}).items():
                    stop = first + len(name)
                    if (best is None or stop > best[1]) and stop <= end and text.startswith(name, first) and self._clear(text, first, stop):
                        best = (first, stop, name, payload)
            if best is not None:
                found.append(best)
                reach = best[1]
        return found

    def _clear(self, text: str, start: int, stop: int) -> bool:
        before = text[start - 1] if start > 0 else ""
        after = text[stop] if stop < len(text) else ""
        return not (before and self._boundary.match(before)) and not (after and self._boundary.match(after))


def tokenise(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, word) of every word in text[start:end]."""
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, end)]
