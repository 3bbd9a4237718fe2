"""Entry point: build the database from a folder of seed documents.

    python -m scripts.build --seeds seeds --db build/kashmir.db [--timings] [--workers N]

Runs the pipeline's stages in order (`scripts.pipeline`: read -> extract -> resolve -> load ->
release) into a temporary file beside the target, checks it, and only then moves it into
place. A failed build prints `file:line: message` on stderr, exits 1, and leaves any previous
database exactly as it was.
"""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from scripts.common.errors import BuildError
from scripts.common.timings import Timings
from scripts.curated.assertions import ASSERTIONS_FILE_NAME, load_assertions
from scripts.curated.corrections import check_corrections_name_documents, load_corrections
from scripts.curated.redactions import load_redactions
from scripts.curated.register import load_register
from scripts.pipeline.load.schema import as_tuples
from scripts.pipeline.load.writer import DatabaseWriter, open_new_database, row_counts
from scripts.pipeline.read.documents import read_documents
from scripts.pipeline.release import changes as release_changes
from scripts.pipeline.release.assertions import check_assertions
from scripts.pipeline.release.atomic_file import AtomicReplacement
from scripts.pipeline.resolve.gazetteer import load_gazetteer
from scripts.pipeline.resolve.resolver import Resolver
from scripts.pipeline.shards import write_documents

CHANGES_CSV_NAME = "changes.csv"  # beside the database: build/changes.csv


@dataclass
class BuildResult:
    counts: dict[str, int]  # rows per table
    changes: str  # what changed against the previous build, in words
    timings: Timings


def build(seeds_dir: Path, db_path: Path, workers: int | None = None) -> BuildResult:
    """Build `db_path` from `seeds_dir` atomically. `workers`: processes for the documents
    (default: one per core, up to 8; 1 builds in this process)."""
    timings = Timings()
    with timings.stage("read documents and curated files"):
        redactions = load_redactions(seeds_dir)
        documents = read_documents(seeds_dir, redactions)
        register = load_register(seeds_dir)
        corrections = [correction.redacted(redactions) for correction in load_corrections(seeds_dir)]
        check_corrections_name_documents(corrections, {document.source_file for document in documents})
        gazetteer = load_gazetteer(seeds_dir)
        assertions = load_assertions(seeds_dir)
    gc.freeze()  # what is loaded so far lives for the whole build: spare the collector from rescanning it
    with AtomicReplacement(db_path) as replacement:
        writer = DatabaseWriter(open_new_database(replacement.temporary))
        writer.insert_documents(documents)
        with timings.stage("extract, resolve and write documents"):
            resolver = Resolver(register, gazetteer)
            entities = write_documents(writer, documents, resolver, corrections, replacement.sibling, timings, workers)
        with timings.stage("entity tables"):
            entities.attach(gazetteer)
            # Locations go in last: organisations located by their names alone add to them.
            entity_rows = entities.rows(corrections, {document.source_file: document.id for document in documents})
            writer.insert(as_tuples(entity_rows))
        with timings.stage("indexes, search, views, statistics"):
            writer.finish()
        timings.add_steps(writer.timings.seconds)
        with timings.stage("dataset assertions"):
            check_assertions(writer.connection, assertions, seeds_dir / ASSERTIONS_FILE_NAME)
        with timings.stage("changes against the previous build"):
            changes = release_changes.compare(writer.connection, db_path if db_path.exists() else None)
            writer.insert_changes(changes)
        with timings.stage("check and move into place"):
            counts = row_counts(writer.db)
            writer.db.close()
            replacement.commit()
        release_changes.write_csv(changes, db_path.with_name(CHANGES_CSV_NAME))
    return BuildResult(counts, release_changes.summary(changes), timings)


@click.command(help="Build the database from a folder of seed documents (read, extract, resolve, load, release).")
@click.option("--seeds", type=click.Path(path_type=Path), default="seeds", show_default=True, help="folder of *.txt documents and curated files")
@click.option("--db", type=click.Path(path_type=Path, dir_okay=False), default="build/kashmir.db", show_default=True, help="database to write")
@click.option("--timings", "show_timings", is_flag=True, help="print how long each stage took")
@click.option("--workers", type=click.IntRange(min=1), help="processes for the documents (default: one per core)")
def main(seeds: Path, db: Path, show_timings: bool, workers: int | None) -> None:
    # The build process makes few reference cycles and ends when the build does: the cyclic
    # collector, which rescans every live object as the entity tables grow, only costs time.
    gc.disable()
    try:
        result = build(seeds, db, workers)
    except BuildError as error:
        click.echo(f"build failed: {error}", err=True)
        sys.exit(1)
    summary = ", ".join(f"{count} {table}" for table, count in result.counts.items())
    click.echo(f"built {db}: {summary}")
    click.echo(f"to review: {result.counts.get('to_review', 0)} (blocks the rules could not read with confidence: the to_review table)")
    click.echo(f"changes against the previous build: {result.changes} (rows in the changes table and {db.with_name(CHANGES_CSV_NAME)})")
    if show_timings:
        for name, seconds in result.timings.seconds.items():
            click.echo(f"  {seconds:7.2f} s  {name}")


if __name__ == "__main__":
    main()
