"""Stable identifiers: every id is derived from a row's natural key, never from its position.

Organisations, people and (later) places get readable slugs of their name; rows that need a
compound key (letters, signatures, mentions) get a short hash of it, prefixed with their kind;
the largest tables (provenance, appearances) a 63-bit integer hash of it, their rowid.
Adding a document or a signature elsewhere therefore changes no existing id.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata


@functools.lru_cache(maxsize=100_000)  # the same names recur across documents
def normalise_name(name: str) -> str:
    """A matching key: case, accents, punctuation, '&' and a leading 'the' do not matter."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    folded = folded.replace("&", " and ")
    words = re.findall(r"[a-z0-9]+", folded)
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def slug(name: str) -> str:
    return normalise_name(name).replace(" ", "-")


def hashed_number(*natural_key: object) -> int:
    """63 bits of the BLAKE2b hash of the natural key's parts: an id for a table whose rows are
    many and found through other tables (provenance, appearances). An integer is the table's
    rowid, so the id needs no index of its own (a text id's index took about 40 bytes a row).
    Two rows sharing an id would fail the build."""
    key = "\x1f".join(str(part) for part in natural_key)
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def small_hashed_number(*natural_key: object) -> int:
    """31 bits of the same hash, never 0: an id for the rows of a small lookup table (the rules),
    stored in 4 bytes wherever a large table points at it (its text took about 30). The build
    fails if two keys share one (`EntityTables.add_rules`)."""
    return hashed_number(*natural_key) % (2**31 - 1) + 1


def hashed_id(prefix: str, *natural_key: object) -> str:
    """`prefix-` and 12 hex digits of the SHA-256 of the natural key's parts."""
    key = "\x1f".join(str(part) for part in natural_key)
    return f"{prefix}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:12]}"
