"""The curated document metadata file (`documents.yml` in the seeds folder).

Takes: the seeds folder. Gives: `{file name: DocumentMetadata}`, each entry with the line it
starts on, so later checks can name it. The file is optional; an absent file gives `{}`.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Annotated, ClassVar

from pydantic import AfterValidator, RootModel, field_validator

from scripts.curated.schema import Entry, Keyed, Text, validated
from scripts.curated.yaml_file import load_data_file

METADATA_FILE_NAME = "documents.yml"

# ISO 8601 calendar dates at year, month or day precision.
ISO_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
URL = re.compile(r"^https?://\S+$")


class DocumentMetadata(Entry):
    """What is known of one document, listed under its file name."""

    title: Text = None
    publisher: Text = None
    url: Text = None
    published: Text = None
    published_note: Text = None

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
    if not file_name.endswith(".txt"):
        raise ValueError("is not a .txt file name")
    return file_name


class DocumentsFile(RootModel):
    """The file: document file names, each with its entry."""

    shape: ClassVar[str] = "a mapping of document file names to entries"

    root: Annotated[dict[Annotated[str, AfterValidator(_txt_file_name)], DocumentMetadata], Keyed] = {}


def load_document_metadata(seeds_dir: Path) -> dict[str, DocumentMetadata]:
    """The metadata entries of `seeds_dir/documents.yml`, keyed by document file name."""
    path = seeds_dir / METADATA_FILE_NAME
    content = load_data_file(path)
    if content is None or content == "":
        return {}
    return validated(DocumentsFile, content, path).root
