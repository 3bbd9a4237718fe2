"""Release changes: what this build adds, removes and changes against the previous database.

Takes: the new database (before it replaces the previous one) and the previous database file,
if there is one. Gives: the rows of the `changes` table, one for each row added, removed or
changed in any table, matched by stable id, with the columns whose values changed, plus a row
for each table or column that appeared or went. The first row says what was compared: "compared
with the previous build", or "no previous build". Every row records the previous file's sha256,
so a user can tell which release a list of changes is against, even when nothing changed.
`write_csv` writes the same rows as `changes.csv`.

All comparisons are SQL joins on the primary keys of the two files, so the cost grows with the
rows, not their square: one pass over each new table finds its added and changed rows, one
over each old table its removed rows. Rows are in a fixed order (table, change, id): the same two databases
always give the same changes.
"""

from __future__ import annotations

import csv
import hashlib
import sqlite3
from pathlib import Path

from scripts.pipeline.load.schema import SCHEMA

CHANGES_TABLE = "changes"
COMPARED_TABLES = [name for name in SCHEMA if name != CHANGES_TABLE]
COMPARED = "compared with the previous build"
CSV_COLUMNS = ["table_name", "row_id", "change", "columns", "previous_sha256"]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def compare(connection: sqlite3.Connection, previous: Path | None) -> list[dict]:
    if previous is None or not previous.exists():
        return [_change(None, None, "no previous build", None, None)]
    previous_sha256 = sha256_of(previous)
    connection.execute("attach database ? as previous", [str(previous)])
    try:
        return [_change(None, None, COMPARED, None, previous_sha256)] + _compare_attached(connection, previous_sha256)
    finally:
        connection.execute("detach database previous")


def _compare_attached(connection: sqlite3.Connection, previous_sha256: str) -> list[dict]:
    previous_tables = {row[0] for row in connection.execute("select name from previous.sqlite_master where type = 'table'")}
    changes = []

    def add(table, row_id, change, columns=None):
        changes.append(_change(table, row_id, change, columns, previous_sha256))

    for table in COMPARED_TABLES:
        if table not in previous_tables:
            add(table, None, "table added")
            continue
        columns = list(SCHEMA[table].columns)
        before = [row[1] for row in connection.execute(f"pragma previous.table_info([{table}])")]
        if "id" not in before:
            add(table, None, "table replaced (no id column before)")
            continue
        for column in columns:
            if column not in before:
                add(table, None, "column added", column)
        for column in before:
            if column not in columns:
                add(table, None, "column removed", column)
        # Added and changed rows in one pass over the new table, removed ones in one over the old.
        shared = [column for column in columns if column in before and column != "id"]
        differs = " or ".join(f"new.[{c}] is not old.[{c}]" for c in shared) or "0"
        which = " || ".join(f"(case when new.[{c}] is not old.[{c}] then ' {c}' else '' end)" for c in shared) or "''"
        sql = (
            f"select new.id, old.id is null, ltrim({which}) from main.[{table}] as new"
            f" left join previous.[{table}] as old on old.id = new.id where old.id is null or {differs}"
        )
        added, changed = [], []
        for row_id, is_new, changed_columns in connection.execute(sql):
            (added if is_new else changed).append((row_id, changed_columns))
        for row_id, _ in sorted(added):
            add(table, row_id, "added")
        for (row_id,) in connection.execute(f"select id from previous.[{table}] where id not in (select id from main.[{table}]) order by id"):
            add(table, row_id, "removed")
        for row_id, changed_columns in sorted(changed):
            add(table, row_id, "changed", changed_columns.replace(" ", ", "))
    for table in sorted(previous_tables - set(COMPARED_TABLES) - {CHANGES_TABLE}):
        if not table.startswith("sqlite_") and "_fts" not in table:
            add(table, None, "table removed")
    return changes


def _change(table: str | None, row_id, change: str, columns: str | None, previous_sha256: str | None) -> dict:
    row_id = None if row_id is None else str(row_id)  # provenance ids are integers
    key = "/".join(part for part in (table, change, row_id or columns) if part)
    key = key if table else f"build/{change}"
    return {"id": key, "table_name": table, "row_id": row_id, "change": change, "columns": columns, "previous_sha256": previous_sha256}


def summary(changes: list[dict]) -> str:
    if changes and changes[0]["change"] == "no previous build":
        return "no previous build to compare with"
    counts: dict[str, int] = {}
    for change in changes[1:]:
        counts[change["change"]] = counts.get(change["change"], 0) + 1
    return ", ".join(f"{count} {change}" for change, count in sorted(counts.items())) or "no changes"


def write_csv(changes: list[dict], path: Path) -> None:
    """`changes.csv`, written beside and then moved into place, as the database is."""
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(changes)
    temporary.replace(path)
