"""Reviewed corrections: applied to the damaged lines, marked on the rows, and checked."""

from __future__ import annotations

import pytest
from conftest import copy_seeds, run_build


def test_the_split_signature_is_rejoined_and_the_run_together_ones_separated(db):
    rows = db.execute(
        "select name, place, line, printed, correction_id from signatories where corrected order by position"
    ).fetchall()
    assert [tuple(row) for row in rows] == [
        ("International Business and Professional Corporation", "Redbridge", 134,
         "International Business and Professional Corporation, Redbridge", "mosques-list-line-134-135"),
        ("Jamia Masjid and Islamic Centre (JMIC)", None, 135, "Jamia Masjid and Islamic Centre (JMIC)", "mosques-list-line-134-135"),
        ("Qur’ani Murkuz Trust (South Woodford Mosque)", None, 156, "Qur’ani Murkuz Trust (South Woodford Mosque)", "mosques-list-line-156"),
        ("Redbridge Islamic Centre (Redbridge and Gants Hill)", None, 156, "Redbridge Islamic Centre (Redbridge and Gants Hill)", "mosques-list-line-156"),
        ("Redbridge Talks", None, 156, "Redbridge Talks", "mosques-list-line-156"),
    ]


def test_a_rejoined_signature_spans_both_lines_of_the_source(db):
    words = db.execute(
        "select substr(documents.text, start + 1, end - start) from signatories join documents on documents.id = document_id "
        "where name = 'International Business and Professional Corporation'"
    ).fetchone()[0]
    assert words == "International Business and Professional Corporation,\nRedbridge"


def test_uncorrected_rows_are_not_marked(db):
    assert db.execute("select count(*) from signatories where not corrected and correction_id is null").fetchone()[0] == 60
    assert db.execute("select count(*) from signatories where corrected").fetchone()[0] == 5


def test_every_correction_is_published_with_its_reason_and_evidence(db):
    rows = db.execute("select * from corrections order by id").fetchall()
    assert [row["id"] for row in rows] == ["mosques-list-line-134-135", "mosques-list-line-156"]
    for row in rows:
        assert len(row["reason"]) > 20 and len(row["evidence"]) > 50
        assert row["document_id"] == "000_256be309d504f665"


def break_a_correction(tmp_path, old, new):
    seeds = copy_seeds(tmp_path / "seeds")
    db = tmp_path / "kashmir.db"
    assert run_build(seeds, db).returncode == 0
    before = db.read_bytes()
    corrections = seeds / "corrections.yml"
    text = corrections.read_text(encoding="utf-8")
    assert old in text
    corrections.write_text(text.replace(old, new), encoding="utf-8")
    return run_build(seeds, db), before, db


@pytest.mark.slow
def test_a_correction_that_no_longer_matches_its_source_fails_the_build(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    db = tmp_path / "kashmir.db"
    assert run_build(seeds, db).returncode == 0
    before = db.read_bytes()
    document = seeds / "000_256be309d504f665.txt"
    document.write_text(document.read_text(encoding="utf-8").replace("Redbridge Talks", "Redbridge Voices"), encoding="utf-8")

    result = run_build(seeds, db)

    assert result.returncode == 1
    assert "corrections.yml:" in result.stderr
    assert "correction mosques-list-line-156: source no longer matches 000_256be309d504f665.txt lines 156-156" in result.stderr
    assert db.read_bytes() == before


@pytest.mark.slow
def test_corrected_signatures_must_account_for_every_word(tmp_path):
    result, before, db = break_a_correction(tmp_path, "      - Redbridge Talks\n", "")
    assert result.returncode == 1
    assert "correction mosques-list-line-156: the signatures do not account for 'Redbridge Talks'" in result.stderr
    assert db.read_bytes() == before


@pytest.mark.slow
def test_a_correction_for_a_missing_document_fails_the_build(tmp_path):
    result, before, db = break_a_correction(tmp_path, "document: 000_256be309d504f665.txt\n    lines: 156", "document: 099_gone.txt\n    lines: 156")
    assert result.returncode == 1
    assert "document 099_gone.txt is not in the seeds folder" in result.stderr
    assert db.read_bytes() == before


@pytest.mark.slow
def test_a_correction_outside_any_signature_list_fails_the_build(tmp_path):
    old = "    lines: 156\n    source: Qur’ani Murkuz Trust (South Woodford Mosque) Redbridge Islamic Centre (Redbridge and Gants Hill) Redbridge Talks"
    new = "    lines: 1\n    source: More solidarity with Kashmir"
    result, before, db = break_a_correction(tmp_path, old, new)
    assert result.returncode == 1
    assert "lines 1-1 of 000_256be309d504f665.txt are not in a list of signatures" in result.stderr
