"""Privacy: names withheld from the published dataset (`redactions.yml` in the seeds folder).

Takes: the seeds folder. Gives: `Redactions`, which replaces every printed form of each listed
name with "[withheld]". The read stage applies it to each document's text before anything is
extracted, so a withheld name reaches no table, no full-text index and no export; everything
else about the signature (its place, role, counts, position) is kept, and offsets index into
the published (redacted) text. Each entry needs a reason and a reviewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from scripts.curated.schema import CuratedFile, Entry, RequiredText, Texts, read_curated_file

REDACTIONS_FILE_NAME = "redactions.yml"
PLACEHOLDER = "[withheld]"


@dataclass(frozen=True)
class Redactions:
    forms: tuple[str, ...] = ()

    def __post_init__(self):
        patterns = [r"\s+".join(re.escape(word) for word in form.split()) for form in sorted(self.forms, key=len, reverse=True)]
        pattern = re.compile(rf"(?<!\w)(?:{'|'.join(patterns)})(?!\w)", re.IGNORECASE) if patterns else None
        object.__setattr__(self, "_pattern", pattern)

    def apply(self, text: str) -> str:
        return self._pattern.sub(PLACEHOLDER, text) if self._pattern else text


class Redaction(Entry):
    """A name to withhold, its other printed forms, and why."""

    name: RequiredText
    forms: Texts = ()
    reason: RequiredText
    reviewed_by: RequiredText


class RedactionsFile(CuratedFile):
    shape: ClassVar[str] = "a 'redactions:' list"
    redactions: tuple[Redaction, ...]


def load_redactions(seeds_dir: Path) -> Redactions:
    checked = read_curated_file(RedactionsFile, seeds_dir / REDACTIONS_FILE_NAME)
    if checked is None:
        return Redactions()
    entries = checked.redactions
    return Redactions(tuple(form for entry in entries for form in (entry.name, *entry.forms)))
