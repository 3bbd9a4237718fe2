"""The build against bad input and faults: it builds correctly or fails with file and line,
and in every case the previous database is untouched and passes PRAGMA integrity_check."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pdf_documents
import pytest
from conftest import REPO, SEEDS, copy_seeds, run_build

# Builds databases of its own, or serves them: left out of `make test-fast`.
pytestmark = pytest.mark.slow

HOSTILE = REPO / "tests" / "fixtures" / "hostile" / "030_markup_in_signatures.txt"
PAYLOADS = [
    '<script>alert("signature")</script> Community Association',
    '<img src=x onerror=alert("image")> Islamic Centre',
]


def integrity(db: Path) -> str:
    with closing(sqlite3.connect(db)) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.fixture
def previous(tmp_path):
    """A good build to protect: (seeds folder, database, its bytes)."""
    seeds = copy_seeds(tmp_path / "seeds")
    db = tmp_path / "kashmir.db"
    assert run_build(seeds, db).returncode == 0
    return seeds, db, db.read_bytes()


def assert_untouched(db: Path, before: bytes) -> None:
    assert db.read_bytes() == before
    assert integrity(db) == "ok"


def test_a_50_mb_document_is_refused_with_a_clear_message(previous):
    seeds, db, before = previous
    with open(seeds / "huge.txt", "wb") as file:
        line = b"Signatories of a very long letter, Somewhere, Member\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            file.write(line)
    result = run_build(seeds, db)
    assert result.returncode == 1
    assert "huge.txt: document is 52,428," in result.stderr and "the limit is 16,777,216" in result.stderr
    assert_untouched(db, before)


def _bad_page(path: Path) -> Path:
    path.write_bytes(b"<html><body><nav><a href='/'>Home</a></nav><form><input name='q'></form></body></html>")
    return path


def _not_a_pdf(path: Path) -> Path:
    path.write_bytes(b"Dear Sir,\nThis letter was saved as text under a .pdf name.\n")
    return path


@pytest.mark.parametrize(
    "name, make, message",
    [
        ("005_scan.pdf", pdf_documents.scanned, "005_scan.pdf: the PDF has no text layer"),
        ("005_locked.pdf", pdf_documents.encrypted, "005_locked.pdf: the PDF is encrypted and needs a password"),
        ("005_cut.pdf", pdf_documents.cut_short, "005_cut.pdf: not a PDF that can be read"),
        ("005_text.pdf", _not_a_pdf, "005_text.pdf: not a PDF (it does not start with %PDF-)"),
        ("005_menu.html", _bad_page, "005_menu.html: no main text found in the page"),
    ],
)
def test_a_page_or_pdf_that_cannot_be_read_is_refused_and_the_previous_database_kept(previous, name, make, message):
    seeds, db, before = previous
    make(seeds / name)
    result = run_build(seeds, db)
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert_untouched(db, before)


def test_a_page_and_a_text_file_of_one_name_are_refused(previous):
    seeds, db, before = previous
    shutil.copy(REPO / "tests" / "fixtures" / "documents" / "050_wordpress_comments.html", seeds / "003_1373bc5d39599841.html")
    result = run_build(seeds, db)
    assert result.returncode == 1 and "003_1373bc5d39599841.txt: same name as 003_1373bc5d39599841.html" in result.stderr, result.stderr
    assert_untouched(db, before)


def test_two_files_with_identical_content_are_refused(previous):
    seeds, db, before = previous
    shutil.copy(seeds / "003_1373bc5d39599841.txt", seeds / "004_copy.txt")
    result = run_build(seeds, db)
    assert result.returncode == 1
    assert "004_copy.txt: same content as 003_1373bc5d39599841.txt" in result.stderr
    assert_untouched(db, before)


def test_markup_in_signatures_is_kept_verbatim_as_text(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    shutil.copy(HOSTILE, seeds)
    db = tmp_path / "kashmir.db"
    assert run_build(seeds, db).returncode == 0
    with closing(sqlite3.connect(db)) as connection:
        names = [row[0] for row in connection.execute("select name from signatories where document_id = '030_markup_in_signatures' order by position")]
        text = connection.execute("select text from documents where id = '030_markup_in_signatures'").fetchone()[0]
    assert names[:2] == PAYLOADS
    assert text == HOSTILE.read_text(encoding="utf-8")


def test_a_build_killed_at_any_point_leaves_the_previous_database_intact(previous, tmp_path):
    seeds, db, before = previous
    # A corpus large enough that the build takes seconds and runs in parallel: copies of the
    # compilation, each made distinct by a first line of its own.
    text = (SEEDS / "000_256be309d504f665.txt").read_text(encoding="utf-8")
    (seeds / "assertions.yml").unlink()  # its bounds are for the reviewed seeds, not 300 copies
    for number in range(300):
        (seeds / f"100_copy_{number:03}.txt").write_text(f"Copy {number}\n{text}", encoding="utf-8")

    def state(pid: int) -> set[str]:
        names = {path.name for path in db.parent.iterdir()}
        return {kind for kind, present in (
            ("temporary", f".{db.name}.{pid}.tmp" in names),
            ("shards", any(name.startswith(f".{db.name}.shard") for name in names)),
        ) if present}

    # Kill points: while reading, while the workers write their shards, while the shards are
    # copied in, and while indexes and search are built once the shards are gone.
    kill_points = {
        "reading": lambda pid, elapsed: elapsed > 0.2,
        "workers writing shards": lambda pid, elapsed: "shards" in state(pid),
        "copying shards in": lambda pid, elapsed: state(pid) == {"temporary", "shards"} and (db.parent / f".{db.name}.{pid}.tmp").stat().st_size > 2_000_000,
        "indexing": lambda pid, elapsed: state(pid) == {"temporary"} and elapsed > 1,
    }
    reached = []
    for name, reached_point in kill_points.items():
        process = subprocess.Popen(
            [sys.executable, "-m", "scripts.build", "--seeds", str(seeds), "--db", str(db)],
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        started = time.monotonic()
        while process.poll() is None and time.monotonic() - started < 120:
            try:
                if reached_point(process.pid, time.monotonic() - started):
                    break
            except FileNotFoundError:
                pass
            time.sleep(0.005)
        if process.poll() is None:
            reached.append(name)
        os.killpg(process.pid, signal.SIGKILL)  # the build and its workers, as the kernel's OOM killer or kill -9 would
        process.wait()
        assert_untouched(db, before)
    assert len(reached) >= 3, reached

    # The next build succeeds and clears what the killed builds left behind.
    assert run_build(seeds, db).returncode == 0
    assert integrity(db) == "ok"
    assert [path.name for path in db.parent.glob(f".{db.name}.*")] == []


def test_bad_input_found_by_a_build_worker_is_reported_the_same_way(previous):
    seeds, db, before = previous
    text = (SEEDS / "001_6f5deee30d7d4c90.txt").read_text(encoding="utf-8")
    for number in range(60):  # enough documents for the build to use worker processes
        (seeds / f"100_copy_{number:03}.txt").write_text(f"Copy {number}\n{text}", encoding="utf-8")
    document = seeds / "000_256be309d504f665.txt"
    document.write_text(document.read_text(encoding="utf-8").replace("Redbridge Talks", "Redbridge Voices"), encoding="utf-8")
    result = run_build(seeds, db)
    assert result.returncode == 1
    assert "corrections.yml:" in result.stderr and "correction mosques-list-line-156: source no longer matches" in result.stderr
    assert_untouched(db, before)
    assert [path.name for path in db.parent.glob(f".{db.name}.*")] == []


def test_a_full_disk_is_a_clear_error(previous):
    seeds, db, before = previous

    def small_disk():  # files this process writes may not exceed 200 kB
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    result = subprocess.run(
        [sys.executable, "-m", "scripts.build", "--seeds", str(seeds), "--db", str(db)],
        cwd=REPO, capture_output=True, text=True, preexec_fn=small_disk,
    )
    assert result.returncode == 1
    assert "cannot write the database" in result.stderr and "(is the disk full" in result.stderr
    assert_untouched(db, before)
    assert [path.name for path in db.parent.glob(f".{db.name}.*")] == []


def test_two_builds_give_the_same_sorted_dump(tmp_path):
    dumps = []
    for name in ("one.db", "two.db"):
        assert run_build(SEEDS, tmp_path / name).returncode == 0
        with closing(sqlite3.connect(tmp_path / name)) as connection:
            dumps.append(sorted(connection.iterdump()))
    assert dumps[0] == dumps[1]
