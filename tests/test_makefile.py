"""`make serve` rebuilds the database only when the seeds or the build's own code changed
(`scripts/build.py`, the pipeline, the curated files' readers, the helpers they share), never
for a benchmark, an export, the serving settings or a plugin. Checked with `make -n -W FILE`,
which says what make would run were FILE just changed, without changing it."""

from __future__ import annotations

import subprocess

import pytest
from conftest import REPO


@pytest.mark.parametrize(
    "changed, rebuilds",
    [
        ("scripts/build.py", True),
        ("scripts/pipeline/extract/letters.py", True),
        ("scripts/pipeline/resolve/places.py", True),
        ("scripts/curated/register.py", True),
        ("scripts/common/spans.py", True),
        ("seeds/register.yml", True),
        ("seeds/000_256be309d504f665.txt", True),
        ("scripts/tools/bench.py", False),
        ("scripts/export/csv_tables.py", False),
        ("scripts/serve/settings.py", False),
        ("plugins/robots.py", False),
        ("metadata.yml", False),
    ],
)
def test_the_database_is_rebuilt_only_when_the_seeds_or_the_builds_own_code_change(built_db, changed, rebuilds):
    assert (REPO / changed).exists()
    result = subprocess.run(["make", "--no-print-directory", "-n", "-W", changed, "serve", f"DB={built_db}"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "-m scripts.serve.workers" in result.stdout
    assert ("-m scripts.build" in result.stdout) is rebuilds, result.stdout


def test_the_load_test_serves_a_database_built_elsewhere_as_it_is(tmp_path):
    """`make loadtest LOADTEST_DB=…` (the benchmark's 10,000 documents) neither rebuilds nor inspects it."""
    db = tmp_path / "kashmir.db"
    result = subprocess.run(["make", "--no-print-directory", "-n", "loadtest", f"LOADTEST_DB={db}"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"-m scripts.tools.loadtest --db {db} " in result.stdout
    assert "-m scripts.build" not in result.stdout and "--inspect" not in result.stdout
