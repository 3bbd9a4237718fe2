"""The curated document metadata file (`documents.yml` in the seeds folder).

Takes: the seeds folder. Gives: `{file name: DocumentMetadata}`, each entry with the line it
starts on, so later checks can name it. The file is optional; an absent file gives `{}`. An
entry may hold `signature_lists`: curated hints saying how to read a list of signatures no
rule reads (its lines and field order), checked against the text when the build applies them.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Annotated, ClassVar

from pydantic import AfterValidator, Field, PrivateAttr, RootModel, field_validator

from scripts.common.errors import BuildError
from scripts.curated.schema import Entry, Keyed, LineRange, RequiredText, Text, YesNo, one_of, read_curated_file

METADATA_FILE_NAME = "documents.yml"
# The files a document may be, by extension, and the format each is read as.
DOCUMENT_FORMATS = {".txt": "text", ".html": "html", ".htm": "html", ".pdf": "pdf"}

# ISO 8601 calendar dates at year, month or day precision.
ISO_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
URL = re.compile(r"^https?://\S+$")


SIGNATURE_FIELDS = ("name", "role", "place", "organisation", "affiliation", "skip")
SEPARATORS = {",": ",", ";": ";", "|": "|", "tab": "\t", "dash": "–"}
class SignatureListHint(Entry):
    """How to read a list of signatures that no rule reads: its lines and the order of the fields
    on each line. Reviewed data, like a correction: `first` quotes the list's first line as
    printed, so a hint never applies to words it was not written for."""

    lines: LineRange
    first: RequiredText  # the first signature line, exactly as printed
    fields: Annotated[tuple[str, ...], Field(min_length=2)]
    separator: Annotated[RequiredText, one_of(SEPARATORS)] = ","  # ",", ";", "|", "tab" or "dash" (an en or em dash, or a spaced hyphen)
    reason: RequiredText
    reviewed_by: Text = None
    _path: str = PrivateAttr("")

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, fields: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [field for field in fields if field not in SIGNATURE_FIELDS]
        if unknown:
            raise ValueError(f"{unknown[0]!r} is not one of: {', '.join(SIGNATURE_FIELDS)}")
        if "name" not in fields:
            raise ValueError("must include name")
        return fields

    @property
    def where(self) -> str:
        """The hint's place in the curated file, for errors and provenance."""
        return f"{Path(self._path).name}:{self.line}"

    def fail(self, message: str) -> BuildError:
        return BuildError(self._path, f"signature list hint: {message}", self.line)


class DocumentMetadata(Entry):
    """What is known of one document, listed under its file name."""

    title: Text = None
    publisher: Text = None
    url: Text = None
    published: Text = None
    published_note: Text = None
    # Whether the original file may be published beside the database (the publisher's rights
    # allow it): yes or no; no when not said.
    redistribute: YesNo = False
    signature_lists: tuple[SignatureListHint, ...] = ()  # curated hints for lists no rule reads

    @field_validator("published")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is not None:
            match = ISO_PARTIAL_DATE.match(value)
            try:
                if not match:
                    raise ValueError
                year, month, day = match.groups()
                datetime.date(int(year), int(month or 1), int(day or 1))
            except ValueError:
                raise ValueError(f"{value!r} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
        return value

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is not None and not URL.match(value):
            raise ValueError(f"{value!r} is not an http(s) address")
        return value


def _txt_file_name(file_name: str) -> str:
    if Path(file_name).suffix.lower() not in DOCUMENT_FORMATS:
        raise ValueError(f"is not a document's file name ({', '.join(DOCUMENT_FORMATS)})")
    return file_name


class DocumentsFile(RootModel):
    """The file: document file names, each with its entry."""

    shape: ClassVar[str] = "a mapping of document file names to entries"

    root: Annotated[dict[Annotated[str, AfterValidator(_txt_file_name)], DocumentMetadata], Keyed] = {}


def load_document_metadata(seeds_dir: Path) -> dict[str, DocumentMetadata]:
    """The metadata entries of `seeds_dir/documents.yml`, keyed by document file name."""
    path = seeds_dir / METADATA_FILE_NAME
    checked = read_curated_file(DocumentsFile, path)
    if checked is None:
        return {}
    entries = checked.root
    for entry in entries.values():
        for hint in entry.signature_lists:
            hint._path = str(path)
    return entries
