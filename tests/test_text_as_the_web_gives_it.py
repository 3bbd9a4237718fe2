"""Text as the web gives it reads as the plain text does: the seeds saved with no-break spaces,
runs of spaces, zero-width spaces, soft hyphens, or CR or CRLF line ends give the same rows and
the same counts as the seeds themselves, while every offset still points into the text as
stored (`scripts/common/spans.py`: the rules read the reading text, rows record the stored)."""

from __future__ import annotations

import re
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from conftest import SEEDS, run_build

from scripts.common.spans import UNSEEN

pytestmark = pytest.mark.slow


def inside_long_words(character: str, length: int):
    """Put `character` in the middle of every word of at least `length` letters."""
    return lambda text: re.sub(rf"\b([^\W\d_]{{{length // 2}}})([^\W\d_]{{{length - length // 2},}})", rf"\1{character}\2", text)


AS_THE_WEB_GIVES_IT = {
    "a no-break space after each comma": lambda text: text.replace(", ", ",\u00a0"),
    "every space a no-break space": lambda text: text.replace(" ", "\u00a0"),
    "every space doubled": lambda text: text.replace(" ", "  "),
    "zero-width spaces inside words": inside_long_words("\u200b", 6),
    "soft hyphens inside words": inside_long_words("\u00ad", 8),
    "CRLF line ends": lambda text: text.replace("\n", "\r\n"),
    "CR line ends": lambda text: text.replace("\n", "\r"),
}

# What each table must hold the same, whatever the spacing: every column but the offsets, the
# ids made from offsets (mentions, claims) and the stored words between offsets.
COMPARED = {
    "letters": "select id, title, kind, addressee, organiser_id, signed_by_count, person_signatures, organisation_signatures,"
    " members_stated, federations, unnamed_signatories, claimed_signatories, line_start, line_end, introduction_line, extraction_rule, signature_rule from letters",
    "signatories": "select id, letter_id, position, name, kind, role, place, organisation_id, person_id, member_count, member_unit,"
    " printed, line, corrected, correction_id, kind_rule, location_id, location_status, location_method from signatories",
    "organisations": "select * from organisations",
    "people": "select * from people",
    "locations": "select * from locations",
    "claims": "select letter_id, text, count, bound, rule, line from claims",
    "comments": "select id, position, author, line_start, line_end from comments",
    "mentions": "select entity_type, organisation_id, person_id, location_id, line, section, letter_id, signatory_id, comment_id, place_status from mentions",
    "signatory_map": "select * from signatory_map",
    # A comment's text is kept as the page printed it, spaces and all: the other values are the words as read.
    "provenance": "select table_name, column_name, iif(table_name = 'comments' and column_name = 'text', null, value),"
    " method, rule, source, confidence, line from provenance",
}


def sorted_rows(db: Path, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(db)) as connection:
        return sorted(connection.execute(sql).fetchall(), key=repr)


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("plain"), lambda text: text)


def build(folder: Path, transform) -> Path:
    seeds = folder / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "assertions.yml").unlink()  # its offset checks compare plain words; the test checks offsets itself
    for path in seeds.glob("*.txt"):
        path.write_bytes(transform(path.read_bytes().decode("utf-8")).encode("utf-8"))
    db = folder / "kashmir.db"
    result = run_build(seeds, db)
    assert result.returncode == 0, result.stderr
    return db


@pytest.mark.parametrize("form", AS_THE_WEB_GIVES_IT)
def test_the_seeds_as_the_web_gives_them_read_as_the_plain_seeds(plain, tmp_path, form):
    messy = build(tmp_path, AS_THE_WEB_GIVES_IT[form])
    for table, sql in COMPARED.items():
        assert sorted_rows(messy, sql) == sorted_rows(plain, sql), table
    with closing(sqlite3.connect(messy)) as connection:
        stored = dict(connection.execute("select id, text from documents"))
        assert any(stored[document] != text for document, text in sorted_rows(plain, "select id, text from documents"))
        for document_id, start, end, printed in connection.execute('select document_id, start, "end", printed from signatories'):
            words = stored[document_id][start:end]
            assert " ".join(words.translate(UNSEEN).split()) == printed, (form, printed, words)
        for document_id, start, end, text in connection.execute('select document_id, start, "end", text from mentions'):
            assert stored[document_id][start:end] == text
        for document_id, start, end, raw_text in connection.execute('select document_id, start, "end", raw_text from provenance where start is not null'):
            assert stored[document_id][start:end] == raw_text
