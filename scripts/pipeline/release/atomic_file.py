"""Release stage: a new database written beside the old one and moved into place only when it
is whole.

`AtomicReplacement(target)` names a temporary file beside the target (`.<name>.<pid>.tmp`);
the build writes there, and `commit()` checks its structure (`PRAGMA quick_check`), flushes it
to disk and renames it over the target, which is atomic on one file system. Leaving the block
removes what this process left beside the target (the temporary file, the workers' shards),
and turns a failure to write (a full disk, a file size limit, a broken database) into a
`BuildError`; the previous database stays exactly as it was. Temporary files of builds that
were killed (their process gone) are removed when the next build starts.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from contextlib import closing
from pathlib import Path

from scripts.common.errors import BuildError


class AtomicReplacement:
    def __init__(self, target: Path):
        self.target = target
        self.temporary = self.sibling("")

    def sibling(self, label: str) -> Path:
        """A scratch file of this process beside the target (`label`: what it holds)."""
        middle = f".{label}" if label else ""
        return self.target.with_name(f".{self.target.name}{middle}.{os.getpid()}.tmp")

    def __enter__(self) -> AtomicReplacement:
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise BuildError(self.target.parent, f"cannot create the build folder: {error.strerror}") from None
        remove_abandoned_temporary_files(self.target)
        return self

    def commit(self) -> None:
        """Check the temporary file and move it into place."""
        check_integrity(self.temporary)
        flush_to_disk(self.temporary)
        os.replace(self.temporary, self.target)
        flush_to_disk(self.target.parent)

    def __exit__(self, kind, error, traceback) -> None:
        for leftover in self.target.parent.glob(f".{self.target.name}*.{os.getpid()}.tmp"):
            leftover.unlink(missing_ok=True)
        if isinstance(error, (OSError, sqlite3.Error)):
            hint = " (is the disk full, or the file size limited?)" if is_out_of_space(error) else ""
            raise BuildError(self.temporary, f"cannot write the database: {error}{hint}") from None


def is_out_of_space(error: Exception) -> bool:
    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
    return any(words in str(error) for words in ("disk I/O error", "database or disk is full"))


def remove_abandoned_temporary_files(target: Path) -> None:
    """Delete temporary files left by builds that were killed (their process is gone)."""
    for leftover in target.parent.glob(f".{target.name}.*.tmp"):
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
