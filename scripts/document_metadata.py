"""Read the curated document metadata file (`documents.yml` in the seeds folder).

Takes: the seeds folder. Gives: `{file name: DocumentMetadata}`, each entry with the line it
starts on, so later checks can name it. The file is optional; an absent file gives `{}`.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from scripts.data_files import KEY_LINES, fields_of, load_data_file, text_or_none
from scripts.errors import BuildError

METADATA_FILE_NAME = "documents.yml"

# The fields a curator may set, and nothing else: a misspelt field is an error, not a silent NULL.
METADATA_FIELDS = ("title", "publisher", "url", "published", "published_note")

# ISO 8601 calendar dates at year, month or day precision.
ISO_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class DocumentMetadata:
    file_name: str
    line: int
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    published_note: str | None = None


def load_document_metadata(seeds_dir: Path) -> dict[str, DocumentMetadata]:
    """The metadata entries of `seeds_dir/documents.yml`, keyed by document file name."""
    path = seeds_dir / METADATA_FILE_NAME
    content = load_data_file(path)
    if content is None or content == "":
        return {}
    if not isinstance(content, dict):
        raise BuildError(path, "expected a mapping of document file names to entries", 1)
    entries = {}
    for file_name, entry in fields_of(content).items():
        line = content[KEY_LINES][file_name]
        if not file_name.endswith(".txt"):
            raise BuildError(path, f"entry key {file_name!r} is not a .txt file name", line)
        if not isinstance(entry, dict):
            raise BuildError(path, f"entry for {file_name} must be a mapping of fields", line)
        entries[file_name] = DocumentMetadata(file_name=file_name, line=line, **_checked_fields(path, file_name, entry))
    return entries


def _checked_fields(path: Path, file_name: str, entry: dict) -> dict[str, str | None]:
    checked = {}
    for field, value in fields_of(entry).items():
        line = entry[KEY_LINES][field]
        if field not in METADATA_FIELDS:
            known = ", ".join(METADATA_FIELDS)
            raise BuildError(path, f"unknown field {field!r} in entry for {file_name} (known: {known})", line)
        if not (value is None or isinstance(value, str)):
            raise BuildError(path, f"{field} in entry for {file_name} must be a plain value", line)
        value = text_or_none(value)
        if value is not None:
            _check_field(path, field, value, line)
        checked[field] = value
    return checked


def _check_field(path: Path, field: str, value: str, line: int) -> None:
    if field == "published":
        match = ISO_PARTIAL_DATE.match(value)
        try:
            if not match:
                raise ValueError
            year, month, day = match.groups()
            datetime.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            raise BuildError(
                path, f"published {value!r} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)", line
            ) from None
    elif field == "url" and not URL.match(value):
        raise BuildError(path, f"url {value!r} is not an http(s) address", line)
