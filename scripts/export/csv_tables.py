"""Export: every table and view of the built database as a CSV file.

    python -m scripts.export.csv_tables --db build/kashmir.db --out build/csv

Takes: a built database. Gives: one UTF-8 CSV per table and view (full-text index tables
left out), with a header row and the rows in primary-key order, so two exports of the same
database are identical. Written to a temporary folder and moved into place whole.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import click

from scripts.export import built_database_option, require_database


def exportable(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    """(name, "table" or "view") of everything a user would want to take away."""
    fts = {row[0] for row in connection.execute("select name from sqlite_master where sql like '%using fts%'")}
    rows = connection.execute("select name, type from sqlite_master where type in ('table', 'view') order by type, name")
    return [
        (name, kind)
        for name, kind in rows
        if not name.startswith("sqlite_") and not any(name == f or name.startswith(f"{f}_") for f in fts)
    ]


def export(db_path: Path, out_dir: Path) -> dict[str, int]:
    temporary = out_dir.with_name(f".{out_dir.name}.tmp")
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir(parents=True)
    counts = {}
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as connection:
        for name, kind in exportable(connection):
            order = " order by id" if "id" in [c[1] for c in connection.execute(f"pragma table_info([{name}])")] else ""
            cursor = connection.execute(f"select * from [{name}]{order}")
            with open(temporary / f"{name}.csv", "w", encoding="utf-8", newline="") as file:
                writer = csv.writer(file)
                writer.writerow([column[0] for column in cursor.description])
                counts[name] = 0
                for row in cursor:
                    writer.writerow(row)
                    counts[name] += 1
    shutil.rmtree(out_dir, ignore_errors=True)
    temporary.rename(out_dir)
    return counts


@click.command(help="Every table and view of a built database as CSV files.")
@built_database_option
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default="build/csv", show_default=True, help="folder to write")
def main(db: Path, out: Path) -> None:
    require_database(db)
    counts = export(db, out)
    click.echo(f"wrote {len(counts)} files to {out}: " + ", ".join(f"{n} {name}" for name, n in counts.items()))


if __name__ == "__main__":
    main()
