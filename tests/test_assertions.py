"""Dataset assertions (`seeds/assertions.yml`, `scripts/pipeline/release/assertions.py`): the build measures
every expectation about the data and refuses to ship a database that breaks one, naming the
assertion's line and the numbers, and keeping the previous database."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from conftest import SEEDS, copy_seeds, run_build

from scripts.common.errors import BuildError
from scripts.curated.assertions import Assertion, load_assertions
from scripts.pipeline.release.assertions import check_assertions


def test_the_seeds_assertions_cover_every_table_and_hold_on_the_built_database(built_db):
    assertions = load_assertions(SEEDS)
    names = {assertion.name for assertion in assertions}
    for table in ("documents", "letters", "signatories", "organisations", "people", "locations", "mentions"):
        assert f"rows in {table}" in names
    for name in ("share of signatories located at a place", "organisations that no document names", "signatories without offsets"):
        assert name in names
    with closing(sqlite3.connect(built_db)) as connection:
        measured = dict((assertion.name, value) for assertion, value in check_assertions(connection, assertions, SEEDS / "assertions.yml"))
    assert measured["signatories without offsets"] == 0
    assert 0.6 <= measured["share of signatories located at a place"] <= 1


def tighten(seeds, old: str, new: str) -> int:
    path = seeds / "assertions.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


@pytest.mark.slow
@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("signatories: {min: 65, max: 200}", "signatories: {min: 66, max: 200}", "rows in signatories: 65 is below the minimum 66"),
        ("signatories: {min: 65, max: 200}", "signatories: {min: 10, max: 64}", "rows in signatories: 65 is above the maximum 64"),
        ("    min: 0.6\n", "    min: 0.9\n", "share of signatories located at a place: 0.723077 is below the minimum 0.9"),
    ],
    ids=["rows lost", "rows multiplied", "places lost"],
)
def test_a_broken_assertion_fails_the_build_with_its_numbers_and_keeps_the_previous_database(tmp_path, old, new, expected):
    seeds = copy_seeds(tmp_path / "seeds")
    db = tmp_path / "kashmir.db"
    assert run_build(seeds, db).returncode == 0
    previous = db.read_bytes()

    line = tighten(seeds, old, new)
    result = run_build(seeds, db)

    assert result.returncode == 1
    assert "dataset assertion(s) failed" in result.stderr and expected in result.stderr
    assertion_line = line if old.startswith("signatories") else line - 2  # a check's line is its "- name:"
    assert f"assertions.yml:{assertion_line}: " in result.stderr
    assert db.read_bytes() == previous


@pytest.mark.slow
def test_an_assertion_whose_query_fails_names_its_line(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    line = tighten(seeds, "from letters where signed_by_count = 0", "from no_such_table") - 1
    result = run_build(seeds, tmp_path / "kashmir.db")
    assert result.returncode == 1
    assert f"assertions.yml:{line}: letters without a signatory: the query fails: no such table: no_such_table" in result.stderr


def test_a_check_about_rows_names_the_rows_that_break_it(db):
    titles = dict(db.execute("select document_id || ':' || line_start, title from letters").fetchall())
    breaking = Assertion("letters with a signatory", "select document_id || ':' || line_start, title from letters where signed_by_count > 0", None, 0, 7, lists_rows=True)
    with pytest.raises(BuildError) as raised:
        check_assertions(db, [breaking], SEEDS / "assertions.yml")
    message = str(raised.value)
    assert message.startswith(f"{SEEDS / 'assertions.yml'}:7: 1 dataset assertion(s) failed: letters with a signatory: 3 is above the maximum 0")
    for where, title in titles.items():
        assert f"{where} “{title}”" in message


def test_a_check_gives_a_number_or_the_rows_that_break_it_never_both(tmp_path):
    (tmp_path / "assertions.yml").write_text(
        "checks:\n  - name: n\n    sql: select 1\n    offending_rows: select 'x', 'y'\n    max: 0\n    why: w\n", encoding="utf-8"
    )
    with pytest.raises(BuildError, match="assertions.yml:2: .*needs sql .* or offending_rows"):
        load_assertions(tmp_path)

