"""The words documents call an open letter by, for every rule that must find one: introductions,
headings, claims and issuers all read "letter", "statement", "pledge" … the same way."""

from __future__ import annotations

LETTER_WORD = r"(?:open letter|letter|statement|declaration|petition|appeal|pledge|motion|resolution)"
# Words that say only what a text is ("the full text of the letter"), not which one.
KIND_WORDS = {"the", "a", "an", "full", "text", "of", "open", "joint", "letter", "statement", "declaration", "petition", "appeal", "pledge", "motion", "resolution"}
