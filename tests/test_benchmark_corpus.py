"""The benchmark corpus (scripts/tools/generate_corpus.py) and the parallel build it exercises.

The generator must be deterministic, and what it writes must be what the build extracts: its
corpus.json records each letter's signatures, unnamed signatories, stated members and claim,
independently of the extractor. A corpus past PARALLEL_FROM_DOCUMENTS builds in worker
processes; it must give the same database, row for row and rowid for rowid, as one process.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from conftest import REPO

from scripts.pipeline.shards import PARALLEL_FROM_DOCUMENTS
from scripts.tools.generate_corpus import generate

# Builds databases of its own, or serves them: left out of `make test-fast`.
pytestmark = pytest.mark.slow

DOCUMENTS = PARALLEL_FROM_DOCUMENTS + 10


def build(seeds: Path, db: Path, workers: int) -> None:
    subprocess.run(
        [sys.executable, "-m", "scripts.build", "--seeds", str(seeds), "--db", str(db), "--workers", str(workers)],
        cwd=REPO, check=True, capture_output=True,
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "corpus"
    generate(DOCUMENTS, folder, seed=2026)
    return folder


@pytest.fixture(scope="module")
def parallel_db(corpus, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("parallel") / "kashmir.db"
    build(corpus, db, workers=2)
    return db


def files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_the_same_seed_writes_the_same_files_byte_for_byte(corpus, tmp_path):
    generate(DOCUMENTS, tmp_path / "again", seed=2026)
    assert files(tmp_path / "again") == files(corpus)
    generate(DOCUMENTS, tmp_path / "other", seed=2027)
    assert files(tmp_path / "other")["00001_synthetic.txt"] != files(corpus)["00001_synthetic.txt"]


def test_the_corpus_holds_every_other_form(corpus):
    written = json.loads((corpus / "corpus.json").read_text(encoding="utf-8"))["documents"]
    assert {document["form"] for document in written.values()} == {"elected members", "name-dash-role", "run-on", "table"}


def test_the_build_extracts_every_letter_as_written(corpus, parallel_db):
    written = json.loads((corpus / "corpus.json").read_text(encoding="utf-8"))["documents"]
    assert len(written) == DOCUMENTS
    with closing(sqlite3.connect(parallel_db)) as db:
        db.row_factory = sqlite3.Row
        for document_id, document in written.items():
            letters = db.execute(
                "select letters.*, organisations.name as organiser from letters"
                " left join organisations on organisations.id = letters.organiser_id"
                " where document_id = ? order by start",
                [document_id],
            ).fetchall()
            found = [
                {
                    "organiser": letter["organiser"],
                    "person_signatures": letter["person_signatures"],
                    "organisation_signatures": letter["organisation_signatures"],
                    "unnamed": letter["unnamed_signatories"],
                    "members_stated": letter["members_stated"],
                }
                for letter in letters
            ]
            assert found == document["letters"], document_id
            assert [letter["claimed_signatories"] for letter in letters if letter["claimed_signatories"]] == [document["claimed"]]


def test_every_person_is_located_at_a_real_place_printed_with_their_name(parallel_db):
    # The generator prints each person with UK place names that only one GeoNames place has
    # each ("Leeds"; a councillor's ward and borough, "Headingley, Leeds"). A peer's "of Place"
    # is the title's place, not where the peer lives: peers are not located by it.
    with closing(sqlite3.connect(parallel_db)) as db:
        statuses = dict(db.execute(
            "select location_status, count(*) from signatories where kind = 'person' and place is not null and role != 'peer' group by 1"
        ).fetchall())
        assert set(statuses) <= {"located", "several places"} and statuses["located"] > 1000
        # The generator draws a councillor's ward and borough at random ("(Winchester, Aldington)"):
        # where neither lies within the other, a reader cannot place the councillor.
        several = db.execute(
            "select printed, location_method from signatories where kind = 'person' and location_status = 'several places'"
        ).fetchall()
        assert all(printed.startswith("Cllr ") and "are named together and neither lies within the other" in method for printed, method in several)
        peers = db.execute(
            "select location_id is null and location_method like 'a peer''s title: %', count(*) from signatories where role = 'peer' group by 1"
        ).fetchall()
        assert peers and [located_by_title for located_by_title, _ in peers] == [1]
        mismatched = db.execute(
            "select count(*) from signatories join locations on locations.id = signatories.location_id"
            " where signatories.kind = 'person' and signatories.place is not null and instr(signatories.place, locations.name) = 0"
        ).fetchone()[0]
        assert mismatched == 0


def test_workers_give_the_same_database_as_one_process(corpus, parallel_db, tmp_path):
    serial_db = tmp_path / "serial.db"
    build(corpus, serial_db, workers=1)
    with closing(sqlite3.connect(parallel_db)) as parallel, closing(sqlite3.connect(serial_db)) as serial:
        tables = [row[0] for row in serial.execute("select name from sqlite_master where type = 'table' and name not like '%fts%' and name not like 'sqlite_%' order by name")]
        assert "signatories" in tables
        for table in tables:
            # rowid included: rows are written in document order either way.
            query = f"select rowid, * from [{table}] order by rowid"
            assert parallel.execute(query).fetchall() == serial.execute(query).fetchall(), table
