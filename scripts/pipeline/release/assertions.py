"""Release stage: the dataset's assertions checked against the new database, before it
replaces the previous one.

Takes: the `Assertion`s of `assertions.yml` and the finished database. Gives: nothing, or a
BuildError naming the file, the line of the first failed assertion and the numbers of every
failure, with the rows that break a check about rows (`document:line` and what they hold), so a parser change that silently loses or multiplies rows fails the build and the
previous database stays in place.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from scripts.common.errors import BuildError
from scripts.curated.assertions import Assertion

SHOWN_ROWS = 5  # a failure names this many of the rows that break it


def named_rows(rows: list[tuple]) -> str:
    """`000_x:134 “Hillside Mosque”, …`: where each row is and what it holds."""
    shown = ", ".join(" ".join(f"“{part}”" if index else str(part) for index, part in enumerate(row) if part is not None) for row in rows[:SHOWN_ROWS])
    more = f" and {len(rows) - SHOWN_ROWS} more" if len(rows) > SHOWN_ROWS else ""
    return shown + more


def check_assertions(connection: sqlite3.Connection, assertions: list[Assertion], path: Path) -> list[tuple[Assertion, float]]:
    """Every assertion against the database; raise one BuildError listing all that fail.
    Returns each assertion with the value measured."""
    measured, failures = [], []
    for assertion in assertions:
        try:
            rows = connection.execute(assertion.sql).fetchall()
        except sqlite3.Error as error:
            raise BuildError(path, f"{assertion.name}: the query fails: {error}", assertion.line) from None
        value = len(rows) if assertion.lists_rows else rows[0][0] if rows else None
        problem = assertion.failure(value)
        if problem:
            if assertion.lists_rows:
                problem += f" ({named_rows(rows)})"
            failures.append((assertion, problem))
        measured.append((assertion, value))
    if failures:
        listed = "; ".join(problem for _, problem in failures)
        raise BuildError(path, f"{len(failures)} dataset assertion(s) failed: {listed}", failures[0][0].line)
    return measured
