"""Dataset assertions: expectations about the built database that every build must meet.

Takes: `assertions.yml` in the seeds folder (absent: nothing is asserted, as for a synthetic
corpus) and the finished database, before it replaces the previous one. Gives: nothing, or a
BuildError naming the file, the line of the first failed assertion and the numbers of every
failure, so a parser change that silently loses or multiplies rows fails the build and the
previous database stays in place.

Each assertion is a SQL query returning one number, with a `min`, a `max` or both, and the
reason it holds. `rows:` is the short form for a table's row count.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from scripts.data_files import KEY_LINES, LINE, fields_of, load_data_file, text_or_none
from scripts.errors import BuildError

ASSERTIONS_FILE_NAME = "assertions.yml"
ASSERTION_FIELDS = {"name", "sql", "min", "max", "why"}
ROWS_FIELDS = {"min", "max"}


@dataclass(frozen=True)
class Assertion:
    name: str
    sql: str
    minimum: float | None
    maximum: float | None
    line: int

    def failure(self, value: float | None) -> str | None:
        """What is wrong with the measured value, or None when it holds."""
        if value is None:
            return f"{self.name}: the query gave no number ({self.sql})"
        if self.minimum is not None and value < self.minimum:
            return f"{self.name}: {value:g} is below the minimum {self.minimum:g}"
        if self.maximum is not None and value > self.maximum:
            return f"{self.name}: {value:g} is above the maximum {self.maximum:g}"
        return None


def load_assertions(seeds_dir: Path) -> list[Assertion]:
    path = seeds_dir / ASSERTIONS_FILE_NAME
    content = load_data_file(path)
    if content is None:
        return []
    if not isinstance(content, dict) or set(fields_of(content)) - {"rows", "checks"}:
        raise BuildError(path, "expected a mapping with 'rows' and 'checks'", 1)
    assertions = []
    rows = content.get("rows") or {}
    for table, bounds in fields_of(rows).items() if isinstance(rows, dict) else ():
        line = rows[KEY_LINES][table]
        if not isinstance(bounds, dict) or not set(fields_of(bounds)) <= ROWS_FIELDS or not fields_of(bounds):
            raise BuildError(path, f"rows of {table}: give min, max or both", line)
        assertions.append(
            Assertion(f"rows in {table}", f"select count(*) from [{table}]", _number(path, bounds, "min"), _number(path, bounds, "max"), line)
        )
    for check in content.get("checks") or []:
        if not isinstance(check, dict):
            raise BuildError(path, "each check is a mapping", None)
        unknown = set(fields_of(check)) - ASSERTION_FIELDS
        if unknown:
            raise BuildError(path, f"unknown field {sorted(unknown)[0]!r}", check[KEY_LINES][sorted(unknown)[0]])
        missing = [field for field in ("name", "sql", "why") if not text_or_none(check.get(field))]
        if missing or ("min" not in check and "max" not in check):
            raise BuildError(path, f"a check needs name, sql, why and min or max (missing: {', '.join(missing) or 'min/max'})", check[LINE])
        assertions.append(
            Assertion(text_or_none(check["name"]), text_or_none(check["sql"]), _number(path, check, "min"), _number(path, check, "max"), check[LINE])
        )
    return assertions


def _number(path: Path, mapping: dict, key: str) -> float | None:
    if key not in mapping:
        return None
    try:
        return float(mapping[key])
    except (TypeError, ValueError):
        raise BuildError(path, f"{key} must be a number, not {mapping[key]!r}", mapping[KEY_LINES][key]) from None


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
