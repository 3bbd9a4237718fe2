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

from scripts.data_files import LINE, fields_of, load_data_file, text_or_none
from scripts.errors import BuildError

REDACTIONS_FILE_NAME = "redactions.yml"
PLACEHOLDER = "[withheld]"
REDACTION_FIELDS = {"name", "forms", "reason", "reviewed_by"}


@dataclass(frozen=True)
class Redactions:
    forms: tuple[str, ...] = ()

    def __post_init__(self):
        patterns = [r"\s+".join(re.escape(word) for word in form.split()) for form in sorted(self.forms, key=len, reverse=True)]
        pattern = re.compile(rf"(?<!\w)(?:{'|'.join(patterns)})(?!\w)", re.IGNORECASE) if patterns else None
        object.__setattr__(self, "_pattern", pattern)

    def apply(self, text: str) -> str:
        return self._pattern.sub(PLACEHOLDER, text) if self._pattern else text


def load_redactions(seeds_dir: Path) -> Redactions:
    path = seeds_dir / REDACTIONS_FILE_NAME
    content = load_data_file(path)
    if content is None or content == "":
        return Redactions()
    entries = content.get("redactions") if isinstance(content, dict) else None
    if not isinstance(entries, list):
        raise BuildError(path, "expected a 'redactions:' list", 1)
    forms: list[str] = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise BuildError(path, "each redaction must be a mapping of fields")
        fields = fields_of(entry)
        unknown = set(fields) - REDACTION_FIELDS
        if unknown:
            raise BuildError(path, f"unknown field {sorted(unknown)[0]!r} in a redaction", entry[LINE])
        name = text_or_none(fields.get("name"))
        if not name or not text_or_none(fields.get("reason")) or not text_or_none(fields.get("reviewed_by")):
            raise BuildError(path, "a redaction needs a name, a reason and reviewed_by", entry[LINE])
        other_forms = fields.get("forms") or []
        if not isinstance(other_forms, list):
            raise BuildError(path, f"forms of the redaction on line {entry[LINE]} must be a list", entry[LINE])
        forms += [name, *(text_or_none(form) for form in other_forms if text_or_none(form))]
    return Redactions(tuple(forms))
