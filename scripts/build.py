"""Entry point: build the database from a folder of seed documents.

    python -m scripts.build --seeds seeds --db build/kashmir.db

Runs the stages in order (read -> extract -> resolve -> load) into a temporary file beside the target, checks it,
and only then moves it into place. A failed build prints `file:line: message` on stderr, exits
1, and leaves any previous database exactly as it was.
"""

from __future__ import annotations

import argparse
import errno
import gc
import multiprocessing
import os
import sqlite3
import sys
import time
from contextlib import closing, contextmanager
from pathlib import Path

from scripts.common.errors import BuildError
from scripts.curated.assertions import ASSERTIONS_FILE_NAME, load_assertions
from scripts.curated.corrections import (
    check_corrections_name_documents,
    load_corrections,
)
from scripts.curated.redactions import load_redactions
from scripts.curated.register import load_register
from scripts.pipeline.extract.document import extract_document
from scripts.pipeline.load.schema import as_tuples
from scripts.pipeline.load.writer import DatabaseWriter, open_new_database, row_counts
from scripts.pipeline.read.documents import read_documents
from scripts.pipeline.release import changes as release_changes
from scripts.pipeline.release.assertions import check_assertions
from scripts.pipeline.resolve.document_rows import Assembly
from scripts.pipeline.resolve.entity_tables import EntityTables
from scripts.pipeline.resolve.gazetteer import load_gazetteer

STAGE_SECONDS: dict[str, float] = {}  # how long each stage took, for `--timings`


@contextmanager
def stage(name: str):
    started = time.monotonic()
    yield
    STAGE_SECONDS[name] = STAGE_SECONDS.get(name, 0) + time.monotonic() - started


def build(seeds_dir: Path, db_path: Path, workers: int | None = None) -> tuple[dict[str, int], str]:
    """Build `db_path` from `seeds_dir` atomically; return row counts per table and, in words,
    what changed against the previous build. `workers`: processes for the documents (default:
    one per core, up to 8; 1 builds in this process)."""
    with stage("read documents and curated files"):
        redactions = load_redactions(seeds_dir)
        documents = read_documents(seeds_dir, redactions)
        register = load_register(seeds_dir)
        corrections = [correction.redacted(redactions) for correction in load_corrections(seeds_dir)]
        check_corrections_name_documents(corrections, {document.source_file for document in documents})
        gazetteer = load_gazetteer(seeds_dir)
        assertions = load_assertions(seeds_dir)
    gc.freeze()  # what is loaded so far lives for the whole build: spare the collector from rescanning it
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(db_path.parent, f"cannot create the build folder: {error.strerror}") from None
    remove_abandoned_temporary_files(db_path)
    temporary_path = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    try:
        db = open_new_database(temporary_path)
        writer = DatabaseWriter(db)
        writer.insert_documents(documents)
        with stage("extract, resolve and write documents"):
            entities = write_documents(writer, documents, Assembly(register, gazetteer), corrections, db_path, workers)
        with stage("entity tables"):
            entities.attach(gazetteer)
            # Locations go in last: organisations located by their names alone add to them.
            entity_rows = entities.rows(corrections, {document.source_file: document.id for document in documents})
            writer.insert(as_tuples(entity_rows))
        with stage("indexes, search, map table, statistics"):
            writer.finish()
        STAGE_SECONDS.update({f"  of which {step}": seconds for step, seconds in writer.timings.items()})
        with stage("dataset assertions"):
            check_assertions(db.conn, assertions, seeds_dir / ASSERTIONS_FILE_NAME)
        with stage("changes against the previous build"):
            changes = release_changes.compare(db.conn, db_path if db_path.exists() else None)
            writer.insert_changes(changes)
        with stage("check and move into place"):
            counts = row_counts(db)
            db.close()
            check_integrity(temporary_path)
            flush_to_disk(temporary_path)
        os.replace(temporary_path, db_path)
        flush_to_disk(db_path.parent)
        release_changes.write_csv(changes, db_path.with_name(CHANGES_CSV_NAME))
    except (OSError, sqlite3.Error) as error:
        hint = " (is the disk full, or the file size limited?)" if _is_out_of_space(error) else ""
        raise BuildError(temporary_path, f"cannot write the database: {error}{hint}") from None
    finally:
        temporary_path.unlink(missing_ok=True)
        for shard in temporary_path.parent.glob(f".{db_path.name}.shard*.{os.getpid()}.tmp"):
            shard.unlink(missing_ok=True)
    return counts, release_changes.summary(changes)


