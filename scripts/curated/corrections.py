"""The reviewed corrections file (`corrections.yml` in the seeds folder).

Takes: the seeds folder. Gives: `Correction`s, each naming a document, the lines it corrects,
those lines exactly as they are (`source`), the signatures they really hold, and the reason and
evidence. The extract stage applies them (`scripts.pipeline.extract.corrections`), checking
each against its document first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, ClassVar

from pydantic import Field, PrivateAttr

from scripts.common.errors import BuildError
from scripts.curated.redactions import Redactions
from scripts.curated.schema import CuratedFile, Entry, LineRange, RawText, RequiredText, Text, check_unique_ids, read_curated_file

CORRECTIONS_FILE_NAME = "corrections.yml"
class Correction(Entry):
    id: RequiredText
    document: RequiredText  # the document's file name
    lines: LineRange
    source: RawText  # as the document prints it, line breaks and all
    signatures: Annotated[tuple[RequiredText, ...], Field(min_length=1)]  # each as printed, single-spaced
    reason: RequiredText
    evidence: RequiredText
    reviewed_by: Text = None
    _path: str = PrivateAttr("")

    @property
    def first_line(self) -> int:
        return self.lines[0]

    @property
    def last_line(self) -> int:
        return self.lines[1]

    def redacted(self, redactions: Redactions) -> Correction:
        """The correction as it reads once withheld names are replaced in its document."""
        return self.model_copy(
            update={"source": redactions.apply(self.source), "signatures": tuple(redactions.apply(s) for s in self.signatures)}
        )

    def fail(self, message: str) -> BuildError:
        return BuildError(self._path, f"correction {self.id}: {message}", self.line)


class CorrectionsFile(CuratedFile):
    shape: ClassVar[str] = "a 'corrections:' list"
    corrections: tuple[Correction, ...]


def load_corrections(seeds_dir: Path) -> list[Correction]:
    path = seeds_dir / CORRECTIONS_FILE_NAME
    checked = read_curated_file(CorrectionsFile, path)
    if checked is None:
        return []
    corrections = list(checked.corrections)
    check_unique_ids(corrections, path)
    for correction in corrections:
        correction._path = str(path)
    return corrections


def check_corrections_name_documents(corrections: list[Correction], file_names: set[str]) -> None:
    for correction in corrections:
        if correction.document not in file_names:
            raise correction.fail(f"document {correction.document} is not in the seeds folder")
