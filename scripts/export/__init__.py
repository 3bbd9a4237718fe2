"""What is made from a built database, apart from the build: every table as CSV
(`csv_tables`, `make csv`) and FollowTheMoney entities (`ftm`, `make ftm`)."""

from __future__ import annotations

from pathlib import Path

import click

# The option every export takes: the database it reads.
built_database_option = click.option(
    "--db", type=click.Path(path_type=Path, dir_okay=False), default="build/kashmir.db", show_default=True, help="the built database"
)


def require_database(db: Path) -> None:
    """A clear error, naming the file, when the database to export was never built."""
    if not db.exists():
        raise click.ClickException(f"{db}: no such database (run `make build` first)")
