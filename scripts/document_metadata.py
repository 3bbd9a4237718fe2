"""Read the curated document metadata file (`documents.yml` in the seeds folder).

Takes: the seeds folder. Gives: `{file name: DocumentMetadata}`, each entry with the line it
starts on, so later checks can name it. The file is optional; an absent file gives `{}`.

The YAML is read as a node tree rather than loaded into Python values, so that every scalar
stays the string the curator wrote (YAML would otherwise turn 2020-05-10 into a date object)
and every error can name its line.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

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
    if not path.exists():
        return {}
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except UnicodeDecodeError as error:
        raise BuildError(path, f"not UTF-8 ({error.reason} at byte {error.start})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise BuildError(path, f"not valid YAML: {getattr(error, 'problem', error)}", line) from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise BuildError(path, "expected a mapping of document file names to entries", _line(root))

    entries: dict[str, DocumentMetadata] = {}
    for key_node, value_node in root.value:
        file_name = _scalar(path, key_node)
        if not isinstance(file_name, str) or not file_name.endswith(".txt"):
            raise BuildError(path, f"entry key {file_name!r} is not a .txt file name", _line(key_node))
        if file_name in entries:
            raise BuildError(path, f"second entry for {file_name}", _line(key_node))
        entries[file_name] = _entry(path, file_name, key_node, value_node)
    return entries


def _entry(path: Path, file_name: str, key_node: yaml.Node, value_node: yaml.Node) -> DocumentMetadata:
    if not isinstance(value_node, yaml.MappingNode):
        raise BuildError(path, f"entry for {file_name} must be a mapping of fields", _line(value_node))
    fields: dict[str, str | None] = {}
    for field_node, field_value_node in value_node.value:
        field = _scalar(path, field_node)
        line = _line(field_node)
        if field not in METADATA_FIELDS:
            known = ", ".join(METADATA_FIELDS)
            raise BuildError(path, f"unknown field {field!r} in entry for {file_name} (known: {known})", line)
        if field in fields:
            raise BuildError(path, f"field {field!r} given twice in entry for {file_name}", line)
        value = _scalar(path, field_value_node)
        if value is not None:
            value = " ".join(value.split())  # folded YAML and stray spacing read as one line
            _check_field(path, field, value, line)
        fields[field] = value or None
    return DocumentMetadata(file_name=file_name, line=_line(key_node), **fields)


def _check_field(path: Path, field: str, value: str, line: int) -> None:
    if field == "published":
        match = ISO_PARTIAL_DATE.match(value)
        year, month, day = match.groups() if match else (None, None, None)
        try:
            if not match:
                raise ValueError
            datetime.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            raise BuildError(
                path, f"published {value!r} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)", line
            ) from None
    elif field == "url" and not URL.match(value):
        raise BuildError(path, f"url {value!r} is not an http(s) address", line)


def _scalar(path: Path, node: yaml.Node) -> str | None:
    if not isinstance(node, yaml.ScalarNode):
        raise BuildError(path, "expected a plain value here, not a list or mapping", _line(node))
    if node.tag == "tag:yaml.org,2002:null":
        return None
    return node.value


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1
