"""The build's cache of slow-to-read reference data (`build/cache/`): a file per answer, named by
the versions of the data it was read from, so that a new version is read afresh.

Every stage that reads a large package file once and keeps what it needs (the gazetteer's
GeoNames places, the local authorities' postcodes) reads and writes it here. The cache is an
optimisation only: a missing, unreadable or unwritable file is read from the source again.
"""

from __future__ import annotations

import json
import os

from scripts.common.paths import BUILD_DIR

CACHE_DIR = BUILD_DIR / "cache"


def read_cache(name: str) -> dict | None:
    """The cached JSON object of that name, or None when there is none (or it cannot be read)."""
    try:
        return json.loads((CACHE_DIR / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_cache(name: str, content: dict) -> None:
    """Keep `content` under that name, atomically; a read-only checkout keeps nothing."""
    path = CACHE_DIR / name
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(content, sort_keys=True), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only checkout still builds, only more slowly
