"""The dataset's assertions (`assertions.yml` in the seeds folder): expectations about the built
database that every build must meet.

Takes: the seeds folder (no file: nothing is asserted, as for a synthetic corpus). Gives:
`Assertion`s, each a SQL query returning one number, with a `min`, a `max` or both, the reason
it holds and its line. `rows:` is the short form for a table's row count. A check about rows
gives `offending_rows` instead of `sql`: a query listing each row that breaks it, as where it is
(`document:line`, or an id) and what it is; the number measured is how many it lists, and a
failure names them. The release stage
checks them (`scripts.pipeline.release.assertions`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, ClassVar

from pydantic import model_validator

from scripts.curated.schema import CuratedFile, Entry, Keyed, Number, RequiredText, Text, read_curated_file

ASSERTIONS_FILE_NAME = "assertions.yml"


@dataclass(frozen=True)
class Assertion:
    name: str
    sql: str  # gives the number measured; for `offending_rows`, the rows it counts
    minimum: float | None
    maximum: float | None
    line: int
    lists_rows: bool = False  # `sql` lists offending rows (where, what) rather than giving a number

    def failure(self, value: float | None) -> str | None:
        """What is wrong with the measured value, or None when it holds."""
        if value is None:
            return f"{self.name}: the query gave no number ({self.sql})"
        if self.minimum is not None and value < self.minimum:
            return f"{self.name}: {value:g} is below the minimum {self.minimum:g}"
        if self.maximum is not None and value > self.maximum:
            return f"{self.name}: {value:g} is above the maximum {self.maximum:g}"
        return None


class Bounds(Entry):
    min: Number = None
    max: Number = None

    @model_validator(mode="after")
    def _a_bound(self):
        if self.min is None and self.max is None:
            raise ValueError("needs min, max or both")
        return self


class Check(Bounds):
    name: RequiredText
    sql: Text = None
    offending_rows: Text = None
    why: RequiredText

    @model_validator(mode="after")
    def _one_query(self):
        if (self.sql is None) == (self.offending_rows is None):
            raise ValueError("needs sql (a number) or offending_rows (the rows that break it), not both")
        return self


class AssertionsFile(CuratedFile):
    shape: ClassVar[str] = "a mapping with 'rows' and 'checks'"
    rows: Annotated[dict[str, Bounds], Keyed] = {}
    checks: tuple[Check, ...] = ()


def load_assertions(seeds_dir: Path) -> list[Assertion]:
    checked = read_curated_file(AssertionsFile, seeds_dir / ASSERTIONS_FILE_NAME)
    if checked is None:
        return []
    return [
        Assertion(f"rows in {table}", f"select count(*) from [{table}]", bounds.min, bounds.max, bounds.line)
        for table, bounds in checked.rows.items()
    ] + [
        Assertion(check.name, check.sql or check.offending_rows, check.min, check.max, check.line, lists_rows=check.sql is None)
        for check in checked.checks
    ]
