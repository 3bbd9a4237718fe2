"""The documents table, as built from the real seeds: what a user of the dataset can rely on."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing

import yaml
from conftest import SEEDS

JVL = "000_256be309d504f665"
BIRMINGHAM_SP = "001_6f5deee30d7d4c90"
DAILY_MAIL = "003_1373bc5d39599841"


def document(db, document_id):
    return db.execute("select * from documents where id = ?", [document_id]).fetchone()


def search(db, query):
    return [
        row["id"]
        for row in db.execute(
            "select documents.id from documents_fts join documents on documents.rowid = documents_fts.rowid "
            "where documents_fts match ? order by documents.id",
            [query],
        )
    ]


def test_every_seed_file_is_a_document_with_its_file_name_as_id(db):
    ids = [row["id"] for row in db.execute("select id from documents order by id")]
    assert ids == sorted(path.stem for path in SEEDS.glob("*.txt"))
    assert ids == [JVL, BIRMINGHAM_SP, DAILY_MAIL]


def test_documents_carry_the_metadata_from_sources(db):
    jvl = document(db, JVL)
    assert jvl["title"] == "More solidarity with Kashmir"
    assert jvl["publisher"] == "Jewish Voice for Labour"
    assert jvl["url"] == "https://www.jewishvoiceforlabour.org.uk/article/more-solidarity-with-kashmir/"
    assert jvl["published"] == "2020-05"
    assert "10 May 2020" in jvl["published_note"]

    socialist_party = document(db, BIRMINGHAM_SP)
    assert socialist_party["publisher"] == "Birmingham Socialist Party"
    assert socialist_party["published"] == "2021-08"
    assert "second anniversary" in socialist_party["published_note"]

    daily_mail = document(db, DAILY_MAIL)
    assert daily_mail["publisher"] == "Daily Mail"
    assert daily_mail["url"].startswith("https://www.dailymail.co.uk/news/article-7783153/")
    assert daily_mail["published"] == "2019-12"
    assert daily_mail["title"] == "Labour election candidates held meetings with figures from Jammu Kashmir Liberation Front"


def test_every_metadata_entry_names_a_document_that_was_built(db):
    entries = yaml.safe_load((SEEDS / "documents.yml").read_text(encoding="utf-8"))
    source_files = {row["source_file"] for row in db.execute("select source_file from documents")}
    assert set(entries) == source_files


def test_text_is_the_file_exactly_so_offsets_into_it_are_meaningful(db):
    for row in db.execute("select * from documents"):
        raw = (SEEDS / row["source_file"]).read_bytes()
        assert row["text"] == raw.decode("utf-8")
        assert row["sha256"] == hashlib.sha256(raw).hexdigest()
    # SQLite's substr() counts the same characters as Python: the curly quote before "Muslims"
    # must not shift what follows it.
    jvl_text = document(db, JVL)["text"]
    start = jvl_text.index("Muslim Public Affairs Committee (MPAC)")
    words = db.execute(
        "select substr(text, ? + 1, ?) from documents where id = ?", [start, len("Muslim Public Affairs Committee (MPAC)"), JVL]
    ).fetchone()[0]
    assert words == "Muslim Public Affairs Committee (MPAC)"


def test_word_and_line_counts_describe_the_text(db):
    daily_mail = document(db, DAILY_MAIL)
    assert daily_mail["line_count"] == 27
    assert daily_mail["line_count"] == len(daily_mail["text"].splitlines())
    jvl = document(db, JVL)
    assert 2200 < jvl["word_count"] < 2400  # `wc -w` counts 2,329, dashes and bullets included
    assert all(row["word_count"] > 300 for row in db.execute("select word_count from documents"))


def test_search_finds_a_word_only_in_the_document_that_has_it(db):
    assert search(db, "Thornberry") == [DAILY_MAIL]
    assert search(db, "mosques") == [JVL]
    assert search(db, "donated") == [BIRMINGHAM_SP]
    assert search(db, "Kashmir") == [JVL, BIRMINGHAM_SP, DAILY_MAIL]


def test_search_stems_words(db):
    # The texts print only "militants" and "donated": a search for other forms of the same
    # word finds them through the Porter stemmer.
    assert search(db, "militant") == [DAILY_MAIL]
    assert search(db, "donation") == [BIRMINGHAM_SP]


def test_search_covers_titles(db):
    assert search(db, "title:occupation") == [BIRMINGHAM_SP]


def test_search_index_is_kept_in_sync_by_triggers(built_db, tmp_path):
    # The published database is read-only; a copy shows what its triggers do on a change.
    copy = tmp_path / "copy.db"
    shutil.copy(built_db, copy)
    with closing(sqlite3.connect(copy)) as connection:
        connection.row_factory = sqlite3.Row
        connection.execute("update documents set text = text || ' zyxwvut' where id = ?", [DAILY_MAIL])
        assert search(connection, "zyxwvut") == [DAILY_MAIL]
        connection.execute("update documents set text = replace(text, ' zyxwvut', '') where id = ?", [DAILY_MAIL])
        assert search(connection, "zyxwvut") == []
        connection.execute("delete from documents where id = ?", [BIRMINGHAM_SP])
        assert search(connection, "donation") == []