"""Extract, resolve and write every document, spread over worker processes when there are many.

Takes: the documents, the shared `Resolver`, the corrections and a `DatabaseWriter`. Gives:
every document's rows written, and the `EntityTables` of what they observed of the entities.
Documents are independent, so a large corpus is split into one contiguous run per core: each
worker (forked, sharing the gazetteer and register already loaded) writes its run into a shard
database beside the target, and the shards are copied in, in order, by SQL. The rows, their
order (rowids included) and the entities are the same either way.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
from pathlib import Path
from typing import Callable

from scripts.common.timings import Timings
from scripts.curated.corrections import Correction
from scripts.pipeline.extract.document import extract_document
from scripts.pipeline.load.writer import DatabaseWriter, open_new_database
from scripts.pipeline.read.documents import Document
from scripts.pipeline.resolve.entity_tables import EntityTables
from scripts.pipeline.resolve.resolver import Resolver

# Below this many documents, starting worker processes costs more than it saves.
PARALLEL_FROM_DOCUMENTS = 50


def write_documents(
    writer: DatabaseWriter,
    documents: list[Document],
    resolver: Resolver,
    corrections: list[Correction],
    shard_path: Callable[[str], Path],
    timings: Timings,
    workers: int | None = None,
) -> EntityTables:
    """`shard_path(label)`: where a worker's shard goes. `workers`: processes (default: one per
    core, up to 8; 1 writes in this process)."""
    workers = workers or min(os.cpu_count() or 1, 8)
    if workers < 2 or len(documents) < PARALLEL_FROM_DOCUMENTS:
        return write_run(writer, documents, resolver, corrections)
    size = -(-len(documents) // workers)
    runs = [documents[index : index + size] for index in range(0, len(documents), size)]
    shards = [shard_path(f"shard{number}") for number in range(len(runs))]
    # Each worker leaves the entities it observed in a file beside its shard, read once every
    # worker has ended: a worker's entities in this process while that worker still held them
    # set the build's peak memory.
    entity_files = [shard_path(f"shard{number}-entities") for number in range(len(runs))]
    global _shared
    _shared = (resolver, corrections)
    with multiprocessing.get_context("fork").Pool(len(runs)) as pool:
        pool.starmap(_write_shard, zip(runs, shards, entity_files))
    observed = [_load_entities(path) for path in entity_files]
    entities = observed[0]
    for shard, later in zip(shards, observed):
        with timings.stage("copy shards in"):
            writer.copy_shard(shard)
        shard.unlink()
        if later is not entities:
            entities.merge(later)
    return entities


def write_run(writer: DatabaseWriter, documents: list[Document], resolver: Resolver, corrections: list[Correction]) -> EntityTables:
    """Each document read to rows in turn: extract, resolve, write."""
    entities = EntityTables(None)
    for document in documents:
        resolved = resolver.resolve(extract_document(document, corrections))
        writer.insert(resolved.rows)
        entities.add(resolved.observations)
    return entities


# A shard is only appended to: at 10,000 documents each worker's 64 MB cache was 64 MB of the
# build's peak memory, and a small one writes as fast.
SHARD_CACHE_MB = 8

# What the forked workers share with the main process: set before the fork, never pickled.
_shared: tuple = ()


def _write_shard(documents: list[Document], shard: Path, entity_file: Path) -> None:
    gc.disable()  # a worker lives for one run of documents and makes no reference cycles worth collecting
    resolver, corrections = _shared
    shard_writer = DatabaseWriter(open_new_database(shard, cache_mb=SHARD_CACHE_MB), shard=True)
    entities = write_run(shard_writer, documents, resolver, corrections)
    shard_writer.close_shard()
    shard_writer.db.close()
    with open(entity_file, "wb") as file:
        pickle.dump(entities, file, protocol=pickle.HIGHEST_PROTOCOL)


def _load_entities(path: Path) -> EntityTables:
    with open(path, "rb") as file:
        entities = pickle.load(file)
    path.unlink()
    return entities
