"""Read the reviewed corrections file (`corrections.yml` in the seeds folder) and apply it.

Takes: the seeds folder, and the signature entries the extract stage found. Gives: the entries
with each corrected run of lines replaced by the signatures the correction says they hold,
located by their words so their offsets stay exact. A correction whose `source` no longer
matches its document, or whose signatures do not account for the words, stops the build with a
message naming the entry; so does one that matches no signature list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from scripts.data_files import LINE, fields_of, load_data_file, text_or_none
from scripts.errors import BuildError
from scripts.extract_letters import FoundLetter, SignatureEntry
from scripts.redactions import Redactions
from scripts.text_spans import DocumentText

CORRECTIONS_FILE_NAME = "corrections.yml"
CORRECTION_FIELDS = {"id", "document", "lines", "source", "signatures", "reason", "evidence", "reviewed_by"}
REQUIRED_FIELDS = ("id", "document", "lines", "source", "signatures", "reason", "evidence")


@dataclass(frozen=True)
class Correction:
    id: str
    document: str  # file name
    first_line: int
    last_line: int
    source: str
    signatures: tuple[str, ...]
    reason: str
    evidence: str
    reviewed_by: str | None
    path: str
    line: int  # where the entry starts in the corrections file

    def redacted(self, redactions: Redactions) -> Correction:
        """The correction as it reads once withheld names are replaced in its document."""
        return replace(
            self, source=redactions.apply(self.source), signatures=tuple(redactions.apply(s) for s in self.signatures)
        )

    def fail(self, message: str) -> BuildError:
        return BuildError(self.path, f"correction {self.id}: {message}", self.line)


def load_corrections(seeds_dir: Path) -> list[Correction]:
    path = seeds_dir / CORRECTIONS_FILE_NAME
    content = load_data_file(path)
    if content is None or content == "":
        return []
    entries = content.get("corrections") if isinstance(content, dict) else None
    if not isinstance(entries, list):
        raise BuildError(path, "expected a 'corrections:' list", 1)
    corrections, seen = [], set()
    for entry in entries:
        if not isinstance(entry, dict):
            raise BuildError(path, "each correction must be a mapping of fields")
        correction = _correction(path, entry)
        if correction.id in seen:
            raise correction.fail("the id is used twice")
        seen.add(correction.id)
        corrections.append(correction)
    return corrections


def _correction(path: Path, entry: dict) -> Correction:
    line = entry[LINE]
    fields = fields_of(entry)
    unknown = set(fields) - CORRECTION_FIELDS
    if unknown:
        raise BuildError(path, f"unknown field {sorted(unknown)[0]!r} in a correction", line)
    missing = [name for name in REQUIRED_FIELDS if not fields.get(name)]
    if missing:
        raise BuildError(path, f"a correction needs {', '.join(missing)}", line)
    lines = re.fullmatch(r"(\d+)(?:\s*-\s*(\d+))?", str(fields["lines"]).strip())
    if not lines:
        raise BuildError(path, f"lines {fields['lines']!r} must be a line number or first-last", line)
    first, last = int(lines.group(1)), int(lines.group(2) or lines.group(1))
    signatures = fields["signatures"]
    if not isinstance(signatures, list) or not all(isinstance(s, str) and s.strip() for s in signatures):
        raise BuildError(path, "signatures must be a list of the signatures as printed", line)
    return Correction(
        id=text_or_none(fields["id"]),
        document=text_or_none(fields["document"]),
        first_line=first,
        last_line=last,
        source=fields["source"],
        signatures=tuple(" ".join(s.split()) for s in signatures),
        reason=text_or_none(fields["reason"]),
        evidence=text_or_none(fields["evidence"]),
        reviewed_by=text_or_none(fields.get("reviewed_by")),
        path=str(path),
        line=line,
    )


def check_corrections_name_documents(corrections: list[Correction], file_names: set[str]) -> None:
    for correction in corrections:
        if correction.document not in file_names:
            raise correction.fail(f"document {correction.document} is not in the seeds folder")


def apply_corrections(
    corrections: list[Correction], document: DocumentText, file_name: str, letters: list[FoundLetter]
) -> None:
    """Replace, in place, the entries on each correction's lines by the corrected signatures."""
    for correction in (c for c in corrections if c.document == file_name):
        _check_source(correction, document)
        letter = next((l for l in letters if _covers(l, correction)), None)
        if letter is None:
            raise correction.fail(
                f"lines {correction.first_line}-{correction.last_line} of {file_name} are not in a list of signatures"
            )
        corrected = _locate(correction, document)
        kept = [e for e in letter.entries if not correction.first_line <= e.span.line <= correction.last_line]
        letter.entries = sorted(kept + corrected, key=lambda entry: entry.span.start)


def _check_source(correction: Correction, document: DocumentText) -> None:
    if correction.last_line > len(document.lines) or correction.first_line < 1:
        raise correction.fail(f"the document has no line {correction.last_line}")
    actual = "\n".join(document.line(n).text for n in range(correction.first_line, correction.last_line + 1))
    if actual.strip() != correction.source.strip():
        raise correction.fail(
            f"source no longer matches {correction.document} lines {correction.first_line}-{correction.last_line}: "
            f"expected {correction.source.strip()!r}, found {actual.strip()!r}"
        )


def _covers(letter: FoundLetter, correction: Correction) -> bool:
    lines = {entry.span.line for entry in letter.entries if entry.form != "issuer"}
    return correction.first_line in lines and correction.last_line in lines


def _locate(correction: Correction, document: DocumentText) -> list[SignatureEntry]:
    """Find each corrected signature's words, in order, in the corrected lines."""
    position = document.line(correction.first_line).start
    region_end = document.line(correction.last_line).end
    entries = []
    for signature in correction.signatures:
        pattern = r"\s+".join(re.escape(word) for word in signature.split())
        match = re.compile(pattern).search(document.text, position, region_end)
        if match is None or document.text[position : match.start()].strip():
            raise correction.fail(f"signature {signature!r} is not the next words of lines {correction.first_line}-{correction.last_line}")
        entries.append(SignatureEntry(document.span(match.start(), match.end()), "list", correction.id))
        position = match.end()
    leftover = document.text[position:region_end].strip()
    if leftover:
        raise correction.fail(f"the signatures do not account for {leftover!r}")
    return entries
