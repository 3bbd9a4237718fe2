"""Release stage: the dataset's assertions checked against the new database, before it
replaces the previous one.

Takes: the `Assertion`s of `assertions.yml` and the finished database. Gives: nothing, or a
BuildError naming the file, the line of the first failed assertion and the numbers of every
failure, so a parser change that silently loses or multiplies rows fails the build and the
previous database stays in place.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from scripts.common.errors import BuildError
from scripts.curated.assertions import Assertion


def check_assertions(connection: sqlite3.Connection, assertions: list[Assertion], path: Path) -> list[tuple[Assertion, float]]:
    """Every assertion against the database; raise one BuildError listing all that fail.
    Returns each assertion with the value measured."""
    measured, failures = [], []
    for assertion in assertions:
        try:
            row = connection.execute(assertion.sql).fetchone()
        except sqlite3.Error as error:
            raise BuildError(path, f"{assertion.name}: the query fails: {error}", assertion.line) from None
        value = row[0] if row else None
        problem = assertion.failure(value)
        if problem:
            failures.append((assertion, problem))
        measured.append((assertion, value))
    if failures:
        listed = "; ".join(problem for _, problem in failures)
        raise BuildError(path, f"{len(failures)} dataset assertion(s) failed: {listed}", failures[0][0].line)
    return measured
