"""The curated files of the seeds folder are checked against their schema (`scripts/curated/`):
a curator's mistake stops the build with the file, the line of the field at fault and the
field, and a field the schema does not know is refused, in every one of the six files."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS

from scripts.common.errors import BuildError
from scripts.curated.assertions import load_assertions
from scripts.curated.corrections import load_corrections
from scripts.curated.documents import load_document_metadata
from scripts.curated.places import load_places
from scripts.curated.redactions import load_redactions
from scripts.curated.register import load_register

LOADERS = {
    "documents.yml": load_document_metadata,
    "register.yml": load_register,
    "places.yml": load_places,
    "corrections.yml": load_corrections,
    "redactions.yml": load_redactions,
    "assertions.yml": load_assertions,
}


def error_of(tmp_path: Path, file_name: str, content: str) -> BuildError:
    (tmp_path / file_name).write_text(content, encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        LOADERS[file_name](tmp_path)
    return raised.value


def test_the_seeds_curated_files_pass_their_schema():
    assert len(load_document_metadata(SEEDS)) == 3
    register = load_register(SEEDS)
    assert register.organisations and register.people
    assert len(load_places(SEEDS).places) > 10
    assert [correction.id for correction in load_corrections(SEEDS)] == ["mosques-list-line-134-135", "mosques-list-line-156"]
    assert load_redactions(SEEDS).forms == ()
    assert len(load_assertions(SEEDS)) > 20


# (file, an entry with a field the schema does not know, the line of that field, the field)
UNKNOWN_FIELDS = [
    ("documents.yml", "x.txt:\n  title: X\n  titel: Y\n", 3, "titel"),
    ("register.yml", "organisations:\n  - name: Apex Trust\n    kind: other\n    colour: red\n", 4, "colour"),
    ("places.yml", "places:\n  - name: Ilford\n    kind: town or city\n    source: GeoNames\n    populaton: 1\n", 5, "populaton"),
    ("corrections.yml", "corrections:\n  - id: a\n    documnet: x.txt\n", 3, "documnet"),
    # `line` is where an entry starts, kept by the reader: never a field a curator may set.
    ("corrections.yml", "corrections:\n  - {id: a, document: x.txt, lines: 3, source: s, signatures: [s], reason: r, evidence: e,\n     line: 3}\n", 3, "line"),
    ("redactions.yml", "redactions:\n  - name: Jane Example\n    reason: asked\n    reviewed_by: us\n    alias: Jane\n", 5, "alias"),
    ("assertions.yml", "checks:\n  - name: n\n    sql: select 1\n    why: w\n    max: 1\n    mni: 0\n", 6, "mni"),
    ("register.yml", "organisations: []\nteams: []\n", 2, "teams"),
]


@pytest.mark.parametrize("file_name, content, line, field", UNKNOWN_FIELDS, ids=[f"{case[0]}:{case[3]}" for case in UNKNOWN_FIELDS])
def test_an_unknown_field_is_refused_naming_file_line_and_field(tmp_path, file_name, content, line, field):
    error = error_of(tmp_path, file_name, content)
    assert str(error).startswith(f"{tmp_path / file_name}:{line}: unknown field {field!r}")
    assert "known: " in str(error)


# (file, content, the line at fault, words the message must hold)
MISTAKES = [
    ("documents.yml", 'x.txt:\n  title: X\n  published: "2020-13"\n', 3, "published '2020-13' is not an ISO 8601 date"),
    ("documents.yml", "x.txt:\n  url: ftp://example.org/x\n", 2, "url 'ftp://example.org/x' is not an http(s) address"),
    ("documents.yml", "x.docx:\n  title: X\n", 1, "x.docx is not a document's file name (.txt, .html, .htm, .pdf)"),
    ("documents.yml", "x.pdf:\n  redistribute: maybe\n", 2, "'maybe' must be yes or no"),
    ("documents.yml", "- x.txt\n", 1, "expected a mapping of document file names to entries"),
    ("documents.yml", "x.txt:\n  signature_lists:\n    - lines: 3-4\n      first: A; B\n      fields: [name, town]\n      reason: r\n", 5, "fields 'town' is not one of: name, role, place"),
    ("documents.yml", "x.txt:\n  signature_lists:\n    - lines: 3-4\n      first: A; B\n      fields: [role, place]\n      reason: r\n", 5, "fields must include name"),
    ("documents.yml", "x.txt:\n  signature_lists:\n    - lines: 3-4\n      fields: [name, role]\n      reason: r\n", 3, "first is required"),
    ("register.yml", "organisations:\n  - name: Apex Trust\n    kind: charity shop\n", 3, "kind 'charity shop' is not one of"),
    ("register.yml", "people:\n  - name: Ada Lovelace\n    id: Ada Lovelace\n", 3, "id 'Ada Lovelace' must be lower-case words joined by hyphens"),
    ("register.yml", "people:\n  - name: Ada Lovelace\n    aliases: Ada\n", 3, "aliases must be a list"),
    ("register.yml", "people:\n  - note: no name\n", 2, "name is required"),
    ("register.yml", "people:\n  - name: Ada Lovelace\n  - name: Ada  Lovelace\n", 3, "id 'ada-lovelace' is used twice (first on line 2)"),
    ("places.yml", "places:\n  - name: Ilford\n    kind: village\n    source: S\n", 3, "kind 'village' is not one of"),
    ("places.yml", "places:\n  - name: Ilford\n    kind: town or city\n    coordinates: 51.5\n    precision_km: 2\n    source: S\n", 4, "coordinates must be 'latitude, longitude'"),
    ("places.yml", "places:\n  - name: Ilford\n    kind: town or city\n    coordinates: 51.5, -0.1\n    source: S\n", 2, "Ilford needs precision_km exactly when it has coordinates or a GeoNames point (in places › entry 1)"),
    ("places.yml", "places:\n  - name: Ilford\n    kind: town or city\n    nation: England\n    source: S\n  - name: Ilford\n    kind: district or neighbourhood\n    nation: England\n    source: T\n", 6, "id 'ilford' is used twice (first on line 2)"),
    ("places.yml", "places:\n  - name: Ilford\n    kind: town or city\n    source: S\n", 2, "Ilford is in the United Kingdom: say which nation (England, Scotland, Wales or Northern Ireland)"),
    ("places.yml", "places:\n  - name: Ilford\n    kind: town or city\n    nation: Essex\n    source: S\n", 4, "'Essex' is not one of: England, Scotland, Wales, Northern Ireland"),
    ("places.yml", "places:\n  - name: Ilford\n    kind: town or city\n    geonames: 2646277\n    precision_km: many\n    source: S\n", 5, "precision_km must be a number, not 'many'"),
    ("places.yml", "not_places:\n  - name: March\n", 2, "reason is required"),
    ("corrections.yml", "corrections:\n  - id: a\n    document: x.txt\n    lines: three\n", 4, "lines 'three' must be a line number or first-last"),
    ("corrections.yml", "corrections:\n  - id: a\n    document: x.txt\n    lines: 3\n    source: s\n    signatures: []\n    reason: r\n    evidence: e\n", 6, "signatures needs at least 1 entry (in corrections › entry 1)"),
    ("corrections.yml", "corrections:\n  - id: a\n    document: x.txt\n    lines: 3\n    source: ' '\n    signatures: [s]\n    reason: r\n    evidence: e\n", 5, "source is required (in corrections › entry 1)"),
    ("corrections.yml", "corrections:\n" + "  - {id: a, document: x.txt, lines: 3, source: s, signatures: [s], reason: r, evidence: e}\n" * 2, 3, "id 'a' is used twice (first on line 2)"),
    ("corrections.yml", "corrections: none\n", 1, "corrections must be a list"),
    ("redactions.yml", "redactions:\n  - name: Jane Example\n    reason: asked\n", 2, "reviewed_by is required"),
    ("assertions.yml", "rows:\n  documents: {}\n", 2, "documents needs min, max or both"),
    ("assertions.yml", "checks:\n  - name: n\n    sql: select 1\n    why: w\n    min: lots\n", 5, "min must be a number, not 'lots'"),
]


@pytest.mark.parametrize("file_name, content, line, words", MISTAKES, ids=[f"{case[0]}:{case[3][:40]}" for case in MISTAKES])
def test_a_mistake_names_file_line_and_field(tmp_path, file_name, content, line, words):
    error = error_of(tmp_path, file_name, content)
    assert error.path == str(tmp_path / file_name)
    assert error.line == line, str(error)
    assert words in error.message


def test_a_missing_or_empty_file_is_no_entries(tmp_path):
    assert load_document_metadata(tmp_path) == {}
    assert load_corrections(tmp_path) == [] and load_assertions(tmp_path) == []
    (tmp_path / "register.yml").write_text("", encoding="utf-8")
    assert load_register(tmp_path).entities == []


def test_values_stay_the_strings_the_curator_wrote(tmp_path):
    (tmp_path / "documents.yml").write_text('x.txt:\n  title: "no"\n  published: 2020-05-10\n  publisher: >-\n    Two\n    lines\n', encoding="utf-8")
    entry = load_document_metadata(tmp_path)["x.txt"]
    assert (entry.title, entry.published, entry.publisher, entry.line) == ("no", "2020-05-10", "Two lines", 1)