CHANGES_CSV_NAME = "changes.csv"  # beside the database: build/changes.csv


# Below this many documents, starting worker processes costs more than it saves.
PARALLEL_FROM_DOCUMENTS = 50


def write_documents(
    writer: DatabaseWriter, documents: list, assembly: Assembly, corrections: list, db_path: Path, workers: int | None = None
) -> EntityTables:
    """Extract, assemble and write every document's rows; return what they observed of the
    entities. Documents are independent, so a large corpus is split into one contiguous run per
    core: each worker (forked, sharing the gazetteer and register) writes its run into a shard
    database, and the shards are copied in, in order, by SQL. The rows, their order and the
    entities are the same either way."""
    workers = workers or min(os.cpu_count() or 1, 8)
    if workers < 2 or len(documents) < PARALLEL_FROM_DOCUMENTS:
        return _write_run(writer, documents, assembly, corrections)
    size = -(-len(documents) // workers)
    runs = [documents[index : index + size] for index in range(0, len(documents), size)]
    shards = [db_path.with_name(f".{db_path.name}.shard{n}.{os.getpid()}.tmp") for n in range(len(runs))]
    global _work
    _work = (assembly, corrections)
    with multiprocessing.get_context("fork").Pool(len(runs)) as pool:
        observed = pool.starmap(_write_shard, zip(runs, shards))
    entities = observed[0]
    for shard, later in zip(shards, observed):
        with stage("copy shards in"):
            writer.copy_shard(shard)
        shard.unlink()
        if later is not entities:
            entities.merge(later)
    return entities


_work: tuple = ()


def _write_shard(documents: list, shard: Path) -> EntityTables:
    gc.disable()  # a worker lives for one run of documents and makes no reference cycles worth collecting
    assembly, corrections = _work
    shard_writer = DatabaseWriter(open_new_database(shard), shard=True)
    entities = _write_run(shard_writer, documents, assembly, corrections)
    shard_writer.close_shard()
    shard_writer.db.close()
    return entities


def _write_run(writer: DatabaseWriter, documents: list, assembly: Assembly, corrections: list) -> EntityTables:
    entities = EntityTables(None)
    for document in documents:
        assembled = assembly.assemble(extract_document(document, corrections))
        writer.insert(assembled.rows)
        entities.add(assembled.document_id, assembled.observations)
    return entities


def _is_out_of_space(error: Exception) -> bool:
    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
    return any(words in str(error) for words in ("disk I/O error", "database or disk is full"))


def remove_abandoned_temporary_files(db_path: Path) -> None:
    """Delete temporary files left by builds that were killed (their process is gone)."""
    for leftover in db_path.parent.glob(f".{db_path.name}.*.tmp"):
        pid = leftover.name.split(".")[-2]
        if pid.isdigit() and not process_is_alive(int(pid)):
            leftover.unlink(missing_ok=True)


def process_is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def check_integrity(path: Path) -> None:
    # quick_check verifies the file's structure in linear time; integrity_check, which also
    # matches every index against its table, takes longer than the whole build at scale.
    with closing(sqlite3.connect(path)) as connection:
        result = connection.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise BuildError(path, f"integrity check failed: {result}")


def flush_to_disk(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def main(argv: list[str] | None = None) -> int:
    # The build process makes few reference cycles and ends when the build does: the cyclic
    # collector, which rescans every live object as the entity tables grow, only costs time.
    gc.disable()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of *.txt documents")
    parser.add_argument("--db", type=Path, default=Path("build/kashmir.db"), help="database to write")
    parser.add_argument("--timings", action="store_true", help="print how long each stage took")
    parser.add_argument("--workers", type=int, help="processes for the documents (default: one per core)")
    arguments = parser.parse_args(argv)
    try:
        counts, changed = build(arguments.seeds, arguments.db, arguments.workers)
    except BuildError as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    summary = ", ".join(f"{count} {table}" for table, count in counts.items())
    print(f"built {arguments.db}: {summary}")
    print(f"changes against the previous build: {changed} (rows in the changes table and {arguments.db.with_name(CHANGES_CSV_NAME)})")
    if arguments.timings:
        for name, seconds in STAGE_SECONDS.items():
            print(f"  {seconds:7.2f} s  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
