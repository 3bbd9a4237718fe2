"""The dataset's assertions (`assertions.yml` in the seeds folder): expectations about the built
database that every build must meet.

Takes: the seeds folder (no file: nothing is asserted, as for a synthetic corpus). Gives:
`Assertion`s, each a SQL query returning one number, with a `min`, a `max` or both, the reason
it holds and its line. `rows:` is the short form for a table's row count. The release stage
checks them (`scripts.pipeline.release.assertions`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, ClassVar

from pydantic import model_validator

from scripts.curated.schema import CuratedFile, Entry, Keyed, Number, RequiredText, validated
from scripts.curated.yaml_file import load_data_file

ASSERTIONS_FILE_NAME = "assertions.yml"


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
    sql: RequiredText
    why: RequiredText


class AssertionsFile(CuratedFile):
    shape: ClassVar[str] = "a mapping with 'rows' and 'checks'"
    rows: Annotated[dict[str, Bounds], Keyed] = {}
    checks: tuple[Check, ...] = ()


def load_assertions(seeds_dir: Path) -> list[Assertion]:
    path = seeds_dir / ASSERTIONS_FILE_NAME
    content = load_data_file(path)
    if content is None:
        return []
    checked = validated(AssertionsFile, content, path)
    return [
        Assertion(f"rows in {table}", f"select count(*) from [{table}]", bounds.min, bounds.max, bounds.line)
        for table, bounds in checked.rows.items()
    ] + [Assertion(check.name, check.sql, check.min, check.max, check.line) for check in checked.checks]
